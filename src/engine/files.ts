/**
 * Listing the files under a root without entering bloat. In a git repository, git says which
 * files exist (tracked, plus untracked that no ignore rule excludes); elsewhere a synchronous walk
 * that skips virtual environments, node_modules, VCS folders and caches. Either way the result
 * is relative, `/`-separated and sorted, and never follows a symbolic link to a folder.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { UsageError } from '../errors.js';
import { join } from 'node:path';
import ignore from 'ignore';
import { GitError, runGit, splitNul, workTreeGitTimeoutMs } from '../model/git.js';
import { VIRTUALENV_ENTRY_NAMES, virtualenvEvidence, virtualenvFolders, type FolderView } from '../bloat/detectors/venv-layout.js';

/** Folders never entered, whatever they contain. */
const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.ipynb_checkpoints', 'site-packages', 'dist-packages', '.eggs',
]);


export interface FileListing {
  files: string[];
  /** How the files were found. */
  source: 'git' | 'walk';
}

/**
 * A git call that reads the work tree's ignore files, under a time limit: a `.gitignore` that is a
 * FIFO makes git wait forever, so a call that does not finish is an error naming such files.
 */
function workTreeGit(root: string, args: string[]): Buffer | undefined {
  try {
    return runGit(root, args, { timeoutMs: workTreeGitTimeoutMs() });
  } catch (err) {
    if (err instanceof GitError && err.timedOut) {
      const special = specialIgnoreFiles(root);
      const cause = special.length > 0
        ? `: ${special.slice(0, 3).join(', ')} ${special.length === 1 ? 'is not a regular file' : 'are not regular files'}, and git waits on such a file forever (so does \`git status\`); remove or replace ${special.length === 1 ? 'it' : 'them'} and run again`
        : ' (REPOLISH_GIT_TIMEOUT_S gives it longer)';
      throw new UsageError(`cannot list the files: ${err.message}${cause}`);
    }
    return undefined;
  }
}

function gitFiles(root: string): string[] | undefined {
  // Byte-exact names: two names that differ only in invalid UTF-8 stay two names.
  const out = workTreeGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return out ? splitNul(out) : undefined;
}

function isInsideGitWorkTree(root: string): boolean {
  return workTreeGit(root, ['rev-parse', '--is-inside-work-tree'])?.toString('utf8').trim() === 'true';
}

/** `.gitignore` entries that are not regular files or symlinks (FIFOs, sockets, devices). */
function specialIgnoreFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== '.git') visit(join(dir, e.name), childRel);
      } else if (e.name === '.gitignore' && !e.isFile() && !e.isSymbolicLink()) {
        found.push(childRel);
      }
    }
  };
  visit(root, '');
  return found;
}

/** Drops paths below skipped folders and below environments (the scanner's venv rule). */
function withoutBloat(paths: string[]): string[] {
  const envDirs = virtualenvFolders(paths);
  if (envDirs.has('')) return [];
  return paths.filter((p) => {
    if (p.endsWith('/')) return false; // an untracked nested repository
    // Each folder on the path, by its name and by its path from the root (no split and join per file).
    for (let start = 0, slash = p.indexOf('/'); slash !== -1; start = slash + 1, slash = p.indexOf('/', start)) {
      if (SKIP_DIRS.has(p.slice(start, slash))) return false;
      if (envDirs.size > 0 && envDirs.has(p.slice(0, slash))) return false;
    }
    return true;
  });
}

/** A folder on disk as venv-layout.ts sees folders (entries of subfolders read on demand). */
function diskFolder(dir: string, entries: Dirent[]): FolderView {
  const names = (relative: string): string[] => {
    if (relative === '') return entries.map((e) => e.name);
    try {
      return readdirSync(join(dir, relative));
    } catch {
      return [];
    }
  };
  return {
    has(relative) {
      const slash = relative.lastIndexOf('/');
      return names(slash < 0 ? '' : relative.slice(0, slash)).includes(relative.slice(slash + 1));
    },
    list: names,
  };
}

function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to list
    }
    if (entries.some((e) => VIRTUALENV_ENTRY_NAMES.has(e.name)) && virtualenvEvidence(diskFolder(dir, entries))) return;
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(join(dir, e.name), childRel);
      } else if (e.isFile() || e.isSymbolicLink()) {
        out.push(childRel);
      }
    }
  };
  visit(root, '');
  return out;
}

/** Whether git ignores the folder itself (a checkout under an ignored path lists nothing). */
function isIgnoredByGit(root: string): boolean {
  return workTreeGit(root, ['check-ignore', '-q', '.']) !== undefined;
}

export function listFiles(root: string): FileListing {
  const fromGit = isInsideGitWorkTree(root) && !isIgnoredByGit(root) ? gitFiles(root) : undefined;
  const files = fromGit ? withoutBloat([...new Set(fromGit)]) : walk(root);
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, source: fromGit ? 'git' : 'walk' };
}

/**
 * A matcher for .gitignore-style patterns (case-sensitive, as git is on Linux). Patterns that are
 * all `*.ext` (what most codemods give, asked of every listed path) are matched directly: a path
 * matches when its name or one of its folders' names ends with one of the extensions.
 */
export function patternMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length > 0 && patterns.every((p) => /^\*\.[A-Za-z0-9_-]+$/.test(p))) {
    const suffixes = patterns.map((p) => p.slice(1));
    return (path: string) => {
      for (let end = path.length; end > 0; ) {
        const slash = path.lastIndexOf('/', end - 1);
        const name = path.slice(slash + 1, end);
        if (suffixes.some((s) => name.endsWith(s))) return true;
        end = slash;
      }
      return false;
    };
  }
  const ig = ignore({ ignorecase: false }).add([...patterns]);
  return (path: string) => ig.ignores(path);
}
