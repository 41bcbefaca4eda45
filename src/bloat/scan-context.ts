/**
 * `buildScanContext(root, config)`: the walk and the bloat classification under the user's
 * configuration, once. `scan`, `fix` and `clean` (through src/scan.ts) and every codemod that needs
 * scan facts (through the engine's `ProjectContext.scanContext()`) start from it, so all of them
 * see the same settings and configured paths.
 */
import { collectFacts, collectFactsAsync, type RepoFacts } from '../model/facts.js';
import { DEFAULT_SETTINGS, type ScanContext, type ScanSettings } from '../model/context.js';
import { classifyBloat } from './classify.js';
import { applyConfiguredPaths, type ConfiguredPaths } from './configured-paths.js';

/** The part of the configuration the scan context depends on. */
export interface ScanConfig {
  settings?: Partial<ScanSettings>;
  /** Configured paths: `data` are user data, `source` are never bloat. */
  paths?: ConfiguredPaths;
  /** Flags the printed commands must repeat (`--config FILE`, `--no-config`). */
  hintFlags?: string[];
}

/** Told the current phase and the walk's running totals (a terminal progress line). */
export interface ScanProgress {
  phase(name: string): void;
  walked(files: number, bytes: number): void;
  /** Steps of a counted phase ("reading Python imports 1,234/9,018"). */
  counter?(label: string, done: number, total?: number): void;
}

export function buildScanContext(root: string, config: ScanConfig = {}, progress?: ScanProgress): ScanContext {
  progress?.phase('walking');
  const facts = collectFacts(root, { onWalkProgress: progress && ((files, bytes) => progress.walked(files, bytes)) });
  return contextOf(facts, config, progress);
}

/**
 * buildScanContext with git read during the walk (collectFactsAsync); `readHistory` when
 * git/history-blob will run.
 */
export async function buildScanContextAsync(root: string, config: ScanConfig = {}, progress?: ScanProgress, readHistory = false): Promise<ScanContext> {
  progress?.phase('walking');
  const facts = await collectFactsAsync(root, { readHistory, onWalkProgress: progress && ((files, bytes) => progress.walked(files, bytes)) });
  return contextOf(facts, config, progress);
}

function contextOf(facts: RepoFacts, config: ScanConfig, progress?: ScanProgress): ScanContext {
  const settings = { ...DEFAULT_SETTINGS, ...config.settings };
  progress?.phase('classifying');
  const bloat = applyConfiguredPaths(classifyBloat({ facts, settings }), facts, config.paths, facts.warnings);
  return { facts, bloat, settings, hints: { root: facts.root, flags: config.hintFlags ?? [] } };
}
