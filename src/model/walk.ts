/**
 * The one walk: synchronous readdir + lstat (measured ~3x faster than async per-entry calls on
 * this kind of machine), symlinks recorded and never followed, ignore state decided top-down the
 * way git does, sizes aggregated bottom-up.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, type Dirent, type Stats } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import type { Warning } from '../findings.js';
import type { GitIgnoreRules } from './gitignore.js';
import { decodeName, displayPath, encodeName, hasEscapedBytes } from './names.js';
import { joinPath, type DirNode, type FileNode } from './tree.js';

export interface WalkOptions {
  rules: GitIgnoreRules;
  /** The root relative to the repository top ('' when it is the top, or outside git). */
  repoPrefix: string;
  warnings: Warning[];
  /** Called after each folder with running totals (files and bytes seen so far), for progress. */
  onProgress?: (files: number, bytes: number) => void;
}

export interface WalkResult {
  tree: DirNode;
  dirsByPath: Map<string, DirNode>;
}

function newDir(name: string, path: string, parent: DirNode | null, ignored: boolean): DirNode {
  const dir: DirNode = { name, path, parent, dirs: [], files: [], bytes: 0, allocated: 0, fileCount: 0, tracked: false, ignored };
  if (hasEscapedBytes(name)) dir.raw = encodeName(name);
  return dir;
}

/** A path the fs module takes: a string, or bytes once a component is not valid UTF-8. */
type FsPath = string | Buffer;

/** `dir/name` for a normalized absolute folder and a plain entry name (no path.join normalizing). */
function childPath(dir: FsPath, name: FsPath): FsPath {
  if (typeof dir === 'string' && typeof name === 'string') return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
  const d = Buffer.from(dir);
  return Buffer.concat([d, d[d.length - 1] === 0x2f ? Buffer.alloc(0) : Buffer.from('/'), Buffer.from(name)]);
}

interface Entry {
  /** The exact name as a string (names.ts: invalid bytes kept as escapes). */
  name: string;
  /** What the fs module is given: the string, or the raw bytes of a name that is not valid UTF-8. */
  fsName: FsPath;
  dirent: Dirent | Dirent<Buffer>;
}

/**
 * A folder's entries with exact names. Node decodes names lossily (invalid UTF-8 becomes
 * U+FFFD, so two names can become one): a folder where that may have happened is read again as
 * bytes.
 */
function readEntries(absDir: FsPath): Entry[] {
  if (typeof absDir === 'string') {
    const entries = readdirSync(absDir, { withFileTypes: true });
    if (!entries.some((e) => e.name.includes('\uFFFD'))) return entries.map((dirent) => ({ name: dirent.name, fsName: dirent.name, dirent }));
  }
  return readdirSync(absDir, { withFileTypes: true, encoding: 'buffer' }).map((dirent) => {
    const raw = dirent.name as unknown as Buffer;
    const name = decodeName(raw);
    return { name, fsName: hasEscapedBytes(name) ? raw : name, dirent };
  });
}

/** A git directory (HEAD, objects/, refs/): a bare repository or a `.git` folder. */
function isGitDirListing(entries: Entry[]): boolean {
  const has = (name: string, dir: boolean) => entries.some((e) => e.name === name && (dir ? e.dirent.isDirectory() : e.dirent.isFile()));
  return has('HEAD', false) && has('objects', true) && has('refs', true);
}

function currentDirectory(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined; // the working directory was removed: walk by absolute paths
  }
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'ENOENT') return 'vanished during the scan';
  return (err as Error)?.message ?? String(err);
}

