/**
 * Dependencies per container image: which requirement files and packages an image installs
 * (following COPY/ADD and bind mounts back to the repository), which of the project's Python
 * files it copies in (after .dockerignore), what its CMD/ENTRYPOINT run; and, from that, the
 * installed packages that nothing in the image uses, with what removing them frees.
 */
import { posix } from 'node:path';
import { analyzeDependencies, analyzeScope, judgedDeclarations, type DependencyAnalysis, type PackageVerdict, type ScopeResult } from './analysis.js';
import type { ImportSite } from './imports.js';
import { imageUses, type CommandUse } from './commands.js';
import { DistributionResolver } from './resolve.js';
import { collectManifests, manifestKind, readManifest } from '../manifests/discover.js';
import { PROJECT_MANIFEST_NAMES } from '../manifests/kinds.js';
import { parseRequirement } from '../manifests/requirement.js';
import { lineNumberAt } from '../text/lines.js';
import type { DeclaredDependency, Manifest } from '../manifests/types.js';
import type { ScanContext as RuleContext } from '../model/context.js';
import { pythonInstall } from '../docker/commands.js';
import { collectImages, contextSourceOf, type ImageModel } from '../docker/image.js';
import { commandName } from '../docker/shell.js';
import { iterateDirs, joinPath } from '../model/tree.js';

export interface ImageInstall {
  /** The RUN line that installs. */
  line: number;
  /** Repository paths of the manifests it installs. */
  manifests: string[];
  /** Requirement files named by the RUN that could not be traced to a repository file. */
  unresolved: string[];
}

export interface ImageDependencies {
  image: ImageModel;
  installs: ImageInstall[];
  declarations: DeclaredDependency[];
  /** Project Python files copied into the image. */
  codeFiles: string[];
  commands: CommandUse[];
  scope?: ScopeResult;
  /** Why the image was not judged, if it was not. */
  skipped?: string;
}

/** A manifest and the -r files it includes, recursively. */
function withIncludes(path: string, byPath: Map<string, Manifest>, read: (p: string) => Manifest | undefined): Manifest[] {
  const out: Manifest[] = [];
  const seen = new Set<string>();
  const queue = [path];
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    const m = byPath.get(p) ?? read(p);
    if (!m) continue;
    out.push(m);
    queue.push(...m.includes);
  }
  return out;
}

