/**
 * One Python file from openai-whisper to faster-whisper. The file is analysed first: every use of
 * the whisper module, every model made by load_model followed to where it is used (locals,
 * globals, `self.<attr>`, functions returning it), every transcribe call and the uses of its
 * result. Only when everything is understood are edits produced; otherwise the file stays as it
 * is and each obstacle becomes a review item. Never half-migrated.
 */
import type { Edit, FileContext, ReviewNote, SourceFile, TransformResult } from '../../src/engine/types.js';
import { ArgumentEditor, callArguments, keywordArgument, type Argument } from '../../src/python/arguments.js';
import { classOfMethod, methodsOf, selfAttributeAccesses } from '../../src/python/assignments.js';
import { EditSet, enclosingStatement, freshName, isAloneOnLines, lineEnd, removeStatement, rewriteImport } from '../../src/python/edit.js';
import { importOf, qualifiedName, type ImportedName } from '../../src/python/imports.js';
import { constantValue, pyString, stringValue } from '../../src/python/literals.js';
import { pythonModule, type PythonModule } from '../../src/python/module.js';
import type { Scope } from '../../src/python/scopes.js';
import type { PyNode } from '../../src/python/tree.js';
import { languageCode, MODEL_NAMES, RENAMED_TRANSCRIBE_ARGS, SAME_TRANSCRIBE_ARGS, unsupportedModelAttribute, unsupportedModuleAttribute } from './api.js';
import { outerParens, unwrapParens } from './parens.js';
import { withLiteralOptions } from './literal-options.js';
import { planResult } from './results.js';
import type { FileData, FileMigration, ImportSite, TranscribeSite } from './types.js';

export type FwName = 'WhisperModel' | 'decode_audio' | 'available_models';
const FW_ALIASES: Record<FwName, string> = { WhisperModel: 'FasterWhisperModel', decode_audio: 'fw_decode_audio', available_models: 'fw_available_models' };

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

const fileSets = new WeakMap<readonly string[], Set<string>>();

/** The project's file list as a set, built once per run (not once per file). */
function fileSet(files: readonly string[]): Set<string> {
  let set = fileSets.get(files);
  if (!set) fileSets.set(files, (set = new Set(files)));
  return set;
}

/** An expression that computes nothing (no call other than `torch.device(...)`): safe to evaluate earlier. */
function isPlainValue(node: PyNode): boolean {
  if (['identifier', 'string', 'integer', 'none', 'true', 'false'].includes(node.type)) return node.type !== 'string' || !node.text.startsWith('f');
  if (node.type === 'attribute') return isPlainValue(node.get('object')!);
  if (node.type === 'call') return /^(torch\.)?device$/.test(node.get('function')?.text ?? '') && callArguments(node).every((a) => isPlainValue(a.value));
  if (node.type === 'conditional_expression') return node.namedChildren.every((c, i) => i === 1 || isPlainValue(c));
  return false;
}

/** The statement just before `statement` in its block (comments skipped), if it is an expression statement. */
function creationStatementBefore(statement: PyNode | undefined): PyNode | undefined {
  const siblings = statement?.parent?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const prev = siblings[siblings.indexOf(statement!) - 1];
  return prev?.type === 'expression_statement' ? prev : undefined;
}

function isWhisperModule(imp: ImportedName): boolean {
  return imp.level === 0 && (imp.target === 'whisper' || imp.target.startsWith('whisper.'));
}

function inAnnotation(node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'type') return true;
    if (n.type === 'block' || n.type === 'module' || n.type.endsWith('_statement')) return false;
  }
  return false;
}

export class Migration implements FileMigration {
  readonly mod: PythonModule;
  readonly text: string;
  readonly edits: EditSet;
  readonly blockers: ReviewNote[] = [];
  readonly notes: ReviewNote[] = [];
  readonly taken = new Set<string>();
  readonly exports: FileData['exports'] = [];
  helperName: string | undefined;

  private readonly locals = new Map<FwName, string>();
  private readonly needs = new Map<PyNode, Set<FwName>>();
  private readonly modelExprs = new Map<number, string>();
  private readonly holders = new Map<string, Holder>();
  private readonly queue: Holder[] = [];
  private readonly uf = new UnionFind();
  private readonly creations: Array<{ call: PyNode; fn: PyNode; imp: ImportedName; group: string }> = [];
  readonly sites: TranscribeSite[] = [];
  private readonly functionTranscribes: Array<{ call: PyNode; fn: PyNode; imp: ImportedName }> = [];
  private readonly deferredValues: Array<{ value: PyNode | undefined; what: string; at: PyNode }> = [];
  /** `model.to(DEVICE)` calls on a model, planned into its creation's `device=`. */
  private readonly moves: Array<{ call: PyNode; model: PyNode; group: string }> = [];
  private readonly moveFor = new Map<number, { call: PyNode; device: PyNode }>();
  private readonly whisperImports: ImportedName[];

  constructor(readonly file: SourceFile, readonly ctx: FileContext) {
    this.mod = pythonModule(file);
    this.text = file.text;
    this.edits = new EditSet(this.text);
    this.whisperImports = this.mod.imports.names.filter(isWhisperModule);
  }

  block(node: PyNode, message: string): void {
    this.blockers.push(this.mod.noteAt(node, message));
  }

  note(node: PyNode, message: string): void {
    this.notes.push(this.mod.noteAt(node, message));
  }

  get options(): Readonly<Record<string, string>> {
    return this.ctx.options;
  }

