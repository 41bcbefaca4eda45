/**
 * The write journal: while a set of files is written, a small JSON file in the git directory
 * (`<git dir>/repolish-journal.json`, or `.repolish-journal.json` in the root without git) says
 * which temporary files belong to the set and whether the rename pass has begun. A run that was
 * killed leaves it behind; the next writing command finds it and either removes the temporary
 * files (the tree was never touched) or completes the rename pass (or, when a file changed since,
 * rolls the finished renames back), and says which.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, copyFileSync, existsSync, linkSync, lstatSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { SafetyError } from '../errors.js';
import { readProjectFile } from '../model/project-file.js';
import { isTempName, syncFolder, writeTempFor } from './temp-file.js';

export const JOURNAL_NAME = 'repolish-journal.json';
const NO_GIT_JOURNAL_NAME = '.repolish-journal.json';

export interface JournalEntry {
  /** Relative to the root, for messages. */
  path: string;
  /** Absolute path of the file. */
  target: string;
  kind: 'create' | 'replace' | 'delete';
  /** The new content's temporary file (create/replace). */
  temp?: string;
  /** Where the old file is kept during the rename pass (replace: a hard link; delete: the file itself). */
  backup?: string;
  /** sha256 of the content before and after (null: no file). */
  beforeHash: string | null;
  afterHash: string | null;
}

export interface Journal {
  version: 1;
  pid: number;
  root: string;
  /** 'prepare': temporary files are being written, nothing renamed; 'rename': the rename pass has begun. */
  phase: 'prepare' | 'rename';
  entries: JournalEntry[];
  /** Folders the write created (removed again on a rollback when empty), deepest last. */
  createdFolders: string[];
}

export function hashOf(content: string | Buffer | null): string | null {
  if (content === null) return null;
  return createHash('sha256').update(typeof content === 'string' ? Buffer.from(content, 'utf8') : content).digest('hex');
}

