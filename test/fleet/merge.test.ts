/**
 * `repolish merge`: many real scans (generated repositories, scanned by the real scanner) folded
 * into one fleet report whose totals are the sums of the inputs; the HTML page in headless
 * Chromium; malformed and foreign inputs named and left out.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/bloat/detectors/index.js';
import type { Finding } from '../../src/findings.js';
import { renderJson } from '../../src/report/json.js';
import { scanAsync } from '../../src/scan.js';
import { VERSION } from '../../src/version.js';
import { runCli } from '../helpers/cli.js';
import { removeDir, tempDir, writeTree } from '../helpers/repo.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';

const REPOSITORIES = 200;

/** Repository i: a venv, a log folder and bytecode, of sizes that differ from one to the next. */
function generate(base: string, i: number): string {
  const root = join(base, `service-${String(i).padStart(3, '0')}`);
  const kb = (n: number) => 'x'.repeat(n * 1024);
  writeTree(root, {
    'app/main.py': 'import json\nprint(json.dumps({}))\n',
    'requirements.txt': 'requests\n',
    ...(i % 3 !== 0 ? { '.venv/pyvenv.cfg': 'home = /usr/bin\nversion = 3.11.4\n', '.venv/lib/python3.11/site-packages/pkg/core.py': kb(1 + (i % 7)) } : {}),
    ...(i % 4 === 0 ? { 'logs/app.log': kb(1 + (i % 5)), 'logs/app.log.1': kb(2) } : {}),
    ...(i % 5 === 0 ? { 'app/__pycache__/main.cpython-311.pyc': Buffer.concat([Buffer.from([0xa7, 0x0d, 0x0d, 0x0a]), Buffer.alloc(64 + i)]) } : {}),
  });
  return root;
}

describe('repolish merge', () => {
  let base: string;
  let reportsDir: string;
  const reports: { root: string; totals: { bytes: number; files: number }; findings: Finding[] }[] = [];

  beforeAll(async () => {
    base = tempDir('repolish-fleet-');
    reportsDir = join(base, 'reports');
    for (let i = 0; i < REPOSITORIES; i++) {
      const root = generate(base, i);
      const json = renderJson(await scanAsync(root));
      writeTree(reportsDir, { [`service-${i}.json`]: json });
      reports.push(JSON.parse(json));
    }
  });
  afterAll(() => removeDir(base));

  it('totals are the sums of the per-repository reports', () => {
    const run = runCli(['merge', reportsDir, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const fleet = JSON.parse(run.stdout);
    expect(fleet.repositories).toHaveLength(REPOSITORIES);
    expect(fleet.totals.bytes).toBe(reports.reduce((s, r) => s + r.totals.bytes, 0));
    expect(fleet.totals.files).toBe(reports.reduce((s, r) => s + r.totals.files, 0));
    const category = new Map(DETECTORS.map((d) => [d.rule, d.clean]));
    for (const key of ['cache', 'env', 'logs', 'data'] as const) {
      const expected = reports.flatMap((r) => r.findings).filter((f) => category.get(f.rule) === key).reduce((s, f) => s + (f.bytes ?? 0), 0);
      expect(fleet.totals.reclaimable[key], key).toBe(expected);
    }
    expect(fleet.totals.reclaimable.env).toBeGreaterThan(0);
    expect(fleet.totals.reclaimable.logs).toBeGreaterThan(0);
    for (const severity of ['error', 'warning', 'info'] as const) {
      expect(fleet.totals.severities[severity]).toBe(reports.flatMap((r) => r.findings).filter((f) => f.severity === severity).length);
    }
    // Each repository's figures are its own report's.
    const one = fleet.repositories.find((r: { root: string }) => r.root === reports[7].root);
    expect(one.bytes).toBe(reports[7].totals.bytes);
    expect(one.name).toBe('service-007');
    expect(fleet.startWith[0]).toBe(fleet.repositories[0].name);
    expect(fleet.toolVersions).toEqual([VERSION]);
  });

  it('reports carry the version package.json names', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    expect(runCli(['--version']).stdout.trim()).toBe(VERSION);
  });

  it('names a malformed or foreign file, leaves it out and merges the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'repolish-fleet-bad-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(reports[1]));
    writeFileSync(join(dir, 'b.json'), '{"schemaVersion": 1, "root": "/x", "fin');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...reports[2], schemaVersion: 2 }));
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ hello: 'world' }));
    const run = runCli(['merge', dir, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).repositories).toHaveLength(1);
    expect(run.stderr).toContain(`${join(dir, 'b.json')}: not valid JSON; left out`);
    expect(run.stderr).toMatch(/c\.json: schema version 2 is not supported/);
    expect(run.stderr).toMatch(/d\.json: not a repolish JSON report|d\.json: schema version undefined/);
    const none = runCli(['merge', join(dir, 'b.json')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no repolish JSON report to merge');
  });

  it('adds the migration state from codemod reports and links HTML reports that sit beside the JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'repolish-fleet-mixed-'));
    writeFileSync(join(dir, 'svc.json'), JSON.stringify(reports[4]));
    writeFileSync(join(dir, 'svc.html'), '<!doctype html><title>svc</title>');
    const codemod = { schemaVersion: 1, root: reports[4].root, codemods: ['remove-ollama'], files: [], review: [{ codemod: 'remove-ollama', path: 'app/main.py', line: 3, column: 1, message: 'kept' }], patch: '' };
    writeFileSync(join(dir, 'svc.codemod.json'), JSON.stringify(codemod));
    const out = join(dir, 'fleet', 'index.md');
    writeTree(dir, { 'fleet/': '' });
    const run = runCli(['merge', dir, '--format', 'markdown', '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('[service-004](../svc.html)');
    expect(md).toContain('remove-ollama: blocked, 1 to review');
  });

  it('opens in headless Chromium: one row per repository, a treemap tile per repository with reclaimable bytes, sorting and selection work', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`).toBe(true);
    const out = join(base, 'fleet.html');
    const run = runCli(['merge', reportsDir, '--format', 'html', '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    const fleet = JSON.parse(runCli(['merge', reportsDir, '--format', 'json']).stdout);
    const profile = mkdtempSync(join(tmpdir(), 'repolish-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1300, height: 900 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(out).href);
      expect(await page.locator('#fleet-table tbody tr').count()).toBe(REPOSITORIES);
      const withBytes = fleet.repositories.filter((r: { reclaimable: { total: number } }) => r.reclaimable.total > 0);
      expect(await page.locator('#fleet-map .tm-node').count()).toBe(withBytes.length);
      // Sorted by reclaimable bytes, largest first; a click on "repository" sorts by name.
      expect(await page.locator('#fleet-table tbody tr').first().getAttribute('data-name')).toBe(fleet.repositories[0].name);
      await page.locator('#fleet-table th', { hasText: 'repository' }).click();
      expect(await page.locator('#fleet-table tbody tr').first().getAttribute('data-name')).toBe('service-000');
      await page.locator(`#fleet-map .tm-node[data-name="${withBytes[0].name}"]`).click();
      expect(await page.locator('#fleet-table tbody tr.selected').getAttribute('data-name')).toBe(withBytes[0].name);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    } finally {
      await context.close();
      removeDir(profile);
    }
  });
});
