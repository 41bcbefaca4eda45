/** The light rule catalog the command line reads before loading rules says what the rules themselves say. */
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES_READING_HISTORY } from '../../src/rules/catalog.js';
import { RULES } from '../../src/rules/index.js';

describe('rule catalog', () => {
  it('lists every rule id in report order (add a new rule to src/rules/catalog.ts too)', () => {
    expect(RULE_IDS).toEqual(RULES.map((r) => r.meta.id));
  });

  it('names exactly the rules that need the history', () => {
    expect(RULES_READING_HISTORY).toEqual(RULES.filter((r) => r.meta.needs?.includes('history')).map((r) => r.meta.id));
  });
});
