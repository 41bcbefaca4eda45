/**
 * The project-level step: Ollama-only archive folders become deletions, requirement files lose
 * `ollama` / `langchain-ollama` once no code imports them (and gain `openai` / `langchain-openai`
 * when replace-with=openai needs them), files whose removed names other files still use are
 * reverted, and the references report is counted before and after.
 */
import { readdirSync } from 'node:fs';
import type { FinishResult, ProjectChange } from '../../src/engine/types.js';
import { safeJoin } from '../../src/patch/apply.js';
import { readProjectFile } from '../../src/model/project-file.js';
import { applyEdits, prepareEdits, stripBom } from '../../src/text/index.js';
import { archiveFolders } from './archive.js';
import type { OllamaProject } from './file-data.js';
import { settingsKeyRemovals } from './env-settings.js';
import { modelTagReview } from './model-tags.js';
import { getattrDefaultReview } from './getattr-defaults.js';
import { emptiedModules, halfMigrationReverts, onlyModelReverts } from './only-model.js';
import { crossFileReverts } from './python/exports.js';
import { fileType, findReferences, reportLines, totals, type FileReferences } from './references.js';
import { editRequirements } from './requirements.js';

/** The engine's own per-file cap: a file it would not read is not read here either. */
const DISK_TEXT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * A file as it is on disk, for the two cases the engine has no text for: files it skipped (not
 * UTF-8, syntax errors) and files it does not list at all (bytecode in an archive folder).
 */
