/**
 * Applying changes to the working tree as one transaction: every new file is first written to a
 * temporary file beside it (exclusive create, fsync'ed); only when all of them exist are they
 * renamed into place in one pass (a deletion renames the victim aside, unlinked afterwards).
 * A failure before the renames removes every temporary file and leaves the tree as it was; a
 * failure during the pass undoes the renames already made. A journal in the git directory covers
 * the pass, so a run killed in it is completed or rolled back by the next writing command.
 * A file that changed since it was read is refused, and nothing leaves the root or goes through
 * a symlink. Errors name the user's file, never a temporary one.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SafetyError, UsageError } from '../errors.js';
import type { FileChange } from './change.js';
import {
  entryIsDone, hashOf, journalPathsFor, recoverInterruptedWrite, removeJournal, removeStrayTemps, renameEntry, rollBack, writeJournal,
  type Journal, type JournalEntry,
} from './journal.js';
import { checkRealFolder, describeError, syncFolder, tempNameFor, writeTempFor } from './temp-file.js';
import { SignalGuard } from './signals.js';

export { recoverInterruptedWrite } from './journal.js';

/** Resolves `rel` under `root`, refusing `..` escapes and symlinked path components. */
export function safeJoin(root: string, rel: string): string {
  const abs = resolve(root, rel);
  const back = relative(root, abs);
  if (back === '' || back.startsWith('..') || resolve(root, back) !== abs) {
    throw new SafetyError(`${rel}: path is outside the root ${root}`);
  }
  let cur = root;
  for (const part of back.split(sep)) {
    cur = join(cur, part);
    let st;
    try { st = lstatSync(cur); } catch { break; } // the rest does not exist yet
    if (st.isSymbolicLink()) throw new SafetyError(`${rel}: refusing to write through the symlink ${relative(root, cur)}`);
  }
  return abs;
}

/** A write that failed: the message names the user's file and the reason, never a temporary file. */
export class WriteError extends UsageError {
  constructor(readonly path: string, readonly code: string | undefined, readonly reason: string) {
    super(`${path}: cannot write: ${reason}`);
  }
}

function writeErrorFor(path: string, err: unknown): Error {
  if (err instanceof SafetyError || err instanceof WriteError) return err;
  return new WriteError(path, (err as NodeJS.ErrnoException).code, describeError(err));
}

/**
 * Writes through a temporary file in the same folder (exclusive create, fsync, rename), so a
 * crash never leaves a half-written file. Errors name `path`, never the temporary file.
 */
export function writeFileAtomic(path: string, content: string | Buffer, mode?: number): void {
  let temp: string | undefined;
  try {
    let keepMode = mode;
    if (keepMode === undefined) {
      try { keepMode = statSync(path).mode & 0o7777; } catch { keepMode = 0o644; }
    }
    temp = writeTempFor(path, content, keepMode).path;
    renameSync(temp, path);
    temp = undefined;
    syncFolder(dirname(path));
  } catch (err) {
    if (temp) try { unlinkSync(temp); } catch { /* gone */ }
    throw writeErrorFor(path, err);
  }
}

function sameContent(onDisk: Buffer, expected: string | Buffer): boolean {
  return onDisk.equals(typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected);
}

/** Checks every change against the disk first, so a refusal leaves the whole tree untouched. */
export function verifyChanges(root: string, changes: readonly FileChange[]): void {
  for (const change of changes) {
    const abs = safeJoin(root, change.path);
    if (change.before === null) {
      if (existsSync(abs)) throw new SafetyError(`${change.path}: exists now, but did not when it was read; run again`);
      continue;
    }
    let st;
    try { st = lstatSync(abs); } catch {
      throw new SafetyError(`${change.path}: is gone since it was read; run again`);
    }
    if (!st.isFile()) throw new SafetyError(`${change.path}: is no longer a regular file; refusing to replace it`);
    if (!sameContent(readFileSync(abs), change.before)) {
      throw new SafetyError(`${change.path}: changed since it was read; refusing to overwrite it, run again`);
    }
  }
}

