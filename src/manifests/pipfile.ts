/** Pipfile (TOML): `[packages]` and `[dev-packages]`, plus any custom package category; positions from toml.ts. */
import { parse as parseToml } from 'smol-toml';
import { lineAt, Locator, tableOffset } from './locate.js';
import { normalizeName } from './requirement.js';
import { keyPosition, tomlPositions } from './toml.js';
import type { Manifest } from './types.js';

const NOT_PACKAGES = new Set(['source', 'requires', 'scripts', 'pipenv']);

export function parsePipfile(path: string, text: string): Manifest {
  const manifest: Manifest = { path, kind: 'pipfile', dependencies: [], includes: [], constraints: [], problems: [] };
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (err) {
    manifest.problems.push({ line: (err as { line?: number }).line ?? 1, message: `invalid TOML: ${(err as Error).message.split('\n')[0]}` });
    return manifest;
  }
  const locate = new Locator(text);
  const positions = tomlPositions(text);
  for (const [category, body] of Object.entries(doc)) {
    if (NOT_PACKAGES.has(category) || !body || typeof body !== 'object' || Array.isArray(body)) continue;
    const group = category === 'packages' ? 'main' : category === 'dev-packages' ? 'group:dev' : `group:${normalizeName(category)}`;
    const header = tableOffset(text, [category]);
    const fallback = header < 0 ? 1 : lineAt(text, header);
    for (const [rawName, value] of Object.entries(body as Record<string, unknown>)) {
      const spec = value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
      const version = typeof value === 'string' ? value : typeof spec?.version === 'string' ? spec.version : '';
      // Its `name = ...` entry or its own `[category.name]` table; by search when the file cannot be scanned.
      const where = keyPosition(positions, [category], rawName);
      manifest.dependencies.push({
        name: normalizeName(rawName), rawName,
        extras: Array.isArray(spec?.extras) ? (spec!.extras as unknown[]).filter((e): e is string => typeof e === 'string').map(normalizeName) : [],
        specifier: version === '*' ? '' : version,
        marker: typeof spec?.markers === 'string' ? spec.markers : undefined,
        url: typeof spec?.git === 'string' ? spec.git : typeof spec?.path === 'string' ? spec.path : typeof spec?.file === 'string' ? spec.file : undefined,
        manifest: path, line: where ? lineAt(text, where.at.start) : locate.key(rawName, Math.max(0, header), fallback), group,
        entry: where?.entry,
        editable: spec?.editable === true || undefined,
      });
    }
  }
  return manifest;
}
