/**
 * A `.gitignore` that is a FIFO makes git wait forever on it (so does `git status`). The codemod
 * engine lists files with git: it must stop at a time limit and say which file is the cause, not
 * hang. REPOLISH_GIT_TIMEOUT_S shortens the limit here.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe('git listing under a time limit', () => {
  it('a FIFO named .gitignore: exit 2 naming it, within the limit, nothing written', () => {
    const root = makeRepo({ 'requirements.txt': 'requests\nollama\n', 'app/main.py': 'import requests\n' }, ['requirements.txt', 'app/main.py']);
    made.push(root);
    execFileSync('mkfifo', [join(root, 'app/.gitignore')]);
    const started = Date.now();
    const run = runCli(['codemod', 'run', 'remove-ollama', '--write', root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_GIT_TIMEOUT_S: '2' }, timeout: 120_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot list the files: git \S+ did not finish in 2 s: app\/\.gitignore is not a regular file, and git waits on such a file forever/);
    expect(Date.now() - started).toBeLessThan(100_000);
    expect(execFileSync('git', ['diff', '--stat'], { cwd: root, encoding: 'utf8' })).toBe('');
  });
});
