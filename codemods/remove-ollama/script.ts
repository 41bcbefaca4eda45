/**
 * JavaScript and TypeScript through ts-morph. Functions and constants that exist only for Ollama
 * (named for it, or calling `/api/ollama/...` or port 11434) are removed with the statements that
 * call them or wire them up as callbacks; an event handler keeps its other statements. Provider
 * switches (`if (provider === 'ollama')`) lose their Ollama branch. With templates=remove,
 * statements that only touch an element whose id names Ollama go too (the element is removed
 * from the template). Everything else that mentions Ollama is a review item.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import type { ReviewNote, SourceFile, TransformResult } from '../../src/engine/types.js';
import { lineEnd, lineStart, nextLineStart } from '../../src/text/lines.js';
import { EditPlan, RangeSet, tidyBlankLines } from './edit-plan.js';
import { MENTION, OLLAMA_PORT, OTHER_PROVIDER, isOllamaValue, mentionsOllama, namedForOllama } from './names.js';

export interface ScriptOptions {
  templates: 'report' | 'remove';
}

// ts-morph brings the TypeScript compiler, about half a second of start-up: it is loaded when a
// script file is first transformed, not by every codemod run, worker and `codemod list`.
let tsMorph: typeof TsMorph | undefined;
const loadTsMorph = (): typeof TsMorph => (tsMorph ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph);

/** A ts-morph export that loads the library on first use. */
function deferred<T extends object>(pick: (library: typeof TsMorph) => T): T {
  return new Proxy({} as T, { get: (_, key) => Reflect.get(pick(loadTsMorph()), key) });
}

const Node = deferred((library) => library.Node);
type Node = TsMorph.Node;
const SyntaxKind = deferred((library) => library.SyntaxKind);
type SyntaxKind = TsMorph.SyntaxKind;
const ts = deferred((library) => library.ts);
type TsSourceFile = TsMorph.SourceFile;

let project: TsMorph.Project | undefined;

function parse(path: string, text: string): TsSourceFile {
  project ??= new (loadTsMorph().Project)({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve }, skipFileDependencyResolution: true });
  const lower = path.toLowerCase();
  const kind = /\.tsx$/.test(lower) ? ts.ScriptKind.TSX : /\.(ts|mts|cts)$/.test(lower) ? ts.ScriptKind.TS : /\.jsx$/.test(lower) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return project.createSourceFile(`/src/${path}`, text, { overwrite: true, scriptKind: kind });
}

type Range = { start: number; end: number };

/** A string literal's value, for string and plain template literals. */
function literalValue(node: Node): string | undefined {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  return undefined;
}

/** Strings that talk to Ollama: its API routes in the app (`/api/ollama/...`), or its port. */
function isOllamaEndpoint(text: string): boolean {
  return /\/ollama(\/|\b)/i.test(text) || OLLAMA_PORT.test(text);
}

/** An element id (or `#id` selector) that names Ollama. */
function ollamaElementId(call: Node): string | undefined {
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

interface Candidate {
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

function isFunctionLike(n: Node | undefined): boolean {
  return !!n && (Node.isArrowFunction(n) || Node.isFunctionExpression(n));
}

/** The statement holding an expression statement's whole expression `f(...)` / `await f(...)`. */
function statementOfCall(call: Node): Node | undefined {
  let expr: Node = call;
  const p = expr.getParent();
  if (p && Node.isAwaitExpression(p)) expr = p;
  const s = expr.getParent();
  return s && Node.isExpressionStatement(s) ? s : undefined;
}

function returnsPromise(fn: Node): boolean {
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

function aloneOnLines(text: string, start: number, end: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, start), start)) && /^[ \t]*(\/\/.*)?\r?$/.test(text.slice(end, lineEnd(text, end)));
}

