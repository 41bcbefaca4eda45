/**
 * The uses of a module that imports do not show (`importlib.import_module("x")`, a parser named
 * to BeautifulSoup, an engine keyword, a plugin list, an ENGINE/BACKEND pair, a database URL),
 * read from tree-sitter trees.
 *
 * Parsing a whole file to look at one call cost most of the cold analysis (about 600 of 9.6k
 * bench files parsed whole only because one line held `import_module('`). So only the logical
 * lines (src/deps/import-lines.ts) that could hold a use are parsed, copied one after another
 * into a small text at column 0, with a body or header added where a line cannot stand alone.
 * When that text does not parse cleanly, the whole file is parsed as before: the result is the
 * same as the whole file's parse wherever the file parses. `readIndirectUsesFromTree` on the
 * whole file stays the reference the statement reading is tested against.
 */
import { parsePythonSource, stringValue, type SyntaxNode } from '../python/python-source.js';
import { PythonTooComplexError, pythonParseRefusal } from '../python/parse-limits.js';
import { lineCode, type LogicalLine } from './import-lines.js';

export interface IndirectUse {
  module: string;
  /** 1-based line in the text read. */
  line: number;
  via: string;
}

/** Which kinds of use the file's text could hold (the cheap pre-checks decide). */
export interface IndirectUseKinds {
  calls: boolean;
  pluginLists: boolean;
  backendPairs: boolean;
  urls: boolean;
}

/** String values that name an optional backend module, by the keyword that takes them. */
const BACKEND_VALUES: Record<string, string> = {
  lxml: 'lxml', 'lxml-xml': 'lxml', xml: 'lxml', html5lib: 'html5lib', bs4: 'bs4',
  openpyxl: 'openpyxl', xlrd: 'xlrd', odf: 'odf', pyxlsb: 'pyxlsb', calamine: 'python_calamine', xlsxwriter: 'xlsxwriter',
  pyarrow: 'pyarrow', fastparquet: 'fastparquet', numexpr: 'numexpr', bottleneck: 'bottleneck', numba: 'numba',
  matplotlib: 'matplotlib', plotly: 'plotly', hvplot: 'hvplot',
};
const BACKEND_KEYWORDS = new Set(['features', 'parser', 'engine', 'flavor', 'backend', 'plotting_backend']);

/** SQLAlchemy dialect+driver and storage URL schemes -> the module that serves them. */
const URL_DRIVERS: Record<string, string[]> = {
  psycopg2: ['psycopg2'], psycopg: ['psycopg'], asyncpg: ['asyncpg'], pg8000: ['pg8000'], pymysql: ['pymysql'],
  mysqldb: ['MySQLdb'], mysqlconnector: ['mysql.connector'], aiomysql: ['aiomysql'], asyncmy: ['asyncmy'],
  aiosqlite: ['aiosqlite'], cx_oracle: ['cx_Oracle'], oracledb: ['oracledb'], pyodbc: ['pyodbc'], pymssql: ['pymssql'],
};
export const URL_SCHEMES: Record<string, string[]> = {
  postgresql: ['psycopg2', 'psycopg'], postgres: ['psycopg2', 'psycopg'], mysql: ['MySQLdb'], mariadb: ['MySQLdb'],
  s3: ['s3fs'], s3a: ['s3fs'], gs: ['gcsfs'], gcs: ['gcsfs'], abfs: ['adlfs'], az: ['adlfs'], hf: ['huggingface_hub'],
  redis: ['redis'], rediss: ['redis'], mongodb: ['pymongo'], 'mongodb+srv': ['pymongo', 'dns'],
};
const DJANGO_BACKENDS: Record<string, string[]> = {
  'django.db.backends.postgresql': ['psycopg2', 'psycopg'], 'django.db.backends.postgresql_psycopg2': ['psycopg2'],
  'django.db.backends.mysql': ['MySQLdb'], 'django.db.backends.oracle': ['oracledb', 'cx_Oracle'],
};

