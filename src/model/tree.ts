/** The in-memory picture of the tree that one walk produces and every rule reads. */

export type FileKind = 'file' | 'symlink' | 'other';

export interface FileNode {
  name: string;
  kind: FileKind;
  /** Apparent size in bytes (0 for symlinks and special files). */
  size: number;
  /** Allocated bytes (blocks × 512); a hard-linked file counts once, a sparse file counts what it uses. */
  allocated: number;
  /** Symlinks only: the link text, never followed. */
  target?: string;
  tracked: boolean;
  ignored: boolean;
  /** The name's bytes when they are not valid UTF-8 (`name` then holds them escaped: model/names.ts). */
  raw?: Buffer;
}

export interface DirNode {
  name: string;
  /** Relative to the root, `/`-separated; '' for the root itself. */
  path: string;
  parent: DirNode | null;
  dirs: DirNode[];
  files: FileNode[];
  /** Totals over everything below (regular files only). */
  bytes: number;
  allocated: number;
  fileCount: number;
  /** Git tracks at least one file below. */
  tracked: boolean;
  /** The ignore rules cover this folder (so everything below it). */
  ignored: boolean;
  /** A folder with its own `.git`: git does not descend into it. */
  nestedRepo?: boolean;
  /** A git directory (bare repository or `.git` folder): sizes only, its contents are never listed. */
  gitDir?: boolean;
  /** The name's bytes when they are not valid UTF-8 (`name` then holds them escaped: model/names.ts). */
  raw?: Buffer;
  /** The folder could not be read; its totals are incomplete. */
  unreadable?: boolean;
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function* iterateDirs(start: DirNode): Generator<DirNode> {
  const stack: DirNode[] = [start];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    yield dir;
    for (let i = dir.dirs.length - 1; i >= 0; i--) stack.push(dir.dirs[i]);
  }
}

export function* iterateFiles(start: DirNode): Generator<{ path: string; file: FileNode; dir: DirNode }> {
  for (const dir of iterateDirs(start)) {
    for (const file of dir.files) yield { path: joinPath(dir.path, file.name), file, dir };
  }
}

export function findDir(root: DirNode, path: string): DirNode | undefined {
  if (path === '' || path === '.') return root;
  let cur: DirNode | undefined = root;
  for (const part of path.split('/')) {
    cur = cur.dirs.find((d) => d.name === part);
    if (!cur) return undefined;
  }
  return cur;
}

export function findFile(root: DirNode, path: string): { dir: DirNode; file: FileNode } | undefined {
  const slash = path.lastIndexOf('/');
  const dir = findDir(root, slash < 0 ? '' : path.slice(0, slash));
  const file = dir?.files.find((f) => f.name === path.slice(slash + 1));
  return dir && file ? { dir, file } : undefined;
}
