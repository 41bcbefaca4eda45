/**
 * Codemods' file patterns: the direct matcher for `*.ext` patterns answers exactly as the
 * .gitignore matcher (the `ignore` package) does, folders named like files included.
 */
import { execFileSync } from 'node:child_process';
import ignore from 'ignore';
import { expect, test } from 'vitest';
import { listFiles, patternMatcher } from '../../src/engine/files.js';
import { tempDir, writeFiles } from './helpers.js';

const PATHS = [
  'a.py', 'app/main.py', 'app/main.pyc', 'app/main.py.bak', 'app/main.PY', '.py', 'x/.py', 'py', 'x/py', 'apy',
  'lib.py/readme.txt', 'deep/er/pkg.py/sub/data.json', 'a.pyi', 'stubs/b.pyi', 'notes/a.py.txt', 'x.py~', 'dir/x py',
  'é/ü.py', 'has space/a b.py', 'tabs\there.py', 'a-b_c.d.py', 'a/b/c/d/e/f/g.txt', 'README', 'Makefile',
];

function reference(patterns: string[]): (path: string) => boolean {
  const ig = ignore({ ignorecase: false }).add(patterns);
  return (path) => ig.ignores(path);
}

test.each([[['*.py']], [['*.py', '*.pyi']], [['*.txt']], [['*.json', '*.py']]])('%j: the direct matcher answers as .gitignore matching does', (patterns) => {
  const direct = patternMatcher(patterns);
  const expected = reference(patterns);
  expect(PATHS.map((p) => [p, direct(p)])).toEqual(PATHS.map((p) => [p, expected(p)]));
});

test('other patterns still go through .gitignore matching', () => {
  const m = patternMatcher(['requirements*.txt', '!requirements-dev.txt', 'docker/**']);
  expect(['requirements.txt', 'requirements-dev.txt', 'docker/a/b', 'x/requirements-gpu.txt'].map(m)).toEqual([true, false, true, true]);
});

test('listing leaves out files below skipped folders and environments, at any depth', () => {
  const t = tempDir();
  try {
    writeFiles(t.dir, {
      'a.py': '', 'pkg/node_modules/x.js': '', 'pkg/sub/__pycache__/m.pyc': '', 'pkg/sub/m.py': '',
      'tools/env/pyvenv.cfg': 'home = /usr\n', 'tools/env/lib/site.py': '', 'tools/envy.py': '',
    });
    execFileSync('git', ['init', '-q'], { cwd: t.dir });
    expect(listFiles(t.dir).files).toEqual(['a.py', 'pkg/sub/m.py', 'tools/envy.py']);
  } finally {
    t.cleanup();
  }
});
