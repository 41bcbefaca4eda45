/**
 * Which declarations prune-requirements removes: the packages `repolish scan` reports as
 * deps/unused and deps/heavy-unused (and, per image, those an image installs and never uses),
 * never one that a used package still needs: an unused package is by definition outside the
 * closure of what the project uses. Pure: facts in, removals and review notes out.
 */
import { analyzeDependencies } from '../../src/deps/analysis.js';
import { place } from '../../src/deps/describe.js';
import { allImageDependencies, effectiveVerdicts, heavyUnusedInImages } from '../../src/deps/image-deps.js';
import { requirementRemovalBlockers, unreadText } from '../../src/deps/unread.js';
import { EDITABLE_MANIFEST_KINDS } from '../../src/manifests/kinds.js';
import type { ScanContext as RuleContext } from '../../src/model/context.js';

export interface Removal {
  /** The manifest to edit, relative to the root. */
  manifest: string;
  /** Normalized distribution name. */
  package: string;
  line: number;
  /** Why: for the summary. */
  reason: string;
  bytes: number;
  estimated: boolean;
  /** Images whose code decided it (empty: the whole repository). */
  images: string[];
}

export interface Saving {
  /** `the environment`, or `the image of Podmanfile.ui`. */
  scope: string;
  bytes: number;
  estimated: boolean;
}

export interface PlanNote {
  path: string;
  line: number;
  message: string;
}

export interface PrunePlan {
  removals: Removal[];
  review: PlanNote[];
  /** What removing them all together frees (each package counted once), per scope. */
  savings: Saving[];
}

export interface PruneOptions {
  /** Judge requirement files that only container images install by the code those images copy in. */
  images: boolean;
  /** Also remove development tools that nothing runs or configures. */
  tools: boolean;
}

export function planPruning(context: RuleContext, options: PruneOptions): PrunePlan {
  const analysis = analyzeDependencies(context);
  const kindOf = new Map(analysis.manifests.map((m) => [m.path, m.kind]));
  const review: PlanNote[] = [];
  const removals: Removal[] = [];
  const verdicts = options.images
    ? effectiveVerdicts(context)
    : [...analysis.verdicts.values()].flatMap((verdict) => verdict.declarations.map((declaration) => ({ declaration, verdict, images: [] })));
  const seen = new Set<string>();
  for (const { declaration: d, verdict: v, images } of verdicts) {
    const removable = v.status === 'unused' || (options.tools && v.status === 'tool');
    if (!removable && v.status !== 'unknown') continue;
    const key = `${d.manifest}:${v.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A Python file that could not be read may import it: never remove it then, and say why.
    const blockers = v.status === 'unknown' ? v.unreadFiles ?? [] : requirementRemovalBlockers(d.manifest, analysis.python.unread);
    if (blockers.length > 0) {
      review.push({ path: d.manifest, line: d.line, message: `${v.name} kept: ${unreadText(blockers)}, so whether it is used is unknown` });
      continue;
    }
    if (!removable) continue;
    const kind = kindOf.get(d.manifest);
    if (!kind || !EDITABLE_MANIFEST_KINDS.has(kind)) {
      review.push({ path: d.manifest, line: d.line, message: `${v.name} is unused: remove it from ${place(d.manifest, d.line)} by hand (${kind ?? 'this file'} is not edited by prune-requirements)` });
      continue;
    }
    const scope = images.length > 0 ? `the image of ${images.map((i) => i.image.path).join(', ')} never uses it` : v.status === 'tool' ? 'nothing runs or configures it' : 'nothing imports, runs or needs it';
    removals.push({
      manifest: d.manifest, package: v.name, line: d.line, reason: scope, bytes: v.withDependencies.bytes,
      estimated: Boolean(v.withDependencies.estimated || v.size?.estimated), images: images.map((i) => i.image.path),
    });
  }
  if (options.images) {
    // Packages a build file installs by name (`RUN pip install torch`): that line is not a manifest.
    for (const { deps, verdicts: unused } of heavyUnusedInImages(context)) {
      for (const v of unused) {
        for (const d of v.declarations) {
          if (d.manifest !== deps.image.path) continue;
          review.push({ path: d.manifest, line: d.line, message: `${v.name} is installed here but the image's code never uses it: remove it from this RUN by hand` });
        }
      }
    }
  }
  // What they free together: everything only they pull in, counted once per scope.
  const savings: Saving[] = [];
  const repoWide = new Set(removals.filter((r) => r.images.length === 0).map((r) => r.package));
  if (repoWide.size > 0) {
    const kept = analysis.graph.closure(analysis.allRoots.filter((r) => !repoWide.has(r.name)));
    const gone = [...analysis.graph.closure([...repoWide].map((name) => ({ name })))].filter((n) => !kept.has(n));
    savings.push({ scope: analysis.env ? `${analysis.env.path}/` : 'an install of the manifests', ...analysis.graph.total(gone) });
  }
  for (const image of new Set(removals.flatMap((r) => r.images))) {
    const deps = allImageDependencies(context).find((i) => i.image.path === image);
    if (deps?.scope) savings.push({ scope: `the image of ${image}`, bytes: deps.scope.removable.bytes, estimated: deps.scope.removable.estimated });
  }
  return { removals: removals.sort((a, b) => a.manifest.localeCompare(b.manifest) || a.line - b.line), review, savings };
}
