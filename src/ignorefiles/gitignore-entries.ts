/**
 * Which `.gitignore` lines cover the bloat that the ignore rules miss: the shortest pattern that
 * says what the thing is (`__pycache__/`, `*.db`), checked against every other file of the tree
 * so that no source file ever becomes ignored; where a general pattern would catch source, the
 * item's own anchored path is used instead.
 */
import ignore from 'ignore';
import type { BloatIndex, BloatItem } from '../model/bloat.js';
import { extensionOf, type GitignoreSpec } from '../bloat/detector.js';
import { bloatKind } from '../bloat/detectors/index.js';
import type { RepoFacts } from '../model/facts.js';
import { iterateDirs } from '../model/tree.js';
import { escapeGitignore, inexpressibleMessage, inexpressibleName } from './escape.js';
import { matchesAnyFile, type FilesInFolder } from './name-patterns.js';

export interface IgnoreEntry {
  pattern: string;
  /** The heading it is grouped under in the appended block. */
  group: string;
  /** Paths (relative to the root) that this entry covers. */
  covers: string[];
}

/** Environment files are the one kind of candidate that is not bloat (ignore/missing-gitignore reports them too). */
const SECRETS_GROUP = 'Secrets';

function anchored(item: { path: string; dir?: unknown }): string {
  return `/${escapeGitignore(item.path, false)}${item.dir ? '/' : ''}`;
}

/** The general pattern that names what an item is, before the safety check: its kind says (src/bloat/detectors). */
function generalPattern(item: BloatItem, spec: GitignoreSpec): string {
  const name = item.path.slice(item.path.lastIndexOf('/') + 1);
  const input = { path: item.path, name, ext: extensionOf(name), anchored: anchored(item), byName: `${escapeGitignore(name)}/`, escape: escapeGitignore };
  if (item.dir) return spec.dirPattern?.(input) ?? input.byName;
  return spec.filePattern?.(input) ?? input.anchored;
}

export interface EntryCandidate {
  rule: string;
  path: string;
  isDir: boolean;
  item?: BloatItem;
}

/**
 * Entries for `candidates` (paths not yet ignored), to be appended to the `.gitignore` of the root.
 * Every non-bloat file in the tree is tested against each general pattern first.
 */
export function proposeGitignoreEntries(facts: RepoFacts, bloat: BloatIndex, candidates: EntryCandidate[]): IgnoreEntry[] {
  const protectedPaths = protectedFiles(facts, bloat, candidates);
  const entries = new Map<string, IgnoreEntry>();
  const safe = new Map<string, boolean>();
  const isSafeOnce = (pattern: string) => {
    if (!safe.has(pattern)) safe.set(pattern, isSafe(pattern, protectedPaths));
    return safe.get(pattern)!;
  };
  for (const candidate of candidates) {
    // A line break in a name would write extra patterns of its own: such a name is reported, never written.
    if (inexpressibleName(candidate.path)) {
      facts.warnings.push({ path: candidate.path, message: inexpressibleMessage('.gitignore') });
      continue;
    }
    const item = candidate.item ?? ({ rule: candidate.rule, path: candidate.path, dir: candidate.isDir ? {} : undefined } as BloatItem);
    const secret = candidate.rule === 'security/env-file';
    const spec = secret ? undefined : bloatKind(candidate.rule).gitignore;
    if (spec === 'not-ignored') continue;
    let pattern = spec ? generalPattern(item, spec) : escapeGitignore(candidate.path.slice(candidate.path.lastIndexOf('/') + 1));
    if (!isSafeOnce(pattern)) pattern = anchored(item);
    const group = spec ? spec.group : SECRETS_GROUP;
    const entry = entries.get(pattern) ?? { pattern, group, covers: [] };
    entry.covers.push(candidate.path);
    entries.set(pattern, entry);
  }
  return [...entries.values()];
}

/** Files that must never become ignored: everything outside bloat that is not itself a candidate. */
function protectedFiles(facts: RepoFacts, bloat: BloatIndex, candidates: EntryCandidate[]): FilesInFolder[] {
  // Per folder, not per file: in a folder no bloat item contains, a file is left out only when it
  // is itself a candidate or a bloat item, and those are few.
  const leftOut = new Map<string, Set<string>>();
  for (const path of [...candidates.map((c) => c.path), ...bloat.items.map((i) => i.path)]) {
    const slash = path.lastIndexOf('/');
    const folder = slash < 0 ? '' : path.slice(0, slash);
    let names = leftOut.get(folder);
    if (!names) leftOut.set(folder, (names = new Set()));
    names.add(path.slice(slash + 1));
  }
  const out: FilesInFolder[] = [];
  for (const dir of iterateDirs(facts.tree)) {
    if (dir.ignored || (dir.path !== '' && bloat.containing(dir.path))) continue;
    const left = leftOut.get(dir.path);
    const names: string[] = [];
    for (const file of dir.files) if (!file.ignored && !left?.has(file.name)) names.push(file.name);
    if (names.length > 0) out.push({ dir: dir.path, names });
  }
  return out;
}

function isSafe(pattern: string, protectedPaths: FilesInFolder[]): boolean {
  const matcher = ignore({ ignorecase: false }).add(pattern);
  return !matchesAnyFile(protectedPaths, pattern, 'git', (p) => matcher.ignores(p));
}

/** The block appended to `.gitignore`: a heading line, then entries grouped under comments. */
export function renderGitignoreBlock(entries: IgnoreEntry[]): string {
  const groups = new Map<string, IgnoreEntry[]>();
  for (const entry of entries) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  let out = '# Added by `repolish fix`: generated files and local data that do not belong in git\n';
  for (const [group, list] of groups) {
    out += `# ${group}\n`;
    for (const entry of list) out += `${entry.pattern}\n`;
  }
  return out;
}
