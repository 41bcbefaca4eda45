/**
 * The dependency graph that decides what removing a package frees: edges and sizes measured from
 * the virtualenv (Requires-Dist with markers evaluated for the venv's platform and the extras
 * asked for), and, for packages the venv does not hold, the typical edges and sizes of the
 * known heavy packages, marked as estimates.
 */
import { markerApplies, linuxEnvironment, type MarkerEnvironment } from './markers.js';
import type { InstalledEnvironment } from './installed.js';
import { TYPICAL_INSTALLED_BYTES, TYPICAL_REQUIREMENTS } from './known-packages.js';

export interface Root {
  name: string;
  extras?: readonly string[];
}

export interface PackageSize {
  bytes: number;
  /** True when the size is a typical figure, not measured on disk. */
  estimated: boolean;
}

export class DependencyGraph {
  readonly markerEnvironment: MarkerEnvironment;

  constructor(readonly env?: InstalledEnvironment) {
    this.markerEnvironment = env?.markerEnvironment ?? linuxEnvironment();
  }

  installed(name: string): boolean {
    return Boolean(this.env?.dists.has(name));
  }

  /** Measured size when installed, else a typical size for known heavy packages, else unknown. */
  size(name: string): PackageSize | undefined {
    const dist = this.env?.dists.get(name);
    if (dist) return { bytes: dist.bytes, estimated: false };
    const typical = TYPICAL_INSTALLED_BYTES[name];
    return typical === undefined ? undefined : { bytes: Math.round(typical), estimated: true };
  }

  bytes(name: string): number {
    return this.size(name)?.bytes ?? 0;
  }

  /** Whether the requirements of this package are known (installed, or in the typical table). */
  knowsRequirements(name: string): boolean {
    return this.installed(name) || name in TYPICAL_REQUIREMENTS;
  }

  /** Edges by package and requested extras: markers are evaluated once per combination. */
  private readonly edgeCache = new Map<string, Root[]>();

  /** Direct requirements that apply, given the extras requested of the package. */
  requirements(name: string, extras: ReadonlySet<string> = new Set()): Root[] {
    const key = extras.size === 0 ? name : `${name}[${[...extras].sort().join(',')}]`;
    const cached = this.edgeCache.get(key);
    if (cached) return cached;
    let out: Root[];
    const dist = this.env?.dists.get(name);
    if (dist) {
      out = [];
      for (const req of dist.requires) {
        if (!markerApplies(req.marker, this.markerEnvironment, extras)) continue;
        // pip installs only what applies; a requirement that is not installed was not needed here.
        if (!this.installed(req.name)) continue;
        out.push({ name: req.name, extras: req.extras });
      }
    } else {
      out = (TYPICAL_REQUIREMENTS[name] ?? []).map((n) => ({ name: n }));
    }
    this.edgeCache.set(key, out);
    return out;
  }

  /**
   * Every package the roots need (the roots included). `opaque` packages are included but their
   * requirements are not followed (to ask what only they pull in).
   */
  closure(roots: Iterable<Root>, opaque: ReadonlySet<string> = new Set()): Set<string> {
    return this.traverse(roots, opaque);
  }

  /**
   * The one traversal behind both closures: a package is visited again only when it is reached
   * with extras not seen before; `reached` hears every edge (parent undefined for the roots).
   */
  private traverse(roots: Iterable<Root>, opaque: ReadonlySet<string>, reached?: (name: string, parent: string | undefined) => void): Set<string> {
    const extrasOf = new Map<string, Set<string>>();
    const queue: Array<Root & { parent?: string }> = [...roots];
    while (queue.length > 0) {
      const { name, extras = [], parent } = queue.pop()!;
      reached?.(name, parent);
      let known = extrasOf.get(name);
      const isNew = !known;
      if (!known) extrasOf.set(name, (known = new Set()));
      const added = extras.filter((e) => !known!.has(e));
      if (!isNew && added.length === 0) continue;
      for (const e of added) known.add(e);
      if (opaque.has(name)) continue;
      for (const req of this.requirements(name, known)) queue.push({ ...req, parent: name });
    }
    return new Set(extrasOf.keys());
  }

  /** Sum of sizes; `estimated` when any part is not measured. */
  total(names: Iterable<string>): PackageSize {
    let bytes = 0;
    let estimated = false;
    for (const n of names) {
      const s = this.size(n);
      if (!s) continue;
      bytes += s.bytes;
      estimated ||= s.estimated;
    }
    return { bytes, estimated };
  }

  /** Packages in the closure of `roots` that nothing in `others` needs. */
  exclusive(roots: Iterable<Root>, others: Iterable<Root>): Set<string> {
    const mine = this.closure(roots);
    const theirs = this.closure(others);
    return new Set([...mine].filter((n) => !theirs.has(n)));
  }

  /** The closure with, for every package, the packages in it that require it directly. */
  closureWithParents(roots: Iterable<Root>): { nodes: Set<string>; parents: Map<string, Set<string>> } {
    const parents = new Map<string, Set<string>>();
    const nodes = this.traverse(roots, new Set(), (name, parent) => {
      if (!parent) return;
      let set = parents.get(name);
      if (!set) parents.set(name, (set = new Set()));
      set.add(parent);
    });
    return { nodes, parents };
  }
}
