/** Facts: the walk, git state and file access that every rule shares. Rules never touch the disk. */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { ProjectFileError, readProjectFile, readProjectFileHead, type CheckedFolders } from './project-file.js';
import type { Warning } from '../findings.js';
import { gitErrorMessage, probeRepo, startHistoryObjectSizes, startTrackedIndex, trackedPaths, type GitRepo, type RepoState } from './git.js';
import { GitIgnoreRules } from './gitignore.js';
import { findFile, iterateFiles, joinPath, type DirNode, type FileNode } from './tree.js';
import { walkTree, type WalkResult } from './walk.js';
import { decodeUtf16, utf16ByteOrder } from './text-encoding.js';
import { currentFileKey } from './file-key.js';
import { hashBytes, hashProblem, type ReadLog } from './read-log.js';
import { refuseAhead } from './reads-ahead.js';

/** Text files larger than this are not read into memory (a warning says so). */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

export interface RepoFacts {
  /** Absolute real path of the scanned root. */
  root: string;
  /** The repository when git can read it (null otherwise: see `git` for why). */
  repo: GitRepo | null;
  /** No repository, a readable one, one git cannot read (with git's message), or a git directory. */
  git: RepoState;
  tree: DirNode;
  /** Ignore rules as loaded by the walk, keyed by paths relative to the repository top. */
  rules: GitIgnoreRules;
  warnings: Warning[];
  dir(path: string): DirNode | undefined;
  file(path: string): { dir: DirNode; file: FileNode } | undefined;
  files(under?: DirNode): Iterable<{ path: string; file: FileNode; dir: DirNode }>;
  /** UTF-8 text of a file, or undefined (with a warning naming it) for binary, invalid or huge files. */
  readText(path: string): string | undefined;
  /** The first `length` bytes of a file (magic numbers); empty when unreadable. */
  readHead(path: string, length: number): Buffer;
  /** A path relative to the root, as seen from the repository top (for ignore rules). */
  repoPath(path: string): string;
  /**
   * Every object in history with its size (git.ts historyObjectSizes), when it was read during
   * the walk (collectFactsAsync with `readHistory`); null when git could not list it.
   */
  historyObjectSizes?: string | null;
  /** Tracked paths marked skip-worktree, when the index was read during the walk (collectFactsAsync). */
  skipWorktree?: string[];
  /** Set by a scan whose report may be memoized: every read from here on is logged with what it gave. */
  reads?: ReadLog;
}

export function resolveRoot(pathArg: string): string {
  let st;
  try {
    st = statSync(pathArg);
  } catch {
    throw new UsageError(`${pathArg}: no such directory`);
  }
  if (!st.isDirectory()) throw new UsageError(`${pathArg}: not a directory`);
  return realpathSync(pathArg);
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function loadRules(root: string, repo: GitRepo | null): GitIgnoreRules {
  const rules = new GitIgnoreRules(repo?.ignoreCase ?? false);
  if (!repo) return rules;
  // Ignore files of the folders between the repository top and a scanned subfolder still apply.
  if (repo.prefix !== '') {
    const parts = repo.prefix.split('/');
    for (let i = 0; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const content = readIfPresent(join(repo.topLevel, folder, '.gitignore'));
      if (content !== undefined) rules.addIgnoreFile(folder, content);
    }
  }
  for (const file of [repo.infoExclude, repo.excludesFile]) {
    const content = readIfPresent(file);
    if (content !== undefined) rules.addGlobalPatterns(content);
  }
  return rules;
}

function markTracked(dirsByPath: Map<string, DirNode>, paths: string[]): void {
  const filesByDir = new Map<DirNode, Map<string, FileNode>>();
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const dir = dirsByPath.get(slash < 0 ? '' : path.slice(0, slash));
    if (!dir) continue; // tracked but deleted from the work tree
    let byName = filesByDir.get(dir);
    if (!byName) {
      byName = new Map(dir.files.map((f) => [f.name, f]));
      filesByDir.set(dir, byName);
    }
    const file = byName.get(path.slice(slash + 1));
    if (!file) continue;
    file.tracked = true;
    for (let d: DirNode | null = dir; d && !d.tracked; d = d.parent) d.tracked = true;
  }
}

/** What the report says about git when it cannot say what is tracked. */
function repoWarning(git: RepoState): string | undefined {
  switch (git.kind) {
    case 'none':
      return 'not inside a git repository: tracking is unknown, .gitignore files are still applied';
    case 'unreadable':
      return `git cannot read the repository (${git.message}): tracking is unknown; clean --yes, --untrack, --write and --branch refuse until git can`;
    case 'git-dir':
      return `this is a git directory (${git.gitDir}), not a work tree: its contents are git's own, never bloat; clean and writes refuse here`;
    default:
      return undefined;
  }
}

export interface CollectOptions {
  /** Running totals during the walk, for progress on a terminal. */
  onWalkProgress?: (files: number, bytes: number) => void;
}

export interface CollectAsyncOptions extends CollectOptions {
  /** Also list history's objects during the walk (for git/history-blob). */
  readHistory?: boolean;
}

export function collectFacts(pathArg: string, options: CollectOptions = {}): RepoFacts {
  const root = resolveRoot(pathArg);
  const git = probeRepo(root);
  const repo = git.kind === 'readable' ? git.repo : null;
  const warnings: Warning[] = [];
  const rules = loadRules(root, repo);
  const walked = walkTree(root, { rules, repoPrefix: repo?.prefix ?? '', warnings, onProgress: options.onWalkProgress });
  let tracked: string[] | Error = [];
  if (repo) {
    try {
      tracked = trackedPaths(root);
    } catch (err) {
      tracked = err as Error;
    }
  }
  return assembleFacts(root, git, rules, warnings, walked, tracked);
}

