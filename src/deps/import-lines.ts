/**
 * Import statements read by a tokenizer instead of a parse tree. Parsing every Python file with
 * tree-sitter cost 2.4 ms a file (22 s of a 9k-file scan, and its native trees); imports are the
 * one thing the scan needs from most files, and their syntax is small: logical lines (strings,
 * comments, brackets and backslash continuations followed), `;` and one-line compound bodies,
 * and the indentation blocks that decide whether an import is guarded. The test suite checks
 * that this agrees with the tree-sitter reading on the standard library.
 */

export interface ImportLine {
  module: string;
  /** 1-based. */
  line: number;
  guarded: boolean;
}

export interface LogicalLine {
  line: number;
  indent: number;
  /** The code with string contents emptied and comments removed. */
  code: string;
  /** Offset of its first character in the source. */
  start: number;
  /** Offset of the line break that ends it (the source's length at the end). */
  end: number;
}

const STRING_PREFIX = /[rRbBuUfF]/;

/** Splits source into logical lines; strings become `""`, comments vanish. */
export function logicalLines(source: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let code = '';
  // Plain characters are copied as runs (one slice each), not one by one.
  let run = -1;
  let depth = 0;
  let line = 1;
  let startLine = 1;
  let start = 0;
  let indent = 0;
  let atLineStart = true;
  let column = 0;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const ch = source[i];
    if (atLineStart) {
      if (ch === ' ') { column += 1; continue; }
      if (ch === '\t') { column = column + 8 - (column % 8); continue; }
      if (ch === '\f') { column = 0; continue; }
      atLineStart = false;
      if (code === '') { indent = column; startLine = line; start = i; }
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    else if (ch === '#' || ch === '\\' || ch === '"' || ch === "'" || ch === '\n' || ch === '\r') {
      if (run >= 0) { code += source.slice(run, i); run = -1; }
      if (ch === '#') {
        while (i < n && source[i] !== '\n') i++;
        i--;
        continue;
      }
      if (ch === '\\') {
        if (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n')) {
          i += source[i + 1] === '\r' ? 2 : 1;
          line++;
          code += ' ';
        } else code += ch;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const triple = source[i + 1] === ch && source[i + 2] === ch;
        const quote = triple ? ch + ch + ch : ch;
        i += quote.length;
        while (i < n) {
          const c = source[i];
          if (c === '\\') { if (source[i + 1] === '\n') line++; i += 2; continue; }
          if (c === '\n') { line++; if (!triple) break; }
          if (c === ch && source.startsWith(quote, i)) { i += quote.length - 1; break; }
          i++;
        }
        code += '""';
        continue;
      }
      if (ch === '\r' && source[i + 1] === '\n') continue;
      line++;
      if (depth > 0) { code += ' '; continue; }
      if (code.trim() !== '') out.push({ line: startLine, indent, code, start, end: i });
      code = '';
      atLineStart = true;
      column = 0;
      continue;
    }
    if (run < 0) run = i;
  }
  if (run >= 0) code += source.slice(run);
  if (code.trim() !== '') out.push({ line: startLine, indent, code, start, end: n });
  return out;
}

