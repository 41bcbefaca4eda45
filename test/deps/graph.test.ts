/** The exclusive-closure arithmetic: what removing a package frees, on a measured venv. */
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeDependencies } from '../../src/deps/analysis.js';
import { DependencyGraph } from '../../src/deps/graph.js';
import { readInstalledEnvironment } from '../../src/deps/installed.js';
import { removeDir } from '../helpers/repo.js';
import { contextOf, repoContext } from './helpers.js';
import { MB, writeVenv } from './venv.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

/**
 *   app-a (used) ──> shared ──> base
 *   app-b (unused) ─> shared
 *                  ─> only-b ──> only-b-dep
 *                  ─> heavy-extra   (only with app-b[gpu])
 *   lonely (unused, nothing requires it)
 *   win-only: required by app-a on Windows only (not installed here)
 */
function repo() {
  const ctx = repoContext({
    'requirements.txt': 'app-a\napp-b[gpu]\nlonely\n',
    'main.py': 'import app_a\n',
  });
  roots.push(ctx.root);
  writeVenv(ctx.root, 'venv', '3.11.4', [
    { name: 'app-a', requires: ['shared>=1', 'win-only; sys_platform == "win32"'], payload: { 'app_a/lib.so': 10 * MB } },
    { name: 'app-b', requires: ['shared', 'only-b', 'heavy-extra; extra == "gpu"', 'never-installed; extra == "docs"'], payload: { 'app_b/lib.so': 20 * MB } },
    { name: 'shared', requires: ['base'], payload: { 'shared/lib.so': 40 * MB } },
    { name: 'base', payload: { 'base/lib.so': 5 * MB } },
    { name: 'only-b', requires: ['only-b-dep'], payload: { 'only_b/lib.so': 30 * MB } },
    { name: 'only-b-dep', payload: { 'only_b_dep/lib.so': 7 * MB } },
    { name: 'heavy-extra', payload: { 'heavy_extra/lib.so': 300 * MB } },
    { name: 'lonely', payload: { 'lonely/lib.so': 2 * MB } },
  ]);
  return contextOf(ctx.root);
}

describe('exclusive closure', () => {
  const ctx = repo();
  const analysis = analyzeDependencies(ctx);
  const bytes = (n: string) => analysis.env!.dists.get(n)!.bytes;

  it('follows Requires-Dist with extras and markers', () => {
    const graph = analysis.graph;
    expect([...graph.closure([{ name: 'app-b' }])].sort()).toEqual(['app-b', 'base', 'only-b', 'only-b-dep', 'shared']);
    expect([...graph.closure([{ name: 'app-b', extras: ['gpu'] }])].sort()).toEqual(['app-b', 'base', 'heavy-extra', 'only-b', 'only-b-dep', 'shared']);
    expect([...graph.closure([{ name: 'app-a' }])].sort()).toEqual(['app-a', 'base', 'shared']);
    // An opaque package is kept but what it requires is not followed.
    expect([...graph.closure([{ name: 'app-b' }], new Set(['only-b']))].sort()).toEqual(['app-b', 'base', 'only-b', 'shared']);
  });

  it('frees a package plus what only it needs, minus what kept packages still need', () => {
    const b = analysis.verdicts.get('app-b')!;
    expect(b.status).toBe('unused');
    // shared and base stay: app-a (used) needs them. The gpu extra's heavy-extra goes with app-b.
    const expected = ['app-b', 'only-b', 'only-b-dep', 'heavy-extra'].reduce((s, n) => s + bytes(n), 0);
    expect(b.freed).toEqual({ bytes: expected, estimated: false });
    expect(b.withDependencies.bytes).toBe(expected);
    expect(b.exclusiveDependencies).toEqual(['heavy-extra', 'only-b', 'only-b-dep']);
    expect(analysis.verdicts.get('lonely')!.freed.bytes).toBe(bytes('lonely'));
    expect(analysis.verdicts.get('app-a')!.status).toBe('used');
    // Removing app-a alone frees only app-a: the other declarations (app-b) still need shared and base.
    expect(analysis.verdicts.get('app-a')!.freed.bytes).toBe(bytes('app-a'));
  });

  it('sums what removing every unused declaration frees, without counting anything twice', () => {
    expect(analysis.removable.names.sort()).toEqual(['app-b', 'heavy-extra', 'lonely', 'only-b', 'only-b-dep']);
    expect(analysis.removable.bytes).toBe(['app-b', 'heavy-extra', 'lonely', 'only-b', 'only-b-dep'].reduce((s, n) => s + bytes(n), 0));
  });

  it('estimates from the typical table only for what the venv does not hold', () => {
    const env = readInstalledEnvironment(ctx.facts, ctx.facts.dir('venv')!);
    const graph = new DependencyGraph(env);
    expect(graph.size('shared')).toEqual({ bytes: bytes('shared'), estimated: false });
    expect(graph.size('torch')?.estimated).toBe(true);
    expect(graph.size('not-a-known-package')).toBeUndefined();
    expect(graph.total(['shared', 'torch']).estimated).toBe(true);
  });
});
