/**
 * Names a file loses (an Ollama setting it defined, a route helper) may still be used by another
 * file that keeps its use. The transform sees one file at a time, so the check runs at project
 * level, from what each transform reported about the text as read (`history[0]`) and as left
 * (`data`): such a file is reverted, with the using line as the reason.
 */
import { pythonParseRefusal } from '../../../src/python/parse-limits.js';
import type { FinishResult } from '../../../src/engine/types.js';
import { readProjectFile } from '../../../src/model/project-file.js';
import { MAX_TEXT_BYTES } from '../../../src/model/facts.js';
import { collectImports } from '../../../src/python/imports.js';
import { analyzeScopes } from '../../../src/python/scopes.js';
import { PyTree } from '../../../src/python/tree.js';
import type { FileData, OllamaProject } from '../file-data.js';

type FromImport = NonNullable<FileData['fromImports']>[number];

/** The file a module name refers to, among the project's files. */
export function resolveModule(files: ReadonlySet<string>, from: string, module: string, level: number): string | undefined {
  let base: string[] = [];
  if (level > 0) {
    const dir = from.split('/').slice(0, -1);
    base = dir.slice(0, Math.max(0, dir.length - (level - 1)));
  }
  const parts = [...base, ...(module ? module.split('.') : [])];
  if (parts.length === 0) return undefined;
  const file = `${parts.join('/')}.py`;
  if (files.has(file)) return file;
  const init = `${parts.join('/')}/__init__.py`;
  if (files.has(init)) return init;
  if (level > 0) return undefined;
  // Below a source root (`src/pkg/mod.py`, `AppFolder/pkg/mod.py`): the one file whose path ends so.
  const found = [...files].filter((f) => f.endsWith(`/${file}`) || f.endsWith(`/${init}`));
  return found.length === 1 ? found[0] : undefined;
}

/** The name other files use for a module: `config` for `backend/config.py`, `settings` for `pkg/settings/__init__.py`. */
function moduleStem(path: string): string {
  const parts = path.replace(/\.py$/, '').split('/');
  const last = parts.at(-1)!;
  return last === '__init__' && parts.length > 1 ? parts.at(-2)! : last;
}

/** A file as it is on disk (a reverted file's text as read). */
function textAsRead(root: string, path: string): string | undefined {
  // Through the safe reader: a regular file inside the root, never a symlink's target.
  try { return readProjectFile(root, path, MAX_TEXT_BYTES).toString('utf8').replace(/^\uFEFF/, ''); } catch { return undefined; }
}

/** `from m import name` statements of a file the transform did not see (it has no trigger). */
function parsedFromImports(text: string): FromImport[] {
  // Beyond the parse limits (python/parse-limits.ts) a file is treated like one that does not parse.
  if (pythonParseRefusal(text)) return [];
  const tree = new PyTree(text);
  if (tree.hasError) return [];
  return collectImports(analyzeScopes(tree)).names.filter((i) => i.kind === 'from' && i.name !== null)
    .map((i) => ({ module: i.module, level: i.level, name: i.name!, line: tree.lines.position(i.node.start).line }));
}

export function crossFileReverts(project: OllamaProject, deleted: ReadonlySet<string>): NonNullable<FinishResult['revert']> {
  const files = new Set(project.files);
  const results = new Map(project.results.map((r) => [r.path, r]));
  const lost = new Map<string, { module: Map<string, number>; classLevel: Map<string, number> }>();
  for (const r of project.results) {
    if (r.status !== 'modified' || !r.path.endsWith('.py')) continue;
    const before = r.history[0]?.defined;
    const after = r.data?.defined;
    if (!before || !after) continue;
    const gone = {
      module: new Map(Object.entries(before.module).filter(([n]) => !(n in after.module))),
      classLevel: new Map(Object.entries(before.classLevel).filter(([n]) => !(n in after.classLevel))),
    };
    if (gone.module.size || gone.classLevel.size) lost.set(r.path, gone);
  }
  const reverts: NonNullable<FinishResult['revert']> = [];
  if (lost.size === 0) return reverts;
  const reverted = new Set<string>();
  const revert = (target: string, name: string, line: number, by: string) => {
    reverted.add(target);
    reverts.push({ path: target, line, column: 1, reason: `left unchanged: ${name}, which the codemod would remove here, is still used by ${by}; remove that use first, then run again` });
  };
  const python = project.files.filter((f) => f.endsWith('.py') && !deleted.has(f));
  const unseen = new Map<string, { text: string; imports: FromImport[] }>();
  for (let changed = true; changed;) {
    changed = false;
    for (const f of python) {
      const r = results.get(f);
      // A reverted file is back to its text as read: what it imported then counts again.
      let fromImports: FromImport[];
      let text: string;
      if (r) {
        const data = reverted.has(f) ? r.history[0] : r.data;
        fromImports = data?.fromImports ?? [];
        text = (reverted.has(f) ? textAsRead(project.root, f) : undefined) ?? project.read(f)?.text ?? '';
      } else {
        let u = unseen.get(f);
        if (!u) {
          const t = project.read(f)?.text ?? '';
          u = { text: t, imports: /\bimport\b/.test(t) ? parsedFromImports(t) : [] };
          unseen.set(f, u);
        }
        fromImports = u.imports;
        text = u.text;
      }
      for (const imp of fromImports) {
        const target = resolveModule(files, f, imp.module, imp.level);
        if (!target || target === f || reverted.has(target)) continue;
        const line = lost.get(target)?.module.get(imp.name);
        if (line === undefined) continue;
        revert(target, imp.name, line, `${f}:${imp.line}`);
        changed = true;
      }
      // Module-level names read through the module: `config.OLLAMA_URL` after `import config`,
      // Django's `settings.OLLAMA_HOST`, `getattr(settings, "OLLAMA_HOST", ...)`.
      for (const [target, gone] of lost) {
        if (target === f || reverted.has(target) || gone.module.size === 0) continue;
        // The module's own name, or what `import a.b.mod as x` / `from a.b import mod as x` calls it.
        const stem = moduleStem(target);
        const aliases = [stem, ...[...text.matchAll(new RegExp(`\\b(?:import[ \\t]+[\\w.]*\\b${stem}|import[ \\t]+${stem})[ \\t]+as[ \\t]+(\\w+)`, 'g'))].map((m) => m[1])];
        const who = `(?:${[...new Set(aliases)].join('|')})`;
        for (const [name, line] of gone.module) {
          const m = new RegExp(`\\b${who}\\s*\\.\\s*${name}\\b|getattr\\(\\s*${who}\\s*,\\s*["']${name}["']`).exec(text);
          if (!m) continue;
          revert(target, name, line, `${f}:${text.slice(0, m.index).split('\n').length}`);
          changed = true;
          break;
        }
      }
      // Class-level settings read from elsewhere: `Settings.OLLAMA_URL`, `config["OLLAMA_URL"]`.
      for (const [target, gone] of lost) {
        if (target === f || reverted.has(target)) continue;
        for (const [name, line] of gone.classLevel) {
          const m = new RegExp(`\\.\\s*${name}\\b|["']${name}["']`).exec(text);
          if (!m) continue;
          revert(target, name, line, `${f}:${text.slice(0, m.index).split('\n').length}`);
          changed = true;
          break;
        }
      }
    }
  }
  return reverts;
}
