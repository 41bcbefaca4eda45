import { hasSourceBelow, isPythonPackage, type BloatDetector } from '../detector.js';
import type { DirNode } from '../../model/tree.js';

const UPLOAD_FOLDER = /^(uploads?|user_uploads|user_files|media)$/i;
const PER_USER_FOLDER = /^user[_-]?\w+$/i;

/** Folders of per-user content: `uploads/`, or sibling `user_*` folders of data files. */
function isPerUserData(dir: DirNode): boolean {
  if (!PER_USER_FOLDER.test(dir.name) || !dir.parent) return false;
  return dir.parent.dirs.filter((d) => PER_USER_FOLDER.test(d.name)).length >= 2;
}

/** User uploads and per-user data: user data that belongs in object storage, not in the repository. */
export const uploads: BloatDetector = {
  rule: 'bloat/uploads',
  clean: 'data',
  summary: 'user uploads and per-user data folders (uploads/, user_*/) without source code',
  severity: 'warning',
  title: 'User uploads',
  docs: {
    what: 'Folders of user uploads and per-user data (uploads/, user_*/) that hold no source code.',
    why: 'Uploaded files are user data: private, growing, and unrelated to the code.',
    fix: 'Ignore them (`fix`); keep them in external storage or a volume.',
    example: '`uploads`: user uploads, 23 files',
  },
  heading: 'User uploads and data',
  color: '#a77fd9',
  gitignore: {
    group: 'User data',
    // Per-user folders (user_1/, user_2/) become one pattern next to their parent.
    dirPattern: ({ path, name, byName, escape }) => {
      if (!PER_USER_FOLDER.test(name) || name === 'uploads') return byName;
      const parent = path.slice(0, path.lastIndexOf('/'));
      const prefix = name.match(/^user[_-]?/i)![0];
      return parent ? `/${escape(parent, false)}/${prefix}*/` : `/${prefix}*/`;
    },
  },
  dockerignore: { group: 'Local data' },
  matchDir(dir) {
    if (isPythonPackage(dir) || hasSourceBelow(dir)) return undefined;
    if (UPLOAD_FOLDER.test(dir.name) && dir.fileCount > 0) {
      return { description: `user uploads, ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'}: keep in object storage` };
    }
    if (isPerUserData(dir)) return { description: 'per-user data folder' };
    return undefined;
  },
};
