/**
 * Rules run ahead of their turn while the import workers analyse (src/model/reads-ahead.ts): the
 * report, its warnings and their order are those of a scan on one thread, and a rule run ahead
 * may read neither a Python file nor the import analysis.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { collectScanFacts } from '../../src/model/facts.js';
import { NotYet, readingAhead } from '../../src/model/reads-ahead.js';
import { contextOf } from '../../src/bloat/scan-context.js';
import { scanProjectPython } from '../../src/deps/imports.js';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, type Tree } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const NOT_UTF8 = Buffer.from([0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x20, 0xff, 0xfe, 0x0a]);

/** Enough Python files for the workers, and warnings and findings from both the import analysis and the rules before it. */
function project(): Tree {
  const tree: Tree = {
    'requirements.txt': 'requests\nflask\n',
    // Warnings of the import analysis, told on the main thread after the workers.
    'app/broken.py': NOT_UTF8,
    'app/latin.py': '# -*- coding: uft-8 -*-\nimport os\n',
    // Warnings and findings of rules that run ahead: a Dockerfile that is not text, its build
    // context without a .dockerignore, bloat, a configuration entry used and one unused.
    'Dockerfile': Buffer.concat([Buffer.from('FROM python:3.12\nCOPY . /app\n'), NOT_UTF8]),
    'svc/Dockerfile': 'FROM python:3.12\nCOPY . /srv\n',
    'svc/main.py': 'import flask\n',
    'node_modules/left-pad/index.js': 'module.exports = 1;\n',
    'logs/app.log': 'x'.repeat(4096),
    'repolish.config.json': JSON.stringify({ ignore: [{ rule: 'bloat/log', path: 'logs' }, { rule: 'bloat/archive', path: 'nowhere' }] }),
  };
  for (let i = 0; i < 70; i++) tree[`app/m${i}.py`] = `import os\nimport requests\nVALUE = ${i}\n`;
  return tree;
}

describe('rules run ahead', () => {
  it('give the report and the warnings, in order, of a scan on one thread', () => {
    const root = makeRepo(project(), ['requirements.txt', 'app', 'svc']);
    made.push(root);
    const scan = (jobs: string) => runCli(['scan', '--format', 'json', '--no-cache', '--verbose', '-j', jobs, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'ahead' } });
    const one = scan('1');
    const two = scan('2');
    expect(one.stderr).not.toMatch(/rules run ahead/);
    const ran = /^repolish: rules run ahead: (\d+)\n/m.exec(two.stderr);
    expect(Number(ran?.[1])).toBeGreaterThan(5);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.replace(ran![0], '')).toBe(one.stderr);
    // The warnings the test is about are there, the import analysis's before the rules'.
    const warnings = (JSON.parse(two.stdout) as { warnings: Array<{ path: string; message: string }> }).warnings.map((w) => w.path);
    expect(warnings.indexOf('app/broken.py')).toBeGreaterThanOrEqual(0);
    expect(warnings.indexOf('Dockerfile')).toBeGreaterThan(warnings.indexOf('app/broken.py'));
  });

  it('stop at a Python file or the import analysis, and read anything else', async () => {
    const root = makeRepo({ 'app/main.py': 'import os\n', 'notes.txt': 'hello\n' });
    made.push(root);
    const facts = await collectScanFacts(root);
    const { bloat } = contextOf(facts, {});
    readingAhead(facts, () => {
      expect(facts.readText('notes.txt')).toBe('hello\n');
      expect(() => facts.readText('app/main.py')).toThrow(NotYet);
      expect(() => facts.readHead('app/main.py', 10)).toThrow(NotYet);
      expect(() => scanProjectPython(facts, bloat)).toThrow(NotYet);
    });
    // In its turn the same reads are answered.
    expect(facts.readText('app/main.py')).toBe('import os\n');
    expect(scanProjectPython(facts, bloat).files).toEqual(['app/main.py']);
  });
});
