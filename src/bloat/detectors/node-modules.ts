import type { BloatDetector } from '../detector.js';

/** node_modules holding installed packages (package.json one or two levels down, or .bin). */
export const nodeModules: BloatDetector = {
  rule: 'bloat/node-modules',
  clean: 'env',
  summary: 'installed npm packages (node_modules)',
  severity: 'warning',
  title: 'Installed node_modules',
  docs: {
    what: 'A node_modules folder of installed npm packages.',
    why: '`npm ci` rebuilds it from the lockfile; kept in the tree it bloats build contexts and backups.',
    fix: 'Ignore it (`fix`) and delete it with `clean --include env --yes`.',
    example: '`static/node_modules`: installed npm packages',
  },
  heading: 'Installed node_modules',
  color: '#e0695a',
  gitignore: { group: 'Installed packages' },
  dockerignore: { group: 'Local environments and installed packages', dirsByName: true },
  matchDir(dir) {
    if (dir.name !== 'node_modules') return undefined;
    const installed = dir.dirs.some(
      (d) => d.name === '.bin' || d.files.some((f) => f.name === 'package.json') || (d.name.startsWith('@') && d.dirs.some((s) => s.files.some((f) => f.name === 'package.json'))),
    );
    return installed || dir.fileCount === 0 ? { description: 'installed npm packages, rebuilt by `npm ci`' } : undefined;
  },
};
