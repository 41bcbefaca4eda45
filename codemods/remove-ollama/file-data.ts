/**
 * What each transform call of remove-ollama hands the project-level step (`finish`), in a module of
 * its own so that finish.ts and its helpers need not import the codemod's index.ts.
 */
import type { ProjectContextOf } from '../../src/engine/types.js';
import type { RemoveOllamaOptions } from './options.js';
import type { PythonOutcome } from './python/index.js';
import type { FileReferences } from './references.js';

/** What each transform call hands `finish` (the first call's describes the file as read). */
export interface FileData {
  /** Lines that mention Ollama in the text the call saw. */
  refs: FileReferences['lines'];
  /** Python: the top-level modules imported among ollama, langchain_ollama, openai, langchain_openai. */
  imports?: string[];
  /** Python: module-level and class-level names, with their lines. */
  defined?: PythonOutcome['defined'];
  /** Python: `from m import name` statements. */
  fromImports?: PythonOutcome['fromImports'];
  /** Python: the first line still using Ollama in the text the call saw. */
  ollamaUse?: PythonOutcome['ollamaUse'];
  /** Python, replace-with=openai: the first Ollama use the rewrite could not replace. */
  unreplaced?: PythonOutcome['unreplaced'];
  /** Python: the imported names the edit drops, when that is all it does and the file never used them. */
  unusedImportsOnly?: PythonOutcome['unusedImportsOnly'];
}

/** What `finish` and its helpers see: parsed options, and each file's data as above. */
export type OllamaProject = ProjectContextOf<RemoveOllamaOptions, FileData>;
