/**
 * The import analysis on worker threads (`scan -j N`): the report is byte-identical to the main
 * thread's for any N, including files the workers leave to the main thread (undecodable ones).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseText } from '../../src/deps/imports.js';
import { hashAnalysis } from '../../src/model/read-log.js';
import { backdateTree } from '../helpers/cache.js';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, tempDir, type Tree } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** Enough Python files for the workers to start (MIN_FILES_FOR_WORKERS), of every kind the reading meets. */
function mixedProject(): Tree {
  const tree: Tree = { 'requirements.txt': 'requests\nlxml\npandas\nredis\nsqlalchemy\npsycopg2-binary\nnumpy\ndjango\n' };
  for (let i = 0; i < 90; i++) {
    const kind = i % 6;
    const body = [
      `import os\nimport module_${i + 1}\nfrom pkg_${i % 7} import thing\n`,
      `try:\n    import numpy\nexcept ImportError:\n    numpy = None\n\ndef f():\n    import json\n    return json\n`,
      `import pandas as pd\nframe = pd.read_html("x", flavor="lxml")\n`,
      `CACHE = "redis://localhost:6379/${i}"\nENGINE_URL = "postgresql+psycopg2://u@h/db"\n`,
      `INSTALLED_APPS = ["django.contrib.admin", "app_${i}"]\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}\n`,
      `import importlib\nplugin = importlib.import_module("plugins.p${i}")\n`,
    ][kind];
    tree[`svc/m${i}/mod_${i}.py`] = body;
  }
  tree['svc/latin.py'] = Buffer.concat([Buffer.from('# coding: latin-1\nimport requests\ns = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
  tree['svc/utf16.py'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import sqlalchemy\n', 'utf16le')]);
  tree['svc/broken.py'] = Buffer.from([0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x20, 0xff, 0xfe, 0x0a]);
  tree['svc/nul.py'] = Buffer.from('import redis\n\0\n');
  tree['svc/notes.ipynb'] = JSON.stringify({ cells: [{ cell_type: 'code', source: 'import lxml\n' }] });
  tree['svc/bad.ipynb'] = '{"cells": [';
  return tree;
}

function scan(root: string, jobs: string) {
  return runCli(['scan', '--format', 'json', '--no-cache', '-j', jobs, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'workers' } });
}

describe('scan -j', () => {
  it('gives the same report on 1, 2 and 3 threads', () => {
    const root = makeRepo(mixedProject());
    made.push(root);
    const one = scan(root, '1');
    expect(one.code).toBe(0);
    expect(one.stderr).not.toContain('workers:');
    const two = scan(root, '2');
    // 96 files: the two that cannot be decoded are left to the main thread, which warns about them.
    expect(two.stderr).toMatch(/workers: 94 of 96 Python files analysed on 2 threads \(\d+ of them copies/);
    expect(two.stdout).toBe(one.stdout);
    expect(scan(root, '3').stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as { warnings: Array<{ path: string }> };
    expect(report.warnings.map((w) => w.path)).toEqual(expect.arrayContaining(['svc/broken.py', 'svc/nul.py', 'svc/bad.ipynb']));
    expect(one.stderr).toBe(two.stderr.replace(/repolish: workers:.*\n/g, ''));
  });

  it('analyses copies of a file once, and never takes a notebook for a Python file with the same bytes', () => {
    // A JSON notebook is also a valid Python expression: the same bytes are read two ways.
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: 'import lxml\n' }] });
    const tree: Tree = { 'requirements.txt': 'requests\n', 'app/as_python.py': notebook, 'app/as_notebook.ipynb': notebook };
    for (let i = 0; i < 80; i++) tree[`copies/c${i}/client.py`] = 'try:\n    import requests\nexcept ImportError:\n    requests = None\n';
    const root = makeRepo(tree);
    made.push(root);
    const one = scan(root, '1');
    const two = scan(root, '2');
    expect(two.stdout).toBe(one.stdout);
    // Each of the two workers analyses the copied text at most once.
    const copies = Number(/workers: 82 of 82 Python files analysed on 2 threads \((\d+) of them copies/.exec(two.stderr)?.[1]);
    expect(copies).toBeGreaterThanOrEqual(78);
    const report = JSON.parse(two.stdout) as { findings: Array<{ rule: string; package?: string; importedIn?: string[] }> };
    // The notebook imports lxml; the Python file (a dict expression) imports nothing.
    expect(report.findings.filter((f) => f.rule === 'deps/missing' && f.package === 'lxml').map((f) => f.importedIn)).toEqual([['app/as_notebook.ipynb']]);
    expect(report.findings.filter((f) => f.rule === 'deps/unused' && f.package === 'requests')).toEqual([]);
  });

  it('logs for the report memo the analysis hashes the main thread would make', () => {
    const root = makeRepo(mixedProject());
    made.push(root);
    const cacheDir = tempDir();
    made.push(cacheDir);
    const run = runCli(['scan', '--format', 'json', '--cache-dir', cacheDir, '-j', '2', root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'workers' } });
    expect(run.stderr).toMatch(/workers: 94 of 96/);
    const memo = readdirSync(cacheDir).find((name) => name.includes('-report-'))!;
    const body = JSON.parse(readFileSync(join(cacheDir, memo)).toString('utf8').split('\n').slice(2).join('\n')) as { reads: Array<{ kind: string; path: string; hash: string }> };
    const analyses = body.reads.filter((r) => r.kind === 'analysis');
    expect(analyses.length).toBeGreaterThan(90);
    for (const { path, hash } of analyses) {
      if (path === 'svc/latin.py' || path === 'svc/utf16.py') continue; // decoded otherwise than as UTF-8 below
      expect(hash, path).toBe(hashAnalysis(analyseText(readFileSync(join(root, path), 'utf8'), path)));
    }
  });

  it('starts the workers ahead of the classification only when most files will need reading, and ends them when they are not used', () => {
    const root = makeRepo(mixedProject());
    made.push(root);
    backdateTree(root); // a file changed in the last seconds is not cached (racily clean)
    const cacheDir = tempDir();
    made.push(cacheDir);
    const cached = (...flags: string[]) => runCli(['scan', '--format', 'json', '--cache-dir', cacheDir, '--no-report-memo', '-j', '2', ...flags, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'workers' } });
    const first = cached();
    expect(first.stderr).toMatch(/workers: started ahead of the classification\n(.*\n)*.*workers: 94 of 96/);
    // The cache now answers every file: no worker is started, ahead or later.
    const second = cached();
    expect(second.stderr).not.toContain('workers:');
    expect(second.stdout).toBe(first.stdout);

    // Enough Python files outside ignored folders, but in a virtualenv the classification finds:
    // the workers started ahead have nothing to read, and the scan still ends at once.
    const tree: Tree = { 'requirements.txt': 'requests\n', 'app/main.py': 'import requests\n', 'env/pyvenv.cfg': 'home = /usr/bin\n' };
    for (let i = 0; i < 70; i++) tree[`env/lib/python3.12/site-packages/pkg${i}/__init__.py`] = `import os\nVALUE = ${i}\n`;
    const venvRoot = makeRepo(tree);
    made.push(venvRoot);
    const start = Date.now();
    const two = runCli(['scan', '--format', 'json', '--no-cache', '-j', '2', venvRoot], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'workers' }, timeout: 60_000 });
    expect(two.code).toBe(0);
    expect(Date.now() - start).toBeLessThan(60_000);
    expect(two.stderr).toContain('workers: started ahead of the classification');
    expect(two.stderr).not.toContain('Python files analysed');
    expect(two.stdout).toBe(scan(venvRoot, '1').stdout);
  });

  it('refuses a -j that is not a whole number of at least 1', () => {
    for (const bad of ['0', 'two', '-1']) {
      const run = runCli(['scan', '-j', bad, '.']);
      expect(run.code, bad).toBe(2);
      expect(run.stderr, bad).toMatch(/--jobs must be a whole number of at least 1/);
    }
    expect(runCli(['codemod', 'run', 'whisper-to-faster-whisper', '-j', '0', '.']).code).toBe(2);
  });
});
