/**
 * Issue 15 items 16 and 17: Python that would abort tree-sitter (exit 134) or cost minutes is
 * skipped with a warning naming the file, and the run goes on, in scan, fix, clean and codemods.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BRACKET_NESTING, MAX_LINE_CHARS, MAX_PYTHON_CHARS, pythonParseRefusal } from '../../src/python/parse-limits.js';
import { runCli } from '../helpers/cli.js';
import { Scratch } from '../helpers/scratch.js';

const scratch = new Scratch();
const repo = (files: Record<string, string>): string => scratch.repo(files);

/** `levels` nested `if` blocks, with a dynamic import (an indirect-use candidate) at the bottom. */
function nestedBlocks(levels: number, body: string): string {
  let text = 'import importlib\n';
  for (let i = 0; i < levels; i++) text += `${' '.repeat(i)}if ready:\n`;
  return `${text}${' '.repeat(levels)}${body}\n`;
}

describe('parse limits (unit)', () => {
  it('accepts ordinary code, and brackets or indentation inside strings and comments', () => {
    const text = [
      'def f(x):',
      '    pattern = r"\\(" * 3  # ((((((',
      '    doc = """',
      ...Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}stairs in a docstring (`),
      '"""',
      '    return f"{x!r:>{10}} {{literal}}"',
      '',
    ].join('\n');
    expect(pythonParseRefusal(text)).toBeUndefined();
    expect(pythonParseRefusal(nestedBlocks(99, 'pass'))).toBeUndefined();
    expect(pythonParseRefusal(`x = ${'('.repeat(MAX_BRACKET_NESTING)}1${')'.repeat(MAX_BRACKET_NESTING)}\n`)).toBeUndefined();
  });

  it('refuses what CPython refuses (100 nested blocks, 201 nested brackets) and huge texts or lines', () => {
    expect(pythonParseRefusal(nestedBlocks(100, 'pass'))).toMatch(/nested blocks/);
    expect(pythonParseRefusal(`x = ${'['.repeat(MAX_BRACKET_NESTING + 1)}${']'.repeat(MAX_BRACKET_NESTING + 1)}\n`)).toMatch(/nested brackets/);
    let fstring = 'x';
    for (let i = 0; i < 250; i++) fstring = `f"{${fstring}}"`;
    expect(pythonParseRefusal(`y = ${fstring}\n`)).toMatch(/nested brackets/);
    expect(pythonParseRefusal(`x = [${'1, '.repeat(MAX_LINE_CHARS / 3 + 10)}]\n`)).toMatch(/line 1 has/);
    expect(pythonParseRefusal(`x = 1\n`.repeat(MAX_PYTHON_CHARS / 6 + 10))).toMatch(/characters, more than/);
  });

  it('counts indentation made of tabs and form feeds as CPython does (the check for deep indentation looks for both)', () => {
    const tabs = nestedBlocks(100, 'pass').replace(/^ +/gm, (s) => '\t'.repeat(s.length));
    expect(pythonParseRefusal(tabs)).toMatch(/more than 99 nested blocks at line 102/);
    // A form feed starts the count again: 100 levels need 99 spaces after it.
    const feeds = nestedBlocks(100, 'pass').replace(/^ {50}/gm, '\f');
    expect(pythonParseRefusal(feeds)).toBeUndefined();
  });
});

describe('a file tree-sitter would abort on (issue 15 item 16)', () => {
  const root = repo({
    'app.py': 'import requests\nrequests.get("https://example.com")\n',
    // 600 levels: tree-sitter-python aborts the process from 511 levels on.
    'generated/deep.py': nestedBlocks(600, 'importlib.import_module("torch")  # ollama whisper'),
    'requirements.txt': 'requests\ntorch\nollama\nopenai-whisper\n',
  });

  for (const args of [['scan'], ['fix'], ['clean']]) {
    it(`${args[0]} warns about the file and finishes`, () => {
      const r = runCli([...args, root]);
      expect(r.code).not.toBe(134);
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).toMatch(/generated\/deep\.py: indirect imports not read: more than 99 nested blocks/);
    });
  }

  for (const name of ['remove-ollama', 'whisper-to-faster-whisper', 'prune-requirements']) {
    it(`codemod ${name} skips the file with a warning and finishes`, () => {
      const r = runCli(['codemod', 'run', name, root]);
      expect(r.code).toBe(0);
      if (name !== 'prune-requirements') expect(r.stderr).toMatch(/generated\/deep\.py: skipped: more than 99 nested blocks/);
    });
  }
});

describe('pathological sizes (issue 15 item 17)', () => {
  const oneLine = `import ollama\nVALUES = [${Array.from({ length: 40_000 }, (_, i) => i).join(', ')}]\nollama.chat(model="m", messages=[])\n`;
  const manyNodes = `import ollama\nVALUES = [\n${Array.from({ length: 110_000 }, (_, i) => `    ${i},`).join('\n')}\n]\nollama.chat(model="m", messages=[])\n`;
  const huge = `import ollama\n${'x = [1, 2, 3]  # padding padding padding padding padding padding\n'.repeat(25_000)}ollama.chat(model="m", messages=[])\n`;
  const root = repo({
    'data/one_line.py': oneLine,
    'data/many_nodes.py': manyNodes,
    'data/huge.py': huge,
    'app.py': 'import ollama\nollama.chat(model="m", messages=[])\n',
    'requirements.txt': 'ollama\n',
  });

  it('a codemod skips each file with a warning naming it, and edits the rest', () => {
    const r = runCli(['codemod', 'run', 'remove-ollama', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/data\/one_line\.py: skipped: line 2 has \d+ characters/);
    expect(r.stderr).toMatch(/data\/many_nodes\.py: skipped: \d+ syntax nodes, more than the 200000/);
    expect(r.stderr).toMatch(/data\/huge\.py: skipped: \d+ characters, more than the 1500000/);
    // Ollama-only, app.py is deleted whole (issue 10 class 5): the patch names it.
    expect(r.stdout).toContain('diff --git a/app.py b/app.py');
  });
});
