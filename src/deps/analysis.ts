/**
 * Dependency analysis, once per scan: which declared packages the code uses (imports, indirect
 * uses, commands, tool configuration, plugins), which are only needed by other kept packages,
 * which are unused, what each weighs (measured in the venv, else estimated) and what removing it
 * would actually free: the packages only it pulls in, minus what kept packages still need.
 */
import type { BloatIndex } from '../model/bloat.js';
import type { RepoFacts } from '../model/facts.js';
import { collectManifests, declaredDependencies } from '../manifests/discover.js';
import type { DeclaredDependency, Manifest } from '../manifests/types.js';
import { isDevGroup } from '../manifests/types.js';
import type { ScanContext as RuleContext } from '../model/context.js';
import { collectUsageEvidence, type CommandUse, type UsageEvidence } from './commands.js';
import { DependencyGraph, type PackageSize, type Root } from './graph.js';
import { scanProjectPython, scanProjectPythonAsync, type ImportSite, type ModuleReference, type PythonScan, type PythonScanRun } from './imports.js';
import { readInstalledEnvironment, type InstalledEnvironment } from './installed.js';
import { ALTERNATIVES, CPU_BUILDS, DEVELOPMENT_TOOLS, GPU_FRAMEWORKS, isAcceleratorRuntime, toolFamily, type Advice } from './known-packages.js';
import { DistributionResolver } from './resolve.js';
import type { CouplingSite } from './coupling-sites.js';
import { optionalDependencies } from './runtime-couplings.js';
import { isStdlibModule } from './stdlib.js';
import { requirementRemovalBlockers, unreadText, type UnreadFile } from './unread.js';
import { environmentMatch, type EnvironmentMatch } from './venv-match.js';

export interface UseEvidence {
  /** coupling: a use that needs the package without importing it; extra: an optional dependency of a used one. */
  kind: 'import' | 'reference' | 'command' | 'config' | 'plugin' | 'coupling' | 'extra';
  path: string;
  line?: number;
  detail: string;
}

export type PackageStatus =
  /** Imported, referenced or run by the project. */
  | 'used'
  /** Not used directly, but a used package requires it. */
  | 'needed'
  /** A development tool with no sign of use; kept, reported softly. */
  | 'tool'
  /** Never imported, but a used library loads it at run time or offers it as an extra: kept. */
  | 'possible'
  /** No sign of use, but a Python file that could import it was not read: kept. */
  | 'unknown'
  | 'unused';

export interface PackageVerdict {
  name: string;
  declarations: DeclaredDependency[];
  status: PackageStatus;
  evidence: UseEvidence[];
  /** Packages that require it directly (kept ones for kept packages, any declared one otherwise). */
  requiredBy: string[];
  size?: PackageSize;
  /** What removing only this declaration frees (0 when another package still needs it). */
  freed: PackageSize;
  /** This package plus its requirements that no kept package needs. */
  withDependencies: PackageSize;
  /** Those requirements, heaviest first. */
  exclusiveDependencies: string[];
  installed: boolean;
  /** Whether no venv could show what requires it (the verdict rests on typical data only). */
  graphUnknown: boolean;
  /** For status `unknown`: the unread files that could import it. */
  unreadFiles?: UnreadFile[];
}

export interface HeavyPackage {
  name: string;
  size: PackageSize;
  verdict?: PackageVerdict;
  /** Kept packages that require it directly. */
  requiredBy: string[];
  /** Declared, kept packages that bring it in (through any path). */
  pulledInBy: string[];
  /** CUDA runtime wheels that come with it. */
  accelerators: Array<{ name: string; size: PackageSize }>;
  acceleratorBytes: PackageSize;
  /** What CPU-only builds would drop: the accelerator wheels no other kept package needs. */
  cpuOnlySaving?: PackageSize;
  freed: PackageSize;
  advice: Array<Advice & { saving?: PackageSize }>;
}

export interface MissingImport {
  dist: string;
  module: string;
  sites: ImportSite[];
  installed: boolean;
  /** Kept packages through which it is installed anyway. */
  transitiveVia: string[];
}

