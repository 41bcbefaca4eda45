/**
 * One PEP 508 requirement string (`name[extra]>=1; marker`, `name @ url`) split into its parts.
 * Deliberately small and self-contained: `src/manifests/pep508.ts` (the codemod engine's parser)
 * can replace `parseRequirement` and `normalizeName` here without touching any caller.
 */

export interface ParsedRequirement {
  /** Normalized as pip does: lower case, runs of `-_.` as `-`. */
  name: string;
  /** As written. */
  rawName: string;
  extras: string[];
  /** The version specifier as written (`>=1,<2`), '' when there is none. */
  specifier: string;
  /** The environment marker text after `;`, if any. */
  marker?: string;
  /** A direct reference (`name @ url`). */
  url?: string;
}

export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;

/** Parses a requirement string; undefined when it does not start with a distribution name. */
export function parseRequirement(text: string): ParsedRequirement | undefined {
  const m = NAME.exec(text);
  if (!m) return undefined;
  const rawName = m[1];
  let rest = text.slice(m[0].length);
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    extras = rest.slice(1, close).split(',').map((e) => normalizeName(e)).filter(Boolean);
    rest = rest.slice(close + 1).trimStart();
  }
  let url: string | undefined;
  let marker: string | undefined;
  if (rest.startsWith('@')) {
    // A URL may contain ';' only before whitespace: the marker separator is ' ;' or '; '.
    const body = rest.slice(1).trim();
    const sep = /\s+;|;\s+/.exec(body);
    url = (sep ? body.slice(0, sep.index) : body).trim();
    if (sep) marker = body.slice(sep.index + sep[0].length).trim();
    return { name: normalizeName(rawName), rawName, extras, specifier: '', url, marker: marker || undefined };
  }
  const semi = rest.indexOf(';');
  let spec = semi < 0 ? rest : rest.slice(0, semi);
  if (semi >= 0) marker = rest.slice(semi + 1).trim();
  spec = spec.trim();
  if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1).trim();
  if (spec !== '' && !/^(?:[<>=!~]=?|===?)/.test(spec)) return undefined;
  return { name: normalizeName(rawName), rawName, extras, specifier: spec.replace(/\s+/g, ''), marker: marker || undefined };
}
