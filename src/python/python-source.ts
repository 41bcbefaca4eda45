/**
 * tree-sitter-python for dependency analysis: one parser, and the literal value of string nodes.
 * Only native nodes that matter are touched (descendantsOfType), never the whole tree.
 */
import type ParserType from 'tree-sitter';
import { parseNative } from './tree.js';

export type SyntaxNode = ParserType.SyntaxNode;
export type SyntaxTree = ParserType.Tree;

/** Throws PythonTooComplexError for a text beyond the limits of python/parse-limits.ts (one parser with the engine's). */
export const parsePythonSource: (source: string) => SyntaxTree = parseNative;

// String literals are read by the engine's helper, so both analyses agree on escapes and prefixes.
export { stringValue } from './literals.js';
