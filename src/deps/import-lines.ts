/**
 * Import statements read by a tokenizer instead of a parse tree. Parsing every Python file with
 * tree-sitter cost 2.4 ms a file (22 s of a 9k-file scan, and its native trees); imports are the
 * one thing the scan needs from most files, and their syntax is small: logical lines (strings,
 * comments, brackets and backslash continuations followed), `;` and one-line compound bodies,
 * and the indentation blocks that decide whether an import is guarded. The test suite checks
 * that this agrees with the tree-sitter reading on the standard library.
 */
import { isWordChar } from '../python/parse-limits.js';

export interface ImportLine {
  module: string;
  /** 1-based. */
  line: number;
  guarded: boolean;
}

export interface LogicalLine {
  line: number;
  indent: number;
  /**
   * The code with string contents emptied and comments removed: only for lines whose statements
   * can matter to imports (a compound header, `import`/`from`, several statements); `lineCode`
   * gives any line's.
   */
  code?: string;
  /**
   * A `def`, `class`, `with`, `for` or `while` header whose body starts on the next line (its only
   * `:` outside brackets ends it, no `;`, no `lambda`): it opens a block and holds nothing else.
   */
  opensBlock?: boolean;
  /** Offset of its first character in the source. */
  start: number;
  /** Offset of the line break that ends it (the source's length at the end). */
  end: number;
}

