/**
 * Which functions, methods and routes exist only for Ollama, which classes wrap its client, and
 * which code is Ollama only under another name (LiteLLM's "ollama/..." models, the OpenAI SDK
 * pointed at port 11434): that code is reported, never removed.
 */
import { stringValue } from '../../../src/python/literals.js';
import type { Scope } from '../../../src/python/scopes.js';
import type { PyNode } from '../../../src/python/tree.js';
import { OLLAMA_PORT, OTHER_PROVIDER, mentionsOllama, namedForOllama } from '../names.js';
import { calleeName, dottedName, isConfigLike, isLiteLlmModel, isOllamaName, type Markers, type PyContext } from './context.js';
import { ollamaAtom } from './conditions.js';

export interface Protected {
  node: PyNode;
  kind: 'litellm' | 'openai-at-ollama' | 'wrapper';
  /** Class name for wrappers, model string for LiteLLM. */
  detail: string;
}

const OPENAI_CLIENTS = /^(OpenAI|AsyncOpenAI|AzureOpenAI|ChatOpenAI|OpenAIEmbeddings|AzureChatOpenAI)$/;
const ROUTE_DECORATOR = /^(route|get|post|put|patch|delete|websocket|api_route|add_api_route)$/;

/** The decorated_definition of a def, or the def itself. */
export function definitionStatement(def: PyNode): PyNode {
  return def.parent?.type === 'decorated_definition' ? def.parent : def;
}

