/**
 * `--branch NAME`: the changes become one commit on a new branch made from HEAD. The commit is
 * built with git's plumbing in a temporary index (read-tree, hash-object, update-index,
 * write-tree, commit-tree, update-ref): no checkout is made, so nothing is left to clean up on
 * the disk but one temporary index, and no hook can run (commit-tree and update-ref fire none;
 * hooks are disabled for every git call anyway). The user's checkout, index and current branch
 * stay exactly as they were.
 *
 * Refused (SafetyError) when tracked files have uncommitted changes, because the changes were
 * computed from the working tree and must equal what HEAD holds.
 *
 * Signing: only the user's own (global/system) configuration can ask for it, and only the
 * programs that configuration names can run; the repository's own gpg settings are overridden.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { SafetyError, UsageError } from '../errors.js';
import { git, gitErrorMessage, gitOk, runGit, splitNul } from '../model/git.js';
import { displayPath, encodeName, fsPath } from '../model/names.js';
import { safeJoin } from './apply.js';
import type { FileChange } from './change.js';

export interface BranchResult {
  branch: string;
  commit: string;
}

/** Temporary folders of this module: `repolish-branch-<pid>-XXXXXX` (older versions: `repolish-branch-XXXXXX/worktree`). */
const TEMP_PREFIX = 'repolish-branch-';

interface HeadEntry {
  mode: string;
  type: string;
}

