/**
 * The virtualenv metadata cache, through the CLI: what each dist-info file says is kept per file
 * and reused by the next scan (counted by REPOLISH_DEBUG=cache on stderr), a changed metadata file
 * is read again, a package's size always comes from the files as they are now, a damaged cache
 * file is ignored with a warning, and two scans at once leave a whole cache behind. Every report
 * equals the report of a scan without the cache.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, tempDir } from '../helpers/repo.js';
import { MB, writeVenv } from '../deps/venv.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const SITE = '.venv/lib/python3.11/site-packages';

/** Every file below `dir` dated `secondsAgo`: a file changed within two seconds is never stored (racily clean). */
function backdate(dir: string, secondsAgo = 3600): void {
  const when = Date.now() / 1000 - secondsAgo;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) utimesSync(join(dir, name), when, when);
}

function project(): string {
  const root = makeRepo({
    'requirements.txt': 'requests\nheavylib\nunusedlib\n',
    'app/main.py': 'import requests\nimport heavylib\n',
  }, ['requirements.txt', 'app/main.py']);
  made.push(root);
  writeVenv(root, '.venv', '3.11.7', [
    { name: 'requests', requires: ['urllib3>=1.21'], scripts: { fetchit: 'requests.cli:main' } },
    { name: 'urllib3', noTopLevel: true, payload: { 'urllib3/util/retry.py': 4000 } },
    { name: 'heavylib', payload: { 'heavylib/_core.cpython-311-x86_64-linux-gnu.so': 150 * MB }, entryPoints: { pytest11: { heavy: 'heavylib.plugin' } } },
    { name: 'unusedlib', version: '2.0.0', payload: { 'unusedlib/big.bin': 120 * MB } },
  ]);
  backdate(root);
  return root;
}

function cacheFolder(): string {
  const dir = tempDir('repolish-cache-');
  made.push(dir);
  return dir;
}

interface Counts { reused: number; read: number; stored: number }

function countsIn(stderr: string): Counts | undefined {
  const m = /environment cache: (\d+) reused, (\d+) read, (\d+) stored/.exec(stderr);
  return m ? { reused: Number(m[1]), read: Number(m[2]), stored: Number(m[3]) } : undefined;
}

