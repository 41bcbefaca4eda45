/**
 * Applying changes to the working tree: every write goes to a temporary file that is renamed into
 * place, a file that changed since it was read is refused, and nothing leaves the root or goes
 * through a symlink.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SafetyError } from '../errors.js';
import type { FileChange } from './change.js';

/** Resolves `rel` under `root`, refusing `..` escapes and symlinked path components. */
export function safeJoin(root: string, rel: string): string {
  const abs = resolve(root, rel);
  const back = relative(root, abs);
  if (back === '' || back.startsWith('..') || resolve(root, back) !== abs) {
    throw new SafetyError(`${rel}: path is outside the root ${root}`);
  }
  let cur = root;
  for (const part of back.split(sep)) {
    cur = join(cur, part);
    let st;
    try { st = lstatSync(cur); } catch { break; } // the rest does not exist yet
    if (st.isSymbolicLink()) throw new SafetyError(`${rel}: refusing to write through the symlink ${relative(root, cur)}`);
  }
  return abs;
}

/** Writes through a temporary file in the same folder, so a crash never leaves a half-written file. */
export function writeFileAtomic(path: string, content: string | Buffer, mode?: number): void {
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.repolish-tmp`);
  writeFileSync(tmp, content);
  try {
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function sameContent(onDisk: Buffer, expected: string | Buffer): boolean {
  return onDisk.equals(typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected);
}

/** Checks every change against the disk first, so a refusal leaves the whole tree untouched. */
export function verifyChanges(root: string, changes: readonly FileChange[]): void {
  for (const change of changes) {
    const abs = safeJoin(root, change.path);
    if (change.before === null) {
      if (existsSync(abs)) throw new SafetyError(`${change.path}: exists now, but did not when it was read; run again`);
      continue;
    }
    let onDisk: Buffer;
    try { onDisk = readFileSync(abs); } catch {
      throw new SafetyError(`${change.path}: is gone since it was read; run again`);
    }
    if (!sameContent(onDisk, change.before)) {
      throw new SafetyError(`${change.path}: changed since it was read; refusing to overwrite it, run again`);
    }
  }
}

export function applyChanges(root: string, changes: readonly FileChange[]): void {
  verifyChanges(root, changes);
  for (const change of changes) {
    const abs = safeJoin(root, change.path);
    if (change.after === null) {
      unlinkSync(abs);
      continue;
    }
    if (change.before === null) {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileAtomic(abs, change.after, change.mode === '100755' ? 0o755 : 0o644);
    } else {
      writeFileAtomic(abs, change.after, statSync(abs).mode & 0o7777);
    }
  }
}
