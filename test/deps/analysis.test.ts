import { afterAll, describe, expect, it } from 'vitest';
import { analyzeDependencies } from '../../src/deps/analysis.js';
import { removeDir } from '../helpers/repo.js';
import { contextOf } from './helpers.js';
import { chatbotRepo } from './scenarios.js';
import { MB } from './venv.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

describe('dependency analysis of a chatbot with a venv', () => {
  const root = chatbotRepo();
  roots.push(root);
  const analysis = analyzeDependencies(contextOf(root));
  const verdict = (name: string) => analysis.verdicts.get(name)!;

  it('measures installed sizes from RECORD (sparse payloads count by apparent size)', () => {
    const torch = analysis.env!.dists.get('torch')!;
    expect(torch.bytes).toBeGreaterThanOrEqual(1600 * MB);
    expect(torch.bytes).toBeLessThan(1601 * MB);
    expect(torch.measuredBy).toBe('record');
    expect(analysis.env!.pythonVersion).toBe('3.11.9');
    expect(analysis.env!.markerEnvironment.platform_machine).toBe('x86_64');
  });

  it('classifies declared packages by use', () => {
    expect(verdict('flask').status).toBe('used');
    expect(verdict('sentence-transformers').status).toBe('used');
    expect(verdict('torch').status).toBe('needed');
    expect(verdict('torch').requiredBy).toEqual(['sentence-transformers']);
    expect(verdict('transformers').status).toBe('needed');
    expect(verdict('scikit-learn').status).toBe('needed');
    expect(verdict('datasets').status).toBe('unused');
    expect(verdict('pandas').status).toBe('unused');
    expect(verdict('pandas').requiredBy).toEqual(['datasets']);
    expect(verdict('pyarrow').status).toBe('unused');
    expect(verdict('openai').status).toBe('used'); // imported inside a function
    expect(verdict('lxml').status).toBe('used');
    expect(verdict('lxml').evidence[0].detail).toBe('BeautifulSoup(..., "lxml")');
    expect(verdict('gunicorn').status).toBe('used');
    expect(verdict('gunicorn').evidence[0]).toMatchObject({ kind: 'command', path: 'Procfile', line: 1 });
    expect(verdict('python-dotenv').status).toBe('used');
    expect(verdict('pytest').status).toBe('used');
    expect(verdict('pytest-cov').status).toBe('used');
    expect(verdict('pytest-cov').evidence[0].detail).toBe('a plugin of pytest');
  });

  it('computes what removing a package frees, and what it weighs with what only it pulls in', () => {
    // torch is still needed by sentence-transformers: removing the line frees nothing.
    expect(verdict('torch').freed.bytes).toBe(0);
    // datasets alone: pandas and pyarrow stay declared, so only datasets and its own helpers go.
    const datasets = verdict('datasets');
    expect(datasets.freed.estimated).toBe(false);
    const ownHelpers = ['datasets', 'dill', 'xxhash', 'multiprocess'].map((n) => analysis.env!.dists.get(n)!.bytes).reduce((a, b) => a + b);
    expect(datasets.freed.bytes).toBe(ownHelpers);
    // With everything no kept package needs: pandas, pyarrow and their own requirements too.
    expect(datasets.exclusiveDependencies.slice(0, 2)).toEqual(['pyarrow', 'pandas']);
    expect(datasets.withDependencies.bytes).toBeGreaterThan(200 * MB);
    expect(analysis.removable.names).toContain('pyarrow');
    expect(analysis.removable.names).not.toContain('numpy'); // scikit-learn still needs it
  });

  it('attributes the CUDA wheels to torch, evaluating markers for the venv platform', () => {
    const torch = analysis.heavy.find((h) => h.name === 'torch')!;
    expect(torch.accelerators.map((a) => a.name)).toEqual(['nvidia-cudnn-cu12', 'nvidia-cublas-cu12', 'triton']);
    expect(torch.acceleratorBytes.bytes).toBeGreaterThanOrEqual((850 + 600 + 420) * MB);
    expect(torch.cpuOnlySaving?.bytes).toBe(torch.acceleratorBytes.bytes);
    expect(torch.pulledInBy).toEqual(['sentence-transformers']);
    expect(torch.advice[0].text).toMatch(/CPU-only torch wheels/);
    expect(analysis.heavy.map((h) => h.name)).not.toContain('nvidia-cudnn-cu12');
    // pywin32 applies only on Windows, opt-einsum only with an extra: neither is required here.
    expect(analysis.graph.requirements('torch').map((r) => r.name)).not.toContain('pywin32');
  });

  it('reports imports that no manifest declares, skipping stdlib, local and guarded imports', () => {
    expect(analysis.missing.map((m) => `${m.dist}:${m.sites.map((s) => `${s.path}:${s.line}`).join(',')}`)).toEqual([
      'requests:services/scrape.py:1',
    ]);
    expect(analysis.missing[0].transitiveVia).toEqual(['sentence-transformers']);
  });

  it('ignores code inside archive folders and the venv', () => {
    expect(analysis.python.files.some((f) => f.startsWith('archive/') || f.startsWith('venv/'))).toBe(false);
  });
});