/** The git directory of the repository holding `root` (a `.git` folder, or the one a `.git` file names). */
function gitDirOf(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    try {
      const st = lstatSync(dotGit);
      if (st.isDirectory()) return dotGit;
      if (st.isFile()) {
        const pointer = /^gitdir: (.+)$/m.exec(readProjectFile(dir, '.git', 4096).toString('utf8'));
        const gitDir = pointer ? resolve(dir, pointer[1].trim()) : undefined;
        // Only a folder that looks like a git directory: a `.git` file could name any folder.
        if (gitDir && lstatSync(gitDir).isDirectory() && existsSync(join(gitDir, 'HEAD'))) return gitDir;
        return undefined;
      }
    } catch { /* not here */ }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Where the journal may be: the git directory first, the root when there is no git (or it is not writable). */
export function journalPathsFor(root: string): string[] {
  const gitDir = gitDirOf(root);
  const inRoot = join(root, NO_GIT_JOURNAL_NAME);
  return gitDir ? [join(gitDir, JOURNAL_NAME), inRoot] : [inRoot];
}

export function writeJournal(path: string, journal: Journal): void {
  const temp = writeTempFor(path, `${JSON.stringify(journal, null, 1)}\n`, 0o644);
  renameSync(temp.path, path);
  syncFolder(dirname(path));
}

export function removeJournal(path: string): void {
  try { unlinkSync(path); } catch { /* already gone */ }
  syncFolder(dirname(path));
}

function readJournal(path: string): Journal | undefined {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { return undefined; }
  try {
    const journal = JSON.parse(text) as Journal;
    return journal && journal.version === 1 && Array.isArray(journal.entries) ? journal : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function hashOnDisk(path: string): string | null {
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return 'not-a-file';
    return hashOf(readFileSync(path));
  } catch {
    return null;
  }
}

function removeQuietly(path: string | undefined): void {
  if (!path) return;
  try { unlinkSync(path); } catch { /* gone */ }
}

function removeEmptyFolders(folders: string[]): void {
  for (const folder of [...folders].reverse()) {
    try { rmdirSync(folder); } catch { /* not empty, or gone */ }
  }
}

/** Undoes the renames of `done` entries (newest first) and removes every temporary file. */
export function rollBack(journal: Journal, done: readonly JournalEntry[]): void {
  for (const entry of [...done].reverse()) {
    if (entry.kind === 'create') removeQuietly(entry.target);
    else if (entry.backup && existsSync(entry.backup)) renameSync(entry.backup, entry.target);
  }
  for (const entry of journal.entries) {
    removeQuietly(entry.temp);
    removeQuietly(entry.backup);
  }
  removeEmptyFolders(journal.createdFolders);
}

/** The old file under its backup name: a hard link, or a copy where the file system has none. */
function keepAside(target: string, backup: string): void {
  try {
    linkSync(target, backup);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw err;
    copyFileSync(target, backup, fsConstants.COPYFILE_EXCL);
  }
}

/** One entry of the rename pass: the old file kept aside, the new one renamed into place. */
export function renameEntry(entry: JournalEntry): void {
  if (entry.kind === 'replace') {
    if (!existsSync(entry.backup!)) keepAside(entry.target, entry.backup!);
    renameSync(entry.temp!, entry.target);
  } else if (entry.kind === 'create') {
    renameSync(entry.temp!, entry.target);
  } else {
    renameSync(entry.target, entry.backup!);
  }
}

export function entryIsDone(entry: JournalEntry): boolean {
  // A rename is atomic: the old file is in its backup place, or the temporary file is gone.
  if (entry.kind === 'delete') return existsSync(entry.backup!);
  return !existsSync(entry.temp!);
}

/**
 * Finishes what an interrupted write under `root` left behind, before anything else reads the
 * tree. Returns the lines to print on stderr (empty when there was nothing to do). Throws
 * SafetyError when another repolish is writing right now, or when the state cannot be settled.
 */
export function recoverInterruptedWrite(root: string): string[] {
  return journalPathsFor(root).flatMap((path) => recoverFrom(path));
}

function recoverFrom(path: string): string[] {
  if (!existsSync(path)) return [];
  const journal = readJournal(path);
  if (!journal) throw new SafetyError(`${path}: an unreadable repolish write journal; check the files it names and remove it`);
  if (isAlive(journal.pid)) throw new SafetyError(`another repolish (pid ${journal.pid}) is writing to ${journal.root}; run again when it has finished (or remove ${path} if it is not running)`);
  const names = journal.entries.map((e) => e.path).join(', ');
  const lines: string[] = [];
  if (journal.phase === 'prepare') {
    rollBack(journal, []);
    lines.push(`repolish: an earlier --write (pid ${journal.pid}) was interrupted before it changed any file; removed its temporary files (${names})`);
  } else {
    const pending = journal.entries.filter((e) => !entryIsDone(e));
    // Complete the pass only while every file still to be renamed is exactly as it was read.
    const untouched = pending.every((e) => hashOnDisk(e.target) === e.beforeHash);
    if (untouched) {
      for (const entry of pending) renameEntry(entry);
      for (const entry of journal.entries) removeQuietly(entry.backup);
      lines.push(`repolish: completed an earlier --write (pid ${journal.pid}) that was interrupted while renaming: ${names}`);
    } else {
      const done = journal.entries.filter((e) => !pending.includes(e));
      const changed = done.filter((e) => hashOnDisk(e.target) !== e.afterHash);
      if (changed.length > 0) {
        throw new SafetyError(`an earlier --write was interrupted and files changed since (${[...pending, ...changed].map((e) => e.path).join(', ')}); check them, then remove ${path}`);
      }
      rollBack(journal, done);
      lines.push(`repolish: rolled back an earlier --write (pid ${journal.pid}) that was interrupted while renaming (files changed since): ${names}`);
    }
  }
  for (const folder of new Set(journal.entries.map((e) => dirname(e.target)))) syncFolder(folder);
  removeJournal(path);
  return lines;
}

/**
 * Removes temporary files that no journal accounts for (a run of an older version, or one killed
 * before its journal was written) in `folders`, and says which.
 */
export function removeStrayTemps(root: string, folders: Iterable<string>): string[] {
  const lines: string[] = [];
  for (const folder of new Set(folders)) {
    let names: string[];
    try { names = readdirSync(folder); } catch { continue; }
    for (const name of names) {
      if (!isTempName(name)) continue;
      // A temporary file of a process still running (a report being written) is not a stray.
      const pid = /\.(\d+)[-.][0-9a-f]+\.repolish-tmp$/.exec(name);
      if (pid && isAlive(Number(pid[1]))) continue;
      const abs = join(folder, name);
      try {
        if (!lstatSync(abs).isFile()) continue;
        unlinkSync(abs);
        lines.push(`repolish: removed a temporary file left by an earlier interrupted write: ${relative(root, abs)}`);
      } catch { /* gone, or not ours to remove */ }
    }
  }
  return lines;
}
