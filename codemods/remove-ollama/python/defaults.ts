/**
 * Whether the value a provider switch tests defaults to "ollama": `os.getenv("LLM_PROVIDER",
 * "ollama")`, `provider="ollama"` as a parameter default, `cfg.get("provider", "ollama")`, or a
 * parameter that the file's own call sites fill with such a value. Then the Ollama branch is the
 * default path, and removing it would leave the program without a provider.
 */
import { stringValue } from '../../../src/python/literals.js';
import { selfAttributeAccesses, enclosingMethod } from '../../../src/python/assignments.js';
import type { Binding } from '../../../src/python/scopes.js';
import type { PyNode } from '../../../src/python/tree.js';
import { calleeName, keywordArgs, positionalArgs, type PyContext } from './context.js';
import { isOllamaValueNode } from './conditions.js';

const WRAPPERS = /^(lower|upper|strip|lstrip|rstrip|casefold|title)$/;

/** The node holding the "ollama" default, if the subject defaults to it. */
export function ollamaDefault(ctx: PyContext, subject: PyNode | undefined, depth = 0, seen = new Set<number>()): PyNode | undefined {
  if (!subject || depth > 5 || seen.has(subject.id)) return undefined;
  seen.add(subject.id);
  const next = (n: PyNode | undefined) => ollamaDefault(ctx, n, depth + 1, seen);
  if (isOllamaValueNode(ctx, subject)) return subject;
  switch (subject.type) {
    case 'parenthesized_expression':
      return subject.namedChildren.length === 1 ? next(subject.namedChildren[0]) : undefined;
    case 'boolean_operator': {
      // x or "ollama"
      if (subject.children.some((c) => c.type === 'or')) return next(subject.get('right')) ?? next(subject.get('left'));
      return undefined;
    }
    case 'conditional_expression': {
      const parts = subject.namedChildren;
      return next(parts[0]) ?? next(parts[2]);
    }
    case 'call': {
      const fn = subject.get('function');
      const name = calleeName(subject) ?? '';
      if (fn?.type === 'attribute' && WRAPPERS.test(name)) return next(fn.get('object'));
      if (fn?.type === 'identifier' && name === 'str') return next(positionalArgs(subject)[0]);
      const args = positionalArgs(subject);
      const kw = keywordArgs(subject);
      if (name === 'getenv' || name === 'get' || name === 'getattr' || name === 'setdefault' || name === 'pop') {
        const index = name === 'getattr' ? 2 : 1;
        return next(args[index] ?? kw.get('default')?.get('value') ?? kw.get('fallback')?.get('value'));
      }
      return undefined;
    }
    case 'identifier': {
      if (!ctx.analysis.isName(subject)) return undefined;
      for (const b of ctx.analysis.resolve(subject).bindings) {
        const found = fromBinding(ctx, b, next);
        if (found) return found;
      }
      return undefined;
    }
    case 'attribute': {
      const obj = subject.get('object');
      const attr = subject.get('attribute')?.text;
      if (!attr) return undefined;
      if (obj?.type === 'identifier') {
        const method = enclosingMethod(subject);
        if (method && method.self === obj.text) {
          for (const access of selfAttributeAccesses(method.cls, attr, ctx.analysis)) {
            if (access.context === 'store' && access.value) {
              const found = next(access.value);
              if (found) return found;
            }
          }
        }
      }
      // Config.LLM_PROVIDER, settings.provider: any assignment of that name in the file.
      for (const scope of ctx.analysis.scopes) {
        if (scope.kind !== 'module' && scope.kind !== 'class') continue;
        for (const b of scope.bindingsOf(attr)) {
          const found = fromBinding(ctx, b, next);
          if (found) return found;
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function fromBinding(ctx: PyContext, b: Binding, next: (n: PyNode | undefined) => PyNode | undefined): PyNode | undefined {
  if ((b.kind === 'assignment' || b.kind === 'walrus') && b.value) return next(b.value);
  if (b.kind === 'annotation') {
    // `provider: str = "ollama"` in a dataclass or settings class
    const right = b.statement.get('right');
    return next(right);
  }
  if (b.kind !== 'parameter') return undefined;
  const param = b.node.parent;
  if (param && (param.type === 'default_parameter' || param.type === 'typed_default_parameter') && param.get('name') === b.node) {
    const found = next(param.get('value'));
    if (found) return found;
  }
  return fromCallSites(ctx, b, next);
}

/** A parameter without an Ollama default: what the file's own calls pass for it. */
function fromCallSites(ctx: PyContext, b: Binding, next: (n: PyNode | undefined) => PyNode | undefined): PyNode | undefined {
  const def = b.statement;
  if (def.type !== 'function_definition') return undefined;
  const name = def.get('name')?.text;
  if (!name) return undefined;
  const params = def.get('parameters')?.namedChildren ?? [];
  let index = params.findIndex((p) => p === b.node || b.node.within(p));
  const isMethod = def.parent?.type === 'block' && def.parent.parent?.type === 'class_definition'
    || (def.parent?.type === 'decorated_definition' && def.parent.parent?.type === 'block' && def.parent.parent.parent?.type === 'class_definition');
  if (isMethod) index -= 1; // self
  for (const call of ctx.nodes('call')) {
    const fn = call.get('function');
    const called = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
    if (called !== name) continue;
    const arg = keywordArgs(call).get(b.name)?.get('value') ?? (index >= 0 ? positionalArgs(call)[index] : undefined);
    const found = next(arg);
    if (found) return found;
  }
  return undefined;
}

const ON = /^(true|1|yes|y|on)$/i;

/** `os.getenv("K", D)`, `cfg.get("K", D)` (through `.lower()`, `str()`): the default D. */
function lookupDefault(node: PyNode | undefined, depth = 0): PyNode | undefined {
  if (!node || depth > 4 || node.type !== 'call') return undefined;
  const fn = node.get('function');
  const name = calleeName(node) ?? '';
  if (fn?.type === 'attribute' && WRAPPERS.test(name)) return lookupDefault(fn.get('object'), depth + 1);
  if (fn?.type === 'identifier' && (name === 'str' || name === 'bool')) return lookupDefault(positionalArgs(node)[0], depth + 1);
  if (/^(getenv|get|getboolean|getbool|bool_env)$/.test(name)) return positionalArgs(node)[1] ?? keywordArgs(node).get('default')?.get('value') ?? keywordArgs(node).get('fallback')?.get('value');
  return undefined;
}

/** Whether a value is "on": True, or a string such as "true" / "1". */
function isOn(node: PyNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'true') return true;
  const v = stringValue(node);
  return v !== undefined && ON.test(v.trim());
}

/** The node that makes a flag's value true by default: `os.getenv("USE_OLLAMA", "true").lower() == "true"`. */
function flagValueDefaultOn(ctx: PyContext, value: PyNode | undefined, depth = 0): PyNode | undefined {
  if (!value || depth > 4) return undefined;
  if (value.type === 'true') return value;
  if (value.type === 'parenthesized_expression' && value.namedChildren.length === 1) return flagValueDefaultOn(ctx, value.namedChildren[0], depth + 1);
  if (value.type === 'comparison_operator') {
    const operands = value.namedChildren.filter((c) => c.field !== 'operators');
    const op = value.children.filter((c) => c.field === 'operators').map((c) => c.text).join(' ');
    if (operands.length !== 2) return undefined;
    const d = lookupDefault(operands[0]);
    const dv = d ? stringValue(d)?.trim().toLowerCase() : undefined;
    if (!d || dv === undefined) return undefined;
    const right = operands[1];
    if (op === '==') return stringValue(right)?.toLowerCase() === dv ? d : undefined;
    if (op === 'in' && (right.type === 'tuple' || right.type === 'list' || right.type === 'set')) return right.namedChildren.some((i) => stringValue(i)?.toLowerCase() === dv) ? d : undefined;
    return undefined;
  }
  const d = lookupDefault(value);
  return isOn(d) ? d : undefined;
}

/** Whether a flag tested as a switch (`if USE_OLLAMA:`) is on by default, and where. */
export function flagDefaultOn(ctx: PyContext, flag: PyNode): PyNode | undefined {
  if (flag.type === 'call') return flagValueDefaultOn(ctx, flag);
  if (flag.type === 'identifier' && ctx.analysis.isName(flag)) {
    // Every binding must turn it on: `X = True` in a try-import next to `X = False` says "installed", not a default.
    const { bindings } = ctx.analysis.resolve(flag);
    let first: PyNode | undefined;
    for (const b of bindings) {
      const value = b.kind === 'assignment' || b.kind === 'annotation' ? b.value ?? b.statement.get('right') : undefined;
      const found = flagValueDefaultOn(ctx, value);
      if (!found) return undefined;
      first ??= found;
    }
    return first;
  }
  return undefined;
}
