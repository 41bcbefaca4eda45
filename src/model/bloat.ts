/** What the bloat classifier found, once, for every rule that needs it. */
import type { DirNode, FileNode } from './tree.js';

/** The `clean --include` categories, from cheapest to most costly to lose. */
export type CleanCategory = 'cache' | 'env' | 'logs' | 'data';

export interface BloatItem {
  /** The `bloat/*` rule id. */
  rule: string;
  /** Relative to the root; a folder or a file. */
  path: string;
  dir?: DirNode;
  file?: FileNode;
  bytes: number;
  allocated: number;
  files: number;
  tracked: boolean;
  ignored: boolean;
  clean: CleanCategory;
  /** What it is, in words ("Python 3.11 virtual environment with torch 2.1 GB, ..."). */
  description: string;
  /** Detector-specific facts (e.g. a virtualenv's packages). */
  details?: Record<string, unknown>;
}

export interface BloatIndex {
  items: BloatItem[];
  /** The bloat item that contains `path` (or is it), if any. */
  containing(path: string): BloatItem | undefined;
  /** Virtualenv folders (relative paths), for dependency analysis. */
  virtualenvs(): BloatItem[];
  /**
   * Makes the descriptions the classification deferred (classify.ts); reading one settles them
   * all first, so calling this is never needed for correctness, only to choose when the work runs.
   */
  settle(): void;
}

/**
 * Every file of the folders below `start` that no bloat item contains, in the order of
 * `iterateFiles`: a claimed folder (a venv of 100k+ files) is skipped whole. A file that is
 * itself a bloat item is still yielded: callers ask `bloat.containing(path)` for the files they
 * keep, which is then one lookup.
 */
export function* filesOutsideBloatFolders(start: DirNode, bloat: BloatIndex): Generator<{ dir: DirNode; file: FileNode }> {
  const stack: DirNode[] = [start];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (dir.path !== '' && bloat.containing(dir.path)) continue;
    for (const file of dir.files) yield { dir, file };
    for (let i = dir.dirs.length - 1; i >= 0; i--) stack.push(dir.dirs[i]);
  }
}
