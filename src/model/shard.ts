/**
 * `scan --shard i/n`: a deterministic share of a huge tree's top-level entries, so n machines can
 * scan one tree and `repolish merge` can put the shards back together. Every shard still walks the
 * whole tree, so checks that look across it (an ignore pattern tested against every other file, a
 * build context) stay exact; a shard reports only the findings and totals of its share. The
 * dependency analysis, which reads every Python file and costs the most, runs in shard 1 only,
 * which also holds the files at the top of the tree.
 */
import { UsageError } from '../errors.js';
import type { Finding, Warning } from '../findings.js';
import type { DirNode } from './tree.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) throw new UsageError(`--shard ${value}: expected i/n with 1 <= i <= n <= 1000 (e.g. 2/4)`);
  return { index, count };
}

/** FNV-1a over the name's UTF-8 bytes: the same name lands in the same shard on every machine. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

/** The shard a path belongs to: its top-level folder's, or shard 1 for the root and top-level files. */
export function shardOf(tree: DirNode, path: string, count: number): number {
  if (path === '' || path === '.') return 1;
  const first = path.split('/')[0];
  return tree.dirs.some((d) => d.name === first) ? (hash(first) % count) + 1 : 1;
}

/** Findings whose rule runs in shard 1 only, over the whole project. */
export type ProjectRule = (rule: string) => boolean;

export function shareOf<T extends Finding | Warning>(items: T[], tree: DirNode, shard: Shard, projectRule: ProjectRule = () => false): T[] {
  return items.filter((item) => {
    if ('rule' in item && projectRule(item.rule)) return shard.index === 1;
    return shardOf(tree, item.path, shard.count) === shard.index;
  });
}

/** The share's totals: its top-level folders, plus the top-level files in shard 1. */
export function shareTotals(tree: DirNode, shard: Shard): { bytes: number; files: number; allocated: number } {
  const totals = { bytes: 0, files: 0, allocated: 0 };
  for (const dir of tree.dirs) {
    if (shardOf(tree, dir.name, shard.count) !== shard.index) continue;
    totals.bytes += dir.bytes;
    totals.files += dir.fileCount;
    totals.allocated += dir.allocated;
  }
  if (shard.index === 1) {
    for (const file of tree.files) {
      if (file.kind !== 'file') continue;
      totals.bytes += file.size;
      totals.files += 1;
      totals.allocated += file.allocated;
    }
  }
  return totals;
}
