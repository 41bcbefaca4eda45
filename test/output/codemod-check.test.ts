/** `codemod run --check` for CI after a migration, and `-q` as on the other commands. */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function repo(requirements: string): string {
  const root = makeRepo({ 'app.py': 'import flask\n', 'requirements.txt': requirements }, ['app.py', 'requirements.txt']);
  made.push(root);
  return root;
}

describe('codemod run --check and -q', () => {
  it('exits 1 while the codemod would change something, 0 once it would not, and writes nothing', () => {
    const root = repo('flask\nrequests\n');
    const pending = runCli(['codemod', 'run', 'prune-requirements', root, '--check']);
    expect(pending.code, pending.stderr).toBe(1);
    expect(pending.stdout).toContain('-requests');
    expect(pending.stderr).toContain('would change; failing (--check)');
    expect(runCli(['codemod', 'run', 'prune-requirements', root, '--write']).code).toBe(0);
    const clean = runCli(['codemod', 'run', 'prune-requirements', root, '--check']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('--check with --write is a usage error', () => {
    const run = runCli(['codemod', 'run', 'prune-requirements', repo('flask\n'), '--check', '--write']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--check changes nothing');
  });

  it('-q leaves stderr empty and the diff on stdout', () => {
    const run = runCli(['codemod', 'run', 'prune-requirements', repo('flask\nrequests\n'), '-q']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('-requests');
  });
});
