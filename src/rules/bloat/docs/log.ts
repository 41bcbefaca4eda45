/** `bloat/log`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const log: RuleDocumentation = {
  title: 'Log file',
  docs: {
    what: 'Log files (*.log, rotated logs) and log folders.',
    why: 'Logs grow without bound and may hold secrets or personal data.',
    fix: 'Ignore them (`fix`) and delete them with `clean --include logs --yes`.',
    example: '`app.log`: log file',
  },
};

export default log;
