/**
 * Byte-preserving edits of pip requirements files: requirements, `-r`/`-c` includes, `-e` and
 * URL lines, markers, extras, per-requirement options (`--hash`), comments and backslash
 * continuations. Only the characters that must change are touched.
 */
import type { Edit } from '../text/edit.js';
import { normalizeName, replaceProject } from './pep508.js';
import { requirementsLines, type RequirementsLine } from './requirements-file.js';

export type { RequirementsLine, RequirementsLineKind } from './requirements-file.js';

/** The lines of a requirements file with their offsets (the one reader, requirements-file.ts). */
export function parseRequirementsFile(file: string): RequirementsLine[] {
  return requirementsLines(file);
}

/** Lines that name the project (requirement, URL and editable lines). */
export function findRequirementLines(lines: readonly RequirementsLine[], name: string): RequirementsLine[] {
  const n = normalizeName(name);
  return lines.filter((l) => l.normalized === n && (l.kind === 'requirement' || l.kind === 'url' || l.kind === 'editable'));
}

/**
 * Replaces the project of a requirement line. For a plain requirement the name and specifier are
 * rewritten and extras dropped, while the marker, options and comment stay; URL and editable
 * lines are replaced as a whole by `name + specifier`.
 */
export function replaceRequirement(line: RequirementsLine, name: string, specifier: string): Edit[] {
  const r = line.requirement;
  if (line.kind === 'requirement' && r) return replaceProject(r, name, specifier);
  const target = line.target ?? { start: line.start, end: line.end };
  return [{ start: target.start, end: target.end, text: `${name}${specifier}` }];
}

/** The requirement text of a line, rewritten for another project (for adding a sibling line). */
export function requirementLike(line: RequirementsLine, name: string, specifier: string): string {
  const marker = line.requirement?.marker;
  return `${name}${specifier}${marker ? ` ; ${marker}` : ''}`;
}

/** Inserts a new requirement line after `line` (after its continuations). */
export function insertLineAfter(file: string, line: RequirementsLine, text: string): Edit {
  const nl = file.indexOf('\n', line.end);
  if (nl === -1) return { start: file.length, end: file.length, text: `\n${text}` };
  return { start: nl + 1, end: nl + 1, text: `${text}\n` };
}

/** Removes a whole logical line (and its line break). */
export function removeLine(file: string, line: RequirementsLine): Edit {
  const nl = file.indexOf('\n', line.end);
  if (nl !== -1) return { start: line.start, end: nl + 1, text: '' };
  // The last line without a line break: take the previous line break instead.
  const prev = line.start > 0 ? line.start - 1 : line.start;
  const prevStart = prev > 0 && file[prev - 1] === '\r' ? prev - 1 : prev;
  return { start: prevStart, end: file.length, text: '' };
}

/**
 * Removes several logical lines at once. Each takes its own line break; when the removed lines
 * run to the end of a file whose last line has no line break, the line break before the run goes
 * instead, so the file keeps ending without one and no two removals touch the same character
 * (removing `b` and `c` from `a\nb\nc` leaves `a`). `insertAfter` names removed lines that get a
 * line inserted after them (`insertLineAfter`): when one of those is inside that run and not the
 * last line, the line break before the run stays, for the inserted line to follow it.
 */
export function removeLines(file: string, lines: readonly RequirementsLine[], { insertAfter = [] }: { insertAfter?: readonly RequirementsLine[] } = {}): Edit[] {
  const sorted = [...new Set(lines)].sort((a, b) => a.start - b.start);
  const edits: Edit[] = sorted.map((line) => {
    const nl = file.indexOf('\n', line.end);
    return { start: line.start, end: nl === -1 ? file.length : nl + 1, text: '' };
  });
  const last = edits.at(-1);
  if (!last || last.end !== file.length || file.endsWith('\n')) return edits;
  // The run of contiguous removals that reaches the end of the file.
  let first = edits.length - 1;
  while (first > 0 && edits[first - 1].end === edits[first].start) first--;
  const runStart = edits[first].start;
  const anchoredInside = insertAfter.some((l) => l.start >= runStart && l !== sorted.at(-1));
  if (anchoredInside || runStart === 0 || file[runStart - 1] !== '\n') return edits;
  edits[first] = { ...edits[first], start: runStart >= 2 && file[runStart - 2] === '\r' ? runStart - 2 : runStart - 1 };
  return edits;
}

/** The `-r` and `-c` paths of a file, resolved against its folder (`/`-separated, relative to the root). */
export function includedPaths(lines: readonly RequirementsLine[], fromPath: string): string[] {
  const dir = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/')) : '';
  const out: string[] = [];
  for (const l of lines) {
    if ((l.kind !== 'include' && l.kind !== 'constraint') || !l.path || /^\w+:\/\//.test(l.path)) continue;
    const parts = (dir ? `${dir}/${l.path}` : l.path).split('/');
    const norm: string[] = [];
    for (const p of parts) {
      if (p === '' || p === '.') continue;
      if (p === '..') norm.pop();
      else norm.push(p);
    }
    out.push(norm.join('/'));
  }
  return out;
}

/** Whether a requirements file is generated by a lock tool (pip-compile, uv): edit its input instead. */
export function generatedBy(file: string): string | undefined {
  const head = file.slice(0, 600);
  if (/autogenerated by pip-compile|pip-compile --/i.test(head)) return 'pip-compile';
  if (/autogenerated by uv|uv pip compile/i.test(head)) return 'uv pip compile';
  if (/generated by poetry export|poetry export/i.test(head)) return 'poetry export';
  return undefined;
}
