/**
 * The report memo, through the CLI: an unchanged tree gets the last report back (told by
 * REPOLISH_DEBUG=cache), byte for byte what a scan without any cache prints; every kind of change
 * a report depends on runs the scan again, and what it prints is again what a scan without cache
 * prints. Changes that keep what the scan read (a touched file, a rewritten one with the same
 * bytes) keep the memo.
 */
import { readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { backdateTree, cacheFolder } from '../helpers/cache.js';
import { gitEnv, makeRepo, removeDir, runGit } from '../helpers/repo.js';
import { MB, writeVenv } from '../deps/venv.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const SITE = '.venv/lib/python3.11/site-packages';

const TREE = {
  'requirements.txt': 'requests==2.31.0\nflask==3.0.0\nunusedlib==2.0.0\n',
  'app/main.py': 'import os\nimport requests\nfrom flask import Flask\n',
  'app/legacy.py': Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nimport json\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
  'Dockerfile': 'FROM python:3.11-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n',
  '.gitignore': '__pycache__/\n',
  'logs/server.log': 'x'.repeat(4096),
};


function project(extra: Record<string, string> = {}): string {
  const root = makeRepo({ ...TREE, ...extra }, ['requirements.txt', 'app/main.py', 'app/legacy.py', 'Dockerfile', '.gitignore']);
  made.push(root);
  writeVenv(root, '.venv', '3.11.7', [
    { name: 'requests', requires: ['urllib3>=1.21'] },
    { name: 'unusedlib', version: '2.0.0', payload: { 'unusedlib/big.bin': 2 * MB } },
  ]);
  backdateTree(root);
  return root;
}


interface Run { stdout: string; stderr: string; code: number; memo?: string }

function scan(root: string, cacheDir: string | undefined, args: string[] = []): Run {
  const cache = cacheDir === undefined ? ['--no-cache'] : ['--cache-dir', cacheDir];
  const run = runCli(['scan', '--format', 'json', ...cache, ...args, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache' } });
  return { ...run, memo: /report memo: (\w+)/.exec(run.stderr)?.[1] };
}

/** The stderr lines a user sees (the cache's own debug lines left out). */
const shown = (stderr: string) => stderr.split('\n').filter((l) => !/^repolish: (cache|environment cache|report memo):/.test(l)).join('\n');

/** A scan with the memo, checked against a scan without any cache: same stdout, stderr and exit code. */
function expectSameAsUncached(root: string, cacheDir: string, memo: 'hit' | 'miss', args: string[] = []): Run {
  const expected = scan(root, undefined, args);
  const run = scan(root, cacheDir, args);
  expect(run.memo).toBe(memo);
  expect(run.stdout).toBe(expected.stdout);
  expect(shown(run.stderr)).toBe(shown(expected.stderr));
  expect(run.code).toBe(expected.code);
  return run;
}

/** Rewrites a file with other bytes of the same length, then gives it back its old mtime (as rsync -t or tar would). */
function rewriteKeepingSizeAndMtime(root: string, rel: string, from: string, to: string): void {
  const abs = join(root, rel);
  const before = statSync(abs);
  const text = readFileSync(abs, 'utf8');
  expect(from.length).toBe(to.length);
  expect(text).toContain(from);
  writeFileSync(abs, text.replace(from, to));
  utimesSync(abs, before.atime, before.mtime);
}

describe('report memo', () => {
  it('gives an unchanged tree the same report, byte for byte, as a scan without cache', () => {
    const root = project();
    const dir = cacheFolder(made);
    expectSameAsUncached(root, dir, 'miss');
    expectSameAsUncached(root, dir, 'hit');
    // Exit codes come from the memo too (the report is the same: so is the memo).
    const failing = expectSameAsUncached(root, dir, 'hit', ['--fail-on', 'info']);
    expect(failing.code).toBe(1);
    // Each set of options has its own memo: text after json is not the json report.
    expectSameAsUncached(root, dir, 'miss', ['--format', 'text']);
    expectSameAsUncached(root, dir, 'hit', ['--format', 'text']);
    expectSameAsUncached(root, dir, 'hit');
  });

  it('checks touched Python files that workers analysed by their bytes, without analysing them again', () => {
    // Enough files to read for the worker threads, which hash the bytes they analyse.
    const root = project(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`app/mod${i}.py`, `import json\nVALUE = ${i}\n`])));
    const dir = cacheFolder(made);
    expectSameAsUncached(root, dir, 'miss');
    const later = Date.now() / 1000 - 60;
    for (let i = 0; i < 80; i += 10) utimesSync(join(root, `app/mod${i}.py`), later, later);
    const touched = expectSameAsUncached(root, dir, 'hit');
    expect(touched.stderr).toMatch(/report memo: hit \(8 files read again, 0 analysed again\)/);
    rewriteKeepingSizeAndMtime(root, 'app/mod10.py', 'import json', 'import yaml');
    expectSameAsUncached(root, dir, 'miss');
  });

  it('makes the digest of the walk while the workers run, leaving out the warnings the scan added', () => {
    // Workers (80 files), a warning from the walk (a broken symlink) and one the scan adds before
    // the workers are done (the classification reads a pyvenv.cfg that is not UTF-8): the digest made
    // during the scan must be the one the next scan makes right after its walk (checked to fail when
    // it takes the scan's warnings too).
    const root = project(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`app/mod${i}.py`, `import json\nVALUE = ${i}\n`])));
    writeFileSync(join(root, '.venv/pyvenv.cfg'), Buffer.from([0x68, 0x6f, 0x6d, 0x65, 0x20, 0x3d, 0x20, 0xff, 0x0a]));
    backdateTree(root);
    symlinkSync('nowhere', join(root, 'app/dangling'));
    const dir = cacheFolder(made);
    const first = runCli(['scan', '--format', 'json', '--cache-dir', dir, '-j', '2', root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache,workers' } });
    expect(first.stderr).toMatch(/workers: started ahead/);
    expect(first.stderr).toMatch(/app\/dangling: broken symlink/);
    expect(first.stderr).toMatch(/pyvenv.cfg: skipped: not valid UTF-8/);
    expect(first.stderr).toMatch(/report memo: miss/);
    expect(expectSameAsUncached(root, dir, 'hit').stdout).toBe(first.stdout);
  });

  it('keeps the memo when files are only touched or rewritten with the same bytes', () => {
    const root = project();
    const dir = cacheFolder(made);
    expectSameAsUncached(root, dir, 'miss');
    // A new file: the scan runs again, and the memo now knows the Python files by the analyses the cache gave.
    writeFileSync(join(root, 'notes.txt'), 'notes\n');
    backdateTree(root);
    expectSameAsUncached(root, dir, 'miss');
    const later = Date.now() / 1000 - 60;
    for (const rel of ['app/main.py', 'app/legacy.py', 'requirements.txt', `${SITE}/requests-1.0.0.dist-info/METADATA`]) utimesSync(join(root, rel), later, later);
    writeFileSync(join(root, 'Dockerfile'), readFileSync(join(root, 'Dockerfile')));
    expectSameAsUncached(root, dir, 'hit');
    expectSameAsUncached(root, dir, 'hit');
  });

  it('runs the scan again when a file it read changed, even with the same size and mtime', () => {
    const root = project();
    const dir = cacheFolder(made);
    expectSameAsUncached(root, dir, 'miss');
    // A requirement's pin (a text read), an import (the analysis of a Python file), a build file.
    rewriteKeepingSizeAndMtime(root, 'requirements.txt', 'flask==3.0.0', 'flask==3.0.1');
    expectSameAsUncached(root, dir, 'miss');
    expectSameAsUncached(root, dir, 'hit');
    rewriteKeepingSizeAndMtime(root, 'app/main.py', 'from flask import Flask', 'from click import Group');
    const changed = expectSameAsUncached(root, dir, 'miss');
    expect(changed.stdout).toContain('flask');
    rewriteKeepingSizeAndMtime(root, 'Dockerfile', 'python:3.11-slim', 'python:3.12-slim');
    expectSameAsUncached(root, dir, 'miss');
    // A metadata file of the virtualenv, first read through its text, then known to the memo by the environment cache alone.
    rewriteKeepingSizeAndMtime(root, `${SITE}/unusedlib-2.0.0.dist-info/METADATA`, 'Version: 2.0.0', 'Version: 2.0.1');
    expectSameAsUncached(root, dir, 'miss');
    writeFileSync(join(root, 'app/extra.py'), 'import os\n');
    backdateTree(root);
    expectSameAsUncached(root, dir, 'miss'); // a new file; the memo now holds the virtualenv by its cache keys
    rewriteKeepingSizeAndMtime(root, `${SITE}/unusedlib-2.0.0.dist-info/METADATA`, 'Version: 2.0.1', 'Version: 2.0.2');
    expectSameAsUncached(root, dir, 'miss');
  });

  it('runs the scan again when the walk, git or the ignore rules say something else', () => {
    const root = project();
    const dir = cacheFolder(made);
    expectSameAsUncached(root, dir, 'miss');
    writeFileSync(join(root, 'logs/server.log'), 'y'.repeat(8192)); // a size
    expectSameAsUncached(root, dir, 'miss');
    runGit(root, ['add', '-f', 'logs/server.log']); // what git tracks
    expectSameAsUncached(root, dir, 'miss');
    runGit(root, ['commit', '-q', '-m', 'log']); // history (git/history-blob reads it)
    expectSameAsUncached(root, dir, 'miss');
    expectSameAsUncached(root, dir, 'hit');
    writeFileSync(join(root, '.git/info/exclude'), 'logs/\n'); // an ignore file outside the tree
    expectSameAsUncached(root, dir, 'miss');
    expectSameAsUncached(root, dir, 'hit');
  });

  it('runs the scan again when the configuration changes', () => {
    const root = project();
    const dir = cacheFolder(made);
    expectSameAsUncached(root, dir, 'miss');
    writeFileSync(join(root, '.repolish.toml'), '[rules]\n"bloat/logs" = "off"\n');
    expectSameAsUncached(root, dir, 'miss');
    writeFileSync(join(root, '.repolish.toml'), '[rules]\n"bloat/logs" = "error"\n');
    expectSameAsUncached(root, dir, 'miss');
  });

  it('is not used with --baseline, --format html, --no-report-memo or --no-cache', () => {
    const root = project();
    const dir = cacheFolder(made);
    const first = scan(root, dir);
    writeFileSync(join(dir, 'baseline.json'), first.stdout);
    for (const args of [['--baseline', join(dir, 'baseline.json')], ['--format', 'html', '-o', join(dir, 'r.html')], ['--no-report-memo']]) {
      scan(root, dir, args);
      expect(scan(root, dir, args).memo, args.join(' ')).toBeUndefined();
    }
    expect(scan(root, undefined).memo).toBeUndefined();
  });

  it('ignores a damaged memo with a warning and writes a good one', () => {
    const root = project();
    const dir = cacheFolder(made);
    expectSameAsUncached(root, dir, 'miss');
    const file = join(dir, readdirSync(dir).find((n) => n.includes('-report-'))!);
    const good = readFileSync(file);
    const text = good.toString('utf8');
    for (const damaged of [good.subarray(0, good.length - 10), Buffer.from(text.replace('"report":', '"rep0rt":')), Buffer.from('not a cache\n')]) {
      writeFileSync(file, damaged);
      const run = scan(root, dir);
      expect(run.stderr).toMatch(/warning: report memo .* ignored/);
      expect(run.stdout).toBe(scan(root, undefined).stdout);
      expect(scan(root, dir).memo).toBe('hit');
    }
  });
});
