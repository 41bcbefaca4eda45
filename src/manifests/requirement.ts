/**
 * One PEP 508 requirement string (`name[extra]>=1; marker`, `name @ url`) as the dependency
 * analysis needs it: the codemod engine's parser (pep508.ts, which also keeps offsets for
 * editing) does the reading; this adapter normalizes what the analysis compares.
 */
import { normalizeName, parseRequirement as parsePep508 } from './pep508.js';

export { normalizeName };

export interface ParsedRequirement {
  /** Normalized as pip does: lower case, runs of `-_.` as `-`. */
  name: string;
  /** As written. */
  rawName: string;
  extras: string[];
  /** The version specifier without spaces or enclosing parentheses (`>=1,<2`), '' when there is none. */
  specifier: string;
  /** The environment marker text after `;`, if any. */
  marker?: string;
  /** A direct reference (`name @ url`). */
  url?: string;
}

/** Parses a requirement string; undefined when it is not one. */
export function parseRequirement(text: string): ParsedRequirement | undefined {
  const r = parsePep508(text);
  if (!r) return undefined;
  let specifier = r.specifier.replace(/\s+/g, '');
  if (specifier.startsWith('(') && specifier.endsWith(')')) specifier = specifier.slice(1, -1);
  const parsed: ParsedRequirement = { name: r.normalized, rawName: r.name, extras: r.extras.map(normalizeName).filter(Boolean), specifier };
  if (r.marker) parsed.marker = r.marker.trim();
  if (r.url) parsed.url = r.url;
  return parsed;
}
