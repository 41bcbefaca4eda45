/**
 * `scan --statistics`: how many findings each rule produced, most first (as ruff's
 * `--statistics`), instead of the report. `[*]` marks a rule whose findings `fix --write`
 * fixes, `[-]` one that only `fix --unsafe --write` fixes.
 */
import type { ScanResult } from '../scan.js';
import { actionBytes } from './groups.js';

export interface RuleStatistics {
  rule: string;
  count: number;
  severity: string;
  /** `safe`, `unsafe`, or absent when the rule has no automatic fix. */
  fix?: 'safe' | 'unsafe';
  /** What acting on the rule's findings frees, summed (bytes); absent when none are sized. */
  bytes?: number;
  title?: string;
}

export function ruleStatistics(result: ScanResult): RuleStatistics[] {
  const metas = new Map(result.rules.map((r) => [r.meta.id, r]));
  const stats = new Map<string, RuleStatistics>();
  for (const f of result.findings) {
    const rule = metas.get(f.rule);
    const entry = stats.get(f.rule) ?? { rule: f.rule, count: 0, severity: f.severity, ...(rule?.fix ? { fix: rule.meta.fixSafety ?? 'unsafe' } : {}), ...(rule?.meta.title ? { title: rule.meta.title } : {}) };
    entry.count++;
    const freed = actionBytes(f);
    if (freed !== undefined) entry.bytes = (entry.bytes ?? 0) + freed;
    stats.set(f.rule, entry);
  }
  return [...stats.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}

export function renderStatistics(result: ScanResult): string {
  const rows = ruleStatistics(result);
  const countWidth = Math.max(1, ...rows.map((r) => String(r.count).length));
  const ruleWidth = Math.max(0, ...rows.map((r) => r.rule.length));
  return rows.map((r) => {
    const mark = r.fix === 'safe' ? '[*]' : r.fix === 'unsafe' ? '[-]' : '   ';
    return `${String(r.count).padStart(countWidth)}  ${r.rule.padEnd(ruleWidth)}  ${mark} ${r.title ?? ''}`.trimEnd();
  }).join('\n') + (rows.length ? '\n' : '');
}