/** Observers for tests of interruption (a process killed between two renames). */
export interface TransactionHooks {
  /** After the temporary file of the `index`-th (1-based) file is written. */
  afterPrepare?: (index: number, path: string) => void;
  /** After the `index`-th (1-based) rename of the pass. */
  afterRename?: (index: number, path: string) => void;
}

interface Plan {
  journalPath: string;
  journal: Journal;
  contents: Map<JournalEntry, { content: string | Buffer; mode: number }>;
}

function plan(root: string, changes: readonly FileChange[]): Plan {
  const entries: JournalEntry[] = [];
  const contents = new Map<JournalEntry, { content: string | Buffer; mode: number }>();
  for (const change of changes) {
    const target = safeJoin(root, change.path);
    const kind = change.after === null ? 'delete' : change.before === null ? 'create' : 'replace';
    const entry: JournalEntry = { path: change.path, target, kind, beforeHash: hashOf(change.before), afterHash: hashOf(change.after) };
    // Every name is on record in the journal before any file exists, so a killed run leaves nothing unnamed.
    if (kind !== 'delete') entry.temp = tempNameFor(target);
    if (kind !== 'create') entry.backup = tempNameFor(target);
    entries.push(entry);
    if (change.after !== null) {
      const mode = kind === 'create' ? (change.mode === '100755' ? 0o755 : 0o644) : statSync(target).mode & 0o7777;
      contents.set(entry, { content: change.after, mode });
    }
  }
  const createdFolders = [...new Set(entries.filter((e) => e.kind === 'create').flatMap((e) => missingFolders(e.target)))];
  createdFolders.sort((a, b) => a.length - b.length);
  return {
    journalPath: journalPathsFor(root)[0],
    journal: { version: 1, pid: process.pid, root, phase: 'prepare', entries, createdFolders },
    contents,
  };
}

/** Folders to create for `target`, outermost first (none when its folder exists). */
function missingFolders(target: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(target); !existsSync(dir); dir = dirname(dir)) out.unshift(dir);
  return out;
}

/** Writes the temporary file of one entry (its name on record in the journal first). */
function prepareEntry(root: string, { contents }: Plan, entry: JournalEntry): void {
  const body = contents.get(entry);
  if (!body) return; // a deletion has nothing to prepare
  try {
    const folders = missingFolders(entry.target);
    if (folders.length > 0) {
      checkRealFolder(dirname(folders[0]), root, entry.path);
      for (const folder of folders) mkdirSync(folder);
    }
    writeTempFor(entry.target, body.content, body.mode, { root, name: entry.temp });
  } catch (err) {
    throw writeErrorFor(entry.path, err);
  }
}

function syncFolders(journal: Journal): void {
  for (const folder of new Set(journal.entries.map((e) => dirname(e.target)))) syncFolder(folder);
}

function renamePass(root: string, { journal, journalPath }: Plan, hooks: TransactionHooks): void {
  const done: JournalEntry[] = [];
  try {
    for (const entry of journal.entries) {
      // The folder is checked again right before the rename: nothing is renamed through a symlink.
      checkRealFolder(dirname(entry.target), root, entry.path);
      try {
        renameEntry(entry);
      } catch (err) {
        throw writeErrorFor(entry.path, err);
      }
      done.push(entry);
      hooks.afterRename?.(done.length, entry.path);
    }
  } catch (err) {
    rollBack(journal, done.filter(entryIsDone));
    removeJournal(journalPath);
    throw err;
  }
  syncFolders(journal);
  for (const entry of journal.entries) if (entry.backup) try { unlinkSync(entry.backup); } catch { /* gone */ }
}

