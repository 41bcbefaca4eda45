/**
 * Byte-preserving edits of dependency lists in pyproject.toml: PEP 621 `[project] dependencies`
 * and `optional-dependencies`, PEP 735 `[dependency-groups]`, and Poetry's dependency tables
 * (`[tool.poetry.dependencies]`, groups, dev-dependencies). A small TOML scanner records where
 * every key, string, array and inline table is, so an edit replaces only what must change.
 * (smol-toml parses values but forgets positions; the engine re-parses the result with it.)
 */
import type { Edit } from '../engine/types.js';
import { normalizeName, parseRequirement, type SpannedRequirement, type Span } from './pep508.js';

export type TomlValue =
  | { kind: 'string'; start: number; end: number; value: string; quote: string }
  | { kind: 'array'; start: number; end: number; items: TomlValue[] }
  | { kind: 'table'; start: number; end: number; entries: TomlEntry[] }
  | { kind: 'other'; start: number; end: number; raw: string };

export interface TomlEntry {
  /** The key as written, split at dots. */
  key: string[];
  /** Table path + key. */
  path: string[];
  keySpans: Span[];
  value: TomlValue;
  /** From the key's start to the value's end. */
  start: number;
  end: number;
}

export interface TomlTable {
  path: string[];
  array: boolean;
  /** The header `[a.b]`, and each key segment in it. */
  header: Span;
  keySpans: Span[];
}

export interface TomlDocument {
  entries: TomlEntry[];
  tables: TomlTable[];
}

class TomlScanError extends Error {}

/** Scans TOML for positions. Throws on input it cannot follow (the caller then leaves the file alone). */
export function scanToml(text: string): TomlDocument {
  let i = 0;
  const entries: TomlEntry[] = [];
  const tables: TomlTable[] = [];
  let table: string[] = [];

  const ws = () => { while (text[i] === ' ' || text[i] === '\t') i++; };
  const wsNewlinesComments = () => {
    for (;;) {
      ws();
      if (text[i] === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
      if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) { i += text[i] === '\r' ? 2 : 1; continue; }
      return;
    }
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) throw new TomlScanError(`expected ${ch} at ${i}`);
    i++;
  };

  const basicEscape = (s: string): string => s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' } as Record<string, string>)[e] ?? e;
  });

  const string = (): TomlValue & { kind: 'string' } => {
    const start = i;
    if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      const q = text.slice(i, i + 3);
      i += 3;
      let close = text.indexOf(q, i);
      while (close !== -1 && q === '"""' && isEscaped(close)) close = text.indexOf(q, close + 1);
      if (close === -1) throw new TomlScanError('unterminated string');
      while (text[close + 3] === q[0]) close++; // up to two quotes may end the content
      let raw = text.slice(i, close);
      i = close + 3;
      raw = raw.replace(/^\r?\n/, '');
      const value = q === '"""' ? basicEscape(raw.replace(/\\[ \t]*\r?\n\s*/g, '')) : raw;
      return { kind: 'string', start, end: i, value, quote: q };
    }
    const q = text[i];
    i++;
    let close = i;
    for (;;) {
      if (close >= text.length || text[close] === '\n') throw new TomlScanError('unterminated string');
      if (q === '"' && text[close] === '\\') { close += 2; continue; }
      if (text[close] === q) break;
      close++;
    }
    const raw = text.slice(i, close);
    i = close + 1;
    return { kind: 'string', start, end: i, value: q === '"' ? basicEscape(raw) : raw, quote: q };
  };

  const isEscaped = (pos: number): boolean => {
    let n = 0;
    for (let p = pos - 1; p >= 0 && text[p] === '\\'; p--) n++;
    return n % 2 === 1;
  };

  const key = (): { parts: string[]; spans: Span[] } => {
    const parts: string[] = [];
    const spans: Span[] = [];
    for (;;) {
      ws();
      const start = i;
      if (text[i] === '"' || text[i] === "'") {
        parts.push(string().value);
      } else {
        const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 256));
        if (!m) throw new TomlScanError(`bad key at ${i}`);
        parts.push(m[0]);
        i += m[0].length;
      }
      spans.push({ start, end: i });
      ws();
      if (text[i] !== '.') return { parts, spans };
      i++;
    }
  };

  const value = (path: string[]): TomlValue => {
    const start = i;
    const ch = text[i];
    if (ch === '"' || ch === "'") return string();
    if (ch === '[') {
      i++;
      const items: TomlValue[] = [];
      for (;;) {
        wsNewlinesComments();
        if (text[i] === ']') { i++; break; }
        items.push(value(path));
        wsNewlinesComments();
        if (text[i] === ',') { i++; continue; }
        wsNewlinesComments();
        expect(']');
        break;
      }
      return { kind: 'array', start, end: i, items };
    }
    if (ch === '{') {
      i++;
      const inner: TomlEntry[] = [];
      for (;;) {
        wsNewlinesComments();
        if (text[i] === '}') { i++; break; }
        inner.push(keyValue(path));
        wsNewlinesComments();
        if (text[i] === ',') { i++; continue; }
        wsNewlinesComments();
        expect('}');
        break;
      }
      return { kind: 'table', start, end: i, entries: inner };
    }
    const m = /^[^,\]}\s#]+/.exec(text.slice(i, i + 200));
    if (!m) throw new TomlScanError(`bad value at ${i}`);
    // Dates may hold one space: `1979-05-27 07:32:00`.
    let raw = m[0];
    const spaced = /^ \d{2}:\d{2}/.exec(text.slice(i + raw.length, i + raw.length + 6));
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && spaced) raw += /^ [^,\]}\s#]+/.exec(text.slice(i + raw.length))![0];
    i += raw.length;
    return { kind: 'other', start, end: i, raw };
  };

  const keyValue = (prefix: string[]): TomlEntry => {
    const start = i;
    const k = key();
    ws();
    expect('=');
    ws();
    const path = [...prefix, ...k.parts];
    const v = value(path);
    return { key: k.parts, path, keySpans: k.spans, value: v, start, end: v.end };
  };

  while (i < text.length) {
    wsNewlinesComments();
    if (i >= text.length) break;
    if (text[i] === '[') {
      const start = i;
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      const k = key();
      ws();
      expect(']');
      if (array) expect(']');
      table = k.parts;
      tables.push({ path: k.parts, array, header: { start, end: i }, keySpans: k.spans });
      continue;
    }
    entries.push(keyValue(table));
    ws();
    if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
  }
  return { entries, tables };
}

