/**
 * Removing items of a comma-separated list (call arguments, imported names, list, tuple and
 * dictionary elements, TOML array items) with their separators, keeping the other items and
 * their comments as written.
 */
import type { Edit } from './edit.js';
import { lineEnd, lineStart, nextLineStart } from './lines.js';

export interface Span {
  start: number;
  end: number;
}

export interface SeparatedRemovalOptions {
  /**
   * When the removed items stand alone on their lines (only their comma and a comment after
   * them), those lines go: `'always'`, or `'unlessAll'` (not when every item goes, the caller
   * then removes the whole list). Default `'unlessAll'`; `'never'` removes only item text.
   */
  wholeLines?: 'always' | 'unlessAll' | 'never';
}

/** Whether an item stands alone on its line: whitespace before it, only its comma and a comment after. */
export function itemOnOwnLine(text: string, item: Span): boolean {
  const before = text.slice(lineStart(text, item.start), item.start);
  const after = text.slice(item.end, lineEnd(text, item.end));
  return /^[ \t]*$/.test(before) && /^[ \t]*,?[ \t]*(#.*)?$/.test(after);
}

/**
 * Edits that remove the items `drop` picks. Each run of removed items goes with the separator
 * after it (up to the next kept item); a run at the end takes the separator before it instead,
 * so a trailing comma the list had stays where it was; items alone on their lines take the lines.
 * Runs are removed whole, so the edits never overlap.
 */
export function removeSeparatedItems<T extends Span>(text: string, items: readonly T[], drop: (item: T, index: number) => boolean, options: SeparatedRemovalOptions = {}): Edit[] {
  const wholeLines = options.wholeLines ?? 'unlessAll';
  const edits: Edit[] = [];
  for (let i = 0; i < items.length;) {
    if (!drop(items[i], i)) { i++; continue; }
    let j = i;
    while (j + 1 < items.length && drop(items[j + 1], j + 1)) j++;
    const run = items.slice(i, j + 1);
    const others = i > 0 || j + 1 < items.length;
    if (wholeLines !== 'never' && (others || wholeLines === 'always') && run.every((item) => itemOnOwnLine(text, item))) {
      edits.push({ start: lineStart(text, items[i].start), end: nextLineStart(text, items[j].end), text: '' });
    } else if (j + 1 < items.length) {
      edits.push({ start: items[i].start, end: items[j + 1].start, text: '' });
    } else if (i > 0) {
      edits.push({ start: items[i - 1].end, end: items[j].end, text: '' });
    } else {
      edits.push({ start: items[0].start, end: items[items.length - 1].end, text: '' });
    }
    i = j + 1;
  }
  return edits;
}
