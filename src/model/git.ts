/**
 * Everything repolish asks git, through the real `git` binary and through runGit only.
 *
 * The scanned repository is not trusted: its configuration can name programs that git would run
 * (an fsmonitor, hooks, clean/smudge filters) and the caller's environment can point git at
 * another repository (GIT_DIR, GIT_INDEX_FILE, ...). Every call therefore:
 * - drops the environment variables that redirect repository state (gitEnvironment);
 * - disables the fsmonitor and hooks, automatic gc/maintenance, and every filter driver the
 *   configuration defines (so `.gitattributes` cannot make status, add or hash-object run one).
 * The user's own identity and global/system configuration choice (GIT_CONFIG_GLOBAL, ...) stay.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { decodeName } from './names.js';

export interface GitRepo {
  /** Absolute path of the work tree's top level. */
  topLevel: string;
  /** The scanned root relative to the top level, `/`-separated, '' at the top. */
  prefix: string;
  /** `$GIT_DIR/info/exclude`, absolute. */
  infoExclude: string;
  /** `core.excludesFile`, or git's default `$XDG_CONFIG_HOME/git/ignore`. */
  excludesFile: string;
  /** `core.ignorecase`: false on Linux unless configured. */
  ignoreCase: boolean;
}

/**
 * What git says about the scanned root:
 * - `none`: no repository (no `.git` from the root upward, no git directory around it);
 * - `readable`: a work tree git answers for;
 * - `unreadable`: a `.git` is there but git cannot answer (dubious ownership, corrupt state, git
 *   missing); `message` is git's own. Tracking is unknown, so nothing may be deleted or written;
 * - `git-dir`: the root is a git directory (a bare repository, a `.git` folder) or inside one.
 */
export type RepoState =
  | { kind: 'none' }
  | { kind: 'readable'; repo: GitRepo }
  | { kind: 'unreadable'; message: string; gitPath: string }
  | { kind: 'git-dir'; gitDir: string };

/** A git command failed; `message` is git's own stderr (or why git could not start). */
export class GitError extends Error {
  /** Stopped by `GitCallOptions.timeoutMs`. */
  timedOut = false;

  constructor(message: string, readonly args: readonly string[], readonly stderr: string, readonly notInstalled = false) {
    super(message);
  }
}

/**
 * The limit for a git call that reads ignore files across the work tree (`ls-files --others`,
 * `check-ignore`): git opens each `.gitignore` with a blocking open, so one that is a FIFO makes
 * git (and `git status`) wait forever. `REPOLISH_GIT_TIMEOUT_S` changes it.
 */
export function workTreeGitTimeoutMs(): number {
  const seconds = Number(process.env.REPOLISH_GIT_TIMEOUT_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 300_000;
}

/** Variables kept from the caller: identity, which global/system config to read, tracing, git's own install. */
const KEPT_GIT_VARIABLES = /^GIT_(CONFIG_GLOBAL|CONFIG_SYSTEM|CONFIG_NOSYSTEM|(AUTHOR|COMMITTER)_(NAME|EMAIL|DATE)|EXEC_PATH|TRACE\w*|TERMINAL_PROMPT|SSL_CA\w*)$/;

/**
 * The caller's environment without the GIT_* variables that redirect repository state
 * (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_COMMON_DIR, GIT_NAMESPACE,
 * GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_CEILING_DIRECTORIES, GIT_CONFIG_PARAMETERS/COUNT, the
 * pathspec modes, ...): every call is about the scanned tree as it is on disk.
 */
export function gitEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GIT_') && !KEPT_GIT_VARIABLES.test(key)) continue;
    env[key] = value;
  }
  // Read-only commands (status) then never take the index lock or rewrite the index.
  env.GIT_OPTIONAL_LOCKS = '0';
  return { ...env, ...extra };
}

/** `-c` settings on every call: nothing the repository configures is executed. */
export const NEUTRAL_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  // A path that cannot hold hooks (checked with git 2.39: no hook runs).
  'core.hooksPath=/dev/null',
  'gc.auto=0',
  'maintenance.auto=false',
  'core.pager=cat',
];

const filterCache = new Map<string, string[]>();

/**
 * The filter drivers the configuration seen from `cwd` defines (`filter.<name>.clean`, ...).
 * Read once per folder; reading configuration runs nothing.
 */
