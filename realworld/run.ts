/**
 * `npm run realworld`: runs a codemod (or the scanner) over the real public repositories listed in
 * realworld/manifest/<name>.tsv and writes a review sheet per run: every hunk with the mechanical
 * checks (the patch applies, each changed file still compiles, no name the patch removed is still
 * used in that repository) beside the verdict a person recorded in realworld/reviews/<name>.tsv.
 *
 *   node dist/realworld/run.js --codemod NAME|scan [--option k=v ...] [--mirrors DIR] [--only owner/name]
 *                              [--manifest FILE] [--docs]
 *
 * Repositories come from --mirrors (or $REPOLISH_MIRRORS): a folder of `<owner>+<name>/repo` git
 * directories; without one, each is cloned from GitHub. Checkouts live in realworld/checkouts/ and the
 * sheets in realworld/out/, both git-ignored: third-party code never enters the project.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { materialize, readManifest, readReviews, type CorpusEntry, type ReviewRow, type Verdict } from './corpus.js';
import { removedNames, splitHunks, type Hunk } from './hunks.js';
import { packageRoot } from '../src/model/package-root.js';

const ROOT = packageRoot(import.meta.url);
const HERE = join(ROOT, 'realworld');

interface Options {
  name: string;
  options: string[];
  mirrors?: string;
  only?: string;
  /** Another manifest than realworld/manifest/<name>.tsv (a subset, a trial list). */
  manifest?: string;
  docs: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { name: '', options: [], docs: false, mirrors: process.env.REPOLISH_MIRRORS || undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--codemod') opts.name = argv[++i];
    else if (arg === '--option') opts.options.push(argv[++i]);
    else if (arg === '--mirrors') opts.mirrors = argv[++i];
    else if (arg === '--only') opts.only = argv[++i];
    else if (arg === '--manifest') opts.manifest = argv[++i];
    else if (arg === '--docs') opts.docs = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!opts.name) throw new Error('--codemod NAME (or --codemod scan) is required');
  return opts;
}

interface Check {
  hunk: Hunk;
  applies: boolean;
  compiles: boolean | null;
  stillUsed: string[];
  verdict?: ReviewRow;
}

interface RepoResult {
  entry: CorpusEntry;
  error?: string;
  checks: Check[];
  review: { path: string; line: number; message: string; verdict?: ReviewRow }[];
  findings: { rule: string; path: string; line?: number; message: string; verdict?: ReviewRow }[];
}

