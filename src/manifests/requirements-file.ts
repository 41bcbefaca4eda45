/**
 * pip requirement files, read once into lines with their offsets: one entry per logical line
 * (backslash continuations joined, as pip does), `#` comments, options (`-r`, `-c`, `-e`, `-i`,
 * `--hash`...), URLs, VCS lines and local paths. The dependency analysis reads the declarations
 * (`parseRequirementsFile`); editors (requirements-edit.ts) change the same lines by their spans.
 */
import { posix } from 'node:path';
import { normalizeName, parseRequirement, type SpannedRequirement } from './pep508.js';
import type { DeclaredDependency, Manifest, Requirement, Span } from './types.js';

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
  requirement?: SpannedRequirement;
  /** File span of what a replacement requirement would overwrite (the requirement, or the `-e URL` / URL token). */
  target?: Span;
  /** Per-requirement options after the requirement (`--hash=...`, `--config-settings`...). */
  options: string[];
  /** For include and constraint lines: the referenced path as written. */
  path?: string;
  /** For requirement, url and editable lines: the declaration the dependency analysis reads (null: a local path without a name). */
  declaration?: DeclaredDependency | null;
  /** What cannot be understood here: reported as a warning, never guessed at. */
  problem?: string;
}

interface Logical {
  text: string;
  /** File offset of each character of `text` (one extra entry: the offset after the last). */
  map: number[];
  start: number;
  end: number;
  line: number;
}

