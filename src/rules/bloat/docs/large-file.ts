/** `bloat/large-file`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const largeFile: RuleDocumentation = {
  title: 'Large file',
  docs: {
    what: 'Any other file at or above the large-file threshold (settings.largeFileBytes).',
    why: 'Large files make every clone, backup and build context slower.',
    fix: 'Decide whether it belongs in the repository; if not, ignore it (`fix`) and move it to external storage.',
    example: '`data/dump.csv`: large file, 120 MB',
  },
};

export default largeFile;
