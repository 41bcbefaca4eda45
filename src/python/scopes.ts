/**
 * Name binding in Python: which scope binds each name, and which binding a use refers to.
 * Follows the language rules: a name bound anywhere in a function is local to all of it unless
 * declared `global`/`nonlocal`; class bodies are not visible from the functions inside them;
 * comprehensions have their own scope, except their first iterable; `:=` binds in the enclosing
 * function. The analysis is flow-insensitive: a scope's bindings of a name are all candidates.
 */
import type { PyNode, PyTree } from './tree.js';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export type BindingKind =
  | 'import' | 'assignment' | 'augmented' | 'annotation' | 'parameter' | 'function' | 'class' | 'for'
  | 'with' | 'except' | 'delete' | 'walrus' | 'match' | 'comprehension' | 'type-alias';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The scope the name is bound in (after `global` and `nonlocal`). */
  scope: Scope;
  /** The bound identifier (for `import a.b`, the `a.b` dotted name; for aliases, the alias). */
  node: PyNode;
  /** The construct that binds: assignment, import statement, for statement, function definition... */
  statement: PyNode;
  /** For `name = value` with `name` the whole target (also in chains `a = b = value`): the value. */
  value?: PyNode;
}

export interface Reference {
  name: string;
  node: PyNode;
  /** The scope in which the identifier occurs. */
  scope: Scope;
  context: 'load' | 'store' | 'del';
}

export class Scope {
  readonly children: Scope[] = [];
  readonly bindings = new Map<string, Binding[]>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  /** Loads that resolve to a binding in this scope, by name. */
  readonly uses = new Map<string, Reference[]>();
  /** `from x import *` in this scope: names may be bound that the analysis cannot see. */
  starImport = false;

  constructor(readonly kind: ScopeKind, readonly node: PyNode, readonly parent: Scope | null) {
    parent?.children.push(this);
  }

  bindingsOf(name: string): Binding[] {
    return this.bindings.get(name) ?? [];
  }

  usesOf(name: string): Reference[] {
    return this.uses.get(name) ?? [];
  }

  /** The nearest function or module scope (where `:=` binds and where locals live). */
  get functionLike(): Scope {
    let s: Scope = this;
    while (s.kind === 'comprehension' && s.parent) s = s.parent;
    return s;
  }
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const TARGET_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'expression_list']);

/** A binding as the walk meets it: `scope` is where its statement stands, before `global` and `nonlocal` move it. */
type PendingBinding = Binding;

export class ScopeAnalysis {
  readonly module: Scope;
  readonly scopes: Scope[] = [];
  /** Every identifier that is a name (load, store or del), by node id. */
  readonly references = new Map<number, Reference>();
  private readonly scopeByNode = new Map<number, Scope>();
  private readonly resolved = new Map<number, Scope | null>();
  private readonly pending: PendingBinding[] = [];

  constructor(readonly tree: PyTree) {
    this.module = this.newScope('module', tree.root, null);
    this.visitBlock(tree.root, this.module);
    this.finishBindings();
    for (const ref of this.references.values()) {
      const scope = this.lookup(ref.scope, ref.name);
      this.resolved.set(ref.node.id, scope);
      if (scope && ref.context === 'load') {
        let list = scope.uses.get(ref.name);
        if (!list) scope.uses.set(ref.name, (list = []));
        list.push(ref);
      }
    }
  }

  /** The scope created by a function, lambda, class or comprehension node. */
  scopeCreatedBy(node: PyNode): Scope | undefined {
    return this.scopeByNode.get(node.id);
  }

