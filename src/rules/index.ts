/** The rule registry: every rule, in report order. Adding a rule is adding a line here. */
import { bloatRules } from './bloat/index.js';
import { depsRules } from './deps/index.js';
import { dockerRules } from './docker/index.js';
import historyBlob from './git/history-blob.js';
import trackedBloat from './git/tracked-bloat.js';
import missingDockerignore from './ignore/missing-dockerignore.js';
import missingGitignore from './ignore/missing-gitignore.js';
import noDockerignore from './ignore/no-dockerignore.js';
import suspiciousEntry from './ignore/suspicious-entry.js';
import envFile from './security/env-file.js';
import type { Rule, RuleMeta } from './types.js';

export const RULES: Rule[] = [
  ...bloatRules,
  trackedBloat,
  historyBlob,
  missingGitignore,
  missingDockerignore,
  noDockerignore,
  suspiciousEntry,
  envFile,
  ...depsRules,
  ...dockerRules,
];

const META_BY_ID = new Map(RULES.map((r) => [r.meta.id, r.meta]));

/** A rule's metadata by its id; undefined for an id this version does not know (a report from another version). */
export function ruleMeta(id: string): RuleMeta | undefined {
  return META_BY_ID.get(id);
}
