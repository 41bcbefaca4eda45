/**
 * The safety check of a candidate ignore pattern is answered per folder and per name
 * (src/ignorefiles/name-patterns.ts). It must give what testing every file's path with the ignore
 * library gives: for every pattern shape the planners produce and for the shapes that must fall
 * back to the per-path test (negations, anchored paths, `**` inside, classes), over trees with
 * odd names (line breaks, `constructor`, dots, brackets, non-ASCII).
 */
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { dockerMatcher } from '../../src/docker/build-contexts.js';
import { matchesAnyFile, namesOneComponent, type FilesInFolder } from '../../src/ignorefiles/name-patterns.js';

const NAMES = [
  'app.py', 'x.pyc', 'mod.pyo', '__pycache__', 'cache.db', 'notes.log', 'node_modules', 'build', 'a.b', '...',
  'constructor', 'toString', '__proto__', 'a\nb', 'line\r', 'é.pyc', 'a[b]', '!x', '#x', ' x', 'x ', 'back\\slash',
  '.mypy_cache', 'keep', 'pyc', 'db', 'a|b', 'x.py[cod]',
];

const PATTERNS: Record<'git' | 'docker', string[]> = {
  git: ['__pycache__/', '*.py[cod]', '*.db', '*.log', 'node_modules/', '.mypy_cache/', 'a?b', 'keep', '*', 'x.pyc/',
    '/build/', '/a/b', 'a/**/b', '!keep', '**/x.pyc', 'build/*.db', '\\#x', 'a[!b]',
    '/keep', '/build/keep', '/build/x.pyc/', '/a.b/', '/.mypy_cache/keep', '/build/../keep', '/./keep', '/x.pyc//keep', '/node_modules/build/db'],
  docker: ['**/__pycache__', '**/*.py[cod]', '**/*.db', '**/*.log', '**/node_modules', '**/keep', '**/a?b', '**/*',
    'build', 'build/x.pyc', '**/a/**/b', '!keep', '**/a|b', '**/[^a]', '*.db', '**/..', '**/.'],
};

/** A small deterministic generator (no Math.random: a failure must be reproducible). */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTree(seed: number, withOddNames: boolean): FilesInFolder[] {
  const next = generator(seed);
  const pool = withOddNames ? NAMES : NAMES.filter((n) => /^[\w.]+$/.test(n) && n !== 'constructor' && n !== 'toString' && n !== '__proto__');
  const pick = () => pool[Math.floor(next() * pool.length)];
  const folders: FilesInFolder[] = [];
  const dirs = [''];
  for (let i = 0; i < 12; i++) {
    const parent = dirs[Math.floor(next() * dirs.length)];
    const dir = parent === '' ? pick() : `${parent}/${pick()}`;
    if (!dirs.includes(dir)) dirs.push(dir);
  }
  for (const dir of dirs) {
    const names = [...new Set(Array.from({ length: Math.floor(next() * 4) }, pick))];
    if (names.length > 0) folders.push({ dir, names });
  }
  return folders;
}

function perPath(folders: FilesInFolder[], matches: (path: string) => boolean): boolean {
  return folders.some(({ dir, names }) => names.some((name) => matches(dir === '' ? name : `${dir}/${name}`)));
}

describe('per-folder pattern safety check', () => {
  it('takes only one-name patterns for the per-name answer', () => {
    expect(namesOneComponent('__pycache__/', 'git')).toBe(true);
    expect(namesOneComponent('*.py[cod]', 'git')).toBe(true);
    expect(namesOneComponent('/build/', 'git')).toBe(false);
    expect(namesOneComponent('!keep', 'git')).toBe(false);
    expect(namesOneComponent('**/*.py[cod]', 'docker')).toBe(true);
    expect(namesOneComponent('**/a|b', 'docker')).toBe(false);
    expect(namesOneComponent('**/[^a]', 'docker')).toBe(false);
    expect(namesOneComponent('**/..', 'docker')).toBe(false);
    expect(namesOneComponent('*.db', 'docker')).toBe(false);
  });

  for (const withOddNames of [false, true]) {
    it(`equals the per-path test of every file (${withOddNames ? 'odd names' : 'plain names'})`, () => {
      for (let seed = 1; seed <= 150; seed++) {
        const tree = randomTree(seed, withOddNames);
        for (const pattern of PATTERNS.git) {
          const matcher = ignore({ ignorecase: false }).add(pattern);
          const matches = (p: string) => matcher.ignores(p);
          expect(matchesAnyFile(tree, pattern, 'git', matches), `git ${JSON.stringify(pattern)} seed ${seed}`).toBe(perPath(tree, (p) => ignore({ ignorecase: false }).add(pattern).ignores(p)));
        }
        for (const pattern of PATTERNS.docker) {
          expect(matchesAnyFile(tree, pattern, 'docker', dockerMatcher(pattern)), `docker ${JSON.stringify(pattern)} seed ${seed}`).toBe(perPath(tree, dockerMatcher(pattern)));
        }
      }
    });
  }

  it('does not take a file for caught because a folder above it has a line break in its name (Docker)', () => {
    const tree: FilesInFolder[] = [{ dir: 'a\nb', names: ['x.pyc'] }];
    expect(perPath(tree, dockerMatcher('**/*.pyc'))).toBe(false);
    expect(matchesAnyFile(tree, '**/*.pyc', 'docker', dockerMatcher('**/*.pyc'))).toBe(false);
  });

  it('catches a file below a folder the pattern names, and one named by it, as the libraries do', () => {
    const tree: FilesInFolder[] = [{ dir: 'src', names: ['app.py'] }, { dir: 'src/__pycache__/deep', names: ['keep.txt'] }];
    expect(matchesAnyFile(tree, '**/__pycache__', 'docker', dockerMatcher('**/__pycache__'))).toBe(true);
    const git = ignore({ ignorecase: false }).add('__pycache__/');
    expect(matchesAnyFile(tree, '__pycache__/', 'git', (p) => git.ignores(p))).toBe(true);
    expect(matchesAnyFile([{ dir: 'src', names: ['__pycache__'] }], '__pycache__/', 'git', (p) => git.ignores(p))).toBe(false);
  });
});