/** A removed statement's range: its lines, attached comments (Ollama ones, or all for a function), blank lines before a function. */
function statementRange(text: string, statement: Node, isFunction: boolean): Range {
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

type Truth = { kind: 'const'; value: boolean } | { kind: 'expr'; text: string; changed: boolean };

/** Conditions under "the provider is never Ollama", as in the Python transform. */
function evaluate(node: Node, render: (n: Node) => string, atoms: Node[]): Truth {
  if (Node.isParenthesizedExpression(node)) {
    const t = evaluate(node.getExpression(), render, atoms);
    if (t.kind === 'const') return t;
    return t.changed ? { kind: 'expr', text: `(${t.text})`, changed: true } : { kind: 'expr', text: render(node), changed: false };
  }
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const t = evaluate(node.getOperand(), render, atoms);
    if (t.kind === 'const') return { kind: 'const', value: !t.value };
    return t.changed ? { kind: 'expr', text: `!${t.text}`, changed: true } : { kind: 'expr', text: render(node), changed: false };
  }
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    const left = node.getLeft();
    const right = node.getRight();
    if (op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken || op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken) {
      const l = literalValue(left);
      const r = literalValue(right);
      if ((l !== undefined && isOllamaValue(l)) || (r !== undefined && isOllamaValue(r))) {
        atoms.push(node);
        return { kind: 'const', value: op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken };
      }
    }
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      const isAnd = op === SyntaxKind.AmpersandAmpersandToken;
      const l = evaluate(left, render, atoms);
      const r = evaluate(right, render, atoms);
      if (l.kind === 'const' && l.value === !isAnd) return l;
      if (r.kind === 'const' && r.value === !isAnd) return r;
      if (l.kind === 'const') return r;
      if (r.kind === 'const') return l;
      if (!l.changed && !r.changed) return { kind: 'expr', text: render(node), changed: false };
      return { kind: 'expr', text: `${l.text} ${isAnd ? '&&' : '||'} ${r.text}`, changed: true };
    }
  }
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    const arg = node.getArguments()[0];
    const v = arg ? literalValue(arg) : undefined;
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'startsWith' && v !== undefined && /^ollama/i.test(v)) {
      atoms.push(node);
      return { kind: 'const', value: false };
    }
  }
  const text = render(node);
  return { kind: 'expr', text, changed: text !== node.getText() };
}

export function transformScript(file: SourceFile, options: ScriptOptions): Omit<TransformResult, 'data'> {
  const text = file.text;
  let sf: TsSourceFile;
  try {
    sf = parse(file.path, text);
  } catch {
    return {};
  }
  try {
    return run(file, sf, options);
  } finally {
    project?.removeSourceFile(sf);
  }
}

