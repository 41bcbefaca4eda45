/**
 * The read log drops the key of a racily clean read (file-key.ts racyAgainst compares mtimes as decimal
 * strings instead of parsing each into a bigint): the same verdict as isRacy on both sides of the
 * window's edge, far from it, and for mtimes that are not plain decimals (negative, zero-padded).
 */
import { describe, expect, it } from 'vitest';
import { isRacy, nowNs, RACY_WINDOW_NS, type FileKey } from '../../src/model/file-key.js';
import { ReadLog } from '../../src/model/read-log.js';

const key = (mtimeNs: string): FileKey => ({ size: 1, mtimeNs, ctimeNs: mtimeNs, ino: '7', mode: 0o100644 });

describe('racily clean reads in the read log', () => {
  it('keeps or drops a key as isRacy says', () => {
    const before = nowNs();
    const log = new ReadLog();
    const after = nowNs();
    const edge = before - RACY_WINDOW_NS;
    const mtimes = [
      edge - 10n ** 12n, edge - 1_000_000n, edge, edge + 1n, edge + 1_000_000n, after, after + 10n ** 12n,
      1n, 10n ** 17n, 10n ** 19n, 10n ** 25n,
    ].map(String).concat(['0', '-5', `0${String(edge + 10n ** 9n)}`, `-${String(edge)}`]);
    mtimes.forEach((mtime, i) => log.text(`f${i}`, key(mtime), 'h'));
    const kept = new Map(log.list().map((read) => [read.path, read.key !== undefined]));
    mtimes.forEach((mtime, i) => {
      // The log's clock lies between before and after: an mtime this close to either edge is not asked.
      const near = (t: bigint) => { try { const d = BigInt(mtime) - (t - RACY_WINDOW_NS); return d >= -1_000_000n && d <= 1_000_000n; } catch { return false; } };
      if (near(before) || near(after)) return;
      expect(kept.get(`f${i}`), mtime).toBe(!isRacy(key(mtime), before));
    });
  });
});