/** Route paths of a function's decorators (`@bp.get("/ollama/models")`). */
export function routePaths(def: PyNode): string[] {
  const holder = def.parent;
  if (holder?.type !== 'decorated_definition') return [];
  const out: string[] = [];
  for (const d of holder.namedChildren) {
    if (d.type !== 'decorator') continue;
    const call = d.namedChildren.find((c) => c.type === 'call');
    if (!call || !ROUTE_DECORATOR.test(calleeName(call) ?? '')) continue;
    const first = call.get('arguments')?.namedChildren[0];
    const v = first ? stringValue(first) : undefined;
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** Code that talks to Ollama under another name, and classes wrapping its client. */
export function findProtected(ctx: PyContext, markers: Markers): Protected[] {
  const out: Protected[] = [];
  for (const s of ctx.nodes('string')) {
    if (isLiteLlmModel(s)) out.push({ node: s.parent?.type === 'keyword_argument' ? s.parent : s, kind: 'litellm', detail: stringValue(s) ?? s.text });
  }
  for (const call of ctx.nodes('call')) {
    if (!OPENAI_CLIENTS.test(calleeName(call) ?? '')) continue;
    const args = call.get('arguments');
    if (!args) continue;
    const atOllama = args.namedChildren.some((a) => {
      const v = a.type === 'keyword_argument' ? a.get('value') : a;
      if (!v) return false;
      if (v.find('string').some((s) => OLLAMA_PORT.test(s.text) || /ollama/i.test(s.text))) return true;
      return v.find('identifier', 'attribute').some((n) => (n.type === 'identifier' ? namedForOllama(n.text) : false));
    });
    if (atOllama) out.push({ node: call, kind: 'openai-at-ollama', detail: calleeName(call)! });
  }
  for (const cls of ctx.nodes('class_definition')) {
    const name = cls.get('name')?.text ?? '';
    const body = cls.get('body');
    if (!body) continue;
    const usesOllama = [...body.walk()].some((n) => n.type === 'identifier' && isOllamaName(ctx, n));
    const extendsOllama = (cls.get('superclasses')?.namedChildren ?? []).some((s) => markers.has(s));
    if (!usesOllama && !extendsOllama && !namedForOllama(name)) continue;
    if (!namedForOllama(name) && !extendsOllama) {
      // A class with Ollama-named methods or provider switches is multi-provider code: its parts are handled one by one.
      const methods = body.namedChildren.map((s) => (s.type === 'decorated_definition' ? s.get('definition') : s)).filter((d) => d?.type === 'function_definition') as PyNode[];
      if (methods.some((m) => namedForOllama(m.get('name')?.text ?? ''))) continue;
      if ([...body.walk()].some((n) => ollamaAtom(ctx, n) !== undefined)) continue;
    }
    out.push({ node: definitionStatement(cls), kind: 'wrapper', detail: name });
  }
  return out;
}

/** Calls that only read, format or log: they do not make a function about something else. */
const BENIGN_CALLEE = /^(str|int|float|bool|len|dict|list|tuple|set|sorted|min|max|sum|any|all|abs|round|enumerate|range|zip|map|filter|isinstance|hasattr|getattr|repr|print|format|next|iter|type|super|jsonify|make_response|abort|Response|JSONResponse|HTTPException|ValueError|RuntimeError|KeyError|TypeError|Exception|ConnectionError|TimeoutError|HTTPError)$/;
const BENIGN_DOTTED = /^(logging|logger|log|_logger|LOGGER|LOG|current_app\.logger|app\.logger|json|time|datetime|request|flask|os\.path|os\.environ|os|re|math|st|console)\b/;

export interface FunctionVerdict {
  ollamaOnly: boolean;
  named: boolean;
  /** Why it is not Ollama-only (a foreign call), for messages. */
  foreign?: PyNode;
  /** A named function's path that does not use Ollama (a fallback model, another server): the function stays. */
  fallback?: PyNode;
}

/**
 * Whether a function exists only for Ollama: named for it (or routed at an Ollama path) and not
 * mentioning another provider, or every call in its body talks to Ollama or only reads, formats
 * and logs, with at least one Ollama call.
 */
export function judgeFunction(ctx: PyContext, markers: Markers, def: PyNode, removed: (n: PyNode) => boolean = () => false): FunctionVerdict {
  const name = def.get('name')?.text ?? '';
  const body = def.get('body');
  if (!body) return { ollamaOnly: false, named: false };
  const named = (namedForOllama(name) || routePaths(def).some((p) => namedForOllama(p))) && !OTHER_PROVIDER.test(name);
  if (named) {
    const otherProvider = [...body.walk()].find((n) => (n.type === 'identifier' || n.type === 'string') && OTHER_PROVIDER.test(n.text) && !mentionsOllama(n.text));
    const fallback = otherProvider ? undefined : nonOllamaPath(ctx, markers, def, removed);
    return { ollamaOnly: !otherProvider && !fallback, named: true, foreign: otherProvider ?? fallback, fallback };
  }
  // With replace-with=openai, a function that talks to Ollama is rewritten, not removed.
  if (ctx.replaceWith === 'openai') return { ollamaOnly: false, named: false };
  const scope = ctx.analysis.scopeCreatedBy(def);
  if (!scope) return { ollamaOnly: false, named: false };
  const locals = taintedLocals(ctx, markers, scope, body);
  // A registry with Ollama among other providers (`{"openai": A, "ollama": B}[name]()`) is not Ollama's.
  for (const c of body.find('dictionary', 'list', 'tuple', 'set')) {
    const items = c.namedChildren.filter((i) => i.type !== 'comment');
    if (items.length > 1 && items.some((i) => markers.has(i, locals, scope)) && items.some((i) => !markers.has(i, locals, scope))) return { ollamaOnly: false, named: false, foreign: c };
  }
  let ollamaCalls = 0;
  for (const call of body.find('call')) {
    if (removed(call)) continue;
    const fn = call.get('function')!;
    const args = (call.get('arguments')?.namedChildren ?? []).filter((a) => !removed(a));
    if (markers.has(fn, locals, scope) || args.some((a) => markers.has(a, locals, scope))) { ollamaCalls++; continue; }
    if (benignCall(ctx, call, scope)) continue;
    return { ollamaOnly: false, named: false, foreign: call };
  }
  for (const a of body.find('assignment', 'augmented_assignment')) {
    if (removed(a)) continue;
    const left = a.get('left');
    if (!left || left.type === 'identifier') continue;
    // self.x = ..., CACHE[k] = ...: state outside the function
    const right = a.get('right');
    if (!(markers.has(left, locals, scope) || (right && markers.has(right, locals, scope)))) return { ollamaOnly: false, named: false, foreign: a };
  }
  // Every statement says something about Ollama (a docstring, `pass` and bare returns aside).
  for (const st of body.namedChildren) {
    if (removed(st)) continue;
    if (st.type === 'pass_statement') continue;
    if (st.type === 'expression_statement' && st.namedChildren[0]?.type === 'string') continue;
    if (st.type === 'return_statement' && (st.namedChildren.length === 0 || isConfigLike(st.namedChildren[0]))) continue;
    if (!markers.has(st, locals, scope)) return { ollamaOnly: false, named: false, foreign: st };
  }
  for (const g of body.find('global_statement', 'nonlocal_statement')) {
    if (!g.namedChildren.every((n) => namedForOllama(n.text))) return { ollamaOnly: false, named: false, foreign: g };
  }
  return { ollamaOnly: ollamaCalls > 0, named: false };
}

/** Blocks and branches that run only on some paths: where a fallback to something other than Ollama lives. */
const CONDITIONAL = new Set(['block', 'except_clause', 'else_clause', 'elif_clause', 'case_clause', 'conditional_expression', 'boolean_operator']);
/** Calls that report or give up rather than stand in for Ollama. */
const GIVING_UP = /^(traceback|sys|warnings)\b/;

/**
 * A call returned on a conditional path of a function (in an `except`, `else` or `if` block, a
 * conditional expression, the right of `or`) that neither uses Ollama nor only reads, formats or
 * logs: a fallback (`except ...: return LlamaCpp(...)`, a request to another server). A function named for
 * Ollama with such a path serves the program without Ollama too, so it is never removed whole.
 */
function nonOllamaPath(ctx: PyContext, markers: Markers, def: PyNode, removed: (n: PyNode) => boolean): PyNode | undefined {
  const body = def.get('body');
  const scope = ctx.analysis.scopeCreatedBy(def);
  if (!body || !scope) return undefined;
  const locals = taintedLocals(ctx, markers, scope, body);
  for (const call of body.find('call')) {
    if (removed(call)) continue;
    const fn = call.get('function')!;
    if (markers.has(fn, locals, scope) || (call.get('arguments')?.namedChildren ?? []).some((a) => markers.has(a, locals, scope))) continue;
    if (benignCall(ctx, call, scope) || GIVING_UP.test(dottedName(fn) ?? '')) continue;
    // Only what a conditional path of this function (not of a nested one) returns: a side effect on one path is no fallback.
    let returned = false;
    let conditional = false;
    for (let n = call.parent; n && n !== body; n = n.parent) {
      if (n.type === 'function_definition' || n.type === 'lambda') { returned = false; break; }
      if (n.type === 'return_statement' || n.type === 'yield') returned = true;
      if (n.type === 'boolean_operator' && n.get('operator')?.text !== 'or') continue;
      if (n.type === 'block' && n.parent?.type !== 'if_statement') continue;
      if (CONDITIONAL.has(n.type)) conditional = true;
    }
    if (returned && conditional) return call;
  }
  return undefined;
}

function benignCall(ctx: PyContext, call: PyNode, scope: Scope): boolean {
  const fn = call.get('function')!;
  const dotted = dottedName(fn);
  if (dotted && (BENIGN_CALLEE.test(dotted) || BENIGN_DOTTED.test(dotted))) return true;
  if (fn.type === 'attribute') {
    // Methods of local values and literals: data.get(...), ", ".join(...), str(e).lower()
    let root = fn.get('object');
    while (root && (root.type === 'attribute' || root.type === 'call' || root.type === 'subscript')) {
      root = root.type === 'attribute' ? root.get('object') : root.type === 'call' ? root.get('function') : root.get('value');
    }
    if (!root) return false;
    if (root.type === 'string' || root.type === 'list' || root.type === 'dictionary' || root.type === 'parenthesized_expression') return true;
    if (root.type === 'identifier' && ctx.analysis.isName(root)) {
      const resolved = ctx.analysis.resolve(root);
      if (resolved.scope === scope && root.text !== 'self' && root.text !== 'cls') return true;
      if (BENIGN_CALLEE.test(root.text) || BENIGN_DOTTED.test(root.text)) return true;
    }
  }
  return false;
}

/** Names bound in a function from values that mention Ollama, to a fixed point. */
export function taintedLocals(ctx: PyContext, markers: Markers, scope: Scope, body: PyNode): Set<string> {
  const locals = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, bindings] of scope.bindings) {
      if (locals.has(name)) continue;
      const tainted = bindings.some((b) => {
        if (!b.node.within(body)) return false;
        if (b.kind === 'assignment' || b.kind === 'walrus') return b.value !== undefined && markers.has(b.value, locals, scope);
        if (b.kind === 'for') { const right = b.statement.get('right'); return right !== undefined && markers.has(right, locals, scope); }
        if (b.kind === 'with') return markers.has(b.statement, locals, scope);
        if (b.kind === 'augmented') return markers.has(b.statement, locals, scope);
        return false;
      });
      if (tainted) { locals.add(name); changed = true; }
    }
  }
  return locals;
}

