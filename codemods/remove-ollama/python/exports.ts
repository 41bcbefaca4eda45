/**
 * Names a file loses (an Ollama setting it defined, a route helper) may still be imported by
 * another file that keeps its use. The transform sees one file at a time, so the check runs at
 * project level: such a file is reverted, with the importing line as the reason.
 */
import type { FinishResult, ProjectContext } from '../../../src/engine/types.js';
import { collectImports } from '../../../src/python/imports.js';
import { analyzeScopes } from '../../../src/python/scopes.js';
import { PyTree } from '../../../src/python/tree.js';

function moduleNames(text: string): Set<string> {
  const tree = new PyTree(text);
  if (tree.hasError) return new Set();
  return new Set(analyzeScopes(tree).module.bindings.keys());
}

/** The file a module name refers to, among the project's files. */
function resolveModule(files: ReadonlySet<string>, from: string, module: string, level: number): string | undefined {
  let base: string[];
  if (level > 0) {
    const dir = from.split('/').slice(0, -1);
    base = dir.slice(0, Math.max(0, dir.length - (level - 1)));
  } else base = [];
  const parts = [...base, ...(module ? module.split('.') : [])];
  if (parts.length === 0) return undefined;
  const file = `${parts.join('/')}.py`;
  if (files.has(file)) return file;
  const init = `${parts.join('/')}/__init__.py`;
  return files.has(init) ? init : undefined;
}

export function crossFileReverts(project: ProjectContext, deleted: ReadonlySet<string>, original: (path: string) => string | undefined): NonNullable<FinishResult['revert']> {
  const files = new Set(project.files);
  const python = project.results.filter((r) => r.path.endsWith('.py') && !deleted.has(r.path));
  const lost = new Map<string, Set<string>>();
  for (const r of python) {
    if (r.status !== 'modified') continue;
    const before = original(r.path);
    const after = project.read(r.path)?.text;
    if (before === undefined || after === undefined) continue;
    const a = moduleNames(after);
    const gone = [...moduleNames(before)].filter((n) => !a.has(n));
    if (gone.length) lost.set(r.path, new Set(gone));
  }
  const reverts: NonNullable<FinishResult['revert']> = [];
  const reverted = new Set<string>();
  const allPython = project.files.filter((f) => f.endsWith('.py') && !deleted.has(f));
  for (let changed = true; changed;) {
    changed = false;
    for (const f of allPython) {
      const text = reverted.has(f) ? original(f) : project.read(f)?.text ?? original(f);
      if (text === undefined || !/\bimport\b/.test(text)) continue;
      const tree = new PyTree(text);
      if (tree.hasError) continue;
      for (const imp of collectImports(analyzeScopes(tree)).names) {
        if (imp.kind !== 'from' || imp.name === null) continue;
        const target = resolveModule(files, f, imp.module, imp.level);
        if (!target || target === f || reverted.has(target)) continue;
        if (!lost.get(target)?.has(imp.name)) continue;
        reverted.add(target);
        const pos = tree.lines.position(imp.node.start);
        reverts.push({ path: target, reason: `left unchanged: ${imp.name}, which the codemod would remove here, is still imported by ${f}:${pos.line}; remove that use first, then run again` });
        changed = true;
      }
    }
  }
  return reverts;
}
