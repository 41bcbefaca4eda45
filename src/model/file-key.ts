/**
 * What identifies a file's content without reading it, as git's index and ruff's cache do: size,
 * mtime and ctime (ns), inode and mode from lstat. The analysis caches and the report memo trust a
 * stored result only while its file's key is unchanged.
 */
import type { BigIntStats } from 'node:fs';
import { lstatTimes, type LstatTimes } from './lstat-numbers.js';

export interface FileKey {
  size: number;
  mtimeNs: string;
  /** The ctime too: a tool that restores an mtime (rsync -t, tar, touch -r) cannot restore it. */
  ctimeNs: string;
  ino: string;
  /** Permissions too: a file made unreadable keeps its mtime, and must be read (and fail) again. */
  mode: number;
}

/**
 * A key taken this close to the file's last change cannot vouch for its content later: a second
 * change within the file system's timestamp granularity would keep it (git calls such entries
 * "racily clean").
 */
export const RACY_WINDOW_NS = 2_000_000_000n;

/** A file's key from lstat or fstat with bigint times (a BigIntStats, or lstat-numbers.ts LstatTimes). */
export function fileKeyOf(st: Pick<BigIntStats, 'size' | 'mtimeNs' | 'ctimeNs' | 'ino' | 'mode'>): FileKey {
  return { size: Number(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs), ino: String(st.ino), mode: Number(st.mode) };
}

/**
 * The key of `path` (relative to `root`) as it is now: lstat, never following a link; undefined
 * when it is not a regular file or cannot be looked at (the read that follows says why).
 */
export function currentFileKey(root: string, path: string): FileKey | undefined {
  let st: LstatTimes | undefined;
  try {
    // Not path.join: the path is already normal, and this runs for every file a cache or memo checks.
    st = lstatTimes(`${root}/${path}`);
  } catch {
    return undefined;
  }
  return st?.isFile ? fileKeyOf(st) : undefined;
}

export function sameKey(a: FileKey, b: FileKey): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.mode === b.mode;
}

/**
 * Whether a key was taken too soon after the file's content last changed (or is dated in the
 * future). The mtime tells, as for git: a second change within the granularity keeps the ctime too.
 */
export function isRacy(key: FileKey, nowNs: bigint): boolean {
  return nowNs - BigInt(key.mtimeNs) < RACY_WINDOW_NS;
}

/** Nanoseconds as String(bigint) writes them (no sign, no leading zero): two such strings of one length compare as their numbers do. */
const PLAIN_NS = /^[1-9][0-9]*$/;

/**
 * isRacy against one clock reading, for the many keys a scan checks: a plain decimal mtime is
 * compared as a string with the window's edge instead of being parsed into a bigint each time.
 */
export function racyAgainst(now: bigint): (key: FileKey) => boolean {
  const edge = String(now - RACY_WINDOW_NS);
  const plainEdge = PLAIN_NS.test(edge);
  return (key) => {
    const mtime = key.mtimeNs;
    if (!plainEdge || !PLAIN_NS.test(mtime)) return isRacy(key, now);
    return mtime.length === edge.length ? mtime > edge : mtime.length > edge.length;
  };
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
