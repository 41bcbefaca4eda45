/**
 * `scan --shard i/n`: the shards of one tree, merged, are the full scan: the same findings (as a
 * multiset) and the same totals, and `repolish merge` folds them into one repository.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

const kb = (n: number) => 'x'.repeat(n * 1024);

function tree(): string {
  const files: Record<string, string | Buffer> = {
    'requirements.txt': 'flask\nrequests\npandas\n',
    'main.py': 'import flask\n',
    'README.md': '# svc\n',
    '.gitignore': '*.pyc\n',
  };
  for (const name of ['api', 'worker', 'ui', 'tools', 'data', 'docs', 'infra', 'batch']) {
    files[`${name}/__init__.py`] = '';
    files[`${name}/job.py`] = 'import requests\n';
    files[`${name}/logs/run.log`] = kb(name.length);
    files[`${name}/__pycache__/job.cpython-311.pyc`] = Buffer.concat([Buffer.from([0xa7, 0x0d, 0x0d, 0x0a]), Buffer.alloc(100 * name.length)]);
  }
  files['.venv/pyvenv.cfg'] = 'home = /usr/bin\nversion = 3.11.4\n';
  files['.venv/lib/python3.11/site-packages/x.py'] = kb(3);
  files['cache.db'] = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096)]);
  files['worker/committed.log'] = 'tracked\n';
  const tracked = Object.keys(files).filter((p) => !p.includes('__pycache__') && !p.includes('.venv') && !p.includes('/logs/'));
  return makeRepo(files, tracked);
}

describe('scan --shard i/n', () => {
  it('shards that, merged, are the full scan: same findings, same totals, one repository', () => {
    const root = tree();
    const full = runCli(['scan', root, '--format', 'json', '--quiet']);
    expect(full.code, full.stderr).toBe(0);
    const fullReport = JSON.parse(full.stdout);
    expect(fullReport.findings.some((f: { rule: string }) => f.rule.startsWith('deps/'))).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'repolish-shards-'));
    const shards = [1, 2, 3].map((i) => {
      const run = runCli(['scan', root, '--format', 'json', '--quiet', '--shard', `${i}/3`]);
      expect(run.code, run.stderr).toBe(0);
      writeFileSync(join(dir, `shard-${i}.json`), run.stdout);
      return JSON.parse(run.stdout);
    });
    expect(shards.map((s) => s.shard)).toEqual([{ index: 1, count: 3 }, { index: 2, count: 3 }, { index: 3, count: 3 }]);
    // More than one shard holds findings: the split is real.
    expect(shards.filter((s) => s.findings.length > 0).length).toBeGreaterThan(1);
    const canonical = (list: unknown[]) => list.map((f) => JSON.stringify(f, Object.keys(f as object).sort())).sort();
    expect(canonical(shards.flatMap((s) => s.findings))).toEqual(canonical(fullReport.findings));
    for (const key of ['bytes', 'files', 'allocatedBytes']) {
      expect(shards.reduce((sum, s) => sum + s.totals[key], 0), key).toBe(fullReport.totals[key]);
    }
    // A re-run of a shard is the same shard.
    expect(JSON.parse(runCli(['scan', root, '--format', 'json', '--quiet', '--shard', '2/3']).stdout).findings).toEqual(shards[1].findings);

    const merged = JSON.parse(runCli(['merge', dir, '--format', 'json']).stdout);
    writeFileSync(join(dir, '..', `${dir.split('/').pop()}-full.json`), full.stdout);
    const single = JSON.parse(runCli(['merge', join(dir, '..', `${dir.split('/').pop()}-full.json`), '--format', 'json']).stdout);
    expect(merged.repositories).toHaveLength(1);
    const strip = (fleet: { repositories: { reports: string[] }[] }) => ({ ...fleet, repositories: fleet.repositories.map((r) => ({ ...r, reports: [] })) });
    expect(strip(merged)).toEqual(strip(single));
  });

  it('names a missing shard, and refuses a malformed --shard', () => {
    const root = tree();
    const dir = mkdtempSync(join(tmpdir(), 'repolish-shards-'));
    writeFileSync(join(dir, 'one.json'), runCli(['scan', root, '--format', 'json', '--quiet', '--shard', '1/2']).stdout);
    const merged = runCli(['merge', dir, '--format', 'json']);
    expect(merged.stderr).toContain('shard 2 of 2 missing');
    for (const bad of ['3/2', 'x']) {
      const run = runCli(['scan', root, '--shard', bad]);
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toContain(`--shard ${bad}: expected i/n`);
    }
  });
});
