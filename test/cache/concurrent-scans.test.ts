/**
 * Two scans at once on one cache folder (a pre-commit hook and an editor, two CI jobs on one
 * runner): both reports are right, the folder holds whole cache files only, and a later scan is
 * served from what they wrote without a warning.
 */
import { spawn } from 'node:child_process';
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** A project with enough Python files that two scans' reading and writing overlap in time. */
function project(modules: number): string {
  const tree: Record<string, string> = { 'requirements.txt': 'requests\nnumpy\nflask\n' };
  for (let i = 0; i < modules; i += 1) {
    tree[`pkg/mod_${i}.py`] = `import os\nimport requests\n${i % 3 === 0 ? 'import numpy as np\n' : ''}\ndef f_${i}(x):\n    return x + ${i}\n`;
  }
  const root = makeRepo(tree);
  made.push(root);
  const hourAgo = Date.now() / 1000 - 3600; // older than the racily-clean window, so entries are stored
  for (const file of Object.keys(tree)) utimesSync(join(root, file), hourAgo, hourAgo);
  return root;
}

interface Run { code: number | null; stdout: string; stderr: string }

function scanAsync(root: string, cacheDir: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'scan', '--format', 'json', '--cache-dir', cacheDir, root], {
      env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** An analysis cache, or a report memo (report-memo.ts). */
const CACHE_FILE = /^[0-9a-f]{32}(-report-[0-9a-f]{16})?\.cache$/;

const hits = (stderr: string) => Number(/cache: (\d+) hits/.exec(stderr)?.[1] ?? NaN);

describe('two scans at once on one cache folder', () => {
  it('the same root and two different roots: right reports, whole files, a clean warm scan after', async () => {
    const first = project(60);
    const second = project(40);
    const expected = new Map([first, second].map((root) => [root, runCli(['scan', '--format', 'json', '--no-cache', root]).stdout]));
    const cacheDir = tempDir('repolish-cache-');
    made.push(cacheDir);

    // Rounds of simultaneous scans: both cold on one root, one root against the other, then with
    // a size bound of 0 so that each writer evicts the other's file while it may be writing it.
    const cacheFiles = () => readdirSync(cacheDir).sort();
    const rounds: Array<[string, string, NodeJS.ProcessEnv]> = [[first, first, {}], [first, second, {}], [second, first, { REPOLISH_CACHE_MAX_MB: '0' }], [second, second, {}], [first, second, {}]];
    for (const [a, b, env] of rounds) {
      const runs = await Promise.all([scanAsync(a, cacheDir, env), scanAsync(b, cacheDir, env)]);
      for (const [run, root] of [[runs[0], a], [runs[1], b]] as const) {
        expect(run.code).toBe(0);
        expect(run.stderr).not.toMatch(/warning: .*cache/i);
        expect(run.stdout).toBe(expected.get(root));
      }
      expect(cacheFiles().every((name) => CACHE_FILE.test(name))).toBe(true); // no temporary left behind
    }
    // Only whole cache files are left: per root at most an analysis cache and a report memo, no temporaries.
    expect(cacheFiles().length).toBeLessThanOrEqual(4);
    expect(cacheFiles().filter((name) => /^[0-9a-f]{32}\.cache$/.test(name))).toHaveLength(2);
    for (const [root, modules] of [[first, 60], [second, 40]] as const) {
      for (const memo of [[], ['--no-report-memo']]) {
        const warm = runCli(['scan', '--format', 'json', ...memo, '--cache-dir', cacheDir, root], { env: { ...gitEnv, NO_COLOR: '1', REPOLISH_DEBUG: 'cache' } });
        expect(warm.stderr).not.toMatch(/warning: .*cache/i);
        if (memo.length === 0) expect(warm.stderr).toMatch(/report memo: hit/);
        else expect(hits(warm.stderr)).toBe(modules);
        expect(warm.stdout).toBe(expected.get(root));
      }
    }
  });
});
