import { describe, expect, test } from 'vitest';
import {
  applyEdits, detectEol, indentationAt, LineIndex, lineEnd, lineStart, mapOffset, nextLineStart, offsetOf,
  OverlappingEditsError, outermostEdits, positionOf, prepareEdits, removeSeparatedItems, spliceEdits, stripBom, wholeLines,
  type Edit,
} from '../../src/text/index.js';

/** The spans of `items`, found in order after the list's opening bracket. */
function spansOf(text: string, items: string[]): Array<{ start: number; end: number }> {
  let from = text.search(/[([{]/);
  return items.map((item) => {
    const start = text.indexOf(item, from);
    from = start + item.length;
    return { start, end: from };
  });
}

function removeNamed(text: string, items: string[], names: string[], wholeLinesMode?: 'always' | 'unlessAll' | 'never'): string {
  const spans = spansOf(text, items);
  return applyEdits(text, removeSeparatedItems(text, spans, (_, i) => names.includes(items[i]), { wholeLines: wholeLinesMode }));
}

describe('the overlap rule', () => {
  test('identical edits count once, also for insertions', () => {
    expect(applyEdits('one two', [{ start: 3, end: 7, text: '' }, { start: 3, end: 7, text: '' }])).toBe('one');
    expect(applyEdits('ab', [{ start: 1, end: 1, text: '-' }, { start: 1, end: 1, text: '-' }])).toBe('a-b');
  });

  test('a removal inside a larger removal is absorbed, in either order', () => {
    const text = 'keep(a, b, c)\n';
    const outer: Edit = { start: 4, end: 13, text: '' };
    const inner: Edit = { start: 5, end: 8, text: '' };
    const sameStart: Edit = { start: 4, end: 6, text: '' };
    expect(applyEdits(text, [outer, inner])).toBe('keep\n');
    expect(applyEdits(text, [inner, outer, sameStart])).toBe('keep\n');
    const r = prepareEdits(text, [inner, sameStart, outer]);
    expect(r.ok && r.edits).toEqual([outer]);
  });

  test('insertions at one offset keep the producer order and come before a replacement there', () => {
    const text = 'import os\n';
    const edits = [
      { start: 0, end: 6, text: 'from' },
      { start: 0, end: 0, text: '# first\n' },
      { start: 0, end: 0, text: '# second\n' },
    ];
    expect(applyEdits(text, edits)).toBe('# first\n# second\nfrom os\n');
  });

  test('a true partial overlap is an error returned to the caller, never dropped', () => {
    const text = 'x = [1, 2, 3]\n';
    const r = prepareEdits(text, [{ start: 4, end: 9, text: '[9' }, { start: 7, end: 13, text: '' }]);
    expect(r).toEqual({ ok: false, message: 'the codemod proposed overlapping edits', offsets: [4, 7] });
    expect(() => applyEdits(text, [{ start: 4, end: 9, text: '[9' }, { start: 7, end: 13, text: '' }])).toThrow(OverlappingEditsError);
    // An insertion or replacement inside a removal would lose its text: refused too.
    expect(prepareEdits(text, [{ start: 4, end: 13, text: '' }, { start: 6, end: 6, text: '0' }]).ok).toBe(false);
    expect(prepareEdits(text, [{ start: 4, end: 13, text: '' }, { start: 5, end: 6, text: '7' }]).ok).toBe(false);
    // Two different replacements of one range: refused.
    expect(prepareEdits(text, [{ start: 5, end: 6, text: '7' }, { start: 5, end: 6, text: '8' }]).ok).toBe(false);
  });

  test('ranges outside the text are refused', () => {
    expect(prepareEdits('abc', [{ start: 1, end: 4, text: '' }]).ok).toBe(false);
    expect(() => applyEdits('abc', [{ start: -1, end: 1, text: '' }])).toThrow(RangeError);
  });
});

describe('line endings and the BOM', () => {
  test('inserted line breaks follow the file: CRLF, LF, and no final newline', () => {
    const crlf = 'a = 1\r\nb = 2\r\n';
    expect(applyEdits(crlf, [{ start: 7, end: 7, text: 'import os\n' }], detectEol(crlf))).toBe('a = 1\r\nimport os\r\nb = 2\r\n');
    const noFinal = 'venv/\r\n*.tmp';
    expect(applyEdits(noFinal, [{ start: noFinal.length, end: noFinal.length, text: '\n\n# added\n*.log\n' }], detectEol(noFinal)))
      .toBe('venv/\r\n*.tmp\r\n\r\n# added\r\n*.log\r\n');
    expect(applyEdits('x\n', [{ start: 2, end: 2, text: 'y\r\n' }], '\n')).toBe('x\ny\n');
    // Without a line ending, inserted text is written as given.
    expect(applyEdits('x\r\n', [{ start: 3, end: 3, text: 'y\n' }])).toBe('x\r\ny\n');
  });

  test('the dominant ending wins; a file without breaks or a tie is LF', () => {
    expect(detectEol('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(detectEol('a\r\nb\n')).toBe('\n');
    expect(detectEol('no break')).toBe('\n');
  });

  test('a BOM is removed once', () => {
    expect(stripBom('\uFEFFimport os\n')).toBe('import os\n');
    expect(stripBom('import os\n')).toBe('import os\n');
  });
});

describe('lines and positions', () => {
  const text = 'def f():\r\n    return 1\r\n\r\nx = f()';

  test('line bounds: a CRLF belongs to the break, the last line has none', () => {
    const ret = text.indexOf('return');
    expect(lineStart(text, ret)).toBe(10);
    expect(text.slice(lineStart(text, ret), lineEnd(text, ret))).toBe('    return 1');
    expect(nextLineStart(text, ret)).toBe(text.indexOf('\r\n\r\n') + 2);
    expect(indentationAt(text, ret)).toBe('    ');
    const x = text.indexOf('x');
    expect(lineEnd(text, x)).toBe(text.length);
    expect(nextLineStart(text, x)).toBe(text.length);
    expect(lineStart('\nabc', 0)).toBe(0);
  });

  test('whole lines include the last line break, and the last line without one', () => {
    const ret = text.indexOf('return');
    expect(text.slice(wholeLines(text, ret).start, wholeLines(text, ret).end)).toBe('    return 1\r\n');
    const x = text.indexOf('x');
    expect(text.slice(wholeLines(text, x).start, wholeLines(text, x).end)).toBe('x = f()');
    expect(text.slice(wholeLines(text, 0, ret).start, wholeLines(text, 0, ret).end)).toBe('def f():\r\n    return 1\r\n');
  });

  test('offset <-> line and column, counting characters, with and without an index', () => {
    const emoji = 'a\n\u{1F600}b = 1\n';
    const b = emoji.indexOf('b');
    expect(positionOf(emoji, b)).toEqual({ line: 2, column: 2 });
    expect(offsetOf(emoji, 2, 2)).toBe(b);
    expect(offsetOf(emoji, 9, 1)).toBe(emoji.length);
    const index = new LineIndex(text);
    for (const offset of [0, 9, 10, 14, 25, text.length]) expect(index.position(offset)).toEqual(positionOf(text, offset));
    expect(index.lineStarts()).toEqual([0, 10, 24, 26]);
  });

  test('mapOffset follows an offset through prepared edits, with the file\'s line ending', () => {
    const edits = [{ start: 0, end: 0, text: 'a\n' }, { start: 5, end: 8, text: '' }];
    expect(mapOffset(0, edits, '\r\n')).toBe(3);
    expect(mapOffset(6, edits, '\r\n')).toBe(8);
    expect(mapOffset(10, edits)).toBe(9);
  });
});

describe('nested edits while planning', () => {
  test('outermost edits drop those inside a larger replacement; insertions at its bounds stay', () => {
    const outer = { start: 2, end: 8, text: 'X' };
    const inside = { start: 3, end: 4, text: 'y' };
    const atBound = { start: 8, end: 8, text: '!' };
    const sameRange = { start: 2, end: 8, text: 'Z' };
    expect(outermostEdits([inside, outer, atBound])).toEqual([outer, atBound]);
    // Two replacements of one range are a conflict that the apply step refuses: both stay.
    expect(outermostEdits([outer, sameRange])).toEqual([outer, sameRange]);
  });

  test('spliceEdits renders a range with the edits inside it', () => {
    const text = 'print(ollama.chat(m))';
    const inner = [{ start: 6, end: 17, text: 'client.chat' }];
    expect(spliceEdits(text, 6, 20, inner)).toBe('client.chat(m)');
  });
});

describe('removing items with their separators', () => {
  test('first, middle and last element of a one-line list', () => {
    const call = 'f(a, b, c)\n';
    expect(removeNamed(call, ['a', 'b', 'c'], ['a'])).toBe('f(b, c)\n');
    expect(removeNamed(call, ['a', 'b', 'c'], ['b'])).toBe('f(a, c)\n');
    expect(removeNamed(call, ['a', 'b', 'c'], ['c'])).toBe('f(a, b)\n');
    expect(removeNamed(call, ['a', 'b', 'c'], ['a', 'b'])).toBe('f(c)\n');
    expect(removeNamed(call, ['a', 'b', 'c'], ['a', 'c'])).toBe('f(b)\n');
    expect(removeNamed(call, ['a', 'b', 'c'], ['a', 'b', 'c'])).toBe('f()\n');
  });

  test('one item per line with a trailing comma and comments between elements', () => {
    const list = 'deps = [\n    "a",  # first\n    # about b\n    "b",\n    "c",\n]\n';
    const abc = ['"a"', '"b"', '"c"'];
    expect(removeNamed(list, abc, ['"a"'])).toBe('deps = [\n    # about b\n    "b",\n    "c",\n]\n');
    expect(removeNamed(list, abc, ['"b"'])).toBe('deps = [\n    "a",  # first\n    # about b\n    "c",\n]\n');
    expect(removeNamed(list, abc, ['"c"'])).toBe('deps = [\n    "a",  # first\n    # about b\n    "b",\n]\n');
  });

  test('the last item without a trailing comma keeps the list valid; CRLF lines go whole', () => {
    const list = 'x = [\r\n    1,\r\n    two\r\n]\r\n';
    expect(removeNamed(list, ['1', 'two'], ['two'])).toBe('x = [\r\n    1,\r\n]\r\n');
  });

  test('a lone item: its line only with wholeLines "always"; "never" keeps the layout', () => {
    const one = 'f(\n    a,\n)\n';
    expect(removeNamed(one, ['a'], ['a'], 'always')).toBe('f(\n)\n');
    // By default every item going is the caller's case (it removes the whole list): only the item text goes.
    expect(removeNamed(one, ['a'], ['a'])).toBe('f(\n    ,\n)\n');
    expect(removeNamed('f(\n    a,\n    b,\n)\n', ['a', 'b'], ['a'], 'never')).toBe('f(\n    b,\n)\n');
  });

  test('an item on a line shared with its neighbours takes its comma, not the line', () => {
    const dict = 'd = {"a": 1,\n     "b": 2, "c": 3}\n';
    const items = [{ start: 5, end: 11 }, { start: 18, end: 24 }, { start: 26, end: 32 }];
    expect(dict.slice(items[1].start, items[1].end)).toBe('"b": 2');
    expect(applyEdits(dict, removeSeparatedItems(dict, items, (_, i) => i === 1))).toBe('d = {"a": 1,\n     "c": 3}\n');
    expect(applyEdits(dict, removeSeparatedItems(dict, items, (_, i) => i === 2))).toBe('d = {"a": 1,\n     "b": 2}\n');
  });
});

describe('the kernel stands alone', () => {
  test('src/text imports nothing else of the project', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../src/text/', import.meta.url);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const imports = [...readFileSync(new URL(name, dir), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => !i.startsWith('./')), name).toEqual([]);
    }
  });
});
