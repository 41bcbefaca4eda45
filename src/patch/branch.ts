/**
 * `--branch NAME`: the changes become one commit on a new branch made from HEAD, in a temporary
 * git worktree, so the user's checkout, index and current branch stay exactly as they were.
 * Refused (SafetyError) when tracked files have uncommitted changes, because the changes were
 * computed from the working tree and must equal what HEAD holds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { SafetyError, UsageError } from '../errors.js';
import { applyChanges } from './apply.js';
import type { FileChange } from './change.js';

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
}

function gitOk(cwd: string, args: string[]): boolean {
  try {
    git(cwd, args);
    return true;
  } catch {
    return false;
  }
}

function gitError(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  return (e.stderr || e.message || String(err)).trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'git failed';
}

export interface BranchResult {
  branch: string;
  commit: string;
}

/**
 * Creates `branch` from HEAD with one commit holding `changes` (paths relative to `root`, which
 * may be a folder inside the repository).
 */
export function commitOnBranch(root: string, branch: string, changes: readonly FileChange[], message: string): BranchResult {
  let top: string;
  try {
    top = git(root, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new UsageError(`--branch: ${root} is not inside a git repository`);
  }
  if (!gitOk(root, ['check-ref-format', '--branch', branch])) throw new UsageError(`--branch ${branch}: not a valid branch name`);
  if (!gitOk(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])) throw new UsageError('--branch: the repository has no commit yet');
  if (gitOk(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) {
    throw new SafetyError(`--branch ${branch}: the branch exists already; choose another name or delete it`);
  }
  const dirty = git(top, ['status', '--porcelain=v1', '-z', '--untracked-files=no']).split('\0').filter(Boolean);
  if (dirty.length > 0) {
    const names = dirty.slice(0, 5).map((d) => d.slice(3)).join(', ');
    throw new SafetyError(`--branch: tracked files have uncommitted changes (${names}${dirty.length > 5 ? ', ...' : ''}); commit or stash them first`);
  }
  const prefix = relative(realpathSync(top), realpathSync(root)).split(sep).join('/');
  const inRepo = (p: string) => (prefix ? `${prefix}/${p}` : p);
  const tracked = new Set(git(top, ['ls-files', '-z', '--', ...(prefix ? [prefix] : [])]).split('\0').filter(Boolean));
  for (const c of changes) {
    if (c.before !== null && !tracked.has(inRepo(c.path))) {
      throw new SafetyError(`--branch: ${c.path} is not committed, so a branch made from HEAD cannot carry its change; commit it first or use --write`);
    }
  }

  const tmp = mkdtempSync(join(tmpdir(), 'repolish-branch-'));
  const worktree = join(tmp, 'worktree');
  try {
    try {
      git(top, ['worktree', 'add', '--quiet', '--detach', worktree, 'HEAD']);
    } catch (err) {
      throw new UsageError(`--branch: git worktree add failed: ${gitError(err)}`);
    }
    applyChanges(prefix ? join(worktree, prefix) : worktree, changes);
    const paths = changes.map((c) => inRepo(c.path));
    git(worktree, ['add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], paths.map((p) => `:(literal)${p}`).join('\0'));
    try {
      // Hooks are skipped: the commit must hold exactly the reviewed diff.
      git(worktree, ['commit', '--quiet', '--no-verify', '-F', '-'], message);
    } catch (err) {
      throw new UsageError(`--branch: git commit failed: ${gitError(err)}`);
    }
    const commit = git(worktree, ['rev-parse', 'HEAD']).trim();
    git(top, ['branch', branch, commit]);
    return { branch, commit };
  } finally {
    try { git(top, ['worktree', 'remove', '--force', worktree]); } catch { /* pruned below */ }
    rmSync(tmp, { recursive: true, force: true });
    try { git(top, ['worktree', 'prune']); } catch { /* nothing to prune */ }
  }
}
