import { formatBytes, type BloatDetector } from '../detector.js';

/** Any other file at or above the large-file threshold. Asked last, so it only gets what no one named. */
export const largeFile: BloatDetector = {
  rule: 'bloat/large-file',
  clean: 'data',
  summary: 'any other file at or above the large-file threshold',
  matchFile(file, _path, _dir, { settings }) {
    if (file.kind !== 'file' || file.size < settings.largeFileBytes) return undefined;
    return { description: `large file, ${formatBytes(file.size)}` };
  },
};
