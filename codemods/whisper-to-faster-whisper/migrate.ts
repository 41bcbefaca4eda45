/**
 * One Python file from openai-whisper to faster-whisper. The file is analysed first: every use of
 * the whisper module, every model made by load_model followed to where it is used (locals,
 * globals, `self.<attr>`, functions returning it), every transcribe call and the uses of its
 * result. Only when everything is understood are edits produced; otherwise the file stays as it
 * is and each obstacle becomes a review item. Never half-migrated.
 *
 * The steps, each in its own module: whisper-imports.ts (where whisper is imported), module-uses.ts
 * (what the file does with the module), model-flow.ts (where each model goes), model-creation.ts
 * and devices.ts (load_model as WhisperModel), transcribe-arguments.ts, results.ts (what becomes of
 * a result), faster-imports.ts (the new imports); migration-state.ts is what they share;
 * literal-options.ts runs the whole once more where `**options` is a literal dict.
 */
import type { Edit, FileContextOf, SourceFile, TransformResultOf } from '../../src/engine/types.js';
import { FasterWhisperImports } from './faster-imports.js';
import { MigrationState } from './migration-state.js';
import { ModelCreation } from './model-creation.js';
import { ModelFlow } from './model-flow.js';
import { ModuleUses } from './module-uses.js';
import type { WhisperOptions } from './options.js';
import { withLiteralOptions } from './literal-options.js';
import { planResult } from './results.js';
import { planTranscribeArguments } from './transcribe-arguments.js';
import type { FileData } from './types.js';
import { checkLocalWhisperModule, dynamicImports, importSites, isWhisperModule, whisperStars } from './whisper-imports.js';

export function migrate(file: SourceFile, ctx: FileContextOf<WhisperOptions>): TransformResultOf<FileData> {
  return withLiteralOptions(file, (f) => migrateOnce(f, ctx));
}

function migrateOnce(file: SourceFile, ctx: FileContextOf<WhisperOptions>): TransformResultOf<FileData> {
  if (!/\bwhisper\b/.test(file.text)) return { data: { whisperImports: [], exports: [], migrated: false } };
  const m = new MigrationState(file, ctx);
  const whisperImports = m.mod.imports.names.filter(isWhisperModule);
  const sites = importSites(m.mod, whisperImports);
  const data = (migrated: boolean): FileData => ({ whisperImports: sites, exports: migrated ? m.exports : [], migrated });
  for (const d of dynamicImports(m.mod)) m.note(d, 'whisper is imported dynamically here; the codemod does not rewrite dynamic imports, so openai-whisper stays a dependency');
  const stars = whisperStars(m.mod);
  if (whisperImports.length === 0 && stars.length === 0) return { review: m.notes, data: data(false) };

  for (const s of stars) m.block(s.statement, '`from whisper import *` hides which names are used');
  checkLocalWhisperModule(m, whisperImports);
  const names = new FasterWhisperImports(m);
  const flow = new ModelFlow(m);
  new ModuleUses(m, flow, names).classify(whisperImports);
  flow.drainHolders();
  flow.checkDeferred();
  flow.resolveFunctionTranscribes();
  const creation = new ModelCreation(m, flow, names);
  creation.planMoves();
  flow.noteUntracedTranscribes();
  // Planned even when the file is blocked already, so every obstacle is reported at once.
  creation.planCreations();
  for (const s of flow.sites) planTranscribeArguments(m, s);
  if (m.blockers.length === 0) for (const s of [...flow.sites].sort((a, b) => a.call.start - b.call.start)) planResult(m, s);
  if (m.blockers.length > 0) {
    const review = m.blockers.map((b) => ({ ...b, message: `${b.message}; this file was left unchanged` }));
    return { review, data: data(false) };
  }
  names.planImports(whisperImports);
  noteDependencyMentions(m);
  collectExports(m.exports);
  const edits: Edit[] = m.edits.finish();
  return { edits, review: m.notes, data: data(edits.length > 0) };
}

/** Strings that name the old dependency (error messages, install hints). */
function noteDependencyMentions(m: MigrationState): void {
  for (const s of m.mod.tree.root.find('string')) {
    if (/openai[-_]whisper/i.test(s.text)) m.note(s, 'this text mentions openai-whisper; update it if it refers to the dependency');
  }
}

/** Each changed module-level name once, at its last place. */
function collectExports(exports: FileData['exports']): void {
  const seen = new Set<string>();
  for (let i = exports.length - 1; i >= 0; i--) {
    if (seen.has(exports[i].name)) exports.splice(i, 1);
    else seen.add(exports[i].name);
  }
}
