/**
 * When Ollama is the program's only model and some of it stays in use after the edit (a kept
 * import, a wrapper class, its HTTP API), removing pieces connected to what stays leaves it
 * half-working: a chat without the model pull before it, a client without its settings, a bot
 * without its error branch. A changed Python file goes back to its text as read, with a review
 * item naming the use that stays, when it still uses Ollama itself or is connected by imports
 * (as read) to a module that does. A connected unit that loses all its Ollama use was removed
 * whole and keeps its edit. "Only model" is decided per program (an entry file and what it
 * imports), not per project: a program where some file imports another model library (openai,
 * transformers, ...) may lose its Ollama part alone.
 */
import { readFileSync } from 'node:fs';
import type { FinishResult, ProjectContext } from '../../src/engine/types.js';
import { safeJoin } from '../../src/patch/apply.js';
import type { FileData } from './file-data.js';
import { resolveModule } from './python/exports.js';
import { harmlessImportDrops } from './unused-import-drops.js';

/** Imports of another model provider: the program has a model besides Ollama. */
const OTHER_MODEL_IMPORT = /^[ \t]*(?:from|import)[ \t]+(?:openai|anthropic|google\.generativeai|google\.genai|vertexai|mistralai|cohere|groq|transformers|llama_cpp|vllm|gpt4all|ctransformers|together|replicate|langchain_(?:openai|anthropic|google_genai|google_vertexai|groq|mistralai|cohere|aws))\b/im;

function textAsRead(root: string, path: string): string {
  try { return readFileSync(safeJoin(root, path), 'utf8'); } catch { return ''; }
}

/** Project modules a file imports (`import a.b`, `from a import b`, `from . import c`). */
function importedFiles(files: ReadonlySet<string>, from: string, text: string): string[] {
  const out = new Set<string>();
  const add = (module: string, level: number) => {
    const f = resolveModule(files, from, module, level);
    if (f && f !== from) out.add(f);
  };
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^#\n]+)/gm)) {
    const level = m[1].length;
    add(m[2], level);
    for (const name of m[3].replace(/[()\\]/g, ' ').split(',')) {
      const n = name.trim().split(/\s+/)[0];
      if (/^\w+$/.test(n)) add(m[2] ? `${m[2]}.${n}` : n, level);
    }
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w., \t]+)/gm)) {
    for (const part of m[1].split(',')) add(part.trim().split(/\s+/)[0], 0);
  }
  return [...out];
}

/** The project's import graph over the files as read (an import the edit removed still counts): file -> files it imports. */
function importGraph(project: ProjectContext, python: readonly string[], results: ReadonlyMap<string, ProjectContext['results'][number]>): Map<string, string[]> {
  const files = new Set(python);
  const graph = new Map<string, string[]>();
  for (const f of python) {
    const text = results.get(f)?.status === 'modified' ? textAsRead(project.root, f) : project.read(f)?.text ?? '';
    graph.set(f, /\bimport\b/.test(text) ? importedFiles(files, f, text) : []);
  }
  return graph;
}

/** The connected components of the project's import graph over the files as read: file -> its component's representative. */
function importComponents(project: ProjectContext, python: readonly string[], results: ReadonlyMap<string, ProjectContext['results'][number]>): (file: string) => string {
  const parent = new Map<string, string>(python.map((f) => [f, f]));
  const find = (f: string): string => { let p = f; while (parent.get(p) !== p) p = parent.get(p)!; return p; };
  for (const [f, imported] of importGraph(project, python, results)) for (const g of imported) parent.set(find(g), find(f));
  return find;
}

/**
 * replace-with=openai: where the rewrite cannot replace one Ollama use (`ollama.list()`, a class
 * without an OpenAI counterpart), rewriting or dropping the rest of its connected unit (the model
 * pull before it, the chat next to it) would leave a program half on Ollama and half on OpenAI.
 * Every changed Python file of that unit goes back to its text as read, with the use as the reason.
 */
