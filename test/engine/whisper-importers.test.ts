/**
 * The whisper codemod's project step finds the modules that import a migrated module by their
 * import lines; files are pre-filtered by their bytes, the files the transform looked at and left
 * unchanged included. Whatever the filter, an importer is never missed.
 */
import { afterEach, expect, test } from 'vitest';
import { whisperToFasterWhisper } from '../../codemods/whisper-to-faster-whisper/index.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runCodemods } from '../../src/engine/runner.js';
import { tempDir, writeFiles } from './helpers.js';

let cleanups: Array<() => void> = [];
afterEach(() => { cleanups.forEach((c) => c()); cleanups = []; });

async function migrate(files: Record<string, string>) {
  const t = tempDir();
  cleanups.push(t.cleanup);
  writeFiles(t.dir, files);
  const options = resolveOptions([whisperToFasterWhisper], []).get(whisperToFasterWhisper.name)!;
  return runCodemods({ root: t.dir, codemods: [{ codemod: whisperToFasterWhisper, options }] });
}

const MODELS = 'import whisper\n\nmodel = whisper.load_model("base")\n';
const USE = '\n\ndef transcribe(path):\n    return model.transcribe(path)["text"]\n';

test.each([
  ['a file the transform looked at and left unchanged (it says whisper)', '# served by the whisper model\nfrom app.models import model\n' + USE],
  ['a file the transform never looked at', 'from app.models import model\n' + USE],
  ['an import of the module itself, with other names on the line', 'import os, app.models as m\nmodel = m.model\n' + USE],
  ['a relative import', 'from .models import model\n' + USE],
])('%s: the migrated module is reverted', async (_, api) => {
  const r = await migrate({ 'app/models.py': MODELS, 'app/api.py': api });
  expect(r.changes.map((c) => c.path)).not.toContain('app/models.py');
  expect(r.review.map((i) => `${i.path}:${i.line}`)).toContain('app/models.py:3');
  expect(r.review.find((i) => i.path === 'app/models.py')?.message).toMatch(/app\/api\.py:\d+ imports this module/);
});

test('the module name outside any import line is no import: the module is migrated', async () => {
  const r = await migrate({
    'app/models.py': MODELS,
    'app/other.py': '# see models for the whisper model\nmodels = ["base"]\nmodel = None\n',
  });
  expect(r.changes.map((c) => c.path)).toContain('app/models.py');
  expect(r.review.filter((i) => i.path === 'app/models.py')).toEqual([]);
});
