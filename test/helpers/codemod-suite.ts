/**
 * The one test suite every codemod's case folders run through (`codemods/<name>/cases.test.ts`):
 * each case turns its input/ into exactly expected/ with exactly the review items in review.txt,
 * the diff applies with `git apply --check`, a second run changes nothing, and nothing fails.
 * A codemod adds its own checks on each run (`extraChecks`), and where a case has a programs.json
 * the programs it names print the same before and after the run, under python3 with stand-in
 * modules (`programs`), each in a fork of one python3 of the file (python-forks.ts).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Codemod } from '../../src/engine/types.js';
import { expectCaseOutcome, listCases, programEnv, runCase, type CaseOutcome, type CodemodCase } from './codemod-cases.js';
import { PythonForks } from './python-forks.js';

/** A case's programs.json: programs to run in input/ and in expected/, with what they need. */
export interface ProgramsSpec {
  programs: string[];
  /** Environment for both runs (e.g. a provider chosen by a variable). */
  env?: Record<string, string>;
  /** Anything else the codemod's `afterPath` reads (e.g. "the old library is still used"). */
  [key: string]: unknown;
}

export interface SuiteOptions {
  /** The suite fails when fewer cases than this are found (a moved folder must not pass silently). */
  minCases: number;
  /** Checks of the codemod's own on each case's run; the migrated project is at `outcome.workDir`. */
  extraChecks?: (outcome: CaseOutcome, c: CodemodCase) => void | Promise<void>;
  /** Runs the programs a case's programs.json names, before and after; absent: programs.json is not read. */
  programs?: {
    /** PYTHONPATH of the run in input/: the stand-in modules. */
    beforePath: string;
    /** PYTHONPATH of the run in expected/, given the case's programs.json (e.g. without the removed library). */
    afterPath: (spec: ProgramsSpec) => string;
    /** Environment of both runs, under the case's own `env`. */
    env?: Record<string, string>;
  };
}

/** Lists the cases in `casesDir` and declares one test per case (and one per program). */
export function describeCases(codemod: Codemod, casesDir: string, options: SuiteOptions): CodemodCase[] {
  const cases = listCases(casesDir);
  // One python3 for the file's programs, each run in a fork of it (see python-forks.ts).
  const python = new PythonForks();
  afterAll(() => python.close());

  test('there are cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(options.minCases);
  });

  describe.each(cases)('$name', (c) => {
    test('input/ becomes expected/ with the expected review items, idempotently', async () => {
      const outcome = await runCase(codemod, c);
      try {
        expectCaseOutcome(outcome);
        await options.extraChecks?.(outcome, c);
      } finally {
        outcome.cleanup();
      }
    });

    const programsFile = join(c.dir, 'programs.json');
    if (!options.programs || !existsSync(programsFile)) return;
    const { beforePath, afterPath, env } = options.programs;
    const spec = JSON.parse(readFileSync(programsFile, 'utf8')) as ProgramsSpec;
    test.each(spec.programs)('%s prints the same before and after', async (program) => {
      const work = mkdtempSync(join(tmpdir(), `repolish-program-${c.name}-`));
      try {
        cpSync(join(c.dir, 'input'), join(work, 'before'), { recursive: true });
        cpSync(join(c.dir, 'expected'), join(work, 'after'), { recursive: true });
        const before = await python.run(join(work, 'before'), program, programEnv(beforePath, { ...env, ...spec.env }));
        expect(before.stderr).toBe('');
        expect(before.status).toBe(0);
        expect(before.stdout).not.toBe('');
        const after = await python.run(join(work, 'after'), program, programEnv(afterPath(spec), { ...env, ...spec.env }));
        expect(after.stderr).toBe('');
        expect(after.status).toBe(0);
        expect(after.stdout).toBe(before.stdout);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  });

  return cases;
}
