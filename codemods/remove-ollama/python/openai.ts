/**
 * replace-with=openai: code that keeps talking to a model after the Ollama branches are gone is
 * rewritten for OpenAI instead of being reported. LangChain's Ollama classes become their
 * langchain_openai counterparts; `ollama.chat` / `generate` / `embed` / `embeddings` calls become
 * calls of the openai client, with their results read the OpenAI way (`.choices[0].message.content`
 * instead of `["message"]["content"]`). Parameters map as in the reference table; what has no
 * OpenAI equivalent is dropped with a review item. A call whose result is used in a way the
 * mapping does not cover is left alone and reported: never half-migrated.
 */
import type { Edit, ReviewNote } from '../../../src/engine/types.js';
import { freshName } from '../../../src/python/edit.js';
import type { ImportedName } from '../../../src/python/imports.js';
import { stringValue } from '../../../src/python/literals.js';
import type { Binding } from '../../../src/python/scopes.js';
import type { PyNode } from '../../../src/python/tree.js';
import { indentationAt, lineStart } from '../../../src/text/lines.js';
import { removeSeparatedItems } from '../../../src/text/separated.js';
import { insertedLines, planFromImports } from '../../../src/python/import-plan.js';
import { ollamaImportOf, type Markers, type PyContext } from './context.js';
import type { Protected } from './functions.js';
import type { Removals } from './removals.js';

/** LangChain class -> langchain_openai class. */
const LANGCHAIN: Record<string, string> = { ChatOllama: 'ChatOpenAI', Ollama: 'OpenAI', OllamaLLM: 'OpenAI', OllamaEmbeddings: 'OpenAIEmbeddings' };

/** LangChain fields kept as they are. */
const SAME = new Set(['model', 'temperature', 'top_p', 'seed', 'stop', 'timeout', 'callbacks', 'verbose', 'tags', 'metadata', 'cache', 'presence_penalty', 'frequency_penalty']);
const RENAMED: Record<string, string> = { num_predict: 'max_tokens', headers: 'default_headers' };
/** Raw-client options kept as keyword arguments of chat.completions.create. */
const SAME_OPTIONS = new Set(['temperature', 'top_p', 'seed', 'stop', 'presence_penalty', 'frequency_penalty']);

const NO_EQUIVALENT: Record<string, string> = {
  num_ctx: 'the context length is set on the server, not per request',
  num_gpu: 'GPU placement is the provider\'s business',
  num_thread: 'threads are the provider\'s business',
  keep_alive: 'models are not loaded and unloaded by the client',
  mirostat: 'no Mirostat sampling', mirostat_eta: 'no Mirostat sampling', mirostat_tau: 'no Mirostat sampling',
  tfs_z: 'no tail-free sampling',
  repeat_last_n: 'use presence_penalty / frequency_penalty instead',
  repeat_penalty: 'use presence_penalty / frequency_penalty instead',
  top_k: 'OpenAI has no top_k',
  template: 'prompt templates are not applied by the server',
  raw: 'there is no raw mode',
  reasoning: 'the closest is reasoning_effort on reasoning models',
  think: 'the closest is reasoning_effort on reasoning models',
  validate_model_on_init: 'not needed',
  client_kwargs: 'pass default_headers / http_client instead',
  sync_client_kwargs: 'pass http_client instead',
  async_client_kwargs: 'pass http_async_client instead',
  auth: 'authentication is the API key',
  base_url: 'the client now uses OPENAI_BASE_URL or api.openai.com (set OPENAI_API_KEY)',
  host: 'the client now uses OPENAI_BASE_URL or api.openai.com (set OPENAI_API_KEY)',
  embed_instruction: 'OpenAI embeddings take no instruction prefix; re-embed stored vectors',
  query_instruction: 'OpenAI embeddings take no instruction prefix; re-embed stored vectors',
  truncate: 'inputs over the limit are an error, not truncated',
  show_progress: 'not supported',
};

