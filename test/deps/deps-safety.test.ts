/**
 * Nothing a program needs at run time is called unused or removed, through the CLI:
 * - a Python file that could not be read (too large, undecodable, a name that is not UTF-8, or
 *   outside a sparse checkout) makes what it may import "unknown": an info finding that says
 *   "cannot tell", a warning naming the file (escaped), and no removal by prune-requirements;
 * - a PEP 263 declaration is honoured by the import scan;
 * - a use that needs a package without importing it, or an extra of a used package (from the
 *   venv's metadata), makes it "possibly used", and the finding names the use (file:line);
 * - a stray virtualenv that does not match the manifests is ignored, with a warning;
 * - deps/missing names the top-level distribution and knows what declared packages bring.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir, runGit, type Tree } from '../helpers/repo.js';
import { writeVenv } from './venv.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

function repo(tree: Tree, commit = true): string {
  const root = makeRepo(tree, commit ? Object.keys(tree) : []);
  roots.push(root);
  return root;
}

interface JsonFinding { rule: string; severity: string; package?: string; message: string; [key: string]: unknown }

function scan(root: string): { findings: JsonFinding[]; stderr: string } {
  const r = runCli(['scan', '--format', 'json', root]);
  expect(r.code, r.stderr).toBe(0);
  return { findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings, stderr: r.stderr };
}

function prune(root: string): { removed: string[]; stderr: string } {
  const r = runCli(['codemod', 'run', 'prune-requirements', root]);
  expect(r.code, r.stderr).toBe(0);
  return { removed: r.stdout.split('\n').filter((l) => /^-[^-]/.test(l)).map((l) => l.slice(1).split(/[=<>~ ]/)[0]), stderr: r.stderr };
}

const unusedOf = (findings: JsonFinding[], name: string) => findings.find((f) => f.rule === 'deps/unused' && f.package === name);

describe('a Python file that could not be read hides nothing', () => {
  it('honours a PEP 263 Latin-1 declaration: its imports count', () => {
    const root = repo({
      'requirements.txt': 'requests==2.32.3\nsix==1.16.0\n',
      'old.py': Buffer.from('# -*- coding: latin-1 -*-\nimport requests\nNAME = "gar\xe7on"\n', 'latin1'),
    });
    const { findings, stderr } = scan(root);
    expect(unusedOf(findings, 'requests')).toBeUndefined();
    expect(unusedOf(findings, 'six')?.severity).toBe('info'); // no venv: unused, softly
    expect(stderr).not.toMatch(/not valid UTF-8/);
    expect(prune(root).removed).toEqual(['six']);
  });

  it('a file too large to read makes every requirement it may import "cannot tell", and none is removed', () => {
    const root = repo({ 'requirements.txt': 'numpy==2.0.0\nrequests==2.32.3\n', 'app/main.py': 'print("hello")\n' });
    // Generated data as Python source, over the 8 MiB text limit (untracked: never committed).
    writeFileSync(join(root, 'app', 'table.py'), `import numpy\nVALUES = [${'0, '.repeat(3_000_000)}]\n`);
    const { findings } = scan(root);
    const numpy = unusedOf(findings, 'numpy');
    expect(numpy?.severity).toBe('info');
    expect(numpy?.message).toMatch(/cannot tell: app\/table\.py could not be read \(\d+ bytes is larger than/);
    expect(numpy?.codemod).toBeUndefined();
    const { removed, stderr } = prune(root);
    expect(removed).toEqual([]);
    expect(stderr).toMatch(/requirements\.txt:1:1: numpy kept: cannot tell: app\/table\.py could not be read/);
  });

  it('an undeclared non-UTF-8 file is unread, and blocks removals only for the folders it could serve', () => {
    const root = repo({
      'service/requirements.txt': 'pillow==10.3.0\n',
      'service/thumbs.py': Buffer.from('import PIL\nLABEL = "\xe9t\xe9"\n', 'latin1'),
      'tools/requirements.txt': 'rich==13.7.1\n',
      'tools/cli.py': 'print("no imports")\n',
    });
    const { removed } = prune(root);
    expect(removed).toEqual(['rich']);
    const { findings } = scan(root);
    expect(unusedOf(findings, 'pillow')?.message).toMatch(/cannot tell: service\/thumbs\.py could not be read \(not valid UTF-8\)/);
  });

  it('a .py file whose name is not valid UTF-8 is named (escaped) and blocks removal', () => {
    const root = repo({ 'requirements.txt': 'pyyaml==6.0.1\n', 'main.py': 'print(1)\n' });
    writeFileSync(Buffer.from(`${root}/conf_\xff\n.py`, 'latin1'), 'import yaml\n');
    const { removed, stderr } = prune(root);
    expect(removed).toEqual([]);
    expect(stderr).toContain('conf_\\xff\\n.py');
    // Shown the one way every message shows such a name: quoted, its bytes escaped.
    expect(stderr).toMatch(/pyyaml kept: cannot tell: "conf_\\xff\\n\.py" could not be read \(its file name is not valid UTF-8\)/);
    const scanned = scan(root);
    expect(scanned.stderr).toMatch(/"conf_\\xff\\n\.py": its file name is not valid UTF-8: its imports are unknown/);
  });

  it('a tracked file outside the sparse checkout is said and blocks removal', () => {
    const root = repo({
      'requirements.txt': 'redis==5.0.4\nclick==8.1.7\n',
      'web/app.py': 'import click\n',
      'worker/jobs.py': 'import redis\n',
    });
    runGit(root, ['sparse-checkout', 'set', '--no-cone', '/*', '!/worker/']);
    const { removed, stderr } = prune(root);
    expect(removed).toEqual([]);
    expect(stderr).toMatch(/redis kept: cannot tell: worker\/jobs\.py could not be read \(outside the sparse checkout/);
    expect(scan(root).stderr).toMatch(/worker\/jobs\.py: outside the sparse checkout: tracked, not on disk: its imports are unknown/);
  });
});

describe('packages needed at run time without an import are possibly used, never removed', () => {
  it('names the use that needs each one (file:line)', () => {
    const root = repo({
      'requirements.txt': 'fastapi==0.111.0\npython-multipart==0.0.9\ntransformers==4.41.2\ntorch==2.3.1\naccelerate==0.31.0\nemoji==2.12.1\n',
      'api.py': 'from fastapi import FastAPI, Form\n\napp = FastAPI()\n\n\n@app.post("/")\ndef echo(text: str = Form(...)):\n    return text\n',
      'model.py': 'from transformers import AutoModelForCausalLM\n\nmodel = AutoModelForCausalLM.from_pretrained("x", device_map="auto")\n',
    });
    const { findings } = scan(root);
    expect(unusedOf(findings, 'python-multipart')?.message).toMatch(/possibly used: Form: FastAPI parses form and file fields with python-multipart at api\.py:1/);
    expect(unusedOf(findings, 'python-multipart')?.severity).toBe('info');
    expect(unusedOf(findings, 'accelerate')?.message).toMatch(/device_map=.* at model\.py:3/);
    expect(unusedOf(findings, 'torch')).toBeUndefined(); // accelerate (kept) requires it
    expect(prune(root).removed).toEqual(['emoji']);
  });

  it('an extra of a used distribution, read from the venv metadata, is possibly used', () => {
    const root = repo({
      'requirements.txt': 'fastserve==1.0\nturbojson==2.0\nsnowflake-ids==1.0\n',
      'serve.py': 'import fastserve\n',
    });
    writeVenv(root, '.venv', '3.11.9', [
      { name: 'fastserve', requires: ['turbojson>=2; extra == "speed"', 'pytest; extra == "test"'] },
      { name: 'turbojson' },
      { name: 'snowflake-ids' },
    ]);
    const { findings } = scan(root);
    expect(unusedOf(findings, 'turbojson')?.message).toMatch(/possibly used: an optional dependency of fastserve \(extra "speed"\), which is used \(import fastserve\) at serve\.py:1/);
    expect(prune(root).removed).toEqual(['snowflake-ids']);
  });
});

describe('a stray virtualenv is not proof of what is installed', () => {
  it('is ignored with a warning when it does not match the manifests', () => {
    const root = repo({
      'requirements.txt': 'flask==3.0.3\nwerkzeug==3.0.3\ngunicorn==22.0.0\nrequests==2.32.3\nsqlalchemy==2.0.30\nredis==5.0.4\n',
      'app.py': 'import flask\nimport requests\nimport sqlalchemy\nimport redis\n',
      'Procfile': 'web: gunicorn app:app\n',
    });
    // Someone else's half-built venv: flask without the werkzeug it requires.
    writeVenv(root, 'env', '3.11.9', [{ name: 'flask', requires: ['werkzeug>=3.0', 'jinja2>=3.1'] }]);
    const { stderr } = scan(root);
    expect(stderr).toMatch(/env: this virtualenv is ignored for dependency judgements: it holds 1 of the 6 packages/);
    expect(prune(root).removed).toEqual([]); // werkzeug stays: flask requires it
  });
});

describe('deps/missing names real distributions', () => {
  it('maps a submodule import to its top-level distribution and knows what flask brings', () => {
    const root = repo({
      'requirements.txt': 'flask==3.0.3\n',
      'app.py': 'import flask\nimport matplotlib.pyplot as plt\nfrom werkzeug.utils import secure_filename\n',
    });
    const { findings } = scan(root);
    const missing = findings.filter((f) => f.rule === 'deps/missing');
    expect(missing.map((f) => f.package).sort()).toEqual(['matplotlib', 'werkzeug']);
    expect(missing.find((f) => f.package === 'matplotlib')?.severity).toBe('warning');
    const werkzeug = missing.find((f) => f.package === 'werkzeug')!;
    expect(werkzeug.severity).toBe('info');
    expect(werkzeug.message).toMatch(/installed only because flask requires it \(not missing from a fresh install/);
  });
});
