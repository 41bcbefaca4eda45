/** Write errors name the file the user gave (never a temporary file) and say what is wrong. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe('write errors', () => {
  it('a report to a folder that does not exist names the file and the folder, exit 2', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'run.log': 'x\n' }, ['app.py']);
    const out = tempDir('repolish-out-');
    made.push(root, out);
    const target = join(out, 'missing', 'report.json');
    const run = runCli(['scan', '-q', root, '-f', 'json', '-o', target]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`repolish: ${target}: cannot write: the folder ${join(out, 'missing')} does not exist\n`);
    expect(run.stderr).not.toMatch(/\.tmp|repolish-tmp|ENOENT/);
    mkdirSync(join(out, 'report.md'));
    const folder = runCli(['scan', '-q', root, '-f', 'markdown', '-o', join(out, 'report.md')]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`repolish: ${join(out, 'report.md')}: cannot write: is a folder\n`);
  });
});
