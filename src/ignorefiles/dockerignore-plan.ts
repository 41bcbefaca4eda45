/**
 * The `.dockerignore` plan for each build context: the bloat, secrets and `.git` that the context
 * would send to the builder, and Docker-syntax entries that exclude them, checked so that no
 * source file and nothing a COPY/ADD names is ever excluded.
 */
import { extensionOf, type DockerignoreSpec } from '../bloat/detector.js';
import { bloatKind } from '../bloat/detectors/index.js';
import { joinPath, type DirNode } from '../model/tree.js';
import type { ScanContext as RuleContext } from '../model/context.js';
import { dockerMatcher, buildContextsOutsideBloat, type BuildContext } from '../docker/build-contexts.js';
import { findSecretFiles } from './secrets.js';
import { matchesAnyFile, type FilesInFolder } from './name-patterns.js';
import { escapeDockerignore, escapeDockerignorePath, inexpressibleMessage, inexpressibleName, quoteName } from './escape.js';

export interface DockerEntry {
  pattern: string;
  group: string;
  /** Paths relative to the root. */
  covers: string[];
  bytes: number;
}

export interface ContextPlan {
  context: BuildContext;
  /** The ignore file that `fix` writes or appends to. */
  ignoreFile: string;
  exists: boolean;
  entries: DockerEntry[];
  /** Items left in the context on purpose because a COPY/ADD names them. */
  copied: string[];
}

/** What is excluded: `.git`, an environment file, or bloat of a kind (whose spec says how). */
interface Exclusion { rule: string; path: string; isDir: boolean; bytes: number; spec?: DockerignoreSpec }

const VERSION_CONTROL_GROUP = 'Version control';
const SECRETS_GROUP = 'Secrets';

/** The item's own path as a Docker pattern: every name in it is a literal. */
function literalPattern(relPath: string): string {
  return escapeDockerignorePath(relPath);
}

function groupOf(ex: Exclusion): string {
  if (ex.spec) return ex.spec.group;
  return ex.rule === '.git' ? VERSION_CONTROL_GROUP : SECRETS_GROUP;
}

function dockerPattern(ex: Exclusion, relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (ex.rule === '.git') return '.git';
  if (ex.rule === 'security/env-file') return name.startsWith('.env') ? `**/${escapeDockerignore(name)}` : literalPattern(relPath);
  const spec = ex.spec;
  if (ex.isDir && spec?.dirsByName) return `**/${escapeDockerignore(name)}`;
  if (!ex.isDir && spec?.files === 'by-extension' && extensionOf(name)) return `**/*.${escapeDockerignore(extensionOf(name))}`;
  if (!ex.isDir && spec?.files !== undefined && spec.files !== 'by-extension') return spec.files;
  return literalPattern(relPath);
}

const plans = new WeakMap<RuleContext, ContextPlan[]>();