/** Splits source into logical lines, each with its code (strings become `""`, comments vanish). */
export function logicalLinesWithCode(source: string): Array<LogicalLine & { code: string }> {
  const out: Array<LogicalLine & { code: string }> = [];
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

/** The code of one logical line (strings become `""`, comments vanish). */
export function lineCode(source: string, line: LogicalLine): string {
  return line.code ?? logicalLinesWithCode(source.slice(line.start, line.end))[0]?.code ?? '';
}

/** Headers that only open a block when their body starts on the next line. */
const BLOCK_WORDS = new Set(['def', 'class', 'with', 'for', 'while', 'async']);

/** First words of compound statements. */
const COMPOUND_WORDS = new Set(['if', 'elif', 'else', 'try', 'except', 'finally', 'with', 'for', 'while', 'def', 'class', 'async', 'match', 'case']);

/** First words of the lines whose code `scanImportLines` reads (the rest only open and close blocks). */
const CODE_WORDS = new Set([...COMPOUND_WORDS, 'import', 'from']);

// Character codes (the tokenizer below reads codes, not one-character strings).
const NL = 10, CR = 13, TAB = 9, FF = 12, SPACE = 32, BACKSLASH = 92, COLON_CODE = 58;

const PLAIN = 0, OPEN = 1, CLOSE = 2, COMMENT = 3, ESCAPE = 4, QUOTE = 5, BREAK = 6, SEMI = 7, COLON = 8;
/** What each ASCII character is to the tokenizer (every other character is plain). */
const CHAR_KIND = new Uint8Array(128);
for (const [chars, kind] of [['([{', OPEN], [')]}', CLOSE], ['#', COMMENT], ['\\', ESCAPE], ['"\'', QUOTE], ['\n\r', BREAK], [';', SEMI], [':', COLON]] as const) {
  for (const ch of chars) CHAR_KIND[ch.charCodeAt(0)] = kind;
}

/** What String.prototype.trim removes (a line of only these holds no statement). */
function isTrimmed(c: number): boolean {
  return c === SPACE || c === TAB || c === 11 || c === FF || c === 160 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * The logical lines of a source, as `logicalLinesWithCode` splits them, with the code built only
 * for the lines that need it (building every line's code was most of the tokenizer's time).
 * `until`: the lines that begin after this offset are wanted only for their handlers (the lines
 * after the last `import` hold none, but an `except` further on may guard one): it stops at the
 * first such line at column 0 that begins with a word other than a handler's (that ends every
 * block). Tokenizing the rest of the file was 40% of the work. Such a list is for
 * `scanImportLines` only: it reads nothing but the indentation of the lines without code, so a run
 * of them is one entry with the least indentation.
 */
export function logicalLines(source: string, until = Infinity): LogicalLine[] {
  const out: LogicalLine[] = [];
  let depth = 0;
  let line = 1;
  let startLine = 1;
  let start = 0;
  let indent = 0;
  let atLineStart = true;
  let column = 0;
  // Whether the line so far holds anything `trim` keeps; whether its code is needed.
  let content = false;
  let wanted = false;
  // A block header's first word; its last code character that `trim` keeps; its `:` and `;` outside brackets.
  let blockWord = false;
  let last = 0;
  let colons = 0;
  let semicolon = false;
  // A line whose code is its text (up to `cut`, a comment): no string, continuation or inner line break.
  let simple = true;
  let cut = -1;
  const merge = until !== Infinity;
  // The loop compares offsets with a small integer: Infinity there deoptimized it when first met.
  const cutAfter = merge ? until : source.length;
  // The entry that stands for the current run of lines without code (when merging). Lines are
  // added by a plain function, not a closure: the variables a closure shares live in a context
  // object, and the loop below writes some of them at every few characters.
  let plainRun: LogicalLine | undefined;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (atLineStart) {
      if (c === SPACE) { column += 1; continue; }
      if (c === TAB) { column = column + 8 - (column % 8); continue; }
      if (c === FF) { column = 0; continue; }
      atLineStart = false;
      indent = column;
      startLine = line;
      start = i;
      content = false;
      // Keywords are 2 to 7 lower-case letters: most lines are told apart by their first character.
      let word = '';
      if (c >= 97 && c <= 119 && KEYWORD_START[c - 97]) {
        let w = i + 1;
        while (w < n && isWordChar(source.charCodeAt(w))) w++;
        if (w - i <= 7) word = source.slice(i, w);
        if (i > cutAfter && column === 0 && !HANDLER_WORDS.has(word)) break;
        wanted = CODE_WORDS.has(word);
        blockWord = BLOCK_WORDS.has(word);
      } else {
        if (i > cutAfter && column === 0 && isWordChar(c)) break;
        // A line that begins with a continuation or odd white space may still begin with a keyword.
        wanted = !isWordChar(c) && (c === BACKSLASH || isTrimmed(c));
        blockWord = false;
      }
      last = 0;
      colons = 0;
      semicolon = false;
      simple = true;
      cut = -1;
    }
    const kind = c < 128 ? CHAR_KIND[c] : PLAIN;
    if (kind === PLAIN) {
      // A run of plain characters at once: only its last character that `trim` keeps matters.
      let j = i + 1;
      while (j < n) {
        const d = source.charCodeAt(j);
        if (d < 128 && CHAR_KIND[d] !== PLAIN) break;
        j++;
      }
      for (let k = j - 1; k >= i; k--) {
        const d = source.charCodeAt(k);
        if ((d > 32 && d < 127) || !isTrimmed(d)) { content = true; last = d; break; }
      }
      i = j - 1;
      continue;
    }
    switch (kind) {
      case OPEN:
        depth++;
        content = true;
        last = c;
        continue;
      case CLOSE:
        if (depth > 0) depth--;
        content = true;
        last = c;
        continue;
      case COLON:
        if (depth === 0) colons++;
        content = true;
        last = c;
        continue;
      case COMMENT: {
        if (cut < 0) cut = i;
        const eol = source.indexOf('\n', i);
        i = (eol < 0 ? n : eol) - 1;
        continue;
      }
      case ESCAPE: {
        simple = false;
        const next = source.charCodeAt(i + 1);
        if (next === NL || (next === CR && source.charCodeAt(i + 2) === NL)) {
          i += next === CR ? 2 : 1;
          line++;
        } else { content = true; last = c; }
        continue;
      }
      case QUOTE: {
        simple = false;
        content = true;
        last = c;
        const body = i + (source.charCodeAt(i + 1) === c && source.charCodeAt(i + 2) === c ? 3 : 1);
        i = stringEnd(source, i, body);
        line += countNewlines(source, body, i + 1);
        continue;
      }
      case BREAK:
        if (c === CR && source.charCodeAt(i + 1) === NL) { simple = false; continue; }
        line++;
        if (depth > 0) { simple = false; continue; }
        if (content) plainRun = addLine(out, plainRun, merge, source, startLine, indent, start, i, wanted, blockWord && last === COLON_CODE && colons === 1 && !semicolon, simple ? (cut < 0 ? i : cut) : -1);
        content = false;
        atLineStart = true;
        column = 0;
        continue;
      default: // `;`
        if (depth === 0) { wanted = true; semicolon = true; }
        content = true;
        last = c;
    }
  }
  if (content) addLine(out, plainRun, merge, source, startLine, indent, start, n, wanted, blockWord && last === COLON_CODE && colons === 1 && !semicolon, simple ? (cut < 0 ? n : cut) : -1);
  return out;
}

