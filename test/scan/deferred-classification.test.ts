/**
 * The classification may leave a virtualenv's words (its distributions, read from thousands of
 * files) for later: `scanAsync` reads them while the import analysis runs on worker threads.
 * Whenever they are read, the context must be the one an immediate reading gives: the same
 * descriptions, and the reads' warnings in the same place among the others.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextOf } from '../../src/bloat/scan-context.js';
import { collectFacts } from '../../src/model/facts.js';
import { scan, scanAsync } from '../../src/scan.js';
import { makeRepo, removeDir } from '../helpers/repo.js';
import { writeVenv } from '../deps/venv.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const SITE = 'venv/lib/python3.11/site-packages';

/** Two virtualenvs, each with a metadata file that cannot be read as text (a warning each, when read). */
function project(): string {
  const root = makeRepo({ 'requirements.txt': 'requests\n', 'app/main.py': 'import requests\n' });
  made.push(root);
  for (const dir of ['venv', 'tools/venv']) {
    writeVenv(root, dir, '3.11.7', [{ name: 'requests' }, { name: 'broken' }]);
    writeFileSync(join(root, dir.replace('venv', SITE), 'broken-1.0.0.dist-info', 'METADATA'), Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
  }
  return root;
}

// A configured data path that does not exist: its warning comes after the classification's.
const config = { paths: { data: ['no/such/folder'], source: [] } };

const messages = (warnings: Array<{ path: string; message: string }>) => warnings.map((w) => `${w.path}: ${w.message}`);

describe('a classification settled later', () => {
  it('gives the descriptions and the warnings, in their order, of one settled at once', () => {
    const root = project();
    const now = contextOf(collectFacts(root), config);
    const later = contextOf(collectFacts(root), config, undefined, true);
    // Nothing of the virtualenvs has been read yet: only the configuration's warning is there.
    expect(messages(later.facts.warnings).filter((m) => m.includes('METADATA'))).toEqual([]);
    later.facts.warnings.push({ path: 'after', message: 'a warning made after the classification' });
    later.bloat.settle();
    later.bloat.settle();
    const expected = [...messages(now.facts.warnings), 'after: a warning made after the classification'];
    expect(messages(later.facts.warnings)).toEqual(expected);
    expect(expected.filter((m) => m.includes('METADATA'))).toHaveLength(2);
    expect(expected.indexOf('no/such/folder: paths.data: no such file or folder in the scanned tree')).toBe(expected.length - 2);
    const words = (items: typeof now.bloat.items) => items.map((i) => [i.path, i.description, JSON.stringify(i.details)]);
    expect(words(later.bloat.items)).toEqual(words(now.bloat.items));
    expect(now.bloat.virtualenvs().map((i) => i.description)).toEqual([
      expect.stringMatching(/^Python 3\.11\.7 virtual environment, 2 packages/),
      expect.stringMatching(/^Python 3\.11\.7 virtual environment, 2 packages/),
    ]);
  });

  it('settles when a description is read first, with the warnings in the same place', () => {
    const root = project();
    const now = contextOf(collectFacts(root), config);
    const later = contextOf(collectFacts(root), config, undefined, true);
    const venv = later.bloat.virtualenvs().find((i) => i.path === 'venv')!;
    expect(venv.description).toBe(now.bloat.virtualenvs().find((i) => i.path === 'venv')!.description);
    expect(messages(later.facts.warnings)).toEqual(messages(now.facts.warnings));
  });

  it('leaves the scan report as the synchronous scan makes it', async () => {
    const root = project();
    const sync = scan(root, config);
    const async = await scanAsync(root, config);
    expect(messages(async.warnings)).toEqual(messages(sync.warnings));
    expect(async.findings).toEqual(sync.findings);
  });
});