/** Whether a call talks to Ollama directly: its callee is (an attribute of) an Ollama import or a module-level Ollama client. */
export function callsOllamaApi(ctx: PyContext, markers: Markers, call: PyNode): boolean {
  let fn: PyNode | undefined = call.get('function');
  while (fn?.type === 'attribute') fn = fn.get('object');
  while (fn?.type === 'call') {
    fn = fn.get('function');
    while (fn?.type === 'attribute') fn = fn.get('object');
  }
  return fn?.type === 'identifier' && markers.isMarker(fn) && !namedForOllamaHelper(fn.text, ctx, fn);
}

/** A project function named for Ollama (called, not the client itself). */
function namedForOllamaHelper(name: string, ctx: PyContext, id: PyNode): boolean {
  if (!namedForOllama(name)) return false;
  return ctx.analysis.resolve(id).bindings.some((b) => b.kind === 'function');
}

/** Logging or printing that mentions Ollama (`logger.info("Using Ollama at %s", OLLAMA_URL)`). */
export function isOllamaLogCall(ctx: PyContext, markers: Markers, call: PyNode): boolean {
  const dotted = dottedName(call.get('function')) ?? '';
  if (!/^(print|(\w+\.)*(logger|logging|log|_logger|LOGGER|LOG)\.(debug|info|warning|warn|error|exception|critical|log))$/.test(dotted)) return false;
  const args = call.get('arguments');
  if (!args) return false;
  // Only what says Ollama itself (a message, an Ollama setting or client), not values that merely came from one.
  return [...args.walk()].some((n) => (n.type === 'string' && markers.isMarker(n))
    || (n.type === 'identifier' && ctx.analysis.isName(n) && (namedForOllama(n.text) || isOllamaName(ctx, n)) && markers.isMarker(n)));
}


/** Logging or printing whose message alone mentions Ollama (`print("Ollama client not installed")`). */
export function isOllamaProseLogCall(call: PyNode): boolean {
  const dotted = dottedName(call.get('function')) ?? '';
  if (!/^(print|(\w+\.)*(logger|logging|log|_logger|LOGGER|LOG)\.(debug|info|warning|warn|error|exception|critical|log))$/.test(dotted)) return false;
  const args = call.get('arguments');
  return !!args && [...args.walk()].some((n) => n.type === 'string' && mentionsOllama(n.text));
}
