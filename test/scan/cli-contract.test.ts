import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const PYC = Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]);

describe('scan command contract', () => {
  it('--format json prints schema 1 and nothing else on stdout', () => {
    const root = makeRepo({ 'a/__pycache__/x.cpython-311.pyc': PYC, 'a/x.py': 'x = 1\n', 'venv/pyvenv.cfg': 'version = 3.11.2\n' });
    made.push(root);
    const { code, stdout } = runCli(['scan', '--format', 'json', root]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.root).toBe(root);
    expect(report.totals).toMatchObject({ bytes: expect.any(Number), files: 3 });
    const venv = report.findings.find((f: { rule: string }) => f.rule === 'bloat/venv');
    expect(venv).toMatchObject({ severity: 'warning', path: 'venv', files: 1, tracked: false, ignored: false });
    expect(typeof venv.message).toBe('string');
    for (const f of report.findings) expect(f.path.endsWith('/')).toBe(false);
  });

  it('--fail-on exits 1 at or above the threshold and 0 below it', () => {
    const root = makeRepo({ 'a/__pycache__/x.cpython-311.pyc': PYC, 'a/x.py': 'x = 1\n', '.gitignore': '__pycache__/\n' });
    made.push(root);
    expect(runCli(['scan', '--fail-on', 'info', root]).code).toBe(1);
    expect(runCli(['scan', '--fail-on', 'error', root]).code).toBe(0);
    expect(runCli(['scan', '--fail-on', 'fatal', root]).code).toBe(2);
  });

  it('--output writes the report to a file and leaves stdout empty', () => {
    const root = makeRepo({ 'x.log': 'x\n' });
    made.push(root);
    const out = join(tempDir(), 'report.json');
    const { code, stdout } = runCli(['scan', '--format', 'json', '--output', out, root]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
  });

  it('a path that is not a directory is exit 2 with one line naming it', () => {
    const dir = tempDir();
    made.push(dir);
    writeFileSync(join(dir, 'file.txt'), 'x');
    const notDir = runCli(['scan', join(dir, 'file.txt')]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr.trim().split('\n')).toEqual([`repolish: ${join(dir, 'file.txt')}: not a directory`]);
    const missing = runCli(['scan', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such directory');
    expect(runCli(['scan', '--format', 'yaml', dir]).code).toBe(2);
  });

  it('the text report shows a size breakdown and the bloat marked', () => {
    const root = makeRepo({ 'venv/pyvenv.cfg': 'version = 3.11.2\n', 'venv/big.bin': Buffer.alloc(50_000), 'src/app.py': 'x = 1\n' });
    made.push(root);
    const { stdout } = runCli(['scan', root]);
    expect(stdout).toContain('Size breakdown');
    expect(stdout).toMatch(/├── venv\/\s+50\.0 KB\s+100\.0 %\s+! bloat\/venv/);
    expect(stdout).toMatch(/└── src\/\s+6 B/);
  });
});
