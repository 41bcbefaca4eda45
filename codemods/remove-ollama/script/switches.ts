/**
 * Provider switches: `if` statements and ternaries whose condition compares with Ollama lose their
 * Ollama branch (or the Ollama part of the condition); where Ollama is the default, they are
 * left in place and reported.
 */
import { lineStart, nextLineStart } from '../../../src/text/lines.js';
import type { EditPlan } from '../edit-plan.js';
import { isOllamaValue } from '../names.js';
import { evaluate } from './conditions.js';
import { literalValue, type NodesOfKind, type Range } from './nodes.js';
import { statementRange } from './removal.js';
import { Node, SyntaxKind } from './ts-morph.js';

type IfSwitch = { node: Node; kept: 'then' | 'else' | 'none' | 'cond'; cond?: string };
type TernarySwitch = { node: Node; keep?: Node; cond?: string };

export interface Switches {
  ifs: IfSwitch[];
  ternaries: TernarySwitch[];
  /** What the switches remove: conditions and dropped branches. */
  fixed: Range[];
  /** Switches whose Ollama branch is the default path: left in place and reported. */
  defaults: Array<{ node: Node; at: Node }>;
}

/** The switches of a file and what of each stays. */
export function planSwitches(ofKind: NodesOfKind, render: (n: Node) => string): Switches {
  const declarations = new Map<string, Node[]>();
  for (const d of ofKind(SyntaxKind.VariableDeclaration)) {
    if (!Node.isVariableDeclaration(d)) continue;
    const init = d.getInitializer();
    if (!init) continue;
    const list = declarations.get(d.getName()) ?? [];
    list.push(init);
    declarations.set(d.getName(), list);
  }
  const ifs: IfSwitch[] = [];
  const ternaries: TernarySwitch[] = [];
  const fixed: Range[] = [];
  const defaults: Array<{ node: Node; at: Node }> = [];
  for (const s of ofKind(SyntaxKind.IfStatement) as Array<import('ts-morph').IfStatement>) {
    const atoms: Node[] = [];
    const t = evaluate(s.getExpression(), render, atoms);
    if (atoms.length === 0) continue;
    const def = atoms.map((a) => ollamaDefault(a)).find(Boolean);
    if (def) { defaults.push({ node: s, at: def }); continue; }
    const thenS = s.getThenStatement();
    const elseS = s.getElseStatement();
    if (t.kind === 'const') {
      if (t.value) {
        ifs.push({ node: s, kept: 'then' });
        if (elseS) fixed.push({ start: elseS.getStart(), end: elseS.getEnd() });
      } else {
        ifs.push({ node: s, kept: elseS ? 'else' : 'none' });
        fixed.push({ start: s.getExpression().getStart(), end: thenS.getEnd() });
      }
    } else if (t.changed) {
      ifs.push({ node: s, kept: 'cond', cond: t.text });
      for (const a of atoms) fixed.push({ start: a.getStart(), end: a.getEnd() });
    }
  }
  for (const c of ofKind(SyntaxKind.ConditionalExpression) as Array<import('ts-morph').ConditionalExpression>) {
    const atoms: Node[] = [];
    const t = evaluate(c.getCondition(), render, atoms);
    if (atoms.length === 0) continue;
    if (t.kind === 'const') {
      const keep = t.value ? c.getWhenTrue() : c.getWhenFalse();
      const drop = t.value ? c.getWhenFalse() : c.getWhenTrue();
      ternaries.push({ node: c, keep });
      fixed.push({ start: c.getCondition().getStart(), end: c.getCondition().getEnd() }, { start: drop.getStart(), end: drop.getEnd() });
    } else if (t.changed) {
      ternaries.push({ node: c, cond: t.text });
    }
  }
  return { ifs, ternaries, fixed, defaults };

  function ollamaDefault(atom: Node): Node | undefined {
    if (!Node.isBinaryExpression(atom)) return undefined;
    const subject = literalValue(atom.getLeft()) !== undefined ? atom.getRight() : atom.getLeft();
    if (!Node.isIdentifier(subject)) return undefined;
    for (const init of declarations.get(subject.getText()) ?? []) {
      const values = Node.isBinaryExpression(init) && /^(\|\||\?\?)$/.test(init.getOperatorToken().getText()) ? [init.getRight()] : [init];
      for (const v of values) {
        const lv = literalValue(v);
        if (lv !== undefined && isOllamaValue(lv)) return v;
      }
    }
    return undefined;
  }
}