/** Refuses when another repolish holds the journal; settles one left by a killed run first. */
function begin(root: string, changes: readonly FileChange[], report: (line: string) => void): void {
  for (const line of recoverInterruptedWrite(root)) report(line);
  const folders = new Set<string>([root]);
  for (const change of changes) folders.add(dirname(safeJoin(root, change.path)));
  for (const line of removeStrayTemps(root, folders)) report(line);
}

/** Starts the journal; the caller then prepares each entry, and renames when all are written. */
function startTransaction(root: string, changes: readonly FileChange[]): Plan | undefined {
  verifyChanges(root, changes);
  if (changes.length === 0) return undefined;
  const p = plan(root, changes);
  const inRoot = journalPathsFor(root)[1];
  try {
    writeJournal(p.journalPath, p.journal);
  } catch (err) {
    // A git directory this user cannot write to (a shared checkout): the root holds the journal instead.
    const code = (err as NodeJS.ErrnoException).code;
    if (inRoot === undefined || !['EACCES', 'EPERM', 'EROFS'].includes(code ?? '')) throw writeErrorFor(relative(root, p.journalPath) || p.journalPath, err);
    p.journalPath = inRoot;
    try {
      writeJournal(p.journalPath, p.journal);
    } catch (again) {
      throw writeErrorFor(relative(root, inRoot), again);
    }
  }
  return p;
}

/** Before the rename pass: every temporary file and folder made goes, the tree is as it was. */
function abandon(p: Plan): void {
  rollBack(p.journal, []);
  removeJournal(p.journalPath);
}

function finishTransaction(root: string, p: Plan, hooks: TransactionHooks): void {
  syncFolders(p.journal);
  try {
    writeJournal(p.journalPath, { ...p.journal, phase: 'rename' });
    p.journal.phase = 'rename';
  } catch (err) {
    abandon(p);
    throw writeErrorFor(relative(root, p.journalPath) || p.journalPath, err);
  }
  renamePass(root, p, hooks);
  removeJournal(p.journalPath);
}

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Applies `changes` under `root` as one transaction (see the top of this file). Synchronous: a
 * signal that arrives meanwhile is handled once it returns.
 */
export function applyChanges(root: string, changes: readonly FileChange[], hooks: TransactionHooks = {}): void {
  begin(root, changes, stderrLine);
  const p = startTransaction(root, changes);
  if (!p) return;
  try {
    p.journal.entries.forEach((entry, i) => {
      prepareEntry(root, p, entry);
      hooks.afterPrepare?.(i + 1, entry.path);
    });
  } catch (err) {
    abandon(p);
    throw err;
  }
  finishTransaction(root, p, hooks);
}

/**
 * applyChanges for the commands: SIGINT/SIGTERM while the temporary files are written remove
 * them all (the tree stays as it was); during the rename pass the pass is finished. Either way
 * the process then says what happened and exits 130 (SIGINT) or 143 (SIGTERM).
 */
export async function applyChangesInterruptible(root: string, changes: readonly FileChange[], hooks: TransactionHooks = {}): Promise<void> {
  const guard = new SignalGuard();
  try {
    begin(root, changes, stderrLine);
    const p = startTransaction(root, changes);
    if (!p) return;
    try {
      for (const entry of p.journal.entries) {
        // Between two files, a pending signal is delivered (the loop turns once).
        await guard.settle();
        if (guard.signal) break;
        prepareEntry(root, p, entry);
        hooks.afterPrepare?.(p.journal.entries.indexOf(entry) + 1, entry.path);
      }
      await guard.settle();
    } catch (err) {
      abandon(p);
      throw err;
    }
    if (guard.signal) {
      abandon(p);
      guard.exit(`repolish: interrupted (${guard.signal}) before any file was changed; removed the temporary files, the tree is as it was`);
    }
    finishTransaction(root, p, hooks);
    await guard.settle();
    if (guard.signal) guard.exit(`repolish: interrupted (${guard.signal}) while renaming; finished the rename pass first: all ${changes.length} files are written`);
  } finally {
    guard.release();
  }
}
