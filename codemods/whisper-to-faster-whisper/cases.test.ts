/**
 * The whisper-to-faster-whisper cases (cases/<case>/), through the shared case suite
 * (test/helpers/codemod-suite.ts): each migrates its input/ to exactly expected/ with exactly the
 * review items in review.txt, idempotently, and where programs.json names programs, they print the
 * same before and after migration when run with python3 against the stand-in modules in standins/
 * (after migration, without the whisper stand-in unless the case says whisper remains).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { describeCases } from '../../test/helpers/codemod-suite.js';
import { whisperToFasterWhisper } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const standins = join(here, 'standins');

// Python path without the whisper stand-in: a migrated program must not import whisper at all.
const fasterOnly = mkdtempSync(join(tmpdir(), 'repolish-fw-only-'));
symlinkSync(join(standins, 'faster_whisper'), join(fasterOnly, 'faster_whisper'));
symlinkSync(join(standins, '_asr_standin.py'), join(fasterOnly, '_asr_standin.py'));
afterAll(() => rmSync(fasterOnly, { recursive: true, force: true }));

describeCases(whisperToFasterWhisper, join(here, 'cases'), {
  minCases: 31,
  programs: { beforePath: standins, afterPath: (spec) => (spec.whisperRemains ? standins : fasterOnly) },
});

test('the stand-ins decode differently by default, so decoding=preserve is observable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'repolish-standin-'));
  try {
    cpSync(join(here, 'cases', 'import-plain', 'input', 'a.wav'), join(dir, 'a.wav'));
    const script = [
      'import whisper, faster_whisper',
      'print(whisper.load_model("base").transcribe("a.wav")["text"])',
      'segments, info = faster_whisper.WhisperModel("base").transcribe("a.wav")',
      'print("".join(s.text for s in segments))',
    ].join('\n');
    const out = execFileSync('python3', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONPATH: standins, PYTHONWARNINGS: 'ignore' } });
    const [greedy, beam] = out.trim().split('\n');
    expect(greedy).not.toBe(beam);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
