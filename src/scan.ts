/** One scan: walk once, classify bloat once, run every rule, and compute the fix patch. */
import { classifyBloat } from './bloat/classify.js';
import { prepareDependencyAnalysis } from './deps/analysis.js';
import { applyConfiguredPaths, type ConfiguredPaths } from './bloat/configured-paths.js';
import type { BloatIndex } from './bloat/types.js';
import type { Finding, Warning } from './findings.js';
import { collectFacts, type RepoFacts } from './model/facts.js';
import type { FileChange } from './patch/change.js';
import { applyEdits, OverlappingEditsError } from './patch/edits.js';
import { RULES } from './rules/index.js';
import { shareOf, shareTotals, type Shard } from './fleet/shard.js';
import { DEFAULT_SETTINGS, type FileEdits, type Rule, type RuleContext, type ScanSettings } from './rules/types.js';

export interface ScanResult {
  root: string;
  totals: { bytes: number; files: number; allocated: number };
  findings: Finding[];
  warnings: Warning[];
  facts: RepoFacts;
  bloat: BloatIndex;
  context: RuleContext;
  /** What `fix` would change. */
  changes: FileChange[];
  rules: Rule[];
  /** `scan --shard i/n`: findings, warnings and totals are this share's only. */
  shard?: Shard;
}

export interface ScanOptions {
  settings?: Partial<ScanSettings>;
  rules?: Rule[];
  /** Configured paths: `data` are user data, `source` are never bloat. */
  paths?: ConfiguredPaths;
  /** Told the current phase and the walk's running totals (a terminal progress line). */
  progress?: ScanProgress;
  shard?: Shard;
}

export interface ScanProgress {
  phase(name: string): void;
  walked(files: number, bytes: number): void;
}

interface PreparedScan {
  facts: RepoFacts;
  bloat: BloatIndex;
  context: RuleContext;
  rules: Rule[];
  shard?: Shard;
}

function prepare(path: string, options: ScanOptions): PreparedScan {
  const { progress } = options;
  progress?.phase('walking');
  const facts = collectFacts(path, { onWalkProgress: progress && ((files, bytes) => progress.walked(files, bytes)) });
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  progress?.phase('classifying');
  const bloat = applyConfiguredPaths(classifyBloat({ facts, settings }), facts, options.paths, facts.warnings);
  let rules = options.rules ?? RULES;
  // The dependency analysis reads every Python file: in a sharded scan shard 1 alone runs it.
  if (options.shard && options.shard.index !== 1) rules = rules.filter((rule) => !USES_IMPORT_ANALYSIS.test(rule.meta.id));
  return { facts, bloat, context: { facts, bloat, settings }, rules, shard: options.shard };
}

function runRules({ facts, bloat, context, rules, shard }: PreparedScan, progress?: ScanProgress): ScanResult {
  const findings: Finding[] = [];
  const fixes: FileEdits[] = [];
  for (const rule of rules) {
    progress?.phase(`rule ${rule.meta.id}`);
    try {
      const found = rule.check(context);
      findings.push(...found);
      if (rule.fix && found.length > 0) fixes.push(...rule.fix(context, found));
    } catch (err) {
      // One broken rule must not cost the user the rest of the report.
      facts.warnings.push({ path: '.', message: `rule ${rule.meta.id} failed: ${(err as Error).message}` });
    }
  }
  const projectRule = (rule: string) => USES_IMPORT_ANALYSIS.test(rule);
  return {
    root: facts.root,
    totals: shard ? shareTotals(facts.tree, shard) : { bytes: facts.tree.bytes, files: facts.tree.fileCount, allocated: facts.tree.allocated },
    findings: shard ? shareOf(findings, facts.tree, shard, projectRule) : findings,
    warnings: shard ? shareOf(facts.warnings, facts.tree, shard) : facts.warnings,
    facts,
    bloat,
    context,
    changes: mergeFileEdits(facts, fixes),
    rules,
    shard,
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
export async function scanAsync(path: string, options: ScanOptions = {}): Promise<ScanResult> {
  const prepared = prepare(path, options);
  if (prepared.rules.some((rule) => USES_IMPORT_ANALYSIS.test(rule.meta.id))) {
    options.progress?.phase('reading Python imports');
    await prepareDependencyAnalysis(prepared.context);
  }
  return runRules(prepared, options.progress);
}

const USES_IMPORT_ANALYSIS = /^(deps\/|docker\/heavy-unused-in-image$)/;

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
      const after = applyEdits(before ?? '', list.flatMap((f) => f.edits));
      if (after !== before) changes.push({ path, before, after });
    } catch (err) {
      if (!(err instanceof OverlappingEditsError)) throw err;
      facts.warnings.push({ path, message: `fixes overlap (${err.message}); this file is left out of the patch` });
    }
  }
  return changes;
}
