/** `bloat/archive`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const archive: RuleDocumentation = {
  title: 'Archive or archive folder',
  docs: {
    what: 'Archive folders (archive/, old/) and archive files (zip, tar.*, 7z, rar) checked by magic bytes.',
    why: 'Old copies kept "just in case" are what version control is for; they are often the largest files in a tree.',
    fix: 'Ignore them (`fix`); move them to external storage or delete them with `clean --include data --yes`.',
    example: '`site.zip`: zip archive',
  },
};

export default archive;
