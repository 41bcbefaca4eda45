/**
 * What the Python transforms share about one file: the tree, scopes and imports, which names are
 * Ollama's, and whether an expression mentions Ollama at all (a "marker").
 */
import type { EditPlan } from '../edit-plan.js';
import { collectImports, type FileImports, type ImportedName } from '../../../src/python/imports.js';
import { stringValue } from '../../../src/python/literals.js';
import { analyzeScopes, type Binding, type Scope, type ScopeAnalysis } from '../../../src/python/scopes.js';
import { PyTree, type NativeTree, type PyNode } from '../../../src/python/tree.js';
import { LITELLM_MODEL, isOllamaValue, mentionsOllama, namedForOllama } from '../names.js';

export type OllamaImportKind = 'client' | 'langchain' | 'other';

export interface PyContext {
  text: string;
  tree: PyTree;
  analysis: ScopeAnalysis;
  imports: FileImports;
  /** Imports of Ollama's client, its LangChain classes, or any module or name named for Ollama. */
  ollamaImports: Map<ImportedName, OllamaImportKind>;
  replaceWith: 'none' | 'openai';
  plan: EditPlan;
  /** Every node of these types, in source order (one walk of the tree, shared by all passes over it). */
  nodes(...types: string[]): PyNode[];
}

/** What an Ollama import brings in. */
export function classifyImport(imp: ImportedName): OllamaImportKind | undefined {
  const module = imp.module;
  const parts = module.split('.');
  if (imp.level === 0 && (parts[0] === 'ollama')) return 'client';
  if (imp.level === 0 && parts[0] === 'langchain_ollama') return 'langchain';
  const langchain = imp.level === 0 && /^(langchain|langchain_community|langchain_experimental|llama_index)$/.test(parts[0]);
  if (langchain && (parts.some((p) => namedForOllama(p)) || (imp.name !== null && namedForOllama(imp.name)))) return 'langchain';
  if (parts.some((p) => namedForOllama(p))) return 'other';
  if (imp.name !== null && namedForOllama(imp.name)) return 'other';
  if (imp.kind === 'import' && imp.alias && namedForOllama(imp.alias)) return undefined;
  return undefined;
}

export function makeContext(text: string, native: NativeTree | undefined, replaceWith: 'none' | 'openai', plan: EditPlan): PyContext {
  const tree = new PyTree(text, native);
  const analysis = analyzeScopes(tree);
  const imports = collectImports(analysis);
  const ollamaImports = new Map<ImportedName, OllamaImportKind>();
  for (const imp of imports.names) {
    const kind = classifyImport(imp);
    if (kind) ollamaImports.set(imp, kind);
  }
  let byType: Map<string, PyNode[]> | undefined;
  const nodes = (...types: string[]): PyNode[] => {
    if (!byType) {
      byType = new Map();
      for (const n of tree.root.walk()) {
        const list = byType.get(n.type);
        if (list) list.push(n);
        else byType.set(n.type, [n]);
      }
    }
    if (types.length === 1) return byType.get(types[0]) ?? [];
    return types.flatMap((t) => byType!.get(t) ?? []).sort((a, b) => a.start - b.start);
  };
  return { text, tree, analysis, imports, ollamaImports, replaceWith, plan, nodes };
}

/** The import an identifier's binding comes from, if it is an Ollama import. */
export function ollamaImportOf(ctx: PyContext, binding: Binding): ImportedName | undefined {
  if (binding.kind !== 'import') return undefined;
  for (const imp of ctx.ollamaImports.keys()) {
    if (imp.scope === binding.scope && imp.bound === binding.name && imp.statement === binding.statement) return imp;
  }
  return undefined;
}

/** Whether an identifier (a name) refers to an Ollama import. */
export function isOllamaName(ctx: PyContext, identifier: PyNode): boolean {
  if (!ctx.analysis.isName(identifier)) return false;
  return ctx.analysis.resolve(identifier).bindings.some((b) => ollamaImportOf(ctx, b) !== undefined);
}

/**
 * Text meant for people (it has blanks: "Running the Ollama bot...", f"Ollama error: {e}") rather
 * than an endpoint, a key or a setting name ("http://localhost:11434", "OLLAMA_HOST").
 */
export function isProse(value: string): boolean {
  return /\s/.test(value.trim());
}

