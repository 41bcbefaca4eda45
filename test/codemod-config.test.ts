import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { makeRepo, removeDir } from './helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const PROGRAM = 'import whisper\n\nmodel = whisper.load_model("base")\nresult = model.transcribe("a.wav")\nprint(result["text"])\n';

describe('codemod options from the configuration file', () => {
  it('are defaults that --option overrides', () => {
    const root = makeRepo({
      'asr.py': PROGRAM,
      'repolish.config.json': JSON.stringify({ codemods: { 'whisper-to-faster-whisper': { compute_type: 'int8' } } }),
    }, ['asr.py']);
    made.push(root);
    const fromConfig = runCli(['codemod', 'run', 'whisper-to-faster-whisper', root]);
    expect(fromConfig.code).toBe(0);
    expect(fromConfig.stdout).toContain('compute_type="int8"');
    const overridden = runCli(['codemod', 'run', 'whisper-to-faster-whisper', '--option', 'compute_type=float32', root]);
    expect(overridden.stdout).toContain('compute_type="float32"');
    const ignored = runCli(['codemod', 'run', 'whisper-to-faster-whisper', '--no-config', root]);
    expect(ignored.stdout).not.toContain('int8');
  });
});