  /** The scope in which `node` is evaluated. */
  scopeOf(node: PyNode): Scope {
    const ref = this.references.get(node.id);
    if (ref) return ref.scope;
    for (let child = node, n = node.parent; n; child = n, n = n.parent) {
      const s = this.scopeByNode.get(n.id);
      if (!s) continue;
      if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') {
        // Decorators, defaults, annotations and base classes are evaluated outside.
        if (child.field === 'body') return s;
        continue;
      }
      const firstClause = n.namedChildren.find((c) => c.type === 'for_in_clause');
      if (child === firstClause && child.all('right').some((r) => node.within(r))) continue;
      return s;
    }
    return this.module;
  }

  /**
   * The scope whose binding a name refers to from `scope`, or null for a builtin / unknown name.
   * `name` is looked up as Python does at run time.
   */
  lookup(scope: Scope, name: string): Scope | null {
    if (scope.globals.has(name)) return this.module.bindings.has(name) ? this.module : null;
    if (scope.nonlocals.has(name)) return this.enclosingFunctionBinding(scope.parent, name);
    if (scope.bindings.has(name)) return scope;
    for (let s = scope.parent; s; s = s.parent) {
      if (s.kind === 'class') continue;
      if (s.globals.has(name)) return this.module.bindings.has(name) ? this.module : null;
      if (s.bindings.has(name)) return s;
    }
    return null;
  }

  /** What an identifier (a load, store or del of a name) refers to. */
  resolve(identifier: PyNode): { scope: Scope | null; bindings: Binding[] } {
    const scope = this.resolved.get(identifier.id);
    if (scope === undefined) return { scope: null, bindings: [] };
    return { scope, bindings: scope ? scope.bindingsOf(identifier.text) : [] };
  }

  /** Whether the identifier is a name (not an attribute, keyword or import path). */
  isName(identifier: PyNode): boolean {
    return this.references.has(identifier.id);
  }

  /** Every identifier spelled `name` that is a name, anywhere in the file. */
  namesSpelled(name: string): Reference[] {
    return [...this.references.values()].filter((r) => r.name === name);
  }

  private enclosingFunctionBinding(start: Scope | null, name: string): Scope | null {
    for (let s = start; s; s = s.parent) {
      if (s.kind === 'class') continue;
      if (s.kind === 'module') return null;
      if (s.bindings.has(name) && !s.nonlocals.has(name)) return s;
      if (s.nonlocals.has(name)) continue;
    }
    return null;
  }

  private newScope(kind: ScopeKind, node: PyNode, parent: Scope | null): Scope {
    const s = new Scope(kind, node, parent);
    this.scopes.push(s);
    this.scopeByNode.set(node.id, s);
    return s;
  }

  /** Bindings are placed after the walk, once every `global`/`nonlocal` of a scope is known. */
  private finishBindings(): void {
    const later: PendingBinding[] = [];
    for (const p of this.pending) {
      if (p.scope.nonlocals.has(p.name)) { later.push(p); continue; }
      const target = p.scope.globals.has(p.name) ? this.module : p.scope;
      this.addBinding(target, p);
    }
    for (const p of later) {
      const target = this.enclosingFunctionBinding(p.scope.parent, p.name) ?? p.scope;
      this.addBinding(target, p);
    }
  }

  private addBinding(target: Scope, p: PendingBinding): void {
    let list = target.bindings.get(p.name);
    if (!list) target.bindings.set(p.name, (list = []));
    list.push({ ...p, scope: target });
  }

  private bind(scope: Scope, name: string, kind: BindingKind, node: PyNode, statement: PyNode, value?: PyNode): void {
    this.pending.push({ name, kind, scope, node, statement, value });
  }

  private ref(node: PyNode, scope: Scope, context: Reference['context']): void {
    this.references.set(node.id, { name: node.text, node, scope, context });
  }

  private visitBlock(node: PyNode, scope: Scope): void {
    for (const c of node.children) this.visit(c, scope);
  }

  private visit(node: PyNode, scope: Scope): void {
    switch (node.type) {
      case 'identifier':
        this.ref(node, scope, 'load');
        return;
      case 'comment':
      case 'string_start':
      case 'string_content':
      case 'string_end':
      case 'integer':
      case 'float':
        return;
      case 'decorated_definition':
        for (const c of node.children) {
          if (c.type === 'decorator') this.visitBlock(c, scope);
          else if (c.field === 'definition') this.visit(c, scope);
        }
        return;
      case 'function_definition':
        this.visitFunction(node, scope);
        return;
      case 'lambda':
        this.visitLambda(node, scope);
        return;
      case 'class_definition':
        this.visitClass(node, scope);
        return;
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        this.visitComprehension(node, scope);
        return;
      case 'import_statement':
        for (const name of node.all('name')) {
          if (name.type === 'aliased_import') {
            const alias = name.get('alias');
            if (alias) this.bind(scope, alias.text, 'import', alias, node);
          } else if (name.type === 'dotted_name') {
            const first = name.namedChildren[0];
            if (first) this.bind(scope, first.text, 'import', name, node);
          }
        }
        return;
      case 'import_from_statement':
        for (const c of node.children) {
          if (c.type === 'wildcard_import') scope.starImport = true;
          if (c.field !== 'name') continue;
          if (c.type === 'aliased_import') {
            const alias = c.get('alias');
            if (alias) this.bind(scope, alias.text, 'import', alias, node);
          } else if (c.type === 'dotted_name') {
            this.bind(scope, c.text, 'import', c, node);
          }
        }
        return;
      case 'future_import_statement':
        return;
      case 'global_statement':
        for (const c of node.namedChildren) if (c.type === 'identifier') { scope.globals.add(c.text); this.ref(c, scope, 'store'); }
        return;
      case 'nonlocal_statement':
        for (const c of node.namedChildren) if (c.type === 'identifier') { scope.nonlocals.add(c.text); this.ref(c, scope, 'store'); }
        return;
      case 'assignment': {
        const left = node.get('left');
        const right = node.get('right');
        const type = node.get('type');
        if (type) this.visit(type, scope);
        if (right) this.visit(right, scope);
        if (left) {
          let value = right;
          while (value?.type === 'assignment') value = value.get('right');
          const kind: BindingKind = right ? 'assignment' : 'annotation';
          this.visitTarget(left, scope, kind, node, left.type === 'identifier' ? value : undefined);
        }
        return;
      }
      case 'augmented_assignment': {
        const left = node.get('left');
        const right = node.get('right');
        if (right) this.visit(right, scope);
        if (left?.type === 'identifier') {
          this.bind(scope, left.text, 'augmented', left, node);
          this.ref(left, scope, 'load');
        } else if (left) this.visit(left, scope);
        return;
      }
      case 'for_statement': {
        for (const c of node.children) {
          if (c.field === 'left') this.visitTarget(c, scope, 'for', node);
          else this.visit(c, scope);
        }
        return;
      }
      case 'with_item': {
        const value = node.get('value');
        if (value?.type === 'as_pattern') {
          for (const c of value.children) {
            if (c.type === 'as_pattern_target') for (const t of c.namedChildren) this.visitTarget(t, scope, 'with', node.parent ?? node);
            else this.visit(c, scope);
          }
        } else if (value) this.visit(value, scope);
        return;
      }
      case 'except_clause': {
        for (const c of node.children) {
          if (c.type === 'as_pattern') {
            for (const d of c.children) {
              if (d.type === 'as_pattern_target') for (const t of d.namedChildren) this.visitTarget(t, scope, 'except', node);
              else this.visit(d, scope);
            }
          } else if (c.field === 'alias' && c.type === 'identifier') {
            this.visitTarget(c, scope, 'except', node);
          } else this.visit(c, scope);
        }
        return;
      }
      case 'named_expression': {
        const value = node.get('value');
        const name = node.get('name');
        if (value) this.visit(value, scope);
        if (name) {
          const target = scope.functionLike;
          this.bind(target, name.text, 'walrus', name, node, value);
          this.ref(name, target, 'store');
        }
        return;
      }
      case 'delete_statement':
        for (const c of node.namedChildren) this.visitDelete(c, scope, node);
        return;
      case 'keyword_argument': {
        const value = node.get('value');
        if (value) this.visit(value, scope);
        return;
      }
      case 'attribute': {
        const object = node.get('object');
        if (object) this.visit(object, scope);
        return;
      }
      case 'case_clause':
        for (const c of node.children) {
          if (c.type === 'case_pattern') this.visitPattern(c, scope, node);
          else this.visit(c, scope);
        }
        return;
      case 'type_alias_statement': {
        const left = node.get('left');
        const name = left?.namedChildren[0];
        if (name?.type === 'identifier') { this.bind(scope, name.text, 'type-alias', name, node); this.ref(name, scope, 'store'); }
        const right = node.get('right');
        if (right) this.visit(right, scope);
        return;
      }
      case 'print_statement':
      case 'exec_statement':
      default:
        this.visitBlock(node, scope);
    }
  }

  private visitDelete(node: PyNode, scope: Scope, statement: PyNode): void {
    if (node.type === 'identifier') {
      this.bind(scope, node.text, 'delete', node, statement);
      this.ref(node, scope, 'del');
    } else if (TARGET_CONTAINERS.has(node.type)) {
      for (const c of node.namedChildren) this.visitDelete(c, scope, statement);
    } else this.visit(node, scope);
  }

  /** An assignment target: names are bound; attributes and subscripts evaluate their parts. */
  private visitTarget(node: PyNode, scope: Scope, kind: BindingKind, statement: PyNode, value?: PyNode): void {
    switch (node.type) {
      case 'identifier':
        this.bind(scope, node.text, kind, node, statement, value);
        this.ref(node, scope, 'store');
        return;
      case 'list_splat_pattern':
      case 'list_splat':
        for (const c of node.namedChildren) this.visitTarget(c, scope, kind, statement);
        return;
      default:
        if (TARGET_CONTAINERS.has(node.type)) {
          for (const c of node.namedChildren) this.visitTarget(c, scope, kind, statement);
          return;
        }
        this.visit(node, scope); // attribute, subscript: their parts are loads
    }
  }

  private visitParameters(params: PyNode | undefined, outer: Scope, inner: Scope, statement: PyNode): void {
    if (!params) return;
    const bindParam = (n: PyNode): void => {
      switch (n.type) {
        case 'identifier':
          this.bind(inner, n.text, 'parameter', n, statement);
          this.ref(n, inner, 'store');
          return;
        case 'default_parameter':
        case 'typed_default_parameter': {
          const name = n.get('name');
          const type = n.get('type');
          const value = n.get('value');
          if (type) this.visit(type, outer);
          if (value) this.visit(value, outer);
          if (name) bindParam(name);
          return;
        }
        case 'typed_parameter':
          for (const c of n.children) {
            if (c.field === 'type') this.visit(c, outer);
            else if (c.named) bindParam(c);
          }
          return;
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
        case 'tuple_pattern':
          for (const c of n.namedChildren) bindParam(c);
          return;
        default:
          return; // separators
      }
    };
    for (const p of params.namedChildren) bindParam(p);
  }

  private visitFunction(node: PyNode, scope: Scope): void {
    const name = node.get('name');
    const statement = node.parent?.type === 'decorated_definition' ? node.parent : node;
    if (name) { this.bind(scope, name.text, 'function', name, statement); this.ref(name, scope, 'store'); }
    const inner = this.newScope('function', node, scope);
    for (const c of node.children) {
      if (c.field === 'parameters') this.visitParameters(c, scope, inner, node);
      else if (c.field === 'return_type' || c.field === 'type_parameters') this.visit(c, scope);
      else if (c.field === 'body') this.visitBlock(c, inner);
    }
  }

  private visitLambda(node: PyNode, scope: Scope): void {
    const inner = this.newScope('lambda', node, scope);
    this.visitParameters(node.get('parameters'), scope, inner, node);
    const body = node.get('body');
    if (body) this.visit(body, inner);
  }

  private visitClass(node: PyNode, scope: Scope): void {
    const name = node.get('name');
    const statement = node.parent?.type === 'decorated_definition' ? node.parent : node;
    if (name) { this.bind(scope, name.text, 'class', name, statement); this.ref(name, scope, 'store'); }
    const inner = this.newScope('class', node, scope);
    for (const c of node.children) {
      if (c.field === 'superclasses' || c.field === 'type_parameters') this.visit(c, scope);
      else if (c.field === 'body') this.visitBlock(c, inner);
    }
  }

  private visitComprehension(node: PyNode, scope: Scope): void {
    const inner = this.newScope('comprehension', node, scope);
    let first = true;
    for (const c of node.children) {
      if (c.type === 'for_in_clause') {
        for (const r of c.all('right')) this.visit(r, first ? scope : inner);
        first = false;
        const left = c.get('left');
        if (left) this.visitTarget(left, inner, 'comprehension', c);
      } else if (c.named) this.visit(c, inner);
    }
  }

  /** Match patterns: bare names capture (bind), dotted names are values, `_` is a wildcard. */
  private visitPattern(node: PyNode, scope: Scope, clause: PyNode): void {
    for (const c of node.children) {
      switch (c.type) {
        case 'dotted_name': {
          const parts = c.namedChildren;
          const isClassName = node.type === 'class_pattern' && c === node.namedChildren[0];
          if (parts.length === 1 && !isClassName) {
            if (parts[0].text !== '_') { this.bind(scope, parts[0].text, 'match', parts[0], clause); this.ref(parts[0], scope, 'store'); }
          } else if (parts[0]) this.ref(parts[0], scope, 'load');
          break;
        }
        case 'identifier':
          // as_pattern aliases, splat captures and keyword-pattern keywords
          if (node.type === 'keyword_pattern' && c === node.namedChildren[0]) break;
          if (c.text !== '_') { this.bind(scope, c.text, 'match', c, clause); this.ref(c, scope, 'store'); }
          break;
        case 'string':
        case 'concatenated_string':
          this.visit(c, scope);
          break;
        default:
          if (c.named) this.visitPattern(c, scope, clause);
      }
    }
  }
}

export function analyzeScopes(tree: PyTree): ScopeAnalysis {
  return new ScopeAnalysis(tree);
}
