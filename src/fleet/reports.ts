/**
 * Reading the per-repository JSON reports that `repolish merge` combines: scan reports and codemod
 * reports (both schema 1), from files or folders. A file that is not one of them, or of another
 * schema version, is named in a warning and left out; the rest merges.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../findings.js';

export const SUPPORTED_SCHEMA = 1;

export interface ScanReport {
  kind: 'scan';
  file: string;
  root: string;
  toolVersion?: string;
  totals: { bytes: number; files: number; allocatedBytes?: number };
  findings: Finding[];
  /** `scan --shard i/n`: this report holds one share of the root's top-level entries. */
  shard?: { index: number; count: number };
}

export interface CodemodReport {
  kind: 'codemod';
  file: string;
  root: string;
  toolVersion?: string;
  codemods: string[];
  files: { path: string; status: string }[];
  review: { codemod: string; path: string; line: number; message: string }[];
  patch: string;
}

export type Report = ScanReport | CodemodReport;

export interface LoadResult {
  reports: Report[];
  warnings: { path: string; message: string }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON files named, folders read one level deep (`*.json`), in a stable order. */
function listInputs(inputs: string[], warnings: LoadResult['warnings']): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      warnings.push({ path: input, message: 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) {
      files.push(...readdirSync(input).filter((n) => n.endsWith('.json')).sort().map((n) => join(input, n)));
    } else {
      files.push(input);
    }
  }
  return files;
}

function toolVersion(doc: Record<string, unknown>): string | undefined {
  return isObject(doc.tool) && typeof doc.tool.version === 'string' ? doc.tool.version : undefined;
}

/** One parsed document as a report, or the reason it is not one. */
export function classify(file: string, doc: unknown): Report | string {
  if (!isObject(doc)) return 'not a repolish JSON report (not an object)';
  if (doc.schemaVersion !== SUPPORTED_SCHEMA) {
    return `schema version ${JSON.stringify(doc.schemaVersion)} is not supported (this repolish reads ${SUPPORTED_SCHEMA}); re-run the scan with this version`;
  }
  if (typeof doc.root !== 'string') return 'no "root"';
  if (Array.isArray(doc.findings) && isObject(doc.totals)) {
    const totals = doc.totals;
    if (typeof totals.bytes !== 'number' || typeof totals.files !== 'number') return '"totals" lacks bytes or files';
    if (!doc.findings.every((f) => isObject(f) && typeof f.rule === 'string' && typeof f.path === 'string')) return 'a finding lacks "rule" or "path"';
    const shard = isObject(doc.shard) && Number.isInteger(doc.shard.index) && Number.isInteger(doc.shard.count)
      ? { index: doc.shard.index as number, count: doc.shard.count as number } : undefined;
    return {
      kind: 'scan', file, root: doc.root, toolVersion: toolVersion(doc), shard,
      totals: { bytes: totals.bytes, files: totals.files, allocatedBytes: typeof totals.allocatedBytes === 'number' ? totals.allocatedBytes : undefined },
      findings: doc.findings as Finding[],
    };
  }
  if (Array.isArray(doc.codemods) && Array.isArray(doc.files) && Array.isArray(doc.review)) {
    return {
      kind: 'codemod', file, root: doc.root, toolVersion: toolVersion(doc),
      codemods: doc.codemods.filter((c): c is string => typeof c === 'string'),
      files: doc.files.filter(isObject).map((f) => ({ path: String(f.path), status: String(f.status) })),
      review: doc.review.filter(isObject).map((r) => ({ codemod: String(r.codemod), path: String(r.path), line: Number(r.line), message: String(r.message) })),
      patch: typeof doc.patch === 'string' ? doc.patch : '',
    };
  }
  return 'neither a scan report (findings, totals) nor a codemod report (codemods, files, review)';
}

export function loadReports(inputs: string[]): LoadResult {
  const warnings: LoadResult['warnings'] = [];
  const reports: Report[] = [];
  for (const file of listInputs(inputs, warnings)) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      warnings.push({ path: file, message: err instanceof SyntaxError ? 'not valid JSON; left out' : `cannot read: ${(err as Error).message}` });
      continue;
    }
    const report = classify(file, doc);
    if (typeof report === 'string') warnings.push({ path: file, message: `${report}; left out` });
    else reports.push(report);
  }
  return { reports, warnings };
}
