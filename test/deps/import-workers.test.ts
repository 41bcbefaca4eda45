/**
 * The import workers when things go wrong: a worker that runs out of memory fails alone (the others
 * finish the work, its unfinished files are left to the main thread), and a file too large for a
 * worker's bounded heap is read on the main thread; the report is the one thread's either way.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_WORKER_FILE_BYTES, startImportWorkers } from '../../src/deps/import-workers.js';
import { analyseText } from '../../src/deps/imports.js';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, type Tree } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** About 1 MB of import lines: its analysis needs more than a 12 MB heap. */
const HEAVY = Array.from({ length: 27_000 }, (_, i) => `import mod_${i}.sub_${i}.leaf_${i}\n`).join('');

function project(extra: Tree): Tree {
  const tree: Tree = { 'requirements.txt': 'requests\n', ...extra };
  for (let i = 0; i < 70; i++) tree[`app/m${i}.py`] = `import os\nimport requests\nVALUE = ${i}\n`;
  return tree;
}

describe('import workers', () => {
  it('go on without a worker that runs out of memory, leaving its files to the main thread', async () => {
    const root = makeRepo(project({ 'app/heavy.py': HEAVY }));
    made.push(root);
    const items = [{ path: 'app/heavy.py', size: HEAVY.length }, ...Array.from({ length: 70 }, (_, i) => ({ path: `app/m${i}.py`, size: 0 }))];
    // A real V8 heap limit, small enough that the heavy file exhausts it.
    const results = await startImportWorkers(root, 2, 12).analyse(items);
    expect(results).toHaveLength(71);
    expect(results[0]).toBeNull();
    const done = results.slice(1).filter((r) => r !== null);
    // The failed worker's unfinished run is lost; the other worker analysed the rest.
    expect(done.length).toBeGreaterThanOrEqual(60);
    for (const [i, r] of results.entries()) {
      if (i === 0 || r === null) continue;
      const { content: _bytes, ...analysis } = r.analysis;
      expect(analysis).toEqual(analyseText(`import os\nimport requests\nVALUE = ${i - 1}\n`, `app/m${i - 1}.py`));
      expect(r.key?.size).toBeGreaterThan(0);
    }
  });

  it('give every copy of a file the analysis of the first, sent once per worker', async () => {
    // Three texts, each in 40 files, and the notebook-shaped bytes read both ways.
    const texts = ['import os\n', 'import requests\nimport json\n', 'from flask import Flask\n'];
    const tree: Tree = {};
    for (let i = 0; i < 120; i++) tree[`copies/c${i}/mod.py`] = texts[i % 3];
    const root = makeRepo(tree);
    made.push(root);
    const items = Array.from({ length: 120 }, (_, i) => ({ path: `copies/c${i}/mod.py`, size: texts[i % 3].length }));
    const results = await startImportWorkers(root, 2).analyse(items, { hashes: true });
    for (const [i, r] of results.entries()) {
      expect(r, `item ${i}`).not.toBeNull();
      const { content: _bytes, ...analysis } = r!.analysis;
      expect(analysis, `item ${i}`).toEqual(analyseText(texts[i % 3], items[i].path));
      expect(r!.key?.size).toBe(texts[i % 3].length);
      expect(r!.hash).toBe(results[i % 3]!.hash);
      expect('sameAs' in r!).toBe(false);
    }
    // At most one analysis per text and worker was made (and cloned); the copies share it.
    expect(new Set(results.map((r) => r!.analysis)).size).toBeLessThanOrEqual(6);
    expect(results.filter((r) => r!.copy).length).toBeGreaterThanOrEqual(114);
  });

  it('leave a file larger than a worker takes to the main thread, with the same report', () => {
    const big = `${'# padding\n'.repeat(Math.ceil(MAX_WORKER_FILE_BYTES / 10))}import lxml\n`;
    const root = makeRepo(project({ 'app/big.py': big }));
    made.push(root);
    const scan = (jobs: string) => runCli(['scan', '--format', 'json', '--no-cache', '-j', jobs, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'workers' } });
    const one = scan('1');
    const two = scan('2');
    expect(two.stderr).toMatch(/workers: 70 of 70 Python files analysed on 2 threads/);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as { findings: Array<{ rule: string; package?: string; importedIn?: string[] }> };
    const line = Math.ceil(MAX_WORKER_FILE_BYTES / 10) + 1;
    expect(report.findings.filter((f) => f.rule === 'deps/missing' && f.package === 'lxml').map((f) => f.importedIn)).toEqual([[`app/big.py:${line}`]]);
  });
});
