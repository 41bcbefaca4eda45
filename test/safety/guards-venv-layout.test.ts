/**
 * Issue 15 item 18: a virtualenv whose pyvenv.cfg is gone (copied, half deleted) is still a
 * virtualenv, by its layout; scan reports it and codemods do not look inside it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

describe('a virtualenv without pyvenv.cfg', () => {
  const root = makeRepo({
    'app.py': 'import ollama\nollama.chat(model="m", messages=[])\n',
    'requirements.txt': 'ollama\n',
    // A copied POSIX venv: no pyvenv.cfg.
    'copied_env/bin/activate': '# activate\n',
    'copied_env/bin/python3': '',
    'copied_env/bin/ollama_tool.py': 'import ollama\nollama.list()\n',
    'copied_env/lib/python3.11/site-packages/ollama/__init__.py': 'def chat(**kw): pass\n',
    // What is left of a Windows venv after a failed delete: only Lib/site-packages.
    'half_deleted/Lib/site-packages/ollama/__init__.py': 'def chat(**kw): pass\n',
    'half_deleted/Lib/site-packages/ollama_helpers.py': 'import ollama\n',
    // Scripts/ with an activate script and an interpreter.
    'winenv/Scripts/activate.bat': '@echo off\n',
    'winenv/Scripts/python.exe': '',
    'winenv/Scripts/ollama_run.py': 'import ollama\n',
    // Not an environment: a project's own bin/activate helper next to source, no interpreter.
    'tools/bin/activate': '#!/bin/sh\necho ollama\n',
    'tools/helper.py': 'import ollama\nollama.list()\n',
  }, ['app.py', 'requirements.txt', 'tools/bin/activate', 'tools/helper.py']);
  roots.push(root);

  it('scan reports each as bloat/venv, saying what gave it away, and not the project tools', () => {
    const r = runCli(['scan', '--format', 'json', root]);
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; path: string; message: string }> }).findings;
    const venvs = findings.filter((f) => f.rule === 'bloat/venv');
    expect(venvs.map((f) => f.path).sort()).toEqual(['copied_env', 'half_deleted', 'winenv']);
    expect(venvs.find((f) => f.path === 'copied_env')!.message).toContain('lib/python3.11/site-packages/');
    expect(venvs.find((f) => f.path === 'winenv')!.message).toContain('Scripts/activate.bat');
  });

  it('codemods do not look inside them (the engine listing agrees with the detector)', () => {
    const r = runCli(['codemod', 'run', 'remove-ollama', root]);
    expect(r.code).toBe(0);
    // Edited or, as an Ollama-only module, deleted (issue 10 class 5): the patch names each.
    expect(r.stdout).toContain('diff --git a/app.py b/app.py');
    expect(r.stdout).toContain('diff --git a/tools/helper.py b/tools/helper.py');
    expect(r.stdout + r.stderr).not.toMatch(/copied_env|half_deleted|winenv/);
  });
});