const PLUGIN_LIST = /^(INSTALLED_APPS|MIDDLEWARE|MIDDLEWARE_CLASSES|extensions|pytest_plugins|plugins|[A-Z][A-Z0-9_]*_(APPS|PLUGINS|BACKENDS|MIDDLEWARE|EXTENSIONS|CLASSES))$/;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Modules that a database or storage URL needs (`postgresql+asyncpg://` -> asyncpg). */
export function urlModules(url: string): string[] {
  const m = /^([a-z][a-z0-9]*)(?:\+([a-z0-9_]+))?:\/\//i.exec(url.trim());
  if (!m) return [];
  const scheme = m[1].toLowerCase();
  if (m[2]) return URL_DRIVERS[m[2].toLowerCase()] ?? (m[2] === 'srv' ? URL_SCHEMES['mongodb+srv'] ?? [] : []);
  return URL_SCHEMES[scheme] ?? [];
}

/** The uses under `root`, kind by kind, each kind in document order; `line` maps a node to its line. */
export function readIndirectUsesFromTree(root: SyntaxNode, kinds: IndirectUseKinds, line: (n: SyntaxNode) => number): IndirectUse[] {
  const uses: IndirectUse[] = [];
  if (kinds.calls) {
    for (const call of root.descendantsOfType('call')) {
      const fn = call.childForFieldName('function')?.text ?? '';
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const fnName = fn.split('.').pop() ?? '';
      if (/^(import_module|__import__|importorskip)$/.test(fnName)) {
        const value = stringValue(args[0]);
        if (value && DOTTED.test(value)) uses.push({ module: value, line: line(call), via: `${fn}("${value}")` });
        continue;
      }
      // spaCy loads an installed pipeline package by its name: `spacy.load("en_core_web_sm")`.
      if (fn === 'spacy.load') {
        const value = stringValue(args[0]);
        if (value && /^[a-z]{2,3}_[a-z0-9_]+$/.test(value)) uses.push({ module: value, line: line(call), via: `${fn}("${value}")` });
        continue;
      }
      args.forEach((arg, index) => {
        let value: string | undefined;
        if (arg.type === 'keyword_argument' && BACKEND_KEYWORDS.has(arg.childForFieldName('name')?.text ?? '')) value = stringValue(arg.childForFieldName('value'));
        else if (index === 1 && /^(BeautifulSoup|BeautifulStoneSoup)$/.test(fnName)) value = stringValue(arg);
        const module = value ? BACKEND_VALUES[value] : undefined;
        if (module) uses.push({ module, line: line(arg), via: `${fnName}(..., "${value}")` });
      });
    }
  }
  if (kinds.pluginLists) {
    for (const assignment of root.descendantsOfType('assignment')) {
      const target = assignment.childForFieldName('left')?.text ?? '';
      const right = assignment.childForFieldName('right');
      if (!PLUGIN_LIST.test(target) || !right || !/^(list|tuple|set)$/.test(right.type)) continue;
      for (const item of right.namedChildren) {
        const value = stringValue(item);
        if (value && DOTTED.test(value)) uses.push({ module: value, line: line(item), via: `${target} entry "${value}"` });
      }
    }
  }
  if (kinds.backendPairs) {
    for (const pair of root.descendantsOfType('pair')) {
      const key = stringValue(pair.childForFieldName('key'));
      if (key !== 'ENGINE' && key !== 'BACKEND') continue;
      const value = stringValue(pair.childForFieldName('value'));
      if (!value || !DOTTED.test(value)) continue;
      for (const module of DJANGO_BACKENDS[value] ?? [value]) uses.push({ module, line: line(pair), via: `"${key}": "${value}"` });
    }
  }
  if (kinds.urls) {
    for (const str of root.descendantsOfType('string')) {
      const value = stringValue(str);
      if (!value) continue;
      for (const module of urlModules(value)) uses.push({ module, line: line(str), via: `"${value.split('@')[0].slice(0, 40)}..."` });
    }
  }
  return uses;
}

/** The reference reading: the whole file parsed. Throws PythonTooComplexError as the parse does. */
export function indirectUsesOfWholeFile(source: string, kinds: IndirectUseKinds): IndirectUse[] {
  const root = parsePythonSource(source).rootNode;
  return readIndirectUsesFromTree(root, kinds, (n) => n.startPosition.row + 1);
}

// What a line must contain (anywhere in its text, strings and comments included: a superset) to
// hold a use of each kind. Names are identifiers, so they appear as written; a key or URL may be
// spelt with escapes (a backslash) or, for keys, split over adjacent strings (checked on the code).
const CALL_WORDS = /import_module|__import__|importorskip|spacy\.load|BeautifulS|features|parser|engine|flavor|backend/g;
const PLUGIN_WORDS = /INSTALLED_APPS|MIDDLEWARE|extensions|plugins|_APPS|_PLUGINS|_BACKENDS|_EXTENSIONS|_CLASSES/g;
const PAIR_WORDS = /ENGINE|BACKEND|\\/g;
const URL_WORDS = /:\/\/|\\/g;
/** Adjacent strings (each string of a logical line's code reads `""`). */
const ADJACENT_STRINGS = /""\s*"/;

