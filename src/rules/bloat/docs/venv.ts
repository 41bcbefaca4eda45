/** `bloat/venv`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const venv: RuleDocumentation = {
  title: 'Virtual environment inside the project',
  docs: {
    what: 'A Python virtual environment (a folder with pyvenv.cfg, or a conda environment with conda-meta/) inside the scanned tree.',
    why: 'An environment is machine-specific and rebuilt from the requirements; inside the project it is copied into every build context, archive and backup, and is often gigabytes (torch alone is several).',
    fix: 'Ignore it (`fix` adds it to .gitignore and .dockerignore) and delete it with `clean --include env --yes` when it is not in use; keep environments outside the project, or recreate them from the requirements.',
    example: '`venv`: Python 3.11.7 virtual environment, 412 packages; largest: torch 3.1 GB',
  },
};

export default venv;
