/**
 * tree-sitter-python for dependency analysis: one parser, and the literal value of string nodes.
 * Only native nodes that matter are touched (descendantsOfType), never the whole tree.
 */
import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserType;
const PythonLanguage = require('tree-sitter-python') as ParserType.Language;

export type SyntaxNode = ParserType.SyntaxNode;
export type SyntaxTree = ParserType.Tree;

let parser: ParserType | undefined;

export function parsePythonSource(source: string): SyntaxTree {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(PythonLanguage);
  }
  return parser.parse(source, null, { bufferSize: Math.max(32 * 1024, Math.min(source.length * 2 + 16, 8 * 1024 * 1024)) });
}

/** The value of a plain string literal (no f-string interpolation, no implicit concatenation). */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of node.namedChildren) {
      const v = stringValue(part);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const child of node.children) {
    if (child.type === 'string_content') out += child.text;
    else if (child.type === 'escape_sequence') out += unescape(child.text);
    else if (child.type === 'interpolation') return undefined;
  }
  return out;
}

function unescape(seq: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  return simple[seq.slice(1)] ?? seq.slice(1);
}
