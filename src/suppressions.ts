/**
 * Findings a team has decided to live with: `ignore` entries of the configuration and inline
 * `# repolish: ignore[rule-id, ...]` comments at the end of the finding's line or on a comment line
 * just above it (in
 * .gitignore, .dockerignore, container files, requirement files: any file with `#` comments).
 */
import type { IgnoreEntry } from './config.js';
import type { Finding, Warning } from './findings.js';
import type { RepoFacts } from './model/facts.js';

const INLINE = /#\s*repolish:\s*ignore\[([^\]]*)\]/;

/** A glob as a regular expression: `**` crosses folders, `*` and `?` stay within one. */
function globRegExp(glob: string): RegExp {
  let out = '';
  const g = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** The path or a folder above it matches (`models/**` covers `models` itself; `data` covers `data/x`). */
function pathMatches(pattern: RegExp, path: string): boolean {
  const parts = (path === '' ? '.' : path).split('/');
  for (let n = parts.length; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('/');
    if (pattern.test(prefix) || pattern.test(`${prefix}/`)) return true;
  }
  return false;
}

export class Suppressor {
  private readonly entries: { entry: IgnoreEntry; path?: RegExp; used: number }[];
  suppressed = 0;

  constructor(entries: readonly IgnoreEntry[], private readonly facts: RepoFacts, private readonly source = 'configuration') {
    this.entries = entries.map((entry) => ({ entry, path: entry.path ? globRegExp(entry.path) : undefined, used: 0 }));
  }

  private byConfig(f: Finding): boolean {
    let hit = false;
    for (const e of this.entries) {
      if (e.entry.rule && e.entry.rule !== f.rule) continue;
      if (e.entry.package && e.entry.package.toLowerCase().replace(/[-_.]+/g, '-') !== f.package) continue;
      if (e.path && !pathMatches(e.path, f.path)) continue;
      e.used++;
      hit = true;
    }
    return hit;
  }

  private inline(f: Finding): boolean {
    if (typeof f.line !== 'number' || !this.facts.file(f.path)) return false;
    const text = this.facts.readText(f.path);
    if (text === undefined || !text.includes('repolish:')) return false;
    const lines = text.split(/\r?\n/);
    // A comment at the end of a line covers that line; a comment line of its own covers the next one.
    const above = lines[f.line - 2] ?? '';
    for (const text of [lines[f.line - 1] ?? '', /^\s*#/.test(above) ? above : '']) {
      const m = INLINE.exec(text);
      if (m && m[1].split(',').map((s) => s.trim()).some((id) => id === f.rule || id === '*')) return true;
    }
    return false;
  }

  /** The counts as they are now, and how to put them back (a rule run ahead that must run again in its turn: src/scan.ts). */
  mark(): () => void {
    const suppressed = this.suppressed;
    const used = this.entries.map((e) => e.used);
    return () => {
      this.suppressed = suppressed;
      this.entries.forEach((e, i) => (e.used = used[i]));
    };
  }

  /** The findings nobody asked to leave out. */
  filter(findings: Finding[]): Finding[] {
    return findings.filter((f) => {
      // Every matching config entry counts as used, even when an inline comment also matches.
      const config = this.byConfig(f);
      const keep = !config && !this.inline(f);
      if (!keep) this.suppressed++;
      return keep;
    });
  }

  /** A warning per configuration entry that matched nothing (a typo, or a problem since fixed). */
  unusedWarnings(): Warning[] {
    return this.entries.filter((e) => e.used === 0).map((e) => ({
      path: this.source,
      message: `ignore entry ${JSON.stringify(e.entry)} matches no finding; remove it or correct it`,
    }));
  }
}
