import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineCode, logicalLines, logicalLinesWithCode, scanImportLines } from '../../src/deps/import-lines.js';
import { treeImports } from '../../src/deps/imports.js';
import { STDLIB_DIR, stdlibSources } from '../helpers/stdlib.js';

const show = (source: string) => scanImportLines(source).map((i) => `${i.line} ${i.module}${i.guarded ? ' guarded' : ''}`);

describe('imports read by the tokenizer', () => {
  it('follows strings, comments, brackets, continuations, semicolons and one-line bodies', () => {
    const source = [
      'import os, sys as system  # import fake',          // 1
      '"""',                                                // 2
      'import not_real',                                    // 3
      '"""',                                                // 4
      'x = "import also_not_real"; import json',            // 5
      'from a.b import (c,',                                // 6
      '    d)',                                             // 7
      'from . import local',                                // 8
      'from __future__ import annotations',                 // 9
      'import \\',                                          // 10
      '    continued.module',                               // 11
      'def f():',                                           // 12
      '    if True: import inline_mod',                     // 13
      "    s = r'\\' import nope'",                         // 14
      '    from  spaced . name import x',                   // 15
    ].join('\n');
    expect(show(source)).toEqual(['1 os', '1 sys', '5 json', '6 a.b', '10 continued.module', '13 inline_mod', '15 spaced.name']);
  });

  it('marks imports guarded by ImportError handlers, TYPE_CHECKING and version checks', () => {
    const source = [
      'try:',
      '    import fast_json',
      '    if x:',
      '        import nested',
      'except ImportError:',
      '    import json as fast_json',
      'try:',
      '    import strict',
      'except ValueError:',
      '    pass',
      'if TYPE_CHECKING:',
      '    import typing_only',
      'elif other:',
      '    import elif_mod',
      'else:',
      '    import else_mod',
      'if sys.version_info >= (3, 11): import tomllib',
      'try: import one_line',
      'except Exception: one_line = None',
      'import plain',
    ].join('\n');
    expect(show(source)).toEqual([
      '2 fast_json guarded', '4 nested guarded', '6 json', '8 strict', '12 typing_only guarded',
      '14 elif_mod guarded', '16 else_mod guarded', '17 tomllib guarded', '18 one_line guarded', '20 plain',
    ]);
  });

  it('agrees with the tree-sitter reading on the standard library of this machine', () => {
    let compared = 0;
    let imports = 0;
    const disagreements: string[] = [];
    // Every third file keeps the test to a few seconds; the whole library agrees as well.
    for (const { file, text } of stdlibSources(3)) {
      const fast = scanImportLines(text).map((i) => `${i.line} ${i.module} ${i.guarded}`);
      const reference = treeImports(text).map((i) => `${i.line} ${i.module} ${i.guarded}`);
      compared++;
      imports += reference.length;
      if (fast.join('\n') !== reference.join('\n')) disagreements.push(file);
    }
    expect(compared).toBeGreaterThan(300);
    expect(imports).toBeGreaterThan(2000);
    expect(disagreements).toEqual([]);
  });

  it('splits logical lines as the code-building tokenizer does, building code only where it is read', () => {
    const tricky = [
      'x = 1\nimport os',                                  // no line break at the end
      'import os\n',                                       // one at the end
      'a = (1,\n  2)\nif a:\n    import b\n',
      "s = 'unterminated\nimport c\n",                     // a single-quoted string ends at the line
      'x = 1 \\\n  + 2\nfrom d import e\n',
      'x = 1\r\nimport f\r\n\r\n',
      'x = 1\rimport g\r',                                 // old Mac line breaks
      '# only a comment\n\f\n\v\n   \n\u00a0\nimport h\n',
      'a = 1; import i\nb = 2 ;\n',
      '@decorator\ndef f(): import j\n',
      '"""doc\nimport k\n"""\nimport l  # trailing\n',
      'if x: import m\nelse: import n\n',
      '\\\nimport o\n',
      'f(")")\n)\nimport p\n',
      'try:\n    import q\nexcept ImportError:\n    pass\nx = 1\n',
      // Headers that only open a block, and ones that look like it but hold more.
      'def f(x=lambda: 1):\n    import r\nfor x in lambda: 0:\n    import s\n',
      'class A: x = 1\nwith a: import t\ndef f():  # c\n    import u\n',
      'def f(): \\\n  import v\nwhile x: pass; import w\nasync def g():\n  import x\n',
      'try:\n    def f():\n        pass\nexcept ImportError:\n    import y\n',
    ];
    const check = (source: string) => {
      const full = logicalLinesWithCode(source);
      const fast = logicalLines(source);
      expect(fast.map(({ code: _, opensBlock: __, ...rest }) => rest), JSON.stringify(source)).toEqual(full.map(({ code: _, ...rest }) => rest));
      fast.forEach((l, i) => {
        if (l.code !== undefined) expect(l.code).toBe(full[i].code);
        expect(lineCode(source, l)).toBe(full[i].code);
      });
      expect(scanImportLines(source, fast)).toEqual(scanImportLines(source, full));
    };
    for (const source of tricky) check(source);
    const names = readdirSync(STDLIB_DIR).filter((n) => n.endsWith('.py')).sort().filter((_, i) => i % 4 === 0);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) check(readFileSync(join(STDLIB_DIR, name), 'latin1'));
  });
});
