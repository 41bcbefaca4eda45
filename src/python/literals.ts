/** Reading Python literals (strings, numbers, booleans) and writing strings that fit their place. */
import type { PyNode } from './tree.js';

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '',
};

/** What reading a literal needs of a node: PyNode and a native tree-sitter node both fit. */
export interface LiteralNode {
  readonly type: string;
  readonly text: string;
  readonly namedChildren: readonly LiteralNode[];
}

/** The value of a plain string literal (also implicitly concatenated); undefined for f-strings and bytes. */
export function stringValue(node: LiteralNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'parenthesized_expression' && node.namedChildren.length === 1) return stringValue(node.namedChildren[0]);
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
  const m = /^([rRuUbBfF]*)('''|"""|'|")([\s\S]*)\2$/.exec(node.text);
  if (!m) return undefined;
  const prefix = m[1].toLowerCase();
  if (prefix.includes('f') || prefix.includes('b')) return undefined;
  const body = m[3];
  if (prefix.includes('r') || !body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') { out += ch; continue; }
    const next = body[++i];
    if (next in SIMPLE_ESCAPES) { out += SIMPLE_ESCAPES[next]; continue; }
    const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hex) {
      const digits = body.slice(i + 1, i + 1 + hex);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return undefined;
      out += String.fromCodePoint(parseInt(digits, 16));
      i += hex;
      continue;
    }
    return undefined; // octal and named escapes: not needed, do not guess
  }
  return out;
}

/** true / false / None as JavaScript values; undefined for anything else. */
export function constantValue(node: PyNode | undefined): boolean | null | undefined {
  if (!node) return undefined;
  if (node.type === 'true') return true;
  if (node.type === 'false') return false;
  if (node.type === 'none') return null;
  return undefined;
}

/** An integer literal (with an optional minus sign) as a number. */
export function integerValue(node: PyNode | undefined): number | undefined {
  if (!node) return undefined;
  if (node.type === 'unary_operator' && node.children[0]?.text === '-') {
    const v = integerValue(node.get('argument'));
    return v === undefined ? undefined : -v;
  }
  if (node.type !== 'integer' || !/^[0-9_]+$/.test(node.text)) return undefined;
  return Number(node.text.replace(/_/g, ''));
}

/**
 * The quote character a new string literal at `node` may use. Inside an f-string replacement
 * field, Python before 3.12 forbids the f-string's own quote character, so use the other one.
 */
export function quoteFor(node: PyNode, preferred: '"' | "'" = '"'): '"' | "'" {
  let quote: '"' | "'" = preferred;
  for (let n = node.parent; n; n = n.parent) {
    if (n.type !== 'string') continue;
    const start = n.children.find((c) => c.type === 'string_start')?.text ?? '';
    if (!/f/i.test(start)) continue;
    if (start.includes('"') && !start.includes('"""')) quote = "'";
    else if (start.includes("'") && !start.includes("'''")) quote = '"';
  }
  return quote;
}

/** A Python string literal for `value` with the given quote. */
export function pyString(value: string, quote: '"' | "'" = '"'): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return quote + out + quote;
}