/** First letters of CODE_WORDS and BLOCK_WORDS (a to w). */
const KEYWORD_START = new Uint8Array(23);
for (const word of [...CODE_WORDS, ...BLOCK_WORDS]) KEYWORD_START[word.charCodeAt(0) - 97] = 1;

/** Words of the lines that continue a statement at their indentation (`try` ... `except`). */
const HANDLER_WORDS = new Set(['except', 'elif', 'else', 'finally']);

/**
 * The offset of the last character of the string whose opening quote is at `open` (its body
 * begins at `body`, after one or three quotes): of its closing quote(s), or (single quotes) of
 * the line break that ends it, either not escaped by an odd run of backslashes; the text's length
 * when neither comes. A function of its own: logicalLines stays small, and the rare ways a string
 * ends do not deoptimize it.
 */
function stringEnd(source: string, open: number, body: number): number {
  const c = source.charCodeAt(open);
  if (body - open === 3) {
    const quotes = c === 34 ? '"""' : "'''";
    for (let q = source.indexOf(quotes, body); q >= 0; q = source.indexOf(quotes, q + 1)) {
      if (!escaped(source, q, body)) return q + 2;
    }
    return source.length;
  }
  const quote = c === 34 ? '"' : "'";
  let q = source.indexOf(quote, body);
  let b = source.indexOf('\n', body);
  for (;;) {
    if (q < 0 && b < 0) return source.length;
    if (b < 0 || (q >= 0 && q < b)) {
      if (!escaped(source, q, body)) return q;
      q = source.indexOf(quote, q + 1);
    } else {
      // A line break that ends a single-quoted string is its own (it ends no logical line).
      if (!escaped(source, b, body)) return b;
      b = source.indexOf('\n', b + 1);
    }
  }
}

/** Whether the character at `at` follows an odd run of backslashes that starts at or after `from`. */
function escaped(source: string, at: number, from: number): boolean {
  let k = at - 1;
  while (k >= from && source.charCodeAt(k) === BACKSLASH) k--;
  return ((at - 1 - k) & 1) === 1;
}

