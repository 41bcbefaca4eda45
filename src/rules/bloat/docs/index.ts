/** The bloat rules' documentation, by rule id (each in its own module). */
import type { RuleDocumentation } from '../../docs.js';
import venv from './venv.js';
import nodeModules from './node-modules.js';
import pycache from './pycache.js';
import toolCache from './tool-cache.js';
import buildOutput from './build-output.js';
import vectorStore from './vector-store.js';
import database from './database.js';
import archive from './archive.js';
import backup from './backup.js';
import uploads from './uploads.js';
import log from './log.js';
import modelWeights from './model-weights.js';
import largeFile from './large-file.js';

export const BLOAT_DOCS: Record<string, RuleDocumentation> = {
  'bloat/venv': venv,
  'bloat/node-modules': nodeModules,
  'bloat/pycache': pycache,
  'bloat/tool-cache': toolCache,
  'bloat/build-output': buildOutput,
  'bloat/vector-store': vectorStore,
  'bloat/database': database,
  'bloat/archive': archive,
  'bloat/backup': backup,
  'bloat/uploads': uploads,
  'bloat/log': log,
  'bloat/model-weights': modelWeights,
  'bloat/large-file': largeFile,
};