export interface ScopeInput {
  declarations: DeclaredDependency[];
  imports: ImportSite[];
  references: ModuleReference[];
  commands: CommandUse[];
  configured: Map<string, CommandUse>;
  /** Uses that need a package without importing it (runtime-couplings). */
  couplings?: CouplingSite[];
  /**
   * Count a coupling only when the library it goes through is declared in this scope (an image
   * whose requirements lack langchain cannot run the LangChain code it copies in).
   */
  couplingHostDeclared?: boolean;
  /** The unread Python files that could import what a declaration declares. */
  unreadFor?: (declaration: DeclaredDependency) => UnreadFile[];
}

export interface ScopeResult {
  verdicts: Map<string, PackageVerdict>;
  keptRoots: Root[];
  kept: Set<string>;
  allRoots: Root[];
  /** Everything the declared packages install, and what removing every unused one frees. */
  declaredClosure: Set<string>;
  removable: PackageSize & { names: string[] };
}

export interface DependencyAnalysis extends ScopeResult {
  env?: InstalledEnvironment;
  graph: DependencyGraph;
  resolver: DistributionResolver;
  manifests: Manifest[];
  python: PythonScan;
  evidence: UsageEvidence;
  heavy: HeavyPackage[];
  missing: MissingImport[];
  /** Installed in the venv, asked for by no manifest. */
  orphans: PackageSize & { names: string[] };
  /** Virtualenvs found but not trusted for dependency judgements (they do not match the manifests). */
  ignoredEnvironments: EnvironmentMatch[];
  heavyThreshold: number;
}

const NEVER_MISSING = new Set(['setuptools', 'pkg_resources', 'pip', '_typeshed', '__main__', '__builtin__', 'builtins', 'distutils']);

/** The virtualenv that describes the project best: the one holding the most distributions. */
export function primaryEnvironment(facts: RepoFacts, bloat: BloatIndex): InstalledEnvironment | undefined {
  let best: InstalledEnvironment | undefined;
  for (const item of bloat.virtualenvs()) {
    const dir = item.dir ?? facts.dir(item.path);
    if (!dir) continue;
    const env = readInstalledEnvironment(facts, dir);
    if (!best || env.dists.size > best.dists.size) best = env;
  }
  return best;
}

/**
 * The virtualenv to judge dependencies by: the primary one, only when it matches the manifests
 * (a stray or nearly empty venv proves nothing about what the project installs). The ones that
 * do not match are named in a warning and left out of every dependency verdict.
 */
export function trustedEnvironment(facts: RepoFacts, bloat: BloatIndex, declared: ReadonlySet<string>): { env?: InstalledEnvironment; ignored: EnvironmentMatch[] } {
  const env = primaryEnvironment(facts, bloat);
  if (!env) return { ignored: [] };
  const match = environmentMatch(env, declared);
  if (match.matches) return { env, ignored: [] };
  facts.warnings.push({ path: env.path, message: `this virtualenv is ignored for dependency judgements: ${match.why}` });
  return { ignored: [match] };
}

function add(map: Map<string, UseEvidence[]>, dist: string, evidence: UseEvidence): void {
  const list = map.get(dist);
  if (list) list.push(evidence);
  else map.set(dist, [evidence]);
}

function rootOf(declarations: DeclaredDependency[]): Root {
  return { name: declarations[0].name, extras: [...new Set(declarations.flatMap((d) => d.extras))] };
}

/**
 * The distribution an import of `module` needs that `declared` does not name, or null when the
 * module is the standard library's, the project's own, never missing, or provided by a declared
 * distribution. Judged once per module through `memo` (a project imports a few thousand modules
 * from tens of thousands of sites).
 */
function undeclaredDistribution(module: string, resolver: DistributionResolver, localModules: ReadonlySet<string>, declared: { has(name: string): boolean }, memo: Map<string, string | null>): string | null {
  let dist = memo.get(module);
  if (dist !== undefined) return dist;
  const top = module.split('.')[0];
  dist = isStdlibModule(top) || NEVER_MISSING.has(top) || localModules.has(top) || resolver.knownProviders(module).some((p) => declared.has(p)) ? null : resolver.expectedDistribution(module);
  if (dist !== null && declared.has(dist)) dist = null;
  memo.set(module, dist);
  return dist;
}

