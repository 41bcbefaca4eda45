import { formatBytes, type BloatDetector } from '../detector.js';
import { isVirtualenvDir, readVirtualenv } from '../virtualenv.js';

/** A virtualenv is a folder with `pyvenv.cfg` or `conda-meta/`, whatever it is called. */
export const venv: BloatDetector = {
  rule: 'bloat/venv',
  clean: 'env',
  summary: 'Python virtual environment (pyvenv.cfg or conda-meta/) inside the project',
  matchDir(dir, { facts }) {
    if (!isVirtualenvDir(dir)) return undefined;
    const env = readVirtualenv(facts, dir);
    const largest = env.distributions.slice(0, 5).map((d) => `${d.key} ${formatBytes(d.bytes)}`);
    const kind = dir.dirs.some((d) => d.name === 'conda-meta') ? 'conda environment' : 'virtual environment';
    const python = env.pythonVersion ? `Python ${env.pythonVersion} ` : 'Python ';
    const count = env.distributions.length;
    return {
      description: `${python}${kind}, ${count} package${count === 1 ? '' : 's'}${largest.length ? `; largest: ${largest.join(', ')}` : ''}`,
      details: {
        pythonVersion: env.pythonVersion,
        packages: env.distributions.map((d) => ({ name: d.key, version: d.version, bytes: d.bytes })),
      },
    };
  },
};
