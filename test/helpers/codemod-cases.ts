/** What every codemod's case folders must show, and running their programs under python3. */
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { CaseOutcome } from '../../src/engine/cases.js';

/** The case turned input/ into exactly expected/, with exactly its review items, idempotently. */
export function expectCaseOutcome(outcome: CaseOutcome): void {
  expect(outcome.applyCheck).toBe('');
  expect(outcome.actual).toEqual(outcome.expected);
  expect(outcome.review).toEqual(outcome.expectedReview);
  if (outcome.expectedWarnings) expect(outcome.warnings).toEqual(outcome.expectedWarnings);
  expect(outcome.second.changes).toEqual([]);
  expect(outcome.first.files.filter((f) => f.status === 'failed')).toEqual([]);
}

/** Runs a case program with only the given stand-in modules importable. */
export function runPython(dir: string, program: string, pythonPath: string, env: Record<string, string> = {}): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('python3', [program], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env, PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: 'ignore' },
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