/** Verdicts for one scope: the whole repository, or one container image. */
export function analyzeScope(graph: DependencyGraph, resolver: DistributionResolver, input: ScopeInput): ScopeResult {
  const byName = new Map<string, DeclaredDependency[]>();
  for (const d of input.declarations) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);

  const used = new Map<string, UseEvidence[]>();
  // A declared package that alone brings what the code imports without declaring it (werkzeug
  // through flask) is used: removing it would break that import. What each site imports without
  // declaring it is found in the same pass over the sites (it depends on nothing `used` holds).
  const undeclared = new Map<string, ImportSite>();
  const undeclaredOf = new Map<string, string | null>();
  for (const site of input.imports) {
    const dist = undeclaredDistribution(site.module, resolver, resolver.localModules, byName, undeclaredOf);
    if (dist !== null && !undeclared.has(dist)) undeclared.set(dist, site);
    for (const provider of resolver.knownProviders(site.module)) add(used, provider, { kind: 'import', path: site.path, line: site.line, detail: `import ${site.module}` });
  }
  for (const ref of input.references) {
    for (const dist of resolver.knownProviders(ref.module)) add(used, dist, { kind: 'reference', path: ref.path, line: ref.line, detail: ref.via });
  }
  for (const use of input.commands) {
    const dists = use.kind === 'module' ? resolver.providers(use.name) : resolver.commandProviders(use.name);
    for (const dist of dists) add(used, dist, { kind: 'command', path: use.path, line: use.line, detail: use.kind === 'module' ? `${use.name} in a command` : `runs ${use.name}` });
  }
  for (const [tool, where] of input.configured) {
    if (byName.has(tool)) add(used, tool, { kind: 'config', path: where.path, line: where.line, detail: `${tool} is configured` });
  }

  // Plugins: a package is used when the framework it plugs into is (entry points, or name families).
  const isUsed = (name: string) => used.has(name) || input.configured.has(name);
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of byName.keys()) {
      if (used.has(name)) continue;
      const dist = resolver.env?.dists.get(name);
      const hosts = (dist?.pluginGroups ?? []).map((g) => g.split(/[._:-]/)[0].replace(/\d+$/, '').toLowerCase());
      const family = toolFamily(name);
      if (family) hosts.push(family);
      let host = hosts.find((h) => h !== 'types' && isUsed(h));
      if (!host && family === 'types') {
        const base = name.replace(/^types-/, '').replace(/-stubs$/, '');
        if (isUsed(base) || input.imports.some((i) => i.module.split('.')[0].toLowerCase() === base.replace(/-/g, '_'))) host = base;
      }
      if (host) {
        add(used, name, { kind: 'plugin', path: byName.get(name)![0].manifest, detail: `a plugin of ${host}` });
        changed = true;
      }
    }
  }

  if (undeclared.size > 0) {
    const closures = [...byName.values()].map((d) => ({ name: d[0].name, closure: graph.closure([rootOf(d)]) }));
    for (const [dist, site] of undeclared) {
      const bringers = closures.filter((c) => c.name !== dist && c.closure.has(dist)).map((c) => c.name);
      if (bringers.length === 0 || bringers.some((b) => used.has(b))) continue;
      for (const b of bringers) add(used, b, { kind: 'import', path: site.path, line: site.line, detail: `brings ${dist}, which the code imports (import ${site.module}) without declaring it` });
    }
  }

  // Possibly used: a use that loads the package by name, or an optional dependency of a used one.
  const possible = new Map<string, UseEvidence[]>();
  for (const site of input.couplings ?? []) {
    if (!byName.has(site.package) || used.has(site.package)) continue;
    if (input.couplingHostDeclared && site.host && !resolver.providers(site.host).some((p) => byName.has(p))) continue;
    add(possible, site.package, { kind: 'coupling', path: site.path, line: site.line, detail: site.detail });
  }
  for (const [host, uses] of [...used]) {
    for (const [dep, extra] of optionalDependencies(host, resolver.env)) {
      if (dep === host || !byName.has(dep) || used.has(dep)) continue;
      const e = uses[0];
      add(possible, dep, { kind: 'extra', path: e.path, line: e.line, detail: `an optional dependency of ${host} (extra "${extra}"), which is used (${e.detail})` });
    }
  }
  const unreadOf = new Map<string, UnreadFile[]>();
  for (const [name, declarations] of byName) {
    if (used.has(name) || possible.has(name) || !input.unreadFor) continue;
    const files = [...new Map(declarations.flatMap((d) => input.unreadFor!(d)).map((f) => [f.path, f])).values()];
    if (files.length > 0) unreadOf.set(name, files);
  }

  const allRoots: Root[] = [...byName.values()].map(rootOf);
  const isTool = (name: string) => DEVELOPMENT_TOOLS.has(name) || (toolFamily(name) !== undefined && toolFamily(name) !== 'types');
  const keptRoots = allRoots.filter((r) => used.has(r.name) || possible.has(r.name) || unreadOf.has(r.name) || isTool(r.name));
  const { nodes: kept, parents } = graph.closureWithParents(keptRoots);
  const { nodes: declaredClosure, parents: allParents } = graph.closureWithParents(allRoots);

  const verdicts = new Map<string, PackageVerdict>();
  for (const [name, declarations] of byName) {
    let status: PackageStatus = 'unused';
    if (used.has(name)) status = 'used';
    else if ((parents.get(name)?.size ?? 0) > 0) status = 'needed';
    else if (possible.has(name)) status = 'possible';
    else if (isTool(name)) status = 'tool';
    else if (unreadOf.has(name)) status = 'unknown';
    const requiredBy = [...((status === 'unused' ? allParents : parents).get(name) ?? [])].sort();
    const others = allRoots.filter((r) => r.name !== name);
    const othersClosure = graph.closure(others);
    const mine = graph.closure([rootOf(declarations)]);
    const freedNames = [...mine].filter((n) => !othersClosure.has(n));
    const withDeps = [...mine].filter((n) => !kept.has(n));
    const exclusive = withDeps.filter((n) => n !== name).sort((a, b) => graph.bytes(b) - graph.bytes(a));
    verdicts.set(name, {
      name, declarations, status, evidence: used.get(name) ?? possible.get(name) ?? [], requiredBy,
      size: graph.size(name), freed: graph.total(freedNames),
      withDependencies: status === 'unused' ? graph.total(withDeps) : { bytes: 0, estimated: false },
      exclusiveDependencies: status === 'unused' ? exclusive : [],
      installed: graph.installed(name),
      graphUnknown: !graph.env,
      unreadFiles: status === 'unknown' ? unreadOf.get(name) : undefined,
    });
  }
  const removableNames = [...declaredClosure].filter((n) => !kept.has(n));
  return {
    verdicts, keptRoots, kept, allRoots, declaredClosure,
    removable: { ...graph.total(removableNames), names: removableNames.sort((a, b) => graph.bytes(b) - graph.bytes(a)) },
  };
}

