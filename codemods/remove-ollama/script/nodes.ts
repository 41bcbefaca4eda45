/** Questions about a script's nodes that the parts of the script transform share. */
import { OLLAMA_PORT, namedForOllama } from '../names.js';
import { Node, SyntaxKind, type TsSourceFile } from './ts-morph.js';

/** An offset range of the file's text. */
export type Range = { start: number; end: number };

/** The nodes of one kind (see `indexByKind`). */
export type NodesOfKind = (kind: SyntaxKind) => Node[];

/** A string literal's value, for string and plain template literals. */
export function literalValue(node: Node): string | undefined {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  return undefined;
}

/** Strings that talk to Ollama: its API routes in the app (`/api/ollama/...`), or its port. */
export function isOllamaEndpoint(text: string): boolean {
  return /\/ollama(\/|\b)/i.test(text) || OLLAMA_PORT.test(text);
}

/** An element id (or `#id` selector) that names Ollama. */
export function ollamaElementId(call: Node): string | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression().getText();
  const arg = call.getArguments()[0];
  const v = arg ? literalValue(arg) : undefined;
  if (v === undefined) return undefined;
  if (/(^|\.)(\$|getElementById|byId)$/.test(callee) && namedForOllama(v) && !/[\s.#[]/.test(v)) return v;
  if (/(^|\.)(querySelector|querySelectorAll|\$)$/.test(callee)) {
    const id = /^#([\w-]+)$/.exec(v.trim());
    if (id && namedForOllama(id[1])) return id[1];
  }
  return undefined;
}

export function isFunctionLike(n: Node | undefined): boolean {
  return !!n && (Node.isArrowFunction(n) || Node.isFunctionExpression(n));
}

/** The statement holding an expression statement's whole expression `f(...)` / `await f(...)`. */
export function statementOfCall(call: Node): Node | undefined {
  let expr: Node = call;
  const p = expr.getParent();
  if (p && Node.isAwaitExpression(p)) expr = p;
  const s = expr.getParent();
  return s && Node.isExpressionStatement(s) ? s : undefined;
}

export function returnsPromise(fn: Node): boolean {
  if ((Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn) || Node.isArrowFunction(fn) || Node.isMethodDeclaration(fn)) && fn.isAsync()) return true;
  const returns = fn.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor((a) => isFunctionLike(a) || Node.isFunctionDeclaration(a) || Node.isMethodDeclaration(a)) === fn);
  if (returns.length === 0) return false;
  return returns.every((r) => {
    const e = r.getExpression();
    if (!e || !Node.isCallExpression(e)) return false;
    const callee = e.getExpression().getText();
    return /(^fetch$|\.(then|catch|finally)$|^Promise\.|JSON$|Json$|^(get|post|put|delete|fetch)\w*$)/.test(callee);
  });
}

/** Every node of a kind, from one walk of the file. */
export function indexByKind(sf: TsSourceFile): NodesOfKind {
  const byKind = new Map<SyntaxKind, Node[]>();
  sf.forEachDescendant((n) => {
    const k = n.getKind();
    const list = byKind.get(k);
    if (list) list.push(n);
    else byKind.set(k, [n]);
  });
  return (kind) => byKind.get(kind) ?? [];
}

/** The expression statement a call belongs to directly (not through a nested function), if any. */
export function ownStatement(call: Node): Node | undefined {
  const holder = call.getFirstAncestor((a) => Node.isExpressionStatement(a) || isFunctionLike(a) || Node.isFunctionDeclaration(a) || Node.isMethodDeclaration(a));
  return holder && Node.isExpressionStatement(holder) ? holder : undefined;
}

/** Calls by the statement they belong to: an IIFE's statement does not own the calls in its body. */
export function callsByStatement(ofKind: NodesOfKind): Map<Node, Node[]> {
  const callsOf = new Map<Node, Node[]>();
  for (const c of ofKind(SyntaxKind.CallExpression)) {
    const st = ownStatement(c);
    if (!st) continue;
    const list = callsOf.get(st);
    if (list) list.push(c);
    else callsOf.set(st, [c]);
  }
  return callsOf;
}
