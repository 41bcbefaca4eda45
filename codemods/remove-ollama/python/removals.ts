/**
 * What disappears with Ollama. Candidates are Ollama imports, settings and clients, functions,
 * methods and routes that exist only for Ollama, and "orphans" (imports and settings whose every
 * use is in removed code). A candidate goes only if every use of it goes too; call statements of
 * a removed function go with it. This is a greatest fixed point: start with every candidate
 * removed and put back any that is still used by code that stays.
 */
import type { ImportedName } from '../../../src/python/imports.js';
import type { Binding, Scope } from '../../../src/python/scopes.js';
import type { PyNode } from '../../../src/python/tree.js';
import { OLLAMA_PORT, namedForOllama } from '../names.js';
import { RangeSet } from '../edit-plan.js';
import { isConfigLike, ollamaImportOf, type Markers, type PyContext } from './context.js';
import { callsOllamaApi, isOllamaLogCall, isOllamaProseLogCall, judgeFunction, type Protected } from './functions.js';
import type { Range, SwitchDecisions } from './switches.js';

export interface Candidate {
  name: string;
  kind: 'name' | 'function' | 'method' | 'class-attribute';
  reason: 'ollama' | 'orphan';
  scope: Scope;
  /** Whole statements removed with it (assignments, definitions, `del`). */
  statements: PyNode[];
  /** Names dropped from import statements. */
  importNames: ImportedName[];
  uses: PyNode[];
  /** Uses that are call statements: removed with the function. */
  callStatements: Map<PyNode, PyNode>;
  alive: boolean;
  /** A use that stays, when the candidate could not be removed. */
  keptUse?: PyNode;
}

export interface Removals {
  candidates: Candidate[];
  /** Every statement to delete. */
  statements: Set<PyNode>;
  /** Import statement -> the name nodes to drop from it. */
  importDrops: Map<PyNode, PyNode[]>;
  /** Statements removed although no candidate asked: calls to the Ollama API, logging about Ollama. */
  unconditional: PyNode[];
  /** Functions named for Ollama that stay because they have a path without it (a fallback). */
  withFallback: { name: string; statement: PyNode; fallback: PyNode }[];
  isRemoved(node: { start: number; end: number }): boolean;
}

const DUNDER = /^__\w+__$/;

/** `x = value` / `x: T = value` as a whole statement, binding exactly `x`. */
function simpleAssignmentStatement(b: Binding): PyNode | undefined {
  const a = b.statement;
  if (a.type !== 'assignment' && a.type !== 'augmented_assignment') return undefined;
  if (a.get('left') !== b.node) return undefined;
  if (a.get('right')?.type === 'assignment' || a.parent?.type !== 'expression_statement') return undefined;
  const statement = a.parent;
  if (statement.namedChildren.length !== 1) return undefined;
  return statement;
}

/** The statement a use is the whole call of: `f(...)`, `await f(...)`, `self.f(...)`. */
function callStatementOf(use: PyNode): PyNode | undefined {
  let callee = use;
  if (use.parent?.type === 'attribute' && use.field === 'object') return undefined;
  if (callee.parent?.type === 'attribute' && callee.field === 'attribute') callee = callee.parent;
  const call = callee.parent;
  if (call?.type !== 'call' || callee.field !== 'function') return undefined;
  let expr: PyNode = call;
  if (expr.parent?.type === 'await') expr = expr.parent;
  const statement = expr.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChildren.length !== 1) return undefined;
  return statement;
}

