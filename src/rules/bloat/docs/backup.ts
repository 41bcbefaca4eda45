/** `bloat/backup`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const backup: RuleDocumentation = {
  title: 'Backup copy',
  docs: {
    what: 'Backup folders (backups/) and backup copies of files (*.bak, *.orig, *.old, *~).',
    why: 'Git keeps the history; backup copies drift from the real file and get shipped by mistake.',
    fix: 'Ignore them (`fix`) and delete them with `clean --include data --yes` once nothing needs them.',
    example: '`settings.py.bak`: backup copy of a file',
  },
};

export default backup;
