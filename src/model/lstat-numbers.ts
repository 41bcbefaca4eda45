/**
 * lstat for the walk, as numbers: what a walk of 200k files needs of each entry (its type, size,
 * blocks, link count, device and inode), without a `Stats` object per call; and the bigint lstat
 * a file key is made of (file-key.ts), without a `BigIntStats`.
 *
 * Node 20's `fs.lstatSync` builds a `Stats` with four `Date`s for every call; the walk reads none of
 * them. Node's own fs binding fills a shared Float64Array instead (`statValues`, which lstatSync
 * itself reads), and reading that array directly cut a warm scan's CPU by about a tenth (paired
 * runs, `docs/benchmarks.md`, "walk and file keys (seventh round)").
 *
 * The binding is internal, so it is used only where it was measured and checked:
 * - Node 20 (its signature there is `lstat(path, useBigint, req, throwIfNoEntry)`);
 * - not under the permission model (lstatSync checks permissions before calling the binding) or
 *   `--pending-deprecation` (process.binding would print a deprecation warning);
 * - not with `REPOLISH_LSTAT=public`;
 * - and only after a self-check on this process's first call: the binding must agree with
 *   lstatSync about a real file and fail like it for a missing one.
 * Anything else uses lstatSync, with the same results. An error from the binding is always taken
 * again from lstatSync, so every message the walk prints comes from the public call.
 */
import { lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where an lstat's numbers land; reused by every call (read them before the next). */
export interface LstatNumbers {
  mode: number;
  size: number;
  blocks: number;
  nlink: number;
  dev: number;
  ino: number;
}

const S_IFMT = 0o170000;
export const isDirMode = (mode: number): boolean => (mode & S_IFMT) === 0o040000;
export const isFileMode = (mode: number): boolean => (mode & S_IFMT) === 0o100000;
export const isSymlinkMode = (mode: number): boolean => (mode & S_IFMT) === 0o120000;

interface FsBinding {
  lstat(path: string | Buffer, useBigint: boolean, req: undefined, throwIfNoEntry: boolean): unknown;
  statValues: Float64Array;
  bigintStatValues: BigInt64Array;
}

/** The order of Node's stat fields in `statValues` (src/node_file.h, FsStatsOffset). */
const DEV = 0;
const MODE = 1;
const NLINK = 2;
const INO = 7;
const SIZE = 8;
const BLOCKS = 9;
const MTIME_S = 12;
const MTIME_NS = 13;
const CTIME_S = 14;
const CTIME_NS = 15;

/** Whether to try the binding in this process (before its self-check). */
export function bindingAllowed(env: NodeJS.ProcessEnv, execArgv: readonly string[], nodeVersion: string): boolean {
  if (env.REPOLISH_LSTAT === 'public' || !/^20\./.test(nodeVersion)) return false;
  const flags = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  return !flags.some((flag) => flag === '--pending-deprecation' || flag.startsWith('--experimental-permission') || flag.startsWith('--permission'));
}

function fromBinding(binding: FsBinding, path: string | Buffer, into: LstatNumbers): void {
  binding.lstat(path, false, undefined, true);
  const values = binding.statValues;
  into.dev = values[DEV];
  into.mode = values[MODE];
  into.nlink = values[NLINK];
  into.ino = values[INO];
  into.size = values[SIZE];
  into.blocks = values[BLOCKS];
}

function fromPublic(path: string | Buffer, into: LstatNumbers): void {
  const st = lstatSync(path);
  into.dev = st.dev;
  into.mode = st.mode;
  into.nlink = st.nlink;
  into.ino = st.ino;
  into.size = st.size;
  into.blocks = st.blocks;
}

/** The binding, when it passes the self-check: it reads a real file as lstatSync does and throws ENOENT for a missing one. */
function checkedBinding(): FsBinding | undefined {
  if (!bindingAllowed(process.env, process.execArgv, process.versions.node)) return undefined;
  try {
    const binding = (process as unknown as { binding(name: string): FsBinding }).binding('fs');
    if (typeof binding?.lstat !== 'function' || !(binding.statValues instanceof Float64Array) || !(binding.bigintStatValues instanceof BigInt64Array)) return undefined;
    const here = fileURLToPath(import.meta.url);
    const viaBinding = emptyNumbers();
    const viaPublic = emptyNumbers();
    fromBinding(binding, here, viaBinding);
    fromPublic(here, viaPublic);
    if ((Object.keys(viaPublic) as (keyof LstatNumbers)[]).some((k) => viaBinding[k] !== viaPublic[k])) return undefined;
    const times = keyFromBinding(binding, here);
    const st = lstatSync(here, { bigint: true });
    if (times?.mtimeNs !== st.mtimeNs || times.ctimeNs !== st.ctimeNs || times.ino !== st.ino || times.size !== st.size || times.mode !== st.mode) return undefined;
    const missing = `${dirname(here)}/repolish-lstat-self-check-missing`;
    try {
      fromBinding(binding, missing, viaBinding);
      return undefined; // a missing file that does not throw
    } catch (err) {
      return (err as NodeJS.ErrnoException)?.code === 'ENOENT' ? binding : undefined;
    }
  } catch {
    return undefined;
  }
}

/** What file-key.ts keys a file by, from a bigint lstat; undefined when nothing is there. */
export interface LstatTimes {
  size: bigint;
  mode: bigint;
  ino: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  isFile: boolean;
}

const NS_PER_S = 1_000_000_000n;

function keyFromBinding(binding: FsBinding, path: string | Buffer): LstatTimes | undefined {
  const values = binding.lstat(path, true, undefined, false) as BigInt64Array | undefined;
  if (values === undefined) return undefined;
  const mode = values[MODE];
  // As Node computes BigIntStats' mtimeNs and ctimeNs from the seconds and nanoseconds.
  return { size: values[SIZE], mode, ino: values[INO], mtimeNs: values[MTIME_S] * NS_PER_S + values[MTIME_NS], ctimeNs: values[CTIME_S] * NS_PER_S + values[CTIME_NS], isFile: isFileMode(Number(mode)) };
}

/** The binding after its self-check (undefined: lstatSync only); null until first asked for. */
let binding: FsBinding | undefined | null = null;

function fsBinding(): FsBinding | undefined {
  if (binding === null) binding = checkedBinding();
  return binding;
}

export function emptyNumbers(): LstatNumbers {
  return { mode: 0, size: 0, blocks: 0, nlink: 0, dev: 0, ino: 0 };
}

/** lstat(2) of `path` into `into`; throws what fs.lstatSync throws. */
export function lstatNumbers(path: string | Buffer, into: LstatNumbers): void {
  const binding = fsBinding();
  if (binding === undefined) return fromPublic(path, into);
  try {
    fromBinding(binding, path, into);
  } catch {
    fromPublic(path, into); // the public call's own error (or, if the entry came back, its numbers)
  }
}

/** A bigint lstat of `path` for a file key: undefined when nothing is there; throws what lstatSync throws. */
export function lstatTimes(path: string | Buffer): LstatTimes | undefined {
  const binding = fsBinding();
  if (binding !== undefined) {
    try {
      return keyFromBinding(binding, path);
    } catch {
      // the public call's own error, below
    }
  }
  const st = lstatSync(path, { bigint: true, throwIfNoEntry: false });
  return st && { size: st.size, mode: st.mode, ino: st.ino, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, isFile: st.isFile() };
}

/** Whether lstatNumbers reads the binding in this thread (the tests ask). */
export function lstatViaBinding(): boolean {
  return fsBinding() !== undefined;
}
