/**
 * What a Python text may look like before tree-sitter is asked to parse it, and how big its tree
 * may be before anything walks it.
 *
 * tree-sitter-python keeps its indentation stack (2 bytes a level) and its string delimiters
 * (1 byte each, nested f-strings) in a 1024-byte state; past that the native library aborts the
 * whole process (`Assertion 'length <= 1024' failed`, exit 134): measured at 511 indentation
 * levels with a string inside, or about 400 levels plus 300 nested f-strings. CPython itself
 * refuses more than 99 nested blocks ("too many levels of indentation") and more than 200 nested
 * brackets ("too many nested parentheses"), so a file beyond those limits is not a program
 * anyone runs: it is skipped with a warning, far below the crash.
 *
 * Size, line length and node count bound the work: a 5 MB one-line list cost a codemod over a
 * minute and 2 GB, a 1.9 MB list one item a line (500k nodes) 27 s and 500 MB; the largest
 * files of the Python standard library have under 100k nodes and lines under 500 characters.
 */

/** CPython's limit on nested blocks (its indentation stack holds 100 entries, column 0 included). */
export const MAX_INDENT_LEVELS = 100;
/** CPython's limit on nested brackets (`(`, `[`, `{`, f-string replacement fields counted too). */
export const MAX_BRACKET_NESTING = 200;
/** Indentation levels of physical lines (strings and brackets included) at most: half the crash. */
export const MAX_PHYSICAL_INDENT_LEVELS = 250;
/** Characters of Python text parsed at most (a generated table, a data dump: not code to edit). */
export const MAX_PYTHON_CHARS = 1_500_000;
/** Characters on one line at most (column lookups and regular expressions scan whole lines). */
export const MAX_LINE_CHARS = 100_000;
/** Nodes of one tree at most (each becomes objects the analyses walk several times). */
export const MAX_TREE_NODES = 200_000;

/** Thrown by the parse functions when a text is beyond the limits (callers may check first). */
export class PythonTooComplexError extends Error {
  constructor(readonly reason: string) {
    super(`not parsed: ${reason}`);
    this.name = 'PythonTooComplexError';
  }
}

// Character codes: the tokenizer below reads codes, not one-character strings (it runs before every parse).
const NL = 10, CR = 13, TAB = 9, FF = 12, SPACE = 32, HASH = 35, BACKSLASH = 92, DQUOTE = 34, SQUOTE = 39;
const LBRACE = 123, RBRACE = 125;

/** Indentation width as CPython's tokenizer counts it (a tab advances to the next multiple of 8). */
function indentWidth(text: string, start: number): { width: number; end: number } {
  let width = 0;
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) width++;
    else if (c === TAB) width = (Math.floor(width / 8) + 1) * 8;
    else if (c === FF) width = 0;
    else break;
  }
  return { width, end: i };
}

const isOpen = (c: number): boolean => c === 40 || c === 91 || c === LBRACE;
const isClose = (c: number): boolean => c === 41 || c === 93 || c === RBRACE;
/**
 * ASCII codes the tokenizer below acts on, per state; every other character (non-ASCII included)
 * leaves its state as it is, so a run of them is skipped in a tight loop (most of a file's text).
 * In code: line break, comment, backslash, quotes, brackets. In a string: line break, backslash,
 * quotes, braces (f-strings).
 */
const CODE_STOPS = new Uint8Array(128);
const STRING_STOPS = new Uint8Array(128);
for (const c of [NL, HASH, BACKSLASH, DQUOTE, SQUOTE, 40, 41, 91, 93, LBRACE, RBRACE]) CODE_STOPS[c] = 1;
for (const c of [NL, BACKSLASH, DQUOTE, SQUOTE, LBRACE, RBRACE]) STRING_STOPS[c] = 1;

/**
 * Whether a line's indentation may be 99 columns or more: only with a tab (a tab counts up to 8)
 * or 99 spaces in a row (a form feed starts the count again). Two searches for a character and a
 * string (fast in V8) instead of a test at each line start.
 */