export interface Dependency {
  /** Where it is declared: `project.dependencies`, `project.optional-dependencies.gpu`, `dependency-groups.dev`, `tool.poetry.dependencies`... */
  group: string;
  style: 'pep508' | 'poetry';
  normalized: string;
  name: string;
  /** pep508: the string item; poetry: the entry's value. */
  value: TomlValue;
  /** pep508: the array holding the item. */
  array?: TomlValue & { kind: 'array' };
  /** pep508: the parsed requirement with file offsets (absent when the string has escapes). */
  requirement?: SpannedRequirement;
  /** poetry: the `name = ...` entry, or the `[tool.poetry.dependencies.name]` table. */
  entry?: TomlEntry;
  table?: TomlTable;
}

const PEP508_LISTS: Array<(p: string[]) => boolean> = [
  (p) => p.length === 2 && p[0] === 'project' && p[1] === 'dependencies',
  (p) => p.length === 3 && p[0] === 'project' && p[1] === 'optional-dependencies',
  (p) => p.length === 2 && p[0] === 'dependency-groups',
  (p) => p.length === 3 && p[0] === 'tool' && p[1] === 'uv' && (p[2] === 'dev-dependencies' || p[2] === 'constraint-dependencies' || p[2] === 'override-dependencies'),
  (p) => p.length === 4 && p[0] === 'tool' && p[1] === 'pdm' && p[2] === 'dev-dependencies',
];

function poetryGroup(p: readonly string[]): number {
  if (p[0] !== 'tool' || p[1] !== 'poetry') return -1;
  if (p[2] === 'dependencies' || p[2] === 'dev-dependencies') return 3;
  if (p[2] === 'group' && p[4] === 'dependencies') return 5;
  return -1;
}

