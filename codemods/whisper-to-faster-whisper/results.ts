/**
 * What becomes of a transcribe result. openai-whisper returns a dict; faster-whisper returns a
 * one-shot generator of segments and an info object. Where every use of the result is understood
 * (`["text"]`, `["language"]`, `["segments"]` iterated or indexed with known keys) the code is
 * rewritten to the idiomatic form (`segments, info = ...`, `s.start`, `info.language`), and the
 * generator is materialized with `list()` when it is consumed more than once. Anywhere else the
 * result escapes, so the call is wrapped in a helper that builds openai-whisper's dict exactly.
 */
import { callArguments, keywordArgument } from '../../src/python/arguments.js';
import { EditSet, enclosingStatement, insertLinesAfter, isAloneOnLines } from '../../src/python/edit.js';
import { constantValue, integerValue, pyString, quoteFor, stringValue } from '../../src/python/literals.js';
import type { PyNode } from '../../src/python/tree.js';
import { SEGMENT_KEYS, WORD_KEYS } from './api.js';
import { outerParens } from './parens.js';
import type { FileMigration, TranscribeSite } from './types.js';

interface Names {
  seg: string;
  info: string;
}

type Render = (node: PyNode) => string;

interface Replacement {
  node: PyNode;
  text: (names: Names, render: Render) => string;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Whether `node` may run more than once each time `anchor` (a statement) runs once. */
function isRepeated(node: PyNode, anchor: PyNode): boolean {
  let child = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (n !== anchor && anchor.within(n)) return false;
    switch (n.type) {
      case 'for_statement':
        if (child.field !== 'right') return true;
        break;
      case 'while_statement':
      case 'lambda':
      case 'function_definition':
        return true;
      default:
        if (COMPREHENSIONS.has(n.type)) {
          const first = n.namedChildren.find((c) => c.type === 'for_in_clause');
          if (!(child === first && first.all('right').some((r) => node.within(r)))) return true;
        }
    }
  }
  return false;
}

/** `x[...]`, `del x[...]` and `x[...] += ...` write; reads are everything else. */
function isWritten(node: PyNode): boolean {
  const n = outerParens(node);
  const p = n.parent;
  if (!p) return false;
  if ((p.type === 'assignment' || p.type === 'augmented_assignment') && n.field === 'left') return true;
  if (p.type === 'delete_statement' || (p.type === 'expression_list' && p.parent?.type === 'delete_statement')) return true;
  if (['pattern_list', 'tuple_pattern', 'list_pattern'].includes(p.type)) return true;
  if (p.type === 'for_statement' && n.field === 'left') return true;
  return false;
}

function isBuiltinCall(call: PyNode | null | undefined, name: string, m: FileMigration): boolean {
  if (call?.type !== 'call') return false;
  const fn = call.get('function');
  return fn?.type === 'identifier' && fn.text === name && m.mod.analysis.resolve(fn).scope === null;
}

class ResultPlan {
  readonly replacements: Replacement[] = [];
  consumptions = 0;
  needsList = false;

  constructor(readonly m: FileMigration, readonly anchor: PyNode, readonly wordTimestamps: boolean, readonly languageAs?: string) {}

  private consume(node: PyNode): void {
    this.consumptions++;
    if (isRepeated(node, this.anchor)) this.needsList = true;
  }

  /** `x["key"]` or `x.get("key"[, default])` on `expr`: the key and the whole access. */
  private keyAccess(expr: PyNode): { key: string; target: PyNode; getDefault?: PyNode } | undefined {
    const e = outerParens(expr);
    const p = e.parent;
    if (p?.type === 'subscript' && e.field === 'value') {
      const subs = p.all('subscript');
      const key = subs.length === 1 ? stringValue(subs[0]) : undefined;
      return key === undefined ? undefined : { key, target: p };
    }
    if (p?.type === 'attribute' && e.field === 'object' && p.get('attribute')?.text === 'get' && p.parent?.type === 'call' && p.field === 'function') {
      const args = callArguments(p.parent);
      if (args.length < 1 || args.length > 2 || args.some((a) => a.kind !== 'positional')) return undefined;
      const key = stringValue(args[0].value);
      return key === undefined ? undefined : { key, target: p.parent, getDefault: args[1]?.value };
    }
    return undefined;
  }

  /** A use of the whole result (the result name, or the call itself). */
  resultUse(expr: PyNode): boolean {
    const access = this.keyAccess(expr);
    if (!access || isWritten(access.target)) return false;
    const { key, target } = access;
    if (key === 'text') {
      const q = quoteFor(target);
      this.consume(target);
      this.replacements.push({ node: target, text: (n) => `${q}${q}.join(s.text for s in ${n.seg})` });
      return true;
    }
    if (key === 'language') {
      const given = this.languageAs;
      const q = quoteFor(target);
      this.replacements.push({ node: target, text: (n) => (given === undefined ? `${n.info}.language` : `${q}${given}${q}`) });
      return true;
    }
    if (key === 'segments') return this.sequence(target, 'segment', (n) => n.seg, true);
    return false;
  }

