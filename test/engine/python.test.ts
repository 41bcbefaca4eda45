/** The shared Python helpers: scopes, imports, self attributes, and layout-keeping edits. */
import { describe, expect, test } from 'vitest';
import { applyEdits, prepareEdits } from '../../src/text/index.js';
import type { Edit } from '../../src/engine/types.js';
import { ArgumentEditor } from '../../src/python/arguments.js';
import { selfAttributeAccesses } from '../../src/python/assignments.js';
import { addFromImport, EditSet, freshName, removeStatement, rewriteImport } from '../../src/python/edit.js';
import { collectImports, qualifiedName } from '../../src/python/imports.js';
import { quoteFor, stringValue } from '../../src/python/literals.js';
import { analyzeScopes } from '../../src/python/scopes.js';
import { parsePython, type PyNode } from '../../src/python/tree.js';

function load(source: string) {
  const tree = parsePython(source);
  const analysis = analyzeScopes(tree);
  return { tree, analysis, imports: collectImports(analysis) };
}

/** The n-th identifier spelled `name` (0-based). */
function ident(tree: ReturnType<typeof parsePython>, name: string, n = 0): PyNode {
  return tree.root.find('identifier').filter((i) => i.text === name)[n];
}

function apply(source: string, edits: Edit[]): string {
  const p = prepareEdits(source, edits);
  if (!p.ok) throw new Error(p.message);
  return applyEdits(source, p.edits, '\n');
}

describe('scopes', () => {
  test('global, nonlocal and locals', () => {
    const { tree, analysis } = load('x = 0\ndef f():\n    global x\n    x = 1\n    y = 2\n    def g():\n        nonlocal y\n        y = 3\n        return x, y\n');
    const xInG = ident(tree, 'x', 3);
    expect(analysis.resolve(xInG).scope?.kind).toBe('module');
    expect(analysis.resolve(xInG).bindings.map((b) => b.node.line)).toEqual([1, 4]);
    const yInG = ident(tree, 'y', 3);
    expect(analysis.resolve(yInG).scope?.node.get('name')?.text).toBe('f');
    expect(analysis.resolve(yInG).bindings).toHaveLength(2);
  });

  test('class bodies are invisible to their methods; comprehensions have their own scope but not their first iterable', () => {
    const { tree, analysis } = load('n = 1\nclass A:\n    n = 2\n    def m(self):\n        return n\n    items = [n for n in range(n)]\n');
    expect(analysis.resolve(ident(tree, 'n', 2)).scope?.kind).toBe('module');
    expect(analysis.resolve(ident(tree, 'n', 3)).scope?.kind).toBe('comprehension');
    expect(analysis.resolve(ident(tree, 'n', 5)).scope?.kind).toBe('class');
  });

  test('walrus in a comprehension binds in the function; except, with, for, match and del bind names', () => {
    const src = 'def f(xs):\n    [y := x for x in xs]\n    try:\n        pass\n    except E as err:\n        pass\n    with open(p) as (a, b):\n        pass\n    match xs:\n        case [first, *rest]:\n            pass\n    del xs\n    return y, err, a, first, rest\n';
    const { tree, analysis } = load(src);
    const f = analysis.scopes.find((s) => s.kind === 'function')!;
    expect([...f.bindings.keys()].sort()).toEqual(['a', 'b', 'err', 'first', 'rest', 'xs', 'y']);
    expect(f.bindingsOf('xs').map((b) => b.kind)).toEqual(['parameter', 'delete']);
    expect(analysis.resolve(ident(tree, 'y', 1)).bindings[0].kind).toBe('walrus');
  });

  test('parameter defaults and decorators are evaluated outside the function', () => {
    const { tree, analysis } = load('d = 1\n@deco(d)\ndef f(d=d):\n    return d\n');
    expect(analysis.resolve(ident(tree, 'd', 1)).scope?.kind).toBe('module');
    expect(analysis.resolve(ident(tree, 'd', 3)).scope?.kind).toBe('module');
    expect(analysis.resolve(ident(tree, 'd', 4)).scope?.kind).toBe('function');
  });
});