/** Marks the lines holding a match of `words` (lines sorted by offset; matches come in order). */
function markLines(source: string, lines: readonly LogicalLine[], words: RegExp, marked: Uint8Array): void {
  words.lastIndex = 0;
  let p = 0;
  for (let m = words.exec(source); m; m = words.exec(source)) {
    const at = m.index;
    while (p < lines.length && lines[p].end < at) p++;
    if (p >= lines.length) break;
    if (lines[p].start <= at) {
      marked[p] = 1;
      // The rest of this line is decided: go on after it.
      words.lastIndex = Math.max(words.lastIndex, lines[p].end);
    }
  }
}

const HEADER = /^(if|elif|else|try|except|finally|with|for|while|def|class|async)\b/;

/** A line made to parse alone: what goes before it and after it. */
function standAlone(code: string): { before: string; after: string } {
  const trimmed = code.trim();
  if (trimmed.startsWith('@')) return { before: '', after: '\ndef _(): pass' };
  const header = HEADER.exec(trimmed);
  if (!header) return { before: '', after: '' };
  const keyword = header[1];
  const before = keyword === 'elif' || keyword === 'else' ? 'if 1: pass\n' : keyword === 'except' || keyword === 'finally' ? 'try: pass\n' : '';
  let after = trimmed.endsWith(':') ? '\n pass' : '';
  if (keyword === 'try') after += '\nexcept: pass';
  return { before, after };
}

/**
 * The uses in `source`, parsing only the logical lines that could hold one. Same result as
 * `indirectUsesOfWholeFile` for a file that parses; throws PythonTooComplexError as it does
 * (the limits on the text are checked on the whole file).
 */
export function indirectUses(source: string, lines: readonly LogicalLine[], kinds: IndirectUseKinds): IndirectUse[] {
  const refusal = pythonParseRefusal(source);
  if (refusal) throw new PythonTooComplexError(refusal);
  const marked = new Uint8Array(lines.length);
  if (kinds.calls) markLines(source, lines, CALL_WORDS, marked);
  if (kinds.pluginLists) markLines(source, lines, PLUGIN_WORDS, marked);
  if (kinds.backendPairs) {
    markLines(source, lines, PAIR_WORDS, marked);
    lines.forEach((l, i) => { if (ADJACENT_STRINGS.test(lineCode(source, l))) marked[i] = 1; });
  }
  if (kinds.urls) markLines(source, lines, URL_WORDS, marked);

  // The selected lines one after another; each piece's first row and the file row it stands for.
  let text = '';
  const pieceRows: number[] = [];
  const fileRows: number[] = [];
  let row = 0;
  let fileRow = 0;
  let counted = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!marked[i]) continue;
    const { start, end } = lines[i];
    const code = lines[i].opensBlock ? lineCode(source, lines[i]) : lines[i].code;
    for (let nl = source.indexOf('\n', counted); nl >= 0 && nl < start; nl = source.indexOf('\n', nl + 1)) fileRow++;
    counted = start;
    // Other lines without code are neither headers nor decorators (decorators begin with `@`).
    const { before, after } = standAlone(source.charCodeAt(start) === 64 ? '@' : code ?? '');
    const piece = source.slice(start, end);
    if (before) { text += before; row++; }
    pieceRows.push(row);
    fileRows.push(fileRow);
    text += piece + after + '\n';
    row += countLineBreaks(piece) + countLineBreaks(after) + 1;
  }
  if (pieceRows.length === 0) return [];

  const tree = parsePythonSource(text);
  if (tree.rootNode.hasError) return indirectUsesOfWholeFile(source, kinds);
  return readIndirectUsesFromTree(tree.rootNode, kinds, (n) => {
    const r = n.startPosition.row;
    let lo = 0;
    let hi = pieceRows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieceRows[mid] <= r) lo = mid;
      else hi = mid - 1;
    }
    return fileRows[lo] + (r - pieceRows[lo]) + 1;
  });
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) count++;
  return count;
}
