/** What the dependency rules share: the fields of a finding about a declaration, and wording. */
import type { DependencyAnalysis, PackageVerdict } from '../../deps/analysis.js';
import type { ImageDependencies } from '../../deps/image-deps.js';
import type { DeclaredDependency } from '../../manifests/types.js';

export function isHeavy(v: PackageVerdict, threshold: number): boolean {
  return Math.max(v.size?.bytes ?? 0, v.withDependencies.bytes) >= threshold;
}

export function unusedFindingFields(v: PackageVerdict, d: DeclaredDependency, analysis: DependencyAnalysis, images: ImageDependencies[] = []): Record<string, unknown> {
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
    images: images.length > 0 ? images.map((i) => i.image.path) : undefined,
  };
}

/** "only the image of X installs it, and the code it copies in never uses it". */
export function imageScopeText(images: ImageDependencies[]): string {
  const names = images.map((i) => i.image.path).join(', ');
  return `only ${images.length === 1 ? 'the image of' : 'the images of'} ${names} install${images.length === 1 ? 's' : ''} it, and no code copied into ${images.length === 1 ? 'it' : 'them'} imports, runs or needs it`;
}
