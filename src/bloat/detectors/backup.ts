import { extensionOf, isPythonPackage, type BloatDetector } from '../detector.js';
import { snapshotFolderRule } from './snapshot-folders.js';

const BACKUP_FILE = /(\.(bak|backup|orig|old)|~)$/i;

/** Backup folders and backup copies (*.bak, *.orig, *~), never Python source named for backups. */
export const backup: BloatDetector = {
  rule: 'bloat/backup',
  clean: 'data',
  summary: 'backup folders (backups/) and backup copies (*.bak, *.orig, *.old, *~)',
  severity: 'warning',
  title: 'Backup copy',
  docs: {
    what: 'Backup folders (backups/) and backup copies of files (*.bak, *.orig, *.old, *~).',
    why: 'Git keeps the history; backup copies drift from the real file and get shipped by mistake.',
    fix: 'Ignore them (`fix`) and delete them with `clean --include data --yes` once nothing needs them.',
    example: '`settings.py.bak`: backup copy of a file',
  },
  heading: 'Backups',
  color: '#9f86c0',
  gitignore: {
    group: 'Archives and old copies',
    filePattern: ({ name, ext, escape }) => (name.endsWith('~') ? '*~' : `*.${escape(ext, false)}`),
  },
  dockerignore: { group: 'Local data' },
  matchDir(dir) {
    if (snapshotFolderRule(dir.name, isPythonPackage(dir), dir.fileCount) !== 'bloat/backup') return undefined;
    return { description: `backup folder, ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'}` };
  },
  matchFile(file) {
    if (file.kind !== 'file' || extensionOf(file.name) === 'py' || !BACKUP_FILE.test(file.name)) return undefined;
    return { description: 'backup copy of a file' };
  },
};
