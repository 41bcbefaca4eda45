/**
 * PEP 508 requirement strings and package names: `name[extras] specifier ; marker` or
 * `name @ url ; marker`, with the offset of every part so editors can change one part and keep
 * the rest byte for byte.
 */
import type { Edit } from '../text/edit.js';
import type { Requirement, Span } from './types.js';

/** A distribution name as pip compares them (PEP 503): lower case, runs of `-`, `_`, `.` as `-`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export type { Span };

/** A requirement parsed from text: every part with its offsets. */
export type SpannedRequirement = Requirement & { span: Span; nameSpan: Span };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/**
 * Parses one requirement string (no comments, no pip options). Offsets are shifted by `offset`,
 * so a caller parsing a slice of a file gets offsets into the file. Undefined if it is not one.
 */
export function parseRequirement(text: string, offset = 0): SpannedRequirement | undefined {
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
  // What readers compare: the name and extras normalized, the specifier without spaces or parentheses.
  let compact = specifier.replace(/\s+/g, '');
  if (compact.startsWith('(') && compact.endsWith(')')) compact = compact.slice(1, -1);
  const requirement: SpannedRequirement = {
    name: normalizeName(name), rawName: name, extras: extras.map(normalizeName).filter(Boolean), specifier: compact,
    span: { start: offset + start, end }, nameSpan,
  };
  if (marker?.trim()) requirement.marker = marker.trim();
  if (url) requirement.url = url;
  if (extrasSpan) requirement.extrasSpan = extrasSpan;
  if (specifierSpan) requirement.specifierSpan = specifierSpan;
  if (urlSpan) requirement.urlSpan = urlSpan;
  if (markerSpan) requirement.markerSpan = markerSpan;
  return requirement;
}

/**
 * Edits that make a parsed requirement name another project: the name (extras dropped) and the
 * specifier change, the marker stays; a direct reference (`name @ url`) becomes `name + specifier`.
 */
export function replaceProject(r: SpannedRequirement, name: string, specifier: string): Edit[] {
  if (r.url && r.urlSpan) return [{ start: r.nameSpan.start, end: r.urlSpan.end, text: `${name}${specifier}` }];
  const afterName = r.extrasSpan?.end ?? r.nameSpan.end;
  const edits: Edit[] = [{ start: r.nameSpan.start, end: afterName, text: name }];
  if (r.specifierSpan) edits.push({ start: r.specifierSpan.start, end: r.specifierSpan.end, text: specifier });
  else if (specifier) edits.push({ start: afterName, end: afterName, text: specifier });
  return edits;
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
