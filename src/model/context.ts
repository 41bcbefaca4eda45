/**
 * The scan context: what every rule, fix, clean plan and codemod that needs scan facts starts
 * from. It sits below the analyses (src/bloat, src/deps, src/ignorefiles) so they can take it
 * without importing the rules; `buildScanContext` (src/bloat/scan-context.ts) builds it.
 */
import type { BloatIndex } from './bloat.js';
import type { RepoFacts } from './facts.js';
import type { HintScope } from './hint.js';

export interface ScanSettings {
  /** Files at or above this size are `bloat/large-file` (bytes). */
  largeFileBytes: number;
  /** Weight files (gguf, safetensors, ...) at or above this size are `bloat/model-weights`. */
  modelWeightsBytes: number;
  /** Dependencies at or above this installed size are heavy. */
  heavyPackageBytes: number;
}

export const DEFAULT_SETTINGS: ScanSettings = {
  largeFileBytes: 50 * 1024 * 1024,
  modelWeightsBytes: 10 * 1024 * 1024,
  heavyPackageBytes: 100 * 1024 * 1024,
};

export interface ScanContext {
  facts: RepoFacts;
  bloat: BloatIndex;
  settings: ScanSettings;
  /** Where the commands in fix hints point (the scanned root, repeated flags); default: the root alone. */
  hints?: HintScope;
}

/** The scope a rule's printed commands name. */
export function hintScope(context: ScanContext): HintScope {
  return context.hints ?? { root: context.facts.root };
}

/**
 * Costly analyses a rule can declare in `meta.needs`; each is computed once per context, when a
 * rule first asks. `imports`: every Python file's imports and the dependency analysis built on
 * them (src/deps/analysis.ts); a sharded scan runs it in shard 1 only. `history`: every object in
 * git's history with its size (RepoFacts.historyObjectSizes), which scanAsync has git list during
 * the walk.
 */
export type Analysis = 'imports' | 'history';
