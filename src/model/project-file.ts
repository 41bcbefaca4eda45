/**
 * Reading a project file without trusting the tree: only a regular file inside the root is read,
 * never through a symlink (neither the file nor a folder on its path), never a device or FIFO
 * (a committed symlink to /dev/zero or a FIFO would read forever), and never more than a cap.
 * The descriptor itself is checked after opening (fstat, and its real path where the system
 * shows it), so a swap between the checks and the open is caught too.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute } from 'node:path';
import { emptyNumbers, isDirMode, isSymlinkMode, lstatNumbers } from './lstat-numbers.js';

export type ProjectFileProblem = 'missing' | 'symlink' | 'not-regular' | 'too-large' | 'outside' | 'unreadable';

/** Why a project file was not read. The message names the file and never quotes its contents. */
export class ProjectFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: ProjectFileProblem,
    readonly reason: string,
    /** The file's size, for 'too-large'. */
    readonly size?: number,
    readonly code?: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync(root);
    realRoots.set(root, real);
  }
  return real;
}

/**
 * Folders already found to be real folders (no symlink on their way) during one scan: a scan
 * reads thousands of files in the same few folders. Trusted only where the opened descriptor's
 * real path can be read back (Linux /proc), which catches a folder swapped for a symlink later.
 */
export type CheckedFolders = Set<string>;

let procFdReadable: boolean | undefined;

function canReadDescriptorPaths(): boolean {
  if (procFdReadable === undefined) {
    try { procFdReadable = readdirSync('/proc/self/fd').length > 0; } catch { procFdReadable = false; }
  }
  return procFdReadable;
}