export function planRemovals(ctx: PyContext, markers: Markers, switches: SwitchDecisions, protectedParts: readonly Protected[], alsoRemoved: readonly Range[] = []): Removals {
  const { analysis } = ctx;
  const isProtected = (n: PyNode) => protectedParts.some((p) => n.within(p.node) || p.node.within(n));
  const insideWrapper = (n: PyNode) => protectedParts.some((p) => p.kind === 'wrapper' && n.within(p.node));
  const candidates: Candidate[] = [];
  const withFallback: Removals['withFallback'] = [];
  const switchRanges = new RangeSet([...switches.removed, ...switches.statements]);
  const switchRemoved = (n: PyNode) => switchRanges.contains(n);

  const attributesByName = new Map<string, PyNode[]>();
  for (const a of ctx.nodes('attribute')) {
    const attr = a.get('attribute');
    if (!attr) continue;
    const list = attributesByName.get(attr.text) ?? [];
    list.push(attr);
    attributesByName.set(attr.text, list);
  }
  const stringsByValue = new Map<string, PyNode[]>();
  for (const s of ctx.nodes('string')) {
    const v = s.text.slice(1, -1);
    const list = stringsByValue.get(v) ?? [];
    list.push(s);
    stringsByValue.set(v, list);
  }
  const attributeUses = (name: string): PyNode[] => [...(attributesByName.get(name) ?? [])];
  const stringUses = (name: string): PyNode[] => stringsByValue.get(name) ?? [];

  for (const scope of analysis.scopes) {
    if (scope.kind === 'comprehension' || scope.kind === 'lambda') continue;
    if (insideWrapper(scope.node) && scope.node.type !== 'module') continue;
    for (const [name, bindings] of scope.bindings) {
      if (DUNDER.test(name)) continue;
      const funcs = bindings.filter((b) => b.kind === 'function');
      if (funcs.length > 0) {
        if (bindings.length !== 1) continue;
        const def = funcs[0].node.parent!;
        const statement = funcs[0].statement;
        if (insideWrapper(statement) || isProtected(statement)) continue;
        const verdict = judgeFunction(ctx, markers, def, (n) => switchRemoved(n));
        if (verdict.fallback) withFallback.push({ name, statement, fallback: verdict.fallback });
        const isMethod = scope.kind === 'class';
        let reason: Candidate['reason'] | undefined = verdict.ollamaOnly ? 'ollama' : undefined;
        if (!reason && !isMethod && name.startsWith('_')) reason = 'orphan';
        if (!reason) continue;
        let uses: PyNode[];
        if (isMethod) {
          const clsName = scope.node.get('name')?.text;
          uses = attributeUses(name).filter((u) => {
            if (namedForOllama(name)) return true;
            const obj = u.parent!.get('object');
            return obj?.type === 'identifier' && (obj.text === 'self' || obj.text === 'cls' || obj.text === clsName);
          });
          uses.push(...scope.usesOf(name).map((r) => r.node));
        } else {
          uses = scope.usesOf(name).map((r) => r.node);
        }
        const callStatements = new Map<PyNode, PyNode>();
        for (const u of uses) {
          const s = callStatementOf(u);
          if (s) callStatements.set(u, s);
        }
        candidates.push({ name, kind: isMethod ? 'method' : 'function', reason, scope, statements: [statement], importNames: [], uses, callStatements, alive: true });
        continue;
      }
      const statements: PyNode[] = [];
      const importNames: ImportedName[] = [];
      const values: PyNode[] = [];
      let ok = true;
      let ollamaImport = false;
      let otherImport = false;
      for (const b of bindings) {
        if (b.kind === 'import') {
          const imp = ctx.imports.names.find((i) => i.statement === b.statement && i.bound === b.name && (b.node === i.node || b.node.within(i.node)));
          if (!imp) { ok = false; break; }
          importNames.push(imp);
          if (ollamaImportOf(ctx, b)) ollamaImport = true;
          else otherImport = true;
          continue;
        }
        if (b.kind === 'assignment' || b.kind === 'annotation' || b.kind === 'augmented') {
          const s = simpleAssignmentStatement(b);
          if (!s) { ok = false; break; }
          statements.push(s);
          const right = b.statement.get('right');
          if (right) values.push(right);
          continue;
        }
        if (b.kind === 'delete' && b.statement.namedChildren.length === 1) { statements.push(b.statement); continue; }
        ok = false;
        break;
      }
      if (!ok || (statements.length === 0 && importNames.length === 0)) continue;
      if (values.some((v) => markers.mixedChoice(v))) continue; // a choice with another model: left whole, reported
      if (statements.some((s) => isProtected(s))) continue;
      const named = namedForOllama(name);
      const valuesMarked = values.length > 0 && values.every((v) => markers.has(v));
      const valuesPlain = values.every((v) => isConfigLike(v) || markers.has(v));
      let reason: Candidate['reason'] | undefined;
      if (ollamaImport && !otherImport && values.every((v) => v.type === 'none' || isConfigLike(v) || markers.has(v))) reason = 'ollama';
      else if (!otherImport && !ollamaImport && named && valuesPlain) reason = 'ollama';
      else if (!otherImport && !ollamaImport && valuesMarked && ctx.replaceWith !== 'openai') reason = 'ollama';
      else if (scope.kind === 'module' && !ollamaImport && (importNames.length > 0 ? values.length === 0 : valuesPlain)) reason = 'orphan';
      if (!reason) continue;
      const uses = scope.usesOf(name).map((r) => r.node);
      if (scope.kind === 'class') uses.push(...attributeUses(name), ...stringUses(name));
      candidates.push({ name, kind: scope.kind === 'class' ? 'class-attribute' : 'name', reason, scope, statements, importNames, uses, callStatements: new Map(), alive: true });
    }
  }

  // Statements that only talk to Ollama or log about it, wherever they are.
  const unconditional: PyNode[] = [];
  const logCalls = new Set<PyNode>();
  for (const s of ctx.nodes('expression_statement')) {
    if (s.namedChildren.length !== 1) continue;
    let expr = s.namedChildren[0];
    if (expr.type === 'await') expr = expr.namedChildren[0] ?? expr;
    if (expr.type !== 'call') continue;
    if (insideWrapper(s) || isProtected(s)) continue;
    if (callsOllamaApi(ctx, markers, expr)) unconditional.push(s);
    else if (isOllamaLogCall(ctx, markers, expr)) { unconditional.push(s); logCalls.add(s); }
  }

  // An API call or log statement goes only with what it talks through: while the Ollama import or
  // client it uses stays (the program still uses Ollama), dropping its side effect (a model pull,
  // an index build) would leave the rest half-working.
  const dependsOn = new Map<PyNode, Candidate[]>();
  // (With replace-with=openai the calls that stay are rewritten, and what cannot be is reported there.)
  const tied = ctx.replaceWith !== 'openai';
  for (const s of unconditional) dependsOn.set(s, tied ? candidates.filter((c) => c.reason === 'ollama' && c.uses.some((u) => u.within(s))) : []);
  // A log line goes with the Ollama names it reads (or, below, when nothing of Ollama stays).
  const liveUnconditional = () => unconditional.filter((s) => dependsOn.get(s)!.every((c) => c.alive) && (!tied || !logCalls.has(s) || dependsOn.get(s)!.length > 0));
  const fixed: Range[] = [...switches.removed, ...switches.statements, ...alsoRemoved];
  let regions: Range[] = [];
  let regionSet = new RangeSet([]);
  const inside = (n: { start: number; end: number }) => regionSet.contains(n);
  for (let changed = true; changed;) {
    changed = false;
    regions = [...fixed, ...liveUnconditional()];
    for (const c of candidates) {
      if (!c.alive) continue;
      regions.push(...c.statements, ...c.importNames.map((i) => i.node));
      // A call statement goes with a function that exists for Ollama; an orphan is one nothing calls any more.
      if (c.reason === 'ollama') for (const [u, s] of c.callStatements) if (u) regions.push(s);
    }
    regionSet = new RangeSet(regions);
    for (const c of candidates) {
      if (!c.alive) continue;
      let removedUses = 0;
      let kept: PyNode | undefined;
      for (const u of c.uses) {
        if (inside(u) || c.statements.some((s) => u.within(s))) { removedUses++; continue; }
        kept = u;
        break;
      }
      if (kept || (c.reason === 'orphan' && removedUses === 0)) {
        c.alive = false;
        c.keptUse = kept;
        changed = true;
      }
    }
  }

  const keptUnconditional = liveUnconditional();
  // A message about Ollama is text, never evidence of use: it goes only when this file's Ollama
  // use went whole (its Ollama imports all go; no Ollama under another name or URL of its API stays).
  const ollamaStays = protectedParts.length > 0
    || candidates.some((c) => !c.alive && c.importNames.some((i) => ctx.ollamaImports.has(i)))
    || ctx.nodes('string').some((n) => (OLLAMA_PORT.test(n.text) || /\/api\/(generate|chat|embed|embeddings|tags|pull)\b/.test(n.text)) && !inside(n));
  const hadOllama = candidates.some((c) => c.importNames.some((i) => ctx.ollamaImports.has(i)));
  if (hadOllama && !ollamaStays) {
    for (const s of ctx.nodes('expression_statement')) {
      if (s.namedChildren.length !== 1 || s.namedChildren[0].type !== 'call' || inside(s)) continue;
      if (logCalls.has(s) || isOllamaProseLogCall(s.namedChildren[0])) { keptUnconditional.push(s); regions.push(s); }
    }
  }
  const statements = new Set<PyNode>([...switches.statements, ...keptUnconditional]);
  const importDrops = new Map<PyNode, PyNode[]>();
  for (const c of candidates) {
    if (!c.alive) continue;
    for (const s of c.statements) statements.add(s);
    if (c.reason === 'ollama') for (const s of c.callStatements.values()) statements.add(s);
    for (const imp of c.importNames) {
      const list = importDrops.get(imp.statement) ?? [];
      if (!list.includes(imp.node)) list.push(imp.node);
      importDrops.set(imp.statement, list);
    }
  }
  // `global X` lines for removed names.
  const removedGlobals = new Set(candidates.filter((c) => c.alive && c.scope.kind === 'module').map((c) => c.name));
  for (const g of ctx.nodes('global_statement')) {
    const names = g.namedChildren.filter((n) => n.type === 'identifier');
    if (names.length > 0 && names.every((n) => removedGlobals.has(n.text))) statements.add(g);
  }
  const finalRegions = new RangeSet(regions);
  return {
    candidates,
    statements,
    importDrops,
    unconditional: keptUnconditional,
    withFallback,
    isRemoved: (n) => finalRegions.contains(n),
  };
}
