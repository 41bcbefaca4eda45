/**
 * Names a file loses (an Ollama setting it defined, a route helper) may still be imported by
 * another file that keeps its use. The transform sees one file at a time, so the check runs at
 * project level: such a file is reverted, with the importing line as the reason.
 */
import type { FinishResult, ProjectContext } from '../../../src/engine/types.js';
import { collectImports } from '../../../src/python/imports.js';
import { analyzeScopes } from '../../../src/python/scopes.js';
import { PyTree } from '../../../src/python/tree.js';

interface Defined {
  module: Map<string, number>;
  /** Names bound in class bodies (settings classes read as `Settings.X` or `config["X"]`). */
  classLevel: Map<string, number>;
}

/** Module-level and class-level names of a file, with the line each is first bound on. */
function definedNames(text: string): Defined {
  const out: Defined = { module: new Map(), classLevel: new Map() };
  const tree = new PyTree(text);
  if (tree.hasError) return out;
  for (const scope of analyzeScopes(tree).scopes) {
    const target = scope.kind === 'module' ? out.module : scope.kind === 'class' ? out.classLevel : undefined;
    if (!target) continue;
    for (const [name, bindings] of scope.bindings) if (!target.has(name)) target.set(name, tree.lines.position(bindings[0].node.start).line);
  }
  return out;
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
  const lost = new Map<string, { module: Map<string, number>; classLevel: Map<string, number> }>();
  for (const r of python) {
    if (r.status !== 'modified') continue;
    const before = original(r.path);
    const after = project.read(r.path)?.text;
    if (before === undefined || after === undefined) continue;
    const b = definedNames(before);
    const a = definedNames(after);
    const gone = { module: new Map([...b.module].filter(([n]) => !a.module.has(n))), classLevel: new Map([...b.classLevel].filter(([n]) => !a.classLevel.has(n))) };
    if (gone.module.size || gone.classLevel.size) lost.set(r.path, gone);
  }
  const reverts: NonNullable<FinishResult['revert']> = [];
  const reverted = new Set<string>();
  const revert = (target: string, name: string, line: number, by: string) => {
    reverted.add(target);
    reverts.push({ path: target, line, column: 1, reason: `left unchanged: ${name}, which the codemod would remove here, is still used by ${by}; remove that use first, then run again` });
  };
  const allPython = project.files.filter((f) => f.endsWith('.py') && !deleted.has(f));
  for (let changed = true; changed;) {
    changed = false;
    for (const f of allPython) {
      const text = reverted.has(f) ? original(f) : project.read(f)?.text ?? original(f);
      if (text === undefined) continue;
      const tree = new PyTree(text);
      if (tree.hasError) continue;
      const imports = collectImports(analyzeScopes(tree)).names;
      for (const imp of imports) {
        if (imp.kind !== 'from' || imp.name === null) continue;
        const target = resolveModule(files, f, imp.module, imp.level);
        if (!target || target === f || reverted.has(target)) continue;
        const line = lost.get(target)?.module.get(imp.name);
        if (line === undefined) continue;
        revert(target, imp.name, line, `${f}:${tree.lines.position(imp.node.start).line}`);
        changed = true;
      }
      // Class-level settings read from elsewhere: `Settings.OLLAMA_URL`, `config["OLLAMA_URL"]`.
      for (const [target, gone] of lost) {
        if (target === f || reverted.has(target)) continue;
        for (const [name, line] of gone.classLevel) {
          const m = new RegExp(`\\.\\s*${name}\\b|["']${name}["']`).exec(text);
          if (!m) continue;
          revert(target, name, line, `${f}:${tree.lines.position(m.index).line}`);
          changed = true;
          break;
        }
      }
    }
  }
  return reverts;
}
