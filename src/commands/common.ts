/** Pieces every command shares: option parsing, stderr messages, writing an artifact. */
import { closeSync, constants as fsConstants, existsSync, lstatSync, openSync, realpathSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SafetyError, UsageError } from '../errors.js';
import type { Warning } from '../findings.js';
import { displayPath } from '../model/names.js';
import { recoverInterruptedWrite, writeFileAtomic, WriteError } from '../patch/apply.js';
import { describeError } from '../patch/temp-file.js';
import { resolveRoot } from '../model/facts.js';
import { didYouMean } from './suggest.js';

export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")${didYouMean(value, allowed)}`);
  }
  return value as T;
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

const WARNINGS_SHOWN = 20;

export function printWarnings(warnings: Warning[], verbose = false): void {
  const shown = verbose ? warnings : warnings.slice(0, WARNINGS_SHOWN);
  for (const w of shown) info(`repolish: warning: ${displayPath(w.path)}: ${w.message}`);
  if (shown.length < warnings.length) info(`repolish: ${warnings.length - shown.length} more warnings (--verbose shows all)`);
}

/** `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: an open descriptor, written as it is. */
function descriptorOf(abs: string): number | undefined {
  if (abs === '/dev/stdout') return 1;
  if (abs === '/dev/stderr') return 2;
  const fd = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(abs);
  return fd ? Number(fd[1]) : undefined;
}

/** Writes all of `bytes` to a descriptor, waiting while a non-blocking pipe is full. */
function writeAll(fd: number, bytes: Buffer): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let off = 0; off < bytes.length;) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/**
 * Writes an artifact (report, patch) to the file the user named. A regular file (or a new one) is
 * replaced in one piece through a temporary file; a character device (/dev/null), a FIFO and the
 * standard streams are written directly, never replaced; a symlink is written through only when
 * it leads to a regular file. Errors name `path` as given, with exit 2; a refusal is exit 3.
 */
export function writeArtifact(path: string, content: string): void {
  const abs = resolve(path);
  const bytes = Buffer.from(content, 'utf8');
  try {
    const stream = descriptorOf(abs);
    if (stream !== undefined) {
      writeAll(stream, bytes);
      return;
    }
    let st: Stats | undefined;
    try { st = lstatSync(abs); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; }
    let target = abs;
    if (st?.isSymbolicLink()) {
      try {
        target = realpathSync(abs);
        st = statSync(target);
      } catch {
        throw new SafetyError(`${path}: refusing to write: a symbolic link that leads nowhere`);
      }
      if (!st.isFile()) throw new SafetyError(`${path}: refusing to write: a symbolic link to something that is not a regular file`);
    }
    if (st === undefined || st.isFile()) {
      // A missing folder would surface as a bare ENOENT from the temporary file: say which folder.
      if (st === undefined && !existsSync(dirname(target))) throw new UsageError(`${path}: cannot write: the folder ${dirname(path)} does not exist`);
      writeFileAtomic(target, bytes);
      return;
    }
    if (st.isDirectory()) throw new UsageError(`${path}: cannot write: is a folder`);
    if (!st.isCharacterDevice() && !st.isFIFO()) throw new SafetyError(`${path}: refusing to write: not a regular file, character device or FIFO`);
    // A device or FIFO is written, never replaced: no create, no truncate, no following a link.
    const fd = openSync(abs, fsConstants.O_WRONLY | fsConstants.O_NOFOLLOW);
    try {
      writeAll(fd, bytes);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof SafetyError) throw err;
    if (err instanceof WriteError) throw new UsageError(`${path}: cannot write: ${err.reason}`);
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${path}: cannot write: ${describeError(err)}`);
  }
}

/**
 * Before a writing command reads the tree: a write that an earlier run left half-done (killed
 * during its rename pass) is completed or rolled back, and its temporary files removed; says which.
 */
export function settleInterruptedWrites(path: string): void {
  for (const line of recoverInterruptedWrite(resolveRoot(path))) info(line);
}

export function writeStdout(text: string): void {
  process.stdout.write(text);
}
