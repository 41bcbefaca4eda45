import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/bloat/detector.js';
import { formatDiskSize } from '../../src/report/disk-size.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { rootCauses } from '../../src/report/summary.js';
import { scan, type ScanResult } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo } from '../helpers/repo.js';
import { chatbotRepo } from './fixture.js';

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThan(-1);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

/** Rows of the first GitHub table in `text`, cells unescaped enough to compare. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.startsWith('| '));
  return lines.slice(2).map((l) => l.slice(2, -2).split(/(?<!\\) \| /));
}

describe('scan --format markdown on the chatbot example', () => {
  let root: string;
  let result: ScanResult;
  let markdown: string;

  beforeAll(async () => {
    root = await chatbotRepo();
    result = scan(root);
    markdown = renderMarkdown(result);
  });

  it('has the sections of a clean-up report, in order', () => {
    const headings = markdown.split('\n').filter((l) => /^#{1,2} /.test(l));
    expect(headings).toEqual([
      '# repolish report: `chatbot`',
      '## Size breakdown',
      '## Root causes',
      '## Findings',
      '## What it would free',
      '## Ignore-file patch',
    ]);
    expect(markdown).toMatch(/\*\*5\.\d GB\*\* in 1,\d{3} files; \*\*5\.\d GB \(\d+\.\d %\) is bloat\*\*/);
  });

  it('measures the size breakdown: the venv first, sizes as the walk measured them', () => {
    const rows = tableRows(section(markdown, 'Size breakdown'));
    const venv = result.facts.dir('venv')!;
    expect(rows[0][0]).toBe('`venv/`');
    expect(rows[0][1]).toBe(formatBytes(venv.bytes));
    expect(rows[0][3]).toBe(venv.fileCount.toLocaleString('en-US'));
    expect(rows[0][4]).toContain('`bloat/venv`');
    const sizesInOrder = result.facts.tree.dirs.map((d) => d.bytes).sort((a, b) => b - a);
    expect(rows[1][1]).toBe(formatBytes(sizesInOrder[1]));
    expect(rows.at(-1)![0]).toBe('**Total**');
    expect(rows.at(-1)![1]).toBe(`**${formatBytes(result.totals.bytes)}**`);
  });

  it('ranks root causes by measured bytes and names the heaviest packages of the venv', () => {
    const text = section(markdown, 'Root causes');
    const causes = rootCauses(result);
    const items = text.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(items.length).toBe(Math.min(10, causes.length));
    expect(items[0]).toContain(`**Virtual environments inside the project: ${formatBytes(result.facts.dir('venv')!.bytes)}**`);
    for (let i = 1; i < causes.length; i++) expect(causes[i - 1].bytes).toBeGreaterThanOrEqual(causes[i].bytes);
    expect(text).toMatch(/largest packages: `torch` 1\.\d GB, `nvidia-cudnn-cu12`/);
  });

  it('groups findings by category with their fixes', () => {
    const text = section(markdown, 'Findings');
    expect(text).toContain('### Bloat (');
    expect(text).toContain('### Ignore files (');
    // Issue 11: git/tracked-bloat restates the bloat finding of the same path, so it is listed
    // under it (↳) instead of in a Git section of its own.
    expect(text).not.toContain('### Git (');
    const rows = tableRows(text.slice(text.indexOf('### Bloat')));
    const uploads = rows.find((r) => r[2] === '`uploads`' && r[1] === '↳ `git/tracked-bloat`')!;
    expect(uploads[0]).toBe('🔴 error');
    expect(rows[rows.indexOf(uploads) - 1][1]).toBe('`bloat/uploads`');
    // Issue 11: hints name the scanned folder and every flag they need (--untrack alone is a dry run).
    expect(uploads[5]).toContain(`repolish clean ${result.root} --untrack --yes`);
  });

  it('sums what fix and clean would free from the findings', () => {
    const text = section(markdown, 'What it would free');
    const venv = result.facts.dir('venv')!;
    const modules = result.facts.dir('static/node_modules')!;
    // Issue 11: the command names the scanned folder; what it frees is allocated blocks, apparent size beside it.
    expect(text).toContain(`| \`repolish clean ${result.root} --include env --yes\` | ${formatDiskSize(venv.allocated + modules.allocated, venv.bytes + modules.bytes)} freed |`);
    expect(text).toContain(`\`repolish fix ${result.root} --write\``);
  });

  it('puts the ignore-file patch in a collapsible block that git apply accepts', () => {
    const text = section(markdown, 'Ignore-file patch');
    expect(text).toContain('<details>');
    expect(text).toMatch(/<summary><code>\.gitignore<\/code>: \d+ added lines<\/summary>/);
    const diff = /```diff\n([\s\S]*?)```/.exec(text)![1];
    const patchFile = join(root, '..', 'report.patch');
    writeFileSync(patchFile, diff);
    execFileSync('git', ['apply', '--check', patchFile], { cwd: root, env: gitEnv });
  });

  it('leaves a hook for the dependency section', () => {
    const withDeps = renderMarkdown(result, { depsSection: () => '## Dependencies\n\nplanted by the test' });
    expect(withDeps).toContain('## Dependencies\n\nplanted by the test');
    expect(withDeps.indexOf('## Dependencies')).toBeLessThan(withDeps.indexOf('## Ignore-file patch'));
    expect(renderMarkdown(result, { depsSection: () => undefined })).toBe(markdown);
  });
});

describe('markdown escaping', () => {
  it('keeps tables intact with pipes, backticks and HTML in file names', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'a|b`c<i>.log': 'x'.repeat(100), '.gitignore': 'venv/\n' }, ['app.py', '.gitignore']);
    const markdown = renderMarkdown(scan(root));
    const line = markdown.split('\n').find((l) => l.includes('bloat/log') && l.startsWith('| 🔵'))!;
    expect(line).toContain('``a\\|b`c<i>.log``');
    // Six cells: the pipe in the name did not split the row.
    expect(line.split(/(?<!\\)\|/).length).toBe(8);
    // Raw HTML from a file name only ever appears inside code spans.
    expect(markdown.replace(/(`+)[\s\S]*?\1/g, '')).not.toContain('<i>');
  });
});

describe('repolish scan --format markdown (CLI)', () => {
  it('writes the same report to stdout and to --output', async () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'logs/app.log': 'line\n' }, ['app.py']);
    const out = runCli(['scan', root, '--format', 'markdown']);
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith(`# repolish report: \``)).toBe(true);
    const file = join(root, '..', `${root.split('/').pop()}.md`);
    const written = runCli(['scan', root, '--format', 'markdown', '--output', file]);
    expect(written.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(out.stdout);
  });
});
