/** Range edits on text, ESLint-fixer style: the caller proposes, this layer refuses overlaps. */

export interface TextEdit {
  /** UTF-16 offsets into the text as read (JavaScript string indices). */
  start: number;
  end: number;
  text: string;
}

export class OverlappingEditsError extends Error {
  constructor(readonly first: TextEdit, readonly second: TextEdit) {
    super(`overlapping edits at ${first.start}-${first.end} and ${second.start}-${second.end}`);
  }
}

/** Applies edits to `text`; overlapping ranges are an error, never silently dropped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    // Two insertions at one point are ambiguous too.
    if (cur.start < prev.end || (cur.start === prev.start && cur.end === prev.end && prev.start === prev.end)) {
      throw new OverlappingEditsError(prev, cur);
    }
  }
  let out = '';
  let pos = 0;
  for (const edit of sorted) {
    out += text.slice(pos, edit.start) + edit.text;
    pos = edit.end;
  }
  return out + text.slice(pos);
}
