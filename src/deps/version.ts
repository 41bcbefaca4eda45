/** PEP 440 versions, as far as marker evaluation needs them: parse and compare. */

export interface Version {
  epoch: number;
  release: number[];
  /** Pre-release: [rank, number] with a=0, b=1, rc=2; undefined for a final release. */
  pre?: [number, number];
  post?: number;
  dev?: number;
  local?: string;
}

const VERSION = /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?dev[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const preRank = m[3] ? ({ a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 } as Record<string, number>)[m[3].toLowerCase()] : undefined;
  const v: Version = { epoch: m[1] ? Number(m[1]) : 0, release: m[2].split('.').map(Number) };
  if (preRank !== undefined) v.pre = [preRank, Number(m[4] ?? 0)];
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6] !== undefined) v.post = Number(m[7] ?? 0);
  if (/dev/i.test(text) && m[8] !== undefined) v.dev = Number(m[8]);
  else if (/dev/i.test(text)) v.dev = 0;
  if (m[9]) v.local = m[9].toLowerCase();
  return v;
}

function compareRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Sort keys for the pre/post/dev parts, as PEP 440 orders them. */
function phaseKey(v: Version): number[] {
  // dev-only releases sort before pre-releases; a final release after every pre-release.
  const pre = v.pre ? [v.pre[0], v.pre[1]] : v.dev !== undefined && v.post === undefined ? [-1, 0] : [3, 0];
  const post = v.post === undefined ? -1 : v.post;
  const dev = v.dev === undefined ? Infinity : v.dev;
  return [...pre, post, dev];
}

export function compareVersions(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  const r = compareRelease(a.release, b.release);
  if (r !== 0) return r;
  const ka = phaseKey(a);
  const kb = phaseKey(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** One PEP 440 comparison (`~=`, `==` with `.*`, `!=`, `<=`, `>=`, `<`, `>`, `===`). */
export function versionMatches(version: string, op: string, spec: string): boolean {
  if (op === '===') return version.trim() === spec.trim();
  if ((op === '==' || op === '!=') && spec.trim().endsWith('.*')) {
    const prefix = parseVersion(spec.trim().slice(0, -2));
    const v = parseVersion(version);
    if (!prefix || !v) return op === '!=';
    const head = v.release.slice(0, prefix.release.length);
    while (head.length < prefix.release.length) head.push(0);
    const same = v.epoch === prefix.epoch && compareRelease(head, prefix.release) === 0;
    return op === '==' ? same : !same;
  }
  const v = parseVersion(version);
  const s = parseVersion(spec);
  if (!v || !s) return op === '!=' ? version !== spec : op === '==' && version === spec;
  const c = compareVersions(v, s);
  switch (op) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
    case '~=': {
      if (s.release.length < 2 || c < 0) return false;
      const prefix = s.release.slice(0, -1);
      return compareRelease(v.release.slice(0, prefix.length), prefix) === 0;
    }
    default: return false;
  }
}
