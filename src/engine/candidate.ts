/**
 * Reading a file a codemod looks at, where it is transformed: on the main thread, or on a worker
 * when no codemod of the file has a trigger (every file is then a candidate, so reading on the
 * workers overlaps the parsing and the main thread never holds every file's bytes). The same
 * checks either way (src/model/project-file.ts: a regular file inside the root, no symlink on its
 * way, the opened descriptor checked, at most MAX_FILE_BYTES), the same reasons and warnings.
 */
import { ProjectFileError, readProjectFileWithStats, type CheckedFolders } from '../model/project-file.js';
import { processFile, settledRun, type ActiveCodemod, type FileRun } from './process-file.js';
import { utf16ByteOrder } from '../model/text-encoding.js';
import type { ProjectFacts } from './types.js';

/** Files larger than this are not read. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type CandidateRead =
  | { ok: true; raw: Buffer; mode: '100644' | '100755' }
  /** Listed (by git), gone from the disk: not part of the run. */
  | { ok: false; missing: true }
  | { ok: false; missing: false; status: 'skipped' | 'failed'; reason: string };

export function readCandidate(root: string, path: string, checked?: CheckedFolders): CandidateRead {
  try {
    const read = readProjectFileWithStats(root, path, MAX_FILE_BYTES, checked);
    return { ok: true, raw: read.bytes, mode: read.stats.mode & 0o111 ? '100755' : '100644' };
  } catch (err) {
    if (!(err instanceof ProjectFileError)) throw err;
    if (err.problem === 'missing') return { ok: false, missing: true };
    const reason =
      err.problem === 'symlink' ? 'symbolic link (not followed)'
      : err.problem === 'not-regular' ? 'not a regular file'
      : err.problem === 'too-large' ? `larger than ${MAX_FILE_BYTES >> 20} MiB`
      : err.problem === 'unreadable' ? `cannot read: ${err.code ?? err.reason}`
      : err.reason;
    return { ok: false, missing: false, status: err.problem === 'unreadable' ? 'failed' : 'skipped', reason };
  }
}

/**
 * The lines of `raw` that hold `needle` (Latin-1, without the line break), once each, in order;
 * undefined for UTF-16 bytes (a needle's bytes differ there).
 */
export function linesHolding(raw: Buffer, needle: string): string[] | undefined {
  if (utf16ByteOrder(raw) !== undefined) return undefined;
  const lines: string[] = [];
  for (let at = raw.indexOf(needle); at >= 0; ) {
    const start = raw.lastIndexOf(10, at) + 1;
    const newline = raw.indexOf(10, at);
    const end = newline < 0 ? raw.length : newline;
    lines.push(raw.toString('latin1', start, end));
    if (newline < 0) break;
    at = raw.indexOf(needle, end);
  }
  return lines;
}

/** Per `keepLinesWith` string of the codemods, the lines of `raw` holding it (see `Codemod.keepLinesWith`). */
export function keptLines(raw: Buffer, codemods: readonly ActiveCodemod[]): Record<string, string[] | undefined> | undefined {
  let kept: Record<string, string[] | undefined> | undefined;
  for (const { codemod } of codemods) {
    const needle = codemod.keepLinesWith;
    if (needle !== undefined && !(kept && needle in kept)) (kept ??= {})[needle] = linesHolding(raw, needle);
  }
  return kept;
}

/** The run's warning for a file it could not read. */
export function unreadWarning(path: string, status: 'skipped' | 'failed', reason: string): string {
  return `${path}: ${status === 'skipped' ? 'skipped: ' : ''}${reason}`;
}

/**
 * Reads one file and runs the codemods over it. A file that cannot be read comes back as a run
 * marked `unread` (its status and reason, no warning: the runner words it as for the files it
 * reads itself); a read one carries its mode.
 */
export function readAndProcess(path: string, codemods: readonly ActiveCodemod[], project: ProjectFacts, checked?: CheckedFolders): FileRun {
  const read = readCandidate(project.root, path, checked);
  if (!read.ok) {
    const base = { path, edits: 0, review: [], warnings: [], data: {}, history: {}, changedBy: [] };
    return read.missing
      ? { ...base, status: 'skipped', unread: 'missing' }
      : { ...base, status: read.status, reason: read.reason, unread: 'unreadable' };
  }
  const kept = keptLines(read.raw, codemods);
  return { ...settledRun(processFile(path, read.raw, codemods, project)), mode: read.mode, ...(kept && { kept }) };
}
