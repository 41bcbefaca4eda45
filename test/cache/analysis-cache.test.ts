/**
 * The persistent import-analysis cache, through the CLI: the same report with and without it, a
 * second scan served from it (counted by REPOLISH_DEBUG=cache on stderr), a changed file analysed
 * again, a damaged cache file ignored with a warning, and a cache folder that cannot be used.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAll } from '../../fixtures/build.js';
import { BIN, runCli } from '../helpers/cli.js';
import { cacheFolder } from '../helpers/cache.js';
import { gitEnv, makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const PROJECT_TREE = {
  'requirements.txt': 'requests\nflask\nlxml\npsycopg2-binary\nnumpy\nbeautifulsoup4\n',
  'app/main.py': 'import os\nimport requests\nfrom flask import Flask\n\ntry:\n    import numpy as np\nexcept ImportError:\n    np = None\n',
  'app/parse.py': 'from bs4 import BeautifulSoup\n\ndef soup(html):\n    return BeautifulSoup(html, "lxml")\n',
  'app/db.py': 'DATABASE_URL = "postgresql+psycopg2://user@localhost/db"\n',
  'app/legacy.py': Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nimport json\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]),
  'notes/explore.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: ['%matplotlib inline\n', 'import pandas\n'] }], nbformat: 4 }),
  'notes/broken.ipynb': '{ not json',
};

/** Every file an hour old: a file changed within the last two seconds is never stored (racily clean). */
function backdate(root: string, files: string[], secondsAgo = 3600): void {
  const when = Date.now() / 1000 - secondsAgo;
  for (const file of files) utimesSync(join(root, file), when, when);
}

function project(): string {
  const root = makeRepo(PROJECT_TREE);
  made.push(root);
  backdate(root, Object.keys(PROJECT_TREE));
  return root;
}


interface Counts { hits: number; misses: number; stored: number }