/** The kept parts of the switches, outermost first (a switch inside removed code is left to go with it). */
export function rebuildSwitches(text: string, plan: EditPlan, { ifs, ternaries }: Switches): void {
  const rebuilds = [...ifs.map((d) => ({ node: d.node, run: () => rebuildIf(text, plan, d) })), ...ternaries.map((d) => ({ node: d.node, run: () => rebuildTernary(plan, d) }))];
  rebuilds.sort((a, b) => a.node.getStart() - b.node.getStart() || b.node.getEnd() - a.node.getEnd());
  for (const r of rebuilds) {
    if (plan.covered(r.node.getStart(), r.node.getEnd())) continue;
    r.run();
  }
}

function blockContent(text: string, plan: EditPlan, block: Node, indent: string): string {
  if (!Node.isBlock(block)) return plan.render(block.getStart(), block.getEnd());
  const statements = block.getStatements();
  if (statements.length === 0) return '';
  const first = statements[0];
  const from = lineStart(text, first.getStart());
  const bodyIndent = /^[ \t]*/.exec(text.slice(from))![0];
  const k = bodyIndent.length - indent.length;
  const end = statements.at(-1)!.getEnd();
  const templates = block.getDescendants().filter((d) => Node.isTemplateExpression(d) || Node.isNoSubstitutionTemplateLiteral(d));
  if (k > 0 && bodyIndent.startsWith(indent)) {
    for (let ls = from; ls < end; ls = nextLineStart(text, ls)) {
      if (templates.some((t) => t.getStart() < ls && ls < t.getEnd())) continue;
      if (text.slice(ls, ls + k) === bodyIndent.slice(indent.length)) plan.add({ start: ls, end: ls + k, text: '' });
    }
  }
  return plan.render(from, end).replace(/^[ \t]*/, '');
}

function rebuildIf(text: string, plan: EditPlan, d: IfSwitch): void {
  const s = d.node;
  if (!Node.isIfStatement(s)) return;
  const start = s.getStart();
  const end = s.getEnd();
  const indent = /^[ \t]*/.exec(text.slice(lineStart(text, start)))![0];
  if (d.kept === 'cond') {
    const e = s.getExpression();
    plan.add({ start: e.getStart(), end: e.getEnd(), text: d.cond! }, true);
    return;
  }
  if (d.kept === 'none') {
    const parent = s.getParent();
    if (parent && (Node.isBlock(parent) || Node.isSourceFile(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent))) {
      plan.add({ ...statementRange(text, s, false), text: '' });
    } else plan.add({ start, end, text: '{}' });
    return;
  }
  const branch = d.kept === 'then' ? s.getThenStatement() : s.getElseStatement()!;
  if (Node.isIfStatement(branch)) {
    plan.add({ start, end, text: plan.render(branch.getStart(), branch.getEnd()) }, true);
    return;
  }
  const parent = s.getParent();
  const inBlock = parent && (Node.isBlock(parent) || Node.isSourceFile(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent));
  if (!inBlock || (Node.isBlock(branch) && branch.getStatements().some((st) => Node.isVariableStatement(st) && st.getDeclarationKind() !== 'var'))) {
    // A block with its own let/const keeps its braces (scoping), as does a branch in statement position.
    plan.add({ start, end, text: plan.render(branch.getStart(), branch.getEnd()) }, true);
    return;
  }
  const content = blockContent(text, plan, branch, indent);
  if (content === '') {
    plan.add({ ...statementRange(text, s, false), text: '' });
    return;
  }
  plan.add({ start, end, text: content }, true);
}

function rebuildTernary(plan: EditPlan, d: TernarySwitch): void {
  if (d.keep) {
    plan.add({ start: d.node.getStart(), end: d.node.getEnd(), text: plan.render(d.keep.getStart(), d.keep.getEnd()) }, true);
    return;
  }
  if (d.cond && Node.isConditionalExpression(d.node)) {
    const c = d.node.getCondition();
    plan.add({ start: c.getStart(), end: c.getEnd(), text: d.cond }, true);
  }
}