const SPACES_99 = ' '.repeat(99);
const mayIndent99 = (text: string): boolean => text.includes('\t') || text.includes(SPACES_99);

/** r, b, u, f in either case: the letters of a string prefix. */
const isPrefixLetter = (c: number): boolean => { const l = c | 32; return l === 114 || l === 98 || l === 117 || l === 102; };
/** [A-Za-z0-9_]: a word character, as `\b` takes it (the tokenizers of src/deps share it). */
export const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * Why a Python text must not be parsed, or undefined when it may. One pass over the text: a
 * small tokenizer that knows comments, strings (prefixes, triple quotes, escapes) and brackets,
 * so brackets in strings and comments do not count, and indentation counts only at the start of
 * a logical line.
 */
export function pythonParseRefusal(text: string): string | undefined {
  if (text.length > MAX_PYTHON_CHARS) return `${text.length} characters, more than the ${MAX_PYTHON_CHARS} parsed at most`;
  // Only brackets and line lengths can refuse a text whose lines are all indented less than 99
  // columns (at most 99 levels, each deeper than the last): its indentation is not tracked.
  const deep = mayIndent99(text);
  const indents: number[] = [0];
  let maxIndents = 1;
  let depth = 0;
  let maxDepth = 0;
  let lineStart = 0;
  let line = 1;
  let atLogicalStart = deep;
  let continued = false;
  // Open string: its quote (0: none), whether triple, and an f-string's brace depth at its start.
  let quote = 0;
  let triple = false;
  let fstring = false;
  let fBase = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    // Characters that change nothing (see the tables above) are skipped here, before the checks.
    if (quote) {
      if (c >= 128 || STRING_STOPS[c] === 0) {
        do i++; while (i < n && ((c = text.charCodeAt(i)) >= 128 || STRING_STOPS[c] === 0));
        if (i >= n) break;
      }
    } else if (!atLogicalStart && (c >= 128 || CODE_STOPS[c] === 0)) {
      do i++; while (i < n && ((c = text.charCodeAt(i)) >= 128 || CODE_STOPS[c] === 0));
      if (i >= n) break;
    }
    if (c === NL) {
      if (i - lineStart > MAX_LINE_CHARS) return `line ${line} has ${i - lineStart} characters, more than the ${MAX_LINE_CHARS} read at most`;
      lineStart = i + 1;
      line++;
      if (quote && !triple) { quote = 0; fstring = false; } // an unterminated string ends at the line
      if (!quote && depth === 0 && !continued) atLogicalStart = deep;
      continued = false;
      continue;
    }
    if (quote) {
      if (c === BACKSLASH) {
        // A backslash escapes the next character (in raw strings too, as far as ending them goes).
        if (text.charCodeAt(i + 1) === NL) continue;
        i++;
        continue;
      }
      if (fstring && (c === LBRACE || c === RBRACE)) {
        if (text.charCodeAt(i + 1) === c) { i++; continue; }
        if (c === LBRACE) { depth++; if (depth > maxDepth) maxDepth = depth; } else if (depth > fBase) depth--;
        continue;
      }
      if (c === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
        if (triple) i += 2;
        quote = 0;
        fstring = false;
      }
      continue;
    }
    if (atLogicalStart) {
      const { width, end } = indentWidth(text, i);
      const next = text.charCodeAt(end);
      if (end >= n || next === NL || next === CR || next === HASH) {
        // Blank and comment-only lines do not indent.
        i = end - 1;
        atLogicalStart = false;
        continue;
      }
      atLogicalStart = false;
      while (indents.length > 1 && indents[indents.length - 1] > width) indents.pop();
      if (width > indents[indents.length - 1]) {
        indents.push(width);
        if (indents.length > maxIndents) {
          maxIndents = indents.length;
          if (maxIndents > MAX_INDENT_LEVELS) return `more than ${MAX_INDENT_LEVELS - 1} nested blocks at line ${line} (CPython refuses this too; tree-sitter aborts the process on such files)`;
        }
      }
      i = end - 1;
      continue;
    }
    if (c === HASH) {
      const eol = text.indexOf('\n', i);
      i = (eol < 0 ? n : eol) - 1;
      continue;
    }
    if (c === BACKSLASH && (text.charCodeAt(i + 1) === NL || (text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === NL))) {
      continued = true;
      continue;
    }
    if (c === DQUOTE || c === SQUOTE) {
      // The prefix letters just before the quote (r, b, u, f and their pairs, any case).
      let p = i - 1;
      while (p >= lineStart && p >= i - 2 && isPrefixLetter(text.charCodeAt(p))) p--;
      fstring = false;
      if (!(p >= lineStart && isWordChar(text.charCodeAt(p)))) for (let k = p + 1; k < i; k++) if ((text.charCodeAt(k) | 32) === 102) fstring = true;
      quote = c;
      triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      if (triple) i += 2;
      fBase = depth;
      continue;
    }
    if (isOpen(c)) {
      depth++;
      if (depth > maxDepth) {
        maxDepth = depth;
        if (maxDepth > MAX_BRACKET_NESTING) return `more than ${MAX_BRACKET_NESTING} nested brackets at line ${line} (CPython refuses this too)`;
      }
    } else if (isClose(c) && depth > 0) depth--;
  }
  if (n - lineStart > MAX_LINE_CHARS) return `line ${line} has ${n - lineStart} characters, more than the ${MAX_LINE_CHARS} read at most`;
  return deep ? physicalIndentRefusal(text) : undefined;
}

