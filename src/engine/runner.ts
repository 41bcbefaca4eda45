/**
 * A codemod run over a project: list files once, read each matching file once, transform only
 * files containing a trigger (on worker threads when there are many), then let codemods finish at
 * project level (manifests), and return the changes as FileChanges for the patch layer.
 * Nothing here writes to the disk.
 */
import { lstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { FileChange } from '../patch/change.js';
import { buildScanContext, type ScanConfig } from '../bloat/scan-context.js';
import type { ScanContext } from '../model/context.js';
import { safeJoin } from '../patch/apply.js';
import { readProjectFile, type CheckedFolders } from '../model/project-file.js';
import { applyEdits, positionOf, prepareEdits } from '../text/index.js';
import { snapshotFolders } from '../bloat/detectors/snapshot-folders.js';
import { utf16ByteOrder } from '../model/text-encoding.js';
import { keptLines, MAX_FILE_BYTES, readAndProcess, readCandidate, unreadWarning } from './candidate.js';
import { listFiles, patternMatcher } from './files.js';
import { languageOf, newSyntaxError } from './languages.js';
import { makeSourceFile, processFile, settledRun, type ActiveCodemod, type FileRun, type ReviewItem } from './process-file.js';
import { decodeSource, encodeSource, asReadContent, type DecodedSource } from './source.js';
import type { Edit, FileStatus, FileSummary, FinishResult, ProjectContext, ProjectFacts, SourceFile } from './types.js';
import { processInWorkers, RELEASED, type WorkItem } from './worker-pool.js';

export type { ReviewItem } from './process-file.js';

export { MAX_FILE_BYTES };

export interface RunOptions {
  root: string;
  codemods: readonly ActiveCodemod[];
  /** Restrict the run to these files (relative paths); default: every listed file. */
  files?: readonly string[];
  /**
   * Worker threads: `registryUrl` is a module exporting `codemods` (needed to load the codemods in
   * a worker); they are used when at least `threshold` files contain a trigger.
   */
  workers?: { registryUrl: string; threshold?: number; count?: number };
  /** Called with a short status line while the run progresses. */
  progress?: (message: string) => void;
  /** The configuration `ProjectContext.scanContext()` is built with (the command's config file). */
  scan?: ScanConfig;
}

export interface FileOutcome {
  path: string;
  status: FileStatus | 'added';
  reason?: string;
  edits: number;
  /** The codemods whose edits the file carries. */
  codemods: string[];
}

export interface RunResult {
  root: string;
  codemods: string[];
  options: Record<string, Record<string, string>>;
  /** Every file a codemod looked at, plus files created or changed at project level. */
  files: FileOutcome[];
  changes: FileChange[];
  review: ReviewItem[];
  warnings: string[];
  notes: string[];
  stats: { listed: number; matched: number; candidates: number; workers: number };
}

/** The state of one file during a run. */
interface FileState {
  path: string;
  /** Content as read (null: did not exist). */
  before: string | Buffer | null;
  source?: DecodedSource;
  original?: string;
  text?: string;
  deleted?: boolean;
  /** The engine could not read it (or would not: a symlink, too large): never decoded for `finish` either. */
  unreadable?: boolean;
  status: FileStatus | 'added';
  reason?: string;
  edits: number;
  changedBy: Set<string>;
  data: Record<string, unknown>;
  history: Record<string, unknown[]>;
  mode?: '100644' | '100755';
  /** Per `keepLinesWith` string, the file's lines holding it as read (see `Codemod.keepLinesWith`). */
  kept?: Record<string, string[] | undefined>;
}

const DEFAULT_WORKER_THRESHOLD = 200;

export async function runCodemods(options: RunOptions): Promise<RunResult> {
  const root = resolve(options.root);
  const progress = options.progress ?? (() => {});
  const listed = options.files ? [...options.files] : listFiles(root).files;
  const project: ProjectFacts = { root, files: listed };
  let scanContext: ScanContext | undefined;
  const warnings: string[] = [];
  const review: ReviewItem[] = [];
  const notes: string[] = [];
  const states = new Map<string, FileState>();
  const patterns = options.codemods.map((c) => patternMatcher(c.codemod.files));
  const matchers = options.codemods.map((c, i) => (path: string) => patterns[i](path) || (c.codemod.selects?.(path) ?? false));
  // Archive and backup copies of the app, as scan classifies them: codemods leave them whole.
  const snapshots = snapshotFolders(listed);
  const snapshotOf = (path: string): string | undefined => {
    if (snapshots.size === 0) return undefined;
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) if (snapshots.has(path.slice(0, i))) return path.slice(0, i);
    return undefined;
  };
  const inCopies = new Map<string, string[]>();
  const workable = listed.filter((path) => {
    const folder = snapshotOf(path);
    if (folder === undefined) return true;
    if (matchers.some((m) => m(path))) inCopies.set(folder, [...(inCopies.get(folder) ?? []), path]);
    return false;
  });

  // Read each matching file once; keep the bytes of those that contain a trigger. A file whose
  // codemods have no trigger is a candidate unread: it is read where it is transformed.
  const items: WorkItem[] = [];
  /** Per item, its place among the matched files (the warnings about unread files keep that order). */
  const itemOrder: number[] = [];
  const unreadNotes: Array<{ order: number; text: string }> = [];
  const checked: CheckedFolders = new Set();
  let matched = 0;
  // Only a regular file inside the root: a tracked symlink's target is never read.
  const unread = (state: FileState, status: 'skipped' | 'failed', reason: string, order: number): void => {
    state.status = status;
    state.reason = reason;
    state.unreadable = true;
    unreadNotes.push({ order, text: unreadWarning(state.path, status, reason) });
  };
  for (const path of workable) {
    const applicable = options.codemods.filter((_, i) => matchers[i](path));
    if (applicable.length === 0) continue;
    const order = matched++;
    const state: FileState = { path, before: null, status: 'unchanged', edits: 0, changedBy: new Set(), data: {}, history: {} };
    states.set(path, state);
    if (applicable.every((c) => c.codemod.triggers.length === 0)) {
      items.push({ path, codemods: applicable.map((c) => c.codemod.name) });
      itemOrder.push(order);
      continue;
    }
    const read = readCandidate(root, path, checked);
    if (!read.ok) {
      if (read.missing) { states.delete(path); matched--; continue; } // listed by git, gone from disk
      unread(state, read.status, read.reason, order);
      continue;
    }
    state.mode = read.mode;
    const raw = read.raw;
    state.kept = keptLines(raw, applicable);
    const active = applicable.filter((c) => c.codemod.triggers.length === 0 || c.codemod.triggers.some((t) => containsTrigger(raw, t)));
    if (active.length > 0) { items.push({ path, raw, codemods: active.map((c) => c.codemod.name) }); itemOrder.push(order); }
  }
  progress(`${items.length} of ${matched} files contain a trigger`);

  const runs = await transformAll(items, options, project, progress);
  // The bytes were the transform's: a run keeps the contents of the files it changed (settledRun),
  // and the project step reads any other file again when it asks for it.
  const candidates: Array<{ path: string; codemods: string[] }> = [];
  const transformed: FileRun[] = [];
  runs.results.forEach((run, i) => {
    if (run.unread === 'missing') { states.delete(run.path); matched--; return; }
    const state = states.get(run.path)!;
    if (run.unread === 'unreadable') { unread(state, run.status as 'skipped' | 'failed', run.reason!, itemOrder[i]); return; }
    if (run.mode) state.mode = run.mode;
    if (run.kept) state.kept = run.kept;
    candidates.push({ path: items[i].path, codemods: items[i].codemods });
    transformed.push(run);
  });
  items.length = 0;
  warnings.push(...unreadNotes.sort((a, b) => a.order - b.order).map((n) => n.text));
  for (const run of transformed) {
    const state = states.get(run.path)!;
    state.status = run.status;
    state.reason = run.reason;
    state.edits = run.edits;
    state.data = run.data;
    state.history = run.history;
    state.changedBy = new Set(run.changedBy);
    if (run.before !== undefined) state.before = run.before;
    if (run.decoded) { state.source = run.decoded; state.original = run.decoded.text; }
    if (run.text !== undefined) state.text = run.text;
    if (run.status === 'deleted') state.deleted = true;
    warnings.push(...run.warnings);
    review.push(...run.review);
  }

  // Everything `finish` reads goes through here: the current text of a file, decoded at most once
  // (a file the transforms left as it was is read from the disk again, the first time it is asked for).
  const load = (path: string): FileState | undefined => {
    let state = states.get(path);
    if (state?.source) return state;
    const raw = state?.unreadable ? undefined : readRaw(root, path);
    if (!state) {
      if (raw === undefined) return undefined;
      state = { path, before: null, status: 'unchanged', edits: 0, changedBy: new Set(), data: {}, history: {} };
      states.set(path, state);
    }
    if (raw === undefined) return undefined;
    const decoded = decodeSource(raw, languageOf(path));
    if (!decoded.ok) return undefined;
    state.source = decoded.source;
    state.original = decoded.source.text;
    state.before ??= asReadContent(raw, decoded.source);
    state.text ??= decoded.source.text;
    return state;
  };

  /** A file's bytes as read, without decoding (for deleting files that are not text). */
  const loadBytes = (path: string): FileState | undefined => {
    const raw = readRaw(root, path);
    if (raw === undefined) return undefined;
    const state: FileState = states.get(path) ?? { path, before: null, status: 'unchanged', edits: 0, changedBy: new Set(), data: {}, history: {} };
    state.before ??= raw;
    states.set(path, state);
    return state;
  };

  for (const active of options.codemods) {
    const { codemod } = active;
    if (!codemod.finish) continue;
    const results: FileSummary[] = [];
    for (const it of candidates) {
      if (!it.codemods.includes(codemod.name)) continue;
      const s = states.get(it.path)!;
      results.push({ path: it.path, status: s.status === 'added' ? 'modified' : s.status, reason: s.reason, data: s.data[codemod.name], history: s.history[codemod.name] ?? [] });
    }
    const context: ProjectContext = {
      ...project,
      codemod: codemod.name,
      options: active.options,
      results,
      read(path: string): SourceFile | null {
        const s = load(path);
        if (!s || s.deleted || s.text === undefined) return null;
        return makeSourceFile(path, s.text, s.source ?? { eol: '\n', indent: '    ' });
      },
      match(patterns: readonly string[]): string[] {
        const m = patternMatcher(patterns);
        return workable.filter(m);
      },
      select(test: (path: string) => boolean): string[] {
        return workable.filter((p) => test(p));
      },
      linesWith: (path: string) => (codemod.keepLinesWith === undefined ? undefined : states.get(path)?.kept?.[codemod.keepLinesWith]),
      scanContext: () => (scanContext ??= buildScanContext(root, options.scan)),
    };
    let finished;
    try {
      finished = await codemod.finish(context);
    } catch (err) {
      warnings.push(`${codemod.name}: its project-level step crashed: ${(err as Error)?.message ?? err}; manifests were left unchanged`);
      continue;
    }
    if (!finished) continue;
    // What the engine could not apply: the summary must not claim it (issue 10 class 11).
    const notApplied = new Map<string, string>();
    const applied = new Set<string>();
    for (const r of finished.revert ?? []) {
      // Back to the text as read, for every codemod: its review items no longer apply.
      const s = load(r.path);
      if (!s || s.original === undefined) continue;
      s.text = s.original;
      s.deleted = false;
      s.status = 'unchanged';
      s.edits = 0;
      s.changedBy.clear();
      for (let i = review.length - 1; i >= 0; i--) if (review[i].path === r.path) review.splice(i, 1);
      review.push({ codemod: codemod.name, path: r.path, line: r.line ?? 1, column: r.column ?? 1, message: r.reason });
    }
    for (const change of finished.changes ?? []) {
      if ('delete' in change) {
        // Binary and undecodable files can be deleted too: the patch carries their bytes.
        const s = load(change.path) ?? loadBytes(change.path);
        if (!s) { warnings.push(`${codemod.name}: cannot delete ${change.path}: not a readable file`); notApplied.set(change.path, 'not a readable file'); continue; }
        applied.add(change.path);
        s.deleted = true;
        s.status = 'deleted';
        s.changedBy.add(codemod.name);
        continue;
      }
      if ('create' in change) {
        const existing = load(change.path);
        if (existing && !existing.deleted) { warnings.push(`${codemod.name}: not creating ${change.path}: it exists`); notApplied.set(change.path, 'it exists'); continue; }
        applied.add(change.path);
        const s: FileState = existing ?? { path: change.path, before: null, status: 'added', edits: 1, changedBy: new Set(), data: {}, history: {} };
        s.text = change.create;
        s.deleted = false;
        s.status = s.before === null ? 'added' : 'modified';
        s.changedBy.add(codemod.name);
        states.set(change.path, s);
        continue;
      }
      const s = load(change.path);
      if (!s || s.text === undefined || s.deleted) { warnings.push(`${codemod.name}: cannot edit ${change.path}: not a readable text file`); notApplied.set(change.path, 'not a readable text file'); continue; }
      const prepared = prepareEdits(s.text, change.edits);
      if (!prepared.ok) {
        warnings.push(`${change.path}: ${codemod.name}: ${prepared.message}; left unchanged`);
        review.push({ codemod: codemod.name, path: change.path, line: 1, column: 1, message: `${prepared.message}; left unchanged` });
        notApplied.set(change.path, prepared.message);
        continue;
      }
      const next = applyEdits(s.text, prepared.edits, s.source?.eol ?? '\n');
      const problem = newSyntaxError(change.path, languageOf(change.path), s.text, next);
      if (problem) {
        warnings.push(`${change.path}: ${codemod.name}'s edits would not parse (line ${problem.line}: ${problem.message}); left unchanged`);
        review.push({ codemod: codemod.name, path: change.path, ...positionOf(s.text, 0), message: `edits would not parse (${problem.message}); left unchanged` });
        notApplied.set(change.path, `the edits would not parse: ${problem.message}`);
        continue;
      }
      if (next === s.text) continue;
      // A review item never describes what the patch already did: items on lines these edits delete whole go.
      const gone = wholeLinesDeleted(s.text, prepared.edits);
      if (gone.size) for (let i = review.length - 1; i >= 0; i--) if (review[i].codemod === codemod.name && review[i].path === change.path && gone.has(review[i].line)) review.splice(i, 1);
      applied.add(change.path);
      s.text = next;
      s.edits += prepared.edits.length;
      s.changedBy.add(codemod.name);
      if (s.status !== 'added') s.status = 'modified';
    }
    for (const r of finished.review ?? []) review.push({ codemod: codemod.name, ...r });
    notes.push(...summaryNotes(codemod.name, finished, applied, notApplied));
  }

  const changes: FileChange[] = [];
  const files: FileOutcome[] = [];
  for (const s of [...states.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (s.deleted) {
      if (s.before === null) continue; // created, then deleted again
      changes.push({ path: s.path, before: s.before, after: null, mode: s.mode ?? fileMode(root, s.path) });
      s.status = 'deleted';
    } else if (s.before === null && s.text !== undefined) {
      changes.push({ path: s.path, before: null, after: s.text });
      s.status = 'added';
    } else if (s.source && s.text !== undefined && s.text !== s.original) {
      changes.push({ path: s.path, before: s.before!, after: encodeSource(s.source, s.text) });
      s.status = 'modified';
    } else if (s.status === 'modified') {
      s.status = 'unchanged';
    }
    files.push({ path: s.path, status: s.status, reason: s.reason, edits: s.status === 'unchanged' ? 0 : s.edits, codemods: [...s.changedBy] });
  }
  review.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column || a.codemod.localeCompare(b.codemod));
  const optionsOut = Object.fromEntries(options.codemods.map((c) => [c.codemod.name, { ...c.options }]));
  return {
    root,
    codemods: options.codemods.map((c) => c.codemod.name),
    options: optionsOut,
    files,
    changes,
    review,
    warnings,
    // Files a codemod deleted at project level (remove-ollama's Ollama-only archive folders) were not left alone.
    notes: [...new Set([...notes, ...copiesNote(new Map([...inCopies].map(([f, ps]) => [f, ps.filter((p) => !states.get(p)?.deleted).length] as const).filter(([, n]) => n > 0)), snapshots)])],
    stats: { listed: listed.length, matched, candidates: candidates.length, workers: runs.workers },
  };
}

