/**
 * A requirement file that only container images install is judged by the code the images copy
 * in; one a CI workflow also installs (to run the tests) is judged by the whole repository: the
 * tests' imports and the workflow's commands count.
 */
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const TREE = {
  'requirements.txt': 'flask==3.0.0\npytest==8.0.0\nrequests-mock==1.12.1\n',
  'src/main.py': 'import flask\n\napp = flask.Flask(__name__)\n',
  'tests/test_main.py': 'import requests_mock\n\n\ndef test_mock():\n    assert requests_mock.Mocker\n',
  Dockerfile: 'FROM python:3.12\nCOPY requirements.txt requirements.txt\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY src src\nCMD ["flask", "--app", "src/main", "run"]\n',
};
const WORKFLOW = 'name: tests\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt\n      - name: Test\n        run: |\n          pytest\n';

function unused(tree: Record<string, string>): string[] {
  const root = makeRepo(tree, Object.keys(tree));
  made.push(root);
  const r = runCli(['scan', root, '--format', 'json']);
  return (JSON.parse(r.stdout).findings as { rule: string; package?: string }[])
    .filter((f) => f.rule === 'deps/unused').map((f) => f.package!).sort();
}

it('only the image installs it: judged by the code the image copies in', () => {
  expect(unused(TREE)).toEqual(['pytest', 'requests-mock']);
});

it('a CI workflow installs it too: the tests and the workflow count', () => {
  expect(unused({ ...TREE, '.github/workflows/test.yml': WORKFLOW })).toEqual([]);
});

it('without a virtualenv, a pin that a used package needs through another (torch -> sympy -> mpmath) is not unused', () => {
  expect(unused({ 'requirements.txt': 'torch==2.3.1\nmpmath==1.3.0\nsix==1.16.0\n', 'app.py': 'import torch\n\nprint(torch.__version__)\n' })).toEqual(['six']);
});

it('pymdown-extensions is used where mkdocs is configured (mkdocs.yml names pymdownx extensions)', () => {
  const docs = { 'requirements-docs.txt': 'mkdocs==1.6.0\npymdown-extensions==10.8\n', 'mkdocs.yml': 'site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets\n', 'app.py': 'print(1)\n' };
  expect(unused(docs)).toEqual([]);
});
