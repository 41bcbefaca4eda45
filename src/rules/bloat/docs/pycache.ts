/** `bloat/pycache`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const pycache: RuleDocumentation = {
  title: 'Python bytecode cache',
  docs: {
    what: '`__pycache__/` folders and `*.pyc` files that Python writes next to the sources.',
    why: 'Bytecode is regenerated on import; committed or copied into images it only adds noise and stale files.',
    fix: 'Ignore it (`fix`) and delete it with `clean --yes` (caches are the default category).',
    example: '`services/__pycache__`: Python bytecode cache, 12 files',
  },
};

export default pycache;
