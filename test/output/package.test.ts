/**
 * The README, docs and package as a new user meets them: every relative link and repository path
 * the docs name exists, the quick start says what the tests need and how to put `repolish` on
 * PATH, the package ships a LICENSE and the schemas but no test cases, and an unbuilt clone says
 * to build instead of printing a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../helpers/repo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function markdownFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const tracked = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
const topLevel = new Set(tracked.map((p) => p.split('/')[0]));
const checkIgnore = (path: string) => spawnSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: ROOT }).status === 0;
// A generated folder (`fixtures/out`) is absent from a clean checkout, and a pattern ending in `/`
// matches only a folder, which git can tell only from a trailing `/` when the path does not exist.
const isGitIgnored = (path: string) => checkIgnore(path) || (!path.endsWith('/') && checkIgnore(`${path}/`));

/** A path with `*` or an all-capitals placeholder (`NAME`) exists when something matches it. */
function existsLike(path: string): boolean {
  if (existsSync(join(ROOT, path))) return true;
  // A module named as the layer list names it (`src/scan` for src/scan.ts).
  if (existsSync(join(ROOT, `${path}.ts`))) return true;
  if (!/\*|\b[A-Z]{3,}\b/.test(path)) return false;
  const pattern = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*').replace(/\*/g, '[^/]*').replace(/\b[A-Z]{3,}\b/g, '[^/]+')}/?$`);
  return tracked.some((p) => pattern.test(p) || pattern.test(dirname(p)));
}

describe('README and docs', () => {
  const docs = ['README.md', ...markdownFiles('docs')];

  it('every relative link points at a file or folder of the repository', () => {
    const missing: string[] = [];
    for (const doc of docs) {
      for (const m of read(doc).matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z][a-z+.-]*:/i.test(m[1])) continue; // https:, mailto:
        const target = normalize(join(dirname(doc), decodeURI(m[1])));
        if (!existsSync(join(ROOT, target))) missing.push(`${doc}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every `path/like/this` inside the repository exists (or is a generated, git-ignored output)', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const doc of docs) {
      for (const m of read(doc).matchAll(/`([^`\s]+)`/g)) {
        const path = m[1].replace(/^\.\//, '');
        if (!/^[\w.*-]+(\/[\w.*-]+)+\/?$/.test(path) || !topLevel.has(path.split('/')[0])) continue;
        checked++;
        if (!existsLike(path) && !isGitIgnored(path)) missing.push(`${doc}: ${m[1]}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('the quick start lists what the tests need, how long they take, and how to put repolish on PATH', () => {
    const readme = read('README.md');
    const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Commands'));
    for (const tool of ['Chromium', 'zsh', 'fish', 'jq', 'GNU parallel', 'ten minutes', 'npm link', 'npm install -g .', 'npm ci']) expect(quick).toContain(tool);
    // Used consistently: once on PATH, the docs say `repolish`, not `node bin/repolish.js` or `npx repolish`.
    for (const doc of docs) expect(read(doc), doc).not.toMatch(/node bin\/repolish\.js|npx repolish /);
  });
});

describe('package', () => {
  it('has a LICENSE matching package.json and ignores npm pack archives', () => {
    const pkg = JSON.parse(read('package.json')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(read('.gitignore').split('\n')).toContain('*.tgz');
  });

  it('ships the CLI, LICENSE and schemas but no test cases or tests', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    for (const needed of ['bin/repolish.js', 'dist/src/cli.js', 'LICENSE', 'README.md', 'schemas/config.schema.json', 'schemas/scan-report.schema.json']) expect(files).toContain(needed);
    expect(files.filter((f) => /(^|\/)cases\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\./.test(f))).toEqual([]);
    expect(files.filter((f) => /^dist\/src\/engine\/cases\./.test(f))).toEqual([]);
    expect(files.filter((f) => /^(test|fixtures|realworld|bench)\//.test(f))).toEqual([]);
  });

  it('bin/repolish.js before a build says to run npm ci, without a stack trace', () => {
    const clone = tempDir('repolish-unbuilt-');
    made.push(clone);
    mkdirSync(join(clone, 'bin'));
    copyFileSync(join(ROOT, 'bin/repolish.js'), join(clone, 'bin/repolish.js'));
    copyFileSync(join(ROOT, 'package.json'), join(clone, 'package.json'));
    const run = spawnSync(process.execPath, [join(clone, 'bin/repolish.js'), 'scan'], { cwd: clone, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('run `npm ci`');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
