/**
 * Conditions under the assumption the codemod makes true: the provider is never Ollama. A test
 * such as `provider == "ollama"` becomes false, `provider != "ollama"` true; `and`, `or` and `not`
 * simplify around them (`x or provider == "ollama"` becomes `x`). The atoms that were dropped are
 * recorded, as are the subjects tested, so the caller can check whether Ollama is their default.
 */
import { stringValue } from '../../../src/python/literals.js';
import type { PyNode } from '../../../src/python/tree.js';
import { isOllamaValue, namedForOllama } from '../names.js';
import { calleeName, isOllamaName, keywordArgs, positionalArgs, type PyContext } from './context.js';

export type Truth =
  | { kind: 'const'; value: boolean }
  | { kind: 'expr'; text: string; prec: number; changed: boolean };

export interface Evaluation {
  truth: Truth;
  /** Atoms that tested for Ollama. */
  atoms: Array<{ node: PyNode; subject?: PyNode }>;
  /** Nodes the simplified condition no longer contains. */
  dropped: PyNode[];
}

/** Flags that say "use Ollama": USE_OLLAMA, ollama_enabled, HAS_OLLAMA, is_ollama... */
const FLAG = /^(?:use|uses|using|enable|enabled|has|have|is|with|prefer)_?ollama(?:_\w+)?$|^ollama_?(?:available|enabled|enable|installed|running|reachable|ok|active|mode|on|is_running|is_available)$/i;

export function isOllamaFlagName(name: string): boolean {
  return FLAG.test(name);
}

const PREC: Record<string, number> = { lambda: 0, conditional_expression: 1, boolean_operator: 2, not_operator: 4, comparison_operator: 5 };

function precOf(node: PyNode): number {
  if (node.type === 'boolean_operator') return node.children.some((c) => c.type === 'and') ? 3 : 2;
  return PREC[node.type] ?? 6;
}

function wrap(t: Truth & { kind: 'expr' }, min: number): string {
  return t.prec < min ? `(${t.text})` : t.text;
}

/** Whether a node is the value "ollama": a string, a constant holding it, or an enum member named OLLAMA. */
export function isOllamaValueNode(ctx: PyContext, node: PyNode | undefined, depth = 0): boolean {
  if (!node || depth > 3) return false;
  if (node.type === 'string' || node.type === 'concatenated_string') {
    const v = stringValue(node);
    return v !== undefined && isOllamaValue(v);
  }
  if (node.type === 'parenthesized_expression' && node.namedChildren.length === 1) return isOllamaValueNode(ctx, node.namedChildren[0], depth + 1);
  if (node.type === 'attribute') {
    const attr = node.get('attribute')?.text ?? '';
    if (/^ollama$/i.test(attr)) return true;
    // Provider.OLLAMA.value
    if (attr === 'value' && node.get('object')?.type === 'attribute') return /^ollama$/i.test(node.get('object')!.get('attribute')?.text ?? '');
    return false;
  }
  if (node.type === 'identifier' && ctx.analysis.isName(node)) {
    const { bindings } = ctx.analysis.resolve(node);
    return bindings.length === 1 && bindings[0].kind === 'assignment' && isOllamaValueNode(ctx, bindings[0].value, depth + 1);
  }
  return false;
}

/** Whether a call's first argument is a string starting with "ollama" (`x.startswith("ollama/")`). */
function startsWithOllama(ctx: PyContext, call: PyNode): boolean {
  const arg = positionalArgs(call)[0];
  const v = arg ? stringValue(arg) : undefined;
  return v !== undefined && /^ollama/i.test(v);
}

/**
 * An atomic test about Ollama: 'is' when it holds exactly when the provider is Ollama, 'not'
 * for its negation. `subject` is what is compared with "ollama".
 */
