/**
 * Candidates for removal: functions, methods and constants that exist only for Ollama, with the
 * statements that only call them or wire them up as callbacks. A candidate stays a candidate only
 * while every use of it is removed too (a greatest fixed point, as in the Python transform).
 */
import { OTHER_PROVIDER, mentionsOllama, namedForOllama } from '../names.js';
import { RangeSet } from '../edit-plan.js';
import { isFunctionLike, isOllamaEndpoint, literalValue, ollamaElementId, returnsPromise, statementOfCall, type NodesOfKind, type Range } from './nodes.js';
import { Node, SyntaxKind } from './ts-morph.js';

export interface Candidate {
  name: string;
  /** The statement (or class member) removed with it. */
  statement: Node;
  kind: 'function' | 'constant' | 'method';
  uses: Node[];
  /** Uses that only call it or hand it over as a callback, in a statement of their own: removed with it. */
  dependents: Map<Node, Node>;
  /** `removed().then(...)` statements: the call becomes `Promise.resolve()`. */
  promiseStarts: Map<Node, Node>;
  returnsPromise: boolean;
  alive: boolean;
  keptUse?: Node;
}

/** The file's candidates, given what the switches remove (`fixed`). */
export function findCandidates(ofKind: NodesOfKind, fixed: readonly Range[], removeIds: boolean): Candidate[] {
  const identifiers = ofKind(SyntaxKind.Identifier);

  const isReference = (id: Node): boolean => {
    const p = id.getParent();
    if (!p) return false;
    if (Node.isPropertyAccessExpression(p) && p.getNameNode() === id) return false;
    if ((Node.isPropertyAssignment(p) || Node.isMethodDeclaration(p) || Node.isPropertyDeclaration(p) || Node.isPropertySignature(p)) && p.getNameNode() === id) return false;
    if ((Node.isFunctionDeclaration(p) || Node.isVariableDeclaration(p) || Node.isClassDeclaration(p) || Node.isParameterDeclaration(p)) && p.getNameNode() === id) return false;
    return true;
  };

  const candidates: Candidate[] = [];
  const usesOf = (name: string): Node[] => identifiers.filter((id) => id.getText() === name && isReference(id));
  const fixedSet = new RangeSet(fixed);
  const removedBySwitch = (n: Node) => fixedSet.contains({ start: n.getStart(), end: n.getEnd() });
  const mentionsInBody = (n: Node) => n.getDescendants().some((d) => {
    const v = literalValue(d);
    return v !== undefined && isOllamaEndpoint(v) && !removedBySwitch(d);
  });
  /** Every statement of the body (left after the switches) is about Ollama. */
  const wholeBodyOllama = (fn: Node): boolean => {
    const body = Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn) ? fn.getBody() : undefined;
    if (!body) return false;
    if (!Node.isBlock(body)) return mentionsOllama(body.getText());
    const statements = body.getStatements().filter((st) => !removedBySwitch(st));
    return statements.length > 0 && statements.every((st) => mentionsOllama(st.getText()));
  };
  const otherProvider = (n: Node) => n.getDescendants().some((d) => (Node.isIdentifier(d) || Node.isStringLiteral(d)) && OTHER_PROVIDER.test(d.getText()) && !mentionsOllama(d.getText()));

  // Exported declarations may be imported by other modules: reported, never removed.
  const exported = (n: Node) => (Node.isFunctionDeclaration(n) || Node.isVariableStatement(n) || Node.isClassDeclaration(n)) && n.hasExportKeyword();
  for (const fn of ofKind(SyntaxKind.FunctionDeclaration) as Array<import('ts-morph').FunctionDeclaration>) {
    const name = fn.getName();
    if (!name || exported(fn)) continue;
    const ollama = (namedForOllama(name) || (mentionsInBody(fn) && wholeBodyOllama(fn))) && !otherProvider(fn) && !OTHER_PROVIDER.test(name);
    if (!ollama) continue;
    candidates.push(makeCandidate(name, fn, 'function', usesOf(name), returnsPromise(fn)));
  }
  for (const stmt of ofKind(SyntaxKind.VariableStatement) as Array<import('ts-morph').VariableStatement>) {
    const decls = stmt.getDeclarationList().getDeclarations();
    if (decls.length !== 1 || exported(stmt)) continue;
    const decl = decls[0];
    const nameNode = decl.getNameNode();
    if (!Node.isIdentifier(nameNode)) continue;
    const name = nameNode.getText();
    const init = decl.getInitializer();
    if (isFunctionLike(init)) {
      const ollama = (namedForOllama(name) || (mentionsInBody(init!) && wholeBodyOllama(init!))) && !otherProvider(init!) && !OTHER_PROVIDER.test(name);
      if (ollama) candidates.push(makeCandidate(name, stmt, 'function', usesOf(name), returnsPromise(init!)));
      continue;
    }
    const initText = init?.getText() ?? '';
    const elementOnly = init && Node.isCallExpression(init) && ollamaElementId(init) !== undefined;
    if (elementOnly && !removeIds) continue;
    if (namedForOllama(name) || (init && (mentionsInBody(init) || isOllamaEndpoint(initText) || elementOnly))) {
      if (init && otherProvider(init)) continue;
      candidates.push(makeCandidate(name, stmt, 'constant', usesOf(name), false));
    }
  }
  for (const m of ofKind(SyntaxKind.MethodDeclaration) as Array<import('ts-morph').MethodDeclaration>) {
    const name = m.getName();
    if (!namedForOllama(name) || otherProvider(m)) continue;
    const uses = (ofKind(SyntaxKind.PropertyAccessExpression) as Array<import('ts-morph').PropertyAccessExpression>).filter((p) => p.getName() === name).map((p) => p.getNameNode() as Node);
    candidates.push(makeCandidate(name, m, 'method', uses, returnsPromise(m)));
  }

  return candidates;
}

