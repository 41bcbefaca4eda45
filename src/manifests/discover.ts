/**
 * Every dependency manifest of the project, found in the one walk: requirement files (and the
 * files they include), pyproject.toml, setup.cfg, setup.py, Pipfile and conda environment files.
 * Manifests inside bloat (virtualenvs, node_modules, archives, backups) are not the project's.
 */
import { filesOutsideBloatFolders, type BloatIndex } from '../model/bloat.js';
import { joinPath } from '../model/tree.js';
import type { RepoFacts } from '../model/facts.js';
import { parseCondaEnvironment } from './conda.js';
import { isConstraintsFile, manifestKind } from './kinds.js';
import { parsePipfile } from './pipfile.js';
import { parsePyproject } from './pyproject.js';
import { parseRequirementsFile } from './requirements-file.js';
import { parseSetupCfg } from './setup-cfg.js';
import { parseSetupPy } from './setup-py.js';
import type { Manifest, ManifestKind } from './types.js';

// What a manifest is by name is said once, in kinds.ts (re-exported for existing callers).
export { manifestKind } from './kinds.js';

const PARSERS: Record<ManifestKind, (path: string, text: string) => Manifest> = {
  requirements: parseRequirementsFile,
  pyproject: parsePyproject,
  'setup.cfg': parseSetupCfg,
  'setup.py': parseSetupPy,
  pipfile: parsePipfile,
  conda: parseCondaEnvironment,
};

export function readManifest(facts: RepoFacts, path: string, kind: ManifestKind): Manifest | undefined {
  const text = facts.readText(path);
  if (text === undefined) return undefined;
  const manifest = PARSERS[kind](path, text);
  for (const problem of manifest.problems) facts.warnings.push({ path: `${path}:${problem.line}`, message: problem.message });
  return manifest;
}

const cache = new WeakMap<RepoFacts, Manifest[]>();

/** All manifests, in path order; included (-r) files are read even when their name says nothing. */
export function collectManifests(facts: RepoFacts, bloat: BloatIndex): Manifest[] {
  const cached = cache.get(facts);
  if (cached) return cached;
  const byPath = new Map<string, Manifest>();
  const queue: Array<{ path: string; kind: ManifestKind; constraintsOnly?: boolean }> = [];
  for (const { dir, file } of filesOutsideBloatFolders(facts.tree, bloat)) {
    if (file.kind !== 'file') continue;
    const path = joinPath(dir.path, file.name);
    const kind = manifestKind(path);
    if (!kind || bloat.containing(path)) continue;
    queue.push({ path, kind, constraintsOnly: kind === 'requirements' && isConstraintsFile(path) });
  }
  while (queue.length > 0) {
    const { path, kind, constraintsOnly } = queue.shift()!;
    if (byPath.has(path)) continue;
    const manifest = readManifest(facts, path, kind);
    if (!manifest) continue;
    if (constraintsOnly) manifest.constraintsOnly = true;
    byPath.set(path, manifest);
    for (const include of manifest.includes) if (facts.file(include)) queue.push({ path: include, kind: 'requirements' });
    for (const constraint of manifest.constraints) if (facts.file(constraint)) queue.push({ path: constraint, kind: 'requirements', constraintsOnly: true });
  }
  // A file named by -c elsewhere only pins versions, whatever its name.
  for (const manifest of byPath.values()) {
    for (const constraint of manifest.constraints) {
      const target = byPath.get(constraint);
      if (target) target.constraintsOnly = true;
    }
  }
  const manifests = [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  cache.set(facts, manifests);
  return manifests;
}

/** The dependencies that count as declarations (constraint files pin, they do not declare). */
export function declaredDependencies(manifests: Manifest[]) {
  return manifests.filter((m) => !m.constraintsOnly).flatMap((m) => m.dependencies);
}
