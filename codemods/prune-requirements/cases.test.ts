/**
 * The prune-requirements cases (cases/<case>/): each turns its input/ into exactly expected/ with
 * exactly the review items in review.txt; the diff applies with `git apply --check`; a second run
 * changes nothing. They hold packages a program needs at run time without importing them (a
 * FastAPI form, a transformers device map, a LangChain loader, a server started by `bash -lc`),
 * a Latin-1 source that imports its packages, and a package that alone brings an import: each
 * stays, while the package nothing needs goes.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { listCases, runCase } from '../../src/engine/cases.js';
import { expectCaseOutcome } from '../../test/helpers/codemod-cases.js';
import { pruneRequirements } from './index.js';

const cases = listCases(join(fileURLToPath(new URL('.', import.meta.url)), 'cases'));

test('there are cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(6);
});

describe.each(cases)('$name', (c) => {
  test('input/ becomes expected/ with the expected review items, idempotently', async () => {
    const outcome = await runCase(pruneRequirements, c);
    try {
      expectCaseOutcome(outcome);
    } finally {
      outcome.cleanup();
    }
  });
});