/** One summary line about the archive and backup copies codemods left alone, if any. */
function copiesNote(inCopies: ReadonlyMap<string, number>, snapshots: ReadonlyMap<string, string>): string[] {
  if (inCopies.size === 0) return [];
  const files = [...inCopies.values()].reduce((a, b) => a + b, 0);
  const folders = [...inCopies.keys()].sort().map((f) => `${f}/ (${snapshots.get(f)})`);
  return [`left alone: ${files} file${files === 1 ? '' : 's'} in ${folders.join(', ')}: scan classifies ${folders.length === 1 ? 'it' : 'them'} as an archive or backup copy, and codemods never migrate half of a copy (delete it with \`repolish clean --include data\`, or move it out of the project)`];
}

/**
 * The codemod's summary lines, true to what was applied: computed from the applied paths when
 * the codemod says how (`summary`), else its notes without the lines about a file left unchanged;
 * either way each file left unchanged is said so.
 */
function summaryNotes(name: string, finished: FinishResult, applied: ReadonlySet<string>, notApplied: ReadonlyMap<string, string>): string[] {
  const failed = [...notApplied.keys()].filter((p) => !applied.has(p));
  const lines = finished.summary ? finished.summary(applied) : (finished.notes ?? []).filter((n) => !failed.some((p) => n.includes(p)));
  return [...lines, ...failed.map((p) => `${name}: ${p} was left unchanged (${notApplied.get(p)}): nothing was removed from or added to it`)];
}

