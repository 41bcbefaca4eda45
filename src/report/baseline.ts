/**
 * `scan --baseline FILE`: an earlier JSON report (or SARIF log). Findings whose fingerprint is in
 * it are known; only the others count for --fail-on and --fail-on-bytes.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { ScanResult } from '../scan.js';
import { findingFingerprint } from './sarif.js';

function fail(file: string, problem: string): never {
  throw new UsageError(`${file}: ${problem} (--baseline takes a report from \`scan --format json\` or \`--format sarif\`)`);
}

/** The fingerprints of the findings in `file`. */
export function readBaseline(file: string, result: ScanResult): Set<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(file, (err as NodeJS.ErrnoException).code ? `cannot read: ${(err as Error).message}` : `invalid JSON: ${(err as Error).message}`);
  }
  const doc = raw as { findings?: unknown; runs?: unknown };
  const known = new Set<string>();
  if (Array.isArray(doc.findings)) {
    for (const f of doc.findings as (Finding & { fingerprint?: unknown })[]) {
      if (typeof f?.rule !== 'string' || typeof f.path !== 'string') fail(file, 'a finding without rule and path');
      // Reports from before fingerprints were written: the same identity, computed here.
      known.add(typeof f.fingerprint === 'string' ? f.fingerprint : findingFingerprint(result, f));
    }
    return known;
  }
  if (Array.isArray(doc.runs)) {
    for (const run of doc.runs as { results?: { partialFingerprints?: Record<string, string> }[] }[]) {
      for (const r of run.results ?? []) {
        const hash = r.partialFingerprints?.primaryLocationLineHash;
        if (typeof hash === 'string') known.add(hash);
      }
    }
    return known;
  }
  return fail(file, 'not a repolish report: no "findings" list and no SARIF "runs"');
}

/** Findings that are not in the baseline. */
export function newFindings(result: ScanResult, known: Set<string>): Finding[] {
  return result.findings.filter((f) => !known.has(findingFingerprint(result, f)));
}
