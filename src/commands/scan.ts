import { resolve } from 'node:path';
import type { Command } from 'commander';
import { configHintFlags } from '../model/hint.js';
import { formatBytes } from '../bloat/detector.js';
import { parseSize } from '../config.js';
import { UsageError } from '../errors.js';
import { atOrAbove, type Severity } from '../findings.js';
import { createProgress } from '../report/progress.js';
import { REPORT_FORMATS } from '../report/formats.js';
import { COLOR_MODES, styleFor, usesColor } from '../report/style.js';
import { cacheDebugEnabled, refuseCacheDirInside } from '../cache/cache-file.js';
import { codeIdentity, ReportMemo, scanDigest, type ScanOutcome } from '../cache/report-memo.js';
import { collectScanFacts, resolveRoot } from '../model/facts.js';
import { ReadLog } from '../model/read-log.js';
import { RULES_READING_HISTORY } from '../rules/catalog.js';
import { JOBS_FLAGS, JOBS_HELP, parseJobs } from './jobs.js';
import { parseShard } from '../model/shard.js';
import { addConfigOptions, configFor } from './config-options.js';
import { info, oneOf, printWarnings, writeArtifact, writeStdout } from './common.js';
import { requestExitCode } from './exit-code.js';

// Only what a scan answered by the report memo needs is imported here: the rules, the analyses and
// the renderers come with scan-report.js, loaded when the scan has to run (most of the start-up).

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
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'text')
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
    .option('--no-report-memo', 'run every rule even when nothing the last report depended on has changed (the per-file caches are still used)')
    .option(JOBS_FLAGS, JOBS_HELP);
  addConfigOptions(command)
    .action(async (path: string, opts: { format: string; color: string; output?: string; failOn?: string; failOnBytes?: string; baseline?: string; config?: string | false; verbose?: boolean; quiet?: boolean; shard?: string; statistics?: boolean; cache: boolean; reportMemo: boolean; cacheDir?: string; jobs?: string }) => {
      const format = oneOf('--format', opts.format, REPORT_FORMATS);
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
      const styleTarget = opts.output ? {} : process.stdout;
      let outcome: ScanOutcome | undefined;
      let counted: ScanOutcome['findings'];
      try {
        // The printed commands repeat --config/--no-config so that they see what this scan saw.
        const hintFlags = configHintFlags(typeof opts.config === 'string' ? resolve(opts.config) : opts.config);
        const cache = { dir: opts.cacheDir, disabled: !opts.cache, warn: (m: string) => { if (!opts.quiet) info(`repolish: warning: ${m}`); }, debug: (m: string) => info(`repolish: ${m}`) };
        const options = { progress, hintFlags, shard: opts.shard === undefined ? undefined : parseShard(opts.shard), cache, jobs };
        const facts = await collectScanFacts(path, progress, RULES_READING_HISTORY.some((id) => config.rules[id] !== 'off'));
        // A baseline is compared finding by finding, and an HTML page is dated: both need the scan itself.
        const inputs = { code: codeIdentity(), config, hintFlags, shard: opts.shard ?? null, format, statistics: Boolean(opts.statistics), verbose: Boolean(opts.verbose), color: usesColor(styleTarget, color) };
        const memo = !opts.cache || !opts.reportMemo || opts.baseline || format === 'html' ? undefined : ReportMemo.open(facts.root, cache, inputs);
        const walkWarnings = facts.warnings.length;
        let digest: string | undefined;
        const digestOfWalk = () => (digest ??= scanDigest(facts, inputs, facts.warnings.slice(0, walkWarnings)));
        outcome = memo && await memo.lookup(facts, digestOfWalk);
        if (memo && cacheDebugEnabled()) cache.debug(`report memo: ${memo.outcome} (${memo.filesReadAgain} files read again, ${memo.analysedAgain} analysed again)`);
        if (outcome) counted = outcome.findings;
        else {
          if (memo) facts.reads = new ReadLog();
          const { scanAndRender } = await import('./scan-report.js');
          // Without a memo file to compare with, the digest is made while the import workers run.
          const meanwhile = memo && (() => void digestOfWalk());
          ({ outcome, counted } = await scanAndRender(path, facts, config, { ...options, meanwhile }, { format, statistics: Boolean(opts.statistics), verbose: Boolean(opts.verbose), style: styleFor(styleTarget, color), baseline: opts.baseline }));
          if (memo) memo.store(digestOfWalk(), facts.reads!, outcome);
        }
      } finally {
        progress.done();
      }
      const { report, warnings, suppressed, findings } = outcome;
      if (opts.output) writeArtifact(opts.output, report);
      else writeStdout(report);
      if (!opts.quiet) {
        printWarnings(warnings, opts.verbose);
        if (opts.verbose && config.file) info(`repolish: configuration from ${config.file}`);
        if (opts.output) info(`repolish: ${findings.length} findings written to ${opts.output}`);
      }
      if (!opts.quiet && suppressed > 0) info(`repolish: ${suppressed} finding${suppressed === 1 ? '' : 's'} left out by ignore entries and inline comments`);
      if (opts.baseline && !opts.quiet) info(`repolish: ${counted.length} of ${findings.length} findings are new since ${opts.baseline}`);
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