function repolish(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'repolish.js'), ...args], {
    encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000, env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

function succeeds(cmd: string, args: string[], cwd: string): boolean {
  return spawnSync(cmd, args, { cwd, stdio: 'ignore', timeout: 120_000 }).status === 0;
}

/** Does the changed file still compile: Python by py_compile, JavaScript by node --check. */
function compiles(dir: string, hunk: Hunk): boolean | null {
  if (hunk.status === 'deleted') return null;
  if (hunk.path.endsWith('.py')) return succeeds('python3', ['-c', 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")', hunk.path], dir);
  if (/\.(m|c)?js$/.test(hunk.path)) return succeeds(process.execPath, ['--check', hunk.path], dir);
  return null;
}

/** Where `name` still occurs as a word in the patched repository's source files. */
function usesOf(dir: string, name: string): string[] {
  const r = spawnSync('grep', ['-rnwI', '--exclude-dir=.git', '--include=*.py', '--include=*.js', '--include=*.ts', '--include=*.jsx', '--include=*.tsx',
    '--include=*.html', '--include=*.toml', '--include=*.cfg', '--include=*.yml', '--include=*.yaml', '-e', name, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  return (r.stdout ?? '').split('\n').filter(Boolean).map((l) => l.replace(/^\.\//, '').split(':').slice(0, 2).join(':'));
}

/**
 * The recorded row of one hunk, review item or finding. Several findings can share a path and have
 * no line (a bloat folder is also tracked and unignored), so a finding's row names its rule at the
 * start of the note (`bloat/venv: ...`) and only a row of that rule matches.
 */
function verdictFor(reviews: ReviewRow[], repo: string, path: string, line: number, kind: ReviewRow['kind'], rule?: string): ReviewRow | undefined {
  return reviews.find((r) => r.repo === repo && r.path === path && r.line === line && r.kind === kind && (!rule || r.note.startsWith(`${rule}:`)));
}

function evaluateCodemod(entry: CorpusEntry, dir: string, opts: Options, reviews: ReviewRow[]): RepoResult {
  const result: RepoResult = { entry, checks: [], review: [], findings: [] };
  const run = repolish(['codemod', 'run', opts.name, dir, '--format', 'json', ...opts.options.flatMap((o) => ['--option', o])]);
  let report: { patch: string; review: { path: string; line: number; message: string }[] };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    result.error = `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`;
    return result;
  }
  result.review = report.review.map((r) => ({ ...r, verdict: verdictFor(reviews, entry.repo, r.path, r.line, 'review') }));
  if (!report.patch) return result;
  const patchFile = join(dir, '.git', 'repolish-realworld.patch');
  writeFileSync(patchFile, report.patch);
  const applies = succeeds('git', ['apply', '--check', patchFile], dir);
  if (applies) execFileSync('git', ['apply', patchFile], { cwd: dir });
  for (const hunk of splitHunks(report.patch)) {
    const stillUsed = applies ? removedNames(hunk).flatMap((name) => usesOf(dir, name).map((at) => `${name} @ ${at}`)) : [];
    result.checks.push({ hunk, applies, compiles: applies ? compiles(dir, hunk) : null, stillUsed, verdict: verdictFor(reviews, entry.repo, hunk.path, hunk.line, 'hunk') });
  }
  return result;
}

function evaluateScan(entry: CorpusEntry, dir: string, reviews: ReviewRow[]): RepoResult {
  const result: RepoResult = { entry, checks: [], review: [], findings: [] };
  const run = repolish(['scan', dir, '--format', 'json']);
  try {
    const report = JSON.parse(run.stdout) as { findings: { rule: string; path: string; line?: number; message: string }[] };
    result.findings = report.findings.map((f) => ({ ...f, verdict: verdictFor(reviews, entry.repo, f.path, f.line ?? 0, 'finding', f.rule) }));
  } catch {
    result.error = `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`;
  }
  return result;
}

function tally(results: RepoResult[]): Map<Verdict | 'unread', number> {
  const counts = new Map<Verdict | 'unread', number>();
  const add = (v?: ReviewRow) => counts.set(v?.verdict ?? 'unread', (counts.get(v?.verdict ?? 'unread') ?? 0) + 1);
  for (const r of results) {
    r.checks.forEach((c) => add(c.verdict));
    r.review.forEach((c) => add(c.verdict));
    r.findings.forEach((c) => add(c.verdict));
  }
  return counts;
}

function sheet(name: string, opts: Options, results: RepoResult[]): string {
  const out: string[] = [`# Review sheet: ${name}${opts.options.length ? ` (${opts.options.join(' ')})` : ''}`, ''];
  const counts = tally(results);
  out.push(`${results.length} repositories; verdicts: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`, '');
  for (const r of results) {
    out.push(`## ${r.entry.repo} @ ${r.entry.commit.slice(0, 12)} (${r.entry.kind})`, '');
    if (r.error) out.push(`**run failed**: ${r.error}`, '');
    for (const c of r.checks) {
      const flags = [c.applies ? 'applies' : '**does not apply**', c.compiles === false ? '**does not compile**' : c.compiles ? 'compiles' : '', c.stillUsed.length ? `**still used**: ${c.stillUsed.slice(0, 8).join('; ')}` : ''].filter(Boolean);
      out.push(`### hunk ${c.hunk.path}:${c.hunk.line} — ${c.verdict ? `${c.verdict.verdict}: ${c.verdict.note}` : 'UNREAD'}`, '', flags.join(' · '), '', '```diff', c.hunk.text, '```', '');
    }
    for (const item of r.review) out.push(`- review ${item.path}:${item.line} — ${item.verdict ? `${item.verdict.verdict}: ${item.verdict.note}` : 'UNREAD'}: ${item.message}`);
    for (const f of r.findings) out.push(`- ${f.rule} ${f.path}${f.line ? `:${f.line}` : ''} — ${f.verdict ? `${f.verdict.verdict}: ${f.verdict.note}` : 'UNREAD'}: ${f.message}`);
    out.push('');
  }
  return out.join('\n');
}

/** Replaces the block between `<!-- realworld:NAME -->` markers in docs/real-world.md. */
function updateDocs(name: string, results: RepoResult[]): void {
  const doc = join(ROOT, 'docs', 'real-world.md');
  if (!existsSync(doc)) return;
  const counts = tally(results);
  const n = (k: Verdict | 'unread') => counts.get(k) ?? 0;
  const failed = results.flatMap((r) => r.checks).filter((c) => !c.applies || c.compiles === false).length;
  const block = [
    `<!-- realworld:${name} -->`,
    `| repositories | hunks | correct | wrong | questionable | unread | review items justified | over-cautious | mechanical failures |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
    `| ${results.length} | ${results.reduce((s, r) => s + r.checks.length, 0)} | ${n('correct')} | ${n('wrong')} | ${n('questionable')} | ${n('unread')} | ${n('justified')} | ${n('over-cautious')} | ${failed} |`,
    `<!-- /realworld:${name} -->`,
  ].join('\n');
  const text = readFileSync(doc, 'utf8');
  const re = new RegExp(`<!-- realworld:${name} -->[\\s\\S]*?<!-- /realworld:${name} -->`);
  writeFileSync(doc, re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`);
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const entries = readManifest(opts.manifest ?? join(HERE, 'manifest', `${opts.name}.tsv`)).filter((e) => !opts.only || e.repo === opts.only);
  const reviews = readReviews(join(HERE, 'reviews', `${opts.name}.tsv`));
  const workDir = join(HERE, 'checkouts');
  mkdirSync(join(HERE, 'out'), { recursive: true });
  const results: RepoResult[] = [];
  for (const entry of entries) {
    process.stderr.write(`${entry.repo} ... `);
    let dir: string;
    try {
      dir = materialize(entry, workDir, opts.mirrors);
    } catch (err) {
      results.push({ entry, error: `cannot materialize: ${(err as Error).message.split('\n')[0]}`, checks: [], review: [], findings: [] });
      process.stderr.write('unavailable\n');
      continue;
    }
    const result = opts.name === 'scan' ? evaluateScan(entry, dir, reviews) : evaluateCodemod(entry, dir, opts, reviews);
    results.push(result);
    process.stderr.write(`${result.error ? 'failed' : `${result.checks.length} hunks, ${result.review.length} review items, ${result.findings.length} findings`}\n`);
  }
  const suffix = opts.options.length ? `.${opts.options.join('.').replace(/[^\w.-]+/g, '_')}` : '';
  const base = join(HERE, 'out', `${opts.name}${suffix}`);
  writeFileSync(`${base}.md`, sheet(opts.name, opts, results));
  writeFileSync(`${base}.json`, JSON.stringify(results.map((r) => ({ ...r, checks: r.checks.map((c) => ({ ...c, hunk: { ...c.hunk, text: undefined } })) })), null, 2));
  if (opts.docs && opts.options.length === 0) updateDocs(opts.name, results);
  const counts = tally(results);
  process.stderr.write(`sheet: ${base}.md; ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
}

main();