type CallKind = 'chat' | 'generate' | 'embed' | 'embeddings';

/** A read of a result, rewritten around its base (the call, or the name holding the result). */
interface Read {
  start: number;
  end: number;
  baseEnd: number;
  build(base: string): string;
}

interface Rewrite {
  edits: Edit[];
  /** Edits that contain others (built with render). */
  outer: Edit[];
  notes: ReviewNote[];
}

/**
 * Plans the rewrite and, unless `dryRun`, adds its edits to the plan. Returns the ranges the rewrite
 * drops (arguments without an OpenAI equivalent), which the caller counts as removed code: a setting
 * used only there (`base_url=OLLAMA_BASE_URL`) then goes too.
 */
export function replaceWithOpenAI(ctx: PyContext, markers: Markers, removals: Removals, protectedParts: readonly Protected[], notes: ReviewNote[], dryRun = false, unreplaced: PyNode[] = []): Array<{ start: number; end: number }> {
  void markers;
  const { analysis, plan } = ctx;
  const insideProtected = (n: PyNode) => protectedParts.some((p) => n.within(p.node));
  const pos = (n: PyNode) => ctx.tree.lines.position(n.start);
  const note = (n: PyNode, message: string) => notes.push({ ...pos(n), message });
  const imports = new Map<string, Set<string>>(); // module -> names to import
  const need = (module: string, name: string) => { const s = imports.get(module) ?? new Set(); s.add(name); imports.set(module, s); };
  let clientName: string | undefined;
  const client = () => {
    clientName ??= freshName(analysis, 'openai_client');
    return clientName;
  };
  const leaves: Edit[] = [];
  const outers: Read[] = [];

  /** Uses of an import binding that stay after the removals. */
  const keptUses = (imp: ImportedName): PyNode[] => imp.scope.usesOf(imp.bound)
    .filter((r) => analysis.resolve(r.node).bindings.some((b) => ollamaImportOf(ctx, b) === imp))
    .map((r) => r.node)
    .filter((n) => !removals.isRemoved(n) && !insideProtected(n));

  const fullyRewritten: ImportedName[] = [];

  // LangChain classes.
  for (const [imp, kind] of ctx.ollamaImports) {
    if (kind !== 'langchain' || imp.name === null) continue;
    const target = LANGCHAIN[imp.name];
    const uses = keptUses(imp);
    if (uses.length === 0) continue;
    if (!target) {
      unreplaced.push(...uses);
      for (const u of uses) note(u, `${imp.name} has no langchain_openai counterpart: rewrite this by hand`);
      continue;
    }
    let all = true;
    for (const u of uses) {
      const call = u.parent?.type === 'call' && u.field === 'function' ? u.parent : undefined;
      if (!call) {
        leaves.push({ start: u.start, end: u.end, text: target });
        continue;
      }
      const r = mapLangChainCall(ctx, call, imp.name, target);
      if (!r) { all = false; unreplaced.push(u); continue; }
      leaves.push(...r.edits);
      notes.push(...r.notes);
    }
    if (all) { fullyRewritten.push(imp); need('langchain_openai', target); }
  }

  // The ollama client: module functions, names imported from it, Client instances.
  for (const [imp, kind] of ctx.ollamaImports) {
    if (kind !== 'client') continue;
    const uses = keptUses(imp);
    if (uses.length === 0) continue;
    let all = true;
    for (const u of uses) {
      const handled = rewriteClientUse(u, imp);
      if (!handled) { all = false; unreplaced.push(u); }
    }
    if (all) fullyRewritten.push(imp);
  }

  function rewriteClientUse(u: PyNode, imp: ImportedName): boolean {
    // `import ollama`: ollama.chat(...), ollama.Client(...), except ollama.ResponseError
    let member: string | undefined;
    let callee: PyNode = u;
    if (imp.name === null) {
      const attr = u.parent?.type === 'attribute' && u.field === 'object' ? u.parent : undefined;
      if (!attr) { note(u, 'the ollama module is used as a value here: rewrite by hand'); return false; }
      member = attr.get('attribute')?.text;
      callee = attr;
    } else {
      member = imp.name;
    }
    if (member === 'ResponseError' || member === 'RequestError') {
      const replacement = member === 'ResponseError' ? 'APIStatusError' : 'APIError';
      need('openai', replacement);
      leaves.push({ start: callee.start, end: callee.end, text: replacement });
      note(callee, `ollama.${member} -> openai.${replacement}: its message is .message (not .error); connection failures raise openai.APIConnectionError`);
      return true;
    }
    const call = callee.parent?.type === 'call' && callee.field === 'function' ? callee.parent : undefined;
    if (member === 'Client') {
      if (!call) { note(callee, 'ollama.Client used as a value: rewrite by hand'); return false; }
      return rewriteClientConstruction(call);
    }
    if (member === 'AsyncClient') { note(callee, 'AsyncClient: rewrite with openai.AsyncOpenAI by hand'); return false; }
    if (!call) { note(callee, `ollama.${member} used as a value: rewrite by hand`); return false; }
    if (member === 'chat' || member === 'generate' || member === 'embed' || member === 'embeddings') {
      return rewriteCall(call, member, `${client()}`, callee);
    }
    note(call, `ollama.${member} has no OpenAI equivalent (only client.models.list()): remove or replace it by hand`);
    return false;
  }

  /** `c = ollama.Client(host=...)` -> `c = OpenAI()`, and `c.chat(...)` etc. rewritten. */
  function rewriteClientConstruction(call: PyNode): boolean {
    const assignment = call.parent;
    if (assignment?.type !== 'assignment' || assignment.get('right') !== call || assignment.get('left')?.type !== 'identifier') {
      note(call, 'an ollama.Client that is not assigned to a name: rewrite by hand');
      return false;
    }
    const name = assignment.get('left')!;
    const binding = analysis.resolve(name).bindings;
    if (binding.length !== 1) { note(call, `${name.text} is assigned more than once: rewrite by hand`); return false; }
    const scope = binding[0].scope;
    const uses = scope.usesOf(name.text).map((r) => r.node).filter((n) => !removals.isRemoved(n));
    const pending: Array<{ call: PyNode; method: string; attr: PyNode }> = [];
    for (const use of uses) {
      const attr = use.parent?.type === 'attribute' && use.field === 'object' ? use.parent : undefined;
      const method = attr?.get('attribute')?.text;
      const c = attr?.parent?.type === 'call' && attr.field === 'function' ? attr.parent : undefined;
      if (!attr || !c || !method || !['chat', 'generate', 'embed', 'embeddings'].includes(method)) {
        note(use, `${name.text} (an Ollama client) is used here in a way the OpenAI client does not support: rewrite by hand`);
        return false;
      }
      pending.push({ call: c, method, attr });
    }
    for (const p of pending) if (!canRewriteCall(p.call, p.method as CallKind)) return false;
    for (const arg of call.get('arguments')?.namedChildren ?? []) {
      const key = arg.type === 'keyword_argument' ? arg.get('name')!.text : 'host';
      note(arg, `${key} dropped: ${NO_EQUIVALENT.host}`);
    }
    need('openai', 'OpenAI');
    leaves.push({ start: call.start, end: call.end, text: 'OpenAI()' });
    for (const p of pending) rewriteCall(p.call, p.method as CallKind, name.text, p.attr);
    return true;
  }

  function canRewriteCall(call: PyNode, kind: CallKind): boolean {
    return planCall(call, kind, 'x') !== undefined;
  }

  /** Rewrites one call and the reads of its result; false (nothing changed) when any part cannot be mapped. */
  function rewriteCall(call: PyNode, kind: CallKind, clientExpr: string, callee: PyNode): boolean {
    const planned = planCall(call, kind, clientExpr);
    if (!planned) return false;
    need('openai', 'OpenAI');
    leaves.push({ start: callee.start, end: callee.end, text: planned.callee }, ...planned.argEdits);
    notes.push(...planned.notes);
    outers.push(...planned.resultEdits);
    return true;
  }

  /** The edits for a call, or undefined (with a review item) when it cannot be rewritten. */
  function planCall(call: PyNode, kind: CallKind, clientExpr: string): { callee: string; argEdits: Edit[]; resultEdits: Read[]; notes: ReviewNote[] } | undefined {
    const out: ReviewNote[] = [];
    const args = call.get('arguments')?.namedChildren ?? [];
    if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) { note(call, `ollama.${kind} with *args/**kwargs: the parameters cannot be mapped, rewrite by hand`); return undefined; }
    const positionalNames: Record<CallKind, string[]> = { chat: ['model', 'messages'], generate: ['model', 'prompt', 'suffix'], embed: ['model', 'input'], embeddings: ['model', 'prompt'] };
    const named = new Map<string, PyNode>();
    const positional = args.filter((a) => a.type !== 'keyword_argument');
    if (positional.length > positionalNames[kind].length) { note(call, `ollama.${kind}: unexpected positional arguments, rewrite by hand`); return undefined; }
    positional.forEach((a, i) => named.set(positionalNames[kind][i], a));
    for (const a of args) if (a.type === 'keyword_argument') named.set(a.get('name')!.text, a);
    const valueOf = (a: PyNode) => (a.type === 'keyword_argument' ? a.get('value')! : a);
    const blockers = ['tools', 'images', 'suffix', 'context', 'logprobs', 'top_logprobs', 'width', 'height', 'steps'];
    for (const b of blockers) {
      if (named.has(b)) { note(call, `ollama.${kind}(${b}=...) has no direct OpenAI mapping here${b === 'tools' ? ' (OpenAI returns tool arguments as a JSON string)' : ''}: rewrite by hand`); return undefined; }
    }
    const stream = named.get('stream');
    const streamValue = stream ? valueOf(stream).type : 'false';
    if (streamValue !== 'true' && streamValue !== 'false') { note(call, 'stream is not a literal True/False: rewrite by hand'); return undefined; }
    const streaming = streamValue === 'true';
    if (streaming && (kind === 'embed' || kind === 'embeddings')) return undefined;

    const edits: Edit[] = [];
    const dropped: PyNode[] = [];
    const replaceArg = (a: PyNode, text: string) => edits.push({ start: a.start, end: a.end, text });
    // Positional arguments become keywords.
    positional.forEach((a, i) => {
      const name = positionalNames[kind][i];
      if (kind === 'generate' && name === 'prompt') return; // rebuilt as messages below
      const target = (kind === 'embeddings' && name === 'prompt') ? 'input' : name;
      edits.push({ start: a.start, end: a.start, text: `${target}=` });
    });
    for (const [key, a] of named) {
      if (a.type !== 'keyword_argument') continue;
      if (key === 'model' || key === 'messages' || key === 'stream' || key === 'input' || key === 'dimensions') continue;
      if (key === 'prompt' && kind === 'generate') continue;
      if (key === 'prompt' && kind === 'embeddings') { edits.push({ start: a.get('name')!.start, end: a.get('name')!.end, text: 'input' }); continue; }
      if (key === 'system' && kind === 'generate') { dropped.push(a); continue; }
      if (key === 'format') {
        const v = valueOf(a);
        const s = stringValue(v);
        if (s === '') { dropped.push(a); continue; }
        if (s === 'json') replaceArg(a, 'response_format={"type": "json_object"}');
        else replaceArg(a, `response_format={"type": "json_schema", "json_schema": {"name": "response", "schema": ${ctx.plan.render(v.start, v.end)}}}`);
        continue;
      }
      if (key === 'options') {
        const v = valueOf(a);
        if (v.type === 'none') { dropped.push(a); continue; }
        if (v.type !== 'dictionary' || !v.namedChildren.every((p) => p.type === 'pair' && stringValue(p.get('key')) !== undefined)) {
          note(a, 'options is not a literal dictionary: its keys cannot be mapped, rewrite this call by hand');
          return undefined;
        }
        const mapped: string[] = [];
        for (const p of v.namedChildren) {
          const k = stringValue(p.get('key'))!;
          const val = ctx.plan.render(p.get('value')!.start, p.get('value')!.end);
          if (SAME_OPTIONS.has(k)) mapped.push(`${k}=${val}`);
          else if (k === 'num_predict') mapped.push(`max_completion_tokens=${val}`);
          else out.push({ ...pos(p), message: `${k} dropped: ${NO_EQUIVALENT[k] ?? 'OpenAI has no such parameter'}` });
        }
        if (mapped.length === 0) { dropped.push(a); continue; }
        const indent = indentationAt(ctx.text, a.start);
        const ownLine = /^[ \t]*$/.test(ctx.text.slice(lineStart(ctx.text, a.start), a.start));
        replaceArg(a, mapped.join(ownLine ? `,\n${indent}` : ', '));
        continue;
      }
      if (key === 'keep_alive' || key === 'think' || key === 'truncate') {
        out.push({ ...pos(a), message: `${key} dropped: ${NO_EQUIVALENT[key]}` });
        dropped.push(a);
        continue;
      }
      note(a, `ollama.${kind}(${key}=...) has no OpenAI mapping: rewrite this call by hand`);
      return undefined;
    }
    if (kind === 'generate') {
      const prompt = named.get('prompt');
      const system = named.get('system');
      if (!prompt) { note(call, 'ollama.generate without a prompt: rewrite by hand'); return undefined; }
      const p = ctx.plan.render(valueOf(prompt).start, valueOf(prompt).end);
      const messages = system
        ? `messages=[{"role": "system", "content": ${ctx.plan.render(valueOf(system).start, valueOf(system).end)}}, {"role": "user", "content": ${p}}]`
        : `messages=[{"role": "user", "content": ${p}}]`;
      replaceArg(prompt, messages);
    }
    edits.push(...deleteArguments(ctx.text, args, dropped));

    // Reads of the result.
    const results = planResults(call, kind, streaming);
    if (!results) return undefined;
    const calleeText = kind === 'chat' || kind === 'generate' ? `${clientExpr}.chat.completions.create` : `${clientExpr}.embeddings.create`;
    return { callee: calleeText, argEdits: edits, resultEdits: results, notes: out };
  }

  /** How the result is read, rewritten for OpenAI's objects; undefined when some read is not covered. */
  function planResults(call: PyNode, kind: CallKind, streaming: boolean): Read[] | undefined {
    const reads: Read[] = [];
    const accessOf = (start: PyNode): { keys: string[]; outer: PyNode } => {
      const keys: string[] = [];
      let n = start;
      for (;;) {
        const p = n.parent;
        if (p?.type === 'subscript' && p.get('value') === n) {
          const k = stringValue(p.get('subscript'));
          if (k === undefined) break;
          keys.push(k);
          n = p;
          continue;
        }
        if (p?.type === 'attribute' && p.get('object') === n) {
          const a = p.get('attribute')!.text;
          if (!['message', 'content', 'response', 'embeddings', 'embedding'].includes(a)) break;
          keys.push(a);
          n = p;
          continue;
        }
        break;
      }
      return { keys, outer: n };
    };
    const expected: Record<CallKind, string> = { chat: 'message.content', generate: 'response', embed: 'embeddings', embeddings: 'embedding' };
    const build = (b: string): string => {
      if (streaming) return `(${b}.choices[0].delta.content or "")`;
      if (kind === 'chat' || kind === 'generate') return `${b}.choices[0].message.content`;
      if (kind === 'embed') return `[d.embedding for d in ${b}.data]`;
      return `${b}.data[0].embedding`;
    };
    const read = (base: PyNode): boolean => {
      const { keys, outer } = accessOf(base);
      if (keys.join('.') !== expected[kind]) return false;
      reads.push({ start: base.start, end: outer.end, baseEnd: base.end, build });
      return true;
    };
    const parent = call.parent;
    const fail = (n: PyNode) => { note(n, `the result of ollama.${kind} is used in a way the OpenAI mapping does not cover: rewrite this call by hand`); return undefined; };
    if (parent?.type === 'expression_statement') return streaming ? fail(call) : reads;
    if (!streaming && (parent?.type === 'subscript' || parent?.type === 'attribute')) return read(call) ? reads : fail(call);
    // r = ollama.chat(...); r["message"]["content"] ... / for chunk in ollama.chat(..., stream=True): ...
    let holder: PyNode | undefined;
    let iterating = false;
    if (parent?.type === 'assignment' && parent.get('right') === call && parent.get('left')?.type === 'identifier') holder = parent.get('left');
    else if (parent?.type === 'for_statement' && parent.get('right') === call && parent.get('left')?.type === 'identifier') { holder = parent.get('left'); iterating = true; }
    if (!holder) return fail(call);
    if (streaming && !iterating) {
      // chunks = ollama.chat(..., stream=True); for chunk in chunks: ...
      const b = analysis.resolve(holder).bindings;
      if (b.length !== 1) return fail(call);
      const loops = b[0].scope.usesOf(holder.text).map((r) => r.node);
      if (loops.length !== 1 || loops[0].parent?.type !== 'for_statement' || loops[0].field !== 'right' || loops[0].parent.get('left')?.type !== 'identifier') return fail(call);
      holder = loops[0].parent.get('left')!;
    } else if (!streaming && iterating) return fail(call);
    const bindings: Binding[] = analysis.resolve(holder).bindings;
    if (bindings.length !== 1) return fail(call);
    for (const use of bindings[0].scope.usesOf(holder.text).map((r) => r.node)) {
      if (removals.isRemoved(use)) continue;
      if (!read(use)) return fail(use);
    }
    return reads;
  }

  const droppedRanges = leaves.filter((e) => e.text === '' && e.end > e.start).map((e) => ({ start: e.start, end: e.end }));
  if (dryRun || (fullyRewritten.length === 0 && leaves.length === 0)) return droppedRanges;
  // Everything is planned: now the edits, leaves first.
  const drops = new Set(fullyRewritten);
  for (const imp of drops) {
    const list = removals.importDrops.get(imp.statement) ?? [];
    if (!list.includes(imp.node)) list.push(imp.node);
    removals.importDrops.set(imp.statement, list);
  }
  for (const e of leaves) plan.add(e);
  for (const r of outers) {
    // The base (the rewritten call, or the name holding its result) is rendered with its own edits.
    plan.add({ start: r.start, end: r.end, text: r.build(plan.render(r.start, r.baseEnd)) }, true);
  }
  addImports(ctx, imports, clientName, plan, (n) => [...removals.importDrops.values()].some((l) => l.some((d) => n.within(d) || d.within(n))));
  if (clientName) notes.push({ line: 1, column: 1, message: `the openai client (${clientName} = OpenAI()) reads OPENAI_API_KEY (required) and OPENAI_BASE_URL; Ollama model names must become OpenAI ones` });
  return droppedRanges;
}

