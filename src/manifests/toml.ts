/**
 * A small TOML scanner that records where every key, string, array, inline table and table
 * header is, so readers can say the line of a value and editors replace only what must change.
 * (smol-toml parses values but forgets positions.)
 */
import type { Span } from './types.js';

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

  /** From an opening bracket to its `close`: items separated by commas, a trailing comma allowed. */
  const commaSeparated = <T>(close: string, item: () => T): T[] => {
    i++;
    const items: T[] = [];
    for (;;) {
      wsNewlinesComments();
      if (text[i] === close) { i++; break; }
      items.push(item());
      wsNewlinesComments();
      if (text[i] === ',') { i++; continue; }
      wsNewlinesComments();
      expect(close);
      break;
    }
    return items;
  };

  const value = (path: string[]): TomlValue => {
    const start = i;
    const ch = text[i];
    if (ch === '"' || ch === "'") return string();
    if (ch === '[') {
      const items = commaSeparated(']', () => value(path));
      return { kind: 'array', start, end: i, items };
    }
    if (ch === '{') {
      const inner = commaSeparated('}', () => keyValue(path));
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

/** Where each key and table of a TOML text is, by its path (keys inside inline tables included). */
export interface TomlPositions {
  entry(path: readonly string[]): TomlEntry | undefined;
  table(path: readonly string[]): TomlTable | undefined;
}

/**
 * Where a key of a table is: its `key = value` entry (the span a removal takes), or its own
 * `[table.key]` table (the header only: `entry` is then undefined).
 */
export function keyPosition(positions: TomlPositions | undefined, table: readonly string[], key: string): { at: Span; entry?: Span } | undefined {
  const entry = positions?.entry([...table, key]);
  if (entry) return { at: { start: entry.start, end: entry.end }, entry: { start: entry.start, end: entry.end } };
  const own = positions?.table([...table, key]);
  return own ? { at: own.header } : undefined;
}

/** The positions in a TOML text, or undefined when the scanner cannot follow it. */
export function tomlPositions(text: string): TomlPositions | undefined {
  let doc: TomlDocument;
  try {
    // A BOM is not TOML; a space keeps every offset where it is.
    doc = scanToml(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text);
  } catch {
    return undefined;
  }
  const entries = new Map<string, TomlEntry>();
  const add = (list: readonly TomlEntry[]) => {
    for (const e of list) {
      const key = e.path.join('\0');
      if (!entries.has(key)) entries.set(key, e);
      if (e.value.kind === 'table') add(e.value.entries);
    }
  };
  add(doc.entries);
  const tables = new Map<string, TomlTable>();
  for (const t of doc.tables) if (!tables.has(t.path.join('\0'))) tables.set(t.path.join('\0'), t);
  return { entry: (path) => entries.get(path.join('\0')), table: (path) => tables.get(path.join('\0')) };
}
