/**
 * PEP 508 environment markers: parsed once, evaluated for the platform of the virtualenv that
 * was found (its Python version and wheel tags), with `extra` bound per requirement.
 */
import { normalizeName } from '../manifests/requirement.js';
import { versionMatches } from './version.js';

export interface MarkerEnvironment {
  python_version: string;
  python_full_version: string;
  sys_platform: string;
  platform_system: string;
  platform_machine: string;
  platform_release: string;
  platform_version: string;
  os_name: string;
  implementation_name: string;
  implementation_version: string;
  platform_python_implementation: string;
}

export type Marker =
  | { kind: 'and' | 'or'; left: Marker; right: Marker }
  | { kind: 'compare'; left: Operand; op: string; right: Operand };

type Operand = { variable: string } | { literal: string };

const VARIABLES = new Set([
  'python_version', 'python_full_version', 'sys_platform', 'platform_system', 'platform_machine', 'platform_release',
  'platform_version', 'os_name', 'implementation_name', 'implementation_version', 'platform_python_implementation',
  'extra', 'dependency_groups', 'extras', 'os.name', 'sys.platform', 'platform.version', 'platform.machine',
  'platform.python_implementation', 'python_implementation',
]);

const LEGACY: Record<string, string> = {
  'os.name': 'os_name', 'sys.platform': 'sys_platform', 'platform.version': 'platform_version',
  'platform.machine': 'platform_machine', 'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};

export class MarkerSyntaxError extends Error {}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(\(|\)|===|==|!=|<=|>=|~=|<|>|"[^"]*"|'[^']*'|not\s+in\b|in\b|and\b|or\b|[A-Za-z_][A-Za-z0-9_.]*)/gy;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new MarkerSyntaxError(`cannot read marker near "${text.slice(pos).trim()}"`);
    tokens.push(m[1].replace(/\s+/g, ' '));
    pos = re.lastIndex;
  }
  return tokens;
}

export function parseMarker(text: string): Marker {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const operand = (): Operand => {
    const t = tokens[i++];
    if (t === undefined) throw new MarkerSyntaxError('marker ends too early');
    if (/^["']/.test(t)) return { literal: t.slice(1, -1) };
    if (VARIABLES.has(t)) return { variable: LEGACY[t] ?? t };
    throw new MarkerSyntaxError(`unknown marker variable "${t}"`);
  };
  const atom = (): Marker => {
    if (peek() === '(') {
      i++;
      const inner = or();
      if (tokens[i++] !== ')') throw new MarkerSyntaxError('missing ")" in marker');
      return inner;
    }
    const left = operand();
    const op = tokens[i++];
    if (!op || !/^(===|==|!=|<=|>=|~=|<|>|in|not in)$/.test(op)) throw new MarkerSyntaxError(`expected a comparison, got "${op ?? 'end'}"`);
    const right = operand();
    return { kind: 'compare', left, op, right };
  };
  /** `next (op next)*`, grouped from the left. */
  const chain = (op: 'and' | 'or', next: () => Marker): Marker => {
    let left = next();
    while (peek() === op) {
      i++;
      left = { kind: op, left, right: next() };
    }
    return left;
  };
  const and = (): Marker => chain('and', atom);
  const or = (): Marker => chain('or', and);
  const marker = or();
  if (i !== tokens.length) throw new MarkerSyntaxError(`unexpected "${tokens[i]}" in marker`);
  return marker;
}

const VERSION_VARIABLES = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);

/** Evaluates a marker; `extras` are the extras requested of the distribution that declares it. */
export function evaluateMarker(marker: Marker, env: MarkerEnvironment, extras: ReadonlySet<string> = new Set()): boolean {
  if (marker.kind !== 'compare') {
    const left = evaluateMarker(marker.left, env, extras);
    return marker.kind === 'and' ? left && evaluateMarker(marker.right, env, extras) : left || evaluateMarker(marker.right, env, extras);
  }
  const variable = 'variable' in marker.left ? marker.left.variable : 'variable' in marker.right ? marker.right.variable : undefined;
  if (variable === 'extra') {
    const literal = 'literal' in marker.right ? marker.right.literal : 'literal' in marker.left ? marker.left.literal : '';
    const has = extras.has(normalizeName(literal));
    return marker.op === '==' || marker.op === '===' ? has : marker.op === '!=' ? !has : false;
  }
  if (variable === 'extras' || variable === 'dependency_groups') return false;
  const value = (o: Operand) => ('literal' in o ? o.literal : (env as unknown as Record<string, string>)[o.variable] ?? '');
  const l = value(marker.left);
  const r = value(marker.right);
  switch (marker.op) {
    case 'in': return r.includes(l);
    case 'not in': return !r.includes(l);
    default:
      if (variable && VERSION_VARIABLES.has(variable)) return versionMatches(l, marker.op, r);
      if (marker.op === '==' || marker.op === '===') return l === r;
      if (marker.op === '!=') return l !== r;
      return versionMatches(l, marker.op, r);
  }
}

/** Parsed markers by text: the same few markers repeat across thousands of Requires-Dist lines. */
const parsed = new Map<string, Marker | null>();

/** Evaluates marker text; a marker that cannot be read counts as true (never hide a dependency). */
export function markerApplies(text: string | undefined, env: MarkerEnvironment, extras?: ReadonlySet<string>): boolean {
  if (!text) return true;
  let marker = parsed.get(text);
  if (marker === undefined) {
    try {
      marker = parseMarker(text);
    } catch {
      marker = null;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(text, marker);
  }
  return marker === null ? true : evaluateMarker(marker, env, extras);
}

export function linuxEnvironment(pythonVersion = '3.12.0', machine = 'x86_64'): MarkerEnvironment {
  const full = /^\d+\.\d+$/.test(pythonVersion) ? `${pythonVersion}.0` : pythonVersion;
  return {
    python_version: full.split('.').slice(0, 2).join('.'),
    python_full_version: full,
    sys_platform: 'linux',
    platform_system: 'Linux',
    platform_machine: machine,
    platform_release: '',
    platform_version: '',
    os_name: 'posix',
    implementation_name: 'cpython',
    implementation_version: full,
    platform_python_implementation: 'CPython',
  };
}

/** The environment of a platform named by wheel platform tags (`manylinux_2_17_x86_64`, `win_amd64`...). */
export function environmentFor(pythonVersion: string, platformTags: string[]): MarkerEnvironment {
  const tag = platformTags.find((t) => t !== 'any') ?? 'linux_x86_64';
  const env = linuxEnvironment(pythonVersion);
  if (/^win/.test(tag)) {
    Object.assign(env, { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', platform_machine: /arm64/.test(tag) ? 'ARM64' : /win32$/.test(tag) ? 'x86' : 'AMD64' });
  } else if (/^macosx/.test(tag)) {
    Object.assign(env, { sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: /arm64/.test(tag) ? 'arm64' : 'x86_64' });
  } else {
    const m = /(x86_64|aarch64|i686|ppc64le|s390x|armv7l)$/.exec(tag);
    if (m) env.platform_machine = m[1];
  }
  return env;
}
