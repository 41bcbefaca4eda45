/**
 * Python files the import scan could not read: too large, unreadable, undecodable, a name that
 * is not valid UTF-8, or tracked but outside a sparse checkout (skip-worktree, not on disk).
 * What such a file imports is unknown, so no requirement it might need may be called unused or
 * removed: `requirementRemovalBlockers` is the one question every codemod that removes a
 * requirement asks before doing so.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BloatIndex } from '../bloat/types.js';
import { classifyBloat } from '../bloat/classify.js';
import { collectFacts, type RepoFacts } from '../model/facts.js';
import { gitBuffer } from '../model/git.js';
import { DEFAULT_SETTINGS } from '../rules/types.js';
import { scanProjectPython } from './imports.js';

export interface UnreadFile {
  /** Relative to the root, as the walk names it (U+FFFD where a name is not valid UTF-8). */
  path: string;
  /** The path for messages: control characters and undecodable bytes escaped. */
  shown: string;
  reason: string;
}

const PYTHON_FILE = /\.(py|pyw|ipynb)$/;
/** Folders that hold a project's requirement files rather than its code. */
const MANIFEST_FOLDER = /^(requirements?|reqs|deps|dependencies|envs?|conda|docker|\.devcontainer|ci|build|config)$/i;

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/** The folder whose code a manifest serves: its own, or the parent of a `requirements/`-style folder. */
export function servedFolder(manifest: string): string {
  const dir = dirOf(manifest);
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  return dir !== '' && MANIFEST_FOLDER.test(last) ? dirOf(dir) : dir;
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

/** A name for messages: control characters and bytes that are not UTF-8 become escapes. */
export function escapeName(raw: Buffer | string): string {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    let ch: string | undefined;
    if (length > 0 && i + length <= bytes.length) {
      try { ch = decoder.decode(bytes.subarray(i, i + length)); } catch { ch = undefined; }
    }
    if (ch === undefined) {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i += 1;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (ch === '\uFFFD') out += '\\ufffd';
    else out += ch;
    i += length;
  }
  return out;
}

/**
 * A path the walk decoded with U+FFFD, shown with its real bytes escaped: the folder is listed
 * again as bytes to find the entry (only for such names, which are rare).
 */
export function shownPath(root: string, path: string): string {
  if (!path.includes('\uFFFD')) return escapeName(path);
  const dir = dirOf(path);
  const name = path.slice(dir.length === 0 ? 0 : dir.length + 1);
  if (!dir.includes('\uFFFD')) {
    try {
      for (const raw of readdirSync(join(root, dir), { encoding: 'buffer' })) {
        if (raw.toString('utf8') === name) return `${dir ? `${escapeName(dir)}/` : ''}${escapeName(raw)}`;
      }
    } catch {
      // fall through: show the replacement characters escaped
    }
  }
  return escapeName(path);
}

/**
 * Tracked Python files that a sparse checkout (or `git update-index --skip-worktree`) keeps off
 * the disk: their imports are unknown. Paths are read with -z, as bytes.
 */
export function sparseSkippedPython(facts: RepoFacts, bloat: BloatIndex): UnreadFile[] {
  if (!facts.repo) return [];
  let out: Buffer;
  try {
    out = gitBuffer(facts.root, ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '-t', '--cached']);
  } catch {
    return [];
  }
  const found: UnreadFile[] = [];
  let start = 0;
  for (let end = out.indexOf(0, start); end >= 0; start = end + 1, end = out.indexOf(0, start)) {
    if (end - start < 3 || out[start] !== 0x53 /* S */ || out[start + 1] !== 0x20) continue;
    const raw = out.subarray(start + 2, end);
    const path = raw.toString('utf8');
    if (!PYTHON_FILE.test(path) || facts.file(path) || bloat.containing(path)) continue;
    found.push({ path, shown: escapeName(raw), reason: 'outside the sparse checkout: tracked, not on disk' });
  }
  return found;
}

const byRoot = new Map<string, UnreadFile[]>();

/**
 * The project's Python files that could not be read, for a codemod that only has the root: one
 * walk and import scan per root and process.
 */
export function unreadPythonFiles(root: string): UnreadFile[] {
  const cached = byRoot.get(root);
  if (cached) return cached;
  const facts = collectFacts(root);
  const bloat = classifyBloat({ facts, settings: DEFAULT_SETTINGS });
  const unread = scanProjectPython(facts, bloat).unread;
  byRoot.set(root, unread);
  return unread;
}

/**
 * The one question a codemod asks before it removes (or swaps) a requirement: undefined when it
 * may, else the review message that says why not (the unread files that could import it).
 */
export function whyRequirementMustStay(root: string, manifest: string, requirement: string): string | undefined {
  const blockers = requirementRemovalBlockers(manifest, unreadPythonFiles(root));
  if (blockers.length === 0) return undefined;
  return `${requirement} kept: ${unreadText(blockers)}; its imports are unknown`;
}
