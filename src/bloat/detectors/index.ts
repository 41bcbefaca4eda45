import type { BloatDetector, BloatKind } from '../detector.js';
import { archive } from './archive.js';
import { backup } from './backup.js';
import { buildOutput } from './build-output.js';
import { database } from './database.js';
import { largeFile } from './large-file.js';
import { log } from './log.js';
import { modelWeights } from './model-weights.js';
import { nodeModules } from './node-modules.js';
import { pycache } from './pycache.js';
import { toolCache } from './tool-cache.js';
import { uploads } from './uploads.js';
import { vectorStore } from './vector-store.js';
import { venv } from './venv.js';

/** In the order they are asked: specific structures first, the size catch-all last. */
export const DETECTORS: BloatDetector[] = [
  venv, nodeModules, pycache, toolCache, buildOutput, vectorStore, database,
  archive, backup, uploads, log, modelWeights, largeFile,
];

const BY_RULE = new Map(DETECTORS.map((kind) => [kind.rule, kind]));

/** The kind behind a `bloat/*` rule id; an id that is no kind is a bug, not a default. */
export function bloatKind(rule: string): BloatKind {
  const kind = BY_RULE.get(rule);
  if (!kind) throw new Error(`${rule} is not a bloat kind (src/bloat/detectors/index.ts)`);
  return kind;
}