function makeCandidate(name: string, statement: Node, kind: Candidate['kind'], uses: Node[], promise: boolean): Candidate {
  const own = uses.filter((u) => !(u.getStart() >= statement.getStart() && u.getEnd() <= statement.getEnd()) || kind === 'method');
  const dependents = new Map<Node, Node>();
  const promiseStarts = new Map<Node, Node>();
  for (const u of own) {
    const target = kind === 'method' ? u.getParent()! : u;
    const parent = target.getParent();
    if (parent && Node.isCallExpression(parent) && parent.getExpression() === target) {
      const s = statementOfCall(parent);
      if (s) { dependents.set(u, s); continue; }
      // removed().then(cb) as a statement
      const access = parent.getParent();
      if (access && Node.isPropertyAccessExpression(access) && /^(then|catch|finally)$/.test(access.getName())) {
        let top: Node = access;
        while (top.getParent() && (Node.isCallExpression(top.getParent()!) || Node.isPropertyAccessExpression(top.getParent()!))) top = top.getParent()!;
        if (top.getParent() && Node.isExpressionStatement(top.getParent()!)) promiseStarts.set(u, parent);
      }
      continue;
    }
    // x.addEventListener('click', removed): the statement only wires the callback.
    if (kind !== 'constant' && parent && Node.isCallExpression(parent) && parent.getArguments().includes(target)) {
      const s = statementOfCall(parent);
      if (s) dependents.set(u, s);
    }
  }
  return { name, statement, kind, uses: own, dependents, promiseStarts, returnsPromise: promise, alive: true };
}

/** Drops, until nothing changes, every candidate with a use outside what is removed. */
export function settleCandidates(candidates: readonly Candidate[], fixed: readonly Range[], elementStatements: readonly Node[]): void {
  let regions: Range[] = [];
  const inside = (n: Node) => regions.some((r) => r.start <= n.getStart() && n.getEnd() <= r.end);
  const rangeOf = (n: Node): Range => ({ start: n.getStart(), end: n.getEnd() });
  for (let changed = true; changed;) {
    changed = false;
    regions = [...fixed, ...elementStatements.map(rangeOf)];
    for (const c of candidates) {
      if (!c.alive) continue;
      regions.push(rangeOf(c.statement));
      for (const d of c.dependents.values()) regions.push(rangeOf(d));
    }
    for (const c of candidates) {
      if (!c.alive) continue;
      for (const u of c.uses) {
        if (inside(u) || c.promiseStarts.has(u) && c.returnsPromise) continue;
        if (u.getStart() >= c.statement.getStart() && u.getEnd() <= c.statement.getEnd()) continue;
        c.alive = false;
        c.keptUse = u;
        changed = true;
        break;
      }
    }
  }

}
