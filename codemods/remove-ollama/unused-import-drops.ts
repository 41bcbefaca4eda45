/**
 * An edit that only drops imports its file never uses leaves nothing half-working, even where
 * Ollama stays the program's only model (only-model.ts), as long as no other code can reach the
 * dropped names by another way than an import statement (those, and `mod.NAME`, are the
 * cross-file check's). Python code can: a name table read with `getattr(module, name)`, a star
 * import, `sys.modules[...]` / `importlib` / `mock.patch("pkg.mod.NAME")`, a `globals()` handed
 * to a function that reads it, frame inspection. Any sign of those and the drop is not called
 * harmless: the only-model rule decides as before. `globals()` handed to a project function that
 * only stores into it (`namespace[name] = value`, a runtime name table filling the module) is
 * not a way to read the module's names.
 */
import type { ProjectContext } from '../../src/engine/types.js';
import { pythonParseRefusal } from '../../src/python/parse-limits.js';
import { PyTree, type PyNode } from '../../src/python/tree.js';
import type { FileData } from './file-data.js';
import { resolveModule } from './python/exports.js';

/** In the file itself: its namespace is handed out or read by name. */
const OWN_NAMESPACE_EXPOSED = /(?<![\w.])(?:vars|locals|exec|eval|__import__)\s*\(|__dict__|\bsys\s*\.\s*modules\b|\binspect\.[a-z_]|\bimport\s+inspect\b|\bfrom\s+inspect\b|\bdef\s+__getattr__\b|_getframe|f_globals|f_back/;
/** Anywhere in the project: code that reads another module's or the caller's namespace. */
const READS_OTHER_NAMESPACES = /_getframe|f_globals|f_back|\binspect\s*\.\s*(?:stack|currentframe|getmembers)/;
/** Anywhere in the project: a module imported by a name computed at run time (`import_module(f"pkg.{name}")`). */
const COMPUTED_IMPORT = /(?:import_module|__import__)\s*\(\s*(?!["'][\w.]*["']\s*[,)]|__name__\s*\))/;
/** Code that can look up the entry script's module by name. */
const READS_MAIN = /\bimport\s+__main__\b|modules\s*(?:\.\s*get\s*\(|\[)\s*["']__main__["']|import_module\s*\(\s*["']__main__/;
/** Code that reads names from an object it holds dynamically. */
const DYNAMIC_READ = /(?<![\w.])(?:getattr|vars|dir|hasattr)\s*\(|__dict__|\binspect\.[a-z_]/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The module path other code would name a file by: `rag/engine/chunking.py` -> `rag.engine.chunking`. */
function dottedName(path: string): string {
  return path.replace(/\.pyw?$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

/** How `text` imports `target`: as a module object, with `*`, or by names only (undefined: not at all). */
function importForms(files: ReadonlySet<string>, from: string, text: string, target: string): { object: boolean; star: boolean } | undefined {
  let object = false;
  let star = false;
  let any = false;
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^#\n]+)/gm)) {
    const level = m[1].length;
    const names = m[3].replace(/[()\\]/g, ' ').split(',').map((n) => n.trim().split(/\s+/)[0]);
    if (resolveModule(files, from, m[2], level) === target) {
      any = true;
      if (names.includes('*')) star = true;
    }
    for (const n of names) {
      if (/^\w+$/.test(n) && resolveModule(files, from, m[2] ? `${m[2]}.${n}` : n, level) === target) { any = true; object = true; }
    }
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w., \t]+)/gm)) {
    for (const part of m[1].split(',')) {
      if (resolveModule(files, from, part.trim().split(/\s+/)[0], 0) === target) { any = true; object = true; }
    }
  }
  return any ? { object, star } : undefined;
}

/** The function `name` as the file defines it or imports it from a project file, with its parsed tree. */
function definitionOf(project: ProjectContext, files: ReadonlySet<string>, from: string, text: string, name: string): PyNode | undefined {
  let source = text;
  const n = escape(name);
  const imported = new RegExp(`^[ \\t]*from[ \\t]+(\\.*)([\\w.]*)[ \\t]+import[ \\t]+[^#\\n]*\\b${n}\\b`, 'm').exec(text);
  if (!new RegExp(`^def[ \\t]+${n}\\b`, 'm').test(text)) {
    if (!imported) return undefined;
    const target = resolveModule(files, from, imported[2], imported[1].length);
    if (!target) return undefined;
    source = project.read(target)?.text ?? '';
  }
  if (pythonParseRefusal(source)) return undefined;
  const tree = new PyTree(source);
  if (tree.hasError) return undefined;
  return tree.root.namedChildren.find((d) => d.type === 'function_definition' && d.get('name')?.text === name);
}

/** Whether a function only stores into its first parameter (`p[key] = value`), never reads it. */
function onlyStoresIntoFirstParameter(def: PyNode): boolean {
  const first = def.get('parameters')?.namedChildren[0];
  const param = first?.type === 'identifier' ? first.text : first?.type === 'typed_parameter' ? first.namedChildren[0]?.text : undefined;
  const body = def.get('body');
  if (!param || !body) return false;
  return body.find('identifier').filter((i) => i.text === param).every((i) => {
    const sub = i.parent;
    return sub?.type === 'subscript' && i.field === 'value' && sub.field === 'left' && sub.parent?.type === 'assignment';
  });
}

/** The terms an `and` condition requires, each of which must hold. */
function requiredTerms(cond: PyNode): PyNode[] {
  if (cond.type === 'parenthesized_expression' && cond.namedChildren.length === 1) return requiredTerms(cond.namedChildren[0]);
  if (cond.type === 'boolean_operator' && cond.get('operator')?.text === 'and') return [...requiredTerms(cond.get('left')!), ...requiredTerms(cond.get('right')!)];
  return [cond];
}

/**
 * `for name, obj in list(globals().items()): if ... and obj.__module__ == __name__: ...`: a loop
 * over the module's own names that only touches what the module itself defines, never an import.
 */
function loopOverOwnDefinitions(items: PyNode): boolean {
  let iterable: PyNode | null = items;
  if (iterable.parent?.type === 'argument_list' && iterable.parent.namedChildren.length === 1 && iterable.parent.parent?.get('function')?.text === 'list') iterable = iterable.parent.parent;
  const loop = iterable.parent;
  if (loop?.type !== 'for_statement' || iterable.field !== 'right' || loop.get('alternative')) return false;
  const value = loop.get('left')?.namedChildren[1];
  const body = loop.get('body')?.namedChildren ?? [];
  if (value?.type !== 'identifier' || body.length !== 1 || body[0].type !== 'if_statement' || body[0].get('alternative')) return false;
  const v = escape(value.text);
  const own = new RegExp(`^(?:getattr\\(\\s*${v}\\s*,\\s*["']__module__["']\\s*(?:,\\s*None\\s*)?\\)|${v}\\.__module__)\\s*==\\s*__name__$`);
  return requiredTerms(body[0].get('condition')!).some((t) => t.type === 'comparison_operator' && own.test(t.text));
}

/**
 * Every `globals()` in the file only stores into the module's names: the one argument of a call to
 * a project function that only stores into it, `globals()[name] = value`, or a loop over the
 * module's own definitions. Anything else may read the names an edit drops.
 */
function globalsOnlyStoredInto(project: ProjectContext, files: ReadonlySet<string>, from: string, text: string): boolean {
  if (!/\bglobals\b/.test(text)) return true;
  if (/\bglobals\b(?!\s*\()/.test(text)) return false;
  if (pythonParseRefusal(text)) return false;
  const tree = new PyTree(text);
  if (tree.hasError) return false;
  for (const call of tree.root.find('call')) {
    if (call.get('function')?.text !== 'globals') continue;
    if (call.get('arguments')?.namedChildren.length) return false;
    const up = call.parent;
    if (up?.type === 'subscript' && call.field === 'value' && up.field === 'left' && up.parent?.type === 'assignment') continue;
    if (up?.type === 'attribute' && call.field === 'object' && up.get('attribute')?.text === 'items' && up.parent?.type === 'call' && !up.parent.get('arguments')?.namedChildren.length && loopOverOwnDefinitions(up.parent)) continue;
    if (up?.type === 'argument_list' && up.namedChildren.length === 1 && up.parent?.type === 'call' && up.parent.get('function')?.type === 'identifier') {
      const def = definitionOf(project, files, from, text, up.parent.get('function')!.text);
      if (def && onlyStoresIntoFirstParameter(def)) continue;
    }
    return false;
  }
  return true;
}

/**
 * The changed files whose edit only drops imports they never use, and whose dropped names no
 * other code can reach: the only-model rule leaves their edit alone.
 * `graph`: file -> project files it imports (as read); `textAsRead`: a file's text before the edit.
 */
export function harmlessImportDrops(project: ProjectContext, python: readonly string[], changed: readonly string[], graph: ReadonlyMap<string, readonly string[]>, textAsRead: (f: string) => string): Set<string> {
  const out = new Set<string>();
  const results = new Map(project.results.map((r) => [r.path, r]));
  const candidates = changed.filter((f) => ((results.get(f)?.history[0] as FileData | undefined)?.unusedImportsOnly ?? []).length > 0);
  if (candidates.length === 0) return out;
  const files = new Set(python);
  const texts = new Map(python.map((f) => [f, textAsRead(f)]));
  if (python.some((f) => READS_OTHER_NAMESPACES.test(texts.get(f)!) || COMPUTED_IMPORT.test(texts.get(f)!))) return out;
  const importedSomewhere = new Set([...graph.values()].flat());
  const mainRead = python.some((f) => READS_MAIN.test(texts.get(f)!));
  for (const f of candidates) {
    const names = (results.get(f)!.history[0] as FileData).unusedImportsOnly!;
    const own = texts.get(f)!;
    // Its own namespace handed out, or the dropped names spelled as strings in it (`__all__`, a table).
    if (OWN_NAMESPACE_EXPOSED.test(own) || !globalsOnlyStoredInto(project, files, f, own)) continue;
    if (names.some((n) => new RegExp(`["']${escape(n)}["']`).test(own))) continue;
    // The entry script is `__main__`: code that looks that up can read its names.
    if (!importedSomewhere.has(f) && mainRead) continue;
    // Its module named in a string: `sys.modules["pkg.mod"]`, `import_module("mod")`, `patch("mod.NAME")`.
    const parts = dottedName(f).split('.');
    const stem = escape(parts.at(-1)!);
    const named = [
      new RegExp(`["'](?:[\\w.]*\\.)?${stem}\\.(?:${names.map(escape).join('|')})\\b`),
      new RegExp(`(?:modules\\s*(?:\\.\\s*get\\s*\\(|\\[)|import_module\\s*\\(|__import__\\s*\\(|patch(?:\\.object)?\\s*\\(|run_module\\s*\\()\\s*["']${stem}["']`),
      ...(parts.length > 1 ? [new RegExp(`["'](?:[\\w.]*\\.)?${escape(parts.slice(-2).join('.'))}(?:\\.[\\w.]*)?["']`)] : []),
    ];
    let reachable = false;
    for (const g of python) {
      if (g === f) continue;
      const text = texts.get(g)!;
      if (named.some((r) => r.test(text))) reachable = true;
      const forms = (graph.get(g) ?? []).includes(f) ? importForms(files, g, text, f) : undefined;
      if (forms?.star) reachable = true;
      // Held as a module object and read by name: a table of names, `vars(mod)`, `patch.object(mod, "NAME")`.
      if (forms?.object && (DYNAMIC_READ.test(text) || names.some((n) => new RegExp(`["']${escape(n)}["']`).test(text)))) reachable = true;
      if (reachable) break;
    }
    if (!reachable) out.add(f);
  }
  return out;
}
