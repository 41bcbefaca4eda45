import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { GitIgnoreRules, type FolderJudge } from '../../src/model/gitignore.js';

/**
 * The judge skips asking a layer's matcher for names its patterns cannot reach (gitignore.ts
 * `Reach`). The answers must be the matcher's own: compare with asking every layer's matcher
 * for every path, over patterns of each kind the reach reads and names on both sides of them.
 */
const ignoreFiles: Record<string, string> = {
  '': '# top\n*.log\n!keep.log\n*.py[cod]\n/venv/\n.env\n!.env.example\nbuild/\n/logs/*\n!/logs/.gitkeep\na[b]c\n[ab]\nx?y\n/only-top\nsub/dir/\n!\n',
  // Only negations: what they re-include, a parent layer ignores.
  n: '!*.log\n!/build/\n!x.pyc\n',
  sub: '*\n!*.keep\n!dir/\n',
  doc: '**/*.pdf\n',
  x: 'deep\nlogs/\n/tmp/\nsecrets/*\n!secrets/README.md\nrun/\n!run/pid.txt\n',
  'x/y': 'trailing \nname\\ with\\ escape\n',
  w: 'foo]\n*.TXT\n[!z]q\n',
  v: '[a-c]\n*.[ch]\n[!z]\n',
};
const globals = ['*.tmp\n/dist/\n', 'core*\n'];

const names = [
  'a.log', 'keep.log', 'tmp', 'secrets', 'README.md', 'run', 'pid.txt', 'x.pyc', 'x.py', 'x.pyd', 'venv', '.env', '.env.example',
  'build', 'logs', '.gitkeep', 'foo]', 'foo', 'abc', 'a', 'b', 'c', 'xzy', 'x.pdf', 'deep', 'y.keep', 'only-top', 'sub', 'dir', 'data',
  'x.tmp', 'dist', 'core', 'core.1', 'trailing', 'name with escape', 'x.txt', 'x.TXT', 'zq', 'aq', 'm.c', 'm.h', 'm.cc', 'y', 'q', 'notes.txt',
];
const folders = ['', 'logs', 'sub', 'sub/dir', 'venv', 'a/b', 'x', 'x/logs', 'x/secrets', 'x/run', 'x/tmp', 'x/y', 'x/y/z', 'doc', 'doc/a', 'build/q', 'w', 'w/v', 'n', 'n/m', 'v', 'v/u', 'logs/a/b', 'x/secrets/k/l', 'build/q/r', 'a/b/c/d', 'x/y/z/w', 'sub/dir/e/f'];

/** Every layer's matcher asked in order, deepest first, then the global patterns. */
function askEveryLayer(path: string, isDir: boolean): boolean {
  const parts = path.split('/');
  const chain: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) chain.push(parts.slice(0, i).join('/'));
  const layers = [...chain.filter((f) => f in ignoreFiles).map((f) => ({ base: f, content: ignoreFiles[f] })), ...globals.map((content) => ({ base: '', content }))];
  for (const { base, content } of layers) {
    const rel = base === '' ? path : path.slice(base.length + 1);
    const result = ignore({ ignorecase: false, allowRelativePaths: true }).add(content).test(isDir ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

describe('the ignore judge', () => {
  it('answers as the matchers do for names its quick check passes over', () => {
    const rules = new GitIgnoreRules(false);
    for (const [folder, content] of Object.entries(ignoreFiles)) rules.addIgnoreFile(folder, content);
    for (const content of globals) rules.addGlobalPatterns(content);
    // A folder's judge made alone, and made from its parent's as the walk does (top-down).
    const judges = new Map<string, FolderJudge>();
    const fromParent = (folder: string): FolderJudge => {
      let judge = judges.get(folder);
      if (!judge) {
        const slash = folder.lastIndexOf('/');
        const parent = folder === '' ? undefined : { judge: fromParent(slash < 0 ? '' : folder.slice(0, slash)), name: folder.slice(slash + 1) };
        judges.set(folder, (judge = rules.judgeFolder(folder, parent)));
      }
      return judge;
    };
    const disagreements: string[] = [];
    let ignored = 0;
    for (const folder of folders) {
      const judge = rules.judgeFolder(folder);
      const walked = fromParent(folder);
      for (const name of names) {
        for (const isDir of [false, true]) {
          const path = folder === '' ? name : `${folder}/${name}`;
          const expected = askEveryLayer(path, isDir);
          if (judge.isIgnored(name, isDir) !== expected) disagreements.push(`${path}${isDir ? '/' : ''}: expected ${expected}`);
          if (walked.isIgnored(name, isDir) !== expected) disagreements.push(`${path}${isDir ? '/' : ''} (top-down): expected ${expected}`);
          if (rules.isIgnored(path, isDir) !== expected) disagreements.push(`${path}${isDir ? '/' : ''} (isIgnored): expected ${expected}`);
          if (expected) ignored++;
        }
      }
    }
    expect(disagreements).toEqual([]);
    // Both answers are well represented (the comparison is not vacuous).
    expect(ignored).toBeGreaterThan(200);
    expect(folders.length * names.length * 2 - ignored).toBeGreaterThan(200);
  });

  it('answers as the matchers do when they ignore case', () => {
    const rules = new GitIgnoreRules(true);
    rules.addIgnoreFile('', '*.LOG\n/Venv/\n');
    const matcher = ignore({ ignorecase: true, allowRelativePaths: true }).add('*.LOG\n/Venv/\n');
    for (const path of ['a.log', 'A.Log', 'venv', 'sub/x.log', 'x.txt']) {
      for (const isDir of [false, true]) expect(rules.isIgnored(path, isDir)).toBe(matcher.test(isDir ? `${path}/` : path).ignored);
    }
  });
});
