/**
 * The prune-requirements cases (cases/<case>/): each turns its input/ into exactly expected/ with
 * exactly the review items in review.txt; the diff applies with `git apply --check`; a second run
 * changes nothing.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { listCases, runCase } from '../../src/engine/cases.js';
import { expectCaseOutcome } from '../../test/helpers/codemod-cases.js';
import { pruneRequirements } from './index.js';

const cases = listCases(join(fileURLToPath(new URL('.', import.meta.url)), 'cases'));

test('there are cases', () => {
  expect(cases.length).toBeGreaterThan(0);
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