export function imageDependencies(context: RuleContext, analysis: DependencyAnalysis, image: ImageModel): ImageDependencies {
  const { facts, bloat } = context;
  const byPath = new Map(collectManifests(facts, bloat).map((m) => [m.path, m]));
  const read = (p: string) => (facts.file(p) ? readManifest(facts, p, manifestKind(p) ?? 'requirements') : undefined);
  const installs: ImageInstall[] = [];
  const declarations: DeclaredDependency[] = [];
  const manifestPaths = new Set<string>();
  const text = image.dockerfile.text;

  for (const run of image.runs) {
    if (!image.contributing.has(run.stage)) continue;
    let cwd = run.workdir;
    const stages = new Set([...image.contributing]);
    for (const command of run.commands) {
      if (commandName(command) === 'cd' && command.words[1]) {
        const to = command.words[1].value;
        cwd = to.startsWith('/') ? posix.normalize(to) : posix.join(cwd, to);
        continue;
      }
      const install = pythonInstall(command);
      if (!install) continue;
      const entry: ImageInstall = { line: run.instruction.line, manifests: [], unresolved: [] };
      const toRepo = (containerPath: string): string | undefined => {
        const abs = containerPath.startsWith('/') ? posix.normalize(containerPath) : posix.join(cwd, containerPath);
        const mount = run.bindMounts.find((m) => posix.normalize(m.target.startsWith('/') ? m.target : posix.join(cwd, m.target)) === abs);
        if (mount) return posix.normalize(image.context ? posix.join(image.context, mount.source) : mount.source);
        return contextSourceOf(image, abs, run.instruction.line, stages);
      };
      const files = [...install.requirementFiles];
      for (const local of install.localPaths) {
        if (/\.(whl|tar\.gz|zip)$/.test(local)) continue;
        const dir = toRepo(local);
        if (dir === undefined) continue;
        for (const name of PROJECT_MANIFEST_NAMES) {
          const p = dir ? `${dir}/${name}` : name;
          if (facts.file(p)) entry.manifests.push(p);
        }
      }
      for (const file of files) {
        const repoPath = toRepo(file);
        if (repoPath && facts.file(repoPath)) entry.manifests.push(repoPath);
        else entry.unresolved.push(file);
      }
      for (const word of install.packages) {
        const req = parseRequirement(word.value);
        if (!req) continue;
        const line = word.start >= 0 ? lineNumberAt(text, word.start) : run.instruction.line;
        declarations.push({ ...req, manifest: image.path, line, group: 'main' });
      }
      installs.push(entry);
      for (const m of entry.manifests) manifestPaths.add(m);
    }
  }
  const manifests = [...manifestPaths].flatMap((p) => withIncludes(p, byPath, read));
  declarations.push(...judgedDeclarations([...new Map(manifests.map((m) => [m.path, m])).values()]).filter((d) => d.group === 'main'));

  // The project's code that COPY/ADD brings into the stages of the final image.
  const sources = image.copies.filter((c) => image.contributing.has(c.stage) && c.fromStage === undefined && !c.fromImage)
    .flatMap((c) => c.sources.map((s) => (image.context ? (s ? `${image.context}/${s}` : image.context) : s)));
  // The prefixes are made once, not once per Python file of the project and image.
  const contextPrefix = image.context ? `${image.context}/` : '';
  const sourcePrefixes = sources.map((s) => `${s}/`);
  const codeFiles = analysis.python.files.filter((f) => {
    if (!f.startsWith(contextPrefix)) return false;
    if (!sources.some((s, i) => s === '' || f === s || f.startsWith(sourcePrefixes[i]))) return false;
    return !image.ignores(image.context ? f.slice(image.context.length + 1) : f);
  });
  const commands = [...imageUses(image), ...analysis.evidence.commands.filter((c) => c.image === image.path && c.path !== image.path)];
  const result: ImageDependencies = { image, installs, declarations, codeFiles, commands };
  if (declarations.length === 0) result.skipped = 'installs no Python requirements the repository declares';
  else if (codeFiles.length === 0) result.skipped = 'copies no Python code (it may be mounted at run time): what it uses cannot be judged';
  if (result.skipped) return result;

  const files = new Set(codeFiles);
  // An image that declares nothing the repository does not resolves as the repository's resolver
  // does: that one, with the answers it already holds, is asked again.
  const extra = declarations.filter((d) => !analysis.resolver.declared.has(d.name));
  const resolver = extra.length === 0
    ? analysis.resolver
    : new DistributionResolver(analysis.env, new Set([...analysis.resolver.declared, ...extra.map((d) => d.name)]), analysis.python.localModules);
  result.scope = analyzeScope(analysis.graph, resolver, {
    declarations,
    imports: sitesOf(analysis.python.imports, files),
    references: analysis.python.references.filter((r) => files.has(r.path)),
    commands,
    configured: new Map(),
    // deps-safety: uses that need a package without an import, and unread files in the image's code.
    couplings: analysis.python.couplings.filter((c) => files.has(c.path)),
    couplingHostDeclared: true,
    unreadFor: () => analysis.python.unread.filter((u) => files.has(u.path)),
  });
  return result;
}

/** The runs of consecutive sites of one file (a file's imports come together): its path, and where the run starts. */
interface SiteRuns { paths: string[]; starts: number[] }

const runsOfSites = new WeakMap<ImportSite[], SiteRuns>();

function siteRuns(sites: ImportSite[]): SiteRuns {
  let runs = runsOfSites.get(sites);
  if (!runs) {
    runs = { paths: [], starts: [] };
    let last: string | undefined;
    for (let i = 0; i < sites.length; i++) {
      const path = sites[i].path;
      if (path === last) continue;
      runs.paths.push(path);
      runs.starts.push(i);
      last = path;
    }
    runsOfSites.set(sites, runs);
  }
  return runs;
}

/**
 * The sites in `files`, in their order: the same as filtering them one by one, asked once per run
 * of one file's sites and copied a stretch of runs at a time (each image asks about tens of
 * thousands of sites from a few thousand files).
 */
function sitesOf(sites: ImportSite[], files: ReadonlySet<string>): ImportSite[] {
  const { paths, starts } = siteRuns(sites);
  const stretches: ImportSite[][] = [];
  let from = -1;
  for (let r = 0; r < paths.length; r++) {
    if (files.has(paths[r])) {
      if (from < 0) from = starts[r];
    } else if (from >= 0) {
      stretches.push(sites.slice(from, starts[r]));
      from = -1;
    }
  }
  if (from >= 0) stretches.push(sites.slice(from));
  return stretches.length === 1 ? stretches[0] : stretches.flat();
}

const cache = new WeakMap<RuleContext['facts'], ImageDependencies[]>();

export function allImageDependencies(context: RuleContext): ImageDependencies[] {
  const cached = cache.get(context.facts);
  if (cached) return cached;
  const analysis = analyzeDependencies(context);
  const result = collectImages(context.facts, context.bloat).map((image) => imageDependencies(context, analysis, image));
  cache.set(context.facts, result);
  return result;
}