/** Splits at top-level `;` and at the `:` of a compound header with its body on the same line. */
function statements(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === ';') {
      parts.push(code.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(code.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const COMPOUND = /^(if|elif|else|try|except|finally|with|for|while|def|class|async|match|case)\b/;

/** The position of the header's closing `:` at bracket depth 0 (not part of `:=` or a lambda). */
function headerColon(code: string): number {
  let depth = 0;
  let lambdas = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === ':' && code[i + 1] !== '=') {
      if (lambdas > 0) { lambdas--; continue; }
      return i;
    } else if (depth === 0 && code.startsWith('lambda', i) && !/\w/.test(code[i - 1] ?? '') && !/\w/.test(code[i + 6] ?? '')) lambdas++;
  }
  return -1;
}

const GUARD_CONDITION = /TYPE_CHECKING|version_info|sys\.platform|platform\.system|os\.name|find_spec|importlib\.util/;
const GUARD_HANDLER = /^except\s*(:|\(?[^:]*\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b)/;

interface Block {
  indent: number;
  /** A try body: guarded if one of its handlers catches import errors. */
  tryRecord?: { guarded: boolean };
  guardIf?: boolean;
}

function modulesOf(statement: string): string[] {
  const plain = statement.replace(/\s+/g, ' ');
  let m = /^import (.+)$/.exec(plain);
  if (m) {
    return m[1].split(',').map((part) => part.trim().split(' as ')[0].replace(/\s+/g, '')).filter((x) => /^[\w.]+$/.test(x));
  }
  m = /^from ([\w. ]+?) import\b/.exec(plain);
  if (m) {
    const module = m[1].replace(/\s+/g, '');
    if (module.startsWith('.') || module === '__future__' || !/^[\w.]+$/.test(module)) return [];
    return [module];
  }
  return [];
}

/** Every import statement of a Python source, with its line and whether it is guarded. */
export function scanImportLines(source: string, lines: readonly LogicalLine[] = logicalLines(source)): ImportLine[] {
  const found: { module: string; line: number; blocks: Block[] }[] = [];
  const stack: Block[] = [];
  /** The try statement at each indentation whose handlers are still to come. */
  const lastTry = new Map<number, { guarded: boolean }>();
  const lastIfCondition = new Map<number, string>();

  const handle = (text: string, line: number, indent: number, inlineBody: boolean): void => {
    const compound = COMPOUND.exec(text);
    if (compound && (compound[1] !== 'match' && compound[1] !== 'case' || /:$|: /.test(text))) {
      const colon = headerColon(text);
      if (colon < 0) return;
      const header = text.slice(0, colon).trim();
      const body = text.slice(colon + 1).trim();
      const keyword = compound[1];
      const block: Block = { indent };
      if (keyword === 'try') {
        block.tryRecord = { guarded: false };
        lastTry.set(indent, block.tryRecord);
      } else if (keyword === 'except') {
        const record = lastTry.get(indent);
        if (record && GUARD_HANDLER.test(text)) record.guarded = true;
      } else if (keyword === 'if') {
        lastIfCondition.set(indent, header);
        block.guardIf = GUARD_CONDITION.test(header);
      } else if (keyword === 'elif' || keyword === 'else') {
        // tree-sitter's reading judges elif and else bodies by the `if` condition they belong to.
        const condition = lastIfCondition.get(indent);
        block.guardIf = condition !== undefined && GUARD_CONDITION.test(condition);
      }
      if (body !== '') {
        stack.push({ ...block, indent });
        for (const stmt of statements(body)) handle(stmt, line, indent + 1, true);
        stack.pop();
        return;
      }
      stack.push(block);
      return;
    }
    if (!inlineBody && !/^(import|from)\b/.test(text)) return;
    for (const module of modulesOf(text)) found.push({ module, line, blocks: [...stack] });
  };

  for (const logical of lines) {
    while (stack.length > 0 && stack[stack.length - 1].indent >= logical.indent) stack.pop();
    for (const key of [...lastTry.keys()]) if (key > logical.indent) lastTry.delete(key);
    for (const key of [...lastIfCondition.keys()]) if (key > logical.indent) lastIfCondition.delete(key);
    const parts = statements(logical.code);
    const first = parts[0] ?? '';
    if (COMPOUND.test(first) && !/^(except|elif|else|finally)\b/.test(first)) {
      // A new statement at this indentation ends the pending try or if of the previous one.
      if (!/^try\b/.test(first)) lastTry.delete(logical.indent);
      if (!/^if\b/.test(first)) lastIfCondition.delete(logical.indent);
    } else if (!/^(except|elif|else|finally)\b/.test(first)) {
      lastTry.delete(logical.indent);
      lastIfCondition.delete(logical.indent);
    }
    for (const stmt of parts) handle(stmt, logical.line, logical.indent, false);
  }
  return found.map(({ module, line, blocks }) => ({
    module,
    line,
    guarded: blocks.some((b) => b.guardIf || b.tryRecord?.guarded),
  }));
}