  private importSites(): ImportSite[] {
    const out: ImportSite[] = [];
    const seen = new Set<PyNode>();
    for (const imp of this.whisperImports) {
      if (seen.has(imp.statement)) continue;
      seen.add(imp.statement);
      out.push({ ...this.mod.tree.lines.position(imp.statement.start), text: imp.statement.text.split('\n')[0] });
    }
    for (const s of this.mod.imports.stars) {
      if (s.level === 0 && (s.module === 'whisper' || s.module.startsWith('whisper.'))) {
        out.push({ ...this.mod.tree.lines.position(s.statement.start), text: s.statement.text.split('\n')[0] });
      }
    }
    for (const d of this.dynamicImports()) out.push({ ...this.mod.tree.lines.position(d.start), text: d.text.split('\n')[0] });
    return out.sort((a, b) => a.line - b.line);
  }

  /** `importlib.import_module("whisper")` and `__import__("whisper")`. */
  private dynamicImports(): PyNode[] {
    const out: PyNode[] = [];
    for (const call of this.mod.tree.root.find('call')) {
      const fn = call.get('function')?.text;
      if (fn !== '__import__' && fn !== 'importlib.import_module' && fn !== 'import_module') continue;
      const first = callArguments(call)[0];
      const name = stringValue(first?.value);
      if (name === 'whisper' || name?.startsWith('whisper.')) out.push(call);
    }
    return out;
  }

  run(): TransformResult {
    const sites = this.importSites();
    const data = (migrated: boolean): FileData => ({ whisperImports: sites, exports: migrated ? this.exports : [], migrated });
    for (const d of this.dynamicImports()) this.note(d, 'whisper is imported dynamically here; the codemod does not rewrite dynamic imports, so openai-whisper stays a dependency');
    const stars = this.mod.imports.stars.filter((s) => s.level === 0 && (s.module === 'whisper' || s.module.startsWith('whisper.')));
    if (this.whisperImports.length === 0 && stars.length === 0) return { review: this.notes, data: data(false) };

    for (const s of stars) this.block(s.statement, '`from whisper import *` hides which names are used');
    this.checkLocalWhisperModule();
    this.classifyModuleUses();
    this.drainHolders();
    this.checkDeferred();
    this.resolveFunctionTranscribes();
    this.planMoves();
    this.noteUntracedTranscribes();
    const computeTypes = this.planComputeTypes();
    // Planned even when the file is blocked already, so every obstacle is reported at once.
    for (const c of this.creations) this.planCreation(c, computeTypes.get(this.uf.find(c.group)));
    for (const s of this.sites) this.planTranscribeArguments(s);
    if (this.blockers.length === 0) for (const s of [...this.sites].sort((a, b) => a.call.start - b.call.start)) planResult(this, s);
    if (this.blockers.length > 0) {
      const review = this.blockers.map((b) => ({ ...b, message: `${b.message}; this file was left unchanged` }));
      return { review, data: data(false) };
    }
    this.planImports();
    this.noteDependencyMentions();
    this.collectExports();
    const edits: Edit[] = this.edits.finish();
    return { edits, review: this.notes, data: data(edits.length > 0) };
  }

  /** A project `whisper.py` or `whisper/` package next to the file or at the root shadows the library. */
  private checkLocalWhisperModule(): void {
    const dir = this.file.path.includes('/') ? this.file.path.slice(0, this.file.path.lastIndexOf('/') + 1) : '';
    const candidates = new Set([`${dir}whisper.py`, `${dir}whisper/__init__.py`, 'whisper.py', 'whisper/__init__.py', 'src/whisper.py', 'src/whisper/__init__.py']);
    const files = fileSet(this.ctx.project.files);
    for (const c of candidates) {
      if (files.has(c)) {
        this.block(this.whisperImports[0]?.statement ?? this.mod.tree.root, `the project has its own ${c}, so \`import whisper\` may import it rather than openai-whisper`);
        return;
      }
    }
  }

  /** The local name for a faster_whisper export, reusing a module-level import of it. */
  local(name: FwName, forImport: ImportedName): string {
    let local = this.locals.get(name);
    if (!local) {
      const existing = this.mod.imports.names.find((i) => i.kind === 'from' && i.level === 0 && i.module === 'faster_whisper' && i.name === name && i.scope === this.mod.analysis.module);
      if (existing) local = existing.bound;
      else {
        const clash = this.mod.analysis.namesSpelled(name).length > 0;
        local = clash ? freshName(this.mod.analysis, FW_ALIASES[name], this.taken) : name;
      }
      this.taken.add(local);
      this.locals.set(name, local);
    }
    const existingImport = this.mod.imports.names.some((i) => i.kind === 'from' && i.module === 'faster_whisper' && i.name === name && i.bound === local && i.scope === this.mod.analysis.module);
    if (!existingImport) {
      let set = this.needs.get(forImport.statement);
      if (!set) this.needs.set(forImport.statement, (set = new Set()));
      set.add(name);
    }
    return local;
  }

