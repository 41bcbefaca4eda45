/**
 * Container build contexts: which folders are sent to `docker build` / `podman build`, which
 * container files build from them, what their COPY/ADD instructions need, and the context's
 * `.dockerignore` / `.containerignore`, evaluated with Docker's own semantics (root-anchored,
 * Go filepath.Match plus `**`, last match wins) through @balena/dockerignore.
 */
import dockerignoreModule from '@balena/dockerignore';
import { parse as parseYaml } from 'yaml';
import type { BloatIndex } from '../model/bloat.js';
import type { RepoFacts } from '../model/facts.js';
import { containerAndComposeFiles } from './container-files.js';
import { joinPath, type DirNode } from '../model/tree.js';

const IGNORE_FILE_NAMES = ['.containerignore', '.dockerignore'];

export interface BuildContext {
  /** The context folder, relative to the root ('' for the root). */
  path: string;
  /** Container files that build from this context (relative to the root). */
  containerFiles: string[];
  /** The ignore file in force (Podman reads .containerignore first), relative to the root. */
  ignoreFile?: string;
  /** Sources named by COPY/ADD (without --from), relative to the context. */
  copySources: string[];
}

/** Container files and compose files are named in one place: manifests/kinds.ts. */
export { isContainerFile } from '../manifests/kinds.js';

/** COPY/ADD sources of a container file (continuation lines joined; stage copies skipped). */
export function copySources(text: string): string[] {
  const sources: string[] = [];
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of logical) {
    const match = line.match(/^\s*(COPY|ADD)\s+(.*)$/i);
    if (!match) continue;
    let args = match[2].trim();
    if (/--from[= ]/.test(args)) continue;
    args = args.replace(/--[\w-]+(=\S+)?\s+/g, '');
    let parts: string[];
    if (args.startsWith('[')) {
      try { parts = JSON.parse(args) as string[]; } catch { continue; }
    } else parts = args.split(/\s+/).filter(Boolean);
    if (parts.some((p) => p.startsWith('<<'))) continue; // heredoc
    sources.push(...parts.slice(0, -1).map((s) => s.replace(/^\.\/?/, '').replace(/\/$/, '') || '.'));
  }
  return sources;
}

interface ComposeBuild { context: string; dockerfile?: string }

function composeBuilds(facts: RepoFacts, path: string, dir: DirNode): ComposeBuild[] {
  const text = facts.readText(path);
  if (!text) return [];
  let doc: unknown;
  try { doc = parseYaml(text); } catch {
    facts.warnings.push({ path, message: 'skipped: not valid YAML' });
    return [];
  }
  const services = (doc as { services?: Record<string, { build?: string | { context?: string; dockerfile?: string } }> })?.services ?? {};
  const builds: ComposeBuild[] = [];
  for (const service of Object.values(services)) {
    const build = service?.build;
    if (!build) continue;
    const spec = typeof build === 'string' ? { context: build } : { context: build.context ?? '.', dockerfile: build.dockerfile };
    const context = normalizeRelativePath(joinPath(dir.path, spec.context));
    if (context === undefined) continue; // outside the root
    builds.push({ context, dockerfile: spec.dockerfile ? normalizeRelativePath(joinPath(context, spec.dockerfile)) : undefined });
  }
  return builds;
}

/** A relative path with `.` and `..` resolved; undefined when it climbs out of the root. */
export function normalizeRelativePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') { if (out.length === 0) return undefined; out.pop(); } else out.push(part);
  }
  return out.join('/');
}

const outsideBloat = new WeakMap<BloatIndex, { facts: RepoFacts; contexts: BuildContext[] }>();

/** The build contexts of the project outside bloat, found once per scan (three rules ask); callers do not change them. */
export function buildContextsOutsideBloat(facts: RepoFacts, bloat: BloatIndex): BuildContext[] {
  const known = outsideBloat.get(bloat);
  if (known?.facts === facts) return known.contexts;
  const contexts = findBuildContexts(facts, (p) => bloat.containing(p) !== undefined);
  outsideBloat.set(bloat, { facts, contexts });
  return contexts;
}

/**
 * Every build context: compose `build:` entries, else each container file's own folder.
 * `isBloat(folder)` must hold for everything below a folder it holds for: it is asked only about
 * the folders that hold a container or compose file.
 */
export function findBuildContexts(facts: RepoFacts, isBloat: (path: string) => boolean): BuildContext[] {
  const contexts = new Map<string, BuildContext>();
  const containerFiles: string[] = [];
  const builds: ComposeBuild[] = [];
  for (const { dir, name, container, compose } of containerAndComposeFiles(facts.tree)) {
    // Everything below a bloat folder is bloat too: a folder it does not hold for has no bloat above it.
    if (dir.path !== '' && isBloat(dir.path)) continue;
    if (container) containerFiles.push(joinPath(dir.path, name));
    else if (compose) builds.push(...composeBuilds(facts, joinPath(dir.path, name), dir));
  }
  const contextOf = (path: string): BuildContext => {
    let context = contexts.get(path);
    if (!context) {
      const dir = facts.dir(path);
      const ignoreName = IGNORE_FILE_NAMES.find((n) => dir?.files.some((f) => f.name === n));
      context = { path, containerFiles: [], copySources: [], ignoreFile: ignoreName ? joinPath(path, ignoreName) : undefined };
      contexts.set(path, context);
    }
    return context;
  };
  for (const build of builds) {
    if (!facts.dir(build.context)) continue;
    const context = contextOf(build.context);
    const file = build.dockerfile ?? joinPath(build.context, 'Dockerfile');
    if (containerFiles.includes(file) && !context.containerFiles.includes(file)) context.containerFiles.push(file);
  }
  const claimed = new Set([...contexts.values()].flatMap((c) => c.containerFiles));
  for (const file of containerFiles) {
    if (claimed.has(file)) continue;
    // Podmanfile.api next to its requirements: the usual invocation is `-f FILE .` from that folder.
    const slash = file.lastIndexOf('/');
    contextOf(slash < 0 ? '' : file.slice(0, slash)).containerFiles.push(file);
  }
  for (const context of contexts.values()) {
    for (const file of context.containerFiles) context.copySources.push(...copySources(facts.readText(file) ?? ''));
  }
  return [...contexts.values()].filter((c) => c.containerFiles.length > 0);
}

// The package is CommonJS with an ES-style `default` in its typings: unwrap whichever shape Node hands us.
const dockerignore = ((dockerignoreModule as unknown as { default?: typeof dockerignoreModule }).default ?? dockerignoreModule) as unknown as (options?: { ignorecase?: boolean }) => { add(p: string | string[]): { ignores(path: string): boolean } };

export type DockerMatcher = (pathInContext: string) => boolean;

/** Docker's verdict for paths relative to the context. */
export function dockerMatcher(patterns: string): DockerMatcher {
  // No pattern (no ignore file): the library excludes nothing but the empty path, after working
  // out every path's folders; the build-context planners ask it about every bloat item.
  if (/^\s*$/.test(patterns)) return (path) => path === '';
  const matcher = dockerignore({ ignorecase: false }).add(patterns);
  return (path) => matcher.ignores(path);
}
