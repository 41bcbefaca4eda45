/** One file through the engine: edit checking, passes, review positions, encodings. */
import { describe, expect, test } from 'vitest';
import { MAX_PASSES, processFile } from '../../src/engine/process-file.js';
import type { Codemod, TransformResult, SourceFile } from '../../src/engine/types.js';

const project = { root: '/nowhere', files: [] };

function codemod(transform: (file: SourceFile, pass: number) => TransformResult | undefined): Codemod {
  return { name: 'test', description: '', files: ['*'], triggers: [], options: [], transform: (f, c) => transform(f, c.pass) };
}

function run(path: string, content: string | Buffer, transform: (file: SourceFile, pass: number) => TransformResult | undefined) {
  return processFile(path, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), [{ codemod: codemod(transform), options: {} }], project);
}

/** Replaces every `old` with `new` (a fixed point after one pass). */
const rename = (from: string, to: string) => (file: SourceFile): TransformResult => {
  const edits = [];
  for (let i = file.text.indexOf(from); i !== -1; i = file.text.indexOf(from, i + 1)) edits.push({ start: i, end: i + from.length, text: to });
  return { edits };
};

describe('processFile', () => {
  test('applies edits and stops when a pass changes nothing', () => {
    const passes: number[] = [];
    const r = run('a.py', 'x = old\ny = old\n', (f, pass) => { passes.push(pass); return rename('old', 'new')(f); });
    expect(r.status).toBe('modified');
    expect(r.after).toBe('x = new\ny = new\n');
    expect(r.edits).toBe(2);
    expect(passes).toEqual([1, 2]);
  });

  test('refuses overlapping edits: the file stays as it was, with a review item', () => {
    const r = run('a.py', 'x = 1\ny = 2\n', () => ({ edits: [{ start: 0, end: 5, text: 'x = 3' }, { start: 4, end: 7, text: '9' }] }));
    expect(r.status).toBe('failed');
    expect(r.after).toBeUndefined();
    expect(r.review).toHaveLength(1);
    expect(r.review[0].message).toMatch(/overlapping edits \(lines 1 and 1\); the file was left unchanged/);
  });

  test('refuses edits that leave a Python syntax error', () => {
    const r = run('a.py', 'def f():\n    return 1\n', (f) => ({ edits: [{ start: f.text.indexOf(':'), end: f.text.indexOf(':') + 1, text: '' }] }));
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/syntax error at line 1/);
    expect(r.review[0].message).toMatch(/would not parse/);
  });

  test('refuses edits that break TOML, JSON and YAML too', () => {
    expect(run('p.toml', 'a = 1\n', () => ({ edits: [{ start: 4, end: 5, text: '[' }] })).status).toBe('failed');
    expect(run('p.json', '{"a": 1}\n', () => ({ edits: [{ start: 7, end: 8, text: '' }] })).status).toBe('failed');
    expect(run('p.yaml', 'a: [1]\n', () => ({ edits: [{ start: 5, end: 6, text: '' }] })).status).toBe('failed');
    expect(run('p.toml', 'a = 1\n', () => ({ edits: [{ start: 4, end: 5, text: '2' }] })).status).toBe('modified');
  });

  test('skips Python files that do not parse, with a warning naming the place', () => {
    let called = false;
    const r = run('bad.py', 'def f(:\n    pass\n', () => { called = true; return undefined; });
    expect(called).toBe(false);
    expect(r.status).toBe('skipped');
    expect(r.warnings[0]).toMatch(/^bad\.py:1:\d+: skipped: the file does not parse/);
  });

  test('gives up after MAX_PASSES when a codemod never reaches a fixed point', () => {
    let n = 0;
    const r = run('a.py', 'x = 0\n', (f) => ({ edits: [{ start: 4, end: f.text.length - 1, text: String(++n) }] }));
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/no fixed point/);
    expect(n).toBe(MAX_PASSES);
  });

  test('a crashing transform fails the file, not the run', () => {
    const r = run('a.py', 'x = 1\n', () => { throw new Error('boom'); });
    expect(r.status).toBe('failed');
    expect(r.reason).toBe('test crashed: boom');
  });

  test('review items follow the edits above them', () => {
    const text = 'import a\nx = 1\nflag = 2\n';
    const r = run('a.py', text, (f, pass) => (pass === 1
      ? { edits: [{ start: 0, end: 0, text: 'import b\nimport c\n' }], review: [{ line: 3, column: 1, message: 'look' }] }
      : undefined));
    expect(r.review).toEqual([{ codemod: 'test', path: 'a.py', line: 5, column: 1, message: 'look' }]);
    expect((r.after as string).split('\n')[4]).toBe('flag = 2');
  });

  test('keeps CRLF, the byte-order mark and a missing final newline', () => {
    const r = run('a.py', '\ufeffx = old\r\ny = 1', (f) => ({
      edits: [...rename('old', 'new')(f).edits!, ...(f.text.includes('z = 2') ? [] : [{ start: f.text.length, end: f.text.length, text: '\nz = 2' }])],
    }));
    expect(r.after).toBe('\ufeffx = new\r\ny = 1\r\nz = 2');
  });

  test('passes the data of every call to finish: the last describes the final text', () => {
    const r = run('a.py', 'x = old\n', (f) => ({ ...rename('old', 'new')(f), data: { seen: f.text } }));
    expect(r.history.test).toEqual([{ seen: 'x = old\n' }, { seen: 'x = new\n' }]);
    expect(r.data.test).toEqual({ seen: 'x = new\n' });
  });

  test('delete removes the file', () => {
    const r = run('a.py', 'x = 1\n', () => ({ delete: true }));
    expect(r.status).toBe('deleted');
    expect(r.after).toBeNull();
  });

  test('offsets are UTF-16 indices of file.text: edits after non-ASCII text land right', () => {
    const r = run('a.py', 's = "é😀"\nx = old\n', rename('old', 'new'));
    expect(r.after).toBe('s = "é😀"\nx = new\n');
  });
});
