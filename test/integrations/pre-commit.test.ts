/**
 * .pre-commit-hooks.yaml, run the way pre-commit runs a hook: in the repository's top folder,
 * `entry` split into words, then the hook's `args`, then file names unless `pass_filenames` is
 * false; the executable found on PATH (for `language: node`, the package's bin). The hook passes
 * when the command exits 0.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { gitEnv, makeRepo, runGit, tempDir } from '../helpers/repo.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  args?: string[];
  pass_filenames?: boolean;
  always_run?: boolean;
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const hooks = parse(readFileSync(join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
let shimDir: string;

beforeAll(() => {
  shimDir = tempDir('repolish-shim-');
  writeFileSync(join(shimDir, 'repolish'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shimDir, 'repolish'), 0o755);
});

function runHook(id: string, repo: string, extraArgs: string[] = [], staged: string[] = []): { code: number; output: string } {
  const hook = hooks.find((h) => h.id === id)!;
  const [command, ...entryArgs] = hook.entry.split(/\s+/);
  const argv = [...entryArgs, ...(hook.args ?? []), ...extraArgs, ...(hook.pass_filenames === false ? [] : staged)];
  const run = spawnSync(command, argv, { cwd: repo, encoding: 'utf8', env: { ...gitEnv, PATH: `${shimDir}:${process.env.PATH}`, NO_COLOR: '1' } });
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

const CLEAN = { 'app.py': 'print(1)\n', '.gitignore': '__pycache__/\n*.log\nvenv/\n' };

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks on the package bin that see the whole repository', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(hooks.map((h) => h.id)).toEqual(['repolish-scan', 'repolish-ignore-files']);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(Object.keys(pkg.bin)).toContain(hook.entry.split(' ')[0]);
      expect(hook.pass_filenames).toBe(false);
      expect(hook.always_run).toBe(true);
      expect(hook.name).toBeTruthy();
    }
  });

  it('repolish-scan passes on a clean repository and fails on committed bloat', () => {
    const repo = makeRepo(CLEAN, ['app.py', '.gitignore']);
    expect(runHook('repolish-scan', repo)).toMatchObject({ code: 0 });

    writeFileSync(join(repo, 'server.log'), 'log line\n');
    runGit(repo, ['add', '-f', 'server.log']);
    const failed = runHook('repolish-scan', repo, [], ['server.log']);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('git/tracked-bloat');
    expect(failed.output).toContain('server.log');
  });

  it('repolish-scan takes a stricter threshold from the hook args', () => {
    const repo = makeRepo({ ...CLEAN, 'logs/app.log': 'x\n', '.gitignore': 'venv/\n' }, ['app.py', '.gitignore']);
    expect(runHook('repolish-scan', repo).code).toBe(0); // warnings only
    expect(runHook('repolish-scan', repo, ['--fail-on', 'warning']).code).toBe(1);
  });

  it('repolish-ignore-files fails with the patch to apply, and passes once fix --write applied it', () => {
    const repo = makeRepo({ 'app.py': 'print(1)\n', '.gitignore': 'venv/\n', 'logs/app.log': 'x\n', 'pkg/__pycache__/m.cpython-311.pyc': 'b' }, ['app.py', '.gitignore']);
    const failed = runHook('repolish-ignore-files', repo);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('+++ b/.gitignore');
    expect(failed.output).toContain('+__pycache__/');
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('venv/\n'); // --check writes nothing

    const fix = spawnSync(process.execPath, [BIN, 'fix', '--write'], { cwd: repo, encoding: 'utf8', env: gitEnv });
    expect(fix.status).toBe(0);
    const passed = runHook('repolish-ignore-files', repo);
    expect(passed.output).toContain('nothing to change');
    expect(passed.code).toBe(0);
  });
});
