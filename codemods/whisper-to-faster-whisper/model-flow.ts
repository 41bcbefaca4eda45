/**
 * Following whisper models through a file: from each load_model call to every place its model is
 * held (locals, globals, `self.<attr>`, functions returning it) and used, grouped so that all the
 * expressions of one model are known together. What cannot be followed blocks the migration.
 */
import { callArguments, keywordArgument } from '../../src/python/arguments.js';
import { classOfMethod, methodsOf, selfAttributeAccesses } from '../../src/python/assignments.js';
import type { ImportedName } from '../../src/python/imports.js';
import type { Scope } from '../../src/python/scopes.js';
import type { PyNode } from '../../src/python/tree.js';
import { unsupportedModelAttribute } from './api.js';
import type { MigrationState } from './migration-state.js';
import { outerParens, unwrapParens } from './parens.js';
import type { TranscribeSite } from './types.js';

type Holder =
  | { kind: 'name'; key: string; scope: Scope; name: string; node: PyNode }
  | { kind: 'attr'; key: string; cls: PyNode; attr: string }
  | { kind: 'func'; key: string; def: PyNode };

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(k: string): string {
    let p = this.parent.get(k) ?? k;
    if (p !== k) { p = this.find(p); this.parent.set(k, p); }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** A load_model call and the group of the model it makes. */
export interface Creation {
  call: PyNode;
  fn: PyNode;
  imp: ImportedName;
  group: string;
}

/** `model.to(DEVICE)` on a followed model. */
export interface Move {
  call: PyNode;
  model: PyNode;
  group: string;
}

export class ModelFlow {
  private readonly modelExprs = new Map<number, string>();
  private readonly holders = new Map<string, Holder>();
  private readonly queue: Holder[] = [];
  readonly uf = new UnionFind();
  /** whisper.load_model calls: each starts a group of expressions holding the model it makes. */
  readonly creations: Creation[] = [];
  readonly sites: TranscribeSite[] = [];
  /** `whisper.transcribe(model, ...)` calls, resolved to sites once every model is followed. */
  readonly functionTranscribes: Array<{ call: PyNode; fn: PyNode; imp: ImportedName }> = [];
  private readonly deferredValues: Array<{ value: PyNode | undefined; what: string; at: PyNode }> = [];
  /** `model.to(DEVICE)` calls on a model, planned into its creation's `device=`. */
  readonly moves: Move[] = [];

  constructor(private readonly m: MigrationState) {}

  private addHolder(h: Holder, group: string): void {
    this.uf.union(group, h.key);
    if (this.holders.has(h.key)) return;
    this.holders.set(h.key, h);
    this.queue.push(h);
  }

  /** A whisper model value is at `expr`: look at what happens to it. */
  flowInto(expr: PyNode, group: string): void {
    if (this.modelExprs.has(expr.id)) { this.uf.union(group, this.modelExprs.get(expr.id)!); return; }
    this.modelExprs.set(expr.id, group);
    const node = outerParens(expr);
    const p = node.parent;
    if (!p) return;
    switch (p.type) {
      case 'attribute': {
        if (node.field !== 'object') break;
        const name = p.get('attribute')!.text;
        if (name === 'transcribe' && p.parent?.type === 'call' && p.field === 'function') {
          this.sites.push({ call: p.parent, model: expr, style: 'method', group });
          return;
        }
        if (name === 'transcribe') return this.m.block(p, `\`${p.text}\` is passed on as a function; the codemod rewrites only direct calls of transcribe`);
        if (name === 'to' && p.parent?.type === 'call' && p.field === 'function') {
          // `.to(device)` returns the model itself: the call is a model value too.
          this.moves.push({ call: p.parent, model: expr, group });
          this.flowInto(p.parent, group);
          return;
        }
        return this.m.block(p, unsupportedModelAttribute(name));
      }
      case 'argument_list':
      case 'keyword_argument': {
        const list = p.type === 'keyword_argument' ? p.parent : p;
        const call = list?.parent;
        if (call?.type === 'call' && this.functionTranscribes.some((t) => t.call === call)) {
          const args = callArguments(call);
          const isModelArg = args.find((a) => a.kind === 'positional')?.node === node || (p.type === 'keyword_argument' && p.get('name')?.text === 'model');
          if (isModelArg) return;
        }
        const callee = call?.get('function')?.text ?? 'a call';
        return this.m.block(node, `the whisper model is passed to ${callee}(), which the codemod cannot follow`);
      }
      case 'assignment': {
        if (node.field !== 'right') break;
        if (p.parent?.type === 'assignment') return this.m.block(p, 'chained assignment of a whisper model');
        const left = p.get('left')!;
        if (left.type === 'identifier') {
          const scope = this.m.mod.analysis.resolve(left).scope;
          if (!scope) return this.m.block(left, 'cannot tell where this name is bound');
          if (scope.kind === 'class') return this.m.block(left, 'a whisper model stored as a class attribute is not followed');
          this.addHolder({ kind: 'name', key: `n${scope.node.id}:${left.text}`, scope, name: left.text, node: left }, group);
          return;
        }
        const selfAttr = this.selfAttribute(left);
        if (selfAttr) {
          this.addHolder({ kind: 'attr', key: `a${selfAttr.cls.id}:${selfAttr.attr}`, cls: selfAttr.cls, attr: selfAttr.attr }, group);
          return;
        }
        return this.m.block(left, `the whisper model is stored in \`${left.text}\`, which the codemod cannot follow`);
      }
      case 'return_statement': {
        const def = p.ancestor('function_definition', 'lambda', 'class_definition');
        if (def?.type !== 'function_definition') return this.m.block(p, 'the whisper model is returned where the codemod cannot follow it');
        this.addHolder({ kind: 'func', key: `f${def.id}`, def }, group);
        return;
      }
      case 'comparison_operator': {
        // Identity and equality do not depend on the model's type (neither library defines __eq__).
        const ops = p.children.filter((c) => !c.named).map((c) => c.text);
        if (ops.every((o) => o === 'is' || o === 'not' || o === '==' || o === '!=')) return;
        break;
      }
      case 'not_operator':
      case 'expression_statement':
        return;
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement':
        if (node.field === 'condition') return;
        break;
      case 'delete_statement':
        return;
      default:
        break;
    }
    this.m.block(node, `the whisper model is used here (\`${p.text.split('\n')[0].slice(0, 60)}\`) in a way the codemod cannot follow`);
  }

  /** `self.<attr>` where `self` is the instance parameter of a method: its class and attribute. */
  private selfAttribute(node: PyNode): { cls: PyNode; attr: string } | undefined {
    if (node.type !== 'attribute') return undefined;
    const obj = node.get('object');
    const attr = node.get('attribute')?.text;
    if (obj?.type !== 'identifier' || !attr) return undefined;
    const { bindings } = this.m.mod.analysis.resolve(obj);
    if (bindings.length !== 1 || bindings[0].kind !== 'parameter') return undefined;
    const def = bindings[0].scope.node;
    if (def.type !== 'function_definition') return undefined;
    const cls = classOfMethod(def);
    if (!cls) return undefined;
    const method = methodsOf(cls).find((m) => m.node === def);
    return method?.self === obj.text ? { cls, attr } : undefined;
  }

  drainHolders(): void {
    while (this.queue.length) {
      const h = this.queue.shift()!;
      if (h.kind === 'name') this.followName(h);
      else if (h.kind === 'attr') this.followAttribute(h);
      else this.followFunction(h);
    }
  }

  private followName(h: Holder & { kind: 'name' }): void {
    for (const b of h.scope.bindingsOf(h.name)) {
      if (b.kind === 'assignment' || b.kind === 'walrus') this.deferredValues.push({ value: b.value, what: `\`${h.name}\``, at: b.node });
      else if (b.kind === 'delete' || b.kind === 'annotation') continue;
      else this.m.block(b.node, `\`${h.name}\` holds a whisper model and is also bound here (${b.kind}), so its uses cannot be told apart`);
    }
    for (const use of h.scope.usesOf(h.name)) this.flowInto(use.node, h.key);
    if (h.scope.kind === 'module') this.m.exports.push({ name: h.name, ...this.m.mod.tree.lines.position(h.node.start) });
  }

  private followAttribute(h: Holder & { kind: 'attr' }): void {
    const accesses = selfAttributeAccesses(h.cls, h.attr, this.m.mod.analysis);
    const ids = new Set(accesses.map((a) => a.node.id));
    for (const a of accesses) {
      if (a.context === 'store') {
        if (a.value) this.deferredValues.push({ value: a.value, what: `\`self.${h.attr}\``, at: a.node });
        else this.m.block(a.node, `\`self.${h.attr}\` holds a whisper model and is assigned here in a way the codemod cannot follow`);
      } else if (a.context === 'load') this.flowInto(a.node, h.key);
    }
    const classScope = this.m.mod.analysis.scopeCreatedBy(h.cls);
    for (const b of classScope?.bindingsOf(h.attr) ?? []) {
      if (b.kind === 'assignment') this.deferredValues.push({ value: b.value, what: `\`${h.attr}\``, at: b.node });
      else this.m.block(b.node, `\`${h.attr}\` is also defined in the class body`);
    }
    const clsName = h.cls.get('name')?.text ?? '';
    for (const other of this.m.mod.tree.root.find('class_definition')) {
      const bases = other.get('superclasses');
      if (other !== h.cls && bases && bases.namedChildren.some((b) => b.text === clsName)) {
        this.m.block(other, `class ${other.get('name')?.text} inherits ${clsName}, whose \`self.${h.attr}\` holds a whisper model; subclasses are not followed`);
      }
    }
    for (const node of this.m.mod.tree.root.find('attribute')) {
      if (ids.has(node.id) || node.get('attribute')?.text !== h.attr) continue;
      if (this.selfAttribute(node)) continue; // another class's own attribute
      this.m.block(node, `\`${node.text}\` may be the whisper model of ${clsName} (\`self.${h.attr}\`), read from outside the class`);
    }
  }

  private followFunction(h: Holder & { kind: 'func' }): void {
    const def = h.def;
    const name = def.get('name')!.text;
    if (/^async\b/.test(def.text)) return this.m.block(def, `${name}() is async; the codemod does not follow models through coroutines`);
    const body = def.get('body')!;
    const inOwnBody = (n: PyNode) => n.ancestor('function_definition', 'lambda') === def;
    if (body.find('yield').some(inOwnBody)) return this.m.block(def, `${name}() is a generator; the codemod does not follow models through it`);
    for (const r of body.find('return_statement').filter(inOwnBody)) {
      const value = r.namedChildren[0];
      if (value) this.deferredValues.push({ value, what: `the value ${name}() returns`, at: r });
    }
    const cls = classOfMethod(def);
    if (cls) {
      for (const a of selfAttributeAccesses(cls, name, this.m.mod.analysis)) {
        const call = a.node.parent;
        if (a.context === 'load' && call?.type === 'call' && a.node.field === 'function') this.flowInto(call, h.key);
        else this.m.block(a.node, `the method ${name}() returns a whisper model and is used here other than by calling it`);
      }
      return;
    }
    const scope = this.m.mod.analysis.scopeOf(def);
    const bindings = scope.bindingsOf(name);
    if (bindings.length !== 1) return this.m.block(def, `${name}() returns a whisper model, and \`${name}\` is also bound elsewhere`);
    for (const use of scope.usesOf(name)) {
      const call = use.node.parent;
      if (call?.type === 'call' && use.node.field === 'function') this.flowInto(call, h.key);
      else this.m.block(use.node, `${name}() returns a whisper model and is used here other than by calling it`);
    }
    if (scope.kind === 'module') this.m.exports.push({ name, ...this.m.mod.tree.lines.position(def.start) });
  }

  checkDeferred(): void {
    for (const d of this.deferredValues) {
      const v = d.value ? unwrapParens(d.value) : undefined;
      if (!v || v.type === 'none' || this.modelExprs.has(v.id)) continue;
      this.m.block(v, `${d.what} holds a whisper model but is also given \`${v.text.split('\n')[0].slice(0, 60)}\``);
    }
  }

  resolveFunctionTranscribes(): void {
    for (const t of this.functionTranscribes) {
      const args = callArguments(t.call);
      const modelArg = args.find((a) => a.kind === 'positional') ?? keywordArgument(args, 'model');
      const model = modelArg?.value;
      if (!model || !this.modelExprs.has(model.id)) {
        this.m.block(t.call, 'whisper.transcribe is given a model the codemod cannot trace to whisper.load_model in this file');
        continue;
      }
      this.sites.push({ call: t.call, model, style: 'function', group: this.modelExprs.get(model.id)!, imp: t.imp });
    }
  }

  /** `x.transcribe(...)` on something that may be a whisper model from elsewhere. */
  noteUntracedTranscribes(): void {
    const siteCalls = new Set(this.sites.map((s) => s.call.id));
    for (const call of this.m.mod.tree.root.find('call')) {
      const fn = call.get('function');
      if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'transcribe' || siteCalls.has(call.id)) continue;
      const obj = fn.get('object')!;
      if (this.modelExprs.has(obj.id)) continue;
      const root = obj.type === 'attribute' ? obj.get('object') : obj;
      if (root?.type !== 'identifier') continue;
      const { bindings } = this.m.mod.analysis.resolve(root);
      if (bindings.some((b) => b.kind === 'parameter')) {
        this.m.note(call, `\`${obj.text}.transcribe(...)\`: the codemod cannot tell whether \`${obj.text}\` is a whisper model (it comes from a caller); left unchanged`);
      }
    }
  }
}