/** `git ls-tree -r -z HEAD` below `prefix`, keyed by exact path from the repository top. */
function headEntries(top: string, head: string, prefix: string): Map<string, HeadEntry> {
  const out = runGit(top, ['ls-tree', '-r', '-z', '--full-tree', head, ...(prefix ? ['--', prefix] : [])]);
  const entries = new Map<string, HeadEntry>();
  for (const line of splitNul(out)) {
    const tab = line.indexOf('\t');
    const [mode, type] = line.slice(0, tab).split(' ');
    entries.set(line.slice(tab + 1), { mode, type });
  }
  return entries;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Leftovers of earlier runs that were killed: worktrees an older version registered under a
 * `repolish-branch-*` temp folder, and temp folders of processes that no longer exist. Only
 * repolish's own; other worktrees and folders are never touched.
 */
export function pruneLeftovers(top: string): string[] {
  const removed: string[] = [];
  let listing: string[] = [];
  try {
    listing = splitNul(runGit(top, ['worktree', 'list', '--porcelain', '-z']));
  } catch {
    listing = [];
  }
  const ours = new RegExp(`/${TEMP_PREFIX}[^/]+/worktree$`);
  for (const line of listing) {
    if (!line.startsWith('worktree ')) continue;
    const path = line.slice('worktree '.length);
    if (!ours.test(path)) continue;
    try {
      runGit(top, ['worktree', 'remove', '--force', path]);
      removed.push(path);
    } catch { /* still registered: reported by git worktree list */ }
    rmSync(join(path, '..'), { recursive: true, force: true });
  }
  let names: string[] = [];
  try { names = readdirSync(tmpdir()); } catch { names = []; }
  const uid = process.getuid?.();
  for (const name of names) {
    const match = /^repolish-branch-(\d+)-[A-Za-z0-9]{6}$/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    const path = join(tmpdir(), name);
    try {
      if (uid !== undefined && lstatSync(path).uid !== uid) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch { /* gone already */ }
  }
  return removed;
}

/** A value from the user's own configuration (global, then system), never the repository's. */
function userConfig(cwd: string, key: string, type?: string): string | undefined {
  const scopes = process.env.GIT_CONFIG_NOSYSTEM ? ['--global'] : ['--global', '--system'];
  for (const scope of scopes) {
    try {
      const value = git(cwd, ['config', scope, ...(type ? [`--type=${type}`] : []), '--get', key]).trim();
      if (value !== '') return value;
    } catch { /* unset in this scope */ }
  }
  return undefined;
}

interface Signing {
  /** `-c` settings that replace whatever the repository configures for signing. */
  config: string[];
  program: string;
}

/** Signing as the user's own configuration asks (commit.gpgSign), with the programs it names. */
function userSigning(cwd: string): Signing | undefined {
  if (userConfig(cwd, 'commit.gpgSign', 'bool') !== 'true') return undefined;
  const format = userConfig(cwd, 'gpg.format') ?? 'openpgp';
  const openpgp = userConfig(cwd, 'gpg.openpgp.program') ?? userConfig(cwd, 'gpg.program') ?? 'gpg';
  const x509 = userConfig(cwd, 'gpg.x509.program') ?? 'gpgsm';
  const ssh = userConfig(cwd, 'gpg.ssh.program') ?? 'ssh-keygen';
  const config = [
    `gpg.format=${format}`,
    `gpg.program=${openpgp}`,
    `gpg.openpgp.program=${openpgp}`,
    `gpg.x509.program=${x509}`,
    `gpg.ssh.program=${ssh}`,
    // An empty command runs nothing; git then asks for user.signingKey instead.
    `gpg.ssh.defaultKeyCommand=${userConfig(cwd, 'gpg.ssh.defaultKeyCommand') ?? ''}`,
  ];
  const key = userConfig(cwd, 'user.signingKey');
  if (key !== undefined) config.push(`user.signingKey=${key}`);
  return { config, program: format === 'ssh' ? ssh : format === 'x509' ? x509 : openpgp };
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Temporary folders of commits being made now: removed by the signal handler too. */
const activeTemps = new Set<string>();

/**
 * A signal that arrives while git runs (synchronously) is dispatched when the event loop next
 * polls, possibly after the commit was abandoned: the handler stays installed until then, removes
 * whatever is still there, and lets the signal take its usual effect (other listeners, or the
 * default: the process ends by that signal).
 */
function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of activeTemps) rmSync(tmp, { recursive: true, force: true });
  activeTemps.clear();
  for (const s of SIGNALS) process.off(s, onSignal);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function trackTemp(tmp: string): void {
  if (activeTemps.size === 0 && process.listeners('SIGINT').every((l) => l !== onSignal)) {
    for (const s of SIGNALS) process.on(s, onSignal);
  }
  activeTemps.add(tmp);
}

/**
 * What `--branch` needs before any work is done: a repository with a commit, a valid branch name
 * that does not exist yet, and no uncommitted changes to tracked files (the branch is made from
 * HEAD, so they would be left out or mixed in). Throws the message the user sees; returns the
 * repository's top folder and HEAD.
 */
export function checkBranchPreconditions(root: string, branch: string): { top: string; head: string } {
  let top: string;
  try {
    top = git(root, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new UsageError(`--branch: ${root} is not inside a git repository`);
  }
  if (!gitOk(root, ['check-ref-format', '--branch', branch])) throw new UsageError(`--branch ${branch}: not a valid branch name`);
  let head: string;
  try {
    head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).trim();
  } catch {
    throw new UsageError('--branch: the repository has no commit yet');
  }
  if (gitOk(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) {
    throw new SafetyError(`--branch ${branch}: the branch exists already; choose another name or delete it`);
  }
  pruneLeftovers(top);
  const dirty = splitNul(runGit(top, ['status', '--porcelain=v1', '-z', '--untracked-files=no']));
  if (dirty.length > 0) {
    const names = dirty.slice(0, 5).map((d) => displayPath(d.slice(3))).join(', ');
    throw new SafetyError(`--branch: tracked files have uncommitted changes (${names}${dirty.length > 5 ? ', ...' : ''}); commit or stash them first`);
  }
  return { top, head };
}

/**
 * Creates `branch` from HEAD with one commit holding `changes` (paths relative to `root`, which
 * may be a folder inside the repository).
 */
export function commitOnBranch(root: string, branch: string, changes: readonly FileChange[], message: string): BranchResult {
  // Checked again here: the tree may have changed while the codemods ran.
  const { top, head } = checkBranchPreconditions(root, branch);
  const prefix = relative(realpathSync(top), realpathSync(root)).split(sep).join('/');
  const inRepo = (p: string) => (prefix ? `${prefix}/${p}` : p);
  const inHead = headEntries(top, head, prefix);
  for (const c of changes) {
    const entry = inHead.get(inRepo(c.path));
    if (c.before !== null && !entry) {
      throw new SafetyError(`--branch: ${displayPath(c.path)} is not committed, so a branch made from HEAD cannot carry its change; commit it first or use --write`);
    }
    if (entry && (entry.type !== 'blob' || entry.mode === '120000')) {
      throw new SafetyError(`--branch: ${displayPath(c.path)} is a ${entry.type === 'commit' ? 'submodule' : 'symbolic link'} in HEAD; repolish does not change it`);
    }
    if (c.before === null && entry) throw new SafetyError(`--branch: ${displayPath(c.path)} exists in HEAD; it was read as a new file`);
    if (c.before !== null) {
      // The working tree equals HEAD (checked above); the change must start from what is there.
      const onDisk = readFileSync(fsPath(safeJoin(root, c.path)));
      if (!onDisk.equals(typeof c.before === 'string' ? Buffer.from(c.before, 'utf8') : c.before)) {
        throw new SafetyError(`--branch: ${displayPath(c.path)} changed since it was read; nothing was committed`);
      }
    }
  }

  const tmp = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  trackTemp(tmp);
  try {
    const index = { GIT_INDEX_FILE: join(tmp, 'index') };
    runGit(top, ['read-tree', head], { env: index });
    const lines: Buffer[] = [];
    for (const c of changes) {
      const path = inRepo(c.path);
      if (c.after === null) {
        lines.push(Buffer.from('0 0000000000000000000000000000000000000000\t'), encodeName(path), Buffer.from([0]));
        continue;
      }
      const content = typeof c.after === 'string' ? Buffer.from(c.after, 'utf8') : c.after;
      // --path: the attributes of the file apply (end-of-line conversion) as `git add` would;
      // every filter driver is disabled by the runner.
      const pathArg = fsPath(path) === path ? [`--path=${path}`] : ['--no-filters'];
      const oid = runGit(top, ['hash-object', '-w', '--stdin', ...pathArg], { input: content }).toString('utf8').trim();
      const mode = inHead.get(path)?.mode ?? c.mode ?? '100644';
      lines.push(Buffer.from(`${mode} ${oid}\t`), encodeName(path), Buffer.from([0]));
    }
    runGit(top, ['update-index', '-z', '--index-info'], { input: Buffer.concat(lines), env: index });
    const tree = runGit(top, ['write-tree'], { env: index }).toString('utf8').trim();
    const signing = userSigning(top);
    let commit: string;
    try {
      commit = runGit(top, ['commit-tree', tree, '-p', head, ...(signing ? ['-S'] : [])], { input: message, config: signing?.config }).toString('utf8').trim();
    } catch (err) {
      if (signing && /\bsign|gpg|ssh-keygen/i.test(gitErrorMessage(err))) {
        throw new UsageError(`--branch: signing the commit failed (commit.gpgSign is set in your git configuration; ${signing.program} could not sign): ${gitErrorMessage(err)}`);
      }
      throw new UsageError(`--branch: git commit-tree failed: ${gitErrorMessage(err)}`);
    }
    try {
      // The empty old value: create only, never move a branch that appeared meanwhile.
      runGit(top, ['update-ref', '-m', 'repolish --branch', `refs/heads/${branch}`, commit, '']);
    } catch (err) {
      throw new SafetyError(`--branch ${branch}: could not create the branch: ${gitErrorMessage(err)}`);
    }
    return { branch, commit };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    activeTemps.delete(tmp);
  }
}
