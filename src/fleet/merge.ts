/**
 * The fleet model: many repositories' scan (and codemod) reports folded into one picture. Every
 * fleet total is the sum of the per-repository figures, and every per-repository figure comes
 * from that repository's own report, so the merged numbers can be checked against the inputs.
 */
import { basename } from 'node:path';
import { DETECTORS } from '../bloat/detectors/index.js';
import { ruleMeta } from '../rules/index.js';
import type { CleanCategory } from '../model/bloat.js';
import type { Finding, Severity } from '../findings.js';
import type { CodemodReport, Report, ScanReport } from './reports.js';

export const FLEET_SCHEMA = 1;

const CATEGORIES: CleanCategory[] = ['cache', 'env', 'logs', 'data'];
const CATEGORY_OF = new Map<string, CleanCategory>(DETECTORS.map((d) => [d.rule, d.clean]));

export type Reclaimable = Record<CleanCategory, number> & { total: number };

export interface RootCause {
  rule: string;
  path: string;
  bytes: number;
  message: string;
}

export interface MigrationState {
  codemod: string;
  /** `changes`: the codemod has a patch; `blocked`: no patch, only review items; `nothing-to-do`. */
  state: 'changes' | 'blocked' | 'nothing-to-do';
  files: number;
  review: number;
}

export interface FleetRepo {
  name: string;
  root: string;
  reports: string[];
  /** The repository's HTML report, when one sits beside its scan JSON. */
  html?: string;
  scanned: boolean;
  bytes: number;
  files: number;
  reclaimable: Reclaimable;
  severities: Record<Severity, number>;
  causes: RootCause[];
  /** Codemods that the scan's findings point at, with what they would free. */
  codemods: { name: string; bytes: number; packages: string[] }[];
  migrations: MigrationState[];
}

export interface FleetReport {
  schemaVersion: number;
  kind: 'fleet';
  toolVersions: string[];
  repositories: FleetRepo[];
  totals: { repositories: number; bytes: number; files: number; reclaimable: Reclaimable; severities: Record<Severity, number> };
  /** Per rule; `bytes` only for rules whose bytes are the waste itself (isCauseRule), else 0. */
  rules: { rule: string; findings: number; repositories: number; bytes: number }[];
  packages: { package: string; heavy: number; unused: number; repositories: string[] }[];
  /** The repositories to start with: the most reclaimable bytes first. */
  startWith: string[];
  warnings: { path: string; message: string }[];
}

const emptyReclaimable = (): Reclaimable => ({ cache: 0, env: 0, logs: 0, data: 0, total: 0 });
const emptySeverities = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Rules whose bytes are the waste itself. Others restate it (a missing ignore line, committed
 * bloat, a build context that holds it): counting their bytes too would count the waste twice.
 */
export function isCauseRule(rule: string): boolean {
  return ruleMeta(rule)?.findingBytes !== undefined;
}

/** What acting on a finding frees: a dependency's `freedBytes` where measured, else its bytes. */
function findingBytes(f: Finding): number {
  return typeof f.freedBytes === 'number' ? f.freedBytes : num(f.bytes);
}

/** Short unique names: the folder name, with parent folders added only where two collide. */
function repoNames(roots: string[]): Map<string, string> {
  const names = new Map<string, string>();
  let depth = 1;
  let pending = roots;
  while (pending.length > 0 && depth < 64) {
    const tail = (root: string) => root.split('/').filter(Boolean).slice(-depth).join('/') || root;
    const counts = new Map<string, number>();
    for (const root of pending) counts.set(tail(root), (counts.get(tail(root)) ?? 0) + 1);
    const next: string[] = [];
    for (const root of pending) {
      if (counts.get(tail(root)) === 1 || tail(root) === root) names.set(root, tail(root));
      else next.push(root);
    }
    pending = next;
    depth++;
  }
  return names;
}

