/**
 * The tree the HTML treemap draws, packed small: the largest folders are opened first until a
 * node budget is spent, and entries too small to see become one "smaller entries" block per
 * folder. A 200,000-file tree thus stays a few thousand nodes and well under a megabyte, while
 * the 7 GB virtualenv and its largest packages are still there to click on.
 */
import type { BloatItem } from '../../model/bloat.js';
import type { DirNode } from '../../model/tree.js';
import { joinPath } from '../../model/tree.js';

/** Node flags (bits). */
export const FLAG = { dir: 1, tracked: 2, ignored: 4, aggregate: 8, collapsed: 16 } as const;

/**
 * [name, bytes, files, flags, bloat rule index (-1 when none), children?]: arrays, not objects,
 * because the keys would otherwise be most of the file.
 */
export type PackedNode = [string, number, number, number, number, PackedNode[]?];

export interface PackOptions {
  /** Total nodes emitted (aggregates included). */
  maxNodes?: number;
  /** Children kept per folder before the rest is aggregated. */
  maxChildren?: number;
  /** Entries below this share of the whole tree are aggregated. */
  minShare?: number;
}

export interface PackedTree {
  tree: PackedNode;
  /** Bloat rule ids, indexed by the node's rule index. */
  rules: string[];
  nodes: number;
}

/** A max-heap of folders by size: the largest unopened folder is opened next. */
class FolderHeap {
  private items: { dir: DirNode; node: PackedNode }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: { dir: DirNode; node: PackedNode }): void {
    const a = this.items;
    a.push(entry);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (a[parent].dir.bytes >= a[i].dir.bytes) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  pop(): { dir: DirNode; node: PackedNode } | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].dir.bytes > a[m].dir.bytes) m = l;
        if (r < a.length && a[r].dir.bytes > a[m].dir.bytes) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

export function packTree(root: DirNode, bloat: BloatItem[], options: PackOptions = {}): PackedTree {
  const maxNodes = options.maxNodes ?? 20_000;
  const maxChildren = options.maxChildren ?? 1000;
  const minBytes = Math.max(1, root.bytes * (options.minShare ?? 1e-5));
  const rules: string[] = [];
  const ruleIndex = new Map<string, number>();
  const bloatByPath = new Map<string, number>();
  for (const item of bloat) {
    if (!ruleIndex.has(item.rule)) {
      ruleIndex.set(item.rule, rules.length);
      rules.push(item.rule);
    }
    bloatByPath.set(item.path, ruleIndex.get(item.rule)!);
  }
  const flagsOf = (isDir: boolean, tracked: boolean, ignored: boolean) =>
    (isDir ? FLAG.dir : 0) | (tracked ? FLAG.tracked : 0) | (ignored ? FLAG.ignored : 0);

  const tree: PackedNode = [root.name, root.bytes, root.fileCount, flagsOf(true, root.tracked, root.ignored) | FLAG.collapsed, -1];
  let nodes = 1;
  const heap = new FolderHeap();
  if (root.dirs.length > 0 || root.files.length > 0) heap.push({ dir: root, node: tree });

  while (heap.size > 0 && nodes < maxNodes) {
    const { dir, node } = heap.pop()!;
    type Entry = { name: string; bytes: number; files: number; flags: number; path: string; dir?: DirNode };
    const entries: Entry[] = [];
    for (const d of dir.dirs) {
      entries.push({ name: d.name, bytes: d.bytes, files: d.fileCount, flags: flagsOf(true, d.tracked, d.ignored), path: d.path, dir: d });
    }
    for (const f of dir.files) {
      if (f.kind !== 'file') continue;
      entries.push({ name: f.name, bytes: f.size, files: 1, flags: flagsOf(false, f.tracked, f.ignored), path: joinPath(dir.path, f.name) });
    }
    entries.sort((a, b) => b.bytes - a.bytes);
    const children: PackedNode[] = [];
    let restBytes = 0;
    let restFiles = 0;
    let restCount = 0;
    for (const e of entries) {
      if (e.bytes >= minBytes && children.length < maxChildren) {
        const hasBelow = e.dir !== undefined && (e.dir.dirs.length > 0 || e.dir.files.length > 0);
        const child: PackedNode = [e.name, e.bytes, e.files, e.flags | (hasBelow ? FLAG.collapsed : 0), bloatByPath.get(e.path) ?? -1];
        children.push(child);
        if (hasBelow) heap.push({ dir: e.dir!, node: child });
      } else {
        restBytes += e.bytes;
        restFiles += e.files;
        restCount += 1;
      }
    }
    if (restBytes > 0) children.push([`${restCount} smaller entr${restCount === 1 ? 'y' : 'ies'}`, restBytes, restFiles, FLAG.aggregate, -1]);
    node[3] &= ~FLAG.collapsed;
    node[5] = children;
    nodes += children.length;
  }
  return { tree, rules, nodes };
}