export function dockerignorePlans(context: RuleContext): ContextPlan[] {
  const cached = plans.get(context);
  if (cached) return cached;
  const { facts, bloat } = context;
  const contexts = buildContextsOutsideBloat(facts, bloat);
  const secrets = findSecretFiles(facts, bloat);
  const result: ContextPlan[] = [];
  for (const ctx of contexts) {
    const inContext = (path: string) => ctx.path === '' || path === ctx.path || path.startsWith(`${ctx.path}/`);
    const rel = (path: string) => (ctx.path === '' ? path : path.slice(ctx.path.length + 1));
    const current = dockerMatcher(ctx.ignoreFile ? facts.readText(ctx.ignoreFile) ?? '' : '');
    const copied = new Set<string>();
    // Excluding a COPY source, or a folder holding one, breaks the build. Inside a copied folder,
    // caches and environments are still waste; data may be what the image serves, so it stays.
    const isCopied = (relPath: string, isData: boolean) =>
      ctx.copySources.some((src) => src !== '.' && (relPath === src || src.startsWith(`${relPath}/`) || (isData && relPath.startsWith(`${src}/`))));

    const exclusions: Exclusion[] = [];
    const gitDir = ctx.path === '' ? facts.repo !== null && facts.repo.prefix === '' : facts.dir(joinPath(ctx.path, '.git')) !== undefined;
    if (gitDir && !current('.git')) exclusions.push({ rule: '.git', path: joinPath(ctx.path, '.git'), isDir: true, bytes: 0 });
    for (const item of bloat.items) {
      const spec = bloatKind(item.rule).dockerignore;
      if (!inContext(item.path) || item.path === ctx.path || spec === 'not-excluded') continue;
      if (current(rel(item.path))) continue;
      if (isCopied(rel(item.path), item.clean === 'data')) { copied.add(item.path); continue; }
      exclusions.push({ rule: item.rule, path: item.path, isDir: item.dir !== undefined, bytes: item.bytes, spec });
    }
    for (const secret of secrets) {
      if (!inContext(secret.path) || current(rel(secret.path)) || bloat.containing(secret.path)) continue;
      exclusions.push({ rule: 'security/env-file', path: secret.path, isDir: false, bytes: secret.file.size });
    }

    // Every file of the context that is neither bloat nor a secret must stay in it.
    const excludedPaths = new Set(exclusions.map((e) => e.path));
    const keep: FilesInFolder[] = [];
    const contextDir = facts.dir(ctx.path);
    if (contextDir) {
      // Per folder, not per file: in a folder no bloat item contains, a file is left out only when
      // it is itself an exclusion or a bloat item, and those are few.
      const leftOut = new Map<string, Set<string>>();
      for (const path of [...excludedPaths, ...bloat.items.map((i) => i.path)]) {
        const slash = path.lastIndexOf('/');
        const folder = slash < 0 ? '' : path.slice(0, slash);
        let names = leftOut.get(folder);
        if (!names) leftOut.set(folder, (names = new Set()));
        names.add(path.slice(slash + 1));
      }
      const stack: DirNode[] = [contextDir];
      while (stack.length > 0) {
        const dir = stack.pop()!;
        // Everything below a bloat folder is bloat too.
        if (bloat.containing(dir.path)) continue;
        for (let i = dir.dirs.length - 1; i >= 0; i--) stack.push(dir.dirs[i]);
        if (excludedPaths.has(dir.path)) continue;
        const left = leftOut.get(dir.path);
        const names = left ? dir.files.filter((f) => !left.has(f.name)).map((f) => f.name) : dir.files.map((f) => f.name);
        if (names.length > 0) keep.push({ dir: dir === contextDir ? '' : rel(dir.path), names });
      }
    }
    const entries = new Map<string, DockerEntry>();
    const safe = new Map<string, boolean>();
    const isSafe = (pattern: string): boolean => {
      let verdict = safe.get(pattern);
      if (verdict === undefined) {
        const matches = dockerMatcher(pattern);
        verdict = !matchesAnyFile(keep, pattern, 'docker', matches) && !ctx.copySources.some((src) => src !== '.' && matches(src));
        safe.set(pattern, verdict);
      }
      return verdict;
    };
    for (const ex of exclusions) {
      // A line break in a name would write extra patterns of its own: reported, never written.
      if (inexpressibleName(ex.path)) {
        facts.warnings.push({ path: ex.path, message: inexpressibleMessage(ctx.ignoreFile ?? joinPath(ctx.path, '.dockerignore')) });
        continue;
      }
      const literal = literalPattern(rel(ex.path));
      let pattern = dockerPattern(ex, rel(ex.path));
      if (pattern !== literal && !isSafe(pattern)) pattern = literal;
      const entry = entries.get(pattern) ?? { pattern, group: groupOf(ex), covers: [], bytes: 0 };
      entry.covers.push(ex.path);
      entry.bytes += ex.bytes;
      entries.set(pattern, entry);
    }
    result.push({
      context: ctx,
      ignoreFile: ctx.ignoreFile ?? joinPath(ctx.path, '.dockerignore'),
      exists: ctx.ignoreFile !== undefined,
      entries: [...entries.values()],
      copied: [...copied],
    });
  }
  plans.set(context, result);
  return result;
}

export function renderDockerignore(plan: ContextPlan): string {
  const groups = new Map<string, DockerEntry[]>();
  for (const entry of plan.entries) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  // Container file names go into a comment line: a line break in one must not start a pattern.
  const files = plan.context.containerFiles.map((f) => (inexpressibleName(f) ? quoteName(f) : f)).join(', ');
  let out = plan.exists
    ? '# Added by `repolish fix`: more of the build context that no image needs\n'
    : `# Written by \`repolish fix\` for the build context of ${files}.\n# Docker syntax: patterns are anchored at the context root; **/ matches at any depth.\n`;
  for (const [group, list] of groups) {
    out += `# ${group}\n`;
    for (const entry of list) out += `${entry.pattern}\n`;
  }
  return out;
}
