/**
 * Sizes of what deleting frees. The disk gets back allocated blocks (what `du` shows), which
 * differ from the files' apparent length for sparse files (less) and many small files (more),
 * so both are shown where they differ.
 */
import { formatBytes } from '../bloat/detector.js';

/** `1.2 GB on disk (40 GB apparent)`, or `1.2 GB on disk` when both print the same. */
export function formatDiskSize(allocated: number, apparent: number): string {
  const disk = formatBytes(allocated);
  const length = formatBytes(apparent);
  return disk === length ? `${disk} on disk` : `${disk} on disk (${length} apparent)`;
}

/** Allocated and apparent bytes summed over items. */
export function sumSizes(items: readonly { allocated: number; bytes: number }[]): { allocated: number; bytes: number } {
  return items.reduce((s, i) => ({ allocated: s.allocated + i.allocated, bytes: s.bytes + i.bytes }), { allocated: 0, bytes: 0 });
}
