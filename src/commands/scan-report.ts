/**
 * The scan command's full run: every rule over the walked facts, and the report rendered. The
 * command loads this module only when the report memo cannot answer: it loads most of the tool.
 */
import type { RepolishConfig } from '../config.js';
import type { ScanOutcome } from '../cache/report-memo.js';
import type { RepoFacts } from '../model/facts.js';
import { newFindings, readBaseline } from '../report/baseline.js';
import type { ReportFormat } from '../report/formats.js';
import { loadRenderer } from '../report/index.js';
import { renderStatistics, ruleStatistics } from '../report/statistics.js';
import type { Style } from '../report/style.js';
import { RULES } from '../rules/index.js';
import { scanAsync, type ScanOptions } from '../scan.js';
import { scanOptionsFrom } from './config-options.js';

export interface ReportRequest {
  format: ReportFormat;
  statistics: boolean;
  verbose: boolean;
  style: Style;
  /** `--baseline FILE`: only findings not in that report count. */
  baseline?: string;
}

/** The scan's outcome, and the findings that count for `--fail-on` (the new ones, with a baseline). */
export async function scanAndRender(path: string, facts: RepoFacts, config: RepolishConfig, options: Omit<ScanOptions, 'rules'>, request: ReportRequest): Promise<{ outcome: ScanOutcome; counted: ScanOutcome['findings'] }> {
  // Loaded while the scan waits for its workers.
  const renderer = request.statistics ? undefined : loadRenderer(request.format);
  renderer?.catch(() => undefined); // told where it is awaited, not as an unhandled rejection if the scan fails first
  const result = await scanAsync(path, { ...scanOptionsFrom(config, RULES), ...options }, facts);
  const report = renderer
    ? (await renderer)(result, { style: request.style, verbose: request.verbose })
    : request.format === 'json' ? `${JSON.stringify(ruleStatistics(result), null, 2)}\n` : renderStatistics(result);
  const outcome: ScanOutcome = { report, warnings: result.warnings, suppressed: result.suppressed, findings: result.findings.map(({ severity, rule, bytes }) => ({ severity, rule, bytes })) };
  // With a baseline, only what is new since that report can fail the run (a bad file fails before any output).
  return { outcome, counted: request.baseline ? newFindings(result, readBaseline(request.baseline, result)) : outcome.findings };
}
