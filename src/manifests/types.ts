/** Dependency declarations, whatever file format declares them. */

export type ManifestKind = 'requirements' | 'pyproject' | 'setup.cfg' | 'setup.py' | 'pipfile' | 'conda';

export interface DeclaredDependency {
  /** Normalized as pip does (lower case, runs of `-_.` as `-`). */
  name: string;
  /** As written in the manifest. */
  rawName: string;
  extras: string[];
  /** Version specifier as written ('' when unpinned). */
  specifier: string;
  marker?: string;
  /** Direct reference: a URL, VCS URL or local path. */
  url?: string;
  /** The file that declares it, relative to the root. */
  manifest: string;
  /** 1-based line of the declaration. */
  line: number;
  /**
   * Which part of the manifest: `main`, `extra:<name>` (optional-dependencies), `group:<name>`
   * (dependency groups, Poetry groups, Pipfile dev-packages as `group:dev`), `build`.
   */
  group: string;
  editable?: boolean;
}

export interface ManifestProblem {
  line: number;
  message: string;
}

export interface Manifest {
  path: string;
  kind: ManifestKind;
  dependencies: DeclaredDependency[];
  /** Requirement files this one pulls in with `-r` (resolved, relative to the root). */
  includes: string[];
  /** Constraint files named with `-c` (they pin, they do not declare). */
  constraints: string[];
  /** The project's own distribution name, if the manifest names one (normalized). */
  projectName?: string;
  /** Lines that could not be understood: reported as warnings, never guessed at. */
  problems: ManifestProblem[];
  /** Whether this file is itself only a constraints file (named by `-c`). */
  constraintsOnly?: boolean;
}

/** Whether a group is development-only (tests, linters, docs). */
export function isDevGroup(group: string): boolean {
  const name = group.replace(/^(group|extra):/, '');
  return group !== 'main' && /^(dev|develop|development|test|tests|testing|lint|linting|docs?|typing|types|style|check|qa|ci)$/.test(name);
}
