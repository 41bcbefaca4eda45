/**
 * One file through the codemods: decode, parse, transform, check, repeat until nothing changes.
 * Runs the same on the main thread and on worker threads, so its input and output are plain data.
 */
import { PythonTooComplexError } from '../python/parse-limits.js';
import { parseNative } from '../python/tree.js';
import { applyEdits, LineIndex, mapOffset, offsetOf, positionOf, prepareEdits } from '../text/index.js';
import { languageOf, newSyntaxError, pythonTreeError } from './languages.js';
import { asReadContent, decodeSource, encodable, encodeSource, type DecodedSource } from './source.js';
import type { Codemod, Edit, FileStatus, ProjectFacts, SourceFile, TransformResult } from './types.js';

/** Passes over one file before the engine gives up on reaching a fixed point. */
export const MAX_PASSES = 5;

export interface ActiveCodemod {
  codemod: Codemod;
  options: Readonly<Record<string, string>>;
}

export interface ReviewItem {
  codemod: string;
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface FileRun {
  path: string;
  status: FileStatus;
  reason?: string;
  /** Content as read (text for UTF-8 files, bytes otherwise), for the patch: set when the file was modified or deleted. */
  before?: string | Buffer;
  /** New content (null: deleted); undefined when unchanged. */
  after?: string | Buffer | null;
  /** How the file was decoded (its `text` is the original text). */
  decoded?: DecodedSource;
  /** The decoded final text (for `finish`). */
  text?: string;
  edits: number;
  review: ReviewItem[];
  warnings: string[];
  /** Per codemod: `data` of the transform call that saw the final text. */
  data: Record<string, unknown>;
  /** Per codemod: `data` of each transform call on the way to the final text. */
  history: Record<string, unknown[]>;
  /** Codemods whose edits are part of the result. */
  changedBy: string[];
  /** The file's mode, when it was read where it was processed (candidate.ts). */
  mode?: '100644' | '100755';
  /** Set when it was to be read where it was processed and could not be: gone, or not readable (candidate.ts). */
  unread?: 'missing' | 'unreadable';
  /** The lines kept for `finish` when the file was read where it was processed (see `Codemod.keepLinesWith`). */
  kept?: Record<string, string[] | undefined>;
}

export function makeSourceFile(path: string, text: string, decoded: Pick<DecodedSource, 'eol' | 'indent'>, tree?: ReturnType<typeof parseNative>): SourceFile {
  // Built on the first position asked for: most files a codemod looks at get no review item.
  let lines: LineIndex | undefined;
  return {
    path,
    text,
    language: languageOf(path),
    // Read from `decoded` when asked: a transform that returns early never pays for them.
    get eol() { return decoded.eol; },
    get indent() { return decoded.indent; },
    tree,
    position: (offset: number) => (lines ??= new LineIndex(text)).position(offset),
  };
}

interface PendingReview {
  codemod: string;
  /** Offset in the current text: mapped through every later edit. */
  offset: number;
  message: string;
}

/** A file left alone before any codemod saw it, with a warning that names it. */
function skip(run: FileRun, path: string, reason: string): FileRun {
  run.status = 'skipped';
  run.reason = reason;
  run.warnings.push(`${path}: skipped: ${reason}`);
  return run;
}

function describeError(err: unknown): string {
  const e = err as Error;
  return e?.message ? e.message.split('\n')[0] : String(err);
}

/**
 * Runs the codemods over one file's bytes. Review items point at the final text (the file as
 * `--write` leaves it), so they stay right after the edits above them.
 */
export function processFile(path: string, raw: Buffer, codemods: readonly ActiveCodemod[], project: ProjectFacts): FileRun {
  const run: FileRun = { path, status: 'unchanged', edits: 0, review: [], warnings: [], data: {}, history: {}, changedBy: [] };
  const language = languageOf(path);
  const decoded = decodeSource(raw, language);
  if (!decoded.ok) {
    run.status = 'skipped';
    run.reason = decoded.reason;
    run.warnings.push(`${path}: skipped: ${decoded.reason}`);
    return run;
  }
  const source = decoded.source;
  run.decoded = source;
  const original = source.text;
  // Each text is parsed once: the tree that passed the syntax check is the one codemods get.
  let tree: ReturnType<typeof parseNative> | undefined;
  if (language === 'python') {
    // parseNative checks the text before tree-sitter sees it (past its limits tree-sitter aborts
    // the whole process) and throws PythonTooComplexError with the reason.
    try {
      tree = parseNative(original);
    } catch (err) {
      if (err instanceof PythonTooComplexError) return skip(run, path, err.reason);
      throw err;
    }
  }
  if (tree) {
    const problem = pythonTreeError(tree, original);
    if (problem) {
      run.status = 'skipped';
      run.reason = `syntax error at line ${problem.line}, column ${problem.column}`;
      run.warnings.push(`${path}:${problem.line}:${problem.column}: skipped: the file does not parse (${problem.message})`);
      return run;
    }
  }

  let text = original;
  let pending: PendingReview[] = [];
  const firstData: Record<string, unknown> = {};
  const changedBy = new Set<string>();

  const fail = (reason: string, review?: { codemod: string; offset: number; message: string }): FileRun => {
    run.status = 'failed';
    run.reason = reason;
    run.edits = 0;
    run.after = undefined;
    run.text = original;
    run.data = firstData;
    run.history = Object.fromEntries(Object.entries(firstData).map(([k, v]) => [k, [v]]));
    run.changedBy = [];
    run.warnings.push(`${path}: left unchanged: ${reason}`);
    if (review) {
      const pos = positionOf(original, Math.min(review.offset, original.length));
      run.review = [{ codemod: review.codemod, path, ...pos, message: review.message }];
    } else run.review = [];
    return run;
  };

  for (let pass = 1; ; pass++) {
    let changed = false;
    for (const { codemod, options } of codemods) {
      if (!codemod.transform) continue;
      const file = makeSourceFile(path, text, source, tree);
      let result: TransformResult | undefined | void;
      try {
        result = codemod.transform(file, { codemod: codemod.name, options, project, pass });
      } catch (err) {
        return fail(`${codemod.name} crashed: ${describeError(err)}`);
      }
      if (pass === 1) firstData[codemod.name] = result?.data;
      run.data[codemod.name] = result?.data;
      (run.history[codemod.name] ??= []).push(result?.data);
      const notes = (result?.review ?? []).map((r) => ({ codemod: codemod.name, offset: offsetOf(text, r.line, r.column), message: r.message }));
      if (result?.delete) {
        run.status = 'deleted';
        run.before = asReadContent(raw, source);
        run.after = null;
        run.text = undefined;
        run.changedBy = [codemod.name];
        run.review = notes.map((n) => ({ codemod: n.codemod, path, ...positionOf(text, n.offset), message: n.message }));
        return run;
      }
      const edits: Edit[] = result?.edits ?? [];
      if (edits.length === 0) {
        pending.push(...notes);
        continue;
      }
      const prepared = prepareEdits(text, edits);
      if (!prepared.ok) {
        const at = prepared.offsets.length ? prepared.offsets[1] : 0;
        const where = prepared.offsets.length ? ` (lines ${prepared.offsets.map((o) => positionOf(text, o).line).join(' and ')})` : '';
        return fail(`${codemod.name}: ${prepared.message}${where}`, { codemod: codemod.name, offset: pass === 1 ? at : 0, message: `${prepared.message}${where}; the file was left unchanged` });
      }
      const next = applyEdits(text, prepared.edits, source.eol);
      if (next === text) {
        pending.push(...notes);
        continue;
      }
      if (!encodable(source, next)) {
        return fail(`${codemod.name}: the new text cannot be written in the file's ${source.encoding} encoding`);
      }
      let nextTree: ReturnType<typeof parseNative> | undefined;
      if (language === 'python') {
        try {
          nextTree = parseNative(next);
        } catch (err) {
          if (err instanceof PythonTooComplexError) return fail(`${codemod.name}'s result cannot be checked (${err.reason})`);
          throw err;
        }
      }
      // Input files with syntax errors were skipped, so any error in a Python result is new.
      const problem = nextTree ? pythonTreeError(nextTree, next) : newSyntaxError(path, language, text, next);
      if (problem) {
        return fail(`${codemod.name}'s edits would leave a syntax error at line ${problem.line} (${problem.message})`,
          { codemod: codemod.name, offset: 0, message: `the edits of ${codemod.name} would not parse (line ${problem.line} of the result: ${problem.message}); the file was left unchanged` });
      }
      pending = [...pending, ...notes].map((p) => ({ ...p, offset: mapOffset(p.offset, prepared.edits, source.eol) }));
      text = next;
      tree = nextTree;
      run.edits += prepared.edits.length;
      changedBy.add(codemod.name);
      changed = true;
    }
    if (!changed) break;
    if (pass >= MAX_PASSES) return fail(`no fixed point after ${MAX_PASSES} passes (the codemods keep changing the file)`);
  }

  const seen = new Set<string>();
  for (const p of pending) {
    const pos = positionOf(text, p.offset);
    const key = `${p.codemod}\0${pos.line}\0${pos.column}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    run.review.push({ codemod: p.codemod, path, ...pos, message: p.message });
  }
  run.review.sort((a, b) => a.line - b.line || a.column - b.column);
  run.text = text;
  run.changedBy = [...changedBy];
  if (text !== original) {
    run.status = 'modified';
    run.before = asReadContent(raw, source);
    run.after = encodeSource(source, text);
  }
  return run;
}

/**
 * What the run keeps of a FileRun once the file is done (and what a worker sends back): the
 * contents only where the file changed, once each (as read, decoded, final); an unchanged,
 * skipped or failed file is its status, warnings, review items and data, and the project step
 * reads it again if it needs the text.
 */
export function settledRun(run: FileRun): FileRun {
  const { before, decoded, text, after: _after, ...rest } = run;
  if (run.status === 'modified') return { ...rest, before, decoded, text };
  if (run.status === 'deleted') return { ...rest, before, decoded };
  return rest;
}
