/**
 * One folder as the file system has it, before any judgement: its entries with exact names, kinds,
 * sizes and link targets, and what could not be read. The walk lists folders on the main thread
 * and on a helper thread (walk-helper.ts) with this same code, and builds the tree from the
 * listings in one order on the main thread, so the result does not depend on who listed what.
 *
 * A listing is columns, not an object per entry: names in an array and the numbers in a
 * Float64Array. The walk lists ~200k entries in a large tree, and an object each (then cloned to
 * cross from the helper thread) cost more CPU than the lstat calls they describe.
 */
import { readdirSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import { emptyNumbers, isDirMode, isFileMode, isSymlinkMode, lstatNumbers } from './lstat-numbers.js';
import { decodeName, displayPath, hasEscapedBytes } from './names.js';

/** A path the fs module takes: a string, or bytes once a component is not valid UTF-8. */
export type FsPath = string | Buffer;

/** Entry kinds, as numbers in a listing's `numbers`. */
export const DIR = 0;
export const FILE = 1;
export const SYMLINK = 2;
/** A special file (FIFO, socket, device). */
export const OTHER = 3;
/** lstat failed (`problem` says why); the entry is left out of the tree. */
export const UNREADABLE = 4;

/**
 * Numbers per entry in `numbers`: kind, then for a regular file lstat's size, blocks and nlink,
 * and dev and ino (what tells hard links apart; 0 unless nlink > 1).
 */
export const STRIDE = 6;
export const SIZE = 1;
export const BLOCKS = 2;
export const NLINK = 3;
export const DEV = 4;
export const INO = 5;

/** What only a few entries have. */
export interface EntryDetail {
  /** The name's bytes when they are not valid UTF-8 (a Uint8Array after crossing threads). */
  raw?: Uint8Array;
  /** Symlinks: the link text, when it could be read. */
  target?: string;
  /** UNREADABLE: why; a symlink: the warning for a broken or looping link. */
  problem?: string;
}

export interface FolderListing {
  /** The folder could not be listed: why. */
  unreadable?: string;
  /** A git directory: only its totals, no entries. */
  gitDir?: { bytes: number; allocated: number; files: number };
  /**
   * Entry i is `names[first + i]` with its numbers from `numbers[(first + i) * STRIDE]`, for i
   * below `count` (the listings of one helper batch share their arrays).
   */
  names: string[];
  numbers: Float64Array;
  first: number;
  count: number;
  /** By entry index i, for the entries that have any. */
  details?: Map<number, EntryDetail>;
}

const NO_NAMES: string[] = [];
const NO_NUMBERS = new Float64Array(0);

/** A listing without entries. */
export function emptyListing(what: Pick<FolderListing, 'unreadable' | 'gitDir'> = {}): FolderListing {
  return { ...what, names: NO_NAMES, numbers: NO_NUMBERS, first: 0, count: 0 };
}

/** `dir/name` for a normalized absolute folder and a plain entry name (no path.join normalizing). */
export function childPath(dir: FsPath, name: FsPath): FsPath {
  if (typeof dir === 'string' && typeof name === 'string') return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
  const d = Buffer.from(dir);
  return Buffer.concat([d, d[d.length - 1] === 0x2f ? Buffer.alloc(0) : Buffer.from('/'), Buffer.from(name)]);
}

/** A Buffer over bytes (a message across threads brings a plain Uint8Array). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The path of entry i of a listing of `absDir`: by its bytes when its name is not valid UTF-8. */
export function entryPath(absDir: FsPath, listing: FolderListing, i: number): FsPath {
  const raw = listing.details?.get(i)?.raw;
  return childPath(absDir, raw ? asBuffer(raw) : listing.names[listing.first + i]);
}

export function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'ENOENT') return 'vanished during the scan';
  return (err as Error)?.message ?? String(err);
}

type AnyDirent = Dirent | Dirent<Buffer>;

/** One per thread: the listing reads each entry's numbers before the next lstat. */
const st = emptyNumbers();

/**
 * A folder's entries. Node decodes names lossily (invalid UTF-8 becomes U+FFFD, so two names can
 * become one): a folder where that may have happened is read again as bytes.
 */
function readEntries(absDir: FsPath): { dirents: AnyDirent[]; asBytes: boolean } {
  if (typeof absDir === 'string') {
    const dirents = readdirSync(absDir, { withFileTypes: true });
    if (!dirents.some((e) => e.name.includes('\uFFFD'))) return { dirents, asBytes: false };
  }
  return { dirents: readdirSync(absDir, { withFileTypes: true, encoding: 'buffer' }), asBytes: true };
}

/** A git directory (HEAD, objects/, refs/): a bare repository or a `.git` folder. */
function isGitDirListing(dirents: AnyDirent[]): boolean {
  let found = 0;
  for (const dirent of dirents) {
    // Short names only: a Buffer name is compared without decoding it.
    const { name } = dirent;
    if (name.length > 7) continue;
    const text = typeof name === 'string' ? name : name.toString('latin1');
    if (text === 'HEAD' ? dirent.isFile() : (text === 'objects' || text === 'refs') && dirent.isDirectory()) found |= text === 'HEAD' ? 1 : text === 'objects' ? 2 : 4;
  }
  return found === 7;
}

