/**
 * What the analysis cache refuses to trust, through the CLI: a cache file or folder that another
 * user owns or may write (a checksum is no proof against them), a symlink, and a FIFO planted where
 * the cache file goes (which must not hang the scan). Each gives one warning naming the file, the
 * same report as without a cache, and the scan goes on.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, lstatSync, mkdirSync, readdirSync, renameSync, symlinkSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const TREE = {
  'requirements.txt': 'requests\nnumpy\n',
  'app/main.py': 'import requests\n',
  'app/extra.py': 'import os\nimport json\n',
};
const PYTHON_FILES = 2;
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

function project(): string {
  const root = makeRepo(TREE);
  made.push(root);
  const hourAgo = Date.now() / 1000 - 3600;
  for (const file of Object.keys(TREE)) utimesSync(join(root, file), hourAgo, hourAgo);
  return root;
}

function scan(root: string, cacheDir: string): { code: number; stdout: string; stderr: string; hits: number } {
  // A hang (a FIFO read with blocking I/O) fails the test through the timeout instead of stalling it.
  const run = runCli(['scan', '--format', 'json', '--no-report-memo', '--cache-dir', cacheDir, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache' }, timeout: 60_000 });
  return { ...run, hits: Number(/cache: (\d+) hits/.exec(run.stderr)?.[1] ?? NaN) };
}

/** A cache folder holding a valid, warm cache file for `root`; returns the folder and the file. */
function warmCache(root: string): { dir: string; file: string } {
  const dir = tempDir('repolish-cache-');
  made.push(dir);
  scan(root, dir);
  const names = readdirSync(dir);
  expect(names).toHaveLength(1);
  const file = join(dir, names[0]);
  expect(scan(root, dir).hits).toBe(PYTHON_FILES); // it is trusted as it is
  return { dir, file };
}

describe('analysis cache trust', () => {
  it('a FIFO where the cache file goes: no hang, one warning, the same report, a real cache file after', () => {
    const root = project();
    const reference = runCli(['scan', '--format', 'json', '--no-report-memo', '--no-cache', root]).stdout;
    const { dir, file } = warmCache(root);
    unlinkSync(file);
    execFileSync('mkfifo', [file]);
    const run = scan(root, dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`analysis cache ${file} is not a regular file; ignored`);
    expect(run.hits).toBe(0);
    expect(run.stdout).toBe(reference);
    expect(lstatSync(file).isFile()).toBe(true); // replaced by this scan's cache
    expect(scan(root, dir).hits).toBe(PYTHON_FILES);
  });

  it('a symlink where the cache file goes is not followed', () => {
    const root = project();
    const { dir, file } = warmCache(root);
    const elsewhere = join(tempDir('repolish-elsewhere-'), 'real.cache');
    made.push(join(elsewhere, '..'));
    renameSync(file, elsewhere);
    symlinkSync(elsewhere, file);
    const run = scan(root, dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`analysis cache ${file} is a symlink; ignored`);
    expect(run.hits).toBe(0);
  });

  it('a cache file that others may write is ignored', () => {
    const root = project();
    const { dir, file } = warmCache(root);
    chmodSync(file, 0o666);
    const run = scan(root, dir);
    expect(run.stderr).toContain(`analysis cache ${file} can be written by other users (mode 666); ignored`);
    expect(run.hits).toBe(0);
  });

  it('a cache folder that others may write is not used at all', () => {
    const root = project();
    const { dir } = warmCache(root);
    chmodSync(dir, 0o777);
    const run = scan(root, dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: analysis cache off: the cache folder .* can be written by other users \(mode 777\), so its contents cannot be trusted/);
    expect(run.stderr).toContain('cache: off');
  });

  it.skipIf(!isRoot)("a cache file or folder that belongs to another user is not trusted, even by root", () => {
    const root = project();
    const { dir, file } = warmCache(root);
    chownSync(file, NOBODY, NOBODY);
    const byFile = scan(root, dir);
    expect(byFile.stderr).toContain(`analysis cache ${file} belongs to another user (uid ${NOBODY}); ignored`);
    expect(byFile.hits).toBe(0);

    const foreignDir = join(tempDir('repolish-cache-parent-'), 'theirs');
    made.push(join(foreignDir, '..'));
    mkdirSync(foreignDir, { mode: 0o700 });
    copyFileSync(file, join(foreignDir, 'copy'));
    chownSync(foreignDir, NOBODY, NOBODY);
    const byFolder = scan(root, foreignDir);
    expect(byFolder.code).toBe(0);
    expect(byFolder.stderr).toMatch(new RegExp(`analysis cache off: the cache folder .* belongs to another user \\(uid ${NOBODY}\\)`));
  });
});
