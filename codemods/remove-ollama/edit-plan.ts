/**
 * Edits that nest. Removing an Ollama branch rebuilds an `if` statement from pieces of the old
 * one, and those pieces may carry edits of their own (an import dropped inside the kept branch).
 * The plan keeps only outermost edits: an edit built with `render` absorbs the edits it rendered;
 * an edit inside an existing one is dropped. Callers add inner edits first (leaves before the
 * statements that contain them).
 */
import type { Edit } from '../../src/engine/types.js';

function strictlyInside(inner: Edit, outer: Edit): boolean {
  if (outer.end === outer.start) return false;
  if (inner.start === inner.end) return inner.start > outer.start && inner.start < outer.end;
  return outer.start <= inner.start && inner.end <= outer.end;
}

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
      if (strictlyInside(edit, e)) return false;
    }
    const kept: Edit[] = [];
    for (const e of this.edits) {
      const absorbed = rendered
        ? e.start >= edit.start && e.end <= edit.end
        : strictlyInside(e, edit);
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
    const inner = this.edits.filter((e) => e.start >= start && e.end <= end).sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let pos = start;
    for (const e of inner) {
      if (e.start < pos) continue;
      out += this.text.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    return out + this.text.slice(pos, end);
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
    return [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  }

  get size(): number {
    return this.edits.length;
  }
}
