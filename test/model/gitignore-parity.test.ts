import { afterAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../../src/model/facts.js';
import { iterateDirs, joinPath } from '../../src/model/tree.js';
import { makeRepo, removeDir, runGit, writeTree, type Tree } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** Every path repolish saw, with its ignore verdict. */
function ourVerdicts(root: string): Map<string, boolean> {
  const facts = collectFacts(root);
  const verdicts = new Map<string, boolean>();
  for (const dir of iterateDirs(facts.tree)) {
    if (dir.path !== '') verdicts.set(dir.path, dir.ignored);
    for (const file of dir.files) verdicts.set(joinPath(dir.path, file.name), file.ignored);
  }
  return verdicts;
}

/** git's own verdict for the same paths (--no-index: judge patterns even for tracked files). */
function gitIgnored(root: string, paths: string[]): Set<string> {
  let out = '';
  try {
    out = runGit(root, ['check-ignore', '--no-index', '--stdin', '-z'], paths.join('\0') + '\0');
  } catch (err) {
    out = (err as { stdout?: string }).stdout ?? ''; // exit 1: nothing ignored
  }
  return new Set(out.split('\0').filter(Boolean));
}

function expectParity(tree: Tree, extra?: (root: string) => void): void {
  const root = makeRepo(tree);
  made.push(root);
  extra?.(root);
  const ours = ourVerdicts(root);
  const theirs = gitIgnored(root, [...ours.keys()]);
  const disagreements = [...ours].filter(([path, ignored]) => ignored !== theirs.has(path)).map(([p, i]) => `${p}: repolish ${i}, git ${!i}`);
  expect(disagreements).toEqual([]);
  expect(ours.size).toBeGreaterThanOrEqual(4);
}

describe('ignore verdicts agree with git check-ignore', () => {
  it('nested .gitignore files with negations', () => {
    expectParity({
      '.gitignore': '*.log\n!keep.log\nbuild/\n/top-only.txt\n',
      'a.log': 'x', 'keep.log': 'x', 'top-only.txt': 'x', 'src/top-only.txt': 'x',
      'src/.gitignore': '!debug.log\n*.tmp\n',
      'src/debug.log': 'x', 'src/other.log': 'x', 'src/x.tmp': 'x',
      'src/deep/.gitignore': '!*.tmp\nsecret/\n',
      'src/deep/y.tmp': 'x', 'src/deep/secret/k.txt': 'x',
      'build/out.js': 'x',
      // a negation inside an ignored folder cannot re-include anything
      'build/.gitignore': '!out.js\n',
    });
  });

  it('directory-only patterns never match files or symlinks to folders', () => {
    expectParity({
      '.gitignore': 'cache/\nlinkdir/\ndata\n',
      'cache/a.bin': 'x', 'sub/cache': 'a file named cache',
      'real/x.txt': 'x', 'linkdir': { symlink: 'real' },
      'data/x': 'x', 'sub/data': 'x',
    });
  });

  it('** patterns, anchors, escapes and trailing spaces', () => {
    expectParity({
      '.gitignore': '**/logs/**\na/**/b\n/root.txt\nfoo/*.c\n\\#hash\n\\!bang\nspace\\ \ntrail   \ndoc/**/*.pdf\n',
      'logs/x.txt': 'x', 'deep/logs/y/z.txt': 'x', 'a/b': 'x', 'a/x/y/b': 'x', 'root.txt': 'x', 'sub/root.txt': 'x',
      'foo/x.c': 'x', 'foo/bar/y.c': 'x', '#hash': 'x', '!bang': 'x', 'space ': 'x', 'trail': 'x',
      'doc/a.pdf': 'x', 'doc/x/y/b.pdf': 'x', 'doc/x/c.txt': 'x',
    });
  });

  it('endings, classes, anchored folders and negation-only files (what the judge checks quickly)', () => {
    expectParity({
      '.gitignore': '*.py[cod]\n/logs/*\n!/logs/.gitkeep\n*.log\n.env\n[ab]\n',
      'x.pyc': 'x', 'x.py': 'x', 'x.pyd': 'x', 'logs/.gitkeep': 'x', 'logs/notes.txt': 'x', 'sub/logs/notes.txt': 'x',
      'a': 'x', 'c': 'x', 'e.env': 'x', '.env': 'x', 'sub/.env': 'x', 'sub/a': 'x',
      'keep/.gitignore': '!*.log\n!x.pyc\n', 'keep/y.log': 'x', 'keep/x.pyc': 'x', 'keep/z.pyo': 'x', 'keep/deep/w.log': 'x',
    });
  });

  it('is case-sensitive like git on Linux, and honours info/exclude and core.excludesFile', () => {
    const excludes = makeRepo({});
    made.push(excludes);
    writeTree(excludes, { 'global-ignore': '*.global\n' });
    expectParity(
      { '.gitignore': 'README.TXT\n', 'README.txt': 'x', 'x.global': 'x', 'x.local': 'x', 'y.txt': 'x' },
      (root) => {
        writeTree(root, { '.git/info/exclude': '*.local\n' });
        runGit(root, ['config', 'core.excludesFile', `${excludes}/global-ignore`]);
      },
    );
  });

  it('treats a nested repository as one untracked folder, as git status does', () => {
    const root = makeRepo({ '.gitignore': '*.o\n', 'a.o': 'x', 'inner/b.o': 'x', 'inner/src.c': 'x', 'inner/.gitignore': '*.c\n' });
    made.push(root);
    runGit(`${root}/inner`, ['init', '-q']);
    const status = runGit(root, ['status', '--porcelain', '--ignored']);
    expect(status).toContain('?? inner/');
    expect(status).toContain('!! a.o');
    const facts = collectFacts(root);
    expect(facts.dir('inner')?.nestedRepo).toBe(true);
    expect(facts.dir('inner')?.ignored).toBe(false);
    expect(facts.file('a.o')?.file.ignored).toBe(true);
    // The nested repository's own ignore file is not the outer repository's business.
    expect(facts.file('inner/src.c')?.file.ignored).toBe(false);
  });
});