/** What a scan tells of its walk (a terminal progress line). */
export interface WalkProgress {
  phase(name: string): void;
  walked(files: number, bytes: number): void;
}

/** collectFactsAsync as a scan runs it: `progress` told the walk's phase and running totals. */
export function collectScanFacts(root: string, progress?: WalkProgress, readHistory = false): Promise<RepoFacts> {
  progress?.phase('walking');
  return collectFactsAsync(root, { readHistory, onWalkProgress: progress && ((files, bytes) => progress.walked(files, bytes)) });
}

/**
 * collectFacts with git's reading started before the walk and collected after it: git runs on
 * another core while this thread walks.
 */
export async function collectFactsAsync(pathArg: string, options: CollectAsyncOptions = {}): Promise<RepoFacts> {
  const root = resolveRoot(pathArg);
  const git = probeRepo(root);
  const repo = git.kind === 'readable' ? git.repo : null;
  const warnings: Warning[] = [];
  const rules = loadRules(root, repo);
  const trackedRead = repo ? startTrackedIndex(root) : undefined;
  const historyRead = repo && options.readHistory ? startHistoryObjectSizes(root) : undefined;
  let walked: WalkResult;
  try {
    walked = walkTree(root, { rules, repoPrefix: repo?.prefix ?? '', warnings, onProgress: options.onWalkProgress });
  } finally {
    // Both end (and remove their temporary files) before this returns or throws.
    await Promise.allSettled([trackedRead, historyRead]);
  }
  const index = trackedRead ? await trackedRead.catch((err: Error) => err) : undefined;
  const facts = assembleFacts(root, git, rules, warnings, walked, index instanceof Error ? index : index?.paths ?? []);
  if (facts.repo && index && !(index instanceof Error)) facts.skipWorktree = index.skipWorktree;
  if (historyRead && facts.repo) facts.historyObjectSizes = await historyRead.catch(() => null);
  return facts;
}

/** The facts of a walked tree: `tracked` is what git listed, or the error it gave. */
function assembleFacts(root: string, probed: RepoState, rules: GitIgnoreRules, warnings: Warning[], walked: WalkResult, tracked: string[] | Error): RepoFacts {
  const { tree, dirsByPath } = walked;
  let git = probed;
  let repo = git.kind === 'readable' ? git.repo : null;
  if (repo) {
    if (tracked instanceof Error) {
      git = { kind: 'unreadable', message: gitErrorMessage(tracked), gitPath: repo.topLevel };
      repo = null;
    } else markTracked(dirsByPath, tracked);
  }
  const gitWarning = repoWarning(git);
  if (gitWarning) warnings.unshift({ path: '.', message: gitWarning });

  const textCache = new Map<string, string | undefined>();
  // Folders on the way to files read in this scan, found to be real folders (project-file.ts).
  const checkedFolders: CheckedFolders = new Set();
  // ignoreBOM keeps a BOM in the text, so edit offsets and rewritten files keep it too.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const repoPath = (path: string) => (repo && repo.prefix !== '' ? (path === '' ? repo.prefix : `${repo.prefix}/${path}`) : path);

  const facts: RepoFacts = {
    root,
    repo,
    git,
    tree,
    rules,
    warnings,
    repoPath,
    dir: (path) => dirsByPath.get(path === '.' ? '' : path),
    file: (path) => findFile(tree, path),
    files: (under = tree) => iterateFiles(under),
    readText(path) {
      refuseAhead(facts, path);
      if (textCache.has(path)) return textCache.get(path);
      const key = facts.reads && currentFileKey(root, path);
      let text: string | undefined;
      try {
        // Only a regular file inside the root, never through a symlink, never past the cap.
        const bytes = readProjectFile(root, path, MAX_TEXT_BYTES, checkedFolders);
        facts.reads?.text(path, key, hashBytes(bytes));
        const utf16 = utf16ByteOrder(bytes);
        if (utf16) {
          // PowerShell's `pip freeze >` writes UTF-16 with a BOM: text, not binary.
          text = decodeUtf16(bytes, utf16);
          if (text === undefined) warnings.push({ path, message: `skipped: not valid ${utf16.toUpperCase()}` });
        } else if (bytes.includes(0)) warnings.push({ path, message: 'skipped: binary file (NUL bytes)' });
        else {
          try {
            text = decoder.decode(bytes);
          } catch {
            warnings.push({ path, message: 'skipped: not valid UTF-8' });
          }
        }
      } catch (err) {
        if (!(err instanceof ProjectFileError)) throw err;
        facts.reads?.text(path, key, hashProblem(err));
        // A file that is simply absent is an answer (undefined), not a problem to report.
        if (err.problem === 'too-large') warnings.push({ path, message: `skipped: ${err.size} bytes is larger than the ${MAX_TEXT_BYTES}-byte limit for text files` });
        else if (err.problem !== 'missing') warnings.push({ path, message: err.reason });
      }
      textCache.set(path, text);
      return text;
    },
    readHead(path, length) {
      refuseAhead(facts, path);
      const key = facts.reads && currentFileKey(root, path);
      const head = readProjectFileHead(root, path, length, checkedFolders);
      facts.reads?.head(path, length, key, hashBytes(head));
      return head;
    },
  };
  return facts;
}

export { joinPath };
