/** openai-whisper -> faster-whisper: Python call sites and requirement files. See README.md. */
import { defineCodemod } from '../../src/engine/types.js';
import { COMPUTE_TYPES } from './api.js';
import { migrate } from './migrate.js';
import { parseOptions, type WhisperOptions } from './options.js';
import type { FileData } from './types.js';

export const whisperToFasterWhisper = defineCodemod<WhisperOptions, FileData>({
  name: 'whisper-to-faster-whisper',
  description: 'migrate openai-whisper code and requirements to faster-whisper (CTranslate2, no torch)',
  files: ['*.py'],
  triggers: ['whisper'],
  keepLinesWith: 'import',
  options: [
    {
      name: 'decoding',
      description: 'preserve: pass beam_size=1/best_of=1 where openai-whisper decoded greedily by default; library: keep faster-whisper\'s beam search (5)',
      default: 'preserve',
      allowed: ['preserve', 'library'],
    },
    {
      name: 'device',
      description: 'keep: map the device argument (cuda:N -> device_index=N); or force cpu, cuda or auto on every WhisperModel',
      default: 'keep',
      allowed: ['keep', 'auto', 'cpu', 'cuda'],
    },
    {
      name: 'compute_type',
      description: 'default: derive from fp16 (fp16=False -> float32); or set it on every WhisperModel (int8 on CPU is the usual choice)',
      default: 'default',
      allowed: COMPUTE_TYPES,
    },
    {
      name: 'pin',
      description: 'version for faster-whisper where openai-whisper carried one (same operator: == stays ==); none: never write a version',
      default: '1.2.1',
      validate: (v) => (v === 'none' || /^\d+(\.\d+)*([a-z]+\d*)?$/.test(v) ? undefined : 'expected a version like 1.2.1, or none'),
    },
  ],
  parseOptions,
  transform: migrate,
  // Loaded when the project step runs (on the main thread): worker threads, which only transform, never load it.
  finish: async (project) => (await import('./manifests.js')).finishProject(project),
});

export default whisperToFasterWhisper;
