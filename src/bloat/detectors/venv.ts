import { readInstalledEnvironment } from '../../deps/installed.js';
import type { DirNode } from '../../model/tree.js';
import { formatBytes, type BloatDetector, type Detection } from '../detector.js';
import type { RepoFacts } from '../../model/facts.js';
import { virtualenvEvidence, type FolderView } from './venv-layout.js';

/** The walked folder as venv-layout.ts sees folders. */
function folderView(dir: DirNode): FolderView {
  const at = (relative: string): DirNode | undefined => {
    let d: DirNode | undefined = dir;
    for (const part of relative.split('/')) d = d?.dirs.find((c) => c.name === part);
    return d;
  };
  return {
    has(relative) {
      const slash = relative.lastIndexOf('/');
      const parent = slash < 0 ? dir : at(relative.slice(0, slash));
      const name = relative.slice(slash + 1);
      return !!parent && (parent.dirs.some((d) => d.name === name) || parent.files.some((f) => f.name === name && (f.kind === 'file' || f.kind === 'symlink')));
    },
    list(relative) {
      const d = at(relative);
      return d ? [...d.dirs.map((c) => c.name), ...d.files.map((f) => f.name)] : [];
    },
  };
}

export function isVirtualenvDir(dir: DirNode): boolean {
  return virtualenvEvidence(folderView(dir)) !== undefined;
}

/**
 * A virtualenv is a folder with `pyvenv.cfg` or `conda-meta/`, whatever it is called, or one
 * whose layout says so when those are gone (venv-layout.ts). Its distributions are read once per
 * walk by the dependency analysis' reader, which this shares.
 */
export const venv: BloatDetector = {
  rule: 'bloat/venv',
  clean: 'env',
  summary: 'Python virtual environment (pyvenv.cfg or conda-meta/) inside the project',
  severity: 'warning',
  title: 'Virtual environment inside the project',
  docs: {
    what: 'A Python virtual environment (a folder with pyvenv.cfg, or a conda environment with conda-meta/) inside the scanned tree.',
    why: 'An environment is machine-specific and rebuilt from the requirements; inside the project it is copied into every build context, archive and backup, and is often gigabytes (torch alone is several).',
    fix: 'Ignore it (`fix` adds it to .gitignore and .dockerignore) and delete it with `clean --include env --yes` when it is not in use; keep environments outside the project, or recreate them from the requirements.',
    example: '`venv`: Python 3.11.7 virtual environment, 412 packages; largest: torch 3.1 GB',
  },
  heading: 'Virtual environments inside the project',
  color: '#c8414b',
  gitignore: { group: 'Virtual environments' },
  dockerignore: { group: 'Local environments and installed packages' },
  matchDir(dir, { facts }) {
    const evidence = virtualenvEvidence(folderView(dir));
    if (!evidence) return undefined;
    return { describe: () => describeVirtualenv(facts, dir, evidence) };
  },
};

/** A virtualenv's words: its Python and its largest distributions, read from its metadata. */
function describeVirtualenv(facts: RepoFacts, dir: DirNode, evidence: string): Detection {
  const env = readInstalledEnvironment(facts, dir);
  const distributions = [...env.dists.values()].sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  const largest = distributions.slice(0, 5).map((d) => `${d.name} ${formatBytes(d.bytes)}`);
  const kind = dir.dirs.some((d) => d.name === 'conda-meta') ? 'conda environment' : 'virtual environment';
  const python = env.pythonVersion ? `Python ${env.pythonVersion} ` : 'Python ';
  const count = distributions.length;
  return {
    description: `${python}${kind}, ${count} package${count === 1 ? '' : 's'}${largest.length ? `; largest: ${largest.join(', ')}` : ''}${evidence === 'pyvenv.cfg' || evidence === 'conda-meta/' ? '' : ` (no pyvenv.cfg; recognised by ${evidence})`}`,
    details: {
      pythonVersion: env.pythonVersion,
      packages: distributions.map((d) => ({ name: d.name, version: d.version, bytes: d.bytes })),
    },
  };
}
