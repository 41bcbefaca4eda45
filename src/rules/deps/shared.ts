/** Fields every dependency finding about a declaration carries. */
import type { DependencyAnalysis, PackageVerdict } from '../../deps/analysis.js';
import type { DeclaredDependency } from '../../manifests/types.js';

export function unusedFindingFields(v: PackageVerdict, d: DeclaredDependency, analysis: DependencyAnalysis): Record<string, unknown> {
  return {
    manifest: d.manifest,
    group: d.group,
    bytes: v.size?.bytes,
    freedBytes: v.freed.bytes,
    withDependenciesBytes: v.withDependencies.bytes,
    exclusiveDependencies: v.exclusiveDependencies,
    requiredBy: v.requiredBy,
    installed: v.installed,
    venv: analysis.env?.path,
  };
}