  private classifyModuleUses(): void {
    const seen = new Set<string>();
    for (const imp of this.whisperImports) {
      const scope = this.mod.analysis.lookup(imp.scope, imp.bound);
      if (!scope) continue;
      const key = `${scope.node.id}:${imp.bound}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const bindings = scope.bindingsOf(imp.bound);
      const foreign = bindings.find((b) => b.kind !== 'import' || importOf(b, this.mod.imports)?.target !== imp.target);
      if (foreign) {
        this.block(foreign.node, `\`${imp.bound}\` is bound to whisper (line ${imp.statement.line}) and to something else here, so its uses cannot be told apart`);
        continue;
      }
      for (const use of scope.usesOf(imp.bound)) this.classifyUse(use.node, imp);
    }
  }

  private classifyUse(identifier: PyNode, imp: ImportedName): void {
    let expr = identifier;
    const path: string[] = [];
    while (expr.parent?.type === 'attribute' && expr.field === 'object') {
      path.push(expr.parent.get('attribute')!.text);
      expr = expr.parent;
    }
    const qualified = [imp.target, ...path].join('.');
    const call = expr.parent?.type === 'call' && expr.field === 'function' ? expr.parent : undefined;
    const rest = qualified.slice('whisper.'.length);
    const isStore = expr.parent?.type === 'assignment' && expr.field === 'left';
    switch (qualified) {
      case 'whisper.load_model':
        if (!call) return this.block(expr, 'whisper.load_model is used as a value; only calls can be rewritten');
        this.local('WhisperModel', imp);
        this.creations.push({ call, fn: expr, imp, group: `c${call.id}` });
        this.flowInto(call, `c${call.id}`);
        return;
      case 'whisper.transcribe':
        if (!call) return this.block(expr, 'whisper.transcribe is used as a value; only calls can be rewritten');
        this.functionTranscribes.push({ call, fn: expr, imp });
        return;
      case 'whisper.load_audio':
      case 'whisper.audio.load_audio':
        if (!call) return this.block(expr, 'whisper.load_audio is used as a value; only calls can be rewritten');
        return this.planLoadAudio(call, expr, imp);
      case 'whisper.available_models':
        if (!call) return this.block(expr, 'whisper.available_models is used as a value; only calls can be rewritten');
        this.edits.replace(expr, this.local('available_models', imp));
        this.note(expr, 'faster_whisper.available_models() lists more names than openai-whisper (distil-* models); all openai-whisper names are accepted');
        return;
      case 'whisper.SAMPLE_RATE':
      case 'whisper.audio.SAMPLE_RATE':
        if (isStore) return this.block(expr, 'whisper.SAMPLE_RATE is assigned here');
        this.edits.replace(expr, '16000');
        return;
      case 'whisper.Whisper':
      case 'whisper.model.Whisper':
        if (inAnnotation(expr)) { this.edits.replace(expr, this.local('WhisperModel', imp)); return; }
        return this.block(expr, unsupportedModuleAttribute('Whisper'));
      default:
        if (qualified === 'whisper') return this.block(expr, 'the whisper module itself is used as a value here; the codemod cannot follow it');
        return this.block(expr, unsupportedModuleAttribute(rest.split('.')[0] === 'audio' && rest.includes('.') ? 'audio' : rest.split('.')[0]));
    }
  }

  private planLoadAudio(call: PyNode, fn: PyNode, imp: ImportedName): void {
    const args = new ArgumentEditor(this.text, call);
    for (const a of args.arguments) {
      if (a.kind === 'keyword' && a.name === 'file') args.rename(a, 'input_file');
      else if (a.kind === 'keyword' && a.name === 'sr') args.rename(a, 'sampling_rate');
      else if (a.kind !== 'positional') return this.block(a.node, `whisper.load_audio argument \`${a.node.text}\` cannot be mapped`);
    }
    this.edits.replace(fn, this.local('decode_audio', imp));
    this.edits.add(...args.edits());
  }

  // ---- following models -------------------------------------------------------------------

  private addHolder(h: Holder, group: string): void {
    this.uf.union(group, h.key);
    if (this.holders.has(h.key)) return;
    this.holders.set(h.key, h);
    this.queue.push(h);
  }

  /** A whisper model value is at `expr`: look at what happens to it. */
  private flowInto(expr: PyNode, group: string): void {
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
        if (name === 'transcribe') return this.block(p, `\`${p.text}\` is passed on as a function; the codemod rewrites only direct calls of transcribe`);
        if (name === 'to' && p.parent?.type === 'call' && p.field === 'function') {
          // `.to(device)` returns the model itself: the call is a model value too.
          this.moves.push({ call: p.parent, model: expr, group });
          this.flowInto(p.parent, group);
          return;
        }
        return this.block(p, unsupportedModelAttribute(name));
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
        return this.block(node, `the whisper model is passed to ${callee}(), which the codemod cannot follow`);
      }
      case 'assignment': {
        if (node.field !== 'right') break;
        if (p.parent?.type === 'assignment') return this.block(p, 'chained assignment of a whisper model');
        const left = p.get('left')!;
        if (left.type === 'identifier') {
          const scope = this.mod.analysis.resolve(left).scope;
          if (!scope) return this.block(left, 'cannot tell where this name is bound');
          if (scope.kind === 'class') return this.block(left, 'a whisper model stored as a class attribute is not followed');
          this.addHolder({ kind: 'name', key: `n${scope.node.id}:${left.text}`, scope, name: left.text, node: left }, group);
          return;
        }
        const selfAttr = this.selfAttribute(left);
        if (selfAttr) {
          this.addHolder({ kind: 'attr', key: `a${selfAttr.cls.id}:${selfAttr.attr}`, cls: selfAttr.cls, attr: selfAttr.attr }, group);
          return;
        }
        return this.block(left, `the whisper model is stored in \`${left.text}\`, which the codemod cannot follow`);
      }
      case 'return_statement': {
        const def = p.ancestor('function_definition', 'lambda', 'class_definition');
        if (def?.type !== 'function_definition') return this.block(p, 'the whisper model is returned where the codemod cannot follow it');
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
    this.block(node, `the whisper model is used here (\`${p.text.split('\n')[0].slice(0, 60)}\`) in a way the codemod cannot follow`);
  }

  /** `self.<attr>` where `self` is the instance parameter of a method: its class and attribute. */
  private selfAttribute(node: PyNode): { cls: PyNode; attr: string } | undefined {
    if (node.type !== 'attribute') return undefined;
    const obj = node.get('object');
    const attr = node.get('attribute')?.text;
    if (obj?.type !== 'identifier' || !attr) return undefined;
    const { bindings } = this.mod.analysis.resolve(obj);
    if (bindings.length !== 1 || bindings[0].kind !== 'parameter') return undefined;
    const def = bindings[0].scope.node;
    if (def.type !== 'function_definition') return undefined;
    const cls = classOfMethod(def);
    if (!cls) return undefined;
    const method = methodsOf(cls).find((m) => m.node === def);
    return method?.self === obj.text ? { cls, attr } : undefined;
  }

  private drainHolders(): void {
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
      else this.block(b.node, `\`${h.name}\` holds a whisper model and is also bound here (${b.kind}), so its uses cannot be told apart`);
    }
    for (const use of h.scope.usesOf(h.name)) this.flowInto(use.node, h.key);
    if (h.scope.kind === 'module') this.exports.push({ name: h.name, ...this.mod.tree.lines.position(h.node.start) });
  }

  private followAttribute(h: Holder & { kind: 'attr' }): void {
    const accesses = selfAttributeAccesses(h.cls, h.attr, this.mod.analysis);
    const ids = new Set(accesses.map((a) => a.node.id));
    for (const a of accesses) {
      if (a.context === 'store') {
        if (a.value) this.deferredValues.push({ value: a.value, what: `\`self.${h.attr}\``, at: a.node });
        else this.block(a.node, `\`self.${h.attr}\` holds a whisper model and is assigned here in a way the codemod cannot follow`);
      } else if (a.context === 'load') this.flowInto(a.node, h.key);
    }
    const classScope = this.mod.analysis.scopeCreatedBy(h.cls);
    for (const b of classScope?.bindingsOf(h.attr) ?? []) {
      if (b.kind === 'assignment') this.deferredValues.push({ value: b.value, what: `\`${h.attr}\``, at: b.node });
      else this.block(b.node, `\`${h.attr}\` is also defined in the class body`);
    }
    const clsName = h.cls.get('name')?.text ?? '';
    for (const other of this.mod.tree.root.find('class_definition')) {
      const bases = other.get('superclasses');
      if (other !== h.cls && bases && bases.namedChildren.some((b) => b.text === clsName)) {
        this.block(other, `class ${other.get('name')?.text} inherits ${clsName}, whose \`self.${h.attr}\` holds a whisper model; subclasses are not followed`);
      }
    }
    for (const node of this.mod.tree.root.find('attribute')) {
      if (ids.has(node.id) || node.get('attribute')?.text !== h.attr) continue;
      if (this.selfAttribute(node)) continue; // another class's own attribute
      this.block(node, `\`${node.text}\` may be the whisper model of ${clsName} (\`self.${h.attr}\`), read from outside the class`);
    }
  }

  private followFunction(h: Holder & { kind: 'func' }): void {
    const def = h.def;
    const name = def.get('name')!.text;
    if (/^async\b/.test(def.text)) return this.block(def, `${name}() is async; the codemod does not follow models through coroutines`);
    const body = def.get('body')!;
    const inOwnBody = (n: PyNode) => n.ancestor('function_definition', 'lambda') === def;
    if (body.find('yield').some(inOwnBody)) return this.block(def, `${name}() is a generator; the codemod does not follow models through it`);
    for (const r of body.find('return_statement').filter(inOwnBody)) {
      const value = r.namedChildren[0];
      if (value) this.deferredValues.push({ value, what: `the value ${name}() returns`, at: r });
    }
    const cls = classOfMethod(def);
    if (cls) {
      for (const a of selfAttributeAccesses(cls, name, this.mod.analysis)) {
        const call = a.node.parent;
        if (a.context === 'load' && call?.type === 'call' && a.node.field === 'function') this.flowInto(call, h.key);
        else this.block(a.node, `the method ${name}() returns a whisper model and is used here other than by calling it`);
      }
      return;
    }
    const scope = this.mod.analysis.scopeOf(def);
    const bindings = scope.bindingsOf(name);
    if (bindings.length !== 1) return this.block(def, `${name}() returns a whisper model, and \`${name}\` is also bound elsewhere`);
    for (const use of scope.usesOf(name)) {
      const call = use.node.parent;
      if (call?.type === 'call' && use.node.field === 'function') this.flowInto(call, h.key);
      else this.block(use.node, `${name}() returns a whisper model and is used here other than by calling it`);
    }
    if (scope.kind === 'module') this.exports.push({ name, ...this.mod.tree.lines.position(def.start) });
  }

  private checkDeferred(): void {
    for (const d of this.deferredValues) {
      const v = d.value ? unwrapParens(d.value) : undefined;
      if (!v || v.type === 'none' || this.modelExprs.has(v.id)) continue;
      this.block(v, `${d.what} holds a whisper model but is also given \`${v.text.split('\n')[0].slice(0, 60)}\``);
    }
  }

  private resolveFunctionTranscribes(): void {
    for (const t of this.functionTranscribes) {
      const args = callArguments(t.call);
      const modelArg = args.find((a) => a.kind === 'positional') ?? keywordArgument(args, 'model');
      const model = modelArg?.value;
      if (!model || !this.modelExprs.has(model.id)) {
        this.block(t.call, 'whisper.transcribe is given a model the codemod cannot trace to whisper.load_model in this file');
        continue;
      }
      this.sites.push({ call: t.call, model, style: 'function', group: this.modelExprs.get(model.id)!, imp: t.imp });
    }
  }

  /** `x.transcribe(...)` on something that may be a whisper model from elsewhere. */
  private noteUntracedTranscribes(): void {
    const siteCalls = new Set(this.sites.map((s) => s.call.id));
    for (const call of this.mod.tree.root.find('call')) {
      const fn = call.get('function');
      if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'transcribe' || siteCalls.has(call.id)) continue;
      const obj = fn.get('object')!;
      if (this.modelExprs.has(obj.id)) continue;
      const root = obj.type === 'attribute' ? obj.get('object') : obj;
      if (root?.type !== 'identifier') continue;
      const { bindings } = this.mod.analysis.resolve(root);
      if (bindings.some((b) => b.kind === 'parameter')) {
        this.note(call, `\`${obj.text}.transcribe(...)\`: the codemod cannot tell whether \`${obj.text}\` is a whisper model (it comes from a caller); left unchanged`);
      }
    }
  }

  // ---- arguments ----------------------------------------------------------------------------

  /** compute_type per model group: the option, or what the transcribe calls' fp16 says. */
  private planComputeTypes(): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    const option = this.options.compute_type;
    const byGroup = new Map<string, Array<{ site: TranscribeSite; fp16?: Argument }>>();
    for (const s of this.sites) {
      const g = this.uf.find(s.group);
      if (!byGroup.has(g)) byGroup.set(g, []);
      byGroup.get(g)!.push({ site: s, fp16: keywordArgument(callArguments(s.call), 'fp16') });
    }
    for (const c of this.creations) {
      const g = this.uf.find(c.group);
      if (option && option !== 'default') { out.set(g, option); continue; }
      const uses = byGroup.get(g) ?? [];
      // A module constant (`USE_FP16 = False`) counts as its value.
      const values = uses.map((u) => (u.fp16 ? this.constantFlag(unwrapParens(u.fp16.value)) : true));
      const other = uses.find((u, i) => u.fp16 && values[i] !== true && values[i] !== false);
      if (other) {
        this.block(other.fp16!.node, 'fp16 is not a literal True or False, so the compute_type for WhisperModel cannot be chosen; pass --option compute_type=...');
        continue;
      }
      if (values.length > 0 && values.every((v) => v === false)) out.set(g, 'float32');
      else if (values.some((v) => v === false)) {
        const f = uses.find((u, i) => values[i] === false)!;
        this.block(f.fp16!.node, 'transcribe calls on this model disagree on fp16, which faster-whisper sets once per model (compute_type); pass --option compute_type=... to choose');
      }
    }
    return out;
  }

  /** Follows a name bound once at module level (`DEVICE = ...`) to its value expression. */
  private constantValueNode(node: PyNode, depth = 0): PyNode {
    if (node.type !== 'identifier' || depth > 3) return node;
    const { scope, bindings } = this.mod.analysis.resolve(node);
    if (scope?.kind !== 'module' || bindings.length !== 1 || bindings[0].kind !== 'assignment' || !bindings[0].value) return node;
    return this.constantValueNode(unwrapParens(bindings[0].value), depth + 1);
  }

  /** True/False/None, also through a module-level name every assignment of which gives that same literal. */
  private constantFlag(node: PyNode): boolean | null | undefined {
    if (node.type !== 'identifier') return constantValue(node);
    const { scope, bindings } = this.mod.analysis.resolve(node);
    if (scope?.kind !== 'module' || bindings.length === 0 || bindings.some((b) => b.kind !== 'assignment' || !b.value)) return undefined;
    const values = new Set(bindings.map((b) => constantValue(unwrapParens(b.value!))));
    return values.size === 1 ? [...values][0] : undefined;
  }

  /** A module-level `NAME = "literal"` constant's value. */
  private constantString(node: PyNode): string | undefined {
    const direct = stringValue(node);
    if (direct !== undefined || node.type !== 'identifier') return direct;
    const { scope, bindings } = this.mod.analysis.resolve(node);
    if (scope?.kind !== 'module' || bindings.length !== 1 || bindings[0].kind !== 'assignment') return undefined;
    return stringValue(bindings[0].value);
  }

  /**
   * `load_model(...).to(DEVICE)`, or `model = model.to(DEVICE)` / `model.to(DEVICE)` as the
   * statement right after `model = load_model(...)`: the model ends up on DEVICE, which is what
   * `WhisperModel(..., device=DEVICE)` does. Anywhere else `.to()` moves a loaded model at run
   * time, which a CTranslate2 model cannot do.
   */
  private planMoves(): void {
    const why = unsupportedModelAttribute('to');
    for (const move of this.moves) {
      const fn = move.call.get('function')!;
      const args = callArguments(move.call);
      const device = args.length === 1 && (args[0].kind === 'positional' || args[0].name === 'device') ? args[0].value : undefined;
      const root = this.uf.find(move.group);
      const creations = this.creations.filter((c) => this.uf.find(c.group) === root);
      if (!device || creations.length !== 1 || this.moveFor.has(creations[0].call.id) || !isPlainValue(unwrapParens(device))) {
        this.block(fn, `${why} (here it moves the model in a way that cannot become WhisperModel(device=...))`);
        continue;
      }
      const creation = creations[0].call;
      const object = unwrapParens(fn.get('object')!);
      if (object === creation) {
        // `load_model(...).to(DEVICE)`: drop `.to(DEVICE)`.
        this.edits.add({ start: outerParens(creation).end, end: move.call.end, text: '' });
        this.moveFor.set(creation.id, { call: move.call, device });
        continue;
      }
      const statement = enclosingStatement(move.call);
      const expression = statement?.type === 'expression_statement' && statement.namedChildren.length === 1 ? statement.namedChildren[0] : undefined;
      const created = creationStatementBefore(statement);
      const createdName = created?.namedChildren[0]?.type === 'assignment' ? created.namedChildren[0].get('left') : undefined;
      const movesInPlace = expression === outerParens(move.call);
      const reassigns = expression?.type === 'assignment' && unwrapParens(expression.get('right')!) === move.call
        && expression.get('left')?.type === 'identifier' && expression.get('left')!.text === object.text;
      const createdHere = createdName?.type === 'identifier' && createdName.text === object.text && object.type === 'identifier'
        && unwrapParens(created!.namedChildren[0].get('right')!) === creation;
      if (!statement || !(movesInPlace || reassigns) || !createdHere || !isAloneOnLines(this.text, statement)) {
        this.block(fn, `${why} (here it moves the model after other code ran; load it on that device instead)`);
        continue;
      }
      this.edits.add(removeStatement(this.text, statement));
      this.moveFor.set(creation.id, { call: move.call, device });
    }
  }

  private planCreation(c: { call: PyNode; fn: PyNode; imp: ImportedName }, computeType: string | undefined): void {
    const args = new ArgumentEditor(this.text, c.call);
    const deviceOption = this.options.device;
    let hasDevice = false;
    for (const a of args.arguments) {
      const role = a.kind === 'keyword' ? a.name : a.kind === 'positional' ? ['name', 'device', 'download_root', 'in_memory'][a.index!] : undefined;
      if (a.kind === 'splat' || a.kind === 'double-splat') { this.block(a.node, 'load_model options passed through * or ** cannot be mapped'); continue; }
      switch (role) {
        case 'name': {
          const value = this.constantString(a.value);
          if (value === undefined) {
            this.note(a.value, `check that \`${a.value.text}\` names a model size (tiny ... large-v3, turbo) or a CTranslate2 model folder: openai-whisper .pt checkpoints must be converted first (ct2-transformers-converter)`);
          } else if (!MODEL_NAMES.has(value)) {
            this.block(a.value, `"${value}" is an openai-whisper checkpoint, which faster-whisper cannot load; convert it to CTranslate2 first (ct2-transformers-converter --model ... --output_dir ...) and load that folder`);
          }
          if (a.kind === 'keyword') args.replaceArgument(a, this.edits.render(a.value));
          break;
        }
        case 'device':
          hasDevice = true;
          this.planDevice(args, a, deviceOption);
          break;
        case 'download_root':
          if (a.kind === 'positional') args.replaceArgument(a, `download_root=${this.edits.render(a.value)}`);
          break;
        case 'in_memory':
          args.remove(a);
          this.note(a.node, 'in_memory has no faster-whisper equivalent (removed): CTranslate2 loads the model into memory itself');
          break;
        default:
          this.block(a.node, `load_model argument \`${a.node.text.split('=')[0]}\` has no faster-whisper equivalent`);
      }
    }
    const move = this.moveFor.get(c.call.id);
    if (move) {
      if (hasDevice) this.block(move.call, 'the model is loaded with a device and then moved with .to(); give WhisperModel the final device by hand');
      else if (deviceOption && deviceOption !== 'keep') {
        this.note(move.call, `\`.to(${move.device.text})\` removed: --option device=${deviceOption} chooses the device`);
      } else {
        args.add(`device=${this.edits.render(move.device)}`);
        hasDevice = true;
        this.planMovedDevice(args, move.device);
      }
    }
    if (!hasDevice && deviceOption && deviceOption !== 'keep' && deviceOption !== 'auto') args.add(`device=${pyString(deviceOption)}`);
    if (computeType) args.add(`compute_type=${pyString(computeType)}`);
    this.edits.replace(c.fn, this.local('WhisperModel', c.imp));
    this.edits.add(...args.edits());
  }

  private planDevice(args: ArgumentEditor, a: Argument, option: string | undefined): void {
    if (option && option !== 'keep') {
      const old = this.constantString(a.value);
      if (old !== option) this.note(a.value, `device ${old === undefined ? `\`${a.value.text}\`` : `"${old}"`} replaced by "${option}" (--option device=${option})`);
      args.setValue(a, pyString(option));
      return;
    }
    const v = this.constantValueNode(unwrapParens(a.value));
    if (v.type === 'none') {
      if (v === unwrapParens(a.value)) args.remove(a);
      return;
    }
    let literal = stringValue(v);
    const torchDevice = v.type === 'call' && /^(torch\.)?device$/.test(v.get('function')?.text ?? '');
    if (torchDevice) {
      const inner = callArguments(v);
      if (inner.length === 1) literal = stringValue(inner[0].value);
    }
    if (literal === undefined) {
      if (v.type === 'conditional_expression') {
        const branches = v.namedChildren.filter((_, i) => i !== 1).map((b) => stringValue(b));
        if (branches.every((b) => b === 'cpu' || b === 'cuda')) return;
      }
      this.note(a.value, `check that \`${a.value.text}\` is "cpu", "cuda" or "auto": faster-whisper accepts no "cuda:N" (use device_index=N) and no "mps"`);
      return;
    }
    const cuda = /^cuda(?::(\d+))?$/.exec(literal);
    if (literal !== 'cpu' && !cuda) return this.block(a.value, `device "${literal}" is not supported by faster-whisper (cpu, cuda or auto)`);
    // faster-whisper takes the device as a plain string and the GPU number separately.
    if (torchDevice || cuda?.[1] !== undefined) args.setValue(a, pyString(literal === 'cpu' ? 'cpu' : 'cuda'));
    if (cuda?.[1] !== undefined) args.add(`device_index=${cuda[1]}`);
  }

  /** Checks the device a model was moved to (now `device=` of WhisperModel), as planDevice does for a given one. */
  private planMovedDevice(args: ArgumentEditor, device: PyNode): void {
    const v = this.constantValueNode(unwrapParens(device));
    let literal = stringValue(v);
    const torchDevice = v.type === 'call' && /^(torch\.)?device$/.test(v.get('function')?.text ?? '');
    if (torchDevice) {
      const inner = callArguments(v);
      if (inner.length === 1) literal = stringValue(inner[0].value);
    }
    if (literal === undefined) {
      if (v.type === 'conditional_expression') {
        const branches = v.namedChildren.filter((_, i) => i !== 1).map((b) => stringValue(b));
        if (branches.every((b) => b === 'cpu' || b === 'cuda')) return;
      }
      this.note(device, `check that \`${device.text}\` is "cpu", "cuda" or "auto": faster-whisper accepts no "cuda:N" (use device_index=N) and no "mps"`);
      return;
    }
    const cuda = /^cuda(?::(\d+))?$/.exec(literal);
    if (literal !== 'cpu' && !cuda) return this.block(device, `device "${literal}" is not supported by faster-whisper (cpu, cuda or auto)`);
    if (torchDevice || cuda?.[1] !== undefined) this.block(device, `device \`${device.text}\` would need device="cuda" and device_index=N; write WhisperModel's device by hand`);
  }

  private planTranscribeArguments(site: TranscribeSite): void {
    const args = new ArgumentEditor(this.text, site.call);
    const positionalAudio = site.style === 'function' ? 1 : 0;
    let hasBeam = false;
    let hasBestOf = false;
    let temperatureZero = false;
    for (const a of args.arguments) {
      if (site.style === 'function' && a.value === site.model) { args.remove(a); continue; }
      if (a.kind === 'splat' || a.kind === 'double-splat') { this.block(a.node, `transcribe options passed through \`${a.node.text}\` cannot be mapped`); continue; }
      if (a.kind === 'positional') {
        if (a.index !== positionalAudio) this.block(a.node, 'unexpected positional argument to transcribe');
        continue;
      }
      const name = a.name!;
      const value = unwrapParens(a.value);
      switch (name) {
        case 'fp16':
          args.remove(a);
          continue;
        case 'verbose':
          args.remove(a);
          if (constantValue(value) !== false && constantValue(value) !== null) {
            this.note(a.node, 'verbose printed each segment in openai-whisper; faster-whisper prints nothing (removed): print inside the loop over segments if the output is needed');
          }
          continue;
        case 'prompt':
          args.remove(a);
          this.note(a.node, 'prompt had no effect in openai-whisper\'s transcribe (it sets the prompt for every window itself), so it was removed; pass initial_prompt= to give a prompt');
          continue;
        case 'prefix':
          this.block(a.node, 'prefix applies to every 30-second window in openai-whisper but only to the first in faster-whisper');
          continue;
        case 'carry_initial_prompt':
          if (constantValue(value) === false) args.remove(a);
          else this.block(a.node, 'carry_initial_prompt has no faster-whisper equivalent');
          continue;
        case 'length_penalty':
          if (constantValue(value) === null) args.remove(a);
          else this.block(a.node, 'length_penalty means a length-normalization alpha in openai-whisper and an exponential penalty in faster-whisper');
          continue;
        case 'suppress_tokens': {
          const s = stringValue(value);
          if (s !== undefined) {
            const ids = s.split(',').map((t) => t.trim()).filter(Boolean);
            if (ids.every((t) => /^-?\d+$/.test(t))) args.setValue(a, `[${ids.map((t) => String(Number(t))).join(', ')}]`);
            else this.block(a.node, 'suppress_tokens is not a comma-separated list of token ids');
          } else if (!['list', 'tuple', 'none'].includes(value.type)) {
            this.block(a.node, 'suppress_tokens is not a literal; faster-whisper needs a list of token ids, openai-whisper also took a comma-separated string');
          }
          continue;
        }
        case 'beam_size':
          hasBeam = true;
          if (value.type === 'none') args.setValue(a, '1');
          continue;
        case 'best_of':
          hasBestOf = true;
          if (value.type === 'none') args.setValue(a, '1');
          continue;
        case 'patience':
          if (value.type === 'none') args.remove(a);
          continue;
        case 'language':
          this.planLanguage(args, a, site);
          continue;
        case 'temperature':
          temperatureZero = value.type === 'integer' || value.type === 'float' ? Number(value.text) === 0 : false;
          continue;
        default:
          if (name in RENAMED_TRANSCRIBE_ARGS) { args.rename(a, RENAMED_TRANSCRIBE_ARGS[name]); continue; }
          if (SAME_TRANSCRIBE_ARGS.has(name) || (site.style === 'function' && name === 'model')) continue;
          this.block(a.node, `transcribe argument ${name} has no faster-whisper equivalent`);
      }
    }
    if (this.options.decoding !== 'library') {
      // openai-whisper's Python API decodes greedily unless told otherwise; faster-whisper uses beam 5.
      if (!hasBeam) args.add('beam_size=1');
      if (!hasBestOf && !temperatureZero) args.add('best_of=1');
    }
    if (site.style === 'function') {
      const fn = site.call.get('function')!;
      this.edits.replace(fn, `${this.edits.render(site.model)}.transcribe`);
    }
    this.edits.add(...args.edits());
  }

  /**
   * openai-whisper takes a language code or name in any case ("Spanish", "EN"); faster-whisper
   * only a lower-case code and raises ValueError for anything else. Literals (and module
   * constants) are mapped; any other expression gets a note.
   */
  private planLanguage(args: ArgumentEditor, a: Argument, site: TranscribeSite): void {
    const value = unwrapParens(a.value);
    if (value.type === 'none') return;
    const given = this.constantString(value);
    if (given === undefined) {
      this.note(a.value, `check that \`${a.value.text}\` holds a language code ("es"), not a name ("Spanish") or an upper-case code: openai-whisper accepted both, faster-whisper raises ValueError`);
      return;
    }
    const code = languageCode(given);
    if (code === undefined || code === given) return;
    const quote = /^[a-zA-Z]*'/.test(value.text) ? "'" : '"';
    args.setValue(a, pyString(code, quote));
    site.languageAs = given;
    if (value.type !== 'string') this.note(a.value, `\`${a.value.text}\` is "${given}", which faster-whisper does not accept: passed as "${code}" here; update the constant if other code reads it`);
  }

  // ---- imports and the rest ----------------------------------------------------------------

  private planImports(): void {
    const statements = new Map<PyNode, ImportedName[]>();
    for (const imp of this.whisperImports) {
      if (!statements.has(imp.statement)) statements.set(imp.statement, []);
      statements.get(imp.statement)!.push(imp);
    }
    const order: FwName[] = ['WhisperModel', 'decode_audio', 'available_models'];
    // A name already imported by an earlier statement of the same scope whose block encloses this
    // one is bound here already (`import whisper` and `from whisper import load_model` together).
    const emitted: Array<{ statement: PyNode; scope: Scope; names: Set<FwName> }> = [];
    const boundBefore = (statement: PyNode, scope: Scope, name: FwName): boolean => emitted.some((e) => e.scope === scope
      && e.statement.start < statement.start && e.names.has(name) && e.statement.parent !== null && statement.within(e.statement.parent));
    for (const [statement, imps] of [...statements].sort((a, b) => a[0].start - b[0].start)) {
      const scope = imps[0].scope;
      const wanted = order.filter((n) => this.needs.get(statement)?.has(n));
      emitted.push({ statement, scope, names: new Set(wanted) });
      const needed = wanted.filter((n) => !boundBefore(statement, scope, n));
      const names = needed.map((n) => (this.locals.get(n) === n ? n : `${n} as ${this.locals.get(n)}`));
      const add = names.length ? [`from faster_whisper import ${names.join(', ')}`] : [];
      this.edits.add(...rewriteImport(this.text, statement, imps.map((i) => i.node), add));
    }
  }

  /** Strings that name the old dependency (error messages, install hints). */
  private noteDependencyMentions(): void {
    for (const s of this.mod.tree.root.find('string')) {
      if (/openai[-_]whisper/i.test(s.text)) this.note(s, 'this text mentions openai-whisper; update it if it refers to the dependency');
    }
  }

  private collectExports(): void {
    const seen = new Set<string>();
    for (let i = this.exports.length - 1; i >= 0; i--) {
      if (seen.has(this.exports[i].name)) this.exports.splice(i, 1);
      else seen.add(this.exports[i].name);
    }
  }

  /** The name of the helper that builds openai-whisper's result dict; added once per file. */
  resultHelper(): string {
    if (this.helperName) return this.helperName;
    this.helperName = freshName(this.mod.analysis, '_whisper_result', this.taken);
    this.taken.add(this.helperName);
    const i = this.file.indent;
    const body = [
      `def ${this.helperName}(segments, info):`,
      `${i}"""openai-whisper's result dict, built from faster-whisper's segments and info (added by repolish)."""`,
      `${i}segments = [`,
      `${i}${i}{`,
      `${i}${i}${i}"id": s.id - 1,`,
      `${i}${i}${i}"seek": s.seek,`,
      `${i}${i}${i}"start": s.start,`,
      `${i}${i}${i}"end": s.end,`,
      `${i}${i}${i}"text": s.text,`,
      `${i}${i}${i}"tokens": s.tokens,`,
      `${i}${i}${i}"temperature": s.temperature,`,
      `${i}${i}${i}"avg_logprob": s.avg_logprob,`,
      `${i}${i}${i}"compression_ratio": s.compression_ratio,`,
      `${i}${i}${i}"no_speech_prob": s.no_speech_prob,`,
      `${i}${i}${i}**({"words": [{"word": w.word, "start": w.start, "end": w.end, "probability": w.probability} for w in s.words]}`,
      `${i}${i}${i}${i}if s.words is not None else {}),`,
      `${i}${i}}`,
      `${i}${i}for s in segments`,
      `${i}]`,
      `${i}return {"text": "".join(s["text"] for s in segments), "segments": segments, "language": info.language}`,
    ];
    // After the module's leading imports (the whisper import's replacement included), before any code.
    const top = this.mod.tree.root.namedChildren;
    let anchor: PyNode | undefined;
    for (const s of top) {
      if (s.type === 'comment') continue;
      if (s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') { anchor = s; continue; }
      if (!anchor && s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string' && s === top.find((t) => t.type !== 'comment')) { anchor = s; continue; }
      if (s.type === 'try_statement' && !anchor) { anchor = s; continue; }
      break;
    }
    if (anchor) {
      const at = lineEnd(this.text, anchor.end);
      const rest = this.text.slice(at);
      const newlines = (/^(?:\r?\n)*/.exec(rest)![0].match(/\n/g) ?? []).length;
      const extra = rest.length === 0 ? 0 : Math.max(0, 3 - newlines);
      this.edits.add({ start: at, end: at, text: `\n\n\n${body.join('\n')}${'\n'.repeat(extra)}` });
    } else {
      const first = top.find((t) => t.type !== 'comment');
      const at = first ? first.start : this.text.length;
      this.edits.add({ start: at, end: at, text: `${body.join('\n')}\n\n\n` });
    }
    return this.helperName;
  }

  private readonly allocated: Array<{ scope: PyNode; name: string; uses: readonly PyNode[] }> = [];

  /**
   * A new local name for a function (or module) scope, given where the new name will be read:
   * unused in that scope's code (anywhere in the file, at module level), and not clashing with a
   * name given to an enclosing or nested scope where one of them is read inside the other.
   */
  freshIn(base: string, scope: PyNode, uses: readonly PyNode[]): string {
    const isModule = scope.type === 'module';
    const clashes = (a: { scope: PyNode; uses: readonly PyNode[] }): boolean => {
      if (a.scope === scope) return true;
      if (scope.within(a.scope)) return a.uses.some((u) => u.within(scope));
      if (a.scope.within(scope)) return uses.some((u) => u.within(a.scope));
      return false;
    };
    const usedHere = (name: string): boolean => {
      if (isModule && (this.taken.has(name) || this.mod.analysis.module.bindings.has(name))) return true;
      if (this.allocated.some((a) => a.name === name && clashes(a))) return true;
      return this.mod.analysis.namesSpelled(name).some((ref) => isModule || ref.node.within(scope));
    };
    let name = base;
    for (let i = 2; usedHere(name) || this.helperName === name; i++) name = `${base}_${i}`;
    this.allocated.push({ scope, name, uses });
    return name;
  }

  /** Gives back a name from freshIn that was not used after all. */
  release(name: string, scope: PyNode): void {
    const i = this.allocated.findIndex((a) => a.name === name && a.scope === scope);
    if (i !== -1) this.allocated.splice(i, 1);
  }
}

export function migrate(file: SourceFile, ctx: FileContext): TransformResult {
  if (!/\bwhisper\b/.test(file.text)) return { data: { whisperImports: [], exports: [], migrated: false } satisfies FileData };
  return withLiteralOptions(file, (f) => new Migration(f, ctx).run());
}
