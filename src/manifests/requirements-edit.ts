/**
 * Byte-preserving edits of pip requirements files: requirements, `-r`/`-c` includes, `-e` and
 * URL lines, markers, extras, per-requirement options (`--hash`), comments and backslash
 * continuations. Only the characters that must change are touched.
 */
import type { Edit } from '../engine/types.js';
import { eggName, normalizeName, parseRequirement, type Requirement, type Span } from './pep508.js';

export type RequirementsLineKind = 'blank' | 'comment' | 'requirement' | 'url' | 'editable' | 'include' | 'constraint' | 'option' | 'unknown';

export interface RequirementsLine {
  kind: RequirementsLineKind;
  /** 1-based number of the first physical line. */
  line: number;
  /** File offsets of the logical line (continuations included), without its line break. */
  start: number;
  end: number;
  /** The logical line with continuations joined and the comment removed. */
  content: string;
  /** Normalized project name, for requirement, url and editable lines when known. */
  normalized?: string;
  /** For requirement lines: the parsed requirement, offsets in the file. */
  requirement?: Requirement;
  /** File span of what a replacement requirement would overwrite (the requirement, or the `-e URL` / URL token). */
  target?: Span;
  /** Per-requirement options after the requirement (`--hash=...`, `--config-settings`...). */
  options: string[];
  /** For include and constraint lines: the referenced path as written. */
  path?: string;
}

const INCLUDE = /^(-r|--requirement)(?:\s*=?\s*|\s+)(\S+)/;
const CONSTRAINT = /^(-c|--constraint)(?:\s*=?\s*|\s+)(\S+)/;
const EDITABLE = /^(-e|--editable)(?:\s*=?\s*|\s+)(\S+)/;

interface Logical {
  text: string;
  /** File offset of each character of `text` (one extra entry: the offset after the last). */
  map: number[];
  start: number;
  end: number;
  line: number;
}

/** Joins backslash continuations (as pip does); each logical character remembers its file offset. */
function logicalLines(file: string): Logical[] {
  const out: Logical[] = [];
  let pos = 0;
  let lineNo = 1;
  while (pos < file.length) {
    const start = pos;
    const firstLine = lineNo;
    let text = '';
    const map: number[] = [];
    for (;;) {
      let nl = file.indexOf('\n', pos);
      if (nl === -1) nl = file.length;
      const physEnd = nl > pos && file[nl - 1] === '\r' ? nl - 1 : nl;
      const physical = file.slice(pos, physEnd);
      const continued = physical.endsWith('\\') && !/^\s*#/.test(physical) && nl < file.length;
      const keep = continued ? physical.length - 1 : physical.length;
      for (let i = 0; i < keep; i++) { text += physical[i]; map.push(pos + i); }
      pos = nl + 1;
      lineNo++;
      if (!continued) {
        map.push(physEnd);
        out.push({ text, map, start, end: physEnd, line: firstLine });
        break;
      }
    }
  }
  return out;
}

function fileSpan(l: Logical, start: number, end: number): Span {
  return { start: l.map[start], end: end > start ? l.map[end - 1] + 1 : l.map[start] };
}

function shiftRequirement(r: Requirement, l: Logical): Requirement {
  const m = (s: Span | undefined) => (s ? fileSpan(l, s.start, s.end) : undefined);
  return { ...r, nameSpan: m(r.nameSpan)!, extrasSpan: m(r.extrasSpan), specifierSpan: m(r.specifierSpan), urlSpan: m(r.urlSpan), markerSpan: m(r.markerSpan), span: m(r.span)! };
}

/** A name from a URL or path: `#egg=name`, or a wheel / sdist file name. */
function nameFromUrl(url: string): string | undefined {
  const egg = eggName(url);
  if (egg) return egg;
  const file = url.split(/[?#]/)[0].split('/').pop() ?? '';
  const wheel = /^([A-Za-z0-9][A-Za-z0-9._]*?)-\d[^-]*(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(file);
  if (wheel) return wheel[1];
  const sdist = /^([A-Za-z0-9][A-Za-z0-9._-]*?)-\d[\w.]*\.(tar\.gz|zip|tar\.bz2)$/.exec(file);
  return sdist?.[1];
}

export function parseRequirementsFile(file: string): RequirementsLine[] {
  const lines: RequirementsLine[] = [];
  for (const l of logicalLines(file)) {
    // A comment starts at `#` at the line start or after whitespace (pip's rule).
    const hash = /(^|\s)#/.exec(l.text);
    const contentEnd = hash ? hash.index + (hash[1] ? hash[1].length : 0) : l.text.length;
    const raw = l.text.slice(0, contentEnd);
    const content = raw.trim();
    const lead = raw.length - raw.trimStart().length;
    const base: RequirementsLine = { kind: 'unknown', line: l.line, start: l.start, end: l.end, content, options: [] };
    if (!content) { lines.push({ ...base, kind: hash ? 'comment' : 'blank' }); continue; }
    let m;
    if ((m = INCLUDE.exec(content))) { lines.push({ ...base, kind: 'include', path: m[2] }); continue; }
    if ((m = CONSTRAINT.exec(content))) { lines.push({ ...base, kind: 'constraint', path: m[2] }); continue; }
    if ((m = EDITABLE.exec(content))) {
      const name = nameFromUrl(m[2]);
      lines.push({ ...base, kind: 'editable', normalized: name ? normalizeName(name) : undefined, target: fileSpan(l, lead, lead + m[0].length) });
      continue;
    }
    if (content.startsWith('-')) { lines.push({ ...base, kind: 'option' }); continue; }
    // Per-requirement options start at the first ` -` / ` --` token.
    const opt = /\s-{1,2}[A-Za-z]/.exec(raw.slice(lead));
    const reqEnd = opt ? lead + opt.index : raw.trimEnd().length;
    const options = opt ? raw.slice(lead + opt.index).trim().split(/\s+(?=-)/) : [];
    const reqText = l.text.slice(lead, reqEnd);
    const parsed = parseRequirement(reqText, lead);
    if (parsed) {
      const requirement = shiftRequirement(parsed, l);
      lines.push({ ...base, kind: 'requirement', normalized: parsed.normalized, requirement, target: requirement.span, options });
      continue;
    }
    if (/^(\S+:\/\/|\.{0,2}\/|[A-Za-z]:\\)/.test(reqText.trim()) || /\.(whl|tar\.gz|zip)$/.test(reqText.trim())) {
      const name = nameFromUrl(reqText.trim());
      const tokenEnd = lead + reqText.trimEnd().length;
      lines.push({ ...base, kind: 'url', normalized: name ? normalizeName(name) : undefined, target: fileSpan(l, lead, tokenEnd), options });
      continue;
    }
    lines.push(base);
  }
  return lines;
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
  if (line.kind === 'requirement' && r?.url && r.urlSpan) {
    return [{ start: r.nameSpan.start, end: r.urlSpan.end, text: `${name}${specifier}` }];
  }
  if (line.kind !== 'requirement' || !r) {
    const target = line.target ?? { start: line.start, end: line.end };
    return [{ start: target.start, end: target.end, text: `${name}${specifier}` }];
  }
  const edits: Edit[] = [{ start: r.nameSpan.start, end: r.extrasSpan?.end ?? r.nameSpan.end, text: name }];
  if (r.specifierSpan) edits.push({ start: r.specifierSpan.start, end: r.specifierSpan.end, text: specifier });
  else if (specifier) edits.push({ start: r.extrasSpan?.end ?? r.nameSpan.end, end: r.extrasSpan?.end ?? r.nameSpan.end, text: specifier });
  return edits;
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
