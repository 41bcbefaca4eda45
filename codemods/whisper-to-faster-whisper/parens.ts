/** Parentheses around Python expressions, looked through in either direction. */
import type { PyNode } from '../../src/python/tree.js';

/** The expression inside any number of parentheses. */
export function unwrapParens(node: PyNode): PyNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  return n;
}

/** The node itself, or the outermost parentheses around it. */
export function outerParens(node: PyNode): PyNode {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  return n;
}
