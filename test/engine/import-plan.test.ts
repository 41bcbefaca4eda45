import { describe, expect, test } from 'vitest';
import { collectImports } from '../../src/python/imports.js';
import { importInsertionPoint, insertedLines, planFromImports } from '../../src/python/import-plan.js';
import { analyzeScopes } from '../../src/python/scopes.js';
import { parsePython } from '../../src/python/tree.js';
import { applyEdits } from '../../src/text/index.js';

function plan(source: string, wanted: Array<{ module: string; name: string; alias?: string }>, dropped: string[] = []) {
  const analysis = analyzeScopes(parsePython(source));
  const imports = collectImports(analysis);
  const p = planFromImports(source, analysis, imports, wanted, (n) => dropped.includes(n.text));
  const edits = [...p.merges];
  if (p.lines.length) edits.push(insertedLines(source, p.at, p.lines.map((l) => `${l}\n`).join('')));
  return applyEdits(source, edits);
}

describe('the Python import planner', () => {
  test('after the last top-level import, also one that follows set-up code', () => {
    const src = 'import os\nimport sys\nsys.path.insert(0, "lib")\nimport helpers\n\nprint(helpers)\n';
    expect(plan(src, [{ module: 'openai', name: 'OpenAI' }])).toBe('import os\nimport sys\nsys.path.insert(0, "lib")\nimport helpers\nfrom openai import OpenAI\n\nprint(helpers)\n');
  });

  test('after the docstring and __future__ imports; after leading comments when there is nothing else', () => {
    expect(plan('"""Tool."""\nfrom __future__ import annotations\nx = 1\n', [{ module: 'm', name: 'n' }]))
      .toBe('"""Tool."""\nfrom __future__ import annotations\nfrom m import n\nx = 1\n');
    expect(plan('"""Tool."""\nx = 1\n', [{ module: 'm', name: 'n' }])).toBe('"""Tool."""\nfrom m import n\nx = 1\n');
    expect(plan('#!/usr/bin/env python\r\n# licence\r\nx = 1\r\n', [{ module: 'm', name: 'n' }])).toBe('#!/usr/bin/env python\r\n# licence\r\nfrom m import n\nx = 1\r\n');
  });

  test('merges into an existing one-line from-import and never duplicates a name', () => {
    const src = 'from langchain_openai import ChatOpenAI\n';
    expect(plan(src, [{ module: 'langchain_openai', name: 'ChatOpenAI' }, { module: 'langchain_openai', name: 'OpenAIEmbeddings' }]))
      .toBe('from langchain_openai import ChatOpenAI, OpenAIEmbeddings\n');
    expect(plan(src, [{ module: 'langchain_openai', name: 'ChatOpenAI' }])).toBe(src);
    // A parenthesized import is not merged into: a new line, names sorted.
    expect(plan('from m import (a,\n    b)\n', [{ module: 'm', name: 'd' }, { module: 'm', name: 'c' }])).toBe('from m import (a,\n    b)\nfrom m import c, d\n');
  });

  test('a name whose import other edits remove counts as missing', () => {
    expect(plan('from openai import OpenAI\nimport ollama\n', [{ module: 'openai', name: 'OpenAI' }], ['OpenAI'])).toBe('from openai import OpenAI\nimport ollama\nfrom openai import OpenAI\n');
  });

  test('at the end of a file without a final line break the import gets its own line', () => {
    const src = 'import os';
    const analysis = analyzeScopes(parsePython(src));
    expect(importInsertionPoint(src, analysis)).toBe(src.length);
    expect(plan(src, [{ module: 'm', name: 'n', alias: 'o' }])).toBe('import os\nfrom m import n as o\n');
  });
});
