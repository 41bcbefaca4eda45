/** One scan: walk once, classify bloat once, run every rule, and compute the fix patch. */
import { buildScanContext, contextOf, type ScanProgress } from './bloat/scan-context.js';
import type { ConfiguredPaths } from './bloat/configured-paths.js';
import { closeImportCache, openImportCache, type ImportCacheOptions } from './cache/import-cache.js';
import { prepareDependencyAnalysis } from './deps/analysis.js';
import { startWorkersAhead } from './deps/imports.js';
import type { BloatIndex } from './model/bloat.js';
import type { Finding, Warning } from './findings.js';
import { collectScanFacts, type RepoFacts } from './model/facts.js';
import type { Analysis, ScanContext } from './model/context.js';
import type { FileChange } from './patch/change.js';
import { applyEdits, detectEol, OverlappingEditsError } from './text/index.js';
import { RULES } from './rules/index.js';
import { NotYet, readingAhead } from './model/reads-ahead.js';
import { debugEnabled } from './model/debug.js';
import { shareOf, shareTotals, type Shard } from './model/shard.js';
import type { IgnoreEntry } from './config.js';
import { Suppressor } from './suppressions.js';
import type { FileEdits, FixSafety, Rule, RuleContext, ScanSettings } from './rules/types.js';

export type { ScanProgress } from './bloat/scan-context.js';

export interface ScanResult {
  root: string;
  totals: { bytes: number; files: number; allocated: number };
  findings: Finding[];
  warnings: Warning[];
  facts: RepoFacts;
  bloat: BloatIndex;
  context: RuleContext;
  /** What `fix` would change: the safe fixes only. */
  changes: FileChange[];
  /** What `fix --unsafe` would change: safe and unsafe fixes together. */
  changesWithUnsafe: FileChange[];
  /** Every fix the rules proposed, by rule, with its safety (for the fix command's summary). */
  fixes: ProposedFix[];
  rules: Rule[];
  /** `scan --shard i/n`: findings, warnings and totals are this share's only. */
  shard?: Shard;
  /** Findings left out by `ignore` entries and inline `repolish: ignore[...]` comments. */
  suppressed: number;
}

export interface ProposedFix {
  rule: string;
  safety: FixSafety;
  /** The findings the fix acts on (path and line say where). */
  findings: Finding[];
  /** Files its edits touch. */
  files: string[];
}

export interface ScanOptions {
  settings?: Partial<ScanSettings>;
  rules?: Rule[];
  /** Configured paths: `data` are user data, `source` are never bloat. */
  paths?: ConfiguredPaths;
  /** Told the current phase and the walk's running totals (a terminal progress line). */
  progress?: ScanProgress;
  shard?: Shard;
  /** Flags the printed commands must repeat (`--config FILE`, `--no-config`). */
  hintFlags?: string[];
  /** The configuration's `ignore` entries, and the file they came from (for the unused-entry warning). */
  ignore?: IgnoreEntry[];
  ignoreSource?: string;
  /** The persistent per-file import-analysis cache (scanAsync only); none when undefined. */
  cache?: ImportCacheOptions;
  /** Worker threads for the import analysis (`-j`); 1 (the default here) analyses on the main thread. */
  jobs?: number;
  /** What the caller does while the import workers run, after the rules run ahead (scanAsync only; not called without workers). */
  meanwhile?: () => void;
}

interface PreparedScan {
  facts: RepoFacts;
  bloat: BloatIndex;
  context: RuleContext;
  rules: Rule[];
  shard?: Shard;
  suppressor: Suppressor;
}

function prepare(path: string, options: ScanOptions): PreparedScan {
  return withRules(buildScanContext(path, options, options.progress), options);
}

function chosenRules(options: ScanOptions): Rule[] {
  const rules = options.rules ?? RULES;
  // The import analysis reads every Python file: in a sharded scan shard 1 alone runs the rules that need it.
  return options.shard && options.shard.index !== 1 ? rules.filter((rule) => !needs(rule, 'imports')) : rules;
}

function withRules(context: ScanContext, options: ScanOptions, rules = chosenRules(options)): PreparedScan {
  const { facts, bloat } = context;
  const suppressor = new Suppressor(options.ignore ?? [], facts, options.ignoreSource);
  return { facts, bloat, context, rules, suppressor, shard: options.shard };
}

/** Whether a rule declared that it reads an analysis. */
function needs(rule: Rule, analysis: Analysis): boolean {
  return rule.meta.needs?.includes(analysis) ?? false;
}

/** How an analysis runs: the persistent cache, worker threads, progress counts. */
interface AnalysisRun {
  cache?: ImportCacheOptions;
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** What the main thread can do while worker threads analyse (rules run ahead). */
  meanwhile?: () => void;
}

