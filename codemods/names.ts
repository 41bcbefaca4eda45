/**
 * The names of the registered codemods, without loading them (the registry loads ts-morph):
 * `scan` checks a configuration's `codemods` table against these. A test keeps this list equal
 * to the registry's.
 */
export const CODEMOD_NAMES: readonly string[] = ['whisper-to-faster-whisper', 'remove-ollama', 'prune-requirements'];
