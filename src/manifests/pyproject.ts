/**
 * pyproject.toml: PEP 621 `[project]` dependencies and optional-dependencies, PEP 735
 * `[dependency-groups]`, `[build-system] requires`, Poetry (`[tool.poetry]` dependencies, groups
 * and dev-dependencies), uv and PDM development dependencies. Values come from smol-toml; where
 * each one is (its line, and the span an editor removes) from toml.ts, the positions the editors
 * (pyproject-edit.ts) use too.
 */
import { parse as parseToml } from 'smol-toml';
import { lineAt, Locator, tableOffset } from './locate.js';
import { parseRequirement as parseWithSpans } from './pep508.js';
import { normalizeName, parseRequirement } from './requirement.js';
import { keyPosition, tomlPositions, type TomlPositions } from './toml.js';
import type { DeclaredDependency, Manifest } from './types.js';

type Table = Record<string, unknown>;

function table(value: unknown): Table | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function parsePyproject(path: string, text: string): Manifest {
  const manifest: Manifest = { path, kind: 'pyproject', dependencies: [], includes: [], constraints: [], problems: [] };
  let doc: Table;
  try {
    doc = parseToml(text.replace(/^\uFEFF/, '')) as Table;
  } catch (err) {
    const line = (err as { line?: number }).line ?? 1;
    manifest.problems.push({ line, message: `invalid TOML: ${(err as Error).message.split('\n')[0]}` });
    return manifest;
  }
  const locate = new Locator(text);
  const headerLine = (keys: string[]) => {
    const at = tableOffset(text, keys);
    return { at: Math.max(0, at), line: at < 0 ? 1 : lineAt(text, at) };
  };

  const positions = tomlPositions(text);
  const pep508 = (values: string[], group: string, keys: string[], listPath: string[]) => {
    const { at, line: fallback } = headerLine(keys);
    const list = positions?.entry(listPath)?.value;
    const items = list?.kind === 'array' ? list.items.filter((item) => item.kind === 'string') : undefined;
    values.forEach((value, i) => {
      // The scanned string at the same index is this value; without positions, its first unused occurrence.
      const item = items?.length === values.length ? items[i] : undefined;
      const line = item ? lineAt(text, item.start) : locate.string(value, at, fallback);
      // A string written without escapes: its parts have offsets in the file.
      const quote = item?.kind === 'string' ? item.quote.length : 0;
      const written = item && text.slice(item.start + quote, item.end - quote) === value;
      const req = written ? parseWithSpans(value, item.start + quote) : parseRequirement(value);
      if (!req) {
        manifest.problems.push({ line, message: `cannot read requirement: ${value}` });
        return;
      }
      const dep: DeclaredDependency = { ...req, manifest: path, line, group };
      if (item) dep.entry = { start: item.start, end: item.end };
      manifest.dependencies.push(dep);
    });
  };

  const project = table(doc.project);
  if (project) {
    if (typeof project.name === 'string') manifest.projectName = normalizeName(project.name);
    pep508(strings(project.dependencies), 'main', ['project'], ['project', 'dependencies']);
    const optional = table(project['optional-dependencies']) ?? {};
    for (const [extra, values] of Object.entries(optional)) {
      const keys = tableOffset(text, ['project', 'optional-dependencies']) >= 0 ? ['project', 'optional-dependencies'] : ['project'];
      pep508(strings(values), `extra:${normalizeName(extra)}`, keys, ['project', 'optional-dependencies', extra]);
    }
  }
  const build = table(doc['build-system']);
  if (build) pep508(strings(build.requires), 'build', ['build-system'], ['build-system', 'requires']);

  const groups = table(doc['dependency-groups']) ?? {};
  for (const [group, values] of Object.entries(groups)) {
    // `{include-group = "x"}` entries name another group: its own entries are read there.
    pep508(strings(values), `group:${normalizeName(group)}`, ['dependency-groups'], ['dependency-groups', group]);
  }

  const tool = table(doc.tool) ?? {};
  const uv = table(tool.uv);
  if (uv) pep508(strings(uv['dev-dependencies']), 'group:dev', ['tool', 'uv'], ['tool', 'uv', 'dev-dependencies']);
  const pdmDev = table(table(tool.pdm)?.['dev-dependencies']) ?? {};
  for (const [group, values] of Object.entries(pdmDev)) pep508(strings(values), `group:${normalizeName(group)}`, ['tool', 'pdm', 'dev-dependencies'], ['tool', 'pdm', 'dev-dependencies', group]);

  // setuptools can read the dependency list from requirement files.
  const dynamic = table(table(tool.setuptools)?.dynamic) ?? {};
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  for (const key of ['dependencies', 'optional-dependencies']) {
    const entry = table(dynamic[key]);
    const files = entry ? [...strings(entry.file), ...(typeof entry.file === 'string' ? [entry.file] : [])] : [];
    for (const values of key === 'optional-dependencies' && entry ? Object.values(entry).map(table) : []) {
      if (values) files.push(...strings(values.file), ...(typeof values.file === 'string' ? [values.file] : []));
    }
    for (const file of files) manifest.includes.push(`${dir}${file.replace(/^\.\//, '')}`);
  }

  const poetry = table(tool.poetry);
  if (poetry) readPoetry(poetry, manifest, text, locate, positions);
  return manifest;
}

function readPoetry(poetry: Table, manifest: Manifest, text: string, locate: Locator, positions: TomlPositions | undefined): void {
  if (typeof poetry.name === 'string' && !manifest.projectName) manifest.projectName = normalizeName(poetry.name);
  const extraOf = new Map<string, string>();
  for (const [extra, names] of Object.entries(table(poetry.extras) ?? {})) {
    for (const name of strings(names)) extraOf.set(normalizeName(name), `extra:${normalizeName(extra)}`);
  }
  const read = (deps: Table | undefined, group: string, keys: string[]) => {
    if (!deps) return;
    const header = tableOffset(text, keys);
    const fallback = header < 0 ? 1 : lineAt(text, header);
    for (const [rawName, value] of Object.entries(deps)) {
      if (rawName.toLowerCase() === 'python') continue;
      // `name = ...` in the table, or its own `[...dependencies.name]` table.
      const where = keyPosition(positions, keys, rawName);
      const line = where ? lineAt(text, where.at.start) : locate.key(rawName, Math.max(0, header), fallback);
      const spec = table(value);
      const name = normalizeName(rawName);
      const dep: DeclaredDependency = {
        name, rawName, extras: strings(spec?.extras).map(normalizeName),
        specifier: typeof value === 'string' ? value : typeof spec?.version === 'string' ? spec.version : '',
        manifest: manifest.path, line, group,
      };
      if (where?.entry) dep.entry = where.entry;
      if (spec?.optional === true) dep.group = extraOf.get(name) ?? 'extra:optional';
      if (typeof spec?.markers === 'string') dep.marker = spec.markers;
      const url = spec?.git ?? spec?.url ?? spec?.path;
      if (typeof url === 'string') dep.url = url;
      manifest.dependencies.push(dep);
    }
  };
  read(table(poetry.dependencies), 'main', ['tool', 'poetry', 'dependencies']);
  read(table(poetry['dev-dependencies']), 'group:dev', ['tool', 'poetry', 'dev-dependencies']);
  for (const [group, body] of Object.entries(table(poetry.group) ?? {})) {
    read(table(table(body)?.dependencies), `group:${normalizeName(group)}`, ['tool', 'poetry', 'group', group, 'dependencies']);
  }
}