/** The absolute path of `rel` under `root` after checking that no part of it is a symlink. */
function checkedPath(root: string, rel: string, checked?: CheckedFolders): string {
  const known = checked !== undefined && canReadDescriptorPaths() ? checked : undefined;
  // The common case, without splitting and joining: a plain name in a folder already checked (the
  // set holds normalized paths only, so a folder part with `.`, `..` or `//` is never found in it).
  const slash = rel.lastIndexOf('/');
  if (known !== undefined && slash > 0 && rel[0] !== '/') {
    const name = rel.slice(slash + 1);
    const folder = `${realRoot(root)}/${rel.slice(0, slash)}`;
    if (name !== '' && name !== '.' && name !== '..' && known.has(folder)) return `${folder}/${name}`;
  }
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  if (isAbsolute(rel) || parts.length === 0 || parts.includes('..')) throw new ProjectFileError(rel, 'outside', 'not a path inside the root');
  // The parts are plain names and the real root is normalized: joining is putting a slash between.
  const under = (folder: string, name: string) => (folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`);
  let abs = realRoot(root);
  for (let i = 0; i < parts.length - 1; i++) {
    abs = under(abs, parts[i]);
    if (known?.has(abs)) continue;
    try { lstatNumbers(abs, folderStat); } catch (err) { throw fromErrno(rel, err); }
    if (isSymlinkMode(folderStat.mode)) throw new ProjectFileError(rel, 'symlink', `not read: the folder ${parts.slice(0, i + 1).join('/')} is a symbolic link (not followed)`);
    if (!isDirMode(folderStat.mode)) throw new ProjectFileError(rel, 'missing', 'no such file', undefined, 'ENOTDIR');
    known?.add(abs);
  }
  return under(abs, parts[parts.length - 1]);
}

/** checkedPath's lstat of a folder (read before the next). */
const folderStat = emptyNumbers();

function fromErrno(rel: string, err: unknown): ProjectFileError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ProjectFileError(rel, 'missing', 'no such file', undefined, code);
  if (code === 'ELOOP') return new ProjectFileError(rel, 'symlink', 'not read: a symbolic link (not followed)', undefined, code);
  return new ProjectFileError(rel, 'unreadable', `cannot read: ${(err as Error).message}`, undefined, code);
}

/**
 * Opens `path` for reading and fstats it, for callers that must see what is there before reading:
 * O_NOFOLLOW makes a symlink in the last component fail with ELOOP, O_NONBLOCK keeps a FIFO from
 * waiting for a writer. Throws the system's error; the caller closes the descriptor and decides
 * what a file that is not regular means.
 */
export function openNoFollow(path: string | Buffer): { fd: number; stats: Stats } {
  const fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  try {
    return { fd, stats: fstatSync(fd) };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/**
 * Opens `rel` (relative to `root`) for reading when it is a regular file inside the root with no
 * symlink on its way. Returns the descriptor (the caller closes it) and its fstat.
 */
export function openProjectFile(root: string, rel: string, checked?: CheckedFolders): { fd: number; stats: Stats } {
  const abs = checkedPath(root, rel, checked);
  let fd: number;
  let stats: Stats;
  try { ({ fd, stats } = openNoFollow(abs)); } catch (err) { throw fromErrno(rel, err); }
  try {
    if (!stats.isFile()) throw new ProjectFileError(rel, 'not-regular', 'not read: not a regular file');
    // A folder swapped for a symlink after the checks above: the descriptor's real path says so.
    let real: string | undefined;
    try { real = readlinkSync(`/proc/self/fd/${fd}`); } catch { real = undefined; }
    if (real !== undefined && real !== abs) throw new ProjectFileError(rel, 'outside', 'not read: it resolves outside the root');
    return { fd, stats };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** The bytes of a project file of at most `maxBytes` (see openProjectFile); throws ProjectFileError. */
export function readProjectFile(root: string, rel: string, maxBytes: number, checked?: CheckedFolders): Buffer {
  return readProjectFileWithStats(root, rel, maxBytes, checked).bytes;
}

/** readProjectFile, with the fstat of what was read (its mode, for a patch). */
export function readProjectFileWithStats(root: string, rel: string, maxBytes: number, checked?: CheckedFolders): { bytes: Buffer; stats: Stats } {
  const { fd, stats } = openProjectFile(root, rel, checked);
  try {
    return { bytes: readOpened(fd, stats, rel, maxBytes), stats };
  } finally {
    closeSync(fd);
  }
}

/** Read past the expected size (a file that grew, or one fstat gives no size for); one per thread. */
const overflow = Buffer.allocUnsafeSlow(65536);

function readOpened(fd: number, stats: Stats, rel: string, maxBytes: number): Buffer {
  if (stats.size > maxBytes) throw new ProjectFileError(rel, 'too-large', `not read: ${stats.size} bytes is larger than the ${maxBytes}-byte limit`, stats.size);
  const read = (buffer: Buffer, offset: number, length: number): number => {
    try { return readSync(fd, buffer, offset, length, null); } catch (err) { throw fromErrno(rel, err); }
  };
  // The expected size into a buffer of its own, exactly: callers keep and post these bytes, and a
  // larger or pooled buffer would be kept (and copied to worker threads) whole.
  const chunks: Buffer[] = [];
  let length = 0;
  if (stats.size > 0) {
    const whole = Buffer.allocUnsafeSlow(stats.size);
    while (length < whole.length) {
      const n = read(whole, length, whole.length - length);
      if (n === 0) break;
      length += n;
    }
    chunks.push(length === whole.length ? whole : whole.subarray(0, length));
  }
  // Then until the end, but never more than one byte past the cap: a file that grows is bounded too.
  for (;;) {
    const room = Math.min(overflow.length, maxBytes + 1 - length);
    if (room <= 0) break;
    const n = read(overflow, 0, room);
    if (n === 0) break;
    chunks.push(Buffer.from(overflow.subarray(0, n)));
    length += n;
  }
  if (length > maxBytes) throw new ProjectFileError(rel, 'too-large', `not read: larger than the ${maxBytes}-byte limit`, length);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
}

/** The first `length` bytes of a project file, or an empty buffer when it is not one (magic numbers). */
export function readProjectFileHead(root: string, rel: string, length: number, checked?: CheckedFolders): Buffer {
  let opened: { fd: number } | undefined;
  try {
    opened = openProjectFile(root, rel, checked);
    const buf = Buffer.alloc(length);
    const n = readSync(opened.fd, buf, 0, length, 0);
    return buf.subarray(0, n);
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (opened) closeSync(opened.fd);
  }
}

/**
 * A file the user named on the command line (`--config FILE`): it may be a symlink or a pipe
 * (`--config <(...)`), the user's choice, but never more than `maxBytes` is read (/dev/zero ends).
 */
export function readUserFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try { fd = openSync(path, fsConstants.O_RDONLY); } catch (err) { throw fromErrno(path, err); }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new ProjectFileError(path, 'not-regular', 'not read: a folder');
    return readOpened(fd, stats, path, maxBytes);
  } finally {
    closeSync(fd);
  }
}
