/**
 * Archive and backup folders (`archive/`, `old/`, `backups/`, `backup_2024/`): copies of the app
 * or retired code kept out of use. One rule for the scanner's bloat/archive and bloat/backup
 * detectors (over the walked tree) and the codemod engine's listing (over paths), so a codemod
 * never migrates half of a copy that scan calls a copy. A Python package (`__init__.py` directly
 * inside) is code something imports, whatever its name.
 */

export type SnapshotRule = 'bloat/archive' | 'bloat/backup';

const ARCHIVE_FOLDER = /^(archive|archives|archived|old|attic|deprecated_code)$/i;
const BACKUP_FOLDER = /^(backups?|bak|\.?backup_\w+)$/i;

/** Which snapshot rule a folder falls under, from its name, whether it is a package, and its file count. */
export function snapshotFolderRule(name: string, isPythonPackage: boolean, fileCount: number): SnapshotRule | undefined {
  if (isPythonPackage || fileCount === 0) return undefined;
  if (ARCHIVE_FOLDER.test(name)) return 'bloat/archive';
  if (BACKUP_FOLDER.test(name)) return 'bloat/backup';
  return undefined;
}

/** The outermost snapshot folders among listed files (relative, `/`-separated), with their rule. */
export function snapshotFolders(paths: readonly string[]): Map<string, SnapshotRule> {
  const packages = new Set<string>();
  const dirs = new Set<string>();
  for (const p of paths) {
    const slash = p.lastIndexOf('/');
    if (slash < 0) continue;
    if (p.slice(slash + 1) === '__init__.py') packages.add(p.slice(0, slash));
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) dirs.add(p.slice(0, i));
  }
  const found = new Map<string, SnapshotRule>();
  for (const dir of [...dirs].sort()) {
    // Top-down, as the scanner claims folders: nothing below a claimed folder is asked again.
    if ([...found.keys()].some((f) => dir.startsWith(`${f}/`))) continue;
    const rule = snapshotFolderRule(dir.slice(dir.lastIndexOf('/') + 1), packages.has(dir), 1);
    if (rule) found.set(dir, rule);
  }
  return found;
}