/**
 * CUDA wheels a package brings itself: reached from it through CUDA wheels only. When a GPU
 * framework (torch, tensorflow, ...) in the kept set also requires one, it belongs to the framework.
 */
function acceleratorsOf(graph: DependencyGraph, name: string, parents: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const queue = [name];
  const framework = GPU_FRAMEWORKS.has(name);
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const req of graph.requirements(current)) {
      if (!isAcceleratorRuntime(req.name) || found.has(req.name)) continue;
      if (!framework && [...(parents.get(req.name) ?? [])].some((p) => GPU_FRAMEWORKS.has(p))) continue;
      found.add(req.name);
      queue.push(req.name);
    }
  }
  return [...found];
}

function heavyPackages(graph: DependencyGraph, scope: ScopeResult, threshold: number): HeavyPackage[] {
  const { nodes: kept, parents } = graph.closureWithParents(scope.keptRoots);
  const declaredKept = new Set(scope.keptRoots.map((r) => r.name));
  const closures = new Map<string, Set<string>>();
  const closureOf = (root: string) => {
    let c = closures.get(root);
    if (!c) closures.set(root, (c = graph.closure(scope.keptRoots.filter((r) => r.name === root))));
    return c;
  };
  const heavy: HeavyPackage[] = [];
  for (const name of kept) {
    const size = graph.size(name);
    if (!size) continue;
    const requiredBy = [...(parents.get(name) ?? [])].sort();
    // CUDA wheels are attributed to what pulls them in, not reported on their own.
    if (isAcceleratorRuntime(name) && requiredBy.some((p) => !isAcceleratorRuntime(p))) continue;
    const accelerators = acceleratorsOf(graph, name, parents).filter((n) => kept.has(n)).sort((a, b) => graph.bytes(b) - graph.bytes(a));
    const acceleratorBytes = graph.total(accelerators);
    if (size.bytes < threshold && size.bytes + acceleratorBytes.bytes < threshold) continue;
    const othersClosure = graph.closure(scope.keptRoots.filter((r) => r.name !== name));
    const freedNames = [...graph.closure([{ name }])].filter((n) => !othersClosure.has(n));
    const pulledInBy = [...declaredKept].filter((root) => root !== name && closureOf(root).has(name)).sort();
    const item: HeavyPackage = {
      name, size, verdict: scope.verdicts.get(name), requiredBy, pulledInBy,
      accelerators: accelerators.map((n) => ({ name: n, size: graph.size(n)! })).sort((a, b) => b.size.bytes - a.size.bytes),
      acceleratorBytes, freed: declaredKept.has(name) ? graph.total(freedNames) : { bytes: 0, estimated: false }, advice: [],
    };
    if (accelerators.length > 0 && CPU_BUILDS[name]) {
      // What CPU-only builds drop: the accelerator wheels that no other kept package needs.
      const withoutThem = graph.closure(scope.keptRoots, new Set([name]));
      const dropped = accelerators.filter((n) => !withoutThem.has(n));
      item.cpuOnlySaving = graph.total(dropped);
      const how = `${CPU_BUILDS[name]} where no NVIDIA GPU is used`;
      item.advice.push({ text: `${how}: drops ${dropped.length} CUDA package${dropped.length === 1 ? '' : 's'} (${dropped.slice(0, 4).join(', ')}${dropped.length > 4 ? ', ...' : ''})`, saving: item.cpuOnlySaving });
    }
    // A lighter replacement for what keeps it, or for itself.
    for (const holder of [name, ...pulledInBy]) {
      const alternative = ALTERNATIVES[holder];
      if (!alternative) continue;
      const restClosure = graph.closure(scope.keptRoots.filter((r) => r.name !== holder));
      const saving = graph.total([...kept].filter((n) => !restClosure.has(n)));
      const text = holder === name ? `consider ${alternative.text}` : `${holder} is what keeps ${name}: consider ${alternative.text}`;
      item.advice.push({ ...alternative, text, saving: saving.bytes > 0 ? saving : undefined });
    }
    heavy.push(item);
  }
  return heavy.sort((a, b) => b.size.bytes + b.acceleratorBytes.bytes - (a.size.bytes + a.acceleratorBytes.bytes));
}

