/** Everything repolish asks git, through the real `git` binary. */
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

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

export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function gitBuffer(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

function configValue(cwd: string, args: string[]): string | undefined {
  try {
    const value = git(cwd, ['config', ...args]).trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined; // git config exits 1 when the key is unset
  }
}

/** The repository that contains `root`, or null when it is not inside a work tree. */
export function openRepo(root: string): GitRepo | null {
  let out: string;
  try {
    out = git(root, ['rev-parse', '--is-inside-work-tree', '--show-toplevel', '--show-prefix', '--git-path', 'info/exclude']);
  } catch {
    return null;
  }
  const [inside, topLevel, prefix, infoExclude] = out.split('\n');
  if (inside !== 'true') return null;
  const xdg = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  const configured = configValue(root, ['--path', 'core.excludesFile']);
  return {
    topLevel,
    prefix: prefix.replace(/\/$/, ''),
    infoExclude: isAbsolute(infoExclude) ? infoExclude : resolve(root, infoExclude),
    excludesFile: configured ?? join(xdg, 'git', 'ignore'),
    ignoreCase: configValue(root, ['--bool', 'core.ignorecase']) === 'true',
  };
}

/** Paths git tracks below `root`, relative to it (read with -z so no name comes back C-quoted). */
export function trackedPaths(root: string): string[] {
  const out = gitBuffer(root, ['ls-files', '-z', '--cached']).toString('utf8');
  return out.split('\0').filter((p) => p !== '');
}

/** Whether the index or tracked files differ from HEAD (untracked files do not count). */
export function hasTrackedChanges(root: string): boolean {
  return git(root, ['status', '--porcelain', '--untracked-files=no']).trim() !== '';
}
