/**
 * prune-requirements judges with the configuration the command was given: a folder the
 * configuration calls source (`paths.source`) counts as code, so what it imports stays declared.
 * It used to rebuild the scan with default settings and no configured paths, so the same
 * folder's imports were ignored and the requirement was removed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.js';
import { runCodemods } from '../../src/engine/runner.js';
import { runCli } from '../../test/helpers/cli.js';
import { makeRepo, removeDir } from '../../test/helpers/repo.js';
import { pruneRequirements } from './index.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

/** `archive/` looks like a retired copy of the app (bloat/archive) unless the configuration says it is source. */
function repoWithArchivedLoader(config: boolean): string {
  const root = makeRepo({
    'requirements.txt': 'requests==2.32.3\npyyaml==6.0.2\n',
    'app.py': 'import requests\n\nrequests.get("https://example.org")\n',
    'archive/loader.py': 'import yaml\n\nprint(yaml.safe_load("a: 1"))\n',
    ...(config ? { 'repolish.config.json': '{ "paths": { "source": ["archive"] } }\n' } : {}),
  }, ['requirements.txt', 'app.py', 'archive/loader.py']);
  roots.push(root);
  return root;
}

describe('prune-requirements and the configuration', () => {
  it('without a configuration, the imports of archive/ do not count: pyyaml is removed', async () => {
    const root = repoWithArchivedLoader(false);
    const options = resolveOptions([pruneRequirements], []).get(pruneRequirements.name)!;
    const result = await runCodemods({ root, codemods: [{ codemod: pruneRequirements, options }] });
    expect(result.changes.map((c) => [c.path, c.after])).toEqual([['requirements.txt', 'requests==2.32.3\n']]);
  });

  it('the engine hands the codemod the configured paths: archive/ is source, pyyaml stays', async () => {
    const root = repoWithArchivedLoader(false);
    const options = resolveOptions([pruneRequirements], []).get(pruneRequirements.name)!;
    const result = await runCodemods({ root, codemods: [{ codemod: pruneRequirements, options }], scan: { paths: { data: [], source: ['archive'] } } });
    expect(result.changes).toEqual([]);
  });

  it('`codemod run` reads the project\'s configuration file and passes it through', () => {
    const root = repoWithArchivedLoader(true);
    const run = runCli(['codemod', 'run', 'prune-requirements', root, '--write']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(root, 'requirements.txt'), 'utf8')).toBe('requests==2.32.3\npyyaml==6.0.2\n');
    // The same repository without the configuration file loses pyyaml, as scan reports it unused.
    const plain = repoWithArchivedLoader(false);
    expect(runCli(['codemod', 'run', 'prune-requirements', plain, '--write']).code).toBe(0);
    expect(readFileSync(join(plain, 'requirements.txt'), 'utf8')).toBe('requests==2.32.3\n');
  });
});