export function halfMigrationReverts(project: ProjectContext, deleted: ReadonlySet<string>, reverted: ReadonlySet<string>): NonNullable<FinishResult['revert']> {
  if (project.options['replace-with'] !== 'openai') return [];
  const results = new Map(project.results.map((r) => [r.path, r]));
  const python = project.match(['*.py', '*.pyw']).filter((f) => !deleted.has(f) && results.get(f)?.status !== 'deleted');
  const unreplaced = new Map<string, NonNullable<FileData['unreplaced']>>();
  for (const f of python) {
    const r = results.get(f);
    const found = [r?.data, ...(r?.history ?? [])].map((d) => (d as FileData | undefined)?.unreplaced).find((u) => u);
    if (found) unreplaced.set(f, found);
  }
  const changed = python.filter((f) => results.get(f)?.status === 'modified' && !reverted.has(f));
  if (unreplaced.size === 0 || changed.length === 0) return [];
  const find = importComponents(project, python, results);
  const stays = new Map<string, string>();
  for (const [f, u] of unreplaced) if (!stays.has(find(f))) stays.set(find(f), `${f}:${u.line} (${u.text}: ${u.why})`);
  const out: NonNullable<FinishResult['revert']> = [];
  for (const f of changed) {
    const use = stays.get(find(f));
    if (!use) continue;
    const first = ((results.get(f)!.history[0] as FileData | undefined)?.refs ?? [])[0]?.line ?? 1;
    out.push({ path: f, line: first, column: 1, reason: `left unchanged: Ollama stays in use at ${use}, which this file is part of; replacing or dropping the rest would leave the program half on Ollama, half on OpenAI. Replace that use by hand, then run again` });
  }
  return out;
}

/**
 * The use was found in the edited text, but a changed file of the unit goes back to its text as
 * read: name the line as read. This rule runs without replace-with, where edits only remove
 * lines, so the same line sits at or after its edited number.
 */
function lineAsRead(project: ProjectContext, f: string, line: number, alreadyReverted: boolean): number {
  if (alreadyReverted || project.results.find((r) => r.path === f)?.status !== 'modified') return line;
  const edited = (project.read(f)?.text ?? '').split(/\r?\n/)[line - 1];
  if (edited === undefined || edited.trim() === '') return line;
  const read = textAsRead(project.root, f).split(/\r?\n/);
  for (let i = line - 1; i < read.length; i++) if (read[i] === edited) return i + 1;
  return line;
}