/**
 * How each analysis is computed ahead of the rules where the caller can wait; the rules then find
 * it cached (each analysis caches itself per context, so a synchronous scan computes it on first use).
 * `begin` is called right after the walk, before the tree is classified; what it returns runs the
 * analysis once it is. `abandon` is called when the scan ends either way: it stops what `run` did
 * not (workers started ahead for a scan that failed before them, or found its answer cached).
 */
interface PrepareStep {
  phase: string;
  begin(facts: RepoFacts, how: AnalysisRun): { run(context: ScanContext): Promise<void>; abandon(): void };
}

/** `history` has no step here: scanAsync has git list it during the walk. */
const PREPARE: Partial<Record<Analysis, PrepareStep>> = {
  imports: {
    phase: 'reading Python imports',
    begin(facts, { cache, jobs = 1, onProgress, meanwhile }) {
      const store = cache && openImportCache(facts.root, cache);
      const workers = startWorkersAhead(facts, store, jobs);
      return {
        async run(context) {
          await prepareDependencyAnalysis(context, { store, jobs, onProgress, meanwhile, workers });
          if (cache) closeImportCache(store, cache.debug);
        },
        abandon: () => workers?.stop(),
      };
    },
  },
};

type ScanFix = FileEdits & { safety: FixSafety };

/** What one rule gave: its findings (suppressions applied), its fixes, and the warnings it told when it ran ahead of its turn. */
interface RuleOutcome {
  found: Finding[];
  fixes: ScanFix[];
  proposed?: ProposedFix;
  warnings?: Warning[];
}

function runRule(rule: Rule, { facts, context, suppressor }: PreparedScan): RuleOutcome {
  let found: Finding[] = [];
  try {
    // Ignored findings are left out before the fix: an ignored Dockerfile line is not edited either.
    found = suppressor.filter(rule.check(context));
    if (!rule.fix || found.length === 0) return { found, fixes: [] };
    // A rule that does not say whether its fix is safe is treated as unsafe.
    const safety = rule.meta.fixSafety ?? 'unsafe';
    const edits = rule.fix(context, found).filter((f) => f.edits.length > 0);
    if (edits.length === 0) return { found, fixes: [] };
    const proposed = { rule: rule.meta.id, safety, findings: found.filter((f) => f.fixable === true || !('fixable' in f)), files: [...new Set(edits.map((f) => f.path))] };
    return { found, fixes: edits.map((f) => ({ ...f, safety })), proposed };
  } catch (err) {
    if (err instanceof NotYet) throw err;
    // One broken rule must not cost the user the rest of the report (its findings stay when its fix failed).
    facts.warnings.push({ path: '.', message: `rule ${rule.meta.id} failed: ${(err as Error).message}` });
    return { found, fixes: [] };
  }
}

/**
 * The rules before the first one that needs the import analysis, run while its workers work
 * (src/model/reads-ahead.ts says why this is safe). Each rule's warnings are taken out of the
 * list and told again in its turn; a rule that reaches what is not finished (NotYet) runs in its
 * turn instead, and so do the rules after it.
 */
function runRulesAhead(prepared: PreparedScan): Map<Rule, RuleOutcome> {
  const ahead = new Map<Rule, RuleOutcome>();
  const { facts } = prepared;
  let stopped = '';
  readingAhead(facts, () => {
    for (const rule of prepared.rules) {
      if (needs(rule, 'imports')) break;
      const before = facts.warnings.length;
      const putBack = prepared.suppressor.mark();
      let outcome: RuleOutcome;
      try {
        outcome = runRule(rule, prepared);
      } catch (err) {
        facts.warnings.splice(before);
        putBack();
        if (!(err instanceof NotYet)) throw err;
        stopped = ` (${rule.meta.id} ${err.message})`;
        break;
      }
      ahead.set(rule, { ...outcome, warnings: facts.warnings.splice(before) });
    }
  });
  // REPOLISH_DEBUG=ahead: how many rules ran ahead (tests observe the path by it).
  if (debugEnabled('ahead')) process.stderr.write(`repolish: rules run ahead: ${ahead.size}${stopped}\n`);
  return ahead;
}

