/**
 * `npm run new`: in a temporary copy of the repository, `new codemod` and `new rule` create their
 * modules, register them, and add a case and a test; the copy type-checks with them, the new
 * codemod's case passes the shared case suite's checks, and the new rule runs on a scan context.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScanContext } from '../../src/bloat/scan-context.js';
import type { Codemod } from '../../src/engine/types.js';
import type { Rule } from '../../src/rules/types.js';
import { expectCaseOutcome, listCases, runCase } from '../helpers/codemod-cases.js';
import { makeRepo, removeDir, tempDir } from '../helpers/repo.js';

const TOP = fileURLToPath(new URL('../../', import.meta.url));
const copy = tempDir('repolish-new-');
const roots: string[] = [copy];
afterAll(() => roots.forEach(removeDir));

function runNew(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(TOP, 'node_modules/tsx/dist/cli.mjs'), join(TOP, 'scripts/new.ts'), ...args, '--root', copy], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // What the new files import and what registers them; case folders and stand-ins are not needed.
  for (const part of ['src', 'codemods', 'schemas', 'test/helpers', 'tsconfig.json', 'package.json']) {
    cpSync(join(TOP, part), join(copy, part), { recursive: true, filter: (src) => !/[\\/](cases|standins)$/.test(src) });
  }
  symlinkSync(join(TOP, 'node_modules'), join(copy, 'node_modules'));
});

describe('npm run new', () => {
  it('creates a codemod and a rule that are registered, type-check, and run', async () => {
    const codemod = runNew(['codemod', 'swap-demo']);
    expect(codemod.stderr).toContain('created and registered');
    expect(codemod.code).toBe(0);
    const rule = runNew(['rule', 'security/leak-demo']);
    expect(rule.code).toBe(0);
    const created = [...codemod.stdout.trim().split('\n'), ...rule.stdout.trim().split('\n')];
    for (const path of ['codemods/swap-demo/index.ts', 'codemods/swap-demo/README.md', 'codemods/swap-demo/cases.test.ts', 'codemods/swap-demo/cases/first-case/review.txt', 'src/rules/security/leak-demo.ts', 'test/rules/security/leak-demo.test.ts']) {
      expect(created).toContain(path);
      expect(existsSync(join(copy, path)), path).toBe(true);
    }
    expect(readFileSync(join(copy, 'codemods/index.ts'), 'utf8')).toMatch(/codemods: Codemod\[\] = \[[^\]]*, swapDemo\]/);
    expect(readFileSync(join(copy, 'codemods/names.ts'), 'utf8')).toContain(", 'swap-demo']");
    expect(readFileSync(join(copy, 'src/rules/index.ts'), 'utf8')).toMatch(/\n {2}leakDemo,\n\];/);
    expect(JSON.parse(readFileSync(join(copy, 'schemas/config.schema.json'), 'utf8')).$defs.ruleId.enum).toContain('security/leak-demo');

    // One type-check of the copy, from the registries and the new tests down.
    writeFileSync(join(copy, 'tsconfig.new.json'), JSON.stringify({
      extends: './tsconfig.json',
      include: [],
      files: ['codemods/index.ts', 'codemods/names.ts', 'src/rules/index.ts', 'codemods/swap-demo/cases.test.ts', 'test/rules/security/leak-demo.test.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(TOP, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.new.json', '--noEmit'], { cwd: copy, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    // The new codemod's first case passes what every case must show.
    const made = (await import(pathToFileURL(join(copy, 'codemods/swap-demo/index.ts')).href)) as { default: Codemod };
    const cases = listCases(join(copy, 'codemods/swap-demo/cases'));
    expect(cases.map((c) => c.name)).toEqual(['first-case']);
    const outcome = await runCase(made.default, cases[0]);
    try {
      expectCaseOutcome(outcome);
    } finally {
      outcome.cleanup();
    }

    // The new rule checks a real scan context.
    const ruleModule = (await import(pathToFileURL(join(copy, 'src/rules/security/leak-demo.ts')).href)) as { default: Rule };
    expect(ruleModule.default.meta.id).toBe('security/leak-demo');
    const repo = makeRepo({ 'app.py': 'print(1)\n' }, ['app.py']);
    roots.push(repo);
    expect(ruleModule.default.check(buildScanContext(repo))).toEqual([]);
  });

  it('refuses a name that is taken, a bloat kind, and a malformed name (exit 2, nothing written)', () => {
    mkdirSync(join(copy, 'codemods/taken-demo'), { recursive: true });
    for (const args of [['codemod', 'taken-demo'], ['codemod', 'Bad_Name'], ['rule', 'bloat/big-demo'], ['rule', 'nocategory']]) {
      const r = runNew(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^new: /);
      expect(r.stdout).toBe('');
    }
  });
});
