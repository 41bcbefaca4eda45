/** Words for dependency findings: sizes that say whether they are measured, and where a use is. */
import { formatBytes } from '../model/bytes.js';
import type { DeclaredDependency } from '../manifests/types.js';
import type { PackageVerdict, UseEvidence } from './analysis.js';
import type { PackageSize } from './graph.js';

export function sizeText(size: PackageSize | undefined): string {
  if (!size) return 'size unknown';
  return size.estimated ? `≈${formatBytes(size.bytes)} (typical size, estimated)` : formatBytes(size.bytes);
}

/** Appended once to a message whose sizes are typical figures rather than measurements. */
export function estimateNote(estimated: boolean): string {
  return estimated ? ' (≈: typical installed sizes, not measured here)' : '';
}

export function shortSize(size: PackageSize | undefined): string {
  if (!size) return '?';
  return `${size.estimated ? '≈' : ''}${formatBytes(size.bytes)}`;
}

export function place(path: string, line?: number): string {
  return line ? `${path}:${line}` : path;
}

export function evidenceText(evidence: UseEvidence[], limit = 2): string {
  const shown = evidence.slice(0, limit).map((e) => `${e.detail} at ${place(e.path, e.line)}`);
  return shown.join('; ') + (evidence.length > limit ? `; +${evidence.length - limit} more` : '');
}

export function declarationText(d: DeclaredDependency): string {
  return place(d.manifest, d.line);
}

export function listWithSizes(names: string[], size: (n: string) => PackageSize | undefined, limit = 4): string {
  const shown = names.slice(0, limit).map((n) => `${n} ${shortSize(size(n))}`);
  return shown.join(', ') + (names.length > limit ? `, +${names.length - limit} more` : '');
}

/** Whether the verdict's size figures rest on estimates. */
export function isEstimated(v: PackageVerdict): boolean {
  return Boolean(v.size?.estimated || v.freed.estimated || v.withDependencies.estimated);
}
