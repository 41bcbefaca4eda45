/**
 * The layer order of src/ and codemods/, and the test that keeps it: a folder (or a file directly
 * under src/ or codemods/) may import only from its own layer or the layers below it, folders
 * never import each other in a circle, and no file imports itself through others. The same order
 * is written in the README's "How it is built"; a test below keeps the two equal.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bottom first. A unit is a folder under src/ or codemods/, or a file directly in them (without
 * `.ts`); `codemods/*` is every codemod folder. Units of one layer may import each other (the cycle
 * check still applies).
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['src/errors', 'src/findings', 'src/version', 'src/text', 'src/jit-tuning'], // plain values, errors, the edit kernel, V8's compiler settings
  ['src/model'], // the walk, facts, settings and the scan context, command hints
  ['src/patch'], // diffs, safe writes, branches
  ['src/python'], // parsing Python
  ['src/manifests'], // dependency manifests: read and edit
  ['src/docker'], // container files, images, build contexts
  ['src/deps'], // dependency analysis: installed environments, imports, the graph
  ['src/cache'], // the persistent per-file analysis cache
  ['src/bloat'], // bloat kinds and the classifier
  ['src/engine'], // the codemod engine
  ['src/ignorefiles'], // .gitignore and .dockerignore plans
  ['src/rules'], // rules: context in, findings and fix edits out
  ['src/config', 'src/suppressions'],
  ['src/scan'],
  ['src/clean'],
  ['src/report'], // renderers
  ['src/fleet'],
  ['codemods/*', 'codemods/names', 'codemods/index'],
  ['src/commands'],
  ['src/cli'],
];

/**
 * Known violations another change removes; each names who removes it. An entry that no longer
 * occurs fails the test: delete it then.
 */
const PENDING: readonly { edge: string; why: string }[] = [
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) {
      // Case folders and stand-in modules are inputs of tests, not part of the program.
      if (name !== 'cases' && name !== 'standins' && name !== 'node_modules') out.push(...sourceFiles(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/** Relative imports and re-exports of a file, type-only ones included, resolved to files. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  const out: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const target = relative(ROOT, resolve(ROOT, dirname(file), ref.fileName)).split('\\').join('/');
    const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, `${target}/index.ts`];
    const hit = candidates.find((c) => c.endsWith('.ts') && exists(c));
    if (hit) out.push(hit);
  }
  return out;
}

function exists(path: string): boolean {
  try {
    return statSync(join(ROOT, path)).isFile();
  } catch {
    return false;
  }
}

function unitOf(file: string): string {
  const parts = file.split('/');
  return parts.length === 2 ? `${parts[0]}/${parts[1].replace(/\.ts$/, '')}` : `${parts[0]}/${parts[1]}`;
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit) || (unit.startsWith('codemods/') && layer.includes('codemods/*') && isCodemodFolder(unit)));
}

function isCodemodFolder(unit: string): boolean {
  try {
    return statSync(join(ROOT, unit)).isDirectory();
  } catch {
    return false;
  }
}

/** Strongly connected components of more than one node (Tarjan), each sorted. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

const files = [...sourceFiles('src'), ...sourceFiles('codemods')];
const fileGraph = new Map<string, Set<string>>(files.map((f) => [f, new Set(importsOf(f))]));
const unitGraph = new Map<string, Set<string>>();
/** `from -> to` of units, with the file imports that make each edge. */
const unitEdges = new Map<string, string[]>();
for (const [from, targets] of fileGraph) {
  for (const to of targets) {
    const a = unitOf(from);
    const b = unitOf(to);
    if (a === b) continue;
    unitGraph.set(a, (unitGraph.get(a) ?? new Set()).add(b));
    const key = `${a} -> ${b}`;
    unitEdges.set(key, [...(unitEdges.get(key) ?? []), `${from} -> ${to}`]);
  }
}
const pendingEdges = new Set(PENDING.map((p) => p.edge));
const isPending = (edge: string): boolean => pendingEdges.has(edge);

describe('layers', () => {
  it('every folder of src/ and codemods/ has a layer', () => {
    const units = [...new Set(files.map(unitOf))];
    expect(units.filter((u) => layerOf(u) < 0)).toEqual([]);
  });

  it('no folder imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const [edge, sites] of unitEdges) {
      const [from, to] = edge.split(' -> ');
      if (layerOf(to) > layerOf(from) && !isPending(edge)) upward.push(`${edge}: ${sites.join(', ')}`);
    }
    expect(upward).toEqual([]);
  });

  it('no two folders import each other, directly or around a circle', () => {
    const graph = new Map([...unitGraph].map(([from, to]) => [from, new Set([...to].filter((t) => !isPending(`${from} -> ${t}`)))]));
    expect(cycles(graph)).toEqual([]);
  });

  it('no file imports itself through other files', () => {
    const graph = new Map([...fileGraph].map(([from, to]) => [from, new Set([...to].filter((t) => !isPending(`${from} -> ${t}`)))]));
    expect(cycles(graph)).toEqual([]);
  });

  it('every pending exception still occurs (delete the ones that do not)', () => {
    const occurring = new Set([...unitEdges.keys(), ...[...fileGraph].flatMap(([from, to]) => [...to].map((t) => `${from} -> ${t}`))]);
    expect(PENDING.filter((p) => !occurring.has(p.edge)).map((p) => p.edge)).toEqual([]);
  });

  it('no module is only a re-export of another (an import names the module that holds the code)', () => {
    // A folder's index that gathers its own modules is the one kind of file allowed to be only exports.
    const barrels = new Set(['src/text/index.ts']);
    const stubs = files.filter((file) => {
      if (barrels.has(file)) return false;
      const statements = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest).statements;
      return statements.length > 0 && statements.every((s) => ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined);
    });
    expect(stubs).toEqual([]);
  });

  it('the README\'s "How it is built" lists the same layers, bottom first', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## How it is built'));
    const listed = [...section.slice(0, section.indexOf('\n## ', 3)).matchAll(/^\s*\d+\.\s+(.+)$/gm)].map((m) => [...m[1].matchAll(/`([^`]+)`/g)].map((c) => c[1]));
    expect(listed).toEqual(LAYERS.map((layer) => [...layer]));
  });
});