/** Node types of string literals. */
export function isStringNode(node: PyNode): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

/** The text of a string literal's content (f-strings included, for mentions only). */
export function stringText(node: PyNode): string {
  return stringValue(node) ?? node.text;
}

/** A LiteLLM model name routed to Ollama ("ollama/llama3"). */
export function isLiteLlmModel(node: PyNode): boolean {
  if (node.type !== 'string') return false;
  const v = stringValue(node);
  return v !== undefined && LITELLM_MODEL.test(v);
}

/** The statement-level node (direct child of a block or the module) holding `node`. */
export function statementOf(node: PyNode): PyNode | undefined {
  for (let n: PyNode | null = node; n; n = n.parent) {
    const p = n.parent;
    if (p && (p.type === 'block' || p.type === 'module') && n.type !== 'comment') return n;
  }
  return undefined;
}

/** The callee's last name: `f` for `f()`, `g` for `a.b.g()`. */
export function calleeName(call: PyNode): string | undefined {
  const fn = call.get('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.get('attribute')?.text;
  return undefined;
}

/** The dotted text of a callee made of names and attributes (`os.environ.get`), else undefined. */
export function dottedName(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const obj = dottedName(node.get('object'));
    const attr = node.get('attribute')?.text;
    return obj && attr ? `${obj}.${attr}` : undefined;
  }
  return undefined;
}

/** Keyword arguments of a call by name. */
export function keywordArgs(call: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const a of call.get('arguments')?.namedChildren ?? []) {
    if (a.type !== 'keyword_argument') continue;
    const name = a.get('name')?.text;
    if (name) out.set(name, a);
  }
  return out;
}

