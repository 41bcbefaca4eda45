/** The codemod registry: `repolish codemod list` shows these, in this order. */
import type { Codemod } from '../src/engine/types.js';
import { pruneRequirements } from './prune-requirements/index.js';
import { removeOllama } from './remove-ollama/index.js';
import { whisperToFasterWhisper } from './whisper-to-faster-whisper/index.js';

export const codemods: Codemod[] = [whisperToFasterWhisper, removeOllama, pruneRequirements];

/** This module's URL: worker threads import the registry from it. */
export const registryUrl = import.meta.url;
