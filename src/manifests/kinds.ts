/**
 * What kind of project file a path is, by its name: the one vocabulary that discovery, build
 * contexts, the container rules and every codemod use, so none of them skips a file another sees.
 *
 * - requirements: `*.txt` / `*.in` whose name says requirements (`requirements.txt`,
 *   `dev-requirements.in`, `requirements_test.txt`) or that lie in a `requirements/` folder,
 *   and constraint files (`constraints*.txt`); UTF-16 ones (PowerShell's `pip freeze >`) too,
 *   which readers decode (model/text-encoding.ts);
 * - pyproject (`pyproject.toml`), pipfile (`Pipfile`), setup.cfg, setup.py, conda
 *   (`environment*.yml`, `conda*.yml`);
 * - container: `Dockerfile`, `Containerfile`, `Podmanfile`, alone or with a suffix
 *   (`Dockerfile.gpu`, `Containerfile-api`) or a prefix (`api.Dockerfile`, `ui.Containerfile`),
 *   in any case; not documents or templates about them (`Dockerfile.md`, `Dockerfile.j2`);
 * - compose: `docker-compose*.yml`, `compose*.yaml`, `podman-compose.yml`...;
 * - ignore: `.gitignore`, `.dockerignore`, `.containerignore`, and BuildKit's per-file
 *   `Dockerfile.dockerignore`.
 *
 * Which of those kinds codemods edit (`isEditableManifest`), which files make a folder an
 * installable project, and which folders hold requirement files rather than code are said here too.
 *
 * Nothing here reads a file or imports the rest of the project.
 */
import type { ManifestKind } from './types.js';

export type ProjectFileKind = ManifestKind | 'container' | 'compose' | 'ignore';

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const CONTAINER_BASE = '(dockerfile|containerfile|podmanfile)';
const CONTAINER_NAME = new RegExp(`^${CONTAINER_BASE}([._-][\\w.-]+)?$|^[\\w.-]+\\.${CONTAINER_BASE}$`, 'i');
/** Suffixes that make a container file's name a document, template, script or copy about it. */
const NOT_A_CONTAINER_FILE = /\.(dockerignore|containerignore|md|markdown|txt|rst|adoc|html?|j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|in|orig|bak|old|swp|rej|patch|diff|py|sh|bash|ps1|json|ya?ml|toml|lock|log)$/i;
const COMPOSE_NAME = /^(docker-compose|podman-compose|container-compose|compose)([.-][\w-]+)?\.ya?ml$/i;
const IGNORE_NAME = /^\.(gitignore|dockerignore|containerignore)$|^[\w.-]+\.(dockerignore|containerignore)$/i;

/** A Dockerfile, Containerfile or Podmanfile, by name (any case, with a suffix or prefix). */
export function isContainerFile(path: string): boolean {
  const name = nameOf(path);
  return CONTAINER_NAME.test(name) && !NOT_A_CONTAINER_FILE.test(name);
}

export function isComposeFile(path: string): boolean {
  return COMPOSE_NAME.test(nameOf(path));
}

export function isIgnoreFile(path: string): boolean {
  return IGNORE_NAME.test(nameOf(path));
}

/**
 * What every manifest name ends with, in any case (none of these letters is the lower case of
 * another character): asked first, so that the names of a whole tree are passed over with one
 * test each instead of being lower-cased and matched kind by kind.
 */
const MANIFEST_ENDING = /(?:\.(?:toml|cfg|py|ya?ml|txt|in)|^Pipfile)$/i;
const REQUIREMENTS_ENDING = /\.(?:txt|in)$/i;

/** A pip requirements (or constraints) file, by name or by its `requirements/` folder. */
export function isRequirementsFile(path: string): boolean {
  if (!REQUIREMENTS_ENDING.test(path)) return false;
  const name = nameOf(path).toLowerCase();
  return name.includes('requirements') || /^constraints/.test(name) || /(^|\/)requirements\/[^/]+$/i.test(path);
}

/** A constraints file: it pins versions, it does not declare dependencies. */
export function isConstraintsFile(path: string): boolean {
  return /^constraints[^/]*\.(txt|in)$/i.test(nameOf(path));
}

/** The manifest kind a file name says, if any. */
export function manifestKind(path: string): ManifestKind | undefined {
  const name = nameOf(path);
  if (!MANIFEST_ENDING.test(name)) return undefined;
  const lower = name.toLowerCase();
  if (lower === 'pyproject.toml') return 'pyproject';
  if (lower === 'setup.cfg') return 'setup.cfg';
  if (lower === 'setup.py') return 'setup.py';
  if (name === 'Pipfile') return 'pipfile';
  if (/^(environment|conda)[\w.-]*\.ya?ml$/i.test(name)) return 'conda';
  if (isRequirementsFile(path)) return 'requirements';
  return undefined;
}

/** Every kind this vocabulary knows for a path, if any. */
export function projectFileKind(path: string): ProjectFileKind | undefined {
  return manifestKind(path) ?? (isContainerFile(path) ? 'container' : isComposeFile(path) ? 'compose' : isIgnoreFile(path) ? 'ignore' : undefined);
}

/** A dependency manifest or a container file: what codemods that edit dependencies read. */
export function isManifestOrContainerFile(path: string): boolean {
  return manifestKind(path) !== undefined || isContainerFile(path);
}

/**
 * Manifest kinds whose dependency lists src/manifests edits byte for byte (requirements-edit.ts,
 * pyproject-edit.ts). Codemods edit these and report the others (setup.py, setup.cfg, Pipfile, conda).
 */
export const EDITABLE_MANIFEST_KINDS: ReadonlySet<ManifestKind> = new Set<ManifestKind>(['requirements', 'pyproject']);

/** A requirements file or pyproject.toml: a manifest whose dependency lines codemods edit. */
export function isEditableManifest(path: string): boolean {
  const kind = manifestKind(path);
  return kind !== undefined && EDITABLE_MANIFEST_KINDS.has(kind);
}

/** A manifest that codemods only report (setup.py, setup.cfg, Pipfile, conda environment). */
export function isReportedOnlyManifest(path: string): boolean {
  const kind = manifestKind(path);
  return kind !== undefined && !EDITABLE_MANIFEST_KINDS.has(kind);
}

/** The files pip reads to install a project folder (`pip install ./app`), by name in that folder. */
export const PROJECT_MANIFEST_NAMES: readonly string[] = ['pyproject.toml', 'setup.cfg', 'setup.py', 'Pipfile'];

/** Folders that hold a project's requirement files rather than its code. */
const MANIFEST_FOLDER = /^(requirements?|reqs|deps|dependencies|envs?|conda|docker|\.devcontainer|ci|build|config)$/i;

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The folder whose code a manifest serves: its own, or the parent of a `requirements/`-style folder. */
export function servedFolder(manifest: string): string {
  const dir = dirOf(manifest);
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  return dir !== '' && MANIFEST_FOLDER.test(last) ? dirOf(dir) : dir;
}
