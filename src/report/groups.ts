/**
 * Findings that restate another, grouped under their root cause. A `git/tracked-bloat` or
 * `ignore/missing-*` finding about a bloat path says again what that path's `bloat/*` finding
 * says; the dependency rules and `docker/heavy-unused-in-image` can each report the same package.
 * Every report lists a group once; the JSON keeps every finding and links it to its group with
 * `rootCause`, the fingerprint of the group's root finding.
 */
import { SEVERITY_RANK, type Finding, type Severity } from '../findings.js';
import type { ScanResult } from '../scan.js';
import { findingFingerprint } from './sarif.js';

export interface FindingGroup {
  /** The fingerprint of the root finding (what JSON findings carry as `rootCause`). */
  id: string;
  /** The finding that names the cause; the others restate it. */
  root: Finding;
  /** The findings that restate the root (other rules about the same path or package). */
  restated: Finding[];
  /** The most severe of the group's findings. */
  severity: Severity;
}

/** Which cause a finding is about: a bloat path, a package, or (by default) the finding alone. */
function causeKey(f: Finding, index: number): string {
  if (f.rule.startsWith('bloat/')) return `bloat:${f.path}`;
  if (typeof f.kind === 'string' && f.kind.startsWith('bloat/')) return `bloat:${f.path}`;
  if (typeof f.package === 'string' && f.package !== '') return `package:${f.package}`;
  return `finding:${index}`;
}

/** How well a finding names its cause: the bloat finding first, then the dependency rules. */
function rootRank(f: Finding): number {
  if (f.rule.startsWith('bloat/')) return 0;
  if (f.rule.startsWith('deps/')) return 1;
  return 2;
}

const cache = new WeakMap<ScanResult, { groups: FindingGroup[]; byFinding: Map<Finding, FindingGroup> }>();

function build(result: ScanResult): { groups: FindingGroup[]; byFinding: Map<Finding, FindingGroup> } {
  const cached = cache.get(result);
  if (cached) return cached;
  const members = new Map<string, Finding[]>();
  result.findings.forEach((f, i) => {
    const key = causeKey(f, i);
    members.set(key, [...(members.get(key) ?? []), f]);
  });
  const groups: FindingGroup[] = [];
  const byFinding = new Map<Finding, FindingGroup>();
  for (const list of members.values()) {
    const root = list.reduce((best, f) => (rootRank(f) < rootRank(best) ? f : best));
    const group: FindingGroup = {
      id: findingFingerprint(result, root),
      root,
      restated: list.filter((f) => f !== root),
      severity: list.reduce<Severity>((s, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s] ? f.severity : s), root.severity),
    };
    groups.push(group);
    for (const f of list) byFinding.set(f, group);
  }
  const built = { groups, byFinding };
  cache.set(result, built);
  return built;
}

/** The root causes of a scan's findings, in the order their first finding appears. */
export function findingGroups(result: ScanResult): FindingGroup[] {
  return build(result).groups;
}

/** The group a finding belongs to. */
export function groupOf(result: ScanResult, finding: Finding): FindingGroup | undefined {
  return build(result).byFinding.get(finding);
}

/** True for a finding that only restates its group's root (reports list it under the root). */
export function restatesAnother(result: ScanResult, finding: Finding): boolean {
  const group = groupOf(result, finding);
  return group !== undefined && group.root !== finding;
}

/** The root findings (restating ones left to their root), by rule category in report order. */
export function rootFindingsByCategory(result: ScanResult): Map<string, Finding[]> {
  const byCategory = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (restatesAnother(result, f)) continue;
    const category = f.rule.split('/')[0];
    byCategory.set(category, [...(byCategory.get(category) ?? []), f]);
  }
  return byCategory;
}

/** "also git/tracked-bloat (error), ignore/missing-gitignore": what the other rules of a group add. */
export function restatedNote(group: FindingGroup): string {
  const rules = [...new Map(group.restated.map((f) => [f.rule, f])).values()];
  return rules.map((f) => (f.severity !== group.root.severity ? `${f.rule} (${f.severity})` : f.rule)).join(', ');
}

/**
 * What acting on a finding frees, for size columns and sorting: `freedBytes` where the rule
 * measured it (raised to the best saving its advice states: CPU-only torch frees the CUDA
 * libraries even when torch stays), else the finding's own size.
 */
export function actionBytes(f: Finding): number | undefined {
  const advice = Array.isArray(f.advice) ? (f.advice as { savingBytes?: unknown }[]).map((a) => (typeof a.savingBytes === 'number' ? a.savingBytes : 0)) : [];
  if (typeof f.freedBytes === 'number') return Math.max(f.freedBytes, ...advice);
  return typeof f.bytes === 'number' ? f.bytes : undefined;
}
