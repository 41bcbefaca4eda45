/**
 * Byte-preserving edits of dependency lists in pyproject.toml: PEP 621 `[project] dependencies`
 * and `optional-dependencies`, PEP 735 `[dependency-groups]`, and Poetry's dependency tables
 * (`[tool.poetry.dependencies]`, groups, dev-dependencies), over the positions toml.ts records,
 * so an edit replaces only what must change (the engine re-parses the result with smol-toml).
 */
import type { Edit } from '../text/edit.js';
import { lineStart } from '../text/lines.js';
import { removeSeparatedItems } from '../text/separated.js';
import { normalizeName, parseRequirement, replaceProject, type SpannedRequirement } from './pep508.js';
import { scanToml, type TomlEntry, type TomlTable, type TomlValue } from './toml.js';

export type { TomlDocument, TomlEntry, TomlTable, TomlValue } from './toml.js';
export { scanToml };

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
  return replaceProject(r, name, specifier);
}

/**
 * Removes items of one array with their commas (the kernel's separated-item rule); items alone on
 * their lines take the lines, the last one too (a comma left before it is valid TOML). Removing
 * several items of one array in one call keeps adjacent removals from overlapping.
 */
export function removeArrayItems(text: string, array: TomlValue & { kind: 'array' }, items: readonly TomlValue[]): Edit[] {
  const drop = new Set(items);
  return removeSeparatedItems(text, array.items, (item) => drop.has(item), { wholeLines: 'always' });
}

/** Removes an item from an array, with its comma; an item alone on its line takes the line. */
export function removeArrayItem(text: string, array: TomlValue & { kind: 'array' }, item: TomlValue): Edit {
  return removeArrayItems(text, array, [item])[0];
}

/** Adds a string item after `item`, on its own line when the array has one item per line. */
export function insertArrayItemAfter(text: string, item: TomlValue, value: string, quote = '"'): Edit {
  const literal = tomlString(value, quote);
  const comma = /^[ \t]*,/.exec(text.slice(item.end));
  const ls = lineStart(text, item.start);
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
  const ls = lineStart(text, dep.entry.start);
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
