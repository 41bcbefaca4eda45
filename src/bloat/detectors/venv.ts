import { readInstalledEnvironment } from '../../deps/installed.js';
import type { DirNode } from '../../model/tree.js';
import { formatBytes, type BloatDetector } from '../detector.js';

export function isVirtualenvDir(dir: DirNode): boolean {
  return dir.files.some((f) => f.name === 'pyvenv.cfg' && f.kind === 'file') || dir.dirs.some((d) => d.name === 'conda-meta');
}

/**
 * A virtualenv is a folder with `pyvenv.cfg` or `conda-meta/`, whatever it is called. Its
 * distributions are read once per walk by the dependency analysis' reader, which this shares.
 */
export const venv: BloatDetector = {
  rule: 'bloat/venv',
  clean: 'env',
  summary: 'Python virtual environment (pyvenv.cfg or conda-meta/) inside the project',
  matchDir(dir, { facts }) {
    if (!isVirtualenvDir(dir)) return undefined;
    const env = readInstalledEnvironment(facts, dir);
    const distributions = [...env.dists.values()].sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
    const largest = distributions.slice(0, 5).map((d) => `${d.name} ${formatBytes(d.bytes)}`);
    const kind = dir.dirs.some((d) => d.name === 'conda-meta') ? 'conda environment' : 'virtual environment';
    const python = env.pythonVersion ? `Python ${env.pythonVersion} ` : 'Python ';
    const count = distributions.length;
    return {
      description: `${python}${kind}, ${count} package${count === 1 ? '' : 's'}${largest.length ? `; largest: ${largest.join(', ')}` : ''}`,
      details: {
        pythonVersion: env.pythonVersion,
        packages: distributions.map((d) => ({ name: d.name, version: d.version, bytes: d.bytes })),
      },
    };
  },
};
