/**
 * Listing the files under a root without entering bloat. In a git repository, git says which
 * files exist (tracked, plus untracked that no ignore rule excludes); elsewhere a synchronous walk
 * that skips virtual environments, node_modules, VCS folders and caches. Either way the result
 * is relative, `/`-separated and sorted, and never follows a symbolic link to a folder.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import { gitBuffer, gitOk, git, splitNul } from '../model/git.js';
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

function gitFiles(root: string): string[] | undefined {
  try {
    // Byte-exact names: two names that differ only in invalid UTF-8 stay two names.
    return splitNul(gitBuffer(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']));
  } catch {
    return undefined;
  }
}

function isInsideGitWorkTree(root: string): boolean {
  try {
    return git(root, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

/** Drops paths below skipped folders and below environments (the scanner's venv rule). */
function withoutBloat(paths: string[]): string[] {
  const envDirs = virtualenvFolders(paths);
  return paths.filter((p) => {
    if (p.endsWith('/')) return false; // an untracked nested repository
    const parts = p.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (SKIP_DIRS.has(parts[i])) return false;
      if (envDirs.has(parts.slice(0, i + 1).join('/'))) return false;
    }
    return !envDirs.has('');
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
  return gitOk(root, ['check-ignore', '-q', '.']);
}

export function listFiles(root: string): FileListing {
  const fromGit = isInsideGitWorkTree(root) && !isIgnoredByGit(root) ? gitFiles(root) : undefined;
  const files = fromGit ? withoutBloat([...new Set(fromGit)]) : walk(root);
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, source: fromGit ? 'git' : 'walk' };
}

/** A matcher for .gitignore-style patterns (case-sensitive, as git is on Linux). */
export function patternMatcher(patterns: readonly string[]): (path: string) => boolean {
  const ig = ignore({ ignorecase: false }).add([...patterns]);
  return (path: string) => ig.ignores(path);
}