function filterDrivers(cwd: string): string[] {
  let names = filterCache.get(cwd);
  if (names) return names;
  names = [];
  const out = spawnSync('git', [...NEUTRAL_CONFIG.flatMap((c) => ['-c', c]), 'config', '-z', '--get-regexp', '^filter\\.'], {
    cwd, env: gitEnvironment(), maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (out.status === 0 && out.stdout) {
    for (const entry of out.stdout.toString('utf8').split('\0')) {
      const key = entry.split('\n', 1)[0];
      const last = key.lastIndexOf('.');
      if (last > 'filter.'.length) names.push(key.slice('filter.'.length, last));
    }
  }
  names = [...new Set(names)];
  filterCache.set(cwd, names);
  return names;
}

/**
 * The driver neutralised through GIT_CONFIG_KEY_n/VALUE_n (a driver name may hold `=`, which
 * `-c` cannot express): an empty command is no command, and a not-required driver is skipped.
 */
function filterOverrides(cwd: string): Record<string, string> {
  const entries: [string, string][] = [];
  for (const name of filterDrivers(cwd)) {
    for (const key of ['clean', 'smudge', 'process']) entries.push([`filter.${name}.${key}`, '']);
    entries.push([`filter.${name}.required`, 'false']);
  }
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** git's own words from a failed call: its stderr, lines joined. */
export function gitErrorMessage(err: unknown): string {
  if (err instanceof GitError) return err.message;
  const e = err as { stderr?: string | Buffer; message?: string };
  const text = String(e.stderr || e.message || err);
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ') || 'git failed';
}

export interface GitCallOptions {
  input?: string | Buffer;
  /** Extra variables for this call (e.g. GIT_INDEX_FILE of a temporary index repolish made). */
  env?: Record<string, string>;
  /** Extra `-c key=value` settings for this call. */
  config?: readonly string[];
  /** Kill git after this long and throw a GitError with `timedOut` set. */
  timeoutMs?: number;
}

/** The command line and environment of one git call (every call goes through here). */
function gitInvocation(cwd: string, args: readonly string[], options: GitCallOptions): { argv: string[]; env: NodeJS.ProcessEnv } {
  const config = [...NEUTRAL_CONFIG, ...(options.config ?? [])];
  return { argv: [...config.flatMap((c) => ['-c', c]), ...args], env: gitEnvironment({ ...filterOverrides(cwd), ...options.env }) };
}

/** GitError for a call that could not start (`error`), was stopped or exited non-zero. */
function failure(cwd: string, args: readonly string[], error: Error | undefined, signal: string | null, status: number | null, stderr: string): GitError | undefined {
  if (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // ENOENT is also what a missing cwd gives: tell them apart.
      let cwdExists = true;
      try { statSync(cwd); } catch { cwdExists = false; }
      if (cwdExists) return new GitError('git is not installed or not on PATH', args, '', true);
    }
    return new GitError(`git ${args[0]}: ${error.message}`, args, '');
  }
  if (signal) return new GitError(`git ${args[0]} was stopped by ${signal}`, args, stderr);
  if (status !== 0) {
    const message = stderr.split('\n').map((l) => l.trim()).filter(Boolean).join(' ') || `git ${args[0]} exited with ${status ?? signal}`;
    return new GitError(message, args, stderr);
  }
  return undefined;
}

/** The one place git is started synchronously. Throws GitError with git's message when it fails. */
export function runGit(cwd: string, args: readonly string[], options: GitCallOptions = {}): Buffer {
  const { argv, env } = gitInvocation(cwd, args, options);
  const result = spawnSync('git', argv, {
    cwd,
    env,
    input: options.input,
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    const timedOut = new GitError(`git ${args[0]} did not finish in ${Math.round((options.timeoutMs ?? 0) / 1000)} s`, args, '');
    timedOut.timedOut = true;
    throw timedOut;
  }
  const error = failure(cwd, args, result.error, result.signal, result.status, result.stderr?.toString('utf8') ?? '');
  if (error) throw error;
  return result.stdout;
}

/**
 * Git calls started now and read later: a pipeline (each command's output is the next one's
 * input) whose last output goes to a temporary file, not a pipe, so git runs to the end on
 * another core while this thread is busy (a pipe would fill and stop it until the event loop
 * turns). The file is unlinked as soon as git and this thread hold it open, so nothing is left
 * in the temporary folder whatever ends the process (Ctrl-C during the walk left it behind).
 * `output()` resolves to that output, or rejects with the first failure as GitError.
 */
export class BackgroundGit {
  private readonly finished: Promise<Buffer>;

  constructor(cwd: string, commands: readonly (readonly string[])[]) {
    const folder = mkdtempSync(join(tmpdir(), 'repolish-git-'));
    const outputPath = join(folder, 'out');
    let outputFd: number | undefined;
    let readFd: number | undefined;
    const exits: Promise<GitError | undefined>[] = [];
    let previous: ChildProcess | undefined;
    try {
      outputFd = openSync(outputPath, 'wx', 0o600);
      readFd = openSync(outputPath, 'r');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    try {
      commands.forEach((args, i) => {
        const { argv, env } = gitInvocation(cwd, args, {});
        const last = i === commands.length - 1;
        const child = spawn('git', argv, { cwd, env, stdio: [previous?.stdout ?? 'ignore', last ? outputFd : 'pipe', 'pipe'] });
        // The previous command's output now belongs to this one: this process must not read it.
        previous?.stdout?.destroy();
        exits.push(settled(cwd, args, child));
        previous = child;
      });
    } finally {
      closeSync(outputFd);
    }
    const output = readFd;
    this.finished = Promise.all(exits).then((errors) => {
      try {
        const error = errors.find((e) => e !== undefined);
        if (error) throw error;
        return readFileSync(output);
      } finally {
        closeSync(output);
      }
    });
    this.finished.catch(() => undefined); // read through output(); never an unhandled rejection
  }

  output(): Promise<Buffer> {
    return this.finished;
  }
}

/** How one background git process ended (its stderr is read as it comes; it is small). */
function settled(cwd: string, args: readonly string[], child: ChildProcess): Promise<GitError | undefined> {
  const stderr: Buffer[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve) => {
    let startError: Error | undefined;
    child.once('error', (err) => { startError = err; resolve(failure(cwd, args, err, null, null, '')); });
    child.once('close', (status, signal) => {
      if (!startError) resolve(failure(cwd, args, undefined, signal, status, Buffer.concat(stderr).toString('utf8')));
    });
  });
}

export function git(cwd: string, args: string[], input?: string | Buffer): string {
  return runGit(cwd, args, { input }).toString('utf8');
}

export function gitBuffer(cwd: string, args: string[], input?: string | Buffer): Buffer {
  return runGit(cwd, args, { input });
}

export function gitOk(cwd: string, args: string[]): boolean {
  try {
    runGit(cwd, args);
    return true;
  } catch {
    return false;
  }
}

/** NUL-separated git output (`-z`) as exact names (see names.ts). */
export function splitNul(out: Buffer): string[] {
  const names: string[] = [];
  let start = 0;
  for (let i = out.indexOf(0); i >= 0; i = out.indexOf(0, start)) {
    if (i > start) names.push(decodeName(out.subarray(start, i)));
    start = i + 1;
  }
  if (start < out.length) names.push(decodeName(out.subarray(start)));
  return names;
}

function configValue(cwd: string, args: string[]): string | undefined {
  try {
    const value = git(cwd, ['config', ...args]).trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined; // git config exits 1 when the key is unset
  }
}

function exists(path: string, kind?: 'file' | 'dir'): boolean {
  try {
    const st = lstatSync(path);
    return kind === 'file' ? st.isFile() : kind === 'dir' ? st.isDirectory() : true;
  } catch {
    return false;
  }
}

/** A git directory's layout: HEAD, objects/ and refs/ (a bare repository, a `.git` folder). */
export function looksLikeGitDir(path: string): boolean {
  return exists(join(path, 'HEAD'), 'file') && exists(join(path, 'objects'), 'dir') && exists(join(path, 'refs'), 'dir');
}

/** The nearest `.git` (file or folder) or git directory from `root` upward, if any. */
export function findGitMetadata(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    if (exists(join(dir, '.git'))) return join(dir, '.git');
    if (looksLikeGitDir(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The repository that contains `root`, told apart from one git cannot read (RepoState). */
export function probeRepo(root: string): RepoState {
  const unreadable = (message: string): RepoState => {
    const gitPath = findGitMetadata(root);
    return gitPath ? { kind: 'unreadable', message, gitPath } : { kind: 'none' };
  };
  const whereArgs = ['--is-inside-git-dir', '--is-inside-work-tree', '--absolute-git-dir'];
  const workTreeArgs = ['--show-toplevel', '--show-prefix', '--git-path', 'info/exclude'];
  // Inside a work tree (the usual case) one call answers both questions; elsewhere the second
  // half fails, and the first is asked alone.
  let lines: string[] | undefined;
  try {
    lines = git(root, ['rev-parse', ...whereArgs, ...workTreeArgs]).split('\n');
  } catch {
    lines = undefined;
  }
  let topLevel: string, prefix: string, infoExclude: string;
  if (lines && lines[0] === 'false' && lines[1] === 'true') [, , , topLevel, prefix, infoExclude] = lines;
  else {
    let where: string[];
    try {
      where = git(root, ['rev-parse', ...whereArgs]).split('\n');
    } catch (err) {
      return unreadable(gitErrorMessage(err));
    }
    const [insideGitDir, insideWorkTree, gitDir] = where;
    if (insideGitDir === 'true') return { kind: 'git-dir', gitDir };
    if (insideWorkTree !== 'true') return unreadable(`git does not see ${root} as part of a work tree (git directory ${gitDir})`);
    let out: string;
    try {
      out = git(root, ['rev-parse', ...workTreeArgs]);
    } catch (err) {
      return unreadable(gitErrorMessage(err));
    }
    [topLevel, prefix, infoExclude] = out.split('\n');
  }
  const xdg = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  const configured = configValue(root, ['--path', 'core.excludesFile']);
  return {
    kind: 'readable',
    repo: {
      topLevel,
      prefix: prefix.replace(/\/$/, ''),
      infoExclude: isAbsolute(infoExclude) ? infoExclude : resolve(root, infoExclude),
      excludesFile: configured ?? join(xdg, 'git', 'ignore'),
      ignoreCase: configValue(root, ['--bool', 'core.ignorecase']) === 'true',
    },
  };
}

/** The repository that contains `root`, or null when it is not a work tree git can read. */
export function openRepo(root: string): GitRepo | null {
  const state = probeRepo(root);
  return state.kind === 'readable' ? state.repo : null;
}

/** Paths git tracks below `root`, relative to it, byte-exact (read with -z, see names.ts). */
export function trackedPaths(root: string): string[] {
  return splitNul(gitBuffer(root, TRACKED_PATHS));
}

const TRACKED_PATHS = ['ls-files', '-z', '--cached'];

/** What the index says below the root: every tracked path, and those marked skip-worktree. */
export interface TrackedIndex {
  /** trackedPaths, in git's order. */
  paths: string[];
  /** Tracked paths a sparse checkout (or `update-index --skip-worktree`) keeps off the disk. */
  skipWorktree: string[];
}

/**
 * The index below `root`, started now (in the background) and read later: one `ls-files -t`
 * gives trackedPaths (the tag aside) and the skip-worktree paths (tag `S`).
 */
export function startTrackedIndex(root: string): Promise<TrackedIndex> {
  return new BackgroundGit(root, [['ls-files', '-z', '-t', '--cached']]).output().then((out) => {
    const index: TrackedIndex = { paths: [], skipWorktree: [] };
    let start = 0;
    for (let end = out.indexOf(0); end >= 0; start = end + 1, end = out.indexOf(0, start)) {
      if (end - start < 3) continue; // a tag, a space, a name
      const path = decodeName(out.subarray(start + 2, end));
      index.paths.push(path);
      if (out[start] === 0x53 /* S */) index.skipWorktree.push(path);
    }
    return index;
  });
}

/** Every object in history with its type, size and path (rev-list, then cat-file in one batch). */
const HISTORY_OBJECTS = [['rev-list', '--objects', '--all'], ['cat-file', '--batch-check=%(objecttype) %(objectsize) %(rest)']];

/** `<type> <size> <path>` lines for every object of every commit; throws GitError (e.g. no commit yet). */
export function historyObjectSizes(root: string): string {
  const objects = gitBuffer(root, HISTORY_OBJECTS[0]);
  return git(root, HISTORY_OBJECTS[1], objects);
}

/** historyObjectSizes, started now (in the background) and read later. */
export function startHistoryObjectSizes(root: string): Promise<string> {
  return new BackgroundGit(root, HISTORY_OBJECTS).output().then((out) => out.toString('utf8'));
}

/** Whether the index or tracked files differ from HEAD (untracked files do not count). */
export function hasTrackedChanges(root: string): boolean {
  return git(root, ['status', '--porcelain', '--untracked-files=no']).trim() !== '';
}
