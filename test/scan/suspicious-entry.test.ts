/**
 * ignore/suspicious-entry on template lines: a `.gitignore` copied from a common template names
 * folders that tools create later (`docs/_build/`, `.idea/*`, `build/Release`); they match
 * nothing yet and are not typos. A file path into a missing folder (`myenv/.env`) still is.
 */
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function suspicious(gitignore: string): string[] {
  const root = makeRepo({ 'app.py': 'print("hi")\n', '.gitignore': gitignore }, ['app.py', '.gitignore']);
  made.push(root);
  const r = runCli(['scan', root, '--format', 'json']);
  return (JSON.parse(r.stdout).findings as { rule: string; line: number; message: string }[])
    .filter((f) => f.rule === 'ignore/suspicious-entry').map((f) => `${f.line}: ${f.message}`);
}

it('template lines for folders tools create later are not reported', () => {
  const template = ['share/python-wheels/', 'docs/_build/', 'build/Release', '.vuepress/dist', '/.angular/cache',
    '.idea/*', '/dist/*', 'poetry/core/*', '!/tests/**/*.egg', '/tests/fixtures/simple_project/setup.py'].join('\n');
  expect(suspicious(`${template}\n`)).toEqual([]);
});

it('a file path into a missing folder, duplicates and doubled suffixes still are', () => {
  expect(suspicious('myenv/.env\nnotes/x.txt\n*.log\n*.log\n.env.env\n')).toEqual([
    '1: `myenv/.env`: matches nothing: there is no `myenv/` folder here (meant `myenv/` and `.env` as two entries?)',
    '2: `notes/x.txt`: matches nothing: there is no `notes/` folder here (meant `notes/` and `x.txt` as two entries?)',
    '4: `*.log`: duplicate of line 3',
    '5: `.env.env`: doubled suffix: did you mean `.env`?',
  ]);
});
