/**
 * A bloat detector is one small module, knip-plugin style: it looks at a folder or a file of the
 * walk and says whether it is bloat of its kind, judging by content and structure, never by a
 * name alone. The classifier asks detectors in order; the first to claim a folder takes it whole.
 */
import type { RepoFacts } from '../model/facts.js';
import type { DirNode, FileNode } from '../model/tree.js';
import type { ScanSettings } from '../model/context.js';
import type { CleanCategory } from './types.js';

export interface DetectorContext {
  facts: RepoFacts;
  settings: ScanSettings;
}

export interface Detection {
  description: string;
  details?: Record<string, unknown>;
}

export interface BloatDetector {
  rule: string;
  clean: CleanCategory;
  /** One line for the README and `--help`. */
  summary: string;
  matchDir?(dir: DirNode, context: DetectorContext): Detection | undefined;
  matchFile?(file: FileNode, path: string, dir: DirNode, context: DetectorContext): Detection | undefined;
}

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
