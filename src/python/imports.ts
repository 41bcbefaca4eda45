/**
 * Import resolution: every import in a file (any form, any scope, inside `try` or functions), and
 * the qualified name an expression such as `w.load_model` or `load_model` refers to.
 */
import type { Binding, Scope, ScopeAnalysis } from './scopes.js';
import type { PyNode } from './tree.js';

export interface ImportedName {
  statement: PyNode;
  kind: 'import' | 'from';
  /** The module named in the statement (`a.b` in `from a.b import c`; `''` for `from . import c`). */
  module: string;
  /** Leading dots of a relative import; 0 for an absolute one. */
  level: number;
  /** For `from m import name`: `name`; for `import m`: null. */
  name: string | null;
  alias: string | null;
  /** The local name the statement binds. */
  bound: string;
  /** The alias or dotted-name node inside the statement that binds `bound`. */
  node: PyNode;
  scope: Scope;
  /**
   * What the bound name refers to: `m` for `import m.sub` (it binds `m`), `m.sub` for
   * `import m.sub as x`, `m.name` for `from m import name`. Relative imports start with dots.
   */
  target: string;
  /** The import sits inside a `try` body (an optional dependency). */
  inTry: boolean;
}

export interface StarImport {
  statement: PyNode;
  module: string;
  level: number;
  scope: Scope;
}

export interface FileImports {
  names: ImportedName[];
  stars: StarImport[];
}

function dottedText(node: PyNode | undefined): string {
  if (!node) return '';
  return node.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text).join('.');
}

function relativeParts(node: PyNode): { module: string; level: number } {
  if (node.type !== 'relative_import') return { module: dottedText(node), level: 0 };
  const prefix = node.namedChildren.find((c) => c.type === 'import_prefix');
  const dotted = node.namedChildren.find((c) => c.type === 'dotted_name');
  return { module: dottedText(dotted), level: prefix ? prefix.text.replace(/\s/g, '').length : 0 };
}

export function collectImports(analysis: ScopeAnalysis): FileImports {
  const names: ImportedName[] = [];
  const stars: StarImport[] = [];
  for (const statement of analysis.tree.root.find('import_statement', 'import_from_statement')) {
    const scope = analysis.scopeOf(statement);
    const inTry = isInTryBody(statement);
    if (statement.type === 'import_statement') {
      for (const n of statement.all('name')) {
        if (n.type === 'aliased_import') {
          const module = dottedText(n.get('name'));
          const alias = n.get('alias')?.text ?? module;
          names.push({ statement, kind: 'import', module, level: 0, name: null, alias, bound: alias, node: n, scope, target: module, inTry });
        } else {
          const module = dottedText(n);
          const bound = module.split('.')[0];
          names.push({ statement, kind: 'import', module, level: 0, name: null, alias: null, bound, node: n, scope, target: bound, inTry });
        }
      }
      continue;
    }
    const moduleNode = statement.get('module_name');
    if (!moduleNode) continue;
    const { module, level } = relativeParts(moduleNode);
    const prefix = '.'.repeat(level);
    for (const c of statement.children) {
      if (c.type === 'wildcard_import') stars.push({ statement, module, level, scope });
      if (c.field !== 'name') continue;
      const nameNode = c.type === 'aliased_import' ? c.get('name') : c;
      const name = dottedText(nameNode);
      const alias = c.type === 'aliased_import' ? c.get('alias')?.text ?? null : null;
      const target = prefix + (module ? `${module}.${name}` : name);
      names.push({ statement, kind: 'from', module, level, name, alias, bound: alias ?? name, node: c, scope, target, inTry });
    }
  }
  return { names, stars };
}

/** Whether a statement is in the body of a `try` (not in its handlers), at any depth of blocks. */
export function isInTryBody(statement: PyNode): boolean {
  for (let child = statement, n = statement.parent; n; child = n, n = n.parent) {
    if (n.type === 'try_statement') return child.field === 'body';
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return false;
}

/** The root name and attribute path of `a.b.c` (identifiers and attributes only). */
export function attributeChain(expr: PyNode): { root: PyNode; path: string[] } | undefined {
  const path: string[] = [];
  let n: PyNode | undefined = expr;
  while (n?.type === 'attribute') {
    const attr = n.get('attribute');
    if (!attr) return undefined;
    path.unshift(attr.text);
    n = n.get('object');
  }
  if (n?.type !== 'identifier') return undefined;
  return { root: n, path };
}

export type QualifiedName =
  | { kind: 'import'; name: string; import: ImportedName; binding: Binding }
  | { kind: 'ambiguous'; bindings: Binding[] }
  | { kind: 'local'; bindings: Binding[] }
  | { kind: 'unbound' };

/**
 * What an expression like `whisper.load_model` refers to. `import` when its root name is bound
 * only by imports of one and the same thing; `ambiguous` when an import competes with other
 * bindings of the name (e.g. `except ImportError: whisper = None`); `local` when no import binds it.
 */
export function qualifiedName(expr: PyNode, analysis: ScopeAnalysis, imports: FileImports): QualifiedName {
  const chain = attributeChain(expr);
  if (!chain) return { kind: 'unbound' };
  const { bindings } = analysis.resolve(chain.root);
  if (bindings.length === 0) return { kind: 'unbound' };
  const fromImports = bindings.map((b) => (b.kind === 'import' ? importOf(b, imports) : undefined));
  if (fromImports.every((i) => i === undefined)) return { kind: 'local', bindings };
  const targets = new Set(fromImports.map((i) => i?.target));
  if (fromImports.some((i) => i === undefined) || targets.size > 1) return { kind: 'ambiguous', bindings };
  const imp = fromImports[0]!;
  return { kind: 'import', name: [imp.target, ...chain.path].join('.'), import: imp, binding: bindings[0] };
}

export function importOf(binding: Binding, imports: FileImports): ImportedName | undefined {
  return imports.names.find((i) => i.scope === binding.scope && i.bound === binding.name && binding.statement === i.statement
    && (binding.node === i.node || binding.node.within(i.node)));
}
