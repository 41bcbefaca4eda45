/** Findings: what rules produce and every renderer consumes (scan --format json, schema 1). */

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface Finding {
  rule: string;
  severity: Severity;
  /** Relative to the scanned root, `/`-separated; a folder has no trailing slash. */
  path: string;
  message: string;
  fix?: string;
  /** 1-based line, for findings about a line of a file. */
  line?: number;
  /** Apparent bytes of the regular files below `path` (or a package's installed size). */
  bytes?: number;
  files?: number;
  /** Git tracks at least one file below `path`. */
  tracked?: boolean;
  /** The repository's ignore rules already cover `path`. */
  ignored?: boolean;
  /** Dependency findings: the distribution name, normalized as pip does. */
  package?: string;
  /** What removing the package would free (0 when a kept dependency still needs it). */
  freedBytes?: number;
  /** Rule-specific fields may be added; the ones above are the schema-1 contract. */
  [extra: string]: unknown;
}

export interface Warning {
  path: string;
  message: string;
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}
