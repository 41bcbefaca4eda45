/** Which distributions provide a module, and which run a command: the venv first, then the tables. */
import { normalizeName } from '../manifests/requirement.js';
import type { InstalledEnvironment } from './installed.js';
import { candidateDistributions, expectedDistributionName } from './known-imports.js';
import { COMMAND_NAMES } from './known-packages.js';

/**
 * candidateDistributions depends on nothing but its arguments and fixed tables; every image's
 * resolver asks it again for the same modules, so the answers are kept for the process.
 */
const candidates = [new Map<string, string[]>(), new Map<string, string[]>()];

function candidatesFor(module: string, conventions: boolean): readonly string[] {
  const known = candidates[conventions ? 1 : 0];
  let found = known.get(module);
  if (!found) {
    if (known.size >= 100_000) known.clear(); // bounded in a process that scans many projects
    known.set(module, (found = candidateDistributions(module, conventions)));
  }
  return found;
}

/** Per venv: a module's installed providers (every image's resolver asks again for the same modules). */
const installedByEnvironment = new WeakMap<InstalledEnvironment, Map<string, readonly string[]>>();

export class DistributionResolver {
  private readonly commandOwners = new Map<string, string[]>();
  private readonly providersOf = new Map<string, string[]>();
  private readonly expectedFor = new Map<string, string>();

  constructor(
    readonly env: InstalledEnvironment | undefined,
    /** Distributions the project declares (normalized). */
    readonly declared: ReadonlySet<string>,
    /** Top-level names the project's own code provides. */
    readonly localModules: ReadonlySet<string>,
  ) {
    for (const [dist, commands] of Object.entries(COMMAND_NAMES)) {
      for (const c of commands) this.commandOwners.set(c, [...(this.commandOwners.get(c) ?? []), dist]);
    }
  }

  private relevant(name: string): boolean {
    return this.declared.has(name) || Boolean(this.env?.dists.has(name));
  }

  /** The venv's providers of the longest matching prefix of `module` (the same for every scope's resolver: kept per venv). */
  private installedProviders(module: string): readonly string[] {
    if (!this.env) return [];
    let known = installedByEnvironment.get(this.env);
    if (!known) installedByEnvironment.set(this.env, (known = new Map()));
    let found = known.get(module);
    if (found === undefined) {
      found = [];
      const parts = module.split('.');
      for (let depth = Math.min(3, parts.length); depth >= 1; depth--) {
        const hit = this.env.providers.get(parts.slice(0, depth).join('.'));
        if (hit) {
          found = hit;
          break;
        }
      }
      known.set(module, found);
    }
    return found;
  }

  /** Declared or installed distributions that provide `module`. */
  providers(module: string): string[] {
    return [...this.knownProviders(module)];
  }

  /** The same as `providers`, the resolver's own array: for callers that only read it. */
  knownProviders(module: string): readonly string[] {
    // Asked once per import site (tens of thousands in a large project) for a few thousand modules.
    let known = this.providersOf.get(module);
    if (!known) this.providersOf.set(module, (known = this.findProviders(module)));
    return known;
  }

  private findProviders(module: string): string[] {
    const local = this.localModules.has(module.split('.')[0]);
    const out = new Set(this.installedProviders(module));
    for (const c of candidatesFor(module, !local)) {
      // A declared package the venv does not hold still counts (it may be installed elsewhere).
      if (this.declared.has(c) && !this.env?.dists.has(c)) out.add(c);
      else if (out.size === 0 && this.relevant(c)) out.add(c);
    }
    return [...out];
  }

  /** The distribution to declare for an import nothing declares (venv metadata, else the table). */
  expectedDistribution(module: string): string {
    // Asked again for the same modules by every scope the resolver serves (the repository, images).
    let expected = this.expectedFor.get(module);
    if (expected === undefined) {
      const installed = this.installedProviders(module);
      expected = installed.length > 0 ? installed[0] : expectedDistributionName(module) || normalizeName(module.split('.')[0]);
      this.expectedFor.set(module, expected);
    }
    return expected;
  }

  /** Distributions that install a command (console scripts, known commands, or the same name). */
  commandProviders(command: string): string[] {
    const out = new Set<string>([...(this.env?.scripts.get(command) ?? []), ...(this.commandOwners.get(command) ?? [])]);
    const same = normalizeName(command);
    if (this.relevant(same)) out.add(same);
    return [...out].filter((d) => this.relevant(d));
  }
}
