/**
 * The CPython standard library of this machine as a large, real, whisper-free code base: the
 * whisper codemod must make no edit and not crash, and the Python helpers must analyse any code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { listFiles } from '../../src/engine/files.js';
import { runCodemods } from '../../src/engine/runner.js';
import type { Codemod } from '../../src/engine/types.js';
import { pythonModule } from '../../src/python/module.js';
import { qualifiedName } from '../../src/python/imports.js';
import { repolish } from './helpers.js';

const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();

test.runIf(existsSync(stdlib))('whisper-to-faster-whisper over the standard library makes no edit', () => {
  const r = repolish(stdlib, 'codemod', 'run', 'whisper-to-faster-whisper', '.', '--format', 'json');
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as { files: unknown[]; patch: string; summary: { lookedAt: number; failed: number } };
  expect(report.files).toEqual([]);
  expect(report.patch).toBe('');
  expect(report.summary.lookedAt).toBeGreaterThan(1000);
  expect(report.summary.failed).toBe(0);
});

test.runIf(existsSync(stdlib))('the Python helpers analyse a sample of the standard library without error', async () => {
  const sample = listFiles(stdlib).files.filter((p) => p.endsWith('.py')).filter((_, i) => i % 5 === 0);
  let analysed = 0;
  let references = 0;
  const analyse: Codemod = {
    name: 'analyse', description: '', files: ['*.py'], triggers: [], options: [],
    transform(file) {
      const mod = pythonModule(file);
      for (const ref of mod.analysis.references.values()) {
        const resolved = mod.analysis.resolve(ref.node);
        if (resolved.scope && resolved.bindings.length === 0) throw new Error(`${file.path}: ${ref.name} resolves to a scope without a binding`);
        references++;
      }
      for (const call of mod.tree.root.find('call')) qualifiedName(call.get('function')!, mod.analysis, mod.imports);
      analysed++;
      return undefined;
    },
  };
  const r = await runCodemods({ root: stdlib, codemods: [{ codemod: analyse, options: {} }], files: sample });
  expect(r.changes).toEqual([]);
  expect(r.files.filter((f) => f.status === 'failed')).toEqual([]);
  expect(analysed).toBeGreaterThan(sample.length * 0.9);
  expect(references).toBeGreaterThan(100_000);
});
