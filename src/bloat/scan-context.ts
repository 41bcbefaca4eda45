/**
 * `buildScanContext(root, config)`: the walk and the bloat classification under the user's
 * configuration, once. `scan`, `fix` and `clean` (through src/scan.ts) and every codemod that needs
 * scan facts (through the engine's `ProjectContext.scanContext()`) start from it, so all of them
 * see the same settings and configured paths.
 */
import { collectFacts, type RepoFacts, type WalkProgress } from '../model/facts.js';
import { DEFAULT_SETTINGS, type ScanContext, type ScanSettings } from '../model/context.js';
import { classifyBloat } from './classify.js';
import { applyConfiguredPaths, type ConfiguredPaths } from './configured-paths.js';
import { closeEnvironmentCache, openEnvironmentCache, type EnvironmentCache, type EnvironmentCacheOptions } from '../cache/environment-cache.js';
import { folderToldElsewhere } from '../cache/cache-file.js';
import { useEnvironmentCache } from '../deps/installed.js';

/** The part of the configuration the scan context depends on. */
export interface ScanConfig {
  settings?: Partial<ScanSettings>;
  /** Configured paths: `data` are user data, `source` are never bloat. */
  paths?: ConfiguredPaths;
  /** Flags the printed commands must repeat (`--config FILE`, `--no-config`). */
  hintFlags?: string[];
  /** The persistent caches' settings (`--cache-dir`, `--no-cache`): virtualenv metadata is read through one. */
  cache?: EnvironmentCacheOptions;
}

/** Told the current phase and the walk's running totals (a terminal progress line). */
export interface ScanProgress extends WalkProgress {
  /** Steps of a counted phase ("reading Python imports 1,234/9,018"). */
  counter?(label: string, done: number, total?: number): void;
}

export function buildScanContext(root: string, config: ScanConfig = {}, progress?: ScanProgress): ScanContext {
  progress?.phase('walking');
  const facts = collectFacts(root, { onWalkProgress: progress && ((files, bytes) => progress.walked(files, bytes)) });
  return contextOf(facts, config, progress);
}

/**
 * The scan context of walked facts: the bloat classification under the configuration.
 * `settleLater`: the caller calls `bloat.settle()` when it suits it (scanAsync: while the import
 * analysis runs on worker threads); the virtualenvs are read, and their cache written, then.
 */
export function contextOf(facts: RepoFacts, config: ScanConfig, progress?: ScanProgress, settleLater = false): ScanContext {
  const settings = { ...DEFAULT_SETTINGS, ...config.settings };
  const cache = config.cache;
  let environments: EnvironmentCache | undefined;
  if (cache && !cache.disabled) {
    useEnvironmentCache(facts, () => (environments = openEnvironmentCache(facts.root, folderToldElsewhere(cache))));
  }
  progress?.phase('classifying');
  const classified = applyConfiguredPaths(classifyBloat({ facts, settings }), facts, config.paths, facts.warnings);
  // Every virtualenv is read when the classification settles (the dependency analysis reuses what it read).
  let closed = !cache;
  const settle = (): void => {
    classified.settle();
    if (closed) return;
    closed = true;
    closeEnvironmentCache(environments, cache!.debug);
  };
  if (!settleLater) settle();
  return { facts, bloat: { ...classified, settle }, settings, hints: { root: facts.root, flags: config.hintFlags ?? [] } };
}