/** Deletes argument nodes with their commas, in runs so neighbours never overlap. */
export function deleteArguments(text: string, args: readonly PyNode[], dropped: readonly PyNode[]): Edit[] {
  const gone = new Set(dropped.map((d) => d.id));
  return removeSeparatedItems(text, args, (a) => gone.has(a.id), { wholeLines: 'never' });
}

/** A LangChain Ollama class call mapped to its langchain_openai class; undefined (with nothing changed) when it cannot be. */
function mapLangChainCall(ctx: PyContext, call: PyNode, from: string, to: string): Rewrite | undefined {
  const notes: ReviewNote[] = [];
  const pos = (n: PyNode) => ctx.tree.lines.position(n.start);
  const args = call.get('arguments')?.namedChildren ?? [];
  if (args.some((a) => a.type !== 'keyword_argument')) {
    return undefined;
  }
  const edits: Edit[] = [{ start: call.get('function')!.start, end: call.get('function')!.end, text: to }];
  const dropped: PyNode[] = [];
  let maxTokens = false;
  for (const a of args) {
    const key = a.get('name')!.text;
    const value = a.get('value')!;
    if (SAME.has(key)) {
      if (key === 'model') {
        const v = stringValue(value);
        notes.push({ ...pos(a), message: v !== undefined ? `model "${v}" is an Ollama model name: choose an OpenAI model` : 'model: make sure it names an OpenAI model, not an Ollama one' });
      }
      continue;
    }
    if (RENAMED[key]) {
      if (key === 'num_predict') maxTokens = true;
      edits.push({ start: a.get('name')!.start, end: a.get('name')!.end, text: RENAMED[key] });
      continue;
    }
    if (key === 'format') {
      const v = stringValue(value);
      if (v === 'json') {
        edits.push({ start: a.start, end: a.end, text: to === 'OpenAIEmbeddings' ? '' : 'model_kwargs={"response_format": {"type": "json_object"}}' });
        continue;
      }
      notes.push({ ...pos(a), message: 'format (a JSON schema) dropped: use .with_structured_output(schema) on the OpenAI model' });
      dropped.push(a);
      continue;
    }
    if (key === 'system') {
      notes.push({ ...pos(a), message: 'system dropped: put it in the prompt (or use a chat model with a system message)' });
      dropped.push(a);
      continue;
    }
    notes.push({ ...pos(a), message: `${key} dropped: ${NO_EQUIVALENT[key] ?? 'OpenAI has no such parameter'}` });
    dropped.push(a);
  }
  edits.push(...deleteArguments(ctx.text, args, dropped));
  if (to === 'OpenAI' && !maxTokens) {
    // Ollama generates until done; langchain_openai's OpenAI stops at 256 tokens unless told otherwise.
    const kept = args.filter((a) => !dropped.includes(a));
    const last = kept.at(-1);
    const at = last ? last.end : call.get('arguments')!.start + 1;
    edits.push({ start: at, end: at, text: last ? ', max_tokens=-1' : 'max_tokens=-1' });
  }
  if (to === 'OpenAIEmbeddings') notes.push({ ...pos(call), message: `${from} -> OpenAIEmbeddings: the vectors differ, so re-embed stored data (a Chroma collection built with Ollama embeddings)` });
  if (from === 'Ollama' || from === 'OllamaLLM') notes.push({ ...pos(call), message: `${from} -> OpenAI (completions): the default temperature is 0.7 (Ollama's was 0.8); consider ChatOpenAI, which returns a message instead of a string` });
  return { edits, outer: [], notes };
}

/** New imports (merged into an existing `from m import ...` line when there is one) and the client. */
function addImports(ctx: PyContext, imports: Map<string, Set<string>>, clientName: string | undefined, plan: ContextPlan, dropped: (n: PyNode) => boolean): void {
  const wanted = [...imports].flatMap(([module, names]) => [...names].map((name) => ({ module, name })));
  const placed = planFromImports(ctx.text, ctx.analysis, ctx.imports, wanted, dropped);
  for (const merge of placed.merges) plan.add(merge);
  const clientLine = clientName ? `${clientName} = OpenAI()` : undefined;
  if (placed.lines.length === 0 && !clientLine) return;
  let text = placed.lines.map((l) => `${l}\n`).join('');
  if (clientLine) text += `\n${clientLine}\n`;
  plan.add(insertedLines(ctx.text, placed.at, text));
}

type ContextPlan = PyContext['plan'];
