/** The data the HTML report embeds (one JSON block) and its script reads. Types only. */
import type { Savings } from '../summary.js';
import type { PackedNode } from './treemap-data.js';

export interface ReportFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  path: string;
  line?: number;
  bytes?: number;
  files?: number;
  tracked?: boolean;
  ignored?: boolean;
  message: string;
  fix?: string;
  package?: string;
  freedBytes?: number;
  /** Dependency findings: who needs the package, when the rule says. */
  neededBy?: string[];
  /** The fingerprint of the group's root finding: findings that restate another share it. */
  rootCause?: string;
  /** True when this finding restates its group's root (listed under the root's row). */
  restates?: boolean;
  /** What acting on the finding frees (the size column): `freedBytes` where measured, else `bytes`. */
  actionBytes?: number;
}

export interface ReportData {
  name: string;
  root: string;
  generated: string;
  totals: { bytes: number; files: number; allocated: number };
  bloatBytes: number;
  tree: PackedNode;
  /** Bloat rule ids, indexed by a node's rule index. */
  rules: string[];
  /** Bloat rule id -> clean category (cache, env, logs, data). */
  ruleCategory: Record<string, string>;
  /** The treemap colour of each bloat rule in `rules` (the kind's own `color`). */
  ruleColor: Record<string, string>;
  findings: ReportFinding[];
  /** Root causes: findings grouped so that the ones restating another count once. */
  rootCauses?: number;
  /** Findings left out of the embedded list (the largest and most severe are kept). */
  findingsOmitted: number;
  savings: Savings;
  patch: string;
  fixFiles: string[];
  warnings: number;
}
