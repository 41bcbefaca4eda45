/**
 * Lines and positions in decoded text. Offsets are JavaScript string indices; lines and columns
 * are 1-based, and a column counts characters (code points), so an emoji is one column, as
 * editors show it. A line ends at `\n`; a `\r` before it belongs to the line break.
 */
import type { Eol } from './edit.js';

export const BOM = '\uFEFF';

/** The text without a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The dominant line ending (`\n` when there is none, or as many of each). */
export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the line's break (its `\r\n` or `\n`), or the text's length on the last line. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The start of the line after the one holding `offset` (the text's length on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The whole lines that hold `[start, end)`, with the last line's break: what removing those lines removes. */
export function wholeLines(text: string, start: number, end = start): { start: number; end: number } {
  return { start: lineStart(text, start), end: nextLineStart(text, end) };
}

/** The text of the line holding `offset`, without its line break. */
export function lineTextAt(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), lineEnd(text, offset));
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

/** The 1-based line number of an offset. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** 1-based line and column (in characters) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const start = lineStart(text, offset);
  return { line: lineNumberAt(text, offset), column: [...text.slice(start, offset)].length + 1 };
}

/** The offset of a 1-based line and column (in characters); past the end: the line's end or the text's. */
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

/** Line starts computed once, for many position lookups in one text (binary search). */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Offsets where lines start (the first is 0). */
  lineStarts(): readonly number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  /** 0-based index of the line holding `offset`. */
  lineIndexAt(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; column: number } {
    const i = this.lineIndexAt(offset);
    return { line: i + 1, column: [...this.text.slice(this.lineStarts()[i], offset)].length + 1 };
  }
}
