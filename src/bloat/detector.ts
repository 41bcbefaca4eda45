/**
 * A bloat kind is one module, knip-plugin style, that describes itself completely: its detector
 * looks at a folder or a file of the walk and says whether it is bloat of its kind, judging by
 * content and structure, never by a name alone; its metadata says how the rule reports it, how the
 * reports title and colour it, and how .gitignore and .dockerignore exclude it. The classifier asks
 * the kinds in order (detectors/index.ts); the first to claim a folder takes it whole. Nothing else
 * in the program keeps a table by kind: adding one is its module and a line in the list.
 */
import type { Severity } from '../findings.js';
import type { RepoFacts } from '../model/facts.js';
import type { DirNode, FileNode } from '../model/tree.js';
import type { ScanSettings } from '../model/context.js';
import type { RuleDocs } from '../model/rule-meta.js';
import type { CleanCategory } from '../model/bloat.js';

export interface DetectorContext {
  facts: RepoFacts;
  settings: ScanSettings;
}

export interface Detection {
  description: string;
  details?: Record<string, unknown>;
}

/**
 * A claim whose words need files read (a virtualenv's distributions): the folder is bloat now, and
 * `describe` runs when the classification is settled (BloatIndex.settle), so a scan can read them
 * while its import analysis runs on other threads.
 */
export interface DeferredDetection {
  describe(): Detection;
}

/** What a `.gitignore` pattern hook is told about an item. */
export interface GitignorePatternInput {
  /** Relative to the root. */
  path: string;
  /** The last name of the path. */
  name: string;
  /** The extension, lower case, without the dot ('' when none). */
  ext: string;
  /** The item's own root-anchored path (`/data/app.db`, `/build/`): exact, always safe. */
  anchored: string;
  /** The folder's name at any depth (`name/`): the default pattern of a folder. */
  byName: string;
  /** `text` escaped as a .gitignore pattern (`atLineStart` false for text after `*.`). */
  escape(text: string, atLineStart?: boolean): string;
}

/** How `.gitignore` entries cover a kind (src/ignorefiles/gitignore-entries.ts); every pattern is still checked against the source files. */
export interface GitignoreSpec {
  /** The heading the entries are grouped under. */
  group: string;
  /** The general pattern for a folder of this kind; default: `byName`. */
  dirPattern?(item: GitignorePatternInput): string;
  /** The general pattern for a file of this kind; default: `anchored`. */
  filePattern?(item: GitignorePatternInput): string;
}

/** How `.dockerignore` entries exclude a kind from build contexts (src/ignorefiles/dockerignore-plan.ts). */
export interface DockerignoreSpec {
  /** The heading the entries are grouped under. */
  group: string;
  /** Folders of this kind are excluded by name at any depth (`**\/__pycache__`). */
  dirsByName?: boolean;
  /** Files of this kind are excluded at any depth: by their extension (`**\/*.log`), or by this pattern. */
  files?: 'by-extension' | string;
}

export interface BloatKind {
  /** The rule id, `bloat/<kind>`. */
  rule: string;
  clean: CleanCategory;
  /** One line for the README and `--help`. */
  summary: string;
  severity: Severity;
  /** The rule's title (`repolish rules`, docs/rules, SARIF). */
  title: string;
  docs: RuleDocs;
  /** The kind as a root cause of size in the reports ("Logs", "Model weights"). */
  heading: string;
  /** Its colour in the HTML report's treemap and legend. */
  color: string;
  /** `not-ignored`: reported, never added to .gitignore by `fix` (it may be real data). */
  gitignore: GitignoreSpec | 'not-ignored';
  /** `not-excluded`: never excluded from a build context by `fix` (it may be what the image serves). */
  dockerignore: DockerignoreSpec | 'not-excluded';
  matchDir?(dir: DirNode, context: DetectorContext): Detection | DeferredDetection | undefined;
  matchFile?(file: FileNode, path: string, dir: DirNode, context: DetectorContext): Detection | undefined;
}

/** The detector side of a kind (the name the detectors have always used). */
export type BloatDetector = BloatKind;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** A folder holding Python modules directly is a package: source, whatever its name says. */
export function isPythonPackage(dir: DirNode): boolean {
  return dir.files.some((f) => f.name === '__init__.py');
}

export function hasSourceBelow(dir: DirNode, extensions = SOURCE_EXTENSIONS, depth = 3): boolean {
  if (dir.files.some((f) => extensions.has(extensionOf(f.name)))) return true;
  return depth > 0 && dir.dirs.some((d) => hasSourceBelow(d, extensions, depth - 1));
}

export const SOURCE_EXTENSIONS = new Set(['py', 'pyi', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'go', 'rs', 'java', 'c', 'h', 'cpp', 'rb', 'sh']);

export { formatBytes } from '../model/bytes.js';