function countNewlines(source: string, from: number, to: number): number {
  let count = 0;
  for (let at = source.indexOf('\n', from); at >= 0 && at < to; at = source.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Adds a logical line to `out`, or (when merging) a line without code to the run `plainRun`
 * stands for; gives the run the next such line joins. `header`: it opens a block and holds
 * nothing else; `codeEnd`: where its code ends when it is the line's text (-1 when it must be built).
 */
function addLine(out: LogicalLine[], plainRun: LogicalLine | undefined, merge: boolean, source: string, line: number, indent: number, start: number, end: number, wanted: boolean, header: boolean, codeEnd: number): LogicalLine | undefined {
  if (merge && !wanted) {
    if (plainRun === undefined) out.push(plainRun = { line, indent, start, end });
    else if (indent < plainRun.indent) plainRun.indent = indent;
    return plainRun;
  }
  out.push(logicalLine(source, line, indent, start, end, wanted, header, codeEnd));
  return undefined;
}

/** A logical line's entry: its code only when it is wanted and not a block header. */
function logicalLine(source: string, line: number, indent: number, start: number, end: number, wanted: boolean, header: boolean, codeEnd: number): LogicalLine {
  const entry: LogicalLine = { line, indent, start, end };
  // `lambda` would take the colon for its own (and a header without one holds nothing).
  if (header && !source.slice(start, end).includes('lambda')) entry.opensBlock = true;
  else if (wanted) entry.code = codeEnd >= 0 ? source.slice(start, codeEnd) : logicalLinesWithCode(source.slice(start, end))[0]?.code ?? '';
  return entry;
}

/** Splits at top-level `;` and at the `:` of a compound header with its body on the same line. */
function statements(code: string): string[] {
  if (!code.includes(';')) {
    const only = code.trim();
    return only === '' ? [] : [only];
  }
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

/**
 * The word a statement begins with, as `^(word|...)\b` reads it (its leading run of [A-Za-z0-9_]),
 * when it is as long as a keyword (2 to 7 characters), else ''. Once per statement, instead of a
 * regular expression per question asked of it.
 */
function leadingWord(text: string): string {
  let w = 0;
  while (w < text.length && isWordChar(text.charCodeAt(w))) w++;
  return w >= 2 && w <= 7 ? text.slice(0, w) : '';
}

/** The position of the header's closing `:` at bracket depth 0 (not part of `:=` or a lambda). */
function headerColon(code: string): number {
  let depth = 0;
  let lambdas = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
    // Each end is tested before reading next to it: charCodeAt out of range deoptimized this function.
    else if (depth === 0 && c === COLON_CODE && (i + 1 === code.length || code.charCodeAt(i + 1) !== 61)) {
      if (lambdas > 0) { lambdas--; continue; }
      return i;
    } else if (depth === 0 && c === 108 && code.startsWith('lambda', i) && (i === 0 || !isWordChar(code.charCodeAt(i - 1))) && (i + 6 >= code.length || !isWordChar(code.charCodeAt(i + 6)))) lambdas++;
  }
  return -1;
}

const GUARD_CONDITION = /TYPE_CHECKING|version_info|sys\.platform|platform\.system|os\.name|find_spec|importlib\.util/;
const GUARD_HANDLER = /^except\s*(:|\(?[^:]*\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b)/;

interface Block {
  indent: number;
  /** A try body: guarded if one of its handlers catches import errors. */
  tryRecord?: { guarded: boolean };
  /**
   * The condition of the `if` it belongs to (an if, elif or else body): guarded if it is a guard.
   * Tested only for the blocks that hold an import (most `if` blocks hold none).
   */
  ifCondition?: string;
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
  // At least the largest key of either map: a line indented this far or more ends none of their entries.
  let deepest = -1;

  const handle = (text: string, line: number, indent: number, inlineBody: boolean): void => {
    const keyword = leadingWord(text);
    if (COMPOUND_WORDS.has(keyword) && (keyword !== 'match' && keyword !== 'case' || /:$|: /.test(text))) {
      const colon = headerColon(text);
      if (colon < 0) return;
      const header = text.slice(0, colon).trim();
      const body = text.slice(colon + 1).trim();
      const block: Block = { indent };
      if (indent > deepest) deepest = indent;
      if (keyword === 'try') {
        block.tryRecord = { guarded: false };
        lastTry.set(indent, block.tryRecord);
      } else if (keyword === 'except') {
        const record = lastTry.get(indent);
        if (record && GUARD_HANDLER.test(text)) record.guarded = true;
      } else if (keyword === 'if') {
        lastIfCondition.set(indent, header);
        block.ifCondition = header;
      } else if (keyword === 'elif' || keyword === 'else') {
        // tree-sitter's reading judges elif and else bodies by the `if` condition they belong to.
        const condition = lastIfCondition.get(indent);
        block.ifCondition = condition;
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
    if (!inlineBody && keyword !== 'import' && keyword !== 'from') return;
    for (const module of modulesOf(text)) found.push({ module, line, blocks: [...stack] });
  };

  for (const logical of lines) {
    while (stack.length > 0 && stack[stack.length - 1].indent >= logical.indent) stack.pop();
    if (logical.indent < deepest) {
      if (lastTry.size > 0) for (const key of lastTry.keys()) if (key > logical.indent) lastTry.delete(key);
      if (lastIfCondition.size > 0) for (const key of lastIfCondition.keys()) if (key > logical.indent) lastIfCondition.delete(key);
      deepest = logical.indent;
    }
    if (logical.opensBlock) {
      // What `handle` does with such a header: it ends the pending try and if, and opens a block.
      lastTry.delete(logical.indent);
      lastIfCondition.delete(logical.indent);
      stack.push({ indent: logical.indent });
      continue;
    }
    if (logical.code === undefined) {
      // Neither a compound header nor an import: it ends the pending try or if at its indentation.
      lastTry.delete(logical.indent);
      lastIfCondition.delete(logical.indent);
      continue;
    }
    const parts = statements(logical.code);
    const first = leadingWord(parts[0] ?? '');
    if (COMPOUND_WORDS.has(first) && !HANDLER_WORDS.has(first)) {
      // A new statement at this indentation ends the pending try or if of the previous one.
      if (first !== 'try') lastTry.delete(logical.indent);
      if (first !== 'if') lastIfCondition.delete(logical.indent);
    } else if (!HANDLER_WORDS.has(first)) {
      lastTry.delete(logical.indent);
      lastIfCondition.delete(logical.indent);
    }
    for (const stmt of parts) handle(stmt, logical.line, logical.indent, false);
  }
  return found.map(({ module, line, blocks }) => ({
    module,
    line,
    guarded: blocks.some((b) => (b.ifCondition !== undefined && GUARD_CONDITION.test(b.ifCondition)) || b.tryRecord?.guarded === true),
  }));
}

/**
 * V8 optimizes logicalLines after a few files, with the type feedback of the paths those files
 * took; a path first taken later (a `;`, a tab, a continuation, a text with characters beyond
 * Latin-1) discards the optimized code, which is compiled again: each import worker compiled
 * logicalLines 7 or 8 times in a cold scan of the bench tree (now once, and once on entering its
 * loop). This text takes the tokenizer's paths, the rare ones included; read twice (the first call
 * may run before V8 keeps feedback) as one-byte and as two-byte text when the module loads, it
 * gives each path its feedback first. It changes no result.
 */
const EVERY_PATH = [
  'import a; import b.c as d',
  'from e import (f,',
  '    g)  # comment',
  'if x == "s" and y[1:2] and z == \'q\':',
  '\timport h',
  '\f  try: import i',
  'except ImportError: pass',
  'def f(k=lambda: 1):',
  '    return """doc',
  '\\""" x"""',
  'class C(B): pass',
  'with open("p\\',
  'q") as f:',
  "    s = 'unterminated",
  "    t = r\"\\\\\" + u'\u00e9' \\",
  '        + 1',
  'x = \\y',
  '\u00a0y = 1\r',
  'elif z: pass\r',
  'else:',
  '  pass',
  'async def g(): await h()',
  'while True: break',
  'for a in b: continue',
  'finally: pass',
  'match x:',
  '    case 1: pass',
  '\\',
  'z = 1',
  "last = '''open",
].join('\n');
for (const text of [EVERY_PATH, `${EVERY_PATH}\u2003`]) {
  for (let k = 0; k < 2; k++) {
    scanImportLines(text);
    for (const word of ['except', 'class', 'x = ']) logicalLines(text, text.indexOf(word) - 1);
  }
}