describe('imports', () => {
  test('every form, relative imports, and imports in try and in functions', () => {
    const { imports } = load('import a.b.c\nimport a.b as ab, os\nfrom x.y import z as w, v\nfrom . import sib\nfrom ..pkg.mod import thing\ntry:\n    import opt\nexcept ImportError:\n    opt = None\ndef f():\n    from m import n\n');
    expect(imports.names.map((i) => `${i.bound}=${i.target}${i.inTry ? ' (try)' : ''} @${i.scope.kind}`)).toEqual([
      'a=a @module', 'ab=a.b @module', 'os=os @module', 'w=x.y.z @module', 'v=x.y.v @module', 'sib=.sib @module',
      'thing=..pkg.mod.thing @module', 'opt=opt (try) @module', 'n=m.n @function',
    ]);
  });

  test('qualified names: import, ambiguous (also bound otherwise), local', () => {
    const { tree, analysis, imports } = load('import whisper as w\nfrom whisper import load_model\ntry:\n    import torch\nexcept ImportError:\n    torch = None\nw.audio.load_audio\nload_model\ntorch.cuda\nx = 1\nx.y\n');
    const exprs = tree.root.find('expression_statement').filter((s) => s.namedChildren[0].type !== 'assignment').map((s) => s.namedChildren[0]);
    const q = exprs.map((e) => qualifiedName(e, analysis, imports));
    expect(q[0]).toMatchObject({ kind: 'import', name: 'whisper.audio.load_audio' });
    expect(q[1]).toMatchObject({ kind: 'import', name: 'whisper.load_model' });
    expect(q[2].kind).toBe('ambiguous');
    expect(q[3].kind).toBe('local');
  });
});

test('self.<attr> in methods, including nested functions, not in static methods', () => {
  const src = 'class A:\n    def __init__(self):\n        self.m = 1\n    def use(this):\n        def inner():\n            return this.m\n        return this.m, inner\n    @staticmethod\n    def s(self):\n        return self.m\n    def other(self):\n        del self.m\n';
  const { tree, analysis } = load(src);
  const cls = tree.root.find('class_definition')[0];
  const accesses = selfAttributeAccesses(cls, 'm', analysis);
  expect(accesses.map((a) => `${a.node.line}:${a.context}`)).toEqual(['3:store', '6:load', '7:load', '12:del']);
  expect(accesses[0].value?.text).toBe('1');
});

describe('import edits', () => {
  test('drops names with their commas and keeps comments of the others', () => {
    const src = 'from m import (\n    a,  # first\n    b,  # second\n    c,\n)\n';
    const { imports } = load(src);
    const b = imports.names.find((i) => i.bound === 'b')!;
    expect(apply(src, rewriteImport(src, b.statement, [b.node], []))).toBe('from m import (\n    a,  # first\n    c,\n)\n');
    const c = imports.names.find((i) => i.bound === 'c')!;
    expect(apply(src, rewriteImport(src, c.statement, [b.node, c.node], ['from n import d']))).toBe('from m import (\n    a,  # first\n)\nfrom n import d\n');
  });

  test('replaces a whole statement, and leaves `pass` in a block it empties', () => {
    const src = 'try:\n    import whisper\nexcept ImportError:\n    pass\nimport os\n';
    const { imports } = load(src);
    const w = imports.names.find((i) => i.bound === 'whisper')!;
    expect(apply(src, rewriteImport(src, w.statement, [w.node], []))).toBe('try:\n    pass\nexcept ImportError:\n    pass\nimport os\n');
    expect(apply(src, rewriteImport(src, w.statement, [w.node], ['from a import b', 'from c import d']))).toBe('try:\n    from a import b\n    from c import d\nexcept ImportError:\n    pass\nimport os\n');
  });

  test('removes statements joined by semicolons', () => {
    const src = 'import a; import b\nx = 1\n';
    const { tree } = load(src);
    const [a, b] = tree.root.find('import_statement');
    expect(apply(src, [removeStatement(src, a)])).toBe('import b\nx = 1\n');
    expect(apply(src, [removeStatement(src, b)])).toBe('import a\nx = 1\n');
  });

  test('adds an import once: merged into an existing one, or after the docstring and imports', () => {
    const one = '"""Doc."""\nimport os\n\nx = 1\n';
    const l1 = load(one);
    expect(apply(one, [addFromImport(one, l1.analysis, l1.imports, 'faster_whisper', 'WhisperModel')!])).toBe('"""Doc."""\nimport os\nfrom faster_whisper import WhisperModel\n\nx = 1\n');
    const two = 'from faster_whisper import WhisperModel\n';
    const l2 = load(two);
    expect(addFromImport(two, l2.analysis, l2.imports, 'faster_whisper', 'WhisperModel')).toBeUndefined();
    expect(apply(two, [addFromImport(two, l2.analysis, l2.imports, 'faster_whisper', 'decode_audio')!])).toBe('from faster_whisper import WhisperModel, decode_audio\n');
    const three = '#!/usr/bin/env python\n# coding: utf-8\nx = 1\n';
    const l3 = load(three);
    expect(apply(three, [addFromImport(three, l3.analysis, l3.imports, 'm', 'n', 'o')!])).toBe('#!/usr/bin/env python\n# coding: utf-8\nfrom m import n as o\nx = 1\n');
  });

  test('fresh names avoid every name in the file', () => {
    const { analysis } = load('segments = 1\nsegments_2 = 2\ndef f(info): pass\n');
    expect(freshName(analysis, 'segments')).toBe('segments_3');
    expect(freshName(analysis, 'info')).toBe('info_2');
    expect(freshName(analysis, 'result', new Set(['result']))).toBe('result_2');
  });
});