/** Shards of one root become one scan; a repeated unsharded scan keeps the last one given. */
function combineScans(root: string, scans: ScanReport[], warnings: FleetReport['warnings']): ScanReport | undefined {
  if (scans.length === 0) return undefined;
  const sharded = scans.filter((s) => s.shard);
  if (sharded.length === 0) {
    if (scans.length > 1) warnings.push({ path: scans[scans.length - 1].file, message: `${scans.length} scan reports of ${root}; using this one, the last given` });
    return scans[scans.length - 1];
  }
  const count = sharded[0].shard!.count;
  const byIndex = new Map<number, ScanReport>();
  for (const s of sharded) {
    if (s.shard!.count !== count) {
      warnings.push({ path: s.file, message: `shard ${s.shard!.index}/${s.shard!.count} does not belong with shards of ${count}; left out` });
      continue;
    }
    byIndex.set(s.shard!.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) warnings.push({ path: root, message: `shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} missing: this repository's figures are partial` });
  const parts = [...byIndex.values()];
  return {
    kind: 'scan', file: parts[0].file, root, toolVersion: parts[0].toolVersion,
    totals: {
      bytes: parts.reduce((s, p) => s + p.totals.bytes, 0),
      files: parts.reduce((s, p) => s + p.totals.files, 0),
      allocatedBytes: parts.reduce((s, p) => s + num(p.totals.allocatedBytes), 0),
    },
    findings: parts.flatMap((p) => p.findings),
  };
}

function migrationStates(reports: CodemodReport[]): MigrationState[] {
  const states: MigrationState[] = [];
  for (const report of reports) {
    for (const codemod of report.codemods) {
      const review = report.review.filter((r) => r.codemod === codemod).length;
      // A run of several codemods has one patch: its files count for each codemod that ran.
      const files = report.files.length;
      states.push({ codemod, files, review, state: report.patch.trim() !== '' ? 'changes' : review > 0 ? 'blocked' : 'nothing-to-do' });
    }
  }
  return states;
}

function summarizeRepo(name: string, root: string, scan: ScanReport | undefined, codemodReports: CodemodReport[], htmlFor: (file: string) => string | undefined): FleetRepo {
  const reclaimable = emptyReclaimable();
  const severities = emptySeverities();
  const causesByPath = new Map<string, RootCause>();
  const codemods = new Map<string, { name: string; bytes: number; packages: Set<string>; stated: number }>();
  for (const f of scan?.findings ?? []) {
    if (f.severity in severities) severities[f.severity] += 1;
    const category = CATEGORY_OF.get(f.rule);
    if (category) {
      reclaimable[category] += num(f.bytes);
      reclaimable.total += num(f.bytes);
    }
    const bytes = isCauseRule(f.rule) ? findingBytes(f) : 0;
    const key = f.package ? `package:${f.package}` : `path:${f.path}`;
    if (bytes > 0 && (causesByPath.get(key)?.bytes ?? -1) < bytes) causesByPath.set(key, { rule: f.rule, path: f.package ? String(f.package) : f.path, bytes, message: f.message });
    if (typeof f.codemod === 'string') {
      const entry = codemods.get(f.codemod) ?? { name: f.codemod, bytes: 0, packages: new Set<string>(), stated: 0 };
      entry.stated = Math.max(entry.stated, num(f.codemodSavingBytes));
      if (f.package && !entry.packages.has(String(f.package))) {
        entry.packages.add(String(f.package));
        entry.bytes += findingBytes(f);
      }
      codemods.set(f.codemod, entry);
    }
  }
  return {
    name,
    root,
    reports: [...(scan ? [scan.file] : []), ...codemodReports.map((r) => r.file)],
    html: scan ? htmlFor(scan.file) : undefined,
    scanned: scan !== undefined,
    bytes: scan?.totals.bytes ?? 0,
    files: scan?.totals.files ?? 0,
    reclaimable,
    severities,
    causes: [...causesByPath.values()].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule)).slice(0, 5),
    codemods: [...codemods.values()].map((c) => ({ name: c.name, bytes: c.stated || c.bytes, packages: [...c.packages].sort() })).sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name)),
    migrations: migrationStates(codemodReports),
  };
}

