/** Worker threads give exactly the result of the main thread. */
import { afterAll, expect, test } from 'vitest';
import { codemods, registryUrl } from '../../codemods/index.js';
import { runCodemods } from '../../src/engine/runner.js';
import { compiledModuleUrl } from '../../src/model/compiled-module.js';
import { resolveOptions } from '../../src/engine/options.js';
import { tempDir, writeFiles, WHISPER_SCRIPT } from './helpers.js';

const t = tempDir();
afterAll(t.cleanup);

test('the compiled registry exists (global setup builds dist/)', () => {
  expect(compiledModuleUrl(registryUrl)).toMatch(/dist\/codemods\/index\.js$/);
});

test('a run on worker threads equals a run on the main thread', async () => {
  const files: Record<string, string> = { 'requirements.txt': 'openai-whisper\n' };
  let broken = 0;
  for (let i = 0; i < 260; i++) {
    if (i % 13 !== 0 && i % 17 === 0) broken++;
    files[`pkg${i % 7}/m${i}.py`] = i % 13 === 0
      ? 'import whisper\nmodel = whisper.load_model("base")\nmel = whisper.log_mel_spectrogram("a.wav")\n'
      : i % 17 === 0 ? 'import whisper\ndef f(:\n' : WHISPER_SCRIPT.replace('"base"', `"${['tiny', 'base', 'small'][i % 3]}"`);
  }
  writeFiles(t.dir, files);
  const whisper = codemods.find((c) => c.name === 'whisper-to-faster-whisper')!;
  const active = [{ codemod: whisper, options: resolveOptions([whisper], []).get(whisper.name)! }];
  const inProcess = await runCodemods({ root: t.dir, codemods: active });
  const threaded = await runCodemods({ root: t.dir, codemods: active, workers: { registryUrl, threshold: 1, count: 2 } });
  expect(inProcess.stats.workers).toBe(0);
  expect(threaded.stats.workers).toBe(2);
  expect(threaded.changes).toEqual(inProcess.changes);
  expect(threaded.review).toEqual(inProcess.review);
  expect(threaded.warnings).toEqual(inProcess.warnings);
  expect(threaded.files).toEqual(inProcess.files);
  expect(inProcess.changes.length).toBeGreaterThan(200);
  expect(inProcess.files.filter((f) => f.status === 'skipped')).toHaveLength(broken);
  expect(inProcess.review.filter((r) => /left unchanged/.test(r.message))).toHaveLength(20);
});
