/** A run over a real project folder: listing, triggers, project-level changes, several codemods. */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { listFiles } from '../../src/engine/files.js';
import { runCodemods } from '../../src/engine/runner.js';
import type { Codemod } from '../../src/engine/types.js';
import { applyChanges } from '../../src/patch/apply.js';
import { createPatch } from '../../src/patch/diff.js';
import { SafetyError } from '../../src/errors.js';
import { gitRepo, tempDir, writeFiles } from './helpers.js';

let cleanups: Array<() => void> = [];
afterEach(() => { cleanups.forEach((c) => c()); cleanups = []; });
function project(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const seen: string[] = [];
const renameOld: Codemod = {
  name: 'rename-old',
  description: 'old -> new',
  files: ['*.py'],
  triggers: ['old'],
  options: [],
  transform(file) {
    seen.push(file.path);
    const i = file.text.indexOf('old');
    return i === -1 ? { data: { left: 0 } } : { edits: [{ start: i, end: i + 3, text: 'new' }], data: { left: 1 } };
  },
};

describe('listing files', () => {
  test('in a git repository: tracked and untracked files, without ignored files, environments and caches', () => {
    const root = project();
    gitRepo(root, {
      '.gitignore': 'ignored/\n',
      'app/main.py': 'x = 1\n',
      'ignored/a.py': 'x = 1\n',
      'env/pyvenv.cfg': 'home = /usr\n',
      'env/lib/site.py': 'x = 1\n',
      'web/node_modules/pkg/index.js': '1\n',
    });
    writeFiles(root, { 'new.py': 'x = 2\n', 'app/__pycache__/m.py': 'x\n' });
    const listing = listFiles(root);
    expect(listing.source).toBe('git');
    expect(listing.files).toEqual(['.gitignore', 'app/main.py', 'new.py']);
  });

  test('elsewhere: a walk that skips the same folders and does not follow symbolic links', () => {
    const root = project();
    writeFiles(root, { 'a.py': '', 'venv/pyvenv.cfg': '', 'venv/x.py': '', 'conda/conda-meta/history': '', 'conda/y.py': '', '.git/HEAD': '', 'sub/b.py': '' });
    symlinkSync(join(root, 'sub'), join(root, 'linked-dir'));
    const listing = listFiles(root);
    expect(listing.source).toBe('walk');
    // Links are listed (as git lists them) but never entered; the runner skips them.
    expect(listing.files).toEqual(['a.py', 'linked-dir', 'sub/b.py']);
  });

  test('a folder that git ignores is walked, not listed empty', () => {
    const root = project();
    gitRepo(root, { '.gitignore': 'vendor/\n', 'a.py': '' });
    writeFiles(root, { 'vendor/lib/m.py': 'x = 1\n' });
    expect(listFiles(join(root, 'vendor')).files).toEqual(['lib/m.py']);
  });
});

describe('runCodemods', () => {
  test('transforms only files that contain a trigger, and skips symbolic links', async () => {
    const root = project();
    writeFiles(root, { 'a.py': 'x = old\n', 'b.py': 'x = 1\n', 'c.txt': 'old\n' });
    symlinkSync(join(root, 'a.py'), join(root, 'link.py'));
    seen.length = 0;
    const r = await runCodemods({ root, codemods: [{ codemod: renameOld, options: {} }] });
    expect(seen).toEqual(['a.py', 'a.py']);
    expect(r.stats).toMatchObject({ listed: 4, matched: 3, candidates: 1, workers: 0 });
    expect(r.files.map((f) => [f.path, f.status])).toEqual([['a.py', 'modified'], ['b.py', 'unchanged'], ['link.py', 'skipped']]);
    expect(r.changes).toEqual([{ path: 'a.py', before: 'x = old\n', after: 'x = new\n' }]);
  });

  test('unreadable files are reported and the run goes on', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const root = project();
    writeFiles(root, { 'a.py': 'x = old\n', 'b.py': 'x = old\n' });
    const { chmodSync } = await import('node:fs');
    chmodSync(join(root, 'b.py'), 0);
    const r = await runCodemods({ root, codemods: [{ codemod: renameOld, options: {} }] });
    expect(r.files.find((f) => f.path === 'b.py')?.status).toBe('failed');
    expect(r.warnings.join('\n')).toMatch(/b\.py: cannot read/);
    expect(r.changes.map((c) => c.path)).toEqual(['a.py']);
  });

  test('finish sees every file\'s final data and can edit, create, delete and revert files', async () => {
    const root = project();
    writeFiles(root, { 'a.py': 'x = old\n', 'b.py': 'y = old\n', 'deps.toml': 'old = "1"\n', 'gone.txt': 'bye\n', 'keep.py': 'z = old\n' });
    let results: unknown;
    const withFinish: Codemod = {
      ...renameOld,
      finish(p) {
        results = p.results.map((r) => [r.path, r.status, r.data, r.history.length]);
        const toml = p.read('deps.toml')!;
        return {
          changes: [
            { path: 'deps.toml', edits: [{ start: 0, end: 3, text: 'new' }] },
            { path: 'added.txt', create: 'hello\n' },
            { path: 'gone.txt', delete: true },
          ],
          revert: [{ path: 'keep.py', reason: 'another module needs the old name', line: 1, column: 5 }],
          review: [{ path: 'deps.toml', line: 1, column: 1, message: `was ${toml.text.trim()}` }],
          notes: ['a note'],
        };
      },
    };
    const r = await runCodemods({ root, codemods: [{ codemod: withFinish, options: {} }] });
    expect(results).toEqual([
      ['a.py', 'modified', { left: 0 }, 2],
      ['b.py', 'modified', { left: 0 }, 2],
      ['keep.py', 'modified', { left: 0 }, 2],
    ]);
    expect(Object.fromEntries(r.changes.map((c) => [c.path, c.after]))).toEqual({
      'a.py': 'x = new\n', 'b.py': 'y = new\n', 'added.txt': 'hello\n', 'deps.toml': 'new = "1"\n', 'gone.txt': null,
    });
    expect(r.review).toEqual([
      { codemod: 'rename-old', path: 'deps.toml', line: 1, column: 1, message: 'was old = "1"' },
      { codemod: 'rename-old', path: 'keep.py', line: 1, column: 5, message: 'another module needs the old name' },
    ]);
    expect(r.notes).toEqual(['a note']);
    expect(r.files.find((f) => f.path === 'keep.py')?.status).toBe('unchanged');
    const patch = createPatch(r.changes);
    expect(patch).toContain('new file mode 100644');
    expect(patch).toContain('deleted file mode 100644');
  });

  test('project-level edits that would not parse are refused with a review item', async () => {
    const root = project();
    writeFiles(root, { 'a.py': 'x = old\n', 'pyproject.toml': '[project]\nname = "x"\n' });
    const breaking: Codemod = { ...renameOld, finish: () => ({ changes: [{ path: 'pyproject.toml', edits: [{ start: 0, end: 1, text: '' }] }] }) };
    const r = await runCodemods({ root, codemods: [{ codemod: breaking, options: {} }] });
    expect(r.changes.map((c) => c.path)).toEqual(['a.py']);
    expect(r.review[0]).toMatchObject({ path: 'pyproject.toml', message: expect.stringMatching(/would not parse/) });
  });

  test('several codemods run in order on the same file until neither changes it', async () => {
    const root = project();
    writeFiles(root, { 'a.py': 'x = old\n' });
    const newToNewer: Codemod = {
      name: 'newer', description: '', files: ['*.py'], triggers: [], options: [],
      transform(file) {
        const i = file.text.indexOf('new');
        return i === -1 || file.text.startsWith('newer', i) ? undefined : { edits: [{ start: i, end: i + 3, text: 'newer' }] };
      },
    };
    const r = await runCodemods({ root, codemods: [{ codemod: renameOld, options: {} }, { codemod: newToNewer, options: {} }] });
    expect(r.changes[0].after).toBe('x = newer\n');
    expect(r.files[0].codemods.sort()).toEqual(['newer', 'rename-old']);
  });

  test('writing refuses a file that changed since it was read, and writes nothing', async () => {
    const root = project();
    writeFiles(root, { 'a.py': 'x = old\n', 'b.py': 'y = old\n' });
    const r = await runCodemods({ root, codemods: [{ codemod: renameOld, options: {} }] });
    writeFileSync(join(root, 'b.py'), 'y = old  # edited meanwhile\n');
    expect(() => applyChanges(root, r.changes)).toThrow(SafetyError);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(root, 'a.py'), 'utf8')).toBe('x = old\n');
  });
});

test('finish can delete binary and executable files; the patch records their bytes and mode', async () => {
  const { chmodSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const root = project();
  gitRepo(root, { 'a.py': 'x = old\n', 'blob.bin': Buffer.from([0, 159, 146, 150]), 'tool.sh': '#!/bin/sh\necho hi\n' });
  chmodSync(join(root, 'tool.sh'), 0o755);
  execFileSync('git', ['commit', '-qam', 'exec'], { cwd: root });
  const deleting: Codemod = { ...renameOld, finish: () => ({ changes: [{ path: 'blob.bin', delete: true }, { path: 'tool.sh', delete: true }] }) };
  const r = await runCodemods({ root, codemods: [{ codemod: deleting, options: {} }] });
  const patch = createPatch(r.changes);
  expect(patch).toContain('diff --git a/tool.sh b/tool.sh\ndeleted file mode 100755\n');
  expect(patch).toContain('GIT binary patch');
  execFileSync('git', ['apply', '--check', '-'], { cwd: root, input: patch });
});
