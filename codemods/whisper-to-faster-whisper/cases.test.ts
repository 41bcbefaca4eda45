/**
 * The whisper-to-faster-whisper cases (cases/<case>/): each migrates its input/ to exactly
 * expected/ with exactly the review items in review.txt, the diff applies with `git apply --check`,
 * a second run changes nothing, and where programs.json names programs, they print the same
 * before and after migration when run with python3 against the stand-in modules in standins/.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { listCases, runCase } from '../../src/engine/cases.js';
import { expectCaseOutcome, runPython } from '../../test/helpers/codemod-cases.js';
import { whisperToFasterWhisper } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const standins = join(here, 'standins');
const cases = listCases(join(here, 'cases'));

// Python path without the whisper stand-in: a migrated program must not import whisper at all.
const fasterOnly = mkdtempSync(join(tmpdir(), 'repolish-fw-only-'));
symlinkSync(join(standins, 'faster_whisper'), join(fasterOnly, 'faster_whisper'));
symlinkSync(join(standins, '_asr_standin.py'), join(fasterOnly, '_asr_standin.py'));
afterAll(() => rmSync(fasterOnly, { recursive: true, force: true }));

test('there are cases', () => {
  expect(cases.length).toBeGreaterThan(30);
});

describe.each(cases)('$name', (c) => {
  test('migrates input/ to expected/ with the expected review items, idempotently', async () => {
    const outcome = await runCase(whisperToFasterWhisper, c);
    try {
      expectCaseOutcome(outcome);
    } finally {
      outcome.cleanup();
    }
  });

  const programsFile = join(c.dir, 'programs.json');
  if (!existsSync(programsFile)) return;
  const { programs, whisperRemains } = JSON.parse(readFileSync(programsFile, 'utf8')) as { programs: string[]; whisperRemains?: boolean };
  test.each(programs)('%s prints the same before and after migration', (program) => {
    const work = mkdtempSync(join(tmpdir(), `repolish-program-${c.name}-`));
    try {
      cpSync(join(c.dir, 'input'), join(work, 'before'), { recursive: true });
      cpSync(join(c.dir, 'expected'), join(work, 'after'), { recursive: true });
      const before = runPython(join(work, 'before'), program, standins);
      expect(before.stderr).toBe('');
      expect(before.status).toBe(0);
      expect(before.stdout).not.toBe('');
      const after = runPython(join(work, 'after'), program, whisperRemains ? standins : fasterOnly);
      expect(after.stderr).toBe('');
      expect(after.status).toBe(0);
      expect(after.stdout).toBe(before.stdout);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
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
