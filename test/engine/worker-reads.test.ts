/**
 * Files of codemods without a trigger are read where they are transformed (on a worker, or on the
 * main thread without workers): the same safety checks, reasons and warnings as files the main
 * thread reads, in the same order; and what the engine keeps of each read for `finish`
 * (`keepLinesWith`, `project.linesWith`).
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { everyFileWhisper, parseOnly, registryUrl as everyFileRegistry } from '../../bench/worst-case-codemod.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runCodemods } from '../../src/engine/runner.js';
import type { Codemod } from '../../src/engine/types.js';
import { Scratch } from '../helpers/scratch.js';
import { WHISPER_SCRIPT, writeFiles } from './helpers.js';

const scratch = new Scratch();

/** A project whose Python files include every kind the engine refuses to read, plus one listed and gone. */
function awkwardProject(): { root: string; files: string[] } {
  const root = scratch.dir();
  const outside = scratch.dir();
  const files: Record<string, string> = {};
  for (let i = 0; i < 100; i++) {
    files[`app/m${i}.py`] = i % 5 === 0 ? WHISPER_SCRIPT : i % 7 === 0 ? 'def broken(:\n' : `import os\nVALUE = ${i}\n`;
  }
  writeFiles(root, files);
  writeFiles(outside, { 'target.py': WHISPER_SCRIPT, 'folder/inner.py': WHISPER_SCRIPT });
  writeFileSync(join(root, 'big.py'), `# ${'x'.repeat(8 * 1024 * 1024)}\n`);
  execFileSync('mkfifo', [join(root, 'pipe.py')]);
  symlinkSync(join(outside, 'target.py'), join(root, 'link.py'));
  symlinkSync(join(outside, 'folder'), join(root, 'linked'));
  const listed = [...Object.keys(files), 'big.py', 'gone.py', 'link.py', 'linked/inner.py', 'pipe.py'].sort();
  return { root, files: listed };
}

describe('files read where they are transformed', () => {
  test('on workers and on the main thread: the same result, and what cannot be read is reported in path order', async () => {
    const { root, files } = awkwardProject();
    const active = [{ codemod: everyFileWhisper, options: resolveOptions([everyFileWhisper], []).get(everyFileWhisper.name)! }];
    const inProcess = await runCodemods({ root, files, codemods: active });
    const threaded = await runCodemods({ root, files, codemods: active, workers: { registryUrl: everyFileRegistry, threshold: 1, count: 2 } });
    expect(inProcess.stats).toEqual({ listed: 105, matched: 104, candidates: 100, workers: 0 });
    expect(threaded.stats).toEqual({ ...inProcess.stats, workers: 2 });
    expect(threaded.changes).toEqual(inProcess.changes);
    expect(threaded.review).toEqual(inProcess.review);
    expect(threaded.warnings).toEqual(inProcess.warnings);
    expect(threaded.files).toEqual(inProcess.files);
    expect(threaded.notes).toEqual(inProcess.notes);
    // The unread files first, in path order; then what the transforms said.
    expect(inProcess.warnings.slice(0, 4)).toEqual([
      'big.py: skipped: larger than 8 MiB',
      'link.py: skipped: symbolic link (not followed)',
      'linked/inner.py: skipped: symbolic link (not followed)',
      'pipe.py: skipped: not a regular file',
    ]);
    expect(inProcess.warnings.slice(4).every((w) => /^app\/m\d+\.py:\d+:\d+: skipped: the file does not parse/.test(w))).toBe(true);
    expect(inProcess.warnings).toHaveLength(4 + 12);
    // Nothing outside the root was read, so nothing there is changed; gone.py is not part of the run.
    expect(inProcess.changes.map((c) => c.path)).toEqual(files.filter((f) => /^app\/m\d*[05]\.py$/.test(f)));
    expect(inProcess.files.map((f) => f.path)).not.toContain('gone.py');
    expect(Object.fromEntries(inProcess.files.filter((f) => !f.path.startsWith('app/')).map((f) => [f.path, f.status]))).toEqual({
      'big.py': 'skipped', 'link.py': 'skipped', 'linked/inner.py': 'skipped', 'pipe.py': 'skipped',
    });
  });

  test("the bench's parse-only floor reads and parses the worst case's files and changes nothing", async () => {
    const { root, files } = awkwardProject();
    const run = (codemod: Codemod) => runCodemods({
      root, files, codemods: [{ codemod, options: resolveOptions([codemod], []).get(codemod.name)! }],
      workers: { registryUrl: everyFileRegistry, threshold: 1, count: 2 },
    });
    const [worst, floor] = [await run(everyFileWhisper), await run(parseOnly)];
    expect(floor.stats).toEqual(worst.stats);
    expect(floor.changes).toEqual([]);
    expect(floor.review).toEqual([]);
    // The same files refused, and the same syntax errors found: the engine parsed every file.
    expect(floor.warnings).toEqual(worst.warnings);
    expect(floor.files.map((f) => [f.path, f.status === 'modified' ? 'unchanged' : f.status])).toEqual(worst.files.map((f) => [f.path, f.status === 'modified' ? 'unchanged' : f.status]));
  });

  test('files read before the transform (a trigger) and where it runs (no trigger) keep one warning order', async () => {
    const root = scratch.dir();
    const outside = scratch.dir();
    writeFiles(root, { 'a.py': 'x = old\n', 'b.txt': 'old\n' });
    writeFiles(outside, { 't.py': 'x = old\n', 't.txt': 'old\n' });
    for (const [name, target] of [['a-link.py', 't.py'], ['b-link.txt', 't.txt'], ['c-link.py', 't.py'], ['d-link.txt', 't.txt']]) {
      symlinkSync(join(outside, target), join(root, name));
    }
    const rename = (name: string, files: string[], triggers: string[]): Codemod => ({
      name, description: '', files, triggers, options: [],
      transform(file) {
        const i = file.text.indexOf('old');
        return i < 0 ? undefined : { edits: [{ start: i, end: i + 3, text: 'new' }] };
      },
    });
    const r = await runCodemods({ root, codemods: [{ codemod: rename('py', ['*.py'], ['old']), options: {} }, { codemod: rename('txt', ['*.txt'], []), options: {} }] });
    expect(r.warnings).toEqual([
      'a-link.py: skipped: symbolic link (not followed)',
      'b-link.txt: skipped: symbolic link (not followed)',
      'c-link.py: skipped: symbolic link (not followed)',
      'd-link.txt: skipped: symbolic link (not followed)',
    ]);
    expect(r.changes.map((c) => [c.path, c.after])).toEqual([['a.py', 'x = new\n'], ['b.txt', 'new\n']]);
    expect(r.stats).toEqual({ listed: 6, matched: 6, candidates: 2, workers: 0 });
  });
});

