/**
 * What the command line must know of the rules before any rule is loaded: their ids (to check a
 * configuration) and which of them need git's history listed during the walk. A scan whose report
 * the memo can give (src/cache/report-memo.ts) then never loads a rule. test/rules/catalog.test.ts
 * keeps this in step with the rules' own metadata (src/rules/index.ts).
 */
export const RULE_IDS: readonly string[] = [
  'bloat/venv', 'bloat/node-modules', 'bloat/pycache', 'bloat/tool-cache', 'bloat/build-output', 'bloat/vector-store', 'bloat/database',
  'bloat/archive', 'bloat/backup', 'bloat/uploads', 'bloat/log', 'bloat/model-weights', 'bloat/large-file',
  'git/tracked-bloat', 'git/history-blob',
  'ignore/missing-gitignore', 'ignore/missing-dockerignore', 'ignore/no-dockerignore', 'ignore/suspicious-entry',
  'security/env-file',
  'deps/heavy-unused', 'deps/heavy', 'deps/unused', 'deps/missing',
  'docker/heavy-unused-in-image', 'docker/pip-cache', 'docker/apt-lists', 'docker/apt-recommends', 'docker/copy-before-install', 'docker/single-stage-build-tools',
];

/** Rules with `needs: ['history']`: git lists every object of history while the walk runs. */
export const RULES_READING_HISTORY: readonly string[] = ['git/history-blob'];