/** Positional arguments of a call (no splats). */
export function positionalArgs(call: PyNode): PyNode[] {
  return (call.get('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
}

/**
 * Marker detection: whether an expression mentions Ollama. Names bound by Ollama imports, names,
 * attributes and keywords named for Ollama, strings mentioning it or its port, and module-level
 * names whose value does. LiteLLM model names are not markers: that code is only reported.
 */
export class Markers {
  private readonly moduleTaint = new Map<Binding, boolean>();
  private readonly busy = new Set<Binding>();

  /** Code that is Ollama under another name (reported only): never a marker, never a reason to remove anything. */
  private protectedNodes: readonly PyNode[] = [];

  constructor(private readonly ctx: PyContext) {}

  setProtected(nodes: readonly PyNode[]): void {
    this.protectedNodes = nodes;
    this.moduleTaint.clear();
  }

  private isProtected(n: PyNode): boolean {
    return this.protectedNodes.some((p) => n.within(p));
  }

  /** Whether `node` mentions Ollama; `locals` are names (of the enclosing function) known to hold Ollama things. */
  has(node: PyNode, locals?: ReadonlySet<string>, scope?: Scope): boolean {
    for (const n of node.walk()) {
      if (this.isMarker(n, locals, scope)) return true;
    }
    return false;
  }

  /**
   * A choice between Ollama and something else (`ChatOpenAI(...) if prod else Ollama(...)`): the
   * value is not Ollama's, and it is not removed with Ollama (its other branch is a real model).
   */
  mixedChoice(value: PyNode): boolean {
    let v = value;
    while (v.type === 'parenthesized_expression' && v.namedChildren.length === 1) v = v.namedChildren[0];
    if (v.type !== 'conditional_expression') return false;
    const [body, , orelse] = v.namedChildren;
    if (!body || !orelse) return false;
    return this.has(body) !== this.has(orelse);
  }

  /** The first marker node inside `node`. */
  first(node: PyNode, locals?: ReadonlySet<string>, scope?: Scope): PyNode | undefined {
    for (const n of node.walk()) if (this.isMarker(n, locals, scope)) return n;
    return undefined;
  }

  isMarker(n: PyNode, locals?: ReadonlySet<string>, scope?: Scope): boolean {
    if ((n.type === 'identifier' || n.type === 'string') && this.protectedNodes.length && this.isProtected(n)) return false;
    switch (n.type) {
      case 'identifier': {
        const parent = n.parent;
        if (parent?.type === 'attribute' && n.field === 'attribute') return namedForOllama(n.text);
        if (parent?.type === 'keyword_argument' && n.field === 'name') return namedForOllama(n.text);
        if (!this.ctx.analysis.isName(n)) return false;
        if (locals?.has(n.text) && (!scope || this.ctx.analysis.resolve(n).scope === scope)) return true;
        const { bindings } = this.ctx.analysis.resolve(n);
        if (bindings.some((b) => ollamaImportOf(this.ctx, b))) return true;
        if (namedForOllama(n.text)) return !this.holdsSomethingElse(bindings);
        return bindings.some((b) => b.scope === this.ctx.analysis.module && this.moduleTainted(b));
      }
      case 'string': {
        if (isLiteLlmModel(n)) return false;
        const v = stringText(n);
        // The provider's name as a value ("ollama") is what switches test, not an Ollama thing in itself;
        // prose (a label, a log message, an error text) is never evidence of use.
        return mentionsOllama(v) && !isOllamaValue(v) && !isProse(v);
      }
      default:
        return false;
    }
  }

  /** A name spelled like Ollama's but bound (only) to something else: `ollama = ChatOpenAI(...)`. */
  holdsSomethingElse(bindings: readonly Binding[]): boolean {
    if (bindings.length === 0) return false;
    return bindings.every((b) => {
      if (b.kind === 'import') return !ollamaImportOf(this.ctx, b) && !namedForOllamaImport(this.ctx, b);
      if (b.kind !== 'assignment' || !b.value) return false;
      const v = b.value;
      return v.type === 'call' && !this.has(v.get('function')!) && !isConfigLike(v) && !this.has(v);
    });
  }

  private moduleTainted(b: Binding): boolean {
    const known = this.moduleTaint.get(b);
    if (known !== undefined) return known;
    if (this.busy.has(b)) return false;
    this.busy.add(b);
    let tainted = false;
    if ((b.kind === 'assignment' || b.kind === 'annotation') && b.value) tainted = this.has(b.value) && !this.mixedChoice(b.value);
    this.busy.delete(b);
    this.moduleTaint.set(b, tainted);
    return tainted;
  }
}

function namedForOllamaImport(ctx: PyContext, b: Binding): boolean {
  return ctx.imports.names.some((i) => i.statement === b.statement && i.bound === b.name && classifyImport(i) !== undefined);
}

/** Settings-like values: literals, f-strings, environment and config lookups, and combinations of them. */
export function isConfigLike(node: PyNode): boolean {
  switch (node.type) {
    case 'string': case 'concatenated_string': case 'integer': case 'float': case 'true': case 'false': case 'none':
      return true;
    case 'unary_operator':
      return isConfigLike(node.namedChildren.at(-1)!);
    case 'parenthesized_expression':
      return node.namedChildren.every(isConfigLike);
    case 'binary_operator':
    case 'boolean_operator':
      return node.namedChildren.every((c) => isConfigLike(c) || c.type === 'identifier' || c.type === 'attribute');
    case 'tuple': case 'list': case 'set':
      return node.namedChildren.every(isConfigLike);
    case 'dictionary':
      return node.namedChildren.every((p) => p.type === 'pair' && isConfigLike(p.get('value')!));
    case 'call': {
      const callee = dottedName(node.get('function')) ?? '';
      const args = node.get('arguments')?.namedChildren ?? [];
      const simpleArgs = args.every((a) => a.type === 'keyword_argument' ? isConfigLike(a.get('value')!) || a.get('value')!.type === 'identifier' : isConfigLike(a) || a.type === 'identifier' || a.type === 'attribute');
      if (/^(os\.getenv|os\.environ\.get|getenv|environ\.get|int|float|str|bool)$/.test(callee)) return simpleArgs;
      if (/\.(get|getenv|getint|getfloat|getboolean)$/.test(callee) && /^(os|config|settings|app\.config|current_app\.config|cfg|conf|env|environ)\b/i.test(callee)) return simpleArgs;
      if (/\.(lower|upper|strip|rstrip|lstrip|casefold)$/.test(callee)) return isConfigLike(node.get('function')!.get('object')!);
      return false;
    }
    case 'subscript': {
      const value = dottedName(node.get('value'));
      return value !== undefined && /^(os\.environ|environ|config|settings|app\.config|current_app\.config)$/.test(value);
    }
    default:
      return false;
  }
}
