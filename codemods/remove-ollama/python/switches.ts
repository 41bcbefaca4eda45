/**
 * Provider switches: `if`/`elif`/`else` chains, conditional expressions and `match` statements
 * that test for Ollama, and provider lists (`("openai", "ollama")`, `{"ollama": ..., ...}`). This
 * module decides what stays; `emit.ts` turns the decisions into edits.
 */
import { stringValue } from '../../../src/python/literals.js';
import type { PyNode } from '../../../src/python/tree.js';
import { isOllamaValue, namedForOllama } from '../names.js';
import { calleeName, type PyContext } from './context.js';
import { evaluate, isOllamaValueNode, type Evaluation, type Truth } from './conditions.js';
import { flagDefaultOn, ollamaDefault } from './defaults.js';

export interface Clause {
  kind: 'if' | 'elif' | 'else';
  /** The keyword token. */
  keyword: PyNode;
  condition?: PyNode;
  body: PyNode;
  /** Where the clause starts (its keyword) and ends (the end of its body). */
  start: number;
  end: number;
  evaluation?: Evaluation;
}

export interface KeptClause {
  clause: Clause;
  /** The clause is always taken now: it becomes the `else` (or, first, its body replaces the statement). */
  always: boolean;
  /** Rewritten condition text, when the condition lost an Ollama test. */
  condition?: string;
}

export interface IfDecision {
  node: PyNode;
  clauses: Clause[];
  kept: KeptClause[];
}

export interface TernaryDecision {
  node: PyNode;
  /** The branch that stays, or a rewritten condition. */
  keep?: PyNode;
  condition?: { node: PyNode; text: string };
}

export interface DefaultOllama {
  /** The switch (statement or expression) left alone. */
  node: PyNode;
  /** The "ollama" default the subject gets. */
  at: PyNode;
  subject: PyNode;
  /** The subject is a flag (`USE_OLLAMA`) that is on by default, rather than a provider name. */
  flag?: boolean;
}

export interface SwitchDecisions {
  ifs: IfDecision[];
  ternaries: TernaryDecision[];
  /** `case "ollama":` clauses to remove (their match keeps other cases). */
  cases: PyNode[];
  /** Whole statements the switches remove (an `if` with only an Ollama branch, a match with only Ollama cases). */
  statements: PyNode[];
  defaults: DefaultOllama[];
  /** List and tuple items "ollama", dictionary entries keyed "ollama", Ollama keyword arguments of template/JSON calls. */
  items: PyNode[];
  /** Code no longer reachable or no longer present: for use counting. */
  removed: Range[];
}

export interface Range {
  start: number;
  end: number;
}

const range = (n: { start: number; end: number }): Range => ({ start: n.start, end: n.end });

/** The clauses of an if statement, in order. */
export function clausesOf(node: PyNode): Clause[] {
  const out: Clause[] = [];
  const consequence = node.get('consequence');
  const condition = node.get('condition');
  const kw = node.children[0];
  if (!consequence || !condition) return out;
  out.push({ kind: 'if', keyword: kw, condition, body: consequence, start: node.start, end: consequence.end });
  for (const alt of node.all('alternative')) {
    if (alt.type === 'elif_clause') {
      const c = alt.get('condition');
      const b = alt.get('consequence');
      if (!c || !b) return [];
      out.push({ kind: 'elif', keyword: alt.children[0], condition: c, body: b, start: alt.start, end: alt.end });
    } else if (alt.type === 'else_clause') {
      const b = alt.get('body');
      if (!b) return [];
      out.push({ kind: 'else', keyword: alt.children[0], body: b, start: alt.start, end: alt.end });
    }
  }
  return out;
}

const KWARG_SINKS = /^(render_template|render_template_string|jsonify|dict|make_response|TemplateResponse)$/;