/** Every dependency declared in a pyproject.toml. Throws if the file cannot be scanned. */
export function pyprojectDependencies(text: string): Dependency[] {
  const doc = scanToml(text);
  const out: Dependency[] = [];
  for (const entry of doc.entries) {
    const p = entry.path;
    if (entry.value.kind === 'array' && PEP508_LISTS.some((f) => f(p))) {
      for (const item of entry.value.items) {
        if (item.kind !== 'string') continue;
        const open = item.quote.length;
        const rawInner = text.slice(item.start + open, item.end - open);
        const parsed = rawInner.includes('\\') || rawInner.includes('\n') ? parseRequirement(item.value) : parseRequirement(rawInner, item.start + open);
        if (!parsed) continue;
        out.push({
          group: p.join('.'), style: 'pep508', normalized: parsed.name, name: parsed.rawName, value: item, array: entry.value,
          requirement: rawInner === item.value ? parsed : undefined,
        });
      }
      continue;
    }
    const g = poetryGroup(p);
    if (g > 0 && p.length === g + 1 && p[g] !== 'python') {
      out.push({ group: p.slice(0, g).join('.'), style: 'poetry', normalized: normalizeName(p[g]), name: p[g], value: entry.value, entry });
    }
  }
  for (const table of doc.tables) {
    const g = poetryGroup(table.path);
    if (g > 0 && table.path.length === g + 1) {
      const version = doc.entries.find((e) => e.path.length === g + 2 && e.path.slice(0, g + 1).join('\0') === table.path.join('\0') && e.key.join('.') === 'version');
      out.push({
        group: table.path.slice(0, g).join('.'), style: 'poetry', normalized: normalizeName(table.path[g]), name: table.path[g],
        value: version?.value ?? { kind: 'other', start: table.header.end, end: table.header.end, raw: '' }, entry: version, table,
      });
    }
  }
  return out;
}