export interface MergeOptions {
  /** The HTML report of a scan JSON, when one exists beside it. */
  htmlFor?: (jsonFile: string) => string | undefined;
  warnings?: FleetReport['warnings'];
}

export function mergeReports(reports: Report[], options: MergeOptions = {}): FleetReport {
  const warnings = [...(options.warnings ?? [])];
  const roots = [...new Set(reports.map((r) => r.root))];
  const names = repoNames(roots);
  const scans = new Map(roots.map((root) => [root, combineScans(root, reports.filter((r): r is ScanReport => r.kind === 'scan' && r.root === root), warnings)]));
  const repositories = roots.map((root) => {
    const codemodReports = reports.filter((r): r is CodemodReport => r.kind === 'codemod' && r.root === root);
    return summarizeRepo(names.get(root) ?? basename(root), root, scans.get(root), codemodReports, options.htmlFor ?? (() => undefined));
  }).sort((a, b) => b.reclaimable.total - a.reclaimable.total || b.bytes - a.bytes || a.name.localeCompare(b.name));

  const totals = { repositories: repositories.length, bytes: 0, files: 0, reclaimable: emptyReclaimable(), severities: emptySeverities() };
  for (const repo of repositories) {
    totals.bytes += repo.bytes;
    totals.files += repo.files;
    for (const key of [...CATEGORIES, 'total'] as const) totals.reclaimable[key] += repo.reclaimable[key];
    for (const key of Object.keys(totals.severities) as Severity[]) totals.severities[key] += repo.severities[key];
  }

  const rules = new Map<string, { rule: string; findings: number; repositories: Set<string>; bytes: number }>();
  const packages = new Map<string, { package: string; heavy: number; unused: number; repositories: Set<string> }>();
  const nameOf = new Map(repositories.map((r) => [r.root, r.name]));
  for (const [root, scan] of scans) {
    for (const f of scan?.findings ?? []) {
      const entry = rules.get(f.rule) ?? { rule: f.rule, findings: 0, repositories: new Set<string>(), bytes: 0 };
      entry.findings += 1;
      entry.repositories.add(root);
      if (isCauseRule(f.rule)) entry.bytes += findingBytes(f);
      rules.set(f.rule, entry);
      const meta = ruleMeta(f.rule);
      if (f.package && meta?.category === 'deps') {
        const pkg = packages.get(String(f.package)) ?? { package: String(f.package), heavy: 0, unused: 0, repositories: new Set<string>() };
        if (meta.packageVerdict?.heavy) pkg.heavy += 1;
        if (meta.packageVerdict?.unused) pkg.unused += 1;
        pkg.repositories.add(nameOf.get(root) ?? root);
        packages.set(pkg.package, pkg);
      }
    }
  }

  const versions = [...new Set(reports.map((r) => r.toolVersion).filter((v): v is string => Boolean(v)))].sort();
  if (versions.length > 1) warnings.push({ path: '.', message: `reports come from different repolish versions (${versions.join(', ')}): figures may not be comparable` });

  return {
    schemaVersion: FLEET_SCHEMA,
    kind: 'fleet',
    toolVersions: versions,
    repositories,
    totals,
    rules: [...rules.values()].map((r) => ({ rule: r.rule, findings: r.findings, repositories: r.repositories.size, bytes: r.bytes })).sort((a, b) => b.bytes - a.bytes || b.findings - a.findings || a.rule.localeCompare(b.rule)),
    packages: [...packages.values()].map((p) => ({ package: p.package, heavy: p.heavy, unused: p.unused, repositories: [...p.repositories].sort() }))
      .sort((a, b) => b.repositories.length - a.repositories.length || a.package.localeCompare(b.package)),
    startWith: repositories.filter((r) => r.reclaimable.total > 0).slice(0, 5).map((r) => r.name),
    warnings,
  };
}
