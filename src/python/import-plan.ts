/**
 * The one place that decides where a new Python `from module import name` goes: merged into an
 * existing one-line `from module import ...` of the module scope when there is one, never
 * duplicating a name the module already imports, else on a new line after the module's last
 * top-level import (after the docstring or the leading comments when it has none).
 */
import type { Edit } from '../text/edit.js';
import { nextLineStart } from '../text/lines.js';
import type { FileImports } from './imports.js';
import type { ScopeAnalysis } from './scopes.js';
import type { PyNode } from './tree.js';

export interface WantedImport {
  module: string;
  name: string;
  alias?: string;
}

export interface ImportPlan {
  /** Names appended to existing `from module import ...` statements. */
  merges: Edit[];
  /** New import lines (without line breaks), in the order the modules were asked for, names sorted. */
  lines: string[];
  /** Where new lines go: the start of a line (or the end of a text without a final line break). */
  at: number;
}

const IMPORT_STATEMENTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** Where new top-level imports go: after the last top-level import, else after the docstring, else after leading comments. */
export function importInsertionPoint(text: string, analysis: ScopeAnalysis): number {
  const top = analysis.tree.root.namedChildren;
  const lastImport = top.filter((s) => IMPORT_STATEMENTS.has(s.type)).at(-1);
  if (lastImport) return nextLineStart(text, lastImport.end);
  const first = top.find((t) => t.type !== 'comment');
  if (first && first.type === 'expression_statement' && first.namedChildren[0]?.type === 'string') return nextLineStart(text, first.end);
  // No imports and no docstring: after leading comments (shebang, encoding line, licence).
  return /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text)![0].length;
}

/**
 * Plans `wanted`. `dropped` names import nodes (alias or dotted names) that other edits remove:
 * they neither count as the name being imported nor take merged names.
 */
export function planFromImports(text: string, analysis: ScopeAnalysis, imports: FileImports, wanted: readonly WantedImport[], dropped: (n: PyNode) => boolean = () => false): ImportPlan {
  const byModule = new Map<string, string[]>();
  for (const w of wanted) {
    const bound = w.alias ?? w.name;
    const has = imports.names.some((i) => i.kind === 'from' && i.level === 0 && i.module === w.module && i.name === w.name
      && i.bound === bound && i.scope === analysis.module && !dropped(i.node));
    const spelled = w.alias ? `${w.name} as ${w.alias}` : w.name;
    const names = byModule.get(w.module) ?? [];
    if (!has && !names.includes(spelled)) names.push(spelled);
    byModule.set(w.module, names);
  }
  const merges: Edit[] = [];
  const lines: string[] = [];
  for (const [module, names] of byModule) {
    if (names.length === 0) continue;
    const existing = imports.names.find((i) => i.kind === 'from' && i.level === 0 && i.module === module && i.statement.parent === analysis.tree.root
      && !i.statement.text.includes('(') && !i.statement.text.includes('\\') && !i.statement.all('name').every((n) => dropped(n)));
    if (existing) {
      const last = existing.statement.all('name').at(-1)!;
      merges.push({ start: last.end, end: last.end, text: names.map((n) => `, ${n}`).join('') });
      continue;
    }
    lines.push(`from ${module} import ${[...names].sort().join(', ')}`);
  }
  return { merges, lines, at: importInsertionPoint(text, analysis) };
}

/** The text that inserts `block` (whole lines, each ending in `\n`) at `at`: on a line of its own also at the end of a text without a final line break. */
export function insertedLines(text: string, at: number, block: string): Edit {
  return { start: at, end: at, text: at === text.length && text.length > 0 && !text.endsWith('\n') ? `\n${block}` : block };
}