function missingImports(scope: ScopeResult, resolver: DistributionResolver, python: PythonScan, graph: DependencyGraph, declaredNames: Set<string>): MissingImport[] {
  const byDist = new Map<string, MissingImport>();
  const rootClosures = new Map<string, Set<string>>();
  const closureOf = (root: Root) => {
    let c = rootClosures.get(root.name);
    if (!c) rootClosures.set(root.name, (c = graph.closure([root])));
    return c;
  };
  const missingFrom = new Map<string, string | null>();
  for (const site of python.imports) {
    if (site.guarded) continue;
    const dist = undeclaredDistribution(site.module, resolver, python.localModules, declaredNames, missingFrom);
    if (dist === null) continue;
    const top = site.module.split('.')[0];
    let entry = byDist.get(dist);
    if (!entry) {
      // A requirement of any declared package comes with a fresh install: not missing.
      const bringers = (roots: Root[]) => roots.filter((r) => r.name !== dist && closureOf(r).has(dist)).map((r) => r.name);
      let transitiveVia = scope.kept.has(dist) ? bringers(scope.keptRoots) : [];
      if (transitiveVia.length === 0 && scope.declaredClosure.has(dist)) transitiveVia = bringers(scope.allRoots);
      byDist.set(dist, (entry = { dist, module: top, sites: [], installed: graph.installed(dist), transitiveVia }));
    }
    entry.sites.push(site);
  }
  return [...byDist.values()].sort((a, b) => a.dist.localeCompare(b.dist));
}

