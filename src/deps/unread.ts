/**
 * Python files the import scan could not read: too large, unreadable, undecodable, a name that
 * is not valid UTF-8, or tracked but outside a sparse checkout (skip-worktree, not on disk).
 * What such a file imports is unknown, so no requirement it might need may be called unused or
 * removed: `requirementRemovalBlockers` is the one question every codemod that removes a
 * requirement asks before doing so.
 */
import type { BloatIndex } from '../model/bloat.js';
import type { RepoFacts } from '../model/facts.js';
import { gitBuffer } from '../model/git.js';
import { decodeName, displayPath, PYTHON_FILE_NAME } from '../model/names.js';
import { servedFolder } from '../manifests/kinds.js';

export interface UnreadFile {
  /** Relative to the root, as the walk names it (bytes that are not UTF-8 kept as escapes, src/model/names.ts). */
  path: string;
  /** The path for messages: control characters and undecodable bytes escaped. */
  shown: string;
  reason: string;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/**
 * The unread files that could import what `manifest` declares: those inside the folder it serves,
 * and those above it (code in a parent folder may be installed from a subfolder's requirements).
 * Empty: removing a requirement from this manifest hides nothing.
 */
export function requirementRemovalBlockers(manifest: string, unread: readonly UnreadFile[]): UnreadFile[] {
  const served = servedFolder(manifest);
  return unread.filter((u) => {
    const folder = dirOf(u.path);
    return isUnder(folder, served) || isUnder(served, folder);
  });
}

/** "cannot tell: a.py could not be read (reason)" for findings and review items. */
export function unreadText(files: readonly UnreadFile[], limit = 2): string {
  const shown = files.slice(0, limit).map((f) => `${f.shown} could not be read (${f.reason})`);
  return `cannot tell: ${shown.join('; ')}${files.length > limit ? `; +${files.length - limit} more unread file${files.length - limit === 1 ? '' : 's'}` : ''}`;
}

/**
 * Tracked Python files that a sparse checkout (or `git update-index --skip-worktree`) keeps off
 * the disk: their imports are unknown. Paths are read with -z, as bytes.
 */
export function sparseSkippedPython(facts: RepoFacts, bloat: BloatIndex): UnreadFile[] {
  if (!facts.repo) return [];
  const found: UnreadFile[] = [];
  for (const path of facts.skipWorktree ?? skipWorktreePaths(facts.root)) {
    if (!PYTHON_FILE_NAME.test(path) || facts.file(path) || bloat.containing(path)) continue;
    found.push({ path, shown: displayPath(path), reason: 'outside the sparse checkout: tracked, not on disk' });
  }
  return found;
}

/** Tracked paths marked skip-worktree (when the walk did not read the index already). */
function skipWorktreePaths(root: string): string[] {
  let out: Buffer;
  try {
    out = gitBuffer(root, ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '-t', '--cached']);
  } catch {
    return [];
  }
  const paths: string[] = [];
  let start = 0;
  for (let end = out.indexOf(0, start); end >= 0; start = end + 1, end = out.indexOf(0, start)) {
    if (end - start < 3 || out[start] !== 0x53 /* S */ || out[start + 1] !== 0x20) continue;
    paths.push(decodeName(out.subarray(start + 2, end)));
  }
  return paths;
}
