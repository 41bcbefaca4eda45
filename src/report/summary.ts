/**
 * The numbers every rich report shares (markdown, HTML): what each action would free, and the
 * root causes of the size, ranked by measured bytes.
 */
import type { CleanCategory } from '../model/bloat.js';
import { bloatKind } from '../bloat/detectors/index.js';
import { CLEAN_CATEGORIES, planClean } from '../clean.js';
import type { Finding } from '../findings.js';
import type { ScanResult } from '../scan.js';
import { hints, type HintScope } from '../model/hint.js';
import { ruleMeta } from '../rules/index.js';

export interface CategorySavings {
  category: CleanCategory;
  bytes: number;
  /** Allocated bytes (what `du` shows, what deleting frees); sparse files make it smaller than `bytes`. */
  allocated: number;
  items: number;
  /** The command that deletes them, as printed. */
  command: string;
}

export interface Savings {
  /** `repolish fix`: bytes of bloat that the new .gitignore lines keep out of commits. */
  fixGitignoreBytes: number;
  /** `repolish fix`: bytes a new or completed .dockerignore keeps out of build contexts. */
  fixBuildContextBytes: number;
  /** Files `fix` would change or create. */
  fixFiles: string[];
  /** The commands, as printed: apply the safe fixes, print the patch, untrack, rescan. */
  commands: { fixWrite: string; fixShow: string; untrack: string; scan: string };
  /** `repolish clean --include <category> --yes`: untracked bloat deleted, per category. */
  clean: CategorySavings[];
  /** `repolish clean --untrack`: tracked bloat that leaves the index (files stay on disk). */
  untrack: { bytes: number; items: number };
  /** Dependency findings: what removing or replacing packages would free. */
  dependencyBytes: number;
  /** Per codemod, from dependency findings that name the codemod that does the replacement. */
  codemods: { name: string; bytes: number; packages: string[]; command: string }[];
}

/** Where a report's commands point: the scanned root, and the flags the scan was run with. */
export function reportScope(result: ScanResult): HintScope {
  return result.context.hints ?? { root: result.root };
}

const sum = (list: Finding[], key: 'bytes' | 'freedBytes' = 'bytes') => list.reduce((s, f) => s + (typeof f[key] === 'number' ? (f[key] as number) : 0), 0);

/** What removing a dependency frees: `freedBytes` where measured, else its own size. */
export function freedBytes(finding: Finding): number {
  return typeof finding.freedBytes === 'number' ? finding.freedBytes : typeof finding.bytes === 'number' ? finding.bytes : 0;
}

export function savingsSummary(result: ScanResult): Savings {
  const keepingOut = (where: 'commits' | 'build-contexts') => result.findings.filter((f) => ruleMeta(f.rule)?.keepsOut === where);
  const scope = reportScope(result);
  const clean = CLEAN_CATEGORIES.map((category) => {
    const plan = planClean(result, [category]);
    return { category, bytes: plan.delete.reduce((s, i) => s + i.bytes, 0), allocated: plan.delete.reduce((s, i) => s + i.allocated, 0), items: plan.delete.length, command: hints.cleanDelete(scope, category) };
  });
  const untrack = planClean(result, []).untrack;
  const deps = result.findings.filter((f) => ruleMeta(f.rule)?.findingBytes === 'freed');
  // Per codemod: what its advice says it saves (one figure for the whole migration, repeated on each
  // finding), else the sum of what removing each of its packages frees, each package counted once.
  const codemods = new Map<string, { name: string; stated: number; freed: Map<string, number>; packages: string[] }>();
  for (const f of deps) {
    if (typeof f.codemod !== 'string') continue;
    const entry = codemods.get(f.codemod) ?? { name: f.codemod, stated: 0, freed: new Map<string, number>(), packages: [] };
    if (typeof f.codemodSavingBytes === 'number') entry.stated = Math.max(entry.stated, f.codemodSavingBytes);
    const key = f.package ?? f.path;
    entry.freed.set(key, Math.max(entry.freed.get(key) ?? 0, freedBytes(f)));
    if (f.package && !entry.packages.includes(f.package)) entry.packages.push(f.package);
    codemods.set(f.codemod, entry);
  }
  const seenPackages = new Set<string>();
  let dependencyBytes = 0;
  for (const f of deps) {
    // One package reported by two rules (heavy and unused) frees its bytes once.
    const key = f.package ?? `${f.rule}:${f.path}`;
    if (seenPackages.has(key)) continue;
    seenPackages.add(key);
    dependencyBytes += freedBytes(f);
  }
  return {
    fixGitignoreBytes: sum(keepingOut('commits')),
    fixBuildContextBytes: sum(keepingOut('build-contexts')),
    fixFiles: result.changes.map((c) => c.path),
    commands: { fixWrite: hints.fixWrite(scope), fixShow: hints.fixShow(scope), untrack: hints.untrack(scope), scan: hints.scan(scope) },
    clean,
    untrack: { bytes: untrack.reduce((s, u) => s + u.bytes, 0), items: untrack.length },
    dependencyBytes,
    codemods: [...codemods.values()]
      .map((c) => ({ name: c.name, packages: c.packages, command: hints.codemod(scope, c.name, true), bytes: Math.max(c.stated, [...c.freed.values()].reduce((a, b) => a + b, 0)) }))
      .sort((a, b) => b.bytes - a.bytes),
  };
}