const cache = new WeakMap<RepoFacts, DependencyAnalysis>();

/** Declarations that dependency rules judge: not build requirements, not the project itself. */
export function judgedDeclarations(manifests: Manifest[]): DeclaredDependency[] {
  const own = new Set(manifests.map((m) => m.projectName).filter((n): n is string => Boolean(n)));
  return declaredDependencies(manifests).filter((d) => d.group !== 'build' && !own.has(d.name));
}

export function analyzeDependencies(context: RuleContext): DependencyAnalysis {
  const { facts, bloat, settings } = context;
  const cached = cache.get(facts);
  if (cached && cached.heavyThreshold === settings.heavyPackageBytes) return cached;
  const manifests = collectManifests(facts, bloat);
  const declarations = judgedDeclarations(manifests);
  const declaredNames = new Set(declarations.map((d) => d.name));
  const { env, ignored } = trustedEnvironment(facts, bloat, declaredNames);
  const graph = new DependencyGraph(env);
  const python = scanProjectPython(facts, bloat);
  const evidence = collectUsageEvidence(facts, bloat);
  const resolver = new DistributionResolver(env, declaredNames, python.localModules);
  const scope = analyzeScope(graph, resolver, {
    declarations, imports: python.imports, references: python.references, commands: evidence.commands, configured: evidence.configured,
    couplings: python.couplings,
    unreadFor: (d) => requirementRemovalBlockers(d.manifest, python.unread),
  });
  const orphanNames = env && declarations.length > 0 ? [...env.dists.keys()].filter((n) => !scope.declaredClosure.has(n)) : [];
  const analysis: DependencyAnalysis = {
    ...scope, env, graph, resolver, manifests, python, evidence,
    heavy: heavyPackages(graph, scope, settings.heavyPackageBytes),
    missing: manifests.length > 0 ? missingImports(scope, resolver, python, graph, new Set(declaredDependencies(manifests).map((d) => d.name))) : [],
    orphans: { ...graph.total(orphanNames), names: orphanNames.sort((a, b) => graph.bytes(b) - graph.bytes(a)) },
    ignoredEnvironments: ignored,
    heavyThreshold: settings.heavyPackageBytes,
  };
  cache.set(facts, analysis);
  return analysis;
}

/**
 * Optional, before the rules run, where the caller can await: scans the project's Python code
 * yielding to the event loop, so tree-sitter's native trees are freed as it goes (a synchronous
 * scan of thousands of files holds them all). The rules then find the scan cached.
 */
export async function prepareDependencyAnalysis(context: RuleContext, run: PythonScanRun = {}): Promise<void> {
  await scanProjectPythonAsync(context.facts, context.bloat, run);
}

export { isDevGroup };

/**
 * The one question a codemod asks before it removes (or swaps) a requirement: undefined when it
 * may, else the review message that says why not (the unread files that could import it). The
 * context is the one the command built from the user's configuration (`ProjectContext.scanContext()`).
 */
export function whyRequirementMustStay(context: RuleContext, manifest: string, requirement: string): string | undefined {
  const blockers = requirementRemovalBlockers(manifest, scanProjectPython(context.facts, context.bloat).unread);
  if (blockers.length === 0) return undefined;
  return `${requirement} kept: ${unreadText(blockers)}; its imports are unknown`;
}
