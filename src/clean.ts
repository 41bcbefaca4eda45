/**
 * What `clean` may delete and untrack. Deletion: untracked bloat of the chosen categories only,
 * inside the root, never through a symlink. Untracking: tracked bloat and secrets leave the
 * index through `git rm -r --cached`; the files stay on disk.
 */
import { rmSync } from 'node:fs';
import type { BloatItem, CleanCategory } from './bloat/types.js';
import { git } from './model/git.js';
import { safeJoin } from './patch/apply.js';
import { findSecretFiles } from './ignorefiles/secrets.js';
import type { ScanResult } from './scan.js';

export const CLEAN_CATEGORIES: CleanCategory[] = ['cache', 'env', 'logs', 'data'];

export interface CleanPlan {
  delete: BloatItem[];
  /** Bloat that stays because a file below it is tracked; `--untrack` first. */
  keptTracked: BloatItem[];
  untrack: { path: string; bytes: number; why: string }[];
}

export function planClean(result: ScanResult, include: CleanCategory[]): CleanPlan {
  const wanted = new Set(include);
  const chosen = result.bloat.items.filter((item) => wanted.has(item.clean));
  const untrack = result.bloat.items.filter((item) => item.tracked).map((item) => ({ path: item.path, bytes: item.bytes, why: item.rule }));
  for (const secret of findSecretFiles(result.facts, result.bloat)) {
    if (secret.file.tracked && !result.bloat.containing(secret.path)) untrack.push({ path: secret.path, bytes: secret.file.size, why: 'security/env-file' });
  }
  return {
    delete: chosen.filter((item) => !item.tracked),
    keptTracked: chosen.filter((item) => item.tracked),
    untrack,
  };
}

export interface CleanOutcome {
  deleted: BloatItem[];
  failed: { path: string; error: string }[];
}

export function deleteItems(root: string, items: BloatItem[]): CleanOutcome {
  const outcome: CleanOutcome = { deleted: [], failed: [] };
  for (const item of items) {
    try {
      // safeJoin refuses paths that leave the root or pass through a symlink; rmSync never follows links inside.
      rmSync(safeJoin(root, item.path), { recursive: true, force: false });
      outcome.deleted.push(item);
    } catch (err) {
      outcome.failed.push({ path: item.path, error: (err as Error).message });
    }
  }
  return outcome;
}

export function untrackPaths(root: string, paths: string[]): void {
  if (paths.length === 0) return;
  // One call, paths on stdin: no argument-length limit and no shell quoting.
  git(root, ['rm', '-r', '--cached', '--quiet', '--pathspec-from-file=-', '--pathspec-file-nul'], paths.map((p) => `:(literal)${p}`).join('\0'));
}
