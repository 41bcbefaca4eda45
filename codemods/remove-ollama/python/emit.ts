/**
 * Decisions to edits, keeping the file's layout: whole lines go with the statements on them
 * (with the comments that belong to them), an emptied block gets `pass`, a lone remaining `else`
 * body is dedented into the place of its `if`, and an `elif` that becomes first is spelled `if`.
 */
import { indentationAt, isAloneOnLines, lineEnd, lineStart, removeStatement, rewriteImport } from '../../../src/python/edit.js';
import type { PyNode } from '../../../src/python/tree.js';
import { nextLineStart } from '../../../src/text/lines.js';
import { itemOnOwnLine, removeSeparatedItems } from '../../../src/text/separated.js';
import { mentionsOllama } from '../names.js';
import { tidyBlankLines } from '../edit-plan.js';
import type { PyContext } from './context.js';
import { evaluate } from './conditions.js';
import type { Removals } from './removals.js';
import type { Clause, IfDecision, SwitchDecisions, TernaryDecision } from './switches.js';

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

function statementsOf(block: PyNode): PyNode[] {
  return block.namedChildren;
}

/** The blocks of a compound statement (its bodies and its clauses' bodies). */
function blocksOf(statement: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (const c of statement.children) {
    if (c.type === 'block') out.push(c);
    else if (['except_clause', 'else_clause', 'finally_clause', 'elif_clause', 'except_group_clause'].includes(c.type)) {
      for (const d of c.children) if (d.type === 'block') out.push(d);
    }
  }
  return out;
}

function hasCall(node: PyNode | undefined): boolean {
  return !!node && node.find('call', 'await').length > 0;
}

function previousLine(text: string, start: number): { start: number; text: string } | undefined {
  if (start === 0) return undefined;
  const ls = lineStart(text, start - 1);
  return { start: ls, text: text.slice(ls, start).replace(/\r?\n$/, '') };
}

/**
 * The range a deleted statement takes: its lines, the comments attached above it (all of them for
 * a definition, those mentioning Ollama otherwise), and for a definition the blank lines before it
 * and a section comment about Ollama above those.
 */
