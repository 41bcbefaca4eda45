/**
 * PEP 508 requirement strings and package names: `name[extras] specifier ; marker` or
 * `name @ url ; marker`, with the offset of every part so editors can change one part and keep
 * the rest byte for byte.
 */

/** A distribution name as pip compares them (PEP 503): lower case, runs of `-`, `_`, `.` as `-`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export interface Span {
  start: number;
  end: number;
}

export interface Requirement {
  name: string;
  normalized: string;
  nameSpan: Span;
  extras: string[];
  extrasSpan?: Span;
  /** The version specifier as written (`==1.2`, `>=1,<2`, `(>=1)`), or ''. */
  specifier: string;
  specifierSpan?: Span;
  url?: string;
  urlSpan?: Span;
  /** The marker without its `;`. */
  marker?: string;
  markerSpan?: Span;
  /** The whole requirement, without trailing whitespace. */
  span: Span;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/**
 * Parses one requirement string (no comments, no pip options). Offsets are shifted by `offset`,
 * so a caller parsing a slice of a file gets offsets into the file. Undefined if it is not one.
 */
export function parseRequirement(text: string, offset = 0): Requirement | undefined {
  let i = 0;
  const skip = () => { while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++; };
  skip();
  const nameMatch = NAME.exec(text.slice(i));
  if (!nameMatch) return undefined;
  const name = nameMatch[0];
  const nameSpan = { start: offset + i, end: offset + i + name.length };
  const start = i;
  i += name.length;
  skip();
  let extras: string[] = [];
  let extrasSpan: Span | undefined;
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close === -1) return undefined;
    extras = text.slice(i + 1, close).split(',').map((e) => e.trim()).filter(Boolean);
    extrasSpan = { start: offset + i, end: offset + close + 1 };
    i = close + 1;
    skip();
  }
  let specifier = '';
  let specifierSpan: Span | undefined;
  let url: string | undefined;
  let urlSpan: Span | undefined;
  if (text[i] === '@') {
    i++;
    skip();
    const m = /^\S+/.exec(text.slice(i));
    if (!m) return undefined;
    url = m[0];
    urlSpan = { start: offset + i, end: offset + i + url.length };
    i += url.length;
    skip();
  } else {
    const semi = text.indexOf(';', i);
    const specEnd = semi === -1 ? text.length : semi;
    const raw = text.slice(i, specEnd);
    const trimmed = raw.trimEnd();
    if (trimmed && !/^[(\s]*[<>=!~]/.test(trimmed)) return undefined;
    if (trimmed) {
      specifier = trimmed;
      specifierSpan = { start: offset + i, end: offset + i + trimmed.length };
    }
    i = specEnd;
  }
  let marker: string | undefined;
  let markerSpan: Span | undefined;
  if (text[i] === ';') {
    i++;
    skip();
    const m = text.slice(i).trimEnd();
    marker = m;
    markerSpan = { start: offset + i, end: offset + i + m.length };
    i += m.length;
  } else if (i < text.trimEnd().length) {
    return undefined;
  }
  const end = offset + text.trimEnd().length;
  return {
    name, normalized: normalizeName(name), nameSpan, extras, extrasSpan, specifier, specifierSpan, url, urlSpan,
    marker, markerSpan, span: { start: offset + start, end },
  };
}

/** The project name in a URL's `#egg=name` fragment (`git+https://...#egg=openai-whisper`). */
export function eggName(url: string): string | undefined {
  const m = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
  return m?.[1];
}

/**
 * A version specifier for `version` in the style of an existing one: `==` stays `==`, `~=` stays
 * `~=`, `>=` stays `>=`, Poetry's `^`/`~` stay; anything else becomes `>=`. No old specifier: none.
 */
export function specifierLike(old: string, version: string): string {
  const s = old.replace(/[()\s]/g, '');
  if (!s) return '';
  const op = /^(===|==|~=|>=|\^|~)/.exec(s)?.[1];
  if (op === '===' || op === '==') return `==${version}`;
  if (op === '~=' || op === '>=' || op === '^' || op === '~') return `${op}${version}`;
  return `>=${version}`;
}