/**
 * The same indentation count over every non-blank line, whatever the tokenizer above concluded
 * about strings and brackets: a text that confuses it (unbalanced f-string braces) still cannot
 * reach tree-sitter's limit.
 */
function physicalIndentRefusal(text: string): string | undefined {
  const indents: number[] = [0];
  let line = 0;
  for (let start = 0; start < text.length; ) {
    line++;
    const eol = text.indexOf('\n', start);
    const end = eol < 0 ? text.length : eol;
    // indentWidth, inline: this runs for every line of every file.
    let width = 0;
    let first = start;
    for (; first < end; first++) {
      const c = text.charCodeAt(first);
      if (c === SPACE) width++;
      else if (c === TAB) width = (Math.floor(width / 8) + 1) * 8;
      else if (c === FF) width = 0;
      else break;
    }
    if (first < end && text.charCodeAt(first) !== CR) {
      while (indents.length > 1 && indents[indents.length - 1] > width) indents.pop();
      if (width > indents[indents.length - 1]) {
        indents.push(width);
        if (indents.length > MAX_PHYSICAL_INDENT_LEVELS) return `more than ${MAX_PHYSICAL_INDENT_LEVELS} levels of indentation at line ${line} (tree-sitter aborts the process on such files)`;
      }
    }
    start = end + 1;
  }
  return undefined;
}

/** Why a parsed tree is too big to walk, or undefined. */
export function treeSizeRefusal(nodeCount: number): string | undefined {
  return nodeCount > MAX_TREE_NODES ? `${nodeCount} syntax nodes, more than the ${MAX_TREE_NODES} analysed at most` : undefined;
}

/**
 * Type feedback for every path of pythonParseRefusal before V8 optimizes it (see EVERY_PATH in
 * src/deps/import-lines.ts: a path first taken later discards the optimized code). It changes no result.
 */
const EVERY_PATH = [
  'def f(x):  # (comment',
  '    y = [1, (2, {3: 4})] + \\',
  '        5',
  '\tz = f"{x!r:>{10}} {{lit}}" + rb\'\\\'\' + """a',
  '""" + \'open',
  '\f\r',
  '    return \'\u00e9\'',
].join('\n');
for (const text of [EVERY_PATH, `${EVERY_PATH}\u2003`, EVERY_PATH.replace(/\t/g, ' ')]) for (let k = 0; k < 2; k++) pythonParseRefusal(text);