describe('keepLinesWith', () => {
  for (const triggers of [['zzz'], []]) {
    test(`finish gets the lines holding the string, as read, without reading again (${triggers.length ? 'read for the trigger check' : 'read where transformed'})`, async () => {
      const root = scratch.dir();
      writeFiles(root, {
        'a.py': 'import os\nx = 1\nfrom pkg.mod import name  # imports\r\n',
        'b.py': 'x = 1\n',
        'c.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import os\n', 'utf16le')]),
        'notes.txt': 'import nothing\n',
      });
      writeFileSync(join(root, 'd.py'), Buffer.from('x = "caf\xe9"; import sys', 'latin1'));
      symlinkSync(join(root, 'a.py'), join(root, 'link.py'));
      let seen: Record<string, readonly string[] | undefined> = {};
      const keeper: Codemod = {
        name: 'keeper', description: '', files: ['*.py'], triggers, options: [], keepLinesWith: 'import',
        transform: () => undefined,
        finish(project) {
          seen = Object.fromEntries(['a.py', 'b.py', 'c.py', 'd.py', 'link.py', 'notes.txt', 'missing.py'].map((p) => [p, project.linesWith?.(p)]));
        },
      };
      await runCodemods({ root, codemods: [{ codemod: keeper, options: {} }] });
      expect(seen).toEqual({
        'a.py': ['import os', 'from pkg.mod import name  # imports\r'],
        'b.py': [],
        'c.py': undefined, // UTF-16: the string's bytes differ there
        'd.py': ['x = "caf\xe9"; import sys'],
        'link.py': undefined, // never read
        'notes.txt': undefined, // not a file the codemod looks at
        'missing.py': undefined,
      });
    });
  }

  test('a codemod without keepLinesWith gets nothing kept', async () => {
    const root = scratch.dir();
    writeFiles(root, { 'a.py': 'import os\n' });
    let lines: unknown = 'not called';
    const plain: Codemod = { name: 'plain', description: '', files: ['*.py'], triggers: [], options: [], transform: () => undefined, finish(p) { lines = p.linesWith?.('a.py'); } };
    await runCodemods({ root, codemods: [{ codemod: plain, options: {} }] });
    expect(lines).toBeUndefined();
  });
});
