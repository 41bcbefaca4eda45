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
import { GPU_FRAMEWORKS, isAcceleratorRuntime } from '../../src/deps/known-packages.js';
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

/**
 * Packages a model library loads at run time, often without declaring them (an optional backend,
 * `import torch` inside a function): torch and its add-ons, TensorFlow, JAX/Flax, ONNX Runtime,
 * the Hugging Face runtime pieces, accelerator libraries.
 */
function modelRuntime(name: string): boolean {
  return GPU_FRAMEWORKS.has(name) || isAcceleratorRuntime(name)
    || /^(?:torch|tensorflow|jax|flax|onnxruntime|tf-keras|keras)/.test(name)
    || ['accelerate', 'transformers', 'safetensors', 'tokenizers', 'sentencepiece', 'optax', 'orbax-checkpoint', 'huggingface-hub'].includes(name);
}

/**
 * Code that imports a module no declared requirement provides (and no installed or kept package
 * brings) runs with dependencies nobody can see: each removal of a model runtime it could load
 * gets a review item saying what to check, the removal itself stays.
 */
function undeclaredImportNotes(analysis: ReturnType<typeof analyzeDependencies>, removals: readonly Removal[]): PlanNote[] {
  const unknown = analysis.missing.filter((m) => !m.installed && m.transitiveVia.length === 0 && m.sites.length > 0);
  if (unknown.length === 0) return [];
  const named = unknown.slice(0, 3).map((m) => `${m.module} (${place(m.sites[0].path, m.sites[0].line)})`).join(', ') + (unknown.length > 3 ? `, and ${unknown.length - 3} more` : '');
  return removals.filter((r) => modelRuntime(r.package)).map((r) => ({
    path: r.manifest, line: r.line,
    message: `${r.package} removed, but the code imports ${named}, which no requirement provides: check whether ${unknown.length === 1 ? 'it needs' : 'they need'} ${r.package} at run time (${unknown.length === 1 ? 'its' : 'their'} own requirements, an optional backend) and keep it if so`,
  }));
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
  review.push(...undeclaredImportNotes(analysis, removals));
  return { removals: removals.sort((a, b) => a.manifest.localeCompare(b.manifest) || a.line - b.line), review, savings };
}
