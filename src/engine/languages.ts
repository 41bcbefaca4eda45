/**
 * Which language a file is in (by name), and a syntax check per language, used to refuse edits
 * that would leave a file unparsable. Parsers load lazily: a run that never edits TypeScript
 * never loads the TypeScript compiler.
 */
import { createRequire } from 'node:module';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { pythonParseRefusal } from '../python/parse-limits.js';
import { parseNative } from '../python/tree.js';
import { positionOf } from '../text/lines.js';
import type { Language } from './types.js';

const require = createRequire(import.meta.url);

export function languageOf(path: string): Language {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  switch (ext) {
    case 'py': case 'pyi': case 'pyw': return 'python';
    case 'js': case 'mjs': case 'cjs': case 'jsx': return 'javascript';
    case 'ts': case 'mts': case 'cts': case 'tsx': return 'typescript';
    case 'toml': return 'toml';
    case 'json': return 'json';
    case 'yml': case 'yaml': return 'yaml';
    default: return 'text';
  }
}

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

function firstPythonError(text: string): SyntaxProblem | undefined {
  // A result beyond the parse limits cannot be checked: it is not written.
  const refusal = pythonParseRefusal(text);
  if (refusal) return { line: 1, column: 1, message: `cannot be checked: ${refusal}` };
  return pythonTreeError(parseNative(text), text);
}

/** The first error of an already parsed Python tree (ERROR or MISSING node), or undefined. */
export function pythonTreeError(tree: ReturnType<typeof parseNative>, text: string): SyntaxProblem | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const cursor = tree.walk();
  for (;;) {
    if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) {
      const { row, column } = cursor.startPosition;
      const col = positionOf(text, cursor.startIndex).column;
      return { line: row + 1, column: column >= 0 ? col : 1, message: cursor.nodeIsMissing ? `missing ${cursor.nodeType}` : 'invalid syntax' };
    }
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return { line: 1, column: 1, message: 'invalid syntax' };
    }
  }
}

function scriptError(path: string, text: string, language: 'javascript' | 'typescript'): SyntaxProblem | undefined {
  const { ts } = require('ts-morph') as typeof import('ts-morph');
  const tsx = /\.(tsx|jsx)$/i.test(path);
  const kind = language === 'typescript' ? (tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : (tsx ? ts.ScriptKind.JSX : ts.ScriptKind.JS);
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const diags = (sf as unknown as { parseDiagnostics: Array<{ start?: number; messageText: unknown }> }).parseDiagnostics;
  if (!diags?.length) return undefined;
  const d = diags[0];
  const pos = positionOf(text, d.start ?? 0);
  return { ...pos, message: typeof d.messageText === 'string' ? d.messageText : 'invalid syntax' };
}

/** The first syntax error of `text`, or undefined; `text`-language files always pass. */
export function syntaxError(path: string, language: Language, text: string): SyntaxProblem | undefined {
  try {
    switch (language) {
      case 'python':
        return firstPythonError(text);
      case 'javascript':
      case 'typescript':
        return scriptError(path, text, language);
      case 'toml':
        parseToml(text);
        return undefined;
      case 'json':
        JSON.parse(text);
        return undefined;
      case 'yaml':
        parseYaml(text);
        return undefined;
      default:
        return undefined;
    }
  } catch (err) {
    const e = err as { message?: string; line?: number; column?: number; linePos?: Array<{ line: number; col: number }> };
    const line = e.line ?? e.linePos?.[0]?.line ?? 1;
    const column = e.column ?? e.linePos?.[0]?.col ?? 1;
    return { line, column, message: String(e.message ?? err).split('\n')[0] };
  }
}

/**
 * Whether edits broke the file: the new text has a syntax error and the old one had none
 * (a file that was already broken in a tolerant format is not blamed on the codemod).
 */
export function newSyntaxError(path: string, language: Language, before: string, after: string): SyntaxProblem | undefined {
  const problem = syntaxError(path, language, after);
  if (!problem) return undefined;
  return syntaxError(path, language, before) ? undefined : problem;
}
