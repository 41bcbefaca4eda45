/**
 * Assignments to names and to `self.<attr>`: where a value is stored and everywhere it is read,
 * so a codemod can follow a value (a model, a result) from where it is made to where it is used.
 */
import type { Binding, ScopeAnalysis } from './scopes.js';
import type { PyNode } from './tree.js';

export interface Method {
  node: PyNode;
  /** The class whose body defines the method. */
  cls: PyNode;
  /** The first parameter (`self`), null for static methods and methods without parameters. */
  self: string | null;
}

function decoratorsOf(def: PyNode): string[] {
  const parent = def.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text.replace(/^@\s*/, ''));
}

/** The functions defined directly in a class body, with the name of their instance parameter. */
export function methodsOf(cls: PyNode): Method[] {
  const body = cls.get('body');
  if (!body) return [];
  const out: Method[] = [];
  for (const s of body.namedChildren) {
    const def = s.type === 'decorated_definition' ? s.get('definition') : s;
    if (def?.type !== 'function_definition') continue;
    const decorators = decoratorsOf(def);
    const isStatic = decorators.some((d) => /^(staticmethod|classmethod)\b/.test(d));
    const first = def.get('parameters')?.namedChildren[0];
    const firstName = first?.type === 'identifier' ? first.text
      : first?.type === 'typed_parameter' ? first.namedChildren.find((c) => c.type === 'identifier')?.text ?? null : null;
    out.push({ node: def, cls, self: isStatic ? null : firstName });
  }
  return out;
}

/** The class whose method (directly) contains `node`, and that method. */
export function enclosingMethod(node: PyNode): Method | undefined {
  for (let n: PyNode | null = node.parent; n; n = n.parent) {
    if (n.type !== 'function_definition') continue;
    const holder = n.parent?.type === 'decorated_definition' ? n.parent.parent : n.parent;
    const cls = holder?.type === 'block' ? holder.parent : undefined;
    if (cls?.type === 'class_definition') return methodsOf(cls).find((m) => m.node === n);
  }
  return undefined;
}

export interface SelfAttributeAccess {
  /** The `self.attr` attribute node. */
  node: PyNode;
  method: Method;
  /** `store` when the attribute is (part of) an assignment target, `del` under `del`. */
  context: 'load' | 'store' | 'del';
  /** For `self.attr = value` with `self.attr` the whole target: the value. */
  value?: PyNode;
  /** For stores: the assignment statement. */
  statement?: PyNode;
}

/**
 * Every `self.<attr>` in the methods of `cls` (nested functions included), where `self` is the
 * method's instance parameter and not rebound.
 */
export function selfAttributeAccesses(cls: PyNode, attr: string, analysis: ScopeAnalysis): SelfAttributeAccess[] {
  const out: SelfAttributeAccess[] = [];
  for (const method of methodsOf(cls)) {
    if (!method.self) continue;
    const scope = analysis.scopeCreatedBy(method.node);
    if (!scope) continue;
    const bindings = scope.bindingsOf(method.self);
    if (bindings.length !== 1 || bindings[0].kind !== 'parameter') continue;
    for (const use of scope.usesOf(method.self)) {
      const attribute = use.node.parent;
      if (attribute?.type !== 'attribute' || attribute.get('object') !== use.node) continue;
      if (attribute.get('attribute')?.text !== attr) continue;
      out.push({ node: attribute, method, ...accessContext(attribute) });
    }
  }
  return out;
}

function accessContext(attribute: PyNode): Pick<SelfAttributeAccess, 'context' | 'value' | 'statement'> {
  let n = attribute;
  while (n.parent && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list'].includes(n.parent.type)) n = n.parent;
  const p = n.parent;
  if (p?.type === 'assignment' && n.field === 'left') {
    let value = p.get('right');
    while (value?.type === 'assignment') value = value.get('right');
    return { context: 'store', statement: p, value: n === attribute ? value : undefined };
  }
  if (p?.type === 'assignment' && n.field === 'right' && n.type === 'assignment') return { context: 'load' };
  if (p?.type === 'augmented_assignment' && n.field === 'left') return { context: 'store', statement: p };
  if ((p?.type === 'for_statement' || p?.type === 'for_in_clause') && n.field === 'left') return { context: 'store', statement: p };
  if (p?.type === 'delete_statement' || (p?.type === 'expression_list' && p.parent?.type === 'delete_statement')) return { context: 'del' };
  return { context: 'load' };
}

/** The class definition whose body (directly) defines a method node. */
export function classOfMethod(def: PyNode): PyNode | undefined {
  const holder = def.parent?.type === 'decorated_definition' ? def.parent.parent : def.parent;
  return holder?.type === 'block' && holder.parent?.type === 'class_definition' ? holder.parent : undefined;
}

/** Every value assigned to a name in its scope (undefined entries: bindings that are not `name = value`). */
export function assignedValues(bindings: readonly Binding[]): Array<PyNode | undefined> {
  return bindings.map((b) => (b.kind === 'assignment' || b.kind === 'walrus' ? b.value : undefined));
}