function scanJson(root: string, args: string[]): { stdout: string; stderr: string; code: number; counts?: Counts } {
  const run = runCli(['scan', '--format', 'json', '--no-report-memo', ...args, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache' } });
  return { ...run, counts: countsIn(run.stderr) };
}

function scanLater(root: string, dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'scan', '--format', 'json', '--cache-dir', dir, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += String(d); });
    child.stderr.on('data', (d) => { stderr += String(d); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

interface Report { findings: Array<{ rule: string; message: string }> }

/** The venv finding's "largest:" list: package -> size as the report words it. */
function venvSizes(stdout: string): Map<string, string> {
  const message = (JSON.parse(stdout) as Report).findings.find((f) => f.rule === 'bloat/venv')?.message ?? '';
  const largest = /largest: (.*?)(?: \(|$)/.exec(message)?.[1] ?? '';
  return new Map(largest.split(', ').map((item) => [item.slice(0, item.indexOf(' ')), item.slice(item.indexOf(' ') + 1)]));
}

function heavyUnused(stdout: string): string[] {
  return (JSON.parse(stdout) as Report).findings.filter((f) => f.rule === 'deps/heavy-unused').map((f) => f.message);
}

/** The metadata files of the test venv the reader summarizes: METADATA, RECORD, WHEEL (binary dists), top_level.txt, entry_points.txt. */
const SUMMARIZED_FILES = 4 + 4 + 1 + 3 + 2;

describe('environment cache', () => {
  it('gives the same report as no cache, and a second scan reads no metadata file', () => {
    const root = project();
    const dir = cacheFolder();
    const without = scanJson(root, ['--no-cache']);
    expect(without.code).toBe(0);
    expect(without.counts).toBeUndefined();
    const cold = scanJson(root, ['--cache-dir', dir]);
    expect(cold.counts).toEqual({ reused: 0, read: SUMMARIZED_FILES, stored: SUMMARIZED_FILES });
    const warm = scanJson(root, ['--cache-dir', dir]);
    expect(warm.counts).toEqual({ reused: SUMMARIZED_FILES, read: 0, stored: 0 });
    expect(cold.stdout).toBe(without.stdout);
    expect(warm.stdout).toBe(without.stdout);
    // The report holds what the metadata said: names, requirements and RECORD-measured sizes.
    expect([...venvSizes(warm.stdout)]).toEqual([['heavylib', '157 MB'], ['unusedlib', '126 MB'], ['urllib3', '4.4 KB'], ['requests', '584 B']]);
    expect(heavyUnused(warm.stdout)).toEqual([expect.stringMatching(/^unusedlib .* weighs 126 MB/)]);
    // Its own file beside the import cache's, named by the same hash.
    const names = readdirSync(dir);
    expect(names).toHaveLength(2);
    const imports = names.find((n) => /^[0-9a-f]{32}\.cache$/.test(n));
    expect(names).toContain(imports?.replace(/\.cache$/, '-environments.cache'));
  });

  it('reads a changed metadata file again, and measures the files a RECORD lists as they are now', () => {
    const root = project();
    const dir = cacheFolder();
    scanJson(root, ['--cache-dir', dir]);
    // A file the RECORD lists shrinks: no metadata file changed, the size in the report does.
    const big = join(root, SITE, 'unusedlib/big.bin');
    truncateSync(big, 10 * MB);
    backdate(join(root, SITE, 'unusedlib'), 1800);
    const resized = scanJson(root, ['--cache-dir', dir]);
    expect(resized.counts).toEqual({ reused: SUMMARIZED_FILES, read: 0, stored: 0 });
    expect(resized.stdout).toBe(scanJson(root, ['--no-cache']).stdout);
    expect(venvSizes(resized.stdout).get('unusedlib')).toBe('10.5 MB');

    // Same sizes, another mtime: requests now needs unusedlib, and urllib3's RECORD names another module.
    const metadata = join(root, SITE, 'requests-1.0.0.dist-info/METADATA');
    writeFileSync(metadata, readFileSync(metadata, 'utf8').replace('Requires-Dist: urllib3>=1.21', 'Requires-Dist: unusedlib >=1'));
    const record = join(root, SITE, 'urllib3-1.0.0.dist-info/RECORD');
    writeFileSync(record, readFileSync(record, 'utf8').replace('urllib3/util/retry.py', 'urllib3/util/rebit.py'));
    for (const file of [metadata, record]) utimesSync(file, statSync(file).atime, new Date(Date.now() - 900_000));
    const changed = scanJson(root, ['--cache-dir', dir]);
    expect(changed.counts).toEqual({ reused: SUMMARIZED_FILES - 2, read: 2, stored: 2 });
    expect(changed.stdout).toBe(scanJson(root, ['--no-cache']).stdout);
    // unusedlib is needed by a used package now; the renamed module's file is not on disk, so urllib3 measures less.
    expect(heavyUnused(changed.stdout)).toEqual([]);
    expect(venvSizes(changed.stdout).get('urllib3')).toBe('378 B');
  });

  it('ignores a corrupt, truncated or foreign cache file with a warning, and rewrites it', () => {
    const root = project();
    const dir = cacheFolder();
    const expected = scanJson(root, ['--no-cache']).stdout;
    scanJson(root, ['--cache-dir', dir]);
    const name = readdirSync(dir).find((n) => n.endsWith('-environments.cache'))!;
    const file = join(dir, name);
    const good = readFileSync(file);
    const damaged: Array<[string, Buffer]> = [
      ['truncated', good.subarray(0, good.length - 5)],
      ['corrupt', Buffer.from(good.toString('latin1').replace('unusedlib', 'unusedlim'), 'latin1')],
      ['foreign', Buffer.from(good.toString('utf8').replace(/"analyser":"[^"]*"/, '"analyser":"environments-0"'))],
      ['not a cache', Buffer.from('RECORD\n')],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(file, bytes);
      const run = scanJson(root, ['--cache-dir', dir]);
      expect(run.code, what).toBe(0);
      expect(run.stderr, what).toContain(`warning: analysis cache ${file}`);
      expect(run.stderr, what).toMatch(/ignored \(it is rewritten after this scan\)/);
      expect(run.counts, what).toEqual({ reused: 0, read: SUMMARIZED_FILES, stored: SUMMARIZED_FILES });
      expect(run.stdout, what).toBe(expected);
      expect(readFileSync(file).equals(good), what).toBe(true); // rewritten whole
    }
  });

  it('two scans at once both report correctly and leave a whole cache', async () => {
    const root = project();
    const dir = cacheFolder();
    const expected = scanJson(root, ['--no-cache']).stdout;
    const runs = await Promise.all([scanLater(root, dir), scanLater(root, dir), scanLater(root, dir)]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(expected);
      expect(run.stderr).not.toMatch(/warning/);
    }
    const after = scanJson(root, ['--cache-dir', dir]);
    expect(after.stderr).not.toMatch(/warning/);
    expect(after.counts).toEqual({ reused: SUMMARIZED_FILES, read: 0, stored: 0 });
    expect(after.stdout).toBe(expected);
    expect(readdirSync(dir).filter((n) => n.includes('repolish-tmp'))).toEqual([]);
  });

  it('a repository without a virtualenv gets no environment cache file', () => {
    const root = makeRepo({ 'requirements.txt': 'requests\n', 'app/main.py': 'import requests\n' }, ['requirements.txt', 'app/main.py']);
    made.push(root);
    backdate(join(root, 'app'));
    const dir = cacheFolder();
    const run = scanJson(root, ['--cache-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.counts).toBeUndefined();
    expect(readdirSync(dir).filter((n) => n.includes('environments'))).toEqual([]);
  });
});