/** Joins backslash continuations (as pip does; a comment line never continues); each logical character remembers its file offset. */
function logicalLines(file: string): Logical[] {
  const out: Logical[] = [];
  let pos = file.startsWith('\uFEFF') ? 1 : 0;
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

function inFile<T extends SpannedRequirement>(r: T, l: Logical): T {
  const m = (s: Span | undefined) => (s ? fileSpan(l, s.start, s.end) : undefined);
  const out = { ...r, span: m(r.span)!, nameSpan: m(r.nameSpan)! };
  for (const key of ['extrasSpan', 'specifierSpan', 'urlSpan', 'markerSpan'] as const) if (r[key]) out[key] = m(r[key]);
  return out;
}

/** The distribution name a URL or VCS reference names (`#egg=name`, a wheel or sdist file name). */
export function nameFromUrl(url: string): string | undefined {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
  if (egg) return egg[1].replace(/\[.*$/, '');
  const file = url.split(/[?#]/)[0].split('/').pop() ?? '';
  const wheel = /^([A-Za-z0-9][A-Za-z0-9._]*?)-\d[^-]*(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(file);
  if (wheel) return wheel[1];
  const sdist = /^([A-Za-z0-9][A-Za-z0-9._-]*?)-\d[A-Za-z0-9.+!]*\.(tar\.gz|zip|tar\.bz2|tgz)$/.exec(file);
  return sdist?.[1];
}

const OPTION_WITH_VALUE = /^(-i|--index-url|--extra-index-url|-f|--find-links|--no-binary|--only-binary|--trusted-host|--use-feature|--progress-bar|--platform|--python-version|--implementation|--abi)\b/;
const FLAG = /^(--pre|--prefer-binary|--require-hashes|--no-index|--no-deps|-Z|--always-unzip)\b/;
/** The options pip allows after a requirement on its line. */
const EDITABLE_TOKEN = /^(-e|--editable)(?:\s*=?\s*|\s+)(\S+)/;
const REQ_OPTIONS = /\s+(--hash|--global-option|--install-option|--config-settings|-C)(=|\s+)\S+/g;

function optionValue(text: string, names: string[]): string | undefined {
  for (const name of names) {
    if (text === name) return '';
    if (text.startsWith(`${name}=`)) return text.slice(name.length + 1).trim();
    if (text.startsWith(`${name} `) || text.startsWith(`${name}\t`)) return text.slice(name.length).trim();
    // pip also accepts the short form glued to its value: -rfile.txt
    if (name.length === 2 && text.startsWith(name) && !text.startsWith(`${name}-`)) return text.slice(2).trim();
  }
  return undefined;
}

function isUrlOrPath(spec: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || /^(git|hg|svn|bzr)\+/.test(spec) || spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('~') || /^file:/.test(spec);
}

/** Every logical line of a requirements file, classified, with its offsets in `text`. */
export function requirementsLines(text: string, path = ''): RequirementsLine[] {
  const lines: RequirementsLine[] = [];
  for (const l of logicalLines(text)) {
    // A comment starts at `#` at the line start or after whitespace (pip's rule; a URL's `#egg=` is not one).
    const hash = /(^|\s)#/.exec(l.text);
    const raw = l.text.slice(0, hash ? hash.index + hash[1].length : l.text.length);
    const content = raw.trim();
    const lead = raw.length - raw.trimStart().length;
    const base: RequirementsLine = { kind: 'unknown', line: l.line, start: l.start, end: l.end, content, options: [] };
    if (!content) { lines.push({ ...base, kind: hash ? 'comment' : 'blank' }); continue; }
    const include = optionValue(content, ['-r', '--requirement']);
    if (include !== undefined) { lines.push({ ...base, kind: 'include', path: include }); continue; }
    const constraint = optionValue(content, ['-c', '--constraint']);
    if (constraint !== undefined) { lines.push({ ...base, kind: 'constraint', path: constraint }); continue; }
    const editable = optionValue(content, ['-e', '--editable']);
    if (editable !== undefined) {
      const spec = editable.replace(REQ_OPTIONS, '').trim();
      const declaration = declarationOf(spec, path, l.line, true);
      // The `-e URL` token is what a replacement overwrites.
      const token = EDITABLE_TOKEN.exec(content)?.[0] ?? content;
      lines.push({
        ...base, kind: 'editable', normalized: declaration?.name, declaration: declaration ?? null, target: fileSpan(l, lead, lead + token.length),
        problem: declaration === undefined ? `cannot read requirement: ${spec}` : undefined,
      });
      continue;
    }
    if (content.startsWith('-')) {
      const known = OPTION_WITH_VALUE.test(content) || FLAG.test(content);
      lines.push({ ...base, kind: 'option', problem: known ? undefined : `unknown option: ${content.split(/\s/)[0]}` });
      continue;
    }
    // Per-requirement options start at the first ` -` / ` --` token.
    const opt = /\s-{1,2}[A-Za-z]/.exec(raw.slice(lead));
    const reqEnd = opt ? lead + opt.index : raw.trimEnd().length;
    const options = opt ? raw.slice(lead + opt.index).trim().split(/\s+(?=-)/) : [];
    const reqText = l.text.slice(lead, reqEnd);
    // Options pip does not allow after a requirement make the line unreadable.
    const spec = content.replace(REQ_OPTIONS, '').trim();
    const parsed = isUrlOrPath(spec) || spec !== reqText.trim() ? undefined : parseRequirement(reqText, lead);
    if (parsed) {
      const requirement = inFile(parsed, l);
      const declaration: DeclaredDependency = { ...requirement, manifest: path, line: l.line, group: 'main' };
      lines.push({ ...base, kind: 'requirement', normalized: requirement.name, requirement, target: requirement.span, options, declaration });
      continue;
    }
    if (isUrlOrPath(spec) || /^[A-Za-z]:\\/.test(spec) || /\.(whl|tar\.gz|zip)$/.test(reqText.trim())) {
      const declaration = declarationOf(spec, path, l.line, false, true);
      const tokenEnd = lead + reqText.trimEnd().length;
      lines.push({ ...base, kind: 'url', normalized: declaration?.name, declaration: declaration ?? null, target: fileSpan(l, lead, tokenEnd), options });
      continue;
    }
    lines.push({ ...base, problem: `cannot read requirement: ${spec}` });
  }
  for (const line of lines) if (line.declaration) line.declaration.entry = { start: line.start, end: line.end };
  return lines;
}

export function parseRequirementsFile(path: string, text: string): Manifest {
  const manifest: Manifest = { path, kind: 'requirements', dependencies: [], includes: [], constraints: [], problems: [] };
  const dir = posix.dirname(path);
  const resolve = (ref: string) => posix.normalize(dir === '.' ? ref : `${dir}/${ref}`);
  for (const line of requirementsLines(text, path)) {
    if (line.problem) manifest.problems.push({ line: line.line, message: line.problem });
    if (line.kind === 'include' && line.path && !/^[a-z]+:\/\//i.test(line.path)) manifest.includes.push(resolve(line.path));
    if (line.kind === 'constraint' && line.path && !/^[a-z]+:\/\//i.test(line.path)) manifest.constraints.push(resolve(line.path));
    // null: a local path without a name, the project itself most often.
    if (line.declaration) manifest.dependencies.push(line.declaration);
  }
  return manifest;
}

/** A requirement-file entry as a declaration; null for an unnamed local path, undefined when unreadable. */
export function declaration(spec: string, path: string, line: number, editable: boolean): DeclaredDependency | null | undefined {
  return declarationOf(spec, path, line, editable);
}

function declarationOf(spec: string, path: string, line: number, editable: boolean, asUrl = isUrlOrPath(spec)): DeclaredDependency | null | undefined {
  if (asUrl) {
    const [url, marker] = spec.split(/\s+;\s*|;\s+/, 2);
    const name = nameFromUrl(url);
    if (!name) return null;
    return { name: normalizeName(name), rawName: name, extras: [], specifier: '', url, marker, manifest: path, line, group: 'main', editable: editable || undefined };
  }
  const req = parseRequirement(spec);
  if (!req) return undefined;
  return { ...withoutSpans(req), manifest: path, line, group: 'main', editable: editable || undefined };
}

/** The parts of a requirement parsed from a string that is not the file's text (its offsets would not be the file's). */
function withoutSpans(r: SpannedRequirement): Requirement {
  const out: Requirement = { name: r.name, rawName: r.rawName, extras: r.extras, specifier: r.specifier };
  if (r.marker !== undefined) out.marker = r.marker;
  if (r.url !== undefined) out.url = r.url;
  return out;
}
