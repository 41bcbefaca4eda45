import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { JIT_FLAGS, jitFlagsFor } from '../src/jit-tuning.js';
import { runCli } from './helpers/cli.js';

describe('compiler settings for a short run', () => {
  const v8 = '11.3.244.8-node.33';

  it('are set on the V8 they were measured on, unless REPOLISH_JIT=default', () => {
    expect(jitFlagsFor({}, [], v8)).toEqual(JIT_FLAGS);
    expect(jitFlagsFor({ REPOLISH_JIT: 'default' }, [], v8)).toEqual([]);
    expect(jitFlagsFor({}, [], '12.4.254.21-node.33')).toEqual([]);
  });

  it('leave alone a flag the user gave node, in either spelling', () => {
    expect(jitFlagsFor({}, ['--interrupt-budget=5000'], v8)).toEqual(['--max-inlined-bytecode-size-cumulative=50']);
    expect(jitFlagsFor({}, ['--max_inlined_bytecode_size_cumulative=10', '--interrupt_budget'], v8)).toEqual([]);
  });

  it('this V8 knows them: the CLI prints nothing else, with the settings and with the defaults', () => {
    const version = runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(runCli(['--version'], { env: { ...process.env, REPOLISH_JIT: 'default' } }).stdout).toBe(version.stdout);
    // A flag V8 does not know is reported on the process's output: the check above would see it.
    const unknown = spawnSync(process.execPath, ['-e', "require('node:v8').setFlagsFromString('--no-such-flag-here'); process.stdout.write('')"], { encoding: 'utf8' });
    expect(unknown.stdout + unknown.stderr).toMatch(/unrecognized flag/);
  });
});