export function walkTree(root: string, options: WalkOptions): WalkResult {
  const { rules, repoPrefix, warnings, onProgress } = options;
  let filesSeen = 0;
  let bytesSeen = 0;
  const seenInodes = new Set<string>();
  const dirsByPath = new Map<string, DirNode>();
  const repoPath = (rel: string) => (repoPrefix === '' ? rel : rel === '' ? repoPrefix : `${repoPrefix}/${rel}`);

  // Files are lstat'ed by their name inside the folder being read, the working directory set to
  // that folder: the kernel then resolves one path component instead of every component of an
  // absolute path, which halved the walk (200k files: 1.5 s -> 0.75 s). Only the main thread may
  // change the working directory; it is restored before the walk returns.
  const startDir = isMainThread ? currentDirectory() : undefined;
  let cwd = startDir;
  /** The path to lstat `name` of `absDir` by: relative when the working directory is (now) there. */
  function statPath(absDir: FsPath, name: FsPath): FsPath {
    if (typeof absDir !== 'string') return childPath(absDir, name); // chdir takes strings only
    if (cwd === absDir) return name;
    if (startDir === undefined) return childPath(absDir, name);
    try {
      process.chdir(absDir);
      cwd = absDir;
      return name;
    } catch {
      return childPath(absDir, name); // e.g. a folder that can be listed but not entered
    }
  }

  function lstatEntry(absDir: FsPath, entry: Entry, rel: string): Stats | undefined {
    try {
      return lstatSync(statPath(absDir, entry.fsName));
    } catch (err) {
      warnings.push({ path: rel, message: `cannot read: ${describe(err)}` });
      return undefined;
    }
  }

  function addFile(dir: DirNode, entry: Entry, st: Stats, ignored: boolean): FileNode {
    const { name } = entry;
    const raw = typeof entry.fsName === 'string' ? {} : { raw: entry.fsName };
    let file: FileNode;
    if (st.isSymbolicLink()) {
      file = { name, kind: 'symlink', size: 0, allocated: 0, tracked: false, ignored, ...raw };
    } else if (!st.isFile()) {
      file = { name, kind: 'other', size: 0, allocated: 0, tracked: false, ignored, ...raw };
    } else {
      let allocated = st.blocks * 512;
      if (st.nlink > 1) {
        const key = `${st.dev}:${st.ino}`;
        if (seenInodes.has(key)) allocated = 0;
        else seenInodes.add(key);
      }
      file = { name, kind: 'file', size: st.size, allocated, tracked: false, ignored, ...raw };
      dir.bytes += st.size;
      dir.allocated += allocated;
      dir.fileCount += 1;
      filesSeen += 1;
      bytesSeen += st.size;
    }
    dir.files.push(file);
    return file;
  }

  function recordSymlink(abs: FsPath, file: FileNode, rel: string): void {
    try {
      file.target = decodeName(readlinkSync(abs, { encoding: 'buffer' }));
      statSync(abs); // only to tell a broken or looping link: the walk never descends through it
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      const what = code === 'ELOOP' ? 'symlink loop' : code === 'ENOENT' ? 'broken symlink' : `symlink: ${describe(err)}`;
      warnings.push({ path: rel, message: `${what}${file.target ? ` (-> ${displayPath(file.target)})` : ''}; not followed` });
    }
  }

  /**
   * A git directory's contents are git's own: only their size is counted, no node is made, so no
   * rule can take `logs/` or `objects/` of a repository for bloat.
   */
  function sizeGitDir(absDir: FsPath, dir: DirNode): void {
    let names: Buffer[];
    try {
      names = readdirSync(absDir, { encoding: 'buffer' });
    } catch {
      return;
    }
    for (const name of names) {
      const abs = childPath(absDir, name);
      let st: Stats;
      try { st = lstatSync(abs); } catch { continue; }
      if (st.isDirectory()) sizeGitDir(abs, dir);
      else if (st.isFile()) {
        dir.bytes += st.size;
        dir.allocated += st.blocks * 512;
        dir.fileCount += 1;
        filesSeen += 1;
        bytesSeen += st.size;
      }
    }
  }

  function visit(absDir: FsPath, dir: DirNode, frozen: boolean): void {
    dirsByPath.set(dir.path, dir);
    let entries: Entry[];
    try {
      entries = readEntries(absDir);
    } catch (err) {
      dir.unreadable = true;
      warnings.push({ path: dir.path === '' ? '.' : dir.path, message: `cannot read folder: ${describe(err)}; its size is not counted` });
      return;
    }
    if ((dir.path !== '' && dir.name === '.git') || isGitDirListing(entries)) {
      dir.gitDir = true;
      sizeGitDir(absDir, dir);
      return;
    }
    if (dir.path !== '' && entries.some((e) => e.name === '.git')) {
      // A nested repository: the outer repository's patterns apply, its own ignore files do not.
      dir.nestedRepo = true;
      frozen = true;
    }
    if (!dir.ignored && !frozen) {
      const gitignore = entries.find((e) => e.name === '.gitignore' && e.dirent.isFile());
      if (gitignore) {
        try {
          rules.addIgnoreFile(repoPath(dir.path), readFileSync(childPath(absDir, '.gitignore'), 'utf8'));
        } catch (err) {
          warnings.push({ path: joinPath(dir.path, '.gitignore'), message: `cannot read: ${describe(err)}` });
        }
      }
    }
    const layers = dir.ignored ? undefined : rules.layersFor(repoPath(dir.path));
    const judge = (rel: string, isDir: boolean) => layers === undefined || rules.isIgnoredBy(layers, repoPath(rel), isDir);

    for (const entry of entries) {
      const { name, dirent } = entry;
      if (dir.path === '' && name === '.git') continue; // the repository's own metadata
      const rel = joinPath(dir.path, name);
      if (typeof entry.fsName !== 'string') warnings.push({ path: rel, message: 'file name is not valid UTF-8 (its bytes are kept exactly; shown with \\x escapes)' });
      let isDir = dirent.isDirectory();
      let st: Stats | undefined;
      if (!isDir && !dirent.isSymbolicLink() && !dirent.isFile()) {
        // Unknown d_type on some file systems, or a special file: ask lstat.
        st = lstatEntry(absDir, entry, rel);
        if (!st) continue;
        isDir = st.isDirectory();
      }
      if (isDir) {
        const child = newDir(name, rel, dir, judge(rel, true));
        dir.dirs.push(child);
        visit(childPath(absDir, entry.fsName), child, frozen);
        dir.bytes += child.bytes;
        dir.allocated += child.allocated;
        dir.fileCount += child.fileCount;
        continue;
      }
      st ??= lstatEntry(absDir, entry, rel);
      if (!st) continue;
      const file = addFile(dir, entry, st, judge(rel, false));
      if (st.isSymbolicLink()) recordSymlink(childPath(absDir, entry.fsName), file, rel);
    }
    onProgress?.(filesSeen, bytesSeen);
  }

  const tree = newDir('', '', null, false);
  try {
    visit(root, tree, false);
  } finally {
    if (startDir !== undefined && cwd !== startDir) process.chdir(startDir);
  }
  return { tree, dirsByPath };
}
