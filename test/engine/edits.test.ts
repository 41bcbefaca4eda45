import { describe, expect, test } from 'vitest';
import { applyEdits, mapOffset, offsetOf, positionOf, prepareEdits } from '../../src/text/index.js';

describe('prepareEdits', () => {
  test('sorts edits and keeps insertions before a replacement at the same offset', () => {
    const r = prepareEdits('abcdef', [{ start: 2, end: 4, text: 'X' }, { start: 2, end: 2, text: '<' }, { start: 0, end: 1, text: 'A' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.edits.map((e) => e.text)).toEqual(['A', '<', 'X']);
    expect(applyEdits('abcdef', r.edits, '\n')).toBe('Ab<Xef');
  });

  test('refuses overlapping edits and names where they are', () => {
    const r = prepareEdits('one\ntwo\nthree', [{ start: 0, end: 6, text: 'x' }, { start: 4, end: 8, text: 'y' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/overlapping/);
    expect(r.offsets).toEqual([0, 4]);
  });

  test('refuses an insertion strictly inside a replacement, but not at its ends', () => {
    expect(prepareEdits('abcdef', [{ start: 1, end: 4, text: '' }, { start: 2, end: 2, text: 'z' }]).ok).toBe(false);
    expect(prepareEdits('abcdef', [{ start: 1, end: 4, text: '' }, { start: 4, end: 4, text: 'z' }]).ok).toBe(true);
  });

  test('collapses identical duplicates and rejects ranges outside the text', () => {
    const r = prepareEdits('abc', [{ start: 1, end: 2, text: 'B' }, { start: 1, end: 2, text: 'B' }]);
    expect(r.ok && r.edits.length).toBe(1);
    expect(prepareEdits('abc', [{ start: 2, end: 9, text: '' }]).ok).toBe(false);
    expect(prepareEdits('abc', [{ start: 2, end: 1, text: '' }]).ok).toBe(false);
  });
});

describe('applyEdits', () => {
  test('writes inserted line breaks with the file\'s line ending', () => {
    const r = prepareEdits('a\r\nb\r\n', [{ start: 3, end: 3, text: 'x\ny\n' }]);
    expect(r.ok && applyEdits('a\r\nb\r\n', r.edits, '\r\n')).toBe('a\r\nx\r\ny\r\nb\r\n');
  });
});

describe('offsets', () => {
  test('mapOffset follows later text through insertions and deletions', () => {
    const edits = [{ start: 0, end: 0, text: 'abc' }, { start: 5, end: 8, text: '' }];
    expect(mapOffset(0, edits, '\n')).toBe(3);
    expect(mapOffset(4, edits, '\n')).toBe(7);
    expect(mapOffset(6, edits, '\n')).toBe(8); // inside the deletion: its start
    expect(mapOffset(10, edits, '\n')).toBe(10);
  });

  test('line and column count characters, not UTF-16 units', () => {
    const text = 'a\n😀b = 1\n';
    const offset = text.indexOf('b');
    expect(positionOf(text, offset)).toEqual({ line: 2, column: 2 });
    expect(offsetOf(text, 2, 2)).toBe(offset);
  });
});
