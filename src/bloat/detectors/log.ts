import { extensionOf, hasSourceBelow, isPythonPackage, type BloatDetector } from '../detector.js';

const LOG_FILE = /\.log(\.\d+)?$|\.log\.(gz|bz2|xz)$/i;
const LOG_FOLDER = /^(logs?|log_files)$/i;
const LOG_LIKE_EXTENSIONS = new Set(['log', 'out', 'err', 'txt', 'jsonl', 'json', 'gz', 'csv']);

/** Log files (*.log, rotated *.log.1), and log folders that hold nothing but log-like files. */
export const log: BloatDetector = {
  rule: 'bloat/log',
  clean: 'logs',
  summary: 'log files (*.log, rotated logs) and log folders',
  severity: 'info',
  title: 'Log file',
  docs: {
    what: 'Log files (*.log, rotated logs) and log folders.',
    why: 'Logs grow without bound and may hold secrets or personal data.',
    fix: 'Ignore them (`fix`) and delete them with `clean --include logs --yes`.',
    example: '`app.log`: log file',
  },
  heading: 'Logs',
  color: '#7fa650',
  gitignore: { group: 'Logs', filePattern: ({ name }) => (/\.log\.\w+$/.test(name) ? '*.log.*' : '*.log') },
  dockerignore: { group: 'Logs', files: 'by-extension' },
  matchDir(dir) {
    if (!LOG_FOLDER.test(dir.name) || isPythonPackage(dir) || dir.fileCount === 0 || hasSourceBelow(dir)) return undefined;
    const files = dir.files.filter((f) => f.kind === 'file');
    if (!files.every((f) => LOG_FILE.test(f.name) || LOG_LIKE_EXTENSIONS.has(extensionOf(f.name)))) return undefined;
    return { description: `log folder, ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'}` };
  },
  matchFile(file) {
    return file.kind === 'file' && LOG_FILE.test(file.name) ? { description: 'log file' } : undefined;
  },
};
