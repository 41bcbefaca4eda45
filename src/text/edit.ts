/**
 * Range edits on decoded text, and the one rule that decides how edits meet. Every producer
 * (fix rules, Dockerfile hygiene, manifest edits, codemods) proposes edits; this module orders,
 * checks and applies them.
 *
 * The rule, applied by `prepareEdits`:
 * - identical edits (same range, same text) count once;
 * - a removal inside a larger removal is absorbed (either order leaves the same text);
 * - insertions at one offset keep the order the producer gave them, and come before a
 *   replacement that starts there;
 * - anything else that overlaps (a partial overlap, an insertion or replacement inside another
 *   edit) would lose or garble text: it is an error returned to the caller, never dropped.
 */

/**
 * A replacement of `[start, end)` by `text`; `start === end` inserts. Offsets are JavaScript
 * string indices (UTF-16 code units) into the decoded text, byte-order mark removed: tree-sitter
 * and ts-morph report these units for string input. Line breaks in `text` are written `\n`;
 * `applyEdits` writes them with the file's line ending.
 */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export type Eol = '\n' | '\r\n';

export type PreparedEdits = { ok: true; edits: Edit[] } | { ok: false; message: string; offsets: number[] };

export class OverlappingEditsError extends Error {
  constructor(readonly first: Edit, readonly second: Edit) {
    super(`overlapping edits at ${first.start}-${first.end} and ${second.start}-${second.end}`);
  }
}

function isRemoval(e: Edit): boolean {
  return e.end > e.start && e.text === '';
}

/** Validates, sorts and checks edits under the rule above; the result can be applied as it is. */
export function prepareEdits(text: string, edits: readonly Edit[]): PreparedEdits {
  const r = checkEdits(text, edits);
  return r.ok ? r : { ok: false, message: r.message, offsets: r.offsets };
}

function checkEdits(text: string, edits: readonly Edit[]): PreparedEdits | { ok: false; message: string; offsets: number[]; conflict: [Edit, Edit] } {
  for (const e of edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > text.length || typeof e.text !== 'string') {
      return { ok: false, message: `an edit has an invalid range [${e.start}, ${e.end}) for a text of ${text.length} characters`, offsets: [] };
    }
  }
  const indexed = edits.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => a.e.start - b.e.start || (a.e.end - a.e.start) - (b.e.end - b.e.start) || a.i - b.i);
  const out: Edit[] = [];
  next: for (const { e } of indexed) {
    for (let k = out.length - 1; k >= 0 && out[k].start === e.start; k--) {
      if (out[k].end === e.end && out[k].text === e.text) continue next;
    }
    // A removal that starts where shorter removals start takes them in.
    if (isRemoval(e)) {
      while (out.length && isRemoval(out[out.length - 1]) && out[out.length - 1].start >= e.start && out[out.length - 1].end <= e.end) out.pop();
    }
    const prev = out.at(-1);
    if (prev && e.start < prev.end) {
      if (isRemoval(prev) && isRemoval(e) && e.end <= prev.end) continue;
      return { ok: false, message: 'the codemod proposed overlapping edits', offsets: [prev.start, e.start], conflict: [prev, e] };
    }
    out.push(e);
  }
  return { ok: true, edits: out };
}

/** Line breaks in inserted text follow the file. */
export function withEol(text: string, eol: Eol): string {
  return text.replace(/\r?\n/g, eol);
}

/**
 * Applies edits (the rule above) to `text`, writing line breaks of inserted text with `eol`;
 * without `eol`, inserted text is written as given. Throws `OverlappingEditsError` when the
 * edits conflict.
 */
export function applyEdits(text: string, edits: readonly Edit[], eol?: Eol): string {
  const prepared = checkEdits(text, edits);
  if (!prepared.ok) {
    if ('conflict' in prepared) throw new OverlappingEditsError(...prepared.conflict);
    throw new RangeError(prepared.message);
  }
  return spliceEdits(text, 0, text.length, prepared.edits, eol);
}

/**
 * The text of `[start, end)` with sorted, non-overlapping edits inside it applied (an edit that
 * starts before the previous one ended is skipped).
 */
export function spliceEdits(text: string, start: number, end: number, sorted: readonly Edit[], eol?: Eol): string {
  let out = '';
  let pos = start;
  for (const e of sorted) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + (eol ? withEol(e.text, eol) : e.text);
    pos = e.end;
  }
  return out + text.slice(pos, end);
}

/** Where an offset of the text before prepared edits lands after them (inside a replacement: its start). */
export function mapOffset(offset: number, prepared: readonly Edit[], eol?: Eol): number {
  let shift = 0;
  for (const e of prepared) {
    if (e.start > offset || (e.start === offset && e.end > e.start)) break;
    if (offset < e.end) return e.start + shift;
    shift += (eol ? withEol(e.text, eol) : e.text).length - (e.end - e.start);
  }
  return offset + shift;
}

/**
 * Whether `inner` lies inside `outer`, so that an edit built over `outer`'s range already holds
 * its effect: `outer` replaces something, the ranges differ, and an insertion counts only
 * strictly inside (one at a bound is beside the range, not in it).
 */
export function nestedIn(inner: Edit, outer: Edit): boolean {
  if (inner === outer || outer.end === outer.start) return false;
  if (inner.start < outer.start || inner.end > outer.end) return false;
  if (inner.start === inner.end) return inner.start > outer.start && inner.start < outer.end;
  return !(inner.start === outer.start && inner.end === outer.end);
}

/** The edits that lie inside no other edit of the list (order kept). */
export function outermostEdits(edits: readonly Edit[]): Edit[] {
  return edits.filter((e) => !edits.some((o) => o !== e && nestedIn(e, o)));
}

/** Sorted by start, then end (insertions before a replacement at the same offset); stable. */
export function byPosition(a: Edit, b: Edit): number {
  return a.start - b.start || a.end - b.end;
}
