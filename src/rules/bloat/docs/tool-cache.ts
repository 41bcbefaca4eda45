/** `bloat/tool-cache`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const toolCache: RuleDocumentation = {
  title: 'Tool cache',
  docs: {
    what: 'Caches of test runners, linters and notebooks (.pytest_cache, .mypy_cache, .ruff_cache, .tox, .nox, .ipynb_checkpoints, .cache, folders with CACHEDIR.TAG).',
    why: 'The tools rebuild them; they do not belong in commits or images.',
    fix: 'Ignore them (`fix`) and delete them with `clean --yes`.',
    example: '`.pytest_cache`: pytest cache',
  },
};

export default toolCache;