/** A git directory's contents are git's own: only their size is counted. */
function sizeGitDir(absDir: FsPath, totals: { bytes: number; allocated: number; files: number }): void {
  let names: Buffer[];
  try {
    names = readdirSync(absDir, { encoding: 'buffer' });
  } catch {
    return;
  }
  for (const name of names) {
    const abs = childPath(absDir, name);
    try { lstatNumbers(abs, st); } catch { continue; }
    if (isDirMode(st.mode)) sizeGitDir(abs, totals);
    else if (isFileMode(st.mode)) {
      totals.bytes += st.size;
      totals.allocated += st.blocks * 512;
      totals.files += 1;
    }
  }
}

function symlinkDetail(detail: EntryDetail, abs: FsPath): void {
  try {
    detail.target = decodeName(readlinkSync(abs, { encoding: 'buffer' }));
    statSync(abs); // only to tell a broken or looping link: the walk never descends through it
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    const what = code === 'ELOOP' ? 'symlink loop' : code === 'ENOENT' ? 'broken symlink' : `symlink: ${describe(err)}`;
    detail.problem = `${what}${detail.target ? ` (-> ${displayPath(detail.target)})` : ''}; not followed`;
  }
}

export interface ListOptions {
  /** The scanned root: its `.git` is left out (the repository's own metadata). */
  isRoot: boolean;
  /** The folder's own name (a folder named `.git` is a git directory). */
  name: string;
  /**
   * How to lstat an entry: by a path relative to a working directory set to the folder (cheaper:
   * the kernel resolves one component), or undefined for absolute paths.
   */
  statPath?: (absDir: FsPath, name: FsPath) => FsPath;
  /** Called after every EVERY_ENTRIES entries: the walk keeps its helper supplied during a large folder. */
  every?: () => void;
}

export const EVERY_ENTRIES = 128;

/** Lists one folder; throws nothing (what cannot be read is in the listing). */
export function listFolder(absDir: FsPath, options: ListOptions): FolderListing {
  let dirents: AnyDirent[];
  let asBytes: boolean;
  try {
    ({ dirents, asBytes } = readEntries(absDir));
  } catch (err) {
    return emptyListing({ unreadable: describe(err) });
  }
  if ((!options.isRoot && options.name === '.git') || isGitDirListing(dirents)) {
    const totals = { bytes: 0, allocated: 0, files: 0 };
    sizeGitDir(absDir, totals);
    return emptyListing({ gitDir: totals });
  }
  const { statPath = childPath, every } = options;
  const names: string[] = [];
  const numbers = new Float64Array(dirents.length * STRIDE);
  let details: Map<number, EntryDetail> | undefined;
  const detailOf = (i: number): EntryDetail => {
    details ??= new Map();
    let detail = details.get(i);
    if (!detail) details.set(i, (detail = {}));
    return detail;
  };
  for (const dirent of dirents) {
    // The exact name: valid UTF-8 as it is, otherwise with its invalid bytes escaped (names.ts).
    let name: string;
    let fsName: FsPath;
    if (asBytes) {
      const raw = dirent.name as unknown as Buffer;
      name = decodeName(raw);
      fsName = hasEscapedBytes(name) ? raw : name;
    } else name = fsName = dirent.name as string;
    if (options.isRoot && name === '.git') continue;
    const i = names.length;
    if (every && i % EVERY_ENTRIES === EVERY_ENTRIES - 1) every();
    const at = i * STRIDE; // numbers[at] is 0: DIR until found otherwise
    names.push(name);
    if (typeof fsName !== 'string') detailOf(i).raw = fsName;
    if (dirent.isDirectory()) continue;
    try {
      lstatNumbers(statPath(absDir, fsName), st);
    } catch (err) {
      numbers[at] = UNREADABLE;
      detailOf(i).problem = describe(err);
      continue;
    }
    // Unknown d_type on some file systems, or a special file: lstat says whether it is a folder.
    if (!dirent.isSymbolicLink() && !dirent.isFile() && isDirMode(st.mode)) continue;
    if (isSymlinkMode(st.mode)) {
      numbers[at] = SYMLINK;
      symlinkDetail(detailOf(i), childPath(absDir, fsName));
    } else if (!isFileMode(st.mode)) numbers[at] = OTHER;
    else {
      numbers[at] = FILE;
      numbers[at + SIZE] = st.size;
      numbers[at + BLOCKS] = st.blocks;
      numbers[at + NLINK] = st.nlink;
      if (st.nlink > 1) {
        numbers[at + DEV] = st.dev;
        numbers[at + INO] = st.ino;
      }
    }
  }
  return { names, numbers, first: 0, count: names.length, details };
}
