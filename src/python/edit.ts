/**
 * Edits of Python source that keep the file's layout: whole-statement removal and insertion at
 * the statement's indentation, and import rewriting (dropping names, adding imports without
 * duplicates). Edits are produced with `\n`; the engine converts them to the file's line ending.
 */
import type { Edit } from '../engine/types.js';
import type { FileImports, ImportedName } from './imports.js';
import type { ScopeAnalysis } from './scopes.js';
import type { PyNode } from './tree.js';

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the line's `\n` (or of a `\r\n`), or the text's length on the last line. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

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
    const start = lineStart(text, statement.start);
    const endOfLine = text.indexOf('\n', statement.end);
    // A block's last statement keeps its line if it is the file's last line without a newline.
    return { start, end: endOfLine === -1 ? text.length : endOfLine + 1, text: '' };
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

/** Whether a list item stands alone on its line (only its comma and a comment after it). */
function itemOnOwnLine(text: string, item: PyNode): boolean {
  const before = text.slice(lineStart(text, item.start), item.start);
  const after = text.slice(item.end, lineEnd(text, item.end));
  return /^[ \t]*$/.test(before) && /^[ \t]*,?[ \t]*(#.*)?$/.test(after);
}

/**
 * Edits that remove some items of a comma-separated list (arguments, imported names), keeping
 * the other items with their comments. Items written one per line go with their whole lines;
 * otherwise each run of removed items goes with the commas that separate it.
 */
export function removeListItems(text: string, items: readonly PyNode[], drop: ReadonlySet<PyNode>): Edit[] {
  const edits: Edit[] = [];
  for (let i = 0; i < items.length; ) {
    if (!drop.has(items[i])) { i++; continue; }
    let j = i;
    while (j + 1 < items.length && drop.has(items[j + 1])) j++;
    const run = items.slice(i, j + 1);
    if (run.every((item) => itemOnOwnLine(text, item)) && (i > 0 || j + 1 < items.length)) {
      const end = text.indexOf('\n', items[j].end);
      edits.push({ start: lineStart(text, items[i].start), end: end === -1 ? text.length : end + 1, text: '' });
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

/** Whether `scope` already imports `name` from `module` under the same local name. */
export function hasFromImport(imports: FileImports, module: string, name: string, bound: string, scopeNode?: PyNode): boolean {
  return imports.names.some((i) => i.kind === 'from' && i.level === 0 && i.module === module && i.name === name
    && i.bound === bound && (!scopeNode || i.scope.node === scopeNode));
}

/**
 * Adds `from module import name [as alias]` at the top of the module, unless the module scope
 * already has it: merged into an existing single-line `from module import ...`, or on a new line
 * after the leading imports (after the docstring and `__future__` imports when there are none).
 */
export function addFromImport(text: string, analysis: ScopeAnalysis, imports: FileImports, module: string, name: string, alias?: string): Edit | undefined {
  const bound = alias ?? name;
  if (hasFromImport(imports, module, name, bound, analysis.module.node)) return undefined;
  const spelled = alias ? `${name} as ${alias}` : name;
  const topLevel = analysis.tree.root.namedChildren;
  const existing = imports.names.find((i: ImportedName) => i.kind === 'from' && i.level === 0 && i.module === module
    && i.statement.parent === analysis.tree.root && !i.statement.text.includes('(') && !i.statement.text.includes('\\'));
  if (existing) {
    const last = existing.statement.all('name').at(-1)!;
    return { start: last.end, end: last.end, text: `, ${spelled}` };
  }
  const line = `from ${module} import ${spelled}`;
  let anchor: PyNode | undefined;
  for (const s of topLevel) {
    if (s.type === 'comment') continue;
    if (s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') { anchor = s; continue; }
    if (!anchor && s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string' && s === topLevel.find((t) => t.type !== 'comment')) { anchor = s; continue; }
    break;
  }
  if (anchor) return insertLinesAfter(text, anchor, [line]);
  // No imports and no docstring: after leading comments (shebang, encoding line, licence).
  let offset = 0;
  const leading = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(text)![0];
  offset = leading.length;
  return { start: offset, end: offset, text: `${line}\n` };
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
    const inside = this.edits
      .filter((e) => e.start >= node.start && e.end <= node.end && !(e.start === e.end && (e.start === node.start || e.start === node.end))
        && !(e.start === node.start && e.end === node.end))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let pos = node.start;
    for (const e of outermost(inside)) {
      out += this.source.slice(pos, e.start) + e.text;
      pos = e.end;
    }
    return out + this.source.slice(pos, node.end);
  }

  /** The edits without those inside larger replacements. */
  finish(): Edit[] {
    return outermost(this.edits);
  }
}

function contains(outer: Edit, inner: Edit): boolean {
  if (outer === inner || outer.end === outer.start) return false;
  if (inner.start < outer.start || inner.end > outer.end) return false;
  if (inner.start === inner.end) return inner.start > outer.start && inner.start < outer.end;
  // Two replacements of the same range are a planning conflict: both stay, and the engine refuses them.
  return !(inner.start === outer.start && inner.end === outer.end);
}

function outermost(edits: readonly Edit[]): Edit[] {
  return edits.filter((e) => !edits.some((o) => o !== e && contains(o, e)));
}
