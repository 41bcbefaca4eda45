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
  matchDir(dir) {
    if (isPythonPackage(dir) || hasSourceBelow(dir)) return undefined;
    if (UPLOAD_FOLDER.test(dir.name) && dir.fileCount > 0) {
      return { description: `user uploads, ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'}: keep in object storage` };
    }
    if (isPerUserData(dir)) return { description: 'per-user data folder' };
    return undefined;
  },
};