export function ollamaAtom(ctx: PyContext, node: PyNode): { polarity: 'is' | 'not'; subject?: PyNode } | undefined {
  switch (node.type) {
    case 'comparison_operator': {
      const operands = node.namedChildren.filter((c) => c.field !== 'operators');
      const ops = node.children.filter((c) => c.field === 'operators');
      if (operands.length !== 2 || ops.length !== 1) return undefined;
      const op = ops[0].text.replace(/\s+/g, ' ');
      const [left, right] = operands;
      if (op === '==' || op === 'is' || op === '!=' || op === 'is not') {
        const polarity = op === '==' || op === 'is' ? 'is' : 'not';
        if (isOllamaValueNode(ctx, right)) return { polarity, subject: left };
        if (isOllamaValueNode(ctx, left)) return { polarity, subject: right };
        return undefined;
      }
      if (op === 'in' || op === 'not in') {
        const polarity = op === 'in' ? 'is' : 'not';
        if ((right.type === 'tuple' || right.type === 'list' || right.type === 'set')) {
          const items = right.namedChildren;
          if (items.length > 0 && items.every((i) => isOllamaValueNode(ctx, i))) return { polarity, subject: left };
          return undefined;
        }
        // "ollama" in model_name, "ollama/" in model; not a key such as 'ollama_model' in st.session_state.
        if (isOllamaValueNode(ctx, left) || (left.type === 'string' && /^ollama[/:]?$/i.test(stringValue(left) ?? ''))) return { polarity, subject: right };
        return undefined;
      }
      return undefined;
    }
    case 'call': {
      const fn = node.get('function');
      const name = calleeName(node) ?? '';
      if (fn?.type === 'attribute' && name === 'startswith' && startsWithOllama(ctx, node)) return { polarity: 'is', subject: fn.get('object') };
      if (fn?.type === 'identifier' && name === 'isinstance') {
        const cls = positionalArgs(node)[1];
        const classes = cls?.type === 'tuple' ? cls.namedChildren : cls ? [cls] : [];
        if (classes.length > 0 && classes.every((c) => c.type === 'identifier' && isOllamaName(ctx, c))) return { polarity: 'is' };
        return undefined;
      }
      if (isOllamaFlagName(name)) return { polarity: 'is' };
      // settings.get("use_ollama"), os.getenv("USE_OLLAMA") used as a truth value
      if (name === 'get' || name === 'getenv' || name === 'getboolean') {
        const key = positionalArgs(node)[0] ?? keywordArgs(node).get('key')?.get('value');
        const v = key ? stringValue(key) : undefined;
        if (v !== undefined && isOllamaFlagName(v)) return { polarity: 'is' };
      }
      return undefined;
    }
    case 'identifier':
      if (ctx.analysis.isName(node) && isOllamaFlagName(node.text) && !holdsNonFlag(ctx, node)) return { polarity: 'is' };
      return undefined;
    case 'attribute': {
      const attr = node.get('attribute')?.text ?? '';
      if (isOllamaFlagName(attr)) return { polarity: 'is' };
      return undefined;
    }
    case 'subscript': {
      const key = node.get('subscript');
      const v = key ? stringValue(key) : undefined;
      if (v !== undefined && isOllamaFlagName(v)) return { polarity: 'is' };
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A flag-named variable assigned something that is not a truth value (a client object, a string). */
function holdsNonFlag(ctx: PyContext, identifier: PyNode): boolean {
  const { bindings } = ctx.analysis.resolve(identifier);
  return bindings.some((b) => {
    if (b.kind !== 'assignment' || !b.value) return false;
    const v = b.value;
    if (v.type === 'true' || v.type === 'false' || v.type === 'none' || v.type === 'comparison_operator' || v.type === 'boolean_operator' || v.type === 'not_operator') return false;
    if (v.type === 'call') {
      const name = calleeName(v) ?? '';
      return !/^(bool|getenv|get|getboolean|is_\w+|check\w*|ping\w*)$/i.test(name) && !namedForOllama(name);
    }
    return v.type === 'string' || v.type === 'integer';
  });
}

/** Evaluates a condition; `render` gives the current text of a node (with inner edits applied). */
export function evaluate(ctx: PyContext, node: PyNode, render: (n: PyNode) => string): Evaluation {
  const atoms: Evaluation['atoms'] = [];
  const dropped: PyNode[] = [];

  const visit = (n: PyNode): Truth => {
    const atom = ollamaAtom(ctx, n);
    if (atom) {
      atoms.push({ node: n, subject: atom.subject });
      return { kind: 'const', value: atom.polarity === 'not' };
    }
    switch (n.type) {
      case 'parenthesized_expression': {
        const inner = n.namedChildren;
        if (inner.length !== 1) break;
        const t = visit(inner[0]);
        if (t.kind === 'const') return t;
        if (!t.changed) return { kind: 'expr', text: render(n), prec: 6, changed: false };
        return { kind: 'expr', text: `(${t.text})`, prec: 6, changed: true };
      }
      case 'not_operator': {
        const arg = n.get('argument');
        if (!arg) break;
        const t = visit(arg);
        if (t.kind === 'const') return { kind: 'const', value: !t.value };
        if (!t.changed) return { kind: 'expr', text: render(n), prec: 4, changed: false };
        return { kind: 'expr', text: `not ${wrap(t, 4)}`, prec: 4, changed: true };
      }
      case 'boolean_operator': {
        const left = n.get('left');
        const right = n.get('right');
        if (!left || !right) break;
        const isAnd = n.children.some((c) => c.type === 'and');
        const l = visit(left);
        const r = visit(right);
        const prec = isAnd ? 3 : 2;
        if (l.kind === 'const' && l.value === !isAnd) return l; // false and x, true or x
        if (r.kind === 'const' && r.value === !isAnd) {
          // x and false: false (short-circuit order does not matter: no provider test has effects we keep)
          dropped.push(left);
          return r;
        }
        // true and x -> x, false or x -> x: the other side stands alone now.
        if (l.kind === 'const') { dropped.push(left); return r.kind === 'const' ? r : { ...r, changed: true }; }
        if (r.kind === 'const') { dropped.push(right); return { ...l, changed: true }; }
        if (!l.changed && !r.changed) return { kind: 'expr', text: render(n), prec, changed: false };
        const op = isAnd ? 'and' : 'or';
        return { kind: 'expr', text: `${wrap(l, prec)} ${op} ${wrap(r, prec + 1)}`, prec, changed: true };
      }
      default:
        break;
    }
    const text = render(n);
    return { kind: 'expr', text, prec: precOf(n), changed: text !== n.text };
  };

  const truth = visit(node);
  if (truth.kind === 'const') dropped.push(node);
  return { truth, atoms, dropped };
}