describe('ArgumentEditor', () => {
  const call = (src: string) => load(src).tree.root.find('call')[0];

  test('removes the first, a middle or the last argument with its comma', () => {
    const src = 'f(a, b=1, c=2)\n';
    for (const [i, expected] of [[0, 'f(b=1, c=2)\n'], [1, 'f(a, c=2)\n'], [2, 'f(a, b=1)\n']] as const) {
      const e = new ArgumentEditor(src, call(src));
      e.remove(e.arguments[i]);
      expect(apply(src, e.edits())).toBe(expected);
    }
    const all = new ArgumentEditor(src, call(src));
    all.arguments.forEach((a) => all.remove(a));
    all.add('x=1');
    expect(apply(src, all.edits())).toBe('f(x=1)\n');
  });

  test('adds arguments one per line when the call is written so, and renames keep inner edits', () => {
    const src = 'f(\n    a,\n    sr=g(1),  # rate\n)\n';
    const c = call(src);
    const e = new ArgumentEditor(src, c);
    e.rename(e.arguments[1], 'sampling_rate');
    e.add('beam_size=1');
    const inner = load(src).tree.root.find('call')[1];
    const edits = [...e.edits(), { start: inner.get('function')!.start, end: inner.get('function')!.end, text: 'h' }];
    expect(apply(src, edits)).toBe('f(\n    a,\n    sampling_rate=h(1),  # rate\n    beam_size=1,\n)\n');
    const bare = 'f(\n    a,\n    b  # last\n)\n';
    const e2 = new ArgumentEditor(bare, call(bare));
    e2.add('c=1');
    e2.add('d=2');
    expect(apply(bare, e2.edits())).toBe('f(\n    a,\n    b,  # last\n    c=1,\n    d=2\n)\n');
    const closing = 'f(\n    a,\n    b)\n';
    const e3 = new ArgumentEditor(closing, call(closing));
    e3.add('c=1');
    expect(apply(closing, e3.edits())).toBe('f(\n    a,\n    b, c=1)\n');
  });
});

describe('EditSet', () => {
  test('renders a node with the edits inside it, and drops edits inside larger replacements', () => {
    const src = 'outer(inner(x))\n';
    const { tree } = load(src);
    const [outer, inner] = tree.root.find('call');
    const set = new EditSet(src);
    set.replace(inner.get('function')!, 'INNER');
    expect(set.render(outer)).toBe('outer(INNER(x))');
    set.replace(outer, `wrapped(${set.render(inner)})`);
    expect(apply(src, set.finish())).toBe('wrapped(INNER(x))\n');
  });
});

describe('literals', () => {
  test('string values: escapes, raw, concatenation; not f-strings or bytes', () => {
    const { tree } = load(`a = "x\\ty"\nb = r"x\\ty"\nc = "ab" 'cd'\nd = f"{a}"\ne = b"x"\nf = '''tri'''\n`);
    const values = tree.root.find('assignment').map((a) => stringValue(a.get('right')));
    expect(values).toEqual(['x\ty', 'x\\ty', 'abcd', undefined, undefined, 'tri']);
  });

  test('quotes inside f-strings avoid the f-string\'s own quote', () => {
    const { tree } = load(`print(f"{r['text']}")\nprint(f'{r["text"]}')\nprint(r["text"])\n`);
    const subs = tree.root.find('subscript');
    expect(subs.map((s) => quoteFor(s))).toEqual(["'", '"', '"']);
  });
});