function diskText(root: string, path: string): string | undefined {
  try {
    const raw = readProjectFile(root, path, DISK_TEXT_MAX_BYTES); // never through a symlink, never a device
    if (raw.includes(0)) return undefined;
    return stripBom(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Files on disk below a folder that the listing left out (its __pycache__, for one). */
function unlistedFiles(root: string, folder: string, listed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    let entries;
    try { entries = readdirSync(safeJoin(root, rel), { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) visit(child);
      else if (!listed.has(child)) out.push(child);
    }
  };
  visit(folder);
  return out.sort();
}

export async function finishProject(project: OllamaProject): Promise<FinishResult> {
  const changes: ProjectChange[] = [];
  const review: NonNullable<FinishResult['review']> = [];
  const notes: string[] = [];
  const results = new Map(project.results.map((r) => [r.path, r]));
  const before = (path: string) => results.get(path)?.history[0]?.refs;

  // Archive folders that exist only for Ollama.
  const deleted = new Set<string>();
  for (const [folder, files] of archiveFolders(project.files)) {
    for (const f of files) {
      changes.push({ path: f, delete: true });
      deleted.add(f);
    }
    notes.push(`${folder}/: ${files.length} file${files.length === 1 ? '' : 's'} deleted (a folder that exists only for Ollama)`);
    const left = unlistedFiles(project.root, folder, new Set(files));
    if (left.length) notes.push(`${folder}/: ${left.length} file${left.length === 1 ? '' : 's'} the codemod engine does not list (bytecode, caches) stay: ${left.slice(0, 3).join(', ')}${left.length > 3 ? ', ...' : ''}; \`repolish clean --untrack\` removes them`);
  }

  // Files other files depend on: back to their text as read when a removed name is still used elsewhere.
  const revert = crossFileReverts(project, deleted);
  revert.push(...onlyModelReverts(project, deleted, new Set(revert.map((r) => r.path))));
  revert.push(...halfMigrationReverts(project, deleted, new Set(revert.map((r) => r.path))));
  const emptied = emptiedModules(project, new Set(revert.map((r) => r.path)));
  revert.push(...emptied.revert);
  for (const path of emptied.deletions) {
    changes.push({ path, delete: true });
    deleted.add(path);
    notes.push(`${path}: deleted (the edit left nothing in it: it existed only for Ollama)`);
  }
  const reverted = new Set(revert.map((r) => r.path));
  for (const r of revert) {
    // The engine drops a reverted file's review items: every line that mentions Ollama gets one again.
    const unreplaced = results.get(r.path)?.history[0]?.unreplaced?.lines ?? {};
    for (const ref of before(r.path) ?? []) {
      const own = unreplaced[ref.line] ? `${unreplaced[ref.line]}; ` : 'mentions Ollama; ';
      if (ref.line !== r.line) review.push({ path: r.path, line: ref.line, column: 1, message: `${own}this file was left unchanged (line ${r.line} says why)` });
    }
  }

  // Files the engine could not read or parse: their mentions are still reported.
  const skipped = new Map<string, FileReferences>();
  for (const r of project.results) {
    if (r.status !== 'skipped' && r.status !== 'failed') continue;
    const text = r.history[0] ? undefined : diskText(project.root, r.path);
    const refs = r.history[0]?.refs ?? (text !== undefined ? findReferences(r.path, text).lines : []);
    skipped.set(r.path, { path: r.path, type: fileType(r.path), lines: refs });
    for (const ref of refs) review.push({ path: r.path, line: ref.line, column: 1, message: `mentions Ollama; the file was not changed (${r.reason ?? r.status})` });
  }

  // Requirements, with what the Python files import in the end.
  const imports = new Map<string, string[]>();
  for (const r of project.results) {
    if (deleted.has(r.path) || !r.path.endsWith('.py')) continue;
    const data = reverted.has(r.path) ? r.history[0] : r.data;
    if (data?.imports?.length) imports.set(r.path, data.imports);
  }
  // Files the OpenAI rewrite made import openai / langchain_openai.
  const rewritten = new Set<string>();
  for (const r of project.results) {
    if (reverted.has(r.path) || deleted.has(r.path)) continue;
    const first = r.history[0]?.imports ?? [];
    const last = r.data?.imports ?? [];
    // Only the rewrite adds these imports (LangChain community classes included, which import no ollama module).
    if (last.some((m) => (m === 'openai' || m === 'langchain_openai') && !first.includes(m))) rewritten.add(r.path);
  }
  const req = editRequirements(project, imports, deleted, project.parsedOptions.replaceWith === 'openai', rewritten);
  changes.push(...req.changes);
  review.push(...req.review);
  if (project.parsedOptions.replaceWith === 'openai') review.push(...modelTagReview(project, rewritten));
  const envKeys = settingsKeyRemovals(project, reverted, deleted);
  changes.push(...envKeys.changes);
  review.push(...envKeys.review);
  review.push(...getattrDefaultReview(project, reverted, deleted));

  // The references report: each file as read against the file as the patch leaves it.
  const entries: Array<{ before: FileReferences; after: FileReferences | null }> = [];
  for (const r of project.results) {
    const type = fileType(r.path);
    if (skipped.has(r.path)) {
      const s = skipped.get(r.path)!;
      entries.push({ before: s, after: deleted.has(r.path) ? null : s });
      continue;
    }
    const first = before(r.path) ?? [];
    const gone = deleted.has(r.path) || r.status === 'deleted';
    let last = reverted.has(r.path) ? first : r.data?.refs ?? first;
    const edited = req.changes.find((c) => c.path === r.path && 'edits' in c);
    if (edited && 'edits' in edited) {
      const text = project.read(r.path)?.text ?? '';
      // As the engine applies them; edits it refuses leave the file as it was.
      const prepared = prepareEdits(text, edited.edits);
      last = findReferences(r.path, prepared.ok ? applyEdits(text, prepared.edits) : text).lines;
    }
    entries.push({ before: { path: r.path, type, lines: first }, after: gone ? null : { path: r.path, type, lines: last } });
  }
  // Deleted files that no transform saw (no trigger, or binary) count only if they mention Ollama.
  for (const f of deleted) {
    if (results.has(f)) continue;
    const text = project.read(f)?.text;
    if (text !== undefined) entries.push({ before: findReferences(f, text), after: null });
  }
  notes.push(...reportLines(totals(entries)));
  return { changes, review, revert, notes };
}