export function onlyModelReverts(project: ProjectContext, deleted: ReadonlySet<string>, reverted: ReadonlySet<string>): NonNullable<FinishResult['revert']> {
  if (project.options['replace-with'] === 'openai') return [];
  const results = new Map(project.results.map((r) => [r.path, r]));
  const python = project.match(['*.py', '*.pyw']).filter((f) => !deleted.has(f) && results.get(f)?.status !== 'deleted');
  const remaining = new Map<string, { line: number; text: string }>();
  for (const f of python) {
    const r = results.get(f);
    const data = (r && (reverted.has(f) ? r.history[0] : r.data)) as FileData | undefined;
    if (data?.ollamaUse) remaining.set(f, data.ollamaUse);
  }
  let changed = python.filter((f) => results.get(f)?.status === 'modified' && !reverted.has(f));
  if (remaining.size === 0 || changed.length === 0) return [];
  const graph = importGraph(project, python, results);
  // Dropping imports a file never uses, where nothing else can reach them, breaks nothing that stays.
  const harmless = harmlessImportDrops(project, python, changed, graph, (f) => (results.get(f)?.status === 'modified' ? textAsRead(project.root, f) : project.read(f)?.text ?? ''));
  changed = changed.filter((f) => !harmless.has(f));
  if (changed.length === 0) return [];

  // Per program, not per project: a program is a file no other project file imports, with every
  // file it imports (as read, transitively). Ollama is a program's only model when none of its
  // files imports another model library; a training script importing transformers in another
  // folder, or an evaluation script that imports the app and a judge model, does not make Ollama
  // any less the only model of the app itself.
  const importedSomewhere = new Set([...graph.values()].flat());
  const closure = (root: string): Set<string> => {
    const seen = new Set([root]);
    const todo = [root];
    while (todo.length) for (const g of graph.get(todo.pop()!) ?? []) if (!seen.has(g)) { seen.add(g); todo.push(g); }
    return seen;
  };
  const useOf = (f: string) => `${f}:${lineAsRead(project, f, remaining.get(f)!.line, reverted.has(f))} (${remaining.get(f)!.text})`;
  const useIn = new Map<string, string>();
  const reached = new Set<string>();
  for (const root of python.filter((f) => !importedSomewhere.has(f))) {
    const files = closure(root);
    for (const f of files) reached.add(f);
    if ([...files].some((f) => OTHER_MODEL_IMPORT.test(project.read(f)?.text ?? ''))) continue;
    const using = [...files].find((f) => remaining.has(f));
    if (!using) continue;
    for (const f of files) if (!useIn.has(f)) useIn.set(f, useOf(using));
  }
  // Files no program reaches (an import cycle with no entry): their connected unit decides.
  const unreached = python.filter((f) => !reached.has(f));
  if (unreached.length) {
    const find = importComponents(project, python, results);
    const otherModel = new Set(unreached.filter((f) => OTHER_MODEL_IMPORT.test(project.read(f)?.text ?? '')).map(find));
    const unitUse = new Map<string, string>();
    for (const f of unreached) if (remaining.has(f) && !unitUse.has(find(f)) && !otherModel.has(find(f))) unitUse.set(find(f), useOf(f));
    for (const f of unreached) { const u = unitUse.get(find(f)); if (u && !useIn.has(f)) useIn.set(f, u); }
  }

  const out: NonNullable<FinishResult['revert']> = [];
  for (const f of changed) {
    const use = useIn.get(f);
    if (!use) continue;
    const first = ((results.get(f)!.history[0] as FileData | undefined)?.refs ?? [])[0]?.line ?? 1;
    out.push({ path: f, line: first, column: 1, reason: `left unchanged: Ollama is this program's only model and stays in use at ${use}, which this file is part of; removing part of it would break what stays. Remove it whole by hand, or run with --option replace-with=openai` });
  }
  return out;
}

/**
 * A module the edit empties is deleted rather than left empty (it existed only for Ollama); if
 * another file still imports it as a module (`import model`, `from pkg import model`), it is left
 * unchanged instead, with that line as the reason.
 */
export function emptiedModules(project: ProjectContext, reverted: ReadonlySet<string>): { deletions: string[]; revert: NonNullable<FinishResult['revert']> } {
  const deletions: string[] = [];
  const revert: NonNullable<FinishResult['revert']> = [];
  const python = project.match(['*.py', '*.pyw']);
  const files = new Set(python);
  for (const r of project.results) {
    if (r.status !== 'modified' || !r.path.endsWith('.py') || reverted.has(r.path) || r.path.endsWith('__init__.py')) continue;
    const text = project.read(r.path)?.text;
    if (text === undefined || text.replace(/^\s*#.*$/gm, '').trim() !== '') continue;
    let importer: string | undefined;
    for (const f of python) {
      if (f === r.path) continue;
      const t = f === r.path ? '' : project.read(f)?.text ?? '';
      if (!/\bimport\b/.test(t)) continue;
      if (importedFiles(files, f, t).includes(r.path)) { importer = f; break; }
    }
    if (importer) revert.push({ path: r.path, line: 1, column: 1, reason: `left unchanged: the codemod would empty this module, but ${importer} still imports it; remove that import first, then run again` });
    else deletions.push(r.path);
  }
  return { deletions, revert };
}
