/**
 * tree-sitter-python for dependency analysis: one parser, and the literal value of string nodes.
 * Only native nodes that matter are touched (descendantsOfType), never the whole tree.
 */
import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';
import { PythonTooComplexError, pythonParseRefusal, treeSizeRefusal } from './parse-limits.js';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserType;
const PythonLanguage = require('tree-sitter-python') as ParserType.Language;

export type SyntaxNode = ParserType.SyntaxNode;
export type SyntaxTree = ParserType.Tree;

let parser: ParserType | undefined;

/** Throws PythonTooComplexError for a text beyond the limits of python/parse-limits.ts. */
export function parsePythonSource(source: string): SyntaxTree {
  const refusal = pythonParseRefusal(source);
  if (refusal) throw new PythonTooComplexError(refusal);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(PythonLanguage);
  }
  const tree = parser.parse(source, null, { bufferSize: Math.max(32 * 1024, Math.min(source.length * 2 + 16, 8 * 1024 * 1024)) });
  const tooBig = treeSizeRefusal(tree.rootNode.descendantCount);
  if (tooBig) throw new PythonTooComplexError(tooBig);
  return tree;
}

// String literals are read by the engine's helper, so both analyses agree on escapes and prefixes.
export { stringValue } from './literals.js';
