/** A conda environment: conda-meta records add what pip metadata does not show (MKL, the CUDA toolkit). */
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeDependencies } from '../../src/deps/analysis.js';
import heavy from '../../src/rules/deps/heavy.js';
import { makeRepo, removeDir } from '../helpers/repo.js';
import { contextOf } from './helpers.js';
import { MB, writeVenv } from './venv.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

function sparse(path: string, size: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

describe('conda environments', () => {
  it('measures conda-only packages and attributes the CUDA toolkit to torch', () => {
    const root = makeRepo({
      'environment.yml': 'name: rag\ndependencies:\n  - python=3.11\n  - pytorch::pytorch=2.3\n  - pytorch::pytorch-cuda=12.1\n  - numpy\n',
      'app.py': 'import torch\nimport numpy\n',
    });
    roots.push(root);
    writeVenv(root, 'env', '3.11.9', [{ name: 'torch', payload: { 'torch/lib/libtorch.so': 800 * MB } }, { name: 'numpy' }]);
    const env = join(root, 'env');
    const meta = (name: string, depends: string[], files: Array<[string, number]>) => {
      for (const [rel, size] of files) sparse(join(env, rel), size);
      writeFileSync(join(env, 'conda-meta', `${name}-1.0-0.json`), JSON.stringify({ name, version: '1.0', depends, files: files.map(([f]) => f) }));
    };
    mkdirSync(join(env, 'conda-meta'), { recursive: true });
    meta('pytorch', ['python >=3.11,<3.12.0a0', 'mkl >=2023.1.0', 'pytorch-cuda 12.1.*', 'numpy'], []);
    meta('pytorch-cuda', ['cuda-cudart >=12.1,<12.2', 'libcublas >=12.1.0.26,<12.1.3.1'], []);
    meta('cuda-cudart', [], [['lib/libcudart.so.12', 1 * MB]]);
    meta('libcublas', [], [['lib/libcublasLt.so.12', 500 * MB]]);
    meta('mkl', [], [['lib/libmkl_core.so.2', 150 * MB], ['lib/libmkl_intel_thread.so.2', 450 * MB]]);
    writeFileSync(join(env, 'conda-meta', 'history'), '==> 2026-01-01 <==\n');
    const ctx = contextOf(root);
    const analysis = analyzeDependencies(ctx);
    expect(analysis.env!.dists.get('mkl')!.bytes).toBe(600 * MB);
    expect(analysis.graph.requirements('torch').map((r) => r.name).sort()).toEqual(['mkl', 'numpy', 'pytorch-cuda']);
    const findings = heavy.check(ctx);
    const torch = findings.find((f) => f.package === 'torch')!;
    expect(torch.cudaPackages).toEqual(['libcublas', 'cuda-cudart', 'pytorch-cuda']);
    expect(torch.path).toBe('environment.yml');
    expect(torch.line).toBe(4);
    const mkl = findings.find((f) => f.package === 'mkl')!;
    expect(mkl.message).toMatch(/not declared itself: torch brings it in \(environment\.yml:4\)/);
  });
});