/** Packages an image installs and does not use, at or above the heavy threshold. */
export function heavyUnusedInImages(context: RuleContext): Array<{ deps: ImageDependencies; verdicts: PackageVerdict[] }> {
  const threshold = context.settings.heavyPackageBytes;
  return allImageDependencies(context)
    .map((deps) => ({
      deps,
      verdicts: [...(deps.scope?.verdicts.values() ?? [])]
        .filter((v) => v.status === 'unused' && Math.max(v.size?.bytes ?? 0, v.withDependencies.bytes) >= threshold)
        .sort((a, b) => b.withDependencies.bytes - a.withDependencies.bytes || (b.size?.bytes ?? 0) - (a.size?.bytes ?? 0) || a.name.localeCompare(b.name)),
    }))
    .filter((x) => x.verdicts.length > 0);
}

/** `manifest:line` of declarations that docker/heavy-unused-in-image reports. */
export function imageUnusedDeclarations(context: RuleContext): Set<string> {
  return new Set(heavyUnusedInImages(context).flatMap((x) => x.verdicts.flatMap((v) => v.declarations.map((d) => `${d.manifest}:${d.line}`))));
}

export interface DeclarationVerdict {
  declaration: DeclaredDependency;
  verdict: PackageVerdict;
  /** The images whose scope decided the verdict (empty: judged over the whole repository). */
  images: ImageDependencies[];
}

/** CI workflows, scripts and task files: where a requirement file may be installed outside any image. */
const INSTALLER_FILE = /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.circleci\/config\.ya?ml|\.travis\.ya?ml|tox\.ini|noxfile\.py|Jenkinsfile|[Mm]akefile|justfile|[^/]+\.(sh|bash))$/;
/** What the name of every INSTALLER_FILE ends with: the path is built only for the files that pass. */
const INSTALLER_NAME = /(\.ya?ml|tox\.ini|noxfile\.py|Jenkinsfile|[Mm]akefile|justfile|\.sh|\.bash)$/;
const outsideInstalls = new WeakMap<RuleContext, Set<string>>();

/**
 * Requirement files something outside the images installs (`pip install -r requirements.txt` in a
 * CI workflow, a script, a Makefile): what they hold is needed there too (tests, tools), so they
 * are judged by the whole repository. Paths as the command names them, from the root or from the
 * installing file's folder.
 */
function installedOutsideImages(context: RuleContext): Set<string> {
  let out = outsideInstalls.get(context);
  if (out) return out;
  out = new Set<string>();
  for (const dir of iterateDirs(context.facts.tree)) {
    if (dir.ignored) continue;
    for (const f of dir.files) {
      if (f.kind !== 'file' || !INSTALLER_NAME.test(f.name)) continue;
      const path = joinPath(dir.path, f.name);
      if (!INSTALLER_FILE.test(path)) continue;
      const text = context.facts.readText(path) ?? '';
      for (const m of text.matchAll(/\bpip3?\b[^\n]*?\s(?:-r|--requirements?)(?:\s+|=)([^\s'";&|)]+)/g)) {
        const named = m[1].replace(/^\.\//, '');
        out.add(posix.normalize(named));
        out.add(posix.normalize(posix.join(dir.path || '.', named)));
      }
    }
  }
  outsideInstalls.set(context, out);
  return out;
}

/**
 * The verdict for each declaration: a requirement file that only container images install is
 * judged by the code those images copy in; any other declaration (also one a CI workflow or a
 * script installs besides the images) by the whole repository.
 */
export function effectiveVerdicts(context: RuleContext): DeclarationVerdict[] {
  const analysis = analyzeDependencies(context);
  const images = allImageDependencies(context);
  const out: DeclarationVerdict[] = [];
  for (const verdict of analysis.verdicts.values()) {
    for (const declaration of verdict.declarations) {
      const installers = images.filter((i) => i.installs.some((x) => x.manifests.length > 0)
        && i.declarations.some((d) => d.manifest === declaration.manifest && d.line === declaration.line));
      const judged = installers.filter((i) => i.scope?.verdicts.has(verdict.name));
      if (judged.length === 0 || judged.length !== installers.length || installedOutsideImages(context).has(declaration.manifest)) {
        out.push({ declaration, verdict, images: [] });
        continue;
      }
      const scoped = judged.map((i) => i.scope!.verdicts.get(verdict.name)!);
      const kept = scoped.find((v) => v.status !== 'unused');
      out.push({ declaration, verdict: kept ?? scoped[0], images: judged });
    }
  }
  return out;
}