/** A TOML basic string for `s`. */
export function tomlString(s: string, quote = '"'): string {
  if (quote === "'" && !s.includes("'")) return `'${s}'`;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Replaces a PEP 508 dependency by another project: name (extras dropped) and specifier change,
 * the marker stays. A string with escapes is rewritten whole.
 */
export function replacePep508(dep: Dependency, name: string, specifier: string): Edit[] {
  const r = dep.requirement;
  if (!r) {
    const parsed = parseRequirement((dep.value as { value: string }).value)!;
    const marker = parsed.marker ? `; ${parsed.marker}` : '';
    return [{ start: dep.value.start, end: dep.value.end, text: tomlString(`${name}${specifier}${marker}`) }];
  }
  if (r.url && r.urlSpan) return [{ start: r.nameSpan.start, end: r.urlSpan.end, text: `${name}${specifier}` }];
  const edits: Edit[] = [{ start: r.nameSpan.start, end: r.extrasSpan?.end ?? r.nameSpan.end, text: name }];
  if (r.specifierSpan) edits.push({ start: r.specifierSpan.start, end: r.specifierSpan.end, text: specifier });
  else if (specifier) edits.push({ start: r.extrasSpan?.end ?? r.nameSpan.end, end: r.extrasSpan?.end ?? r.nameSpan.end, text: specifier });
  return edits;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function restOfLineIsBlank(text: string, offset: number): boolean {
  const nl = text.indexOf('\n', offset);
  return /^[ \t]*(#.*)?\r?$/.test(text.slice(offset, nl === -1 ? text.length : nl));
}

/** Removes an item from an array, with its comma; an item alone on its line takes the line. */
export function removeArrayItem(text: string, array: TomlValue & { kind: 'array' }, item: TomlValue): Edit {
  const idx = array.items.indexOf(item);
  const afterItem = /^[ \t]*,?/.exec(text.slice(item.end))![0];
  const ls = lineStartOf(text, item.start);
  const ownLine = /^[ \t]*$/.test(text.slice(ls, item.start)) && restOfLineIsBlank(text, item.end + afterItem.length);
  if (ownLine) {
    const nl = text.indexOf('\n', item.end);
    // The last item loses its line; a comma before it stays valid TOML (trailing commas are allowed).
    return { start: ls, end: nl === -1 ? text.length : nl + 1, text: '' };
  }
  if (afterItem.includes(',')) {
    const trailing = /^[ \t]*,[ \t]*/.exec(text.slice(item.end))![0];
    return { start: item.start, end: item.end + trailing.length, text: '' };
  }
  if (idx > 0) {
    const prev = array.items[idx - 1];
    return { start: prev.end, end: item.end, text: '' };
  }
  return { start: item.start, end: item.end, text: '' };
}

/** Adds a string item after `item`, on its own line when the array has one item per line. */
export function insertArrayItemAfter(text: string, item: TomlValue, value: string, quote = '"'): Edit {
  const literal = tomlString(value, quote);
  const comma = /^[ \t]*,/.exec(text.slice(item.end));
  const ls = lineStartOf(text, item.start);
  const ownLine = /^[ \t]*$/.test(text.slice(ls, item.start));
  if (ownLine) {
    const indent = /^[ \t]*/.exec(text.slice(ls))![0];
    if (comma) {
      const nl = text.indexOf('\n', item.end);
      const at = nl === -1 ? text.length : nl + 1;
      return { start: at, end: at, text: `${indent}${literal},\n` };
    }
    return { start: item.end, end: item.end, text: `,\n${indent}${literal}` };
  }
  if (comma) return { start: item.end + comma[0].length, end: item.end + comma[0].length, text: ` ${literal},` };
  return { start: item.end, end: item.end, text: `, ${literal}` };
}

/** Renames a Poetry dependency and sets its version constraint, keeping the value's form. */
export function renamePoetryDependency(dep: Dependency, name: string, version: string | undefined): Edit[] {
  const edits: Edit[] = [];
  const keySpan = dep.table ? dep.table.keySpans.at(-1)! : dep.entry!.keySpans.at(-1)!;
  edits.push({ start: keySpan.start, end: keySpan.end, text: name });
  if (version === undefined) return edits;
  const v = dep.value;
  if (v.kind === 'string') {
    edits.push({ start: v.start, end: v.end, text: tomlString(version, v.quote.length === 1 ? v.quote : '"') });
  } else if (v.kind === 'table') {
    const ver = v.entries.find((e) => e.key.join('.') === 'version');
    if (ver?.value.kind === 'string') edits.push({ start: ver.value.start, end: ver.value.end, text: tomlString(version, ver.value.quote.length === 1 ? ver.value.quote : '"') });
    else {
      // A git / path / url source: the new project comes from the index.
      edits.push({ start: v.start, end: v.end, text: tomlString(version) });
    }
  }
  return edits;
}

/** Inserts a Poetry entry line (e.g. from `poetryEntryLike`) after a dependency entry (undefined for the table form). */
export function insertPoetryLineAfter(text: string, dep: Dependency, line: string): Edit | undefined {
  if (dep.table || !dep.entry) return undefined;
  const nl = text.indexOf('\n', dep.entry.end);
  if (nl === -1) return { start: text.length, end: text.length, text: `\n${line}` };
  return { start: nl + 1, end: nl + 1, text: `${line}\n` };
}

/** Removes a Poetry dependency entry line. */
export function removePoetryDependency(text: string, dep: Dependency): Edit | undefined {
  if (!dep.entry || dep.table) return undefined;
  const ls = lineStartOf(text, dep.entry.start);
  const nl = text.indexOf('\n', dep.entry.end);
  return { start: ls, end: nl === -1 ? text.length : nl + 1, text: '' };
}

/** The text of a Poetry entry (`name = ...`) rewritten for another project, keeping its form (optional, extras, markers). */
export function poetryEntryLike(text: string, dep: Dependency, name: string, version: string): string | undefined {
  if (!dep.entry || dep.table) return undefined;
  const base = dep.entry.start;
  let out = text.slice(base, dep.entry.end);
  const edits = renamePoetryDependency(dep, name, version).sort((a, b) => b.start - a.start);
  for (const e of edits) out = out.slice(0, e.start - base) + e.text + out.slice(e.end - base);
  return out;
}
