import { formatBytes, type BloatDetector } from '../detector.js';

/** Any other file at or above the large-file threshold. Asked last, so it only gets what no one named. */
export const largeFile: BloatDetector = {
  rule: 'bloat/large-file',
  clean: 'data',
  summary: 'any other file at or above the large-file threshold',
  severity: 'warning',
  title: 'Large file',
  docs: {
    what: 'Any other file at or above the large-file threshold (settings.largeFileBytes).',
    why: 'Large files make every clone, backup and build context slower.',
    fix: 'Decide whether it belongs in the repository; if not, ignore it (`fix`) and move it to external storage.',
    example: '`data/dump.csv`: large file, 120 MB',
  },
  heading: 'Large files',
  color: '#1f7a8c',
  gitignore: 'not-ignored',
  dockerignore: 'not-excluded',
  matchFile(file, _path, _dir, { settings }) {
    if (file.kind !== 'file' || file.size < settings.largeFileBytes) return undefined;
    return { description: `large file, ${formatBytes(file.size)}` };
  },
};