export function decideSwitches(ctx: PyContext, render: (n: PyNode) => string, protectedNodes: readonly PyNode[]): SwitchDecisions {
  const out: SwitchDecisions = { ifs: [], ternaries: [], cases: [], statements: [], defaults: [], items: [], removed: [] };
  const isProtected = (n: PyNode) => protectedNodes.some((p) => n.within(p));

  const defaultFor = (node: PyNode, evaluations: Evaluation[]): boolean => {
    for (const e of evaluations) {
      for (const atom of e.atoms) {
        const at = ollamaDefault(ctx, atom.subject);
        if (at && atom.subject) {
          out.defaults.push({ node, at, subject: atom.subject });
          return true;
        }
        const on = atom.subject ? undefined : flagDefaultOn(ctx, atom.node);
        if (on) {
          out.defaults.push({ node, at: on, subject: atom.node, flag: true });
          return true;
        }
      }
    }
    return false;
  };

  for (const node of ctx.nodes('if_statement')) {
    if (isProtected(node)) continue;
    const clauses = clausesOf(node);
    if (clauses.length === 0) continue;
    for (const c of clauses) if (c.condition) c.evaluation = evaluate(ctx, c.condition, render);
    const evaluations = clauses.flatMap((c) => (c.evaluation ? [c.evaluation] : []));
    const touched = evaluations.some((e) => e.truth.kind === 'const' || (e.truth.kind === 'expr' && e.truth.changed));
    if (!touched) continue;
    if (!evaluations.some((e) => e.atoms.length > 0)) continue; // only inner edits changed the text
    if (defaultFor(node, evaluations)) continue;
    const kept: KeptClause[] = [];
    for (const c of clauses) {
      if (c.kind === 'else') { kept.push({ clause: c, always: true }); break; }
      const t = c.evaluation!.truth as Truth;
      if (t.kind === 'const') {
        if (!t.value) { out.removed.push(range(c)); continue; }
        kept.push({ clause: c, always: true });
        break;
      }
      kept.push({ clause: c, always: false, condition: t.changed ? t.text : undefined });
      out.removed.push(...c.evaluation!.dropped.map(range));
    }
    // Clauses after an always-taken one can no longer run.
    const last = kept.at(-1);
    if (last?.always) {
      const idx = clauses.indexOf(last.clause);
      for (const c of clauses.slice(idx + 1)) out.removed.push(range(c));
    }
    if (kept.length === 0) {
      out.statements.push(node);
      continue;
    }
    out.ifs.push({ node, clauses, kept });
  }

  for (const node of ctx.nodes('conditional_expression')) {
    if (isProtected(node)) continue;
    const parts = node.namedChildren;
    if (parts.length !== 3) continue;
    const [whenTrue, cond, whenFalse] = parts;
    const e = evaluate(ctx, cond, render);
    if (e.atoms.length === 0) continue;
    if (defaultFor(node, [e])) continue;
    if (e.truth.kind === 'const') {
      out.ternaries.push({ node, keep: e.truth.value ? whenTrue : whenFalse });
      out.removed.push(range(cond), range(e.truth.value ? whenFalse : whenTrue));
    } else if (e.truth.changed) {
      out.ternaries.push({ node, condition: { node: cond, text: e.truth.text } });
      out.removed.push(...e.dropped.map(range));
    }
  }

  for (const node of ctx.nodes('match_statement')) {
    if (isProtected(node)) continue;
    const body = node.get('body');
    const cases = body?.namedChildren.filter((c) => c.type === 'case_clause') ?? [];
    const ollamaCases = cases.filter((c) => {
      const patterns = c.namedChildren.filter((p) => p.type === 'case_pattern');
      if (c.get('guard')) return false;
      return patterns.length === 1 && patterns[0].namedChildren.length === 1 && isOllamaValueNode(ctx, patterns[0].namedChildren[0]);
    });
    if (ollamaCases.length === 0) continue;
    const subject = node.get('subject');
    const at = ollamaDefault(ctx, subject);
    if (at && subject) { out.defaults.push({ node, at, subject }); continue; }
    out.removed.push(...ollamaCases.map(range));
    if (ollamaCases.length === cases.length) out.statements.push(node);
    else out.cases.push(...ollamaCases);
  }

  // Provider lists and registries.
  for (const node of ctx.nodes('list', 'tuple', 'set')) {
    if (isProtected(node)) continue;
    const items = node.namedChildren;
    if (items.length < 2) continue;
    const values = items.map((i) => (i.type === 'string' ? stringValue(i) : undefined));
    if (values.some((v) => v === undefined)) continue;
    const ollama = items.filter((_, i) => isOllamaValue(values[i]!));
    if (ollama.length === 0 || ollama.length === items.length) continue;
    out.items.push(...ollama);
    out.removed.push(...ollama.map(range));
  }
  for (const node of ctx.nodes('dictionary')) {
    if (isProtected(node)) continue;
    const pairs = node.namedChildren.filter((p) => p.type === 'pair');
    if (pairs.length < 2 || pairs.length !== node.namedChildren.length) continue;
    const ollama = pairs.filter((p) => {
      const key = p.get('key');
      const v = key?.type === 'string' ? stringValue(key) : undefined;
      return v !== undefined && isOllamaValue(v);
    });
    if (ollama.length === 0 || ollama.length === pairs.length) continue;
    out.items.push(...ollama);
    out.removed.push(...ollama.map(range));
  }
  for (const call of ctx.nodes('call')) {
    if (isProtected(call)) continue;
    if (!KWARG_SINKS.test(calleeName(call) ?? '')) continue;
    for (const arg of call.get('arguments')?.namedChildren ?? []) {
      if (arg.type === 'keyword_argument' && namedForOllama(arg.get('name')?.text ?? '')) {
        out.items.push(arg);
        out.removed.push(range(arg));
      }
    }
  }
  return out;
}
