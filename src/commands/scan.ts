import { resolve } from 'node:path';
import type { Command } from 'commander';
import { configHintFlags } from '../model/hint.js';
import { newFindings, readBaseline } from '../report/baseline.js';
import { formatBytes } from '../bloat/detector.js';
import { parseSize } from '../config.js';
import { UsageError } from '../errors.js';
import { atOrAbove, type Severity } from '../findings.js';
import { createProgress } from '../report/progress.js';
import { RENDERERS } from '../report/index.js';
import { renderStatistics, ruleStatistics } from '../report/statistics.js';
import { COLOR_MODES, styleFor } from '../report/style.js';
import { scanAsync } from '../scan.js';
import { refuseCacheDirInside } from '../cache/analysis-cache.js';
import { resolveRoot } from '../model/facts.js';
import { JOBS_FLAGS, JOBS_HELP, parseJobs } from './jobs.js';
import { parseShard } from '../model/shard.js';
import { addConfigOptions, configFor, scanOptionsFrom } from './config-options.js';
import { info, oneOf, printWarnings, writeArtifact, writeStdout } from './common.js';
import { requestExitCode } from './exit-code.js';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** REPOLISH_PROGRESS_DELAY_MS (tests): how long a run goes before the progress line appears. */
function progressDelayMs(): number | undefined {
  const value = Number(process.env.REPOLISH_PROGRESS_DELAY_MS);
  return process.env.REPOLISH_PROGRESS_DELAY_MS && Number.isFinite(value) ? value : undefined;
}

export function registerScan(program: Command): void {
  const command = program
    .command('scan')
    .description('find bloat, ignore-file gaps, heavy or unused dependencies and container-build problems')
    .argument('[path]', 'repository or folder to scan', '.')
    .option('-f, --format <format>', `report format: ${Object.keys(RENDERERS).join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists: error, warning, info')
    .option('--fail-on-bytes <size>', 'exit 1 when the bloat found adds up to at least SIZE (bytes, or e.g. "500 MB")')
    .option('--baseline <file>', 'an earlier `scan --format json` report: only findings not in it count for --fail-on and --fail-on-bytes')
    .option('--statistics', 'print how many findings each rule produced (text, or a JSON list with -f json) instead of the report')
    .option('--color <when>', 'colour the text report: auto (a terminal without NO_COLOR), always, never', 'auto')
    .option('-v, --verbose', 'list every finding, fix and warning')
    .option('-q, --quiet', 'no summary, progress or warnings on stderr')
    .option('--shard <i/n>', 'report only a deterministic share i of n of the top-level entries (merge the shards with `repolish merge`)')
    .option('--cache-dir <dir>', 'where the per-file import analysis is cached between scans (default: $XDG_CACHE_HOME/repolish, else ~/.cache/repolish; never inside the scanned folder)')
    .option('--no-cache', 'analyse every Python file again, without reading or writing the cache')
    .option(JOBS_FLAGS, JOBS_HELP);
  addConfigOptions(command)
    .action(async (path: string, opts: { format: string; color: string; output?: string; failOn?: string; failOnBytes?: string; baseline?: string; config?: string | false; verbose?: boolean; quiet?: boolean; shard?: string; statistics?: boolean; cache: boolean; cacheDir?: string; jobs?: string }) => {
      const format = oneOf('--format', opts.format, Object.keys(RENDERERS));
      const color = oneOf('--color', opts.color, COLOR_MODES);
      const failOn = opts.failOn === undefined ? undefined : oneOf('--fail-on', opts.failOn, SEVERITIES);
      const failOnBytes = opts.failOnBytes === undefined ? undefined : parseSize(opts.failOnBytes);
      if (opts.failOnBytes !== undefined && failOnBytes === undefined) throw new UsageError(`--fail-on-bytes must be a size such as 500000000 or "500 MB" (got "${opts.failOnBytes}")`);
      if (opts.statistics && format !== 'text' && format !== 'json') throw new UsageError(`--statistics prints text or, with -f json, JSON (got -f ${format})`);
      // An HTML page on a terminal is a screenful of markup: say where it should go instead.
      if (format === 'html' && !opts.output && process.stdout.isTTY) throw new UsageError(`--format html writes a web page: give it a file with -o, e.g. \`-o report.html\`, or pipe it`);
      const jobs = parseJobs(opts.jobs);
      const config = configFor(path, opts);
      if (opts.cache && opts.cacheDir !== undefined) refuseCacheDirInside(resolveRoot(path), opts.cacheDir);
      const progress = createProgress(process.stderr, { enabled: Boolean(process.stderr.isTTY) && !opts.quiet, delayMs: progressDelayMs() });
      let result;
      try {
        // The printed commands repeat --config/--no-config so that they see what this scan saw.
        const hintFlags = configHintFlags(typeof opts.config === 'string' ? resolve(opts.config) : opts.config);
        const cache = { dir: opts.cacheDir, disabled: !opts.cache, warn: (m: string) => { if (!opts.quiet) info(`repolish: warning: ${m}`); }, debug: (m: string) => info(`repolish: ${m}`) };
        result = await scanAsync(path, { ...scanOptionsFrom(config), progress, hintFlags, shard: opts.shard === undefined ? undefined : parseShard(opts.shard), cache, jobs });
      } finally {
        progress.done();
      }
      // With a baseline, only what is new since that report can fail the run (a bad file fails before any output).
      const counted = opts.baseline ? newFindings(result, readBaseline(opts.baseline, result)) : result.findings;
      const report = opts.statistics
        ? (format === 'json' ? `${JSON.stringify(ruleStatistics(result), null, 2)}\n` : renderStatistics(result))
        : RENDERERS[format](result, {
          style: styleFor(opts.output ? {} : process.stdout, color),
          verbose: Boolean(opts.verbose),
        });
      if (opts.output) writeArtifact(opts.output, report);
      else writeStdout(report);
      if (!opts.quiet) {
        printWarnings(result.warnings, opts.verbose);
        if (opts.verbose && config.file) info(`repolish: configuration from ${config.file}`);
        if (opts.output) info(`repolish: ${result.findings.length} findings written to ${opts.output}`);
      }
      if (!opts.quiet && result.suppressed > 0) info(`repolish: ${result.suppressed} finding${result.suppressed === 1 ? '' : 's'} left out by ignore entries and inline comments`);
      if (opts.baseline && !opts.quiet) info(`repolish: ${counted.length} of ${result.findings.length} findings are new since ${opts.baseline}`);
      if (failOn && counted.some((f) => atOrAbove(f.severity, failOn))) {
        if (!opts.quiet) info(`repolish: ${opts.baseline ? 'new ' : ''}findings at or above "${failOn}": failing (--fail-on ${failOn})`);
        requestExitCode(1);
      }
      if (failOnBytes !== undefined) {
        const bloat = counted.filter((f) => f.rule.startsWith('bloat/')).reduce((s, f) => s + (f.bytes ?? 0), 0);
        if (bloat >= failOnBytes) {
          if (!opts.quiet) info(`repolish: ${formatBytes(bloat)} of ${opts.baseline ? 'new ' : ''}bloat, at least ${formatBytes(failOnBytes)}: failing (--fail-on-bytes ${opts.failOnBytes})`);
          requestExitCode(1);
        }
      }
    });
}
