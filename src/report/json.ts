/** `scan --format json`, schema 1 (DESIGN.md): stable keys, no undefined values. */
import type { ScanResult } from '../scan.js';
import { TOOL } from '../version.js';
import { findingFingerprint } from './sarif.js';
import { groupOf } from './groups.js';

export const SCHEMA_VERSION = 1;

export function toJsonReport(result: ScanResult): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    root: result.root,
    ...(result.shard ? { shard: result.shard } : {}),
    totals: { bytes: result.totals.bytes, files: result.totals.files, allocatedBytes: result.totals.allocated },
    // `fingerprint` is SARIF's stable identity of the finding: what --baseline matches on.
    // `rootCause` is the fingerprint of the finding this one restates (its own when it is the root).
    findings: result.findings.map((f) => ({ ...f, fingerprint: findingFingerprint(result, f), rootCause: groupOf(result, f)?.id ?? findingFingerprint(result, f) })),
    warnings: result.warnings,
  };
}

export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
