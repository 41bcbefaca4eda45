/**
 * Temporary files beside their target: created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW) in a folder
 * whose real path is checked immediately before, and the created file's own real path checked
 * right after, so a folder swapped for a symlink cannot make repolish create or write a file
 * outside the root. Written, fsync'ed (unless a cache file) and closed before anyone renames them.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsConstants, fchmodSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { SafetyError } from '../errors.js';

/** Every temporary file repolish makes ends so; a later run recognises and removes strays. */
export const TEMP_SUFFIX = '.repolish-tmp';

/** A hidden name beside `target`: `.<name>.<pid>-<random>.repolish-tmp`, short enough for any file system. */
export function tempNameFor(target: string): string {
  const name = basename(target).slice(0, 80);
  return join(dirname(target), `.${name}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** True for a name repolish gives its temporary files (this version's and the older `.<pid>.<time>` form). */
export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/** A file-system error as words, without the paths Node puts in its message (they may be a temp's). */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words = /^[A-Z0-9_]+: ([^,]+)/.exec(e?.message ?? '');
  return words ? words[1] : e?.code ?? String(e?.message ?? err);
}

/**
 * Checks that `dir` is a real folder with no symlink anywhere from `root` down (`root` itself is
 * taken as given); throws SafetyError naming `file` (the user's file to be written) otherwise.
 */
export function checkRealFolder(dir: string, root: string | undefined, file: string): void {
  let real: string;
  try { real = realpathSync(dir); } catch (err) { throw Object.assign(new Error(describeError(err)), { code: (err as NodeJS.ErrnoException).code }); }
  const expected = root === undefined ? dir : join(realpathSync(root), relative(root, dir));
  if (real !== expected || !lstatSync(real).isDirectory()) {
    const folder = root === undefined ? dir : relative(root, dir) || '.';
    throw new SafetyError(`${file}: refusing to write: its folder ${folder} is now a symbolic link (or under one)`);
  }
}

export interface TempFile {
  path: string;
}

export interface TempWrite {
  /** The root the target is under: no folder from it down may be a symlink. */
  root?: string;
  /** The temporary file's path (default: tempNameFor(target)). */
  name?: string;
  /**
   * fsync the content (default). A cache file is not: it is checked (length and sha256) each time
   * it is read, so one left incomplete by a crash is found and ignored, and fsync costs a disk
   * flush per file, in every scan.
   */
  durable?: boolean;
}

/**
 * Creates and fills a temporary file for `target` (same folder), checked as described above; the
 * content (one buffer, or several written one after the other) is fsync'ed unless told otherwise.
 * On any failure nothing is left behind and the error is rethrown.
 */
export function writeTempFor(target: string, content: string | Buffer | readonly Buffer[], mode: number, { root, name = tempNameFor(target), durable = true }: TempWrite = {}): TempFile {
  const dir = dirname(target);
  checkRealFolder(dir, root, root === undefined ? target : relative(root, target));
  const path = name;
  const fd = openSync(path, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW, 0o600);
  let created = path;
  try {
    // The folder could have been swapped between the check and the open: ask where the file really is.
    let real: string | undefined;
    try { real = readlinkSync(`/proc/self/fd/${fd}`); } catch { real = undefined; }
    if (real !== undefined && real !== join(realpathSync(dir), basename(path))) {
      created = real;
      throw new SafetyError(`${root ? relative(root, target) : target}: refusing to write: its folder was swapped for a symbolic link while writing`);
    }
    const chunks = typeof content === 'string' ? [Buffer.from(content, 'utf8')] : Buffer.isBuffer(content) ? [content] : content;
    for (const bytes of chunks) {
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    }
    fchmodSync(fd, mode);
    if (durable) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try { unlinkSync(created); } catch { /* already gone */ }
    throw err;
  }
  closeSync(fd);
  return { path };
}

/** fsync a folder so that renames in it are on disk (best effort: not every file system allows it). */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY);
    fsyncSync(fd);
  } catch { /* not supported here */ } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
