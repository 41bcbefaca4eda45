/** Values a file gives as module-level constants (`DEVICE = "cuda"`, `USE_FP16 = False`), read through their names. */
import { constantValue, stringValue } from '../../src/python/literals.js';
import type { ScopeAnalysis } from '../../src/python/scopes.js';
import type { PyNode } from '../../src/python/tree.js';
import { unwrapParens } from './parens.js';

/** Follows a name bound once at module level (`DEVICE = ...`) to its value expression. */
export function constantValueNode(analysis: ScopeAnalysis, node: PyNode, depth = 0): PyNode {
  if (node.type !== 'identifier' || depth > 3) return node;
  const { scope, bindings } = analysis.resolve(node);
  if (scope?.kind !== 'module' || bindings.length !== 1 || bindings[0].kind !== 'assignment' || !bindings[0].value) return node;
  return constantValueNode(analysis, unwrapParens(bindings[0].value), depth + 1);
}

/** True/False/None, also through a module-level name every assignment of which gives that same literal. */
export function constantFlag(analysis: ScopeAnalysis, node: PyNode): boolean | null | undefined {
  if (node.type !== 'identifier') return constantValue(node);
  const { scope, bindings } = analysis.resolve(node);
  if (scope?.kind !== 'module' || bindings.length === 0 || bindings.some((b) => b.kind !== 'assignment' || !b.value)) return undefined;
  const values = new Set(bindings.map((b) => constantValue(unwrapParens(b.value!))));
  return values.size === 1 ? [...values][0] : undefined;
}

/** A module-level `NAME = "literal"` constant's value. */
export function constantString(analysis: ScopeAnalysis, node: PyNode): string | undefined {
  const direct = stringValue(node);
  if (direct !== undefined || node.type !== 'identifier') return direct;
  const { scope, bindings } = analysis.resolve(node);
  if (scope?.kind !== 'module' || bindings.length !== 1 || bindings[0].kind !== 'assignment') return undefined;
  return stringValue(bindings[0].value);
}
