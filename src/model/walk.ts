/**
 * The one walk: synchronous readdir + lstat (measured ~3x faster than async per-entry calls on
 * this kind of machine), symlinks recorded and never followed, ignore state decided top-down the
 * way git does, sizes aggregated bottom-up.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Warning } from '../findings.js';
import type { GitIgnoreRules } from './gitignore.js';
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
  return { name, path, parent, dirs: [], files: [], bytes: 0, allocated: 0, fileCount: 0, tracked: false, ignored };
}

/** `dir/name` for a normalized absolute folder and a plain entry name (no path.join normalizing). */
function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
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
  function statPath(absDir: string, name: string): string {
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

  /** lstat by the raw bytes of the name: readdir decodes invalid UTF-8 to U+FFFD, which lstat cannot find. */
  function lstatEntry(absDir: string, name: string, rel: string): Stats | undefined {
    try {
      return lstatSync(statPath(absDir, name));
    } catch (err) {
      if (name.includes('\uFFFD')) {
        for (const raw of readdirSync(absDir, { encoding: 'buffer' })) {
          if (raw.toString('utf8') !== name) continue;
          warnings.push({ path: rel, message: 'file name is not valid UTF-8; reported with replacement characters' });
          try { return lstatSync(Buffer.concat([Buffer.from(`${absDir}/`), raw])); } catch { break; }
        }
      }
      warnings.push({ path: rel, message: `cannot read: ${describe(err)}` });
      return undefined;
    }
  }

  function addFile(dir: DirNode, name: string, st: Stats, ignored: boolean): void {
    if (st.isSymbolicLink()) {
      dir.files.push({ name, kind: 'symlink', size: 0, allocated: 0, tracked: false, ignored });
      return;
    }
    if (!st.isFile()) {
      dir.files.push({ name, kind: 'other', size: 0, allocated: 0, tracked: false, ignored });
      return;
    }
    let allocated = st.blocks * 512;
    if (st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      if (seenInodes.has(key)) allocated = 0;
      else seenInodes.add(key);
    }
    dir.files.push({ name, kind: 'file', size: st.size, allocated, tracked: false, ignored });
    dir.bytes += st.size;
    dir.allocated += allocated;
    dir.fileCount += 1;
    filesSeen += 1;
    bytesSeen += st.size;
  }

  function recordSymlink(absDir: string, dir: DirNode, file: FileNode, rel: string): void {
    const abs = join(absDir, file.name);
    try {
      file.target = readlinkSync(abs);
      statSync(abs); // only to tell a broken or looping link: the walk never descends through it
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      const what = code === 'ELOOP' ? 'symlink loop' : code === 'ENOENT' ? 'broken symlink' : `symlink: ${describe(err)}`;
      warnings.push({ path: rel, message: `${what}${file.target ? ` (-> ${file.target})` : ''}; not followed` });
    }
  }

  function visit(absDir: string, dir: DirNode, frozen: boolean): void {
    dirsByPath.set(dir.path, dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      dir.unreadable = true;
      warnings.push({ path: dir.path || '.', message: `cannot read folder: ${describe(err)}; its size is not counted` });
      return;
    }
    if (dir.path !== '' && entries.some((e) => e.name === '.git')) {
      // A nested repository: the outer repository's patterns apply, its own ignore files do not.
      dir.nestedRepo = true;
      frozen = true;
    }
    if (!dir.ignored && !frozen) {
      const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
      if (gitignore) {
        try {
          rules.addIgnoreFile(repoPath(dir.path), readFileSync(join(absDir, '.gitignore'), 'utf8'));
        } catch (err) {
          warnings.push({ path: joinPath(dir.path, '.gitignore'), message: `cannot read: ${describe(err)}` });
        }
      }
    }
    const judge = (rel: string, isDir: boolean) => dir.ignored || rules.isIgnored(repoPath(rel), isDir);

    for (const entry of entries) {
      const name = entry.name;
      if (dir.path === '' && name === '.git') continue; // the repository's own metadata
      const rel = joinPath(dir.path, name);
      let isDir = entry.isDirectory();
      let st: Stats | undefined;
      if (!isDir && !entry.isSymbolicLink() && !entry.isFile()) {
        // Unknown d_type on some file systems, or a special file: ask lstat.
        st = lstatEntry(absDir, name, rel);
        if (!st) continue;
        isDir = st.isDirectory();
      }
      if (isDir) {
        const child = newDir(name, rel, dir, judge(rel, true));
        dir.dirs.push(child);
        visit(childPath(absDir, name), child, frozen);
        dir.bytes += child.bytes;
        dir.allocated += child.allocated;
        dir.fileCount += child.fileCount;
        continue;
      }
      st ??= lstatEntry(absDir, name, rel);
      if (!st) continue;
      addFile(dir, name, st, judge(rel, false));
      if (st.isSymbolicLink()) recordSymlink(absDir, dir, dir.files[dir.files.length - 1], rel);
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
