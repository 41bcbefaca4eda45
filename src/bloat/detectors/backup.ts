import { extensionOf, isPythonPackage, type BloatDetector } from '../detector.js';
import { snapshotFolderRule } from './snapshot-folders.js';

const BACKUP_FILE = /(\.(bak|backup|orig|old)|~)$/i;

/** Backup folders and backup copies (*.bak, *.orig, *~), never Python source named for backups. */
export const backup: BloatDetector = {
  rule: 'bloat/backup',
  clean: 'data',
  summary: 'backup folders (backups/) and backup copies (*.bak, *.orig, *.old, *~)',
  matchDir(dir) {
    if (snapshotFolderRule(dir.name, isPythonPackage(dir), dir.fileCount) !== 'bloat/backup') return undefined;
    return { description: `backup folder, ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'}` };
  },
  matchFile(file) {
    if (file.kind !== 'file' || extensionOf(file.name) === 'py' || !BACKUP_FILE.test(file.name)) return undefined;
    return { description: 'backup copy of a file' };
  },
};