  /** An expression holding a list of segments (or of words). */
  private sequence(expr: PyNode, kind: 'segment' | 'word', text: Replacement['text'], generator: boolean): boolean {
    this.replacements.push({ node: expr, text });
    const e = outerParens(expr);
    const p = e.parent;
    if (!p) return false;
    const consume = () => { if (generator) this.consume(e); };
    const needList = () => { if (generator) this.needsList = true; };
    if ((p.type === 'for_statement' || p.type === 'for_in_clause') && e.field === 'right') {
      const left = p.get('left');
      if (left?.type !== 'identifier') return false;
      consume();
      return this.recordVariable(left, kind);
    }
    if (p.type === 'argument_list') {
      const call = p.parent;
      const args = call ? callArguments(call) : [];
      if (isBuiltinCall(call, 'enumerate', this.m) && args[0]?.node === e && args.length <= 2) {
        const c = outerParens(call!);
        const loop = c.parent;
        const left = loop?.get('left');
        if ((loop?.type === 'for_statement' || loop?.type === 'for_in_clause') && c.field === 'right'
          && (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') && left.namedChildren.length === 2 && left.namedChildren[1].type === 'identifier') {
          consume();
          return this.recordVariable(left.namedChildren[1], kind);
        }
        return false;
      }
      if (isBuiltinCall(call, 'len', this.m) && args.length === 1) { needList(); return true; }
      return false;
    }
    if (p.type === 'subscript' && e.field === 'value') {
      const subs = p.all('subscript');
      if (subs.length !== 1 || integerValue(subs[0]) === undefined || isWritten(p)) return false;
      needList();
      return this.record(p, kind);
    }
    if (((p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'while_statement') && e.field === 'condition') || p.type === 'not_operator') {
      needList();
      return true;
    }
    return false;
  }

  /**
   * The loop variable over segments or words: every use must read a known key. A name reused by
   * several loops is fine as long as each use sits inside one of them (then the innermost loop
   * binding the name is the one it sees; after a loop, the name is ambiguous).
   */
  private recordVariable(identifier: PyNode, kind: 'segment' | 'word'): boolean {
    const { scope, bindings } = this.m.mod.analysis.resolve(identifier);
    if (!scope || bindings.length === 0) return false;
    const uses = scope.usesOf(identifier.text);
    if (bindings.length === 1) return uses.every((u) => this.record(u.node, kind));
    if (!bindings.every((b) => b.kind === 'for' && b.node === b.statement.get('left'))) return false;
    const loop = bindings.find((b) => b.node === identifier)!.statement;
    for (const u of uses) {
      const owner = u.node.ancestor('for_statement');
      let n: PyNode | undefined = owner;
      while (n && !bindings.some((b) => b.statement === n && u.node.within(n.get('body') ?? n))) n = n.ancestor('for_statement');
      if (!n) return false;
      if (n === loop && !this.record(u.node, kind)) return false;
    }
    return true;
  }

  /** One segment (or word) record: `seg["start"]` becomes `seg.start`. */
  private record(expr: PyNode, kind: 'segment' | 'word'): boolean {
    const access = this.keyAccess(expr);
    if (!access || isWritten(access.target)) return false;
    const { key, target, getDefault } = access;
    const e = outerParens(expr);
    if (kind === 'word') {
      if (!WORD_KEYS.includes(key)) return false;
      this.replacements.push({ node: target, text: (_, r) => `${r(e)}.${key}` });
      return true;
    }
    if (key === 'id') {
      this.replacements.push({ node: target, text: (_, r) => `(${r(e)}.id - 1)` });
      return true;
    }
    if (SEGMENT_KEYS.includes(key)) {
      this.replacements.push({ node: target, text: (_, r) => `${r(e)}.${key}` });
      return true;
    }
    if (key !== 'words') return false;
    if (target.type === 'subscript') {
      // Without word_timestamps openai-whisper has no "words" key (KeyError); keep that behaviour via the dict form.
      return this.wordTimestamps && this.sequence(target, 'word', (_, r) => `${r(e)}.words`, false);
    }
    if (!getDefault || getDefault.type === 'none') return this.sequence(target, 'word', (_, r) => `${r(e)}.words`, false);
    if (getDefault.type === 'list' && getDefault.namedChildren.length === 0) return this.sequence(target, 'word', (_, r) => `(${r(e)}.words or [])`, false);
    return false;
  }

  /** Applies the plan: the replacements, innermost first so outer ones include them. */
  apply(names: Names): void {
    const local = new EditSet(this.m.text);
    const render: Render = (node) => local.render(node);
    const ordered = [...this.replacements].sort((a, b) => (a.node.end - a.node.start) - (b.node.end - b.node.start));
    for (const r of ordered) local.replace(r.node, r.text(names, render));
    this.m.edits.add(...local.finish());
  }

  get materialize(): boolean {
    return this.needsList || this.consumptions > 1;
  }
}

/** `segments` and `info`, or `<result>_segments` and `<result>_info` when those are taken in the scope. */
function segmentNames(m: FileMigration, statement: PyNode, plan: ResultPlan, result?: string): Names {
  const scope = m.mod.analysis.scopeOf(statement).functionLike.node;
  const uses = [statement, ...plan.replacements.map((r) => r.node)];
  const pick = (base: string) => {
    const plain = m.freshIn(base, scope, uses);
    if (plain === base || !result) return plain;
    m.release(plain, scope);
    return m.freshIn(`${result}_${base}`, scope, uses);
  };
  return { seg: pick('segments'), info: pick('info') };
}

/** `result = model.transcribe(...)` with every use of `result` understood. */
function rewriteAssigned(m: FileMigration, assignment: PyNode, wordTimestamps: boolean, languageAs?: string): boolean {
  const statement = assignment.parent!;
  const left = assignment.get('left')!;
  const { scope, bindings } = m.mod.analysis.resolve(left);
  if (!scope || scope.kind === 'class' || bindings.length !== 1 || m.mod.analysis.scopeOf(statement) !== scope) return false;
  if (!isAloneOnLines(m.text, statement)) return false;
  const plan = new ResultPlan(m, statement, wordTimestamps, languageAs);
  for (const use of scope.usesOf(left.text)) if (!plan.resultUse(use.node)) return false;
  const names = segmentNames(m, statement, plan, left.text);
  m.edits.replace(left, `${names.seg}, ${names.info}`);
  if (plan.materialize) m.edits.add(insertLinesAfter(m.text, statement, [`${names.seg} = list(${names.seg})`]));
  plan.apply(names);
  if (scope.kind === 'module') m.exports.push({ name: left.text, ...m.mod.tree.lines.position(left.start) });
  return true;
}

const HOISTABLE = new Set(['expression_statement', 'return_statement', 'for_statement', 'if_statement']);
const SHORT_CIRCUIT = new Set(['lambda', 'conditional_expression', 'boolean_operator', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'await']);

/** `model.transcribe(...)["text"]` and friends: the call moves to its own statement just before. */
function rewriteDirect(m: FileMigration, site: TranscribeSite, wordTimestamps: boolean): boolean {
  const call = site.call;
  const languageAs = site.languageAs;
  const statement = enclosingStatement(call);
  if (!statement || !HOISTABLE.has(statement.type) || !isAloneOnLines(m.text, statement)) return false;
  const header = statement.type === 'for_statement' ? statement.get('right') : statement.type === 'if_statement' ? statement.get('condition') : statement;
  if (!header || !call.within(header)) return false;
  for (let n = call.parent; n && n !== statement; n = n.parent) if (SHORT_CIRCUIT.has(n.type)) return false;
  // Nothing with side effects may run before the call in the statement.
  const earlier = header.find('call').filter((c) => c.start < call.start && !call.within(c));
  if (earlier.length > 0) return false;
  const plan = new ResultPlan(m, statement, wordTimestamps, languageAs);
  if (!plan.resultUse(call)) return false;
  const names = segmentNames(m, statement, plan);
  const indent = /^[ \t]*/.exec(m.text.slice(m.text.lastIndexOf('\n', statement.start - 1) + 1))![0];
  const lines = [`${names.seg}, ${names.info} = ${m.edits.render(call)}`];
  if (plan.materialize) lines.push(`${names.seg} = list(${names.seg})`);
  m.edits.add({ start: statement.start, end: statement.start, text: lines.map((l) => `${l}\n${indent}`).join('') });
  plan.apply(names);
  return true;
}

export function planResult(m: FileMigration, site: TranscribeSite): void {
  const call = site.call;
  const node = outerParens(call);
  const p = node.parent;
  const wordTimestamps = constantValue(keywordArgument(callArguments(call), 'word_timestamps')?.value) === true;
  if (p?.type === 'assignment' && node.field === 'right' && !p.get('type') && p.get('left')?.type === 'identifier'
    && p.parent?.type === 'expression_statement' && p.parent.namedChildren.length === 1) {
    if (rewriteAssigned(m, p, wordTimestamps, site.languageAs)) return;
  } else if (p?.type === 'expression_statement') {
    // The result is discarded, but the work was wanted (a warm-up, a timing): faster-whisper
    // decodes only while the segments are consumed.
    m.edits.add({ start: call.start, end: call.start, text: 'list(' }, { start: call.end, end: call.end, text: '[0])' });
    return;
  } else if (rewriteDirect(m, site, wordTimestamps)) {
    return;
  }
  const helper = m.resultHelper();
  // openai-whisper reports the language as it was given; faster-whisper as the code passed to it.
  const language = site.languageAs === undefined ? '' : `, "language": ${pyString(site.languageAs, quoteFor(call))}`;
  const open = language ? '{**' : '';
  m.edits.add({ start: call.start, end: call.start, text: `${open}${helper}(*` }, { start: call.end, end: call.end, text: `)${language}${language ? '}' : ''}` });
}
