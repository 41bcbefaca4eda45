/**
 * Whether a file's edit only drops imported names the file itself never uses. Such an edit breaks
 * nothing in the file; whether another file can still reach the names (a star import, a name
 * table, a handed-out `globals()`) is the project step's question (unused-import-drops.ts).
 */
import type { TransformResult } from '../../../src/engine/types.js';
import type { PyContext } from './context.js';
import type { Removals } from './removals.js';

/** The names dropped, when every edit lies within import statements and drops names without a use; else undefined. */
export function unusedImportsDropped(ctx: PyContext, removals: Removals, edits: TransformResult['edits']): string[] | undefined {
  if (!edits?.length || removals.unconditional.length > 0) return undefined;
  const removed = removals.candidates.filter((c) => c.alive);
  if (removed.some((c) => c.importNames.length === 0 || c.statements.length > 0 || c.uses.length > 0)) return undefined;
  const { text } = ctx;
  const spans = [...ctx.nodes('import_statement'), ...ctx.nodes('import_from_statement')].map((s) => {
    const end = text.indexOf('\n', s.end);
    return { start: text.lastIndexOf('\n', s.start - 1) + 1, end: end === -1 ? text.length : end + 1 };
  });
  // Each edit rewrites or deletes import lines, with at most the blank lines around them.
  const withinImports = (e: { start: number; end: number; text: string }) => {
    if (spans.some((s) => s.start <= e.start && e.end <= s.end)) return true;
    if (e.text.trim() !== '') return false;
    let rest = text.slice(e.start, e.end);
    for (const s of spans.filter((x) => x.start >= e.start && x.end <= e.end).sort((a, b) => b.start - a.start)) {
      rest = rest.slice(0, s.start - e.start) + rest.slice(s.end - e.start);
    }
    return rest.trim() === '';
  };
  if (!edits.every(withinImports)) return undefined;
  return [...new Set(removed.map((c) => c.name))];
}
