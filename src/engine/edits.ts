/**
 * The engine's side of edits: validated, sorted, checked for overlaps (refused, never dropped),
 * applied with the file's line ending, and offsets mapped through them (for review items).
 */
import type { Edit } from './types.js';

export type PreparedEdits = { ok: true; edits: Edit[] } | { ok: false; message: string; offsets: number[] };

/**
 * Sorts edits and refuses overlaps. Identical duplicates collapse; several insertions at one
 * offset keep the order the codemod gave; an insertion at a replacement's start goes first.
 */
export function prepareEdits(text: string, edits: readonly Edit[]): PreparedEdits {
  for (const e of edits) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > text.length || typeof e.text !== 'string') {
      return { ok: false, message: `an edit has an invalid range [${e.start}, ${e.end}) for a text of ${text.length} characters`, offsets: [] };
    }
  }
  const indexed = edits.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => a.e.start - b.e.start || (a.e.end - a.e.start) - (b.e.end - b.e.start) || a.i - b.i);
  const out: Edit[] = [];
  for (const { e } of indexed) {
    const prev = out.at(-1);
    if (prev && prev.start === e.start && prev.end === e.end && prev.text === e.text) continue;
    if (prev && e.start < prev.end) {
      return { ok: false, message: 'the codemod proposed overlapping edits', offsets: [prev.start, e.start] };
    }
    out.push(e);
  }
  return { ok: true, edits: out };
}

/** Line breaks in inserted text follow the file. */
function withEol(text: string, eol: string): string {
  return text.replace(/\r?\n/g, eol);
}

/** Applies prepared (sorted, non-overlapping) edits. */
export function applyEdits(text: string, edits: readonly Edit[], eol: '\n' | '\r\n'): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + withEol(e.text, eol);
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Where an offset of the text before the edits lands after them (inside a replacement: its start). */
export function mapOffset(offset: number, edits: readonly Edit[], eol: '\n' | '\r\n'): number {
  let shift = 0;
  for (const e of edits) {
    if (e.start > offset || (e.start === offset && e.end > e.start)) break;
    if (offset < e.end) return e.start + shift;
    shift += withEol(e.text, eol).length - (e.end - e.start);
  }
  return offset + shift;
}

/** The offset of a 1-based line and column (in characters). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  let col = 1;
  while (col < column && offset < text.length && text[offset] !== '\n') {
    const cp = text.codePointAt(offset)!;
    offset += cp > 0xffff ? 2 : 1;
    col++;
  }
  return offset;
}

/** 1-based line and column (in characters) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}
