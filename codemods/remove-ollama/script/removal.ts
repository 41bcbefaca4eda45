/** Removing whole statements: their lines, the comments that belong to them, and blank lines around functions. */
import { lineEnd, lineStart, nextLineStart } from '../../../src/text/lines.js';
import type { EditPlan } from '../edit-plan.js';
import { mentionsOllama } from '../names.js';
import type { Candidate } from './candidates.js';
import { isFunctionLike, type Range } from './nodes.js';
import { Node } from './ts-morph.js';

function aloneOnLines(text: string, start: number, end: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, start), start)) && /^[ \t]*(\/\/.*)?\r?$/.test(text.slice(end, lineEnd(text, end)));
}

/** A removed statement's range: its lines, attached comments (Ollama ones, or all for a function), blank lines before a function. */
export function statementRange(text: string, statement: Node, isFunction: boolean): Range {
  const start = statement.getStart();
  const end = statement.getEnd();
  if (!aloneOnLines(text, start, end)) return { start, end };
  let from = lineStart(text, start);
  const comments = statement.getLeadingCommentRanges();
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i];
    const between = text.slice(c.getEnd(), from);
    const attached = !/\n[ \t]*\r?\n/.test(between);
    const about = mentionsOllama(c.getText());
    if (!(about || (attached && isFunction))) break;
    if (!/^[ \t]*$/.test(text.slice(lineStart(text, c.getPos()), c.getPos()))) break;
    from = lineStart(text, c.getPos());
  }
  if (isFunction) {
    // Blank lines before it go too, when a statement of the same block stays above them.
    let s = from;
    while (s > 0) {
      const prevStart = lineStart(text, s - 1);
      if (!/^[ \t]*\r?\n?$/.test(text.slice(prevStart, s))) break;
      s = prevStart;
    }
    const above = s > 0 ? text.slice(lineStart(text, s - 1), s).trim() : '';
    if (s > 0 && !/[{(\[]$/.test(above)) from = s;
  }
  return { start: from, end: nextLineStart(text, end) };
}

/** The statements of the candidates that stay removed (and their dependents, and element statements), with promise starts as `Promise.resolve()`. */
export function removeCandidates(text: string, plan: EditPlan, candidates: readonly Candidate[], elementStatements: readonly Node[]): void {
  const removedStatements = new Set<Node>(elementStatements);
  for (const c of candidates) {
    if (!c.alive) continue;
    removedStatements.add(c.statement);
    for (const d of c.dependents.values()) removedStatements.add(d);
  }
  for (const c of candidates) {
    if (!c.alive || !c.returnsPromise) continue;
    for (const call of c.promiseStarts.values()) {
      plan.add({ start: call.getStart(), end: call.getEnd(), text: 'Promise.resolve()' });
    }
  }
  for (const s of removedStatements) {
    if ([...removedStatements].some((o) => o !== s && s.getStart() >= o.getStart() && s.getEnd() <= o.getEnd())) continue;
    const parent = s.getParent();
    const inBlock = parent && (Node.isBlock(parent) || Node.isSourceFile(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent) || Node.isClassDeclaration(parent) || Node.isClassExpression(parent) || Node.isModuleBlock(parent));
    if (!inBlock) {
      plan.add({ start: s.getStart(), end: s.getEnd(), text: '{}' });
      continue;
    }
    const isFunction = Node.isFunctionDeclaration(s) || Node.isMethodDeclaration(s) || (Node.isVariableStatement(s) && isFunctionLike(s.getDeclarationList().getDeclarations()[0]?.getInitializer()));
    plan.add({ ...statementRange(text, s, isFunction), text: '' });
  }
}
