/**
 * The shapes the parts of this codemod hand each other: what the transform tells the project-level
 * step about a file, a transcribe call to migrate, and the part of a file's migration that the
 * result rewrite (results.ts) works on. Kept apart so migrate.ts and results.ts need not import
 * each other.
 */
import type { ProjectContextOf } from '../../src/engine/types.js';
import type { EditSet } from '../../src/python/edit.js';
import type { ImportedName } from '../../src/python/imports.js';
import type { PythonModule } from '../../src/python/module.js';
import type { PyNode } from '../../src/python/tree.js';
import type { WhisperOptions } from './options.js';

export interface ImportSite {
  line: number;
  column: number;
  text: string;
}

/** What the transform tells the project-level step about a file (structured-clonable). */
export interface FileData {
  /** openai-whisper imports in the text the transform saw. */
  whisperImports: ImportSite[];
  /** Module-level names whose meaning the migration changed: other modules importing them would break. */
  exports: Array<{ name: string; line: number; column: number }>;
  /** Whether this call produced edits. */
  migrated: boolean;
}

/** What the project-level step sees: parsed options, and each file's data as above. */
export type WhisperProject = ProjectContextOf<WhisperOptions, FileData>;

export interface TranscribeSite {
  call: PyNode;
  /** The model expression (`model`, `self.model`, `get_model()`, or a load_model call). */
  model: PyNode;
  style: 'method' | 'function';
  group: string;
  /** For `whisper.transcribe(model, ...)`: the import binding its function name resolves to. */
  imp?: ImportedName;
  /** The `language=` value as given, where it was a name mapped to a code: openai-whisper's result reports it as given. */
  languageAs?: string;
}

/** One file's migration as the result rewrite sees it: the parsed file, its edits, and the names it gives out. */
export interface FileMigration {
  readonly mod: PythonModule;
  readonly text: string;
  readonly edits: EditSet;
  /** Module-level names whose meaning changed (see FileData.exports). */
  readonly exports: FileData['exports'];
  /** The name of the helper that builds openai-whisper's result dict; added once per file. */
  resultHelper(): string;
  /** A new local name for a scope, given where it will be read. */
  freshIn(base: string, scope: PyNode, uses: readonly PyNode[]): string;
  /** Gives back a name from freshIn that was not used after all. */
  release(name: string, scope: PyNode): void;
}