/** Every node of a kind, from one walk of the file. */
function indexByKind(sf: TsSourceFile): (kind: SyntaxKind) => Node[] {
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
function ownStatement(call: Node): Node | undefined {
  const holder = call.getFirstAncestor((a) => Node.isExpressionStatement(a) || isFunctionLike(a) || Node.isFunctionDeclaration(a) || Node.isMethodDeclaration(a));
  return holder && Node.isExpressionStatement(holder) ? holder : undefined;
}

function run(file: SourceFile, sf: TsSourceFile, options: ScriptOptions): TransformResult {
  const text = file.text;
  const ofKind = indexByKind(sf);
  // Calls by the statement they belong to: an IIFE's statement does not own the calls in its body.
  const callsOf = new Map<Node, Node[]>();
  for (const c of ofKind(SyntaxKind.CallExpression)) {
    const st = ownStatement(c);
    if (!st) continue;
    const list = callsOf.get(st);
    if (list) list.push(c);
    else callsOf.set(st, [c]);
  }
  const declarations = new Map<string, Node[]>();
  for (const d of ofKind(SyntaxKind.VariableDeclaration)) {
    if (!Node.isVariableDeclaration(d)) continue;
    const init = d.getInitializer();
    if (!init) continue;
    const list = declarations.get(d.getName()) ?? [];
    list.push(init);
    declarations.set(d.getName(), list);
  }
  const plan = new EditPlan(text);
  const render = (n: Node) => plan.render(n.getStart(), n.getEnd());
  const removeIds = options.templates === 'remove';
  const identifiers = ofKind(SyntaxKind.Identifier);

  const isReference = (id: Node): boolean => {
    const p = id.getParent();
    if (!p) return false;
    if (Node.isPropertyAccessExpression(p) && p.getNameNode() === id) return false;
    if ((Node.isPropertyAssignment(p) || Node.isMethodDeclaration(p) || Node.isPropertyDeclaration(p) || Node.isPropertySignature(p)) && p.getNameNode() === id) return false;
    if ((Node.isFunctionDeclaration(p) || Node.isVariableDeclaration(p) || Node.isClassDeclaration(p) || Node.isParameterDeclaration(p)) && p.getNameNode() === id) return false;
    return true;
  };

  // Switches first: their removed branches count as removed code for the candidates below.
  const ifs: Array<{ node: Node; kept: 'then' | 'else' | 'none' | 'cond'; cond?: string }> = [];
  const ternaries: Array<{ node: Node; keep?: Node; cond?: string }> = [];
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

  // Candidates: functions, methods and constants that exist only for Ollama.
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

  // Statements that only touch an Ollama element, when the template loses it.
  const elementStatements: Node[] = [];
  for (const [s, calls] of callsOf) {
    const touches = calls.some((c) => ollamaElementId(c) !== undefined);
    if (!touches) continue;
    if (removeIds) elementStatements.push(s);
  }

  // Greatest fixed point, as in the Python transform.
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

  // Edits: promise starts, statement removals, then rebuilt switches (outermost first).
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
  tidyBlankLines(text, plan);
  const rebuilds = [...ifs.map((d) => ({ node: d.node, run: () => rebuildIf(text, plan, d) })), ...ternaries.map((d) => ({ node: d.node, run: () => rebuildTernary(plan, d) }))];
  rebuilds.sort((a, b) => a.node.getStart() - b.node.getStart() || b.node.getEnd() - a.node.getEnd());
  for (const r of rebuilds) {
    if (plan.covered(r.node.getStart(), r.node.getEnd())) continue;
    r.run();
  }

  const edits = plan.list();
  if (edits.length > 0) return { edits };
  return { review: reviewScript(file, sf, candidates, defaults, removeIds, callsOf) };

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

function rebuildIf(text: string, plan: EditPlan, d: { node: Node; kept: 'then' | 'else' | 'none' | 'cond'; cond?: string }): void {
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

function rebuildTernary(plan: EditPlan, d: { node: Node; keep?: Node; cond?: string }): void {
  if (d.keep) {
    plan.add({ start: d.node.getStart(), end: d.node.getEnd(), text: plan.render(d.keep.getStart(), d.keep.getEnd()) }, true);
    return;
  }
  if (d.cond && Node.isConditionalExpression(d.node)) {
    const c = d.node.getCondition();
    plan.add({ start: c.getStart(), end: c.getEnd(), text: d.cond }, true);
  }
}

function reviewScript(file: SourceFile, sf: TsSourceFile, candidates: Candidate[], defaults: Array<{ node: Node; at: Node }>, removeIds: boolean, callsOf: ReadonlyMap<Node, Node[]>): ReviewNote[] {
  const text = file.text;
  const explained: Array<Range & { message: string }> = [];
  for (const c of candidates) {
    if (c.alive || !c.keptUse) continue;
    const line = file.position(c.keptUse.getStart()).line;
    explained.push({ start: c.statement.getStart(), end: c.statement.getEnd(), message: c.kind === 'constant'
      ? `${c.name} is an Ollama setting still used at line ${line}: remove that use, then run again`
      : `${c.name} exists only for Ollama but is still used at line ${line} (not as a call statement or callback): remove that use, then run again` });
    const at = c.statement.getStart();
    for (const u of c.uses) {
      if (u.getStart() >= at && u.getEnd() <= c.statement.getEnd()) continue;
      explained.push({ start: u.getStart(), end: u.getEnd(), message: `uses ${c.name} (line ${file.position(at).line}), which exists only for Ollama: remove or rewrite this use, then run again` });
    }
  }
  for (const d of defaults) {
    const line = file.position(d.at.getStart()).line;
    explained.push({ start: d.node.getStart(), end: d.node.getEnd(), message: `Ollama is the default here (line ${line}): removing this branch would leave the default path without a provider; change the default, then run again` });
  }
  for (const st of sf.getStatements()) {
    const name = Node.isFunctionDeclaration(st) ? st.getName() : Node.isVariableStatement(st) ? st.getDeclarationList().getDeclarations()[0]?.getName() : undefined;
    if (name && namedForOllama(name) && (Node.isFunctionDeclaration(st) || Node.isVariableStatement(st)) && st.hasExportKeyword()) {
      explained.push({ start: st.getStart(), end: st.getEnd(), message: `${name} is exported: other modules may import it, so it is left in place; remove it with its importers by hand` });
    }
  }
  for (const [s, calls] of callsOf) {
    const id = calls.map(ollamaElementId).find(Boolean);
    if (id && !removeIds) explained.push({ start: s.getStart(), end: s.getEnd(), message: `touches the Ollama element #${id}: remove the element and this line with --option templates=remove, or by hand` });
  }
  const notes: ReviewNote[] = [];
  const seen = new Set<number>();
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const pos = file.position(m.index);
    if (seen.has(pos.line)) continue;
    seen.add(pos.line);
    const best = explained.filter((e) => e.start <= m!.index && m!.index < e.end).sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
    notes.push({ ...pos, message: best?.message ?? describe(sf, m.index, text) });
  }
  MENTION.lastIndex = 0;
  return notes;
}

function describe(sf: TsSourceFile, offset: number, text: string): string {
  const line = text.slice(lineStart(text, offset), lineEnd(text, offset)).trim();
  const short = line.length > 60 ? `${line.slice(0, 57)}...` : line;
  const comment = ts.getLeadingCommentRanges(text, lineStart(text, offset))?.some((c) => c.pos <= offset && offset < c.end)
    || /^\s*(\/\/|\/\*|\*)/.test(line);
  if (comment) return `comment mentions Ollama: ${short}`;
  const node = sf.getDescendantAtPos(offset);
  if (node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateHead(node) || Node.isTemplateMiddle(node) || Node.isTemplateTail(node))) {
    return `string mentions Ollama: ${short}`;
  }
  return `Ollama reference left in place: ${short}`;
}