function scanJson(root: string, args: string[], env: NodeJS.ProcessEnv = {}): { stdout: string; stderr: string; code: number; counts?: Counts } {
  const run = runCli(['scan', '--format', 'json', '--no-report-memo', ...args, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache', ...env } });
  const m = /cache: (\d+) hits, (\d+) misses, (\d+) stored/.exec(run.stderr);
  return { ...run, counts: m ? { hits: Number(m[1]), misses: Number(m[2]), stored: Number(m[3]) } : undefined };
}

describe('analysis cache', () => {
  it('gives the same report as no cache, and a second scan reads no Python file', () => {
    const root = project();
    const dir = cacheFolder(made);
    const without = scanJson(root, ['--no-cache']);
    expect(without.code).toBe(0);
    expect(without.stderr).toContain('cache: off');
    const cold = scanJson(root, ['--cache-dir', dir]);
    expect(cold.counts).toEqual({ hits: 0, misses: 6, stored: 6 });
    const warm = scanJson(root, ['--cache-dir', dir]);
    expect(warm.counts).toEqual({ hits: 6, misses: 0, stored: 0 });
    expect(cold.stdout).toBe(without.stdout);
    expect(warm.stdout).toBe(without.stdout);
    // The report has something the analysis found: used packages are not called unused.
    const report = JSON.parse(warm.stdout) as { findings: Array<{ rule: string; package?: string; message: string }>; warnings: Array<{ path: string }> };
    expect(report.warnings.map((w) => w.path)).toContain('notes/broken.ipynb');
    expect(report.findings.filter((f) => f.rule === 'deps/unused').map((f) => f.message).join('\n')).not.toMatch(/requests|lxml|psycopg2/);
    // One file per root, named by a hash: nothing of the repository's name or content in the folder's listing.
    expect(readdirSync(join(dir))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.cache$/)]);
  });

  it('analyses a changed file again and keeps the rest', () => {
    const root = project();
    const dir = cacheFolder(made);
    scanJson(root, ['--cache-dir', dir]);
    // Same size, another mtime: `requests` is no longer imported, `urllib3` is.
    writeFileSync(join(root, 'app/main.py'), String(PROJECT_TREE['app/main.py']).replace('import requests', 'import urllib3 '));
    backdate(root, ['app/main.py'], 600);
    const after = scanJson(root, ['--cache-dir', dir]);
    expect(after.counts).toEqual({ hits: 5, misses: 1, stored: 1 });
    expect(after.stdout).toBe(scanJson(root, ['--no-cache']).stdout);
    expect(after.stdout).toContain('urllib3');
    // A file whose mtime is not safely in the past (here: dated in the future, which also stands
    // for one written a moment ago) is analysed but not stored, so it is analysed again next time.
    writeFileSync(join(root, 'app/parse.py'), `${PROJECT_TREE['app/parse.py']}# touched\n`);
    backdate(root, ['app/parse.py'], -3600);
    const touched = scanJson(root, ['--cache-dir', dir]);
    expect(touched.counts).toEqual({ hits: 5, misses: 1, stored: 0 });
    expect(scanJson(root, ['--cache-dir', dir]).counts).toEqual({ hits: 5, misses: 1, stored: 0 });
  });

  it('ignores a corrupt, truncated or foreign cache file with a warning, and rewrites it (so it is written without fsync)', () => {
    const root = project();
    const dir = cacheFolder(made);
    const expected = scanJson(root, ['--cache-dir', dir]).stdout;
    const [name] = readdirSync(dir);
    const file = join(dir, name);
    const good = readFileSync(file);
    const damaged: Array<[string, Buffer]> = [
      ['truncated', good.subarray(0, good.length - 7)],
      ['corrupt', Buffer.from(good.toString('latin1').replace('requests', 'requestz'), 'latin1')],
      ['foreign', Buffer.from(good.toString('utf8').replace(/"tool":"[^"]*"/, '"tool":"0.0.1"'))],
      ['not a cache', Buffer.from('{"hello": "world"}\n')],
      // What a crash can leave of a file renamed before its data reached the disk.
      ['empty', Buffer.alloc(0)],
      ['zeros', Buffer.alloc(good.length)],
      ['header only', good.subarray(0, good.indexOf(0x0a, good.indexOf(0x0a) + 1) + 1)],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(file, bytes);
      const run = scanJson(root, ['--cache-dir', dir]);
      expect(run.code, what).toBe(0);
      expect(run.stderr, what).toMatch(/warning: analysis cache .* ignored/);
      expect(run.counts, what).toEqual({ hits: 0, misses: 6, stored: 6 });
      expect(run.stdout, what).toBe(expected);
      expect(readFileSync(file).equals(good), what).toBe(true); // rewritten whole
    }
  });

  it('refuses a --cache-dir inside the scanned folder, and never writes there by default', () => {
    const root = project();
    const inside = scanJson(root, ['--cache-dir', join(root, 'app/.cache')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/--cache-dir: the cache folder .* is inside the scanned folder/);
    expect(inside.stdout).toBe('');
    // XDG_CACHE_HOME inside the scanned folder (scanning one's home): a warning, no cache, same report.
    const viaXdg = scanJson(root, [], { XDG_CACHE_HOME: join(root, 'xdg') });
    expect(viaXdg.code).toBe(0);
    expect(viaXdg.stderr).toMatch(/warning: analysis cache off: .* is inside the scanned folder/);
    expect(readdirSync(root)).not.toContain('xdg');
    expect(viaXdg.stdout).toBe(scanJson(root, ['--no-cache']).stdout);
  });

  it('keeps the cache folder under its size bound by dropping the oldest roots', () => {
    const dir = cacheFolder(made);
    const first = project();
    const second = project();
    scanJson(first, ['--cache-dir', dir]);
    expect(readdirSync(dir)).toHaveLength(1);
    scanJson(second, ['--cache-dir', dir], { REPOLISH_CACHE_MAX_MB: '0' });
    expect(readdirSync(dir)).toHaveLength(1); // only the root just written
    expect(scanJson(second, ['--cache-dir', dir]).counts?.hits).toBe(6);
    expect(scanJson(first, ['--cache-dir', dir]).counts?.hits).toBe(0);
  });

  const nobodyCanRun = () => process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`]).status === 0;

  it.skipIf(!nobodyCanRun())('a cache folder the user cannot write gives one warning and the scan goes on', () => {
    const root = project();
    chmodSync(root, 0o755);
    const locked = cacheFolder(made);
    chmodSync(locked, 0o755); // root's: nobody may read but not write
    const asNobody = (args: string[]) => spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, 'scan', '--format', 'json', '--no-report-memo', ...args, root], {
      encoding: 'utf8', env: { ...gitEnv, HOME: '/tmp', NO_COLOR: '1', XDG_CACHE_HOME: locked, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' },
    });
    const run = asNobody([]);
    expect(run.status).toBe(0);
    expect(run.stderr.match(/analysis cache/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/warning: analysis cache off: cannot use the cache folder .*permission denied/i);
    expect(run.stdout).toBe(asNobody(['--no-cache']).stdout);
    expect(readdirSync(locked)).toEqual([]);
  });

  it('the example repositories: the same report cold, warm and without the cache', async () => {
    const out = tempDir('repolish-examples-');
    made.push(out);
    const dir = cacheFolder(made);
    for (const info of Object.values(await buildAll(out))) {
      // Generated just now: backdate every file so the cold run stores them all.
      const files = spawnSync('git', ['ls-files', '-co'], { cwd: info.root, encoding: 'utf8', env: gitEnv }).stdout.split('\n').filter(Boolean);
      backdate(info.root, files);
      const without = scanJson(info.root, ['--no-cache']);
      const cold = scanJson(info.root, ['--cache-dir', dir]);
      const warm = scanJson(info.root, ['--cache-dir', dir]);
      expect(cold.stdout).toBe(without.stdout);
      expect(warm.stdout).toBe(without.stdout);
      expect(cold.counts!.stored).toBeGreaterThan(0);
      expect(warm.counts).toEqual({ hits: cold.counts!.stored, misses: cold.counts!.misses - cold.counts!.stored, stored: 0 });
    }
  });
});
