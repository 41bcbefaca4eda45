/** whisper-to-faster-whisper's options, parsed once from their strings (the engine has validated them). */

export interface WhisperOptions {
  /** preserve: pass beam_size=1/best_of=1 where openai-whisper decoded greedily; library: faster-whisper's beam search. */
  decoding: 'preserve' | 'library';
  /** keep: map each model's device argument; otherwise the device every WhisperModel gets. */
  device: 'keep' | 'auto' | 'cpu' | 'cuda';
  /** The compute_type every WhisperModel gets; undefined: derived from the transcribe calls' fp16. */
  computeType: string | undefined;
  /** The faster-whisper version written where openai-whisper carried one; undefined: never write a version. */
  pin: string | undefined;
}

export function parseOptions(options: Readonly<Record<string, string>>): WhisperOptions {
  const device = options.device;
  const pin = options.pin ?? '1.2.1';
  return {
    decoding: options.decoding === 'library' ? 'library' : 'preserve',
    device: device === 'auto' || device === 'cpu' || device === 'cuda' ? device : 'keep',
    computeType: options.compute_type && options.compute_type !== 'default' ? options.compute_type : undefined,
    pin: pin === 'none' ? undefined : pin,
  };
}