function runRules(prepared: PreparedScan, progress?: ScanProgress, ahead?: Map<Rule, RuleOutcome>): ScanResult {
  const { facts, bloat, context, rules, suppressor, shard } = prepared;
  const findings: Finding[] = [];
  const fixes: ScanFix[] = [];
  const proposed: ProposedFix[] = [];
  for (const [i, rule] of rules.entries()) {
    progress?.phase(`rule ${rule.meta.id} ${i + 1}/${rules.length}`);
    const early = ahead?.get(rule);
    if (early) facts.warnings.push(...early.warnings!);
    const outcome = early ?? runRule(rule, prepared);
    findings.push(...outcome.found);
    fixes.push(...outcome.fixes);
    if (outcome.proposed) proposed.push(outcome.proposed);
  }
  facts.warnings.push(...suppressor.unusedWarnings());
  const changes = mergeFileEdits(facts, fixes.filter((f) => f.safety === 'safe'));
  const warned = facts.warnings.length;
  const changesWithUnsafe = mergeFileEdits(facts, fixes);
  // The second merge repeats the first one's overlap warnings: keep only the new ones.
  const seen = new Set(facts.warnings.slice(0, warned).map((w) => `${w.path}\0${w.message}`));
  facts.warnings.splice(warned, Infinity, ...facts.warnings.slice(warned).filter((w) => !seen.has(`${w.path}\0${w.message}`)));
  // Findings of the rules that read the whole project's imports belong to shard 1 wherever their path is.
  const projectRules = new Set(rules.filter((rule) => needs(rule, 'imports')).map((rule) => rule.meta.id));
  const projectRule = (rule: string) => projectRules.has(rule);
  return {
    root: facts.root,
    totals: shard ? shareTotals(facts.tree, shard) : { bytes: facts.tree.bytes, files: facts.tree.fileCount, allocated: facts.tree.allocated },
    findings: shard ? shareOf(findings, facts.tree, shard, projectRule) : findings,
    warnings: shard ? shareOf(facts.warnings, facts.tree, shard) : facts.warnings,
    facts,
    bloat,
    context,
    changes,
    changesWithUnsafe,
    fixes: proposed,
    rules,
    shard,
    suppressed: suppressor.suppressed,
  };
}

/** The whole scan in one synchronous call (small trees, tests). */
export function scan(path: string, options: ScanOptions = {}): ScanResult {
  return runRules(prepare(path, options), options.progress);
}

/**
 * The scan the commands run: the Python import analysis goes first, yielding to the event loop as
 * it parses, because node tree-sitter frees its native trees only when the loop turns (a
 * synchronous pass over 9k files peaked at 6.2 GB). The rules then find the analysis cached.
 */
export async function scanAsync(path: string, options: ScanOptions = {}, walked?: RepoFacts): Promise<ScanResult> {
  const rules = chosenRules(options);
  // git lists history during the walk when a rule needs it.
  const facts = walked ?? await collectScanFacts(path, options.progress, rules.some((rule) => needs(rule, 'history')));
  const progress = options.progress;
  let prepared: PreparedScan | undefined;
  let ahead: Map<Rule, RuleOutcome> | undefined;
  const how: AnalysisRun = {
    cache: options.cache,
    jobs: options.jobs,
    onProgress: progress?.counter && ((done, total) => progress.counter?.('', done, total)),
    meanwhile: () => {
      ahead = runRulesAhead(prepared!);
      options.meanwhile?.();
    },
  };
  const steps = [...new Set(rules.flatMap((rule) => rule.meta.needs ?? []))].flatMap((analysis) => {
    const step = PREPARE[analysis];
    return step ? [{ phase: step.phase, begun: step.begin(facts, how) }] : [];
  });
  try {
    // The classification's virtualenv reading is left to run while the import analysis's workers do.
    prepared = withRules(contextOf(facts, options, progress, true), options, rules);
    for (const { phase, begun } of steps) {
      progress?.phase(phase);
      await begun.run(prepared.context);
    }
  } finally {
    for (const { begun } of steps) begun.abandon();
  }
  prepared.context.bloat.settle();
  return runRules(prepared, options.progress, ahead);
}

/** Edits from several rules to one file become one change; overlapping edits are reported, not applied. */
export function mergeFileEdits(facts: RepoFacts, fixes: FileEdits[]): FileChange[] {
  const byPath = new Map<string, FileEdits[]>();
  for (const fix of fixes) byPath.set(fix.path, [...(byPath.get(fix.path) ?? []), fix]);
  const changes: FileChange[] = [];
  for (const [path, list] of byPath) {
    const create = list.some((f) => f.create) && !facts.file(path);
    const before = create ? null : facts.readText(path);
    if (before === undefined) continue; // unreadable: readText has warned
    try {
      const after = applyEdits(before ?? '', list.flatMap((f) => f.edits), detectEol(before ?? ''));
      if (after !== before) changes.push({ path, before, after });
    } catch (err) {
      if (!(err instanceof OverlappingEditsError)) throw err;
      facts.warnings.push({ path, message: `fixes overlap (${err.message}); this file is left out of the patch` });
    }
  }
  return changes;
}
