import type { BloatDetector } from '../detector.js';

/** node_modules holding installed packages (package.json one or two levels down, or .bin). */
export const nodeModules: BloatDetector = {
  rule: 'bloat/node-modules',
  clean: 'env',
  summary: 'installed npm packages (node_modules)',
  matchDir(dir) {
    if (dir.name !== 'node_modules') return undefined;
    const installed = dir.dirs.some(
      (d) => d.name === '.bin' || d.files.some((f) => f.name === 'package.json') || (d.name.startsWith('@') && d.dirs.some((s) => s.files.some((f) => f.name === 'package.json'))),
    );
    return installed || dir.fileCount === 0 ? { description: 'installed npm packages, rebuilt by `npm ci`' } : undefined;
  },
};
