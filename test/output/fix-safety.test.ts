/** Fix applicability: `fix --write` applies the safe fixes; the ones that can change behaviour only with `--unsafe`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const DOCKERFILE = 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n';

function repo(): string {
  const root = makeRepo({ 'Dockerfile': DOCKERFILE, 'requirements.txt': 'flask\n', 'app.py': 'import flask\n', '.dockerignore': '.git\n', '.gitignore': '' }, ['Dockerfile', 'requirements.txt', 'app.py', '.dockerignore', '.gitignore']);
  made.push(root);
  return root;
}

describe('fix safety', () => {
  it('every rule with a fix declares it safe or unsafe in its own metadata', () => {
    for (const rule of RULES.filter((r) => r.fix)) expect(['safe', 'unsafe'], rule.meta.id).toContain(rule.meta.fixSafety);
    const safety = Object.fromEntries(RULES.filter((r) => r.fix).map((r) => [r.meta.id, r.meta.fixSafety]));
    expect(safety['docker/apt-recommends']).toBe('unsafe');
    expect(safety['docker/pip-cache']).toBe('safe');
  });

  it('--write applies the safe fixes only and says which unsafe ones it left and how to apply them', () => {
    const root = repo();
    const run = runCli(['fix', root, '--write']);
    expect(run.code, run.stderr).toBe(0);
    const after = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(after).toContain('pip install --no-cache-dir -r requirements.txt');
    expect(after).not.toContain('--no-install-recommends');
    expect(run.stderr).toContain('safe fixes: docker/pip-cache (Dockerfile:4)');
    expect(run.stderr).toMatch(/unsafe fixes not applied \(they can change behaviour\): .*docker\/apt-recommends \(Dockerfile:2\)/);
    expect(run.stderr).toContain(`\`repolish fix ${root} --unsafe --write\` applies them too`);
  });

  it('--unsafe adds the rest, and the summary names them as unsafe', () => {
    const root = repo();
    const shown = runCli(['fix', root, '--unsafe']);
    expect(shown.stdout).toContain('+RUN apt-get update && apt-get install --no-install-recommends -y gcc');
    expect(shown.stderr).toMatch(/unsafe fixes included .*docker\/apt-recommends \(Dockerfile:2\)/);
    const run = runCli(['fix', root, '--unsafe', '--write']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toContain('--no-install-recommends');
  });

  it('--check considers the safe fixes unless --unsafe', () => {
    const root = repo();
    expect(runCli(['fix', root, '--write']).code).toBe(0);
    // Only unsafe fixes are left: a plain check passes, a check with --unsafe fails.
    expect(runCli(['fix', root, '--check']).code).toBe(0);
    expect(runCli(['fix', root, '--check', '--unsafe']).code).toBe(1);
  });

  it('the scan reports name --unsafe on the unsafe fixes only', () => {
    const root = repo();
    const json = JSON.parse(runCli(['scan', root, '--format', 'json']).stdout);
    const fixOf = (rule: string) => json.findings.find((f: { rule: string }) => f.rule === rule).fix as string;
    expect(fixOf('docker/apt-recommends')).toContain(`repolish fix ${root} --unsafe --write`);
    expect(fixOf('docker/pip-cache')).toContain(`repolish fix ${root} --write`);
    expect(fixOf('docker/pip-cache')).not.toContain('--unsafe');
  });
});
