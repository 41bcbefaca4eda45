/**
 * What `clean` may delete and untrack. Deletion: untracked bloat of the chosen categories only,
 * inside the root, never through a symlink. Untracking: tracked bloat and secrets leave the
 * index through `git rm -r --cached`; the files stay on disk.
 */
import { lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BloatItem, CleanCategory } from './model/bloat.js';
import { SafetyError } from './errors.js';
import { runGit } from './model/git.js';
import { displayPath, encodeName, fsPath } from './model/names.js';
import type { DirNode } from './model/tree.js';
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

/** Whether an item is, or lies inside, a git directory (never bloat, whatever its name). */
function inGitDir(result: ScanResult, path: string): boolean {
  const slash = path.lastIndexOf('/');
  for (let dir: DirNode | null | undefined = result.facts.dir(path) ?? result.facts.dir(slash < 0 ? '' : path.slice(0, slash)); dir; dir = dir.parent) {
    if (dir.gitDir) return true;
  }
  return false;
}

export function planClean(result: ScanResult, include: CleanCategory[]): CleanPlan {
  const wanted = new Set(include);
  const chosen = result.bloat.items.filter((item) => wanted.has(item.clean) && !inGitDir(result, item.path));
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
      // safeJoin refuses paths that leave the root or pass through a symlink; rmSync never follows
      // links inside. The path is deleted by its exact bytes (a name need not be valid UTF-8).
      const abs = safeJoin(root, item.path);
      refuseSymlinkedFolders(root, item.path);
      rmSync(fsPath(abs), { recursive: true, force: false });
      outcome.deleted.push(item);
    } catch (err) {
      outcome.failed.push({ path: item.path, error: (err as Error).message });
    }
  }
  return outcome;
}

/** The folders on the way to `rel`, checked by their exact bytes: none may be a symlink. */
function refuseSymlinkedFolders(root: string, rel: string): void {
  const parts = rel.split('/');
  let cur = root;
  for (const part of parts.slice(0, -1)) {
    cur = join(cur, part);
    if (lstatSync(fsPath(cur)).isSymbolicLink()) throw new SafetyError(`${displayPath(rel)}: refusing to delete through the symlink ${displayPath(cur)}`);
  }
}

export function untrackPaths(root: string, paths: string[]): void {
  if (paths.length === 0) return;
  // One call, paths on stdin as their exact bytes, NUL-separated, each a literal pathspec: no
  // argument-length limit, no quoting, and no name (newline, leading colon, glob characters,
  // bytes that are not UTF-8) that git could read as anything but itself.
  const input = Buffer.concat(paths.flatMap((p) => [Buffer.from(':(literal)'), encodeName(p), Buffer.from([0])]));
  runGit(root, ['rm', '-r', '--cached', '--quiet', '--pathspec-from-file=-', '--pathspec-file-nul'], { input });
}
