/** Conda environment files (environment.yml): conda packages and the nested `pip:` list. */
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { normalizeName } from './requirement.js';
import { declaration } from './requirements-file.js';
import type { Manifest } from './types.js';

/** Conda package names whose PyPI distribution is called differently. */
const CONDA_TO_PYPI: Record<string, string> = {
  pytorch: 'torch',
  'pytorch-cpu': 'torch',
  'pytorch-gpu': 'torch',
  'py-opencv': 'opencv-python',
  'libopencv': 'opencv-python',
  'tensorflow-gpu': 'tensorflow',
  'faiss': 'faiss-cpu',
  'faiss-gpu': 'faiss-gpu',
  'matplotlib-base': 'matplotlib',
  'pytables': 'tables',
  'msgpack-python': 'msgpack',
};

/** The PyPI name of a conda package (normalized). */
export function pypiNameForConda(conda: string): string {
  const lower = conda.toLowerCase();
  return normalizeName(CONDA_TO_PYPI[lower] ?? lower);
}

/** Conda packages that are the interpreter or tooling, not project dependencies. */
const NOT_DEPENDENCIES = new Set(['python', 'pip', 'setuptools', 'wheel', 'conda']);

export function parseCondaEnvironment(path: string, text: string): Manifest {
  const manifest: Manifest = { path, kind: 'conda', dependencies: [], includes: [], constraints: [], problems: [] };
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    manifest.problems.push({ line: err.linePos?.[0].line ?? 1, message: `invalid YAML: ${err.message.split('\n')[0]}` });
    return manifest;
  }
  const lineOf = (node: Node) => counter.linePos(node.range?.[0] ?? 0).line;
  const root = doc.contents;
  if (!isMap(root)) return manifest;
  const deps = root.get('dependencies', true);
  if (!isSeq(deps)) return manifest;
  const dir = posix.dirname(path);
  for (const item of deps.items) {
    if (isScalar(item) && typeof item.value === 'string') {
      const spec = item.value.trim();
      const m = /^(?:[\w./-]+::)?([A-Za-z0-9_.-]+)\s*(.*)$/.exec(spec);
      if (!m) {
        manifest.problems.push({ line: lineOf(item), message: `cannot read conda package: ${spec}` });
        continue;
      }
      const conda = m[1].toLowerCase();
      if (NOT_DEPENDENCIES.has(conda)) continue;
      const pypi = CONDA_TO_PYPI[conda] ?? conda;
      manifest.dependencies.push({
        name: normalizeName(pypi), rawName: m[1], extras: [], specifier: m[2].replace(/\s+/g, ''), manifest: path, line: lineOf(item), group: 'main',
      });
      continue;
    }
    if (!isMap(item)) continue;
    const pip = item.get('pip', true);
    if (!isSeq(pip)) continue;
    for (const entry of pip.items) {
      if (!isScalar(entry) || typeof entry.value !== 'string') continue;
      const spec = entry.value.trim().replace(/\s+#.*$/, '');
      const line = lineOf(entry);
      const include = /^(?:-r|--requirement)[\s=]+(.+)$/.exec(spec);
      if (include) {
        manifest.includes.push(posix.normalize(dir === '.' ? include[1] : `${dir}/${include[1]}`));
        continue;
      }
      if (spec.startsWith('-') && !/^(-e|--editable)\s/.test(spec)) continue;
      const editable = /^(-e|--editable)\s+/.exec(spec);
      const dep = declaration(editable ? spec.slice(editable[0].length) : spec, path, line, Boolean(editable));
      if (dep === undefined) manifest.problems.push({ line, message: `cannot read requirement: ${spec}` });
      else if (dep) manifest.dependencies.push(dep);
    }
  }
  return manifest;
}
