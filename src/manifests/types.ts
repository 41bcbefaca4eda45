/** Dependency declarations, whatever file format declares them. */

export type ManifestKind = 'requirements' | 'pyproject' | 'setup.cfg' | 'setup.py' | 'pipfile' | 'conda';

/** Offsets into a file's text: `start` inclusive, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * One requirement, whatever declares it: a PEP 508 string, a Poetry or Pipfile entry, a conda
 * package, a `pip install` word. What every reader compares is always there; where it is declared
 * and the offsets an editor needs are there when the reader knows them.
 */
export interface Requirement {
  /** Normalized as pip does (lower case, runs of `-_.` as `-`). */
  name: string;
  /** As written. */
  rawName: string;
  /** Normalized. */
  extras: string[];
  /** Version specifier without spaces or enclosing parentheses (`>=1,<2`), '' when unpinned. */
  specifier: string;
  /** The environment marker after `;`. */
  marker?: string;
  /** Direct reference: a URL, VCS URL or local path. */
  url?: string;
  editable?: boolean;
  /** The file that declares it, relative to the root. */
  manifest?: string;
  /** 1-based line of the declaration. */
  line?: number;
  /**
   * Which part of the manifest: `main`, `extra:<name>` (optional-dependencies), `group:<name>`
   * (dependency groups, Poetry groups, Pipfile dev-packages as `group:dev`), `build`.
   */
  group?: string;
  /** The whole entry in the manifest's text (a requirement line with its continuations and comment): what a removal takes. */
  entry?: Span;
  /** The requirement text itself (`name[extras] spec ; marker`, no trailing space), and each of its parts. */
  span?: Span;
  nameSpan?: Span;
  extrasSpan?: Span;
  specifierSpan?: Span;
  urlSpan?: Span;
  markerSpan?: Span;
}

/** A requirement as a manifest declares it: where is always known. */
export type DeclaredDependency = Requirement & { manifest: string; line: number; group: string };

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