export interface RootCause {
  /** A bloat rule id, or `deps/<package>` for a dependency. */
  key: string;
  title: string;
  bytes: number;
  /** How many paths (or findings) make it up. */
  count: number;
  /** The largest paths, with their sizes. */
  examples: { path: string; bytes: number }[];
  /** Largest packages of virtualenvs, when the cause is a virtualenv. */
  packages?: { name: string; bytes: number }[];
  tracked: boolean;
}

/** A bloat rule's heading among the root causes of size (the kind's own `heading`). */
export function ruleTitle(rule: string): string {
  return bloatKind(rule).heading;
}

interface PackageInfo {
  name: string;
  bytes: number;
}

/** Bloat grouped by kind, plus heavy dependencies, largest first. Sizes overlap (a package lives in a venv); never add them up. */
export function rootCauses(result: ScanResult, examplesPerCause = 3): RootCause[] {
  const causes = new Map<string, RootCause>();
  for (const item of result.bloat.items) {
    const cause = causes.get(item.rule) ?? { key: item.rule, title: ruleTitle(item.rule), bytes: 0, count: 0, examples: [], tracked: false };
    cause.bytes += item.bytes;
    cause.count += 1;
    cause.examples.push({ path: item.path, bytes: item.bytes });
    cause.tracked ||= item.tracked;
    const packages = item.details?.packages;
    if (Array.isArray(packages)) {
      const merged = new Map((cause.packages ?? []).map((p) => [p.name, p.bytes]));
      for (const p of packages as PackageInfo[]) merged.set(p.name, Math.max(merged.get(p.name) ?? 0, p.bytes));
      cause.packages = [...merged].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 8);
    }
    causes.set(item.rule, cause);
  }
  for (const f of result.findings) {
    if (!ruleMeta(f.rule)?.packageVerdict?.heavy || !f.package) continue;
    const key = `deps/${f.package}`;
    if (causes.has(key)) continue;
    causes.set(key, { key, title: `Dependency ${f.package}`, bytes: freedBytes(f), count: 1, examples: [{ path: f.path, bytes: freedBytes(f) }], tracked: false });
  }
  const list = [...causes.values()].filter((c) => c.bytes > 0);
  for (const cause of list) cause.examples = cause.examples.sort((a, b) => b.bytes - a.bytes).slice(0, examplesPerCause);
  return list.sort((a, b) => b.bytes - a.bytes || a.key.localeCompare(b.key));
}

/** Bytes of bloat in the tree (items never nest, so the sum counts each byte once). */
export function bloatBytes(result: ScanResult): number {
  return result.bloat.items.reduce((s, i) => s + i.bytes, 0);
}
