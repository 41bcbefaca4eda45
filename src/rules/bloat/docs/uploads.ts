/** `bloat/uploads`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const uploads: RuleDocumentation = {
  title: 'User uploads',
  docs: {
    what: 'Folders of user uploads and per-user data (uploads/, user_*/) that hold no source code.',
    why: 'Uploaded files are user data: private, growing, and unrelated to the code.',
    fix: 'Ignore them (`fix`); keep them in external storage or a volume.',
    example: '`uploads`: user uploads, 23 files',
  },
};

export default uploads;
