/**
 * What the engine keeps of a file once its transforms are done: the contents only where the file
 * changed. Everything else about the file (warnings, review items with their positions, data for
 * `finish`) stays, and `finish` still reads any file, changed or not, failed or skipped.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { processFile, settledRun } from '../../src/engine/process-file.js';
import { runCodemods } from '../../src/engine/runner.js';
import type { Codemod, SourceFile, TransformResult } from '../../src/engine/types.js';
import { Scratch } from '../helpers/scratch.js';
import { writeFiles } from './helpers.js';

const scratch = new Scratch();
const project = (): string => scratch.dir();

/** Renames `old` to `new`; asks for a review of every `todo`; crashes on `boom`. */
function transform(file: SourceFile): TransformResult {
  if (file.text.includes('boom')) throw new Error('cannot handle boom');
  const review = [];
  for (let i = file.text.indexOf('todo'); i !== -1; i = file.text.indexOf('todo', i + 1)) review.push({ ...file.position(i), message: 'look at this todo' });
  const at = file.text.indexOf('old');
  return { edits: at === -1 ? [] : [{ start: at, end: at + 3, text: 'new' }], review, data: { lines: file.text.split('\n').length } };
}

const reviewer: Codemod = { name: 'reviewer', description: '', files: ['*.py'], triggers: [], options: [], transform };
const facts = { root: '/nowhere', files: [] };

describe('settledRun', () => {
  test('an unchanged file keeps its status, warnings, review items and data, and none of its text', () => {
    const run = settledRun(processFile('a.py', Buffer.from('x = 1\n# todo: tidy\n'), [{ codemod: reviewer, options: {} }], facts));
    expect(run).toEqual({
      path: 'a.py', status: 'unchanged', edits: 0, warnings: [], changedBy: [],
      review: [{ codemod: 'reviewer', path: 'a.py', line: 2, column: 3, message: 'look at this todo' }],
      data: { reviewer: { lines: 3 } }, history: { reviewer: [{ lines: 3 }] },
    });
  });

  test('a skipped file keeps its warning', () => {
    const run = settledRun(processFile('bad.py', Buffer.from('def f(:\n'), [{ codemod: reviewer, options: {} }], facts));
    expect(run.status).toBe('skipped');
    expect(run.warnings).toEqual([expect.stringMatching(/^bad\.py:1:\d+: skipped: the file does not parse/)]);
    expect(Object.keys(run).filter((k) => ['before', 'after', 'decoded', 'text'].includes(k))).toEqual([]);
  });

  test('a changed file keeps its text as read, decoded, and final, each once', () => {
    const run = settledRun(processFile('a.py', Buffer.from('\ufeffx = old\r\n'), [{ codemod: reviewer, options: {} }], facts));
    expect(run.status).toBe('modified');
    expect(run.before).toBe('\ufeffx = old\r\n');
    expect(run.decoded).toMatchObject({ text: 'x = old\r\n', bom: true, eol: '\r\n' });
    expect(run.text).toBe('x = new\r\n');
    expect('after' in run).toBe(false);
  });
});

describe('a run keeps only what changed, and finish still reads everything', () => {
  test('finish reads unchanged, skipped and failed files as they are on disk; their warnings and review items stay', async () => {
    const root = project();
    const files = {
      'changed.py': 'x = old\n',
      'same.py': 'y = 1\n\n# todo: check\n',
      'broken.py': 'def f(:\n',
      'crash.py': 'boom = 1\n',
    };
    writeFiles(root, files);
    const read: Record<string, string | null> = {};
    const withFinish: Codemod = {
      ...reviewer,
      finish(p) {
        for (const path of Object.keys(files)) read[path] = p.read(path)?.text ?? null;
        // An edit at project level to a file the transforms left unchanged: the patch needs its text as read.
        return { changes: [{ path: 'same.py', edits: [{ start: 0, end: 1, text: 'z' }] }] };
      },
    };
    const r = await runCodemods({ root, codemods: [{ codemod: withFinish, options: {} }] });
    expect(read).toEqual({ 'changed.py': 'x = new\n', 'same.py': files['same.py'], 'broken.py': files['broken.py'], 'crash.py': files['crash.py'] });
    expect(Object.fromEntries(r.changes.map((c) => [c.path, [c.before, c.after]]))).toEqual({
      'changed.py': ['x = old\n', 'x = new\n'],
      'same.py': [files['same.py'], 'z = 1\n\n# todo: check\n'],
    });
    expect(r.review).toEqual([{ codemod: 'reviewer', path: 'same.py', line: 3, column: 3, message: 'look at this todo' }]);
    expect(r.warnings).toEqual([
      expect.stringMatching(/^broken\.py:1:\d+: skipped: the file does not parse/),
      'crash.py: left unchanged: reviewer crashed: cannot handle boom',
    ]);
    expect(r.files.map((f) => [f.path, f.status])).toEqual([
      ['broken.py', 'skipped'], ['changed.py', 'modified'], ['crash.py', 'failed'], ['same.py', 'modified'],
    ]);
  });

  test('a file the engine would not read (a symbolic link) stays unreadable for finish', async () => {
    const root = project();
    writeFiles(root, { 'real.txt': 'x = 1\n' });
    symlinkSync('real.txt', join(root, 'link.py'));
    let seen: string | null | undefined;
    const withFinish: Codemod = { ...reviewer, finish(p) { seen = p.read('link.py')?.text ?? null; } };
    const r = await runCodemods({ root, codemods: [{ codemod: withFinish, options: {} }] });
    expect(seen).toBeNull();
    expect(r.warnings).toEqual(['link.py: skipped: symbolic link (not followed)']);
  });
});
