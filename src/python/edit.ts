/**
 * Edits of Python source that keep the file's layout: whole-statement removal and insertion at
 * the statement's indentation, and import rewriting (dropping names, adding imports without
 * duplicates). Edits are produced with `\n`; the engine converts them to the file's line ending.
 */
import { byPosition, nestedIn, outermostEdits, spliceEdits, type Edit } from '../text/edit.js';
import { indentationAt, lineEnd, lineStart, nextLineStart } from '../text/lines.js';
import { removeSeparatedItems } from '../text/separated.js';
import type { FileImports } from './imports.js';
import { insertedLines, planFromImports } from './import-plan.js';
import type { ScopeAnalysis } from './scopes.js';
import type { PyNode } from './tree.js';

export { indentationAt, lineEnd, lineStart };

/** Whether only whitespace precedes the node on its first line and only whitespace or a comment follows it on its last. */
export function isAloneOnLines(text: string, node: PyNode): boolean {
  const before = text.slice(lineStart(text, node.start), node.start);
  const after = text.slice(node.end, lineEnd(text, node.end));
  return /^[ \t]*$/.test(before) && /^[ \t]*(#.*)?$/.test(after);
}

/** The statement-level ancestor (a direct child of a block or the module) of a node. */
export function enclosingStatement(node: PyNode): PyNode | undefined {
  for (let n: PyNode | null = node; n; n = n.parent) {
    const p = n.parent;
    if (p && (p.type === 'block' || p.type === 'module') && n.named && n.type !== 'comment') return n;
  }
  return undefined;
}

/** Statements of the block (or module) that holds `statement`, comments excluded. */
function siblingStatements(statement: PyNode): PyNode[] {
  return statement.parent ? statement.parent.namedChildren : [statement];
}

/**
 * Removes a statement. Alone on its lines, the lines go; after `;` or before one, only the
 * statement and its separator. A block left empty gets `pass`.
 */
export function removeStatement(text: string, statement: PyNode): Edit {
  const siblings = siblingStatements(statement);
  if (siblings.length === 1 && statement.parent?.type === 'block') {
    return { start: statement.start, end: statement.end, text: 'pass' };
  }
  if (isAloneOnLines(text, statement)) {
    return { start: lineStart(text, statement.start), end: nextLineStart(text, statement.end), text: '' };
  }
  const after = /^[ \t]*;[ \t]*/.exec(text.slice(statement.end));
  if (after) return { start: statement.start, end: statement.end + after[0].length, text: '' };
  const before = /[ \t]*;[ \t]*$/.exec(text.slice(lineStart(text, statement.start), statement.start));
  if (before) return { start: statement.start - before[0].length, end: statement.end, text: '' };
  return { start: statement.start, end: statement.end, text: 'pass' };
}

/** Inserts lines after a statement, at its indentation. */
export function insertLinesAfter(text: string, statement: PyNode, lines: readonly string[]): Edit {
  const indent = indentationAt(text, statement.start);
  const end = lineEnd(text, statement.end);
  return { start: end, end, text: lines.map((l) => `\n${indent}${l}`).join('') };
}

/** Inserts lines before a statement, at its indentation (the statement must start its line). */
export function insertLinesBefore(text: string, statement: PyNode, lines: readonly string[]): Edit {
  const indent = indentationAt(text, statement.start);
  return { start: statement.start, end: statement.start, text: lines.map((l) => `${l}\n${indent}`).join('') };
}

/**
 * Edits that remove some items of a comma-separated list (arguments, imported names), keeping
 * the other items with their comments. Items written one per line go with their whole lines;
 * otherwise each run of removed items goes with the commas that separate it.
 */
export function removeListItems(text: string, items: readonly PyNode[], drop: ReadonlySet<PyNode>): Edit[] {
  return removeSeparatedItems(text, items, (item) => drop.has(item));
}

/**
 * Rewrites one import statement: drops the given names (alias or dotted-name nodes of the
 * statement) and puts `add` (whole import lines) in its place, at its indentation. Names that
 * stay keep their text and comments. Returns the edits; none when there is nothing to do.
 */
export function rewriteImport(text: string, statement: PyNode, drop: readonly PyNode[], add: readonly string[]): Edit[] {
  const names = statement.all('name');
  const dropIds = new Set(drop.map((d) => d.id));
  const kept = names.filter((n) => !dropIds.has(n.id));
  if (kept.length === 0) {
    if (add.length === 0) return [removeStatement(text, statement)];
    const indent = indentationAt(text, statement.start);
    return [{ start: statement.start, end: statement.end, text: add.join(`\n${indent}`) }];
  }
  const edits = removeListItems(text, names, new Set(names.filter((n) => dropIds.has(n.id))));
  if (add.length > 0) edits.push(insertLinesAfter(text, statement, add));
  return edits;
}

/**
 * Adds `from module import name [as alias]` to the module unless its scope already has it, as the
 * import planner places it (src/python/import-plan.ts): merged into an existing single-line
 * `from module import ...`, or on a new line after the module's imports.
 */
export function addFromImport(text: string, analysis: ScopeAnalysis, imports: FileImports, module: string, name: string, alias?: string): Edit | undefined {
  const plan = planFromImports(text, analysis, imports, [{ module, name, alias }]);
  if (plan.merges.length) return plan.merges[0];
  return plan.lines.length ? insertedLines(text, plan.at, `${plan.lines[0]}\n`) : undefined;
}

/** A local name not used anywhere in the file (`base`, then `base_2`, `base_3`...). */
export function freshName(analysis: ScopeAnalysis, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set<string>([...taken]);
  for (const r of analysis.references.values()) used.add(r.name);
  for (const s of analysis.scopes) for (const name of s.bindings.keys()) used.add(name);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * Edits collected while planning a rewrite, for rewrites that nest: `render` gives a node's text
 * with the edits inside it applied (to build an outer replacement from rewritten parts), and
 * `finish` drops edits that lie inside a larger replacement (their effect is in its text).
 */
export class EditSet {
  readonly edits: Edit[] = [];

  constructor(readonly source: string) {}

  add(...edits: Edit[]): void {
    this.edits.push(...edits);
  }

  replace(node: { start: number; end: number }, text: string): void {
    this.edits.push({ start: node.start, end: node.end, text });
  }

  /** The text of [start, end) with the edits strictly inside it applied. */
  render(node: { start: number; end: number }): string {
    const range: Edit = { start: node.start, end: node.end, text: '' };
    const inside = this.edits.filter((e) => nestedIn(e, range)).sort(byPosition);
    return spliceEdits(this.source, node.start, node.end, outermostEdits(inside));
  }

  /**
   * The edits without those inside larger replacements. Two replacements of the same range are a
   * planning conflict: both stay, and applying them refuses them.
   */
  finish(): Edit[] {
    return outermostEdits(this.edits);
  }
}
