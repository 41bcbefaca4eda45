/**
 * Snapshot cases for codemods, kept beside each codemod in `cases/<case>/`:
 *   input/        the project before the run
 *   expected/     the whole project after the run (`--write`)
 *   review.txt    expected review items, `path:line:column: message`, one per line (absent: none)
 *   warnings.txt  expected warnings, one per line (absent: not checked)
 *   options.json  codemod options (absent: defaults)
 * A case runs on a copy of input/ in a temporary folder; the harness also checks that the diff
 * applies with `git apply --check` and that a second run proposes nothing. With
 * REPOLISH_UPDATE_CASES=1 the harness rewrites expected/ and review.txt from the actual run
 * (review the result before committing it).
 *
 * The suite that runs every case of a codemod as a test is in codemod-suite.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { git, gitErrorMessage } from '../../src/model/git.js';
import { applyChanges } from '../../src/patch/apply.js';
import { createPatch } from '../../src/patch/diff.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runCodemods, type RunResult } from '../../src/engine/runner.js';
import type { Codemod } from '../../src/engine/types.js';

export interface CodemodCase {
  name: string;
  dir: string;
  options: string[];
}

export interface CaseOutcome {
  /** The project after the run, path -> content (latin1-decoded, so every byte shows). */
  actual: Record<string, string>;
  expected: Record<string, string>;
  review: string[];
  expectedReview: string[];
  warnings: string[];
  expectedWarnings?: string[];
  /** `git apply --check` of the dry-run diff against a fresh copy of input/: '' when it applies. */
  applyCheck: string;
  patch: string;
  first: RunResult;
  second: RunResult;
  /** The temporary folder holding the migrated project (removed by `cleanup`). */
  workDir: string;
  cleanup(): void;
}

export function listCases(casesDir: string): CodemodCase[] {
  if (!existsSync(casesDir)) return [];
  return readdirSync(casesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(casesDir, d.name, 'input')))
    .map((d) => {
      const dir = join(casesDir, d.name);
      const optionsFile = join(dir, 'options.json');
      const options = existsSync(optionsFile)
        ? Object.entries(JSON.parse(readFileSync(optionsFile, 'utf8')) as Record<string, string>).map(([k, v]) => `${k}=${v}`)
        : [];
      return { name: d.name, dir, options };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every file below `dir`, relative path -> content. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const childAbs = join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(childAbs, childRel);
      else if (e.isFile()) out[childRel] = readFileSync(childAbs).toString('latin1');
    }
  };
  if (existsSync(dir)) visit(dir, '');
  return out;
}

function readLines(file: string): string[] | undefined {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function formatReview(result: RunResult): string[] {
  return result.review.map((r) => `${r.path}:${r.line}:${r.column}: ${r.message}`);
}

export async function runCase(codemod: Codemod, c: CodemodCase, workers?: { registryUrl: string; threshold?: number }): Promise<CaseOutcome> {
  const tmp = mkdtempSync(join(tmpdir(), `repolish-case-${c.name}-`));
  const work = join(tmp, 'project');
  const check = join(tmp, 'check');
  cpSync(join(c.dir, 'input'), work, { recursive: true });
  cpSync(join(c.dir, 'input'), check, { recursive: true });
  const options = resolveOptions([codemod], c.options).get(codemod.name)!;
  const active = [{ codemod, options }];
  const first = await runCodemods({ root: work, codemods: active, workers });
  const patch = createPatch(first.changes);
  let applyCheck = '';
  if (patch) {
    try {
      git(check, ['apply', '--check', '-'], patch);
    } catch (err) {
      applyCheck = gitErrorMessage(err);
    }
  }
  applyChanges(work, first.changes);
  const second = await runCodemods({ root: work, codemods: active, workers });
  const outcome: CaseOutcome = {
    actual: readTree(work),
    expected: readTree(join(c.dir, 'expected')),
    review: formatReview(first),
    expectedReview: readLines(join(c.dir, 'review.txt')) ?? [],
    warnings: first.warnings,
    expectedWarnings: readLines(join(c.dir, 'warnings.txt')),
    applyCheck,
    patch,
    first,
    second,
    workDir: work,
    cleanup: () => rmSync(tmp, { recursive: true, force: true }),
  };
  if (process.env.REPOLISH_UPDATE_CASES === '1') updateCase(c, outcome);
  return outcome;
}

/** Rewrites a case's expected/ and review.txt from an actual run. */
function updateCase(c: CodemodCase, outcome: CaseOutcome): void {
  const expectedDir = join(c.dir, 'expected');
  rmSync(expectedDir, { recursive: true, force: true });
  for (const [path, content] of Object.entries(outcome.actual)) {
    const abs = join(expectedDir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, Buffer.from(content, 'latin1'));
  }
  if (!existsSync(expectedDir)) mkdirSync(expectedDir, { recursive: true });
  const reviewFile = join(c.dir, 'review.txt');
  if (outcome.review.length) writeFileSync(reviewFile, outcome.review.join('\n') + '\n');
  else if (existsSync(reviewFile) && statSync(reviewFile).isFile()) rmSync(reviewFile);
  outcome.expected = outcome.actual;
  outcome.expectedReview = outcome.review;
}

/** The case turned input/ into exactly expected/, with exactly its review items, idempotently. */
export function expectCaseOutcome(outcome: CaseOutcome): void {
  expect(outcome.applyCheck).toBe('');
  expect(outcome.actual).toEqual(outcome.expected);
  expect(outcome.review).toEqual(outcome.expectedReview);
  if (outcome.expectedWarnings) expect(outcome.warnings).toEqual(outcome.expectedWarnings);
  expect(outcome.second.changes).toEqual([]);
  expect(outcome.first.files.filter((f) => f.status === 'failed')).toEqual([]);
}

/** The environment a case program runs in: only the given stand-in modules importable, no bytecode written, no warnings. */
export function programEnv(pythonPath: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...env, PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: 'ignore' };
}

/** Runs a case program with only the given stand-in modules importable. */
export function runPython(dir: string, program: string, pythonPath: string, env: Record<string, string> = {}): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('python3', [program], {
    cwd: dir,
    encoding: 'utf8',
    env: programEnv(pythonPath, env),
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
