import { describe, expect, test } from 'vitest';
import { decodeSource, declaredEncoding, detectEol, detectIndent, encodeSource } from '../../src/engine/source.js';

describe('decodeSource', () => {
  test('removes a UTF-8 byte-order mark and puts it back', () => {
    const raw = Buffer.from('\ufeffx = 1\r\n', 'utf8');
    const r = decodeSource(raw, 'python');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.source.text).toBe('x = 1\r\n');
    expect(r.source.bom).toBe(true);
    expect(r.source.eol).toBe('\r\n');
    expect(Buffer.from(encodeSource(r.source, r.source.text) as string, 'utf8').equals(raw)).toBe(true);
  });

  test('decodes Latin-1 Python files that declare it, and re-encodes them byte for byte', () => {
    const raw = Buffer.from('# -*- coding: latin-1 -*-\ns = "\xe9t\xe9"\n', 'latin1');
    const r = decodeSource(raw, 'python');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.source.encoding).toBe('latin-1');
    expect(r.source.text).toContain('été');
    expect((encodeSource(r.source, r.source.text) as Buffer).equals(raw)).toBe(true);
  });

  test('refuses invalid UTF-8 without a declaration, other declared encodings, UTF-16 and binary', () => {
    expect(decodeSource(Buffer.from([0x61, 0xe9, 0x0a]), 'python')).toEqual({ ok: false, reason: 'not valid UTF-8 and declares no encoding' });
    const cp = decodeSource(Buffer.from('# coding: cp1252\nx = "\x80"\n', 'latin1'), 'python');
    expect(cp.ok === false && cp.reason).toMatch(/declares the encoding cp1252/);
    expect(decodeSource(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'python').ok).toBe(false);
    expect(decodeSource(Buffer.from('a\0b'), 'text').ok).toBe(false);
    // A Latin-1 declaration only counts for Python.
    expect(decodeSource(Buffer.from('# coding: latin-1\n\xe9\n', 'latin1'), 'text').ok).toBe(false);
  });

  test('finds PEP 263 declarations on the first two lines only', () => {
    expect(declaredEncoding(Buffer.from('#!/usr/bin/env python\n# vim: set fileencoding=latin_1 :\n'))).toBe('latin-1');
    expect(declaredEncoding(Buffer.from('\n\n# coding: latin-1\n'))).toBeUndefined();
  });
});

describe('layout detection', () => {
  test('line endings: the majority wins', () => {
    expect(detectEol('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(detectEol('a\nb\r\nc\n')).toBe('\n');
  });

  test('indentation: tabs, two spaces, four spaces by default', () => {
    expect(detectIndent('def f():\n\tpass\n')).toBe('\t');
    expect(detectIndent('def f():\n  if x:\n    pass\n')).toBe('  ');
    expect(detectIndent('x = 1\n')).toBe('    ');
  });
});