export function deletionRange(text: string, statement: PyNode): { start: number; end: number } {
  const indent = indentationAt(text, statement.start);
  const isDef = DEFINITIONS.has(statement.type);
  let start = lineStart(text, statement.start);
  const isComment = (l: string) => new RegExp(`^${indent}#`).test(l) && /^[ \t]*#/.test(l) && indentationOf(l) === indent;
  for (let prev = previousLine(text, start); prev && isComment(prev.text) && (isDef || mentionsOllama(prev.text)); prev = previousLine(text, start)) {
    start = prev.start;
  }
  if (isDef) {
    for (;;) {
      let s = start;
      let prev = previousLine(text, s);
      while (prev && /^[ \t]*$/.test(prev.text)) { s = prev.start; prev = previousLine(text, s); }
      if (!prev) { start = s; break; }
      // Blank lines go only when something stays above them in the same block.
      if (indentationOf(prev.text).length < indent.length || /:\s*(#.*)?$/.test(prev.text) && indentationOf(prev.text).length < indent.length) break;
      start = s;
      // A section comment about Ollama right above: it goes too, with the blank lines above it.
      let c = start;
      let p = previousLine(text, c);
      const block: string[] = [];
      while (p && isComment(p.text)) { block.push(p.text); c = p.start; p = previousLine(text, c); }
      if (block.length > 0 && block.some(mentionsOllama) && (!p || /^[ \t]*$/.test(p.text))) { start = c; continue; }
      break;
    }
  }
  return { start, end: nextLineStart(text, lineEnd(text, statement.end)) };
}

function indentationOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

export function emitEdits(ctx: PyContext, switches: SwitchDecisions, removals: Removals): void {
  const { text, plan } = ctx;
  const deleted = new Set<PyNode>(removals.statements);

  // Import statements: names dropped, or the whole statement when none is left.
  for (const [statement, drop] of removals.importDrops) {
    if (deleted.has(statement)) continue;
    const names = statement.all('name');
    if (drop.length >= names.length) { deleted.add(statement); continue; }
    for (const e of rewriteImport(text, statement, drop, [])) plan.add(e);
  }

  // Provider list items, registry entries, keyword arguments.
  for (const item of switches.items) plan.add(itemRemoval(text, item));

  // Statements: escalate to the compound statement when all its blocks are emptied.
  const emptied = (block: PyNode) => statementsOf(block).length > 0 && statementsOf(block).every((s) => deleted.has(s));
  for (let changed = true; changed;) {
    changed = false;
    for (const s of [...deleted]) {
      const block = s.parent;
      const owner = block?.parent;
      if (block?.type !== 'block' || !owner || deleted.has(owner) || !emptied(block)) continue;
      const ownerStatement = owner.type === 'block' || owner.type === 'module' ? undefined
        : ['except_clause', 'else_clause', 'finally_clause', 'elif_clause'].includes(owner.type) ? owner.parent : owner;
      if (!ownerStatement || deleted.has(ownerStatement)) continue;
      if (ownerStatement.type === 'try_statement' && blocksOf(ownerStatement).every(emptied)) { deleted.add(ownerStatement); changed = true; }
      else if (ownerStatement.type === 'if_statement' && blocksOf(ownerStatement).every(emptied) && !hasCall(ownerStatement.get('condition'))
        && ownerStatement.all('alternative').every((a) => !hasCall(a.get('condition')))) { deleted.add(ownerStatement); changed = true; }
    }
  }
  const byBlock = new Map<PyNode, PyNode[]>();
  for (const s of deleted) {
    if ([...deleted].some((o) => o !== s && s.within(o))) continue;
    const list = byBlock.get(s.parent!) ?? [];
    list.push(s);
    byBlock.set(s.parent!, list);
  }
  for (const [block, list] of byBlock) {
    list.sort((a, b) => a.start - b.start);
    const all = block.type === 'block' && emptied(block);
    list.forEach((s, i) => {
      if (all && i === 0) { plan.add({ start: s.start, end: s.end, text: 'pass' }); return; }
      if (isAloneOnLines(text, s)) plan.add({ ...deletionRange(text, s), text: '' });
      else plan.add(removeStatement(text, s));
    });
  }

  for (const c of switches.cases) {
    if (isAloneOnLines(text, c)) plan.add({ ...deletionRange(text, c), text: '' });
  }
  tidyBlankLines(text, plan);

  // Rebuilds, outermost first: an inner one inside a rebuilt range waits for the next pass.
  const rebuilds: Array<{ node: PyNode; run: () => void }> = [
    ...switches.ifs.map((d) => ({ node: d.node, run: () => rebuildIf(ctx, d) })),
    ...switches.ternaries.map((d) => ({ node: d.node, run: () => rebuildTernary(ctx, d) })),
  ];
  rebuilds.sort((a, b) => a.node.start - b.node.start || b.node.end - a.node.end);
  for (const r of rebuilds) {
    if (plan.covered(r.node.start, r.node.end) || plan.inside(0, text.length).some((e) => e.end > e.start && e.start <= r.node.start && r.node.end <= e.end)) continue;
    if (rebuilds.some((o) => o !== r && r.node.within(o.node) && plan.inside(o.node.start, o.node.end).some((e) => e.start === o.node.start && e.end === o.node.end))) continue;
    r.run();
  }
}

/** Removes a list item, dictionary entry or keyword argument with its comma (its line when alone on it). */
function itemRemoval(text: string, item: PyNode): { start: number; end: number; text: string } {
  const parent = item.parent!;
  const siblings = parent.namedChildren;
  const i = siblings.indexOf(item);
  // Alone on its line (with its comma), the line goes; a comma left after the new last item is valid Python.
  const ownLine = itemOnOwnLine(text, item);
  if (!ownLine && parent.type === 'tuple' && siblings.length === 2) {
    // A tuple left with one element needs its comma: ("ollama", "openai") -> ("openai",)
    const next = siblings[i + 1];
    if (next && !/^\s*,/.test(text.slice(next.end))) return { start: item.start, end: next.end, text: text.slice(next.start, next.end) + ',' };
    const prev = siblings[i - 1];
    if (!next && prev && !/^\s*,/.test(text.slice(item.end))) return { start: prev.end, end: item.end, text: ',' };
  }
  return removeSeparatedItems(text, siblings, (_, k) => k === i, { wholeLines: 'always' })[0];
}

/** The end of the line holding a clause's colon (where its body region starts on the next line). */
function headerColon(clause: Clause): PyNode | undefined {
  const holder = clause.kind === 'if' ? clause.body.parent! : clause.body.parent!;
  const colons = holder.children.filter((c) => c.type === ':' && c.end <= clause.body.start);
  return colons.at(-1);
}

/** The body of a clause as text for the place of the whole statement: dedented, header comment kept. */
function promotedBody(ctx: PyContext, node: PyNode, clause: Clause): string | undefined {
  const { text, plan } = ctx;
  const colon = headerColon(clause);
  if (!colon) return undefined;
  const block = clause.body;
  const headerEnd = lineEnd(text, colon.end);
  if (block.start < headerEnd) return plan.render(block.start, block.end); // `else: x = 1`
  const regionStart = nextLineStart(text, colon.end);
  const headerComment = /#.*$/.exec(text.slice(colon.end, headerEnd).trim())?.[0];
  const ifIndent = indentationAt(text, node.start);
  const firstStatement = block.namedChildren[0] ?? block;
  const bodyIndent = indentationAt(text, firstStatement.start);
  const k = bodyIndent.length - ifIndent.length;
  if (k <= 0 || !bodyIndent.startsWith(ifIndent)) return undefined;
  const strings = node.find('string', 'concatenated_string').filter((s) => text.slice(s.start, s.end).includes('\n'));
  for (let ls = regionStart; ls < block.end; ls = nextLineStart(text, ls)) {
    if (strings.some((s) => s.start < ls && ls < s.end)) continue;
    const lead = text.slice(ls, ls + k);
    if (lead.length === k && /^[ \t]*$/.test(lead) && text.slice(ls, ls + k) === bodyIndent.slice(ifIndent.length)) plan.add({ start: ls, end: ls + k, text: '' });
  }
  const rendered = plan.render(regionStart, block.end).replace(/^(?:[ \t]*\r?\n)*[ \t]*/, '');
  if (headerComment && !mentionsOllama(headerComment)) return `${headerComment}\n${ifIndent}${rendered}`;
  return rendered;
}

function clauseCondition(ctx: PyContext, c: Clause): string {
  const e = evaluate(ctx, c.condition!, (n) => ctx.plan.render(n.start, n.end));
  if (e.truth.kind === 'expr') return e.truth.text;
  return ctx.plan.render(c.condition!.start, c.condition!.end);
}

function rebuildIf(ctx: PyContext, d: IfDecision): void {
  const { text, plan } = ctx;
  const node = d.node;
  const first = d.kept[0];
  if (first.always) {
    const body = promotedBody(ctx, node, first.clause);
    if (body === undefined) return;
    plan.add({ start: node.start, end: node.end, text: body }, true);
    return;
  }
  let out = '';
  d.kept.forEach((k, i) => {
    const c = k.clause;
    const idx = d.clauses.indexOf(c);
    if (i > 0) {
      const prevEnd = d.clauses[idx - 1].end;
      out += plan.render(prevEnd, c.start);
    } else if (c.kind !== 'if') {
      // Comments between the dropped clause and this one stay, above the new `if`.
      const sep = text.slice(d.clauses[idx - 1].end, c.start);
      const lines = sep.slice(sep.indexOf('\n') + 1);
      out += lines.replace(/^[ \t]*/, '');
    }
    if (c.kind === 'else') {
      out += 'else' + plan.render(c.keyword.end, c.end);
      return;
    }
    const cond = c.condition!;
    if (k.always) {
      out += 'else' + plan.render(cond.end, c.end);
      return;
    }
    const keyword = i === 0 ? 'if' : 'elif';
    const condition = k.condition !== undefined ? clauseCondition(ctx, c) : plan.render(cond.start, cond.end);
    out += keyword + text.slice(c.keyword.end, cond.start) + condition + plan.render(cond.end, c.end);
  });
  plan.add({ start: node.start, end: node.end, text: out }, true);
}

function rebuildTernary(ctx: PyContext, d: TernaryDecision): void {
  const { plan } = ctx;
  if (d.keep) {
    plan.add({ start: d.node.start, end: d.node.end, text: plan.render(d.keep.start, d.keep.end) }, true);
    return;
  }
  if (d.condition) {
    const e = evaluate(ctx, d.condition.node, (n) => plan.render(n.start, n.end));
    if (e.truth.kind === 'expr') plan.add({ start: d.condition.node.start, end: d.condition.node.end, text: e.truth.text }, true);
  }
}
