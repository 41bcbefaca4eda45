/**
 * The worst case's floors as `npm run bench` runs them (the built drivers, on worker threads): the
 * parse loop and the engine's parse-only run look at the files the worst case looks at, and change
 * nothing. No timing here.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Scratch } from '../helpers/scratch.js';
import { WHISPER_SCRIPT, writeFiles } from '../engine/helpers.js';

const scratch = new Scratch();
const dist = join(import.meta.dirname, '..', '..', 'dist', 'bench');

function run(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [join(dist, script), ...args], { encoding: 'utf8' });
}

describe('worst-case floors', () => {
  it('parse the Python files the worst case looks at (archive copies left out), and change nothing', () => {
    const root = scratch.dir();
    const files: Record<string, string> = { 'README.md': '# app\n', 'archive/old/app.py': WHISPER_SCRIPT, 'archive/old/README.md': 'copy\n' };
    // Enough files for the engine to start its workers (src/engine/runner.ts, 200 at least).
    for (let i = 0; i < 240; i++) files[`app/m${i}.py`] = i % 40 === 0 ? WHISPER_SCRIPT : `import os\nVALUE = ${i}\n`;
    writeFiles(root, files);

    const worst = run('worst-case-codemod.js', root);
    expect(worst.status).toBe(0);
    expect(worst.stderr).toMatch(/^whisper-every-file: 6 modified, 0 skipped \(240 files looked at, 240 transformed, \d workers/m);
    expect(worst.stdout).toMatch(/^diff --git /m);

    const engine = run('worst-case-codemod.js', '--parse-only', root);
    expect(engine.status).toBe(0);
    expect(engine.stderr).toMatch(/^parse-only: 0 modified, 0 skipped \(240 files looked at, 240 transformed, \d workers, 0 review items\)/m);
    expect(engine.stdout).toBe('');

    const loop = run('parse-loop.js', root);
    expect(loop.status).toBe(0);
    expect(loop.stderr).toMatch(/^parse loop: 240 Python files parsed \(\d+ characters\), \d workers$/m);

    expect(run('parse-loop.js').status).toBe(2);
    expect(run('worst-case-codemod.js', '--parse-only').status).toBe(2);
  });
});
