/** The size breakdown: the root's entries, largest first, with their share and the bloat in them. */
import type { BloatIndex } from '../model/bloat.js';
import type { DirNode } from '../model/tree.js';
import { joinPath } from '../model/tree.js';

export interface BreakdownRow {
  path: string;
  isDir: boolean;
  bytes: number;
  files: number;
  share: number;
  /** The bloat rule when the entry itself is bloat. */
  rule?: string;
  /** Bytes of bloat somewhere below, when the entry is not bloat itself. */
  bloatBelow: number;
}

export function sizeBreakdown(tree: DirNode, bloat: BloatIndex): BreakdownRow[] {
  const total = tree.bytes || 1;
  const bloatBelow = new Map<string, number>();
  for (const item of bloat.items) {
    const top = item.path.split('/')[0];
    if (top !== item.path) bloatBelow.set(top, (bloatBelow.get(top) ?? 0) + item.bytes);
  }
  const rows: BreakdownRow[] = [
    ...tree.dirs.map((d) => ({ path: d.path, isDir: true, bytes: d.bytes, files: d.fileCount })),
    ...tree.files.filter((f) => f.kind === 'file').map((f) => ({ path: joinPath('', f.name), isDir: false, bytes: f.size, files: 1 })),
  ].map((row) => {
    const item = bloat.items.find((i) => i.path === row.path);
    return { ...row, share: row.bytes / total, rule: item?.rule, bloatBelow: bloatBelow.get(row.path) ?? 0 };
  });
  return rows.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
}
