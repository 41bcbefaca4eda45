/**
 * pip requirement files: one requirement per logical line (backslash continuations joined),
 * `#` comments, options (`-r`, `-c`, `-e`, `-i`, `--hash`...), URLs, VCS lines and local paths.
 */
import { posix } from 'node:path';
import { normalizeName, parseRequirement } from './requirement.js';
import type { DeclaredDependency, Manifest } from './types.js';

interface LogicalLine {
  text: string;
  line: number;
}

/** Physical lines joined at trailing backslashes, comments removed, with the first line number. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let current = '';
  let start = 0;
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i];
    if (current === '') start = i + 1;
    // A comment starts at '#' at the beginning or after whitespace (a URL fragment '#egg=' is not one).
    const comment = /(^|\s)#/.exec(line);
    if (comment) line = line.slice(0, comment.index);
    if (!comment && line.endsWith('\\')) {
      current += line.slice(0, -1);
      continue;
    }
    current += line;
    if (current.trim() !== '') out.push({ text: current.trim(), line: start });
    current = '';
  }
  if (current.trim() !== '') out.push({ text: current.trim(), line: start });
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

export function parseRequirementsFile(path: string, text: string): Manifest {
  const manifest: Manifest = { path, kind: 'requirements', dependencies: [], includes: [], constraints: [], problems: [] };
  const dir = posix.dirname(path);
  const resolve = (ref: string) => posix.normalize(dir === '.' ? ref : `${dir}/${ref}`);
  for (const { text: raw, line } of logicalLines(text)) {
    let spec = raw;
    const include = optionValue(spec, ['-r', '--requirement']);
    if (include !== undefined) {
      if (include && !/^[a-z]+:\/\//i.test(include)) manifest.includes.push(resolve(include));
      continue;
    }
    const constraint = optionValue(spec, ['-c', '--constraint']);
    if (constraint !== undefined) {
      if (constraint && !/^[a-z]+:\/\//i.test(constraint)) manifest.constraints.push(resolve(constraint));
      continue;
    }
    let editable = false;
    const editableValue = optionValue(spec, ['-e', '--editable']);
    if (editableValue !== undefined) {
      editable = true;
      spec = editableValue;
    } else if (spec.startsWith('-')) {
      if (!OPTION_WITH_VALUE.test(spec) && !FLAG.test(spec)) manifest.problems.push({ line, message: `unknown option: ${spec.split(/\s/)[0]}` });
      continue;
    }
    spec = spec.replace(REQ_OPTIONS, '').trim();
    const dep = declaration(spec, path, line, editable);
    if (dep === null) continue; // a local path without a name: the project itself, most often
    if (!dep) {
      manifest.problems.push({ line, message: `cannot read requirement: ${spec}` });
      continue;
    }
    manifest.dependencies.push(dep);
  }
  return manifest;
}

/** A requirement-file entry as a declaration; null for an unnamed local path, undefined when unreadable. */
export function declaration(spec: string, path: string, line: number, editable: boolean): DeclaredDependency | null | undefined {
  if (isUrlOrPath(spec)) {
    const [url, marker] = spec.split(/\s+;\s*|;\s+/, 2);
    const name = nameFromUrl(url);
    if (!name) return null;
    return { name: normalizeName(name), rawName: name, extras: [], specifier: '', url, marker, manifest: path, line, group: 'main', editable: editable || undefined };
  }
  const req = parseRequirement(spec);
  if (!req) return undefined;
  return { ...req, manifest: path, line, group: 'main', editable: editable || undefined };
}
