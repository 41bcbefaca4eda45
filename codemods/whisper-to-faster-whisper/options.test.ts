/** whisper-to-faster-whisper's option strings, parsed once into the object its steps read. */
import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('whisper-to-faster-whisper options', () => {
  it('reads the defaults as: greedy decoding kept, devices mapped, compute_type from fp16, pin 1.2.1', () => {
    expect(parseOptions({ decoding: 'preserve', device: 'keep', compute_type: 'default', pin: '1.2.1' }))
      .toEqual({ decoding: 'preserve', device: 'keep', computeType: undefined, pin: '1.2.1' });
  });

  it('gives each chosen value as it is, and pin=none as no version', () => {
    expect(parseOptions({ decoding: 'library', device: 'cuda', compute_type: 'int8_float16', pin: 'none' }))
      .toEqual({ decoding: 'library', device: 'cuda', computeType: 'int8_float16', pin: undefined });
    expect(parseOptions({ device: 'auto', pin: '2.0' })).toEqual({ decoding: 'preserve', device: 'auto', computeType: undefined, pin: '2.0' });
  });
});
