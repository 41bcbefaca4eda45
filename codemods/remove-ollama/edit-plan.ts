/**
 * Edits that nest. Removing an Ollama branch rebuilds an `if` statement from pieces of the old
 * one, and those pieces may carry edits of their own (an import dropped inside the kept branch).
 * The plan keeps only outermost edits: an edit built with `render` absorbs the edits it rendered;
 * an edit inside an existing one is dropped. Callers add inner edits first (leaves before the
 * statements that contain them). Nesting, ordering and applying are the text kernel's.
 */
import { byPosition, nestedIn, spliceEdits, type Edit } from '../../src/text/edit.js';
import { lineEnd, lineStart, nextLineStart } from '../../src/text/lines.js';

export class EditPlan {
  private edits: Edit[] = [];

  constructor(readonly text: string) {}

  /** Whether an existing edit replaces all of [start, end). */
  covered(start: number, end: number): boolean {
    return this.edits.some((e) => e.end > e.start && e.start <= start && end <= e.end);
  }

  /**
   * Adds an edit. `rendered`: its text was built with `render` over its own range, so it absorbs
   * every edit in that range (insertions at its bounds included). Otherwise it absorbs edits
   * strictly inside it. Returns false, adding nothing, when the edit lies inside an existing edit
   * or partially overlaps one.
   */
  add(edit: Edit, rendered = false): boolean {
    for (const e of this.edits) {
      if (e.start === edit.start && e.end === edit.end) {
        if (e.text === edit.text) return true;
        if (!rendered) return false;
        continue;
      }
      if (nestedIn(edit, e)) return false;
    }
    const kept: Edit[] = [];
    for (const e of this.edits) {
      const absorbed = rendered
        ? e.start >= edit.start && e.end <= edit.end
        : nestedIn(e, edit);
      if (absorbed) continue;
      if (e.start < edit.end && edit.start < e.end) return false; // partial overlap
      kept.push(e);
    }
    kept.push(edit);
    this.edits = kept;
    return true;
  }

  /** The text of [start, end] with the edits inside it applied (insertions at the bounds included). */
  render(start: number, end: number): string {
    return spliceEdits(this.text, start, end, this.inside(start, end).sort(byPosition));
  }

  /** Edits inside [start, end]. */
  inside(start: number, end: number): Edit[] {
    return this.edits.filter((e) => e.start >= start && e.end <= end);
  }

  /** Replaces an edit already in the plan by another with the same range. */
  replace(edit: Edit, next: Edit): void {
    const i = this.edits.indexOf(edit);
    if (i >= 0) this.edits[i] = next;
  }

  list(): Edit[] {
    return [...this.edits].sort(byPosition);
  }

  get size(): number {
    return this.edits.length;
  }
}

function blankLineAt(text: string, ls: number): boolean {
  return ls < text.length && /^[ \t]*$/.test(text.slice(ls, lineEnd(text, ls)));
}

/**
 * Whole-line deletions separated only by blank lines become one deletion (with those lines), and a
 * deletion with blank lines on both sides takes as many of the following ones as there are before
 * it (at most), so removed code leaves the spacing the file had, not the sum of it.
 */
export function tidyBlankLines(text: string, plan: EditPlan): void {
  const wholeLines = (e: Edit) => e.text === '' && e.end > e.start && e.start === lineStart(text, e.start) && (e.end === text.length || text[e.end - 1] === '\n');
  const deletions = plan.list().filter(wholeLines);
  const groups: Array<{ start: number; end: number }> = [];
  for (const d of deletions) {
    const last = groups.at(-1);
    if (last) {
      let p = last.end;
      while (p < d.start && blankLineAt(text, p)) p = nextLineStart(text, p);
      if (p === d.start) { last.end = d.end; continue; }
    }
    groups.push({ start: d.start, end: d.end });
  }
  for (const g of groups) {
    let after = 0;
    for (let p = g.end; blankLineAt(text, p); p = nextLineStart(text, p)) after++;
    let before = 0;
    let b = g.start;
    while (b > 0 && blankLineAt(text, lineStart(text, b - 1))) { b = lineStart(text, b - 1); before++; }
    let start = g.start;
    let end = g.end;
    if (before > 0 && after > 0) {
      for (let i = 0; i < Math.min(before, after); i++) end = nextLineStart(text, end);
    } else if (after > 0 && (g.start === 0 || /:[ \t]*(#.*)?\r?\n$/.test(text.slice(lineStart(text, g.start - 1), g.start)))) {
      // At the top of the file or of a block: the blank lines that followed go too.
      for (let i = 0; i < after; i++) end = nextLineStart(text, end);
    } else if (before > 0 && g.end === text.length) {
      start = b;
    }
    if (start === g.start && end === g.end && plan.inside(g.start, g.end).every(wholeLines) && plan.inside(g.start, g.end).length <= 1) continue;
    const others = plan.inside(start, end).filter((e) => !wholeLines(e) && !(e.start === e.end && (e.start === start || e.start === end)));
    if (others.length > 0) continue;
    plan.add({ start, end, text: '' });
  }
}

/** Containment queries over many ranges: is [start, end) inside any of them? O(log n) each. */
export class RangeSet {
  private readonly starts: number[];
  private readonly maxEnds: number[];

  constructor(ranges: ReadonlyArray<{ start: number; end: number }>) {
    const sorted = ranges.filter((r) => r.end > r.start).map((r) => ({ start: r.start, end: r.end })).sort((a, b) => a.start - b.start);
    this.starts = sorted.map((r) => r.start);
    this.maxEnds = [];
    let max = -1;
    for (const r of sorted) { max = Math.max(max, r.end); this.maxEnds.push(max); }
  }

  contains(n: { start: number; end: number }): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= n.start) { idx = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return idx >= 0 && this.maxEnds[idx] >= n.end;
  }
}
