/**
 * One PEP 508 requirement string (`name[extra]>=1; marker`, `name @ url`) as a reader compares
 * it: pep508.ts parses it (with offsets, for editors); this drops the offsets.
 */
import { normalizeName, parseRequirement as parsePep508 } from './pep508.js';
import type { Requirement } from './types.js';

export { normalizeName };
export type { Requirement };

/** Parses a requirement string; undefined when it is not one. */
export function parseRequirement(text: string): Requirement | undefined {
  const r = parsePep508(text);
  if (!r) return undefined;
  const parsed: Requirement = { name: r.name, rawName: r.rawName, extras: r.extras, specifier: r.specifier };
  if (r.marker) parsed.marker = r.marker;
  if (r.url) parsed.url = r.url;
  return parsed;
}
