/**
 * The HTML report in a real browser: Debian's chromium, headless, driven by playwright-core.
 * .ci/run installs chromium when it is missing. Set REPOLISH_UPDATE_SCREENSHOT=1 to refresh
 * docs/report-screenshot.png from this run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/bloat/detector.js';
import type { Finding } from '../../src/findings.js';
import { runCli } from '../helpers/cli.js';
import { gitEnv, removeDir, tempDir } from '../helpers/repo.js';
import { chatbotRepo } from './fixture.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';

describe('the HTML report in headless Chromium (chatbot example)', () => {
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let findings: Finding[];
  let venvBytes: number;
  let chatbot: string;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`).toBe(true);
    const root = await chatbotRepo();
    chatbot = root;
    const out = join(tempDir('repolish-html-'), 'report.html');
    const run = runCli(['scan', root, '--format', 'html', '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    const json = runCli(['scan', root, '--format', 'json']);
    ({ findings } = JSON.parse(json.stdout) as { findings: Finding[] });
    venvBytes = findings.find((f) => f.rule === 'bloat/venv')!.bytes!;

    profile = mkdtempSync(join(tmpdir(), 'repolish-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) removeDir(profile);
  });

  it('draws the treemap: the venv is the largest block, coloured as bloat', async () => {
    expect(await page.locator('#treemap .tm-node').count()).toBeGreaterThan(20);
    const venv = page.locator('#treemap > .tm-node[data-path="venv"]');
    await expect(venv.count()).resolves.toBe(1);
    const boxes = await page.locator('#treemap > .tm-node').evaluateAll((els) => els.map((e) => ({ path: (e as HTMLElement).dataset.path, area: e.clientWidth * e.clientHeight })));
    boxes.sort((a, b) => b.area - a.area);
    expect(boxes[0].path).toBe('venv');
    expect(await venv.getAttribute('data-rule')).toBe('bloat/venv');
    // Nested blocks: the packages inside the venv are drawn too.
    expect(await page.locator('.tm-node[data-path^="venv/"]').count()).toBeGreaterThan(3);
  });

  it('a click shows the path, size, files, git state and findings', async () => {
    await page.locator('#treemap > .tm-node[data-path="venv"] > .tm-label').click({ force: true });
    const details = page.locator('#details');
    await expect(details.locator('h3').textContent()).resolves.toBe('venv');
    const text = (await details.textContent())!;
    expect(text).toContain(formatBytes(venvBytes));
    expect(text).toContain('not tracked');
    expect(text).toContain('yes, by the ignore files');
    expect(text).toContain('bloat/venv');
    expect(text).toContain('Python 3.11');
    expect(await page.locator('#treemap > .tm-node[data-path="venv"]').getAttribute('class')).toContain('tm-selected');
  });

  it('zooms into a folder and back out', async () => {
    await page.locator('#treemap > .tm-node[data-path="venv"]').dblclick({ position: { x: 5, y: 5 } });
    await expect(page.locator('#crumbs').textContent()).resolves.toContain('venv');
    expect(await page.locator('#treemap > .tm-node[data-path="venv"]').count()).toBe(0);
    expect(await page.locator('#treemap > .tm-node').first().getAttribute('data-path')).toMatch(/^venv\//);
    await page.keyboard.press('Escape');
    expect(await page.locator('#treemap > .tm-node[data-path="venv"]').count()).toBe(1);
  });

  it('filters hide rows: by severity, by category, by text', async () => {
    const rows = page.locator('#findings-body tr');
    expect(await rows.count()).toBe(findings.length);
    await page.selectOption('#filter-severity', 'error');
    const errors = findings.filter((f) => f.severity === 'error');
    expect(await rows.count()).toBe(errors.length);
    expect(new Set(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.severity)))).toEqual(new Set(['error']));
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-category', 'ignore');
    expect(await rows.count()).toBe(findings.filter((f) => f.rule.startsWith('ignore/')).length);
    await page.selectOption('#filter-category', '');
    await page.fill('#filter-text', 'chroma_db');
    const matching = findings.filter((f) => `${f.rule} ${f.path} ${f.message} ${f.fix ?? ''}`.toLowerCase().includes('chroma_db'));
    expect(matching.length).toBeGreaterThan(0);
    expect(await rows.count()).toBe(matching.length);
    await expect(page.locator('#findings-count').textContent()).resolves.toContain(`Showing ${matching.length} of ${matching.length}`);
    await page.fill('#filter-text', '');
    expect(await rows.count()).toBe(findings.length);
  });

  it('lists a finding that restates another right under its root cause, and counts root causes (issue 11)', async () => {
    const causes = new Set(findings.map((f) => f.rootCause as string)).size;
    await expect(page.locator('#summary').textContent()).resolves.toContain(`${causes} root causes:`);
    const rows = await page.locator('#findings-body tr').evaluateAll((els) => els.map((e) => ({ restated: e.classList.contains('restated'), cause: (e as HTMLElement).dataset.rootCause, rule: e.children[1].textContent })));
    expect(rows.filter((r) => r.restated).length).toBe(findings.length - causes);
    rows.forEach((row, i) => {
      if (!row.restated) return;
      expect(row.rule!.startsWith('↳ ')).toBe(true);
      expect(rows[i - 1].cause).toBe(row.cause);
    });
  });

  it('sorts by a column and jumps from a row to its block', async () => {
    await page.click('#findings th[data-key="bytes"]'); // descending is the default: this flips to ascending
    const sizes = await page.locator('#findings-body tr').evaluateAll((els) => els.map((e) => e.children[3].textContent));
    expect(sizes.at(-1)).toBe(formatBytes(venvBytes));
    await page.click('#findings th[data-key="bytes"]');
    const row = page.locator('#findings-body tr', { has: page.locator('.path-link', { hasText: /^chroma_db$/ }) }).first();
    await row.locator('.path-link').click();
    await expect(page.locator('#details h3').textContent()).resolves.toBe('chroma_db');
  });

  it('shows the savings, the dependency view and the patch ready to copy', async () => {
    const savings = (await page.locator('#savings').textContent())!;
    // Issue 11: the card commands name the scanned folder.
    expect(savings).toContain(`repolish clean ${chatbot} --include env --yes`);
    expect(savings).toContain(`repolish fix ${chatbot} --write`);
    expect(await page.locator('#deps').textContent()).toBeTruthy();
    const patch = (await page.locator('#patch').textContent())!;
    expect(patch).toContain('diff --git a/.gitignore b/.gitignore');
    expect(await page.locator('#copy-patch').isEnabled()).toBe(true);
  });

  it('made no network request and raised no script error', async () => {
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('also works when rendered by tsx from the TypeScript sources (esbuild wraps functions in __name)', async () => {
    const dir = tempDir('repolish-html-');
    const file = join(dir, 'tsx.html');
    const script = join(dir, 'render.ts');
    const src = (p: string) => JSON.stringify(fileURLToPath(new URL(`../../src/${p}`, import.meta.url)));
    writeFileSync(script, `import { writeFileSync } from 'node:fs';\nimport { renderHtml } from ${src('report/html.ts')};\nimport { scan } from ${src('scan.ts')};\nwriteFileSync(${JSON.stringify(file)}, renderHtml(scan(${JSON.stringify(chatbot)})));\n`);
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [tsx, script], { encoding: 'utf8', env: gitEnv });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('__name(');
    const second = await context.newPage();
    const errors: string[] = [];
    second.on('pageerror', (e) => errors.push(String(e)));
    await second.goto(pathToFileURL(file).href);
    await second.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    expect(await second.locator('#treemap .tm-node').count()).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await second.close();
  });

  it('takes a screenshot (docs/report-screenshot.png with REPOLISH_UPDATE_SCREENSHOT=1)', async () => {
    await page.fill('#filter-text', '');
    await page.locator('#treemap > .tm-node[data-path="venv"] > .tm-label').click({ force: true });
    // The temporary folder's name would only be noise in the committed picture.
    await page.evaluate(() => {
      document.getElementById('root')!.textContent = (document.getElementById('root')!.textContent ?? '').replace(/^.* · /, 'fixtures/out/chatbot · ');
      window.scrollTo(0, 0);
    });
    const target = process.env.REPOLISH_UPDATE_SCREENSHOT
      ? fileURLToPath(new URL('../../docs/report-screenshot.png', import.meta.url))
      : join(tempDir('repolish-shot-'), 'report.png');
    const png = await page.screenshot({ path: target });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