/** Mode of a listed file for the patch (an executable's deletion must say 100755). */
function fileMode(root: string, path: string): '100644' | '100755' | undefined {
  try {
    return lstatSync(safeJoin(root, path)).mode & 0o111 ? '100755' : '100644';
  } catch {
    return undefined;
  }
}

/** Whether the bytes hold a trigger string, in UTF-16 too (a BOM says which byte order). */
function containsTrigger(raw: Buffer, trigger: string): boolean {
  if (raw.includes(trigger)) return true;
  const order = utf16ByteOrder(raw);
  if (!order) return false;
  const le = Buffer.from(trigger, 'utf16le');
  return raw.includes(order === 'utf-16le' ? le : le.swap16());
}

function readRaw(root: string, path: string): Buffer | undefined {
  try {
    return readProjectFile(root, path, MAX_FILE_BYTES);
  } catch {
    return undefined;
  }
}

async function transformAll(items: WorkItem[], options: RunOptions, project: ProjectFacts, progress: (m: string) => void): Promise<{ results: FileRun[]; workers: number }> {
  const byName = new Map(options.codemods.map((c) => [c.codemod.name, c]));
  const threshold = options.workers?.threshold ?? DEFAULT_WORKER_THRESHOLD;
  const count = Math.min(options.workers?.count ?? Math.min(4, availableParallelism()), Math.ceil(items.length / 50));
  if (options.workers && items.length >= threshold && count >= 2) {
    try {
      const opts = Object.fromEntries(options.codemods.map((c) => [c.codemod.name, { ...c.options }]));
      const results = await processInWorkers(items, { registryUrl: options.workers.registryUrl, options: opts, project }, count);
      return { results, workers: count };
    } catch {
      // No compiled worker (running from sources without dist/), or a worker died: do the work
      // here instead (the bytes of the items already posted are read again).
    }
  }
  const results: FileRun[] = [];
  const checked: CheckedFolders = new Set();
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const active = it.codemods.map((n) => byName.get(n)!);
    if (it.raw === undefined) {
      results.push(readAndProcess(it.path, active, project, checked));
    } else {
      const raw = it.raw === RELEASED ? readRaw(project.root, it.path) : it.raw;
      if (raw === undefined) {
        results.push({ path: it.path, status: 'failed', reason: 'cannot read it again', edits: 0, review: [], warnings: [`${it.path}: cannot read it again`], data: {}, history: {}, changedBy: [] });
        continue;
      }
      results.push(settledRun(processFile(it.path, raw, active, project)));
      items[i] = { ...it, raw: RELEASED };
    }
    if (i % 50 === 49) {
      progress(`${i + 1}/${items.length} files transformed`);
      // Native parse trees are freed only when the event loop turns.
      await new Promise(setImmediate);
    }
  }
  return { results, workers: 0 };
}

/** 1-based numbers of the lines of `text` that edits delete entirely (with their line break, or the last line). */
function wholeLinesDeleted(text: string, edits: readonly Edit[]): Set<number> {
  const out = new Set<number>();
  const removals = edits.filter((e) => e.text === '' && e.end > e.start);
  if (removals.length === 0) return out;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl + 1;
    if (removals.some((e) => e.start <= start && end <= e.end)) out.add(line);
    start = end;
  }
  return out;
}
