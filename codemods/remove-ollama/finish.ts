/**
 * The project-level step: Ollama-only archive folders become deletions, requirement files lose
 * `ollama` / `langchain-ollama` once no code imports them (and gain `openai` / `langchain-openai`
 * when replace-with=openai needs them), files whose removed names other files still import are
 * reverted, and the references report is counted before and after.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { FinishResult, ProjectChange, ProjectContext } from '../../src/engine/types.js';
import { safeJoin } from '../../src/patch/apply.js';
import { archiveFolders } from './archive.js';
import type { FileData } from './index.js';
import { crossFileReverts } from './python/exports.js';
import { findReferences, reportLines, totals, type FileReferences } from './references.js';
import { editRequirements } from './requirements.js';

/** The file as it is on disk (what the run started from), decoded as UTF-8 without a BOM. */
export function originalText(root: string, path: string): string | undefined {
  try {
    const raw = readFileSync(safeJoin(root, path));
    if (raw.includes(0)) return undefined;
    return raw.toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

export async function finishProject(project: ProjectContext): Promise<FinishResult> {
  const changes: ProjectChange[] = [];
  const review: NonNullable<FinishResult['review']> = [];
  const notes: string[] = [];

  // Archive folders that exist only for Ollama.
  const folders = archiveFolders(project.files);
  const deleted = new Set<string>();
  for (const [folder, files] of folders) {
    for (const f of files) {
      changes.push({ path: f, delete: true });
      deleted.add(f);
    }
    notes.push(`${folder}/: ${files.length} file${files.length === 1 ? '' : 's'} deleted (a folder that exists only for Ollama)`);
    const left = unlistedFiles(project.root, folder, new Set(files));
    if (left.length) notes.push(`${folder}/: ${left.length} file${left.length === 1 ? '' : 's'} the codemod engine does not list (bytecode, caches) stay: ${left.slice(0, 3).join(', ')}${left.length > 3 ? ', ...' : ''}; \`repolish clean --untrack\` removes them`);
  }

  // Files other files depend on: put them back when a removed name is still imported elsewhere.
  const revert = crossFileReverts(project, deleted, (p) => originalText(project.root, p));
  const reverted = new Set(revert.map((r) => r.path));
  // A reverted file loses its review items: every line that mentions Ollama gets one again.
  for (const r of revert) {
    const text = originalText(project.root, r.path) ?? '';
    for (const ref of findReferences(r.path, text).lines) {
      if (ref.line === r.line) continue;
      review.push({ path: r.path, line: ref.line, column: 1, message: `mentions Ollama; this file was left unchanged (line ${r.line} says why)` });
    }
  }

  // Files the engine could not read or parse: their mentions are still reported.
  for (const r of project.results) {
    if (r.status !== 'skipped' && r.status !== 'failed') continue;
    const text = originalText(project.root, r.path);
    if (text === undefined) continue;
    for (const ref of findReferences(r.path, text).lines) {
      review.push({ path: r.path, line: ref.line, column: 1, message: `mentions Ollama; the file was not changed (${r.reason ?? r.status})` });
    }
  }

  // Requirements, with what the Python files import in the end.
  const imports = new Map<string, string[]>();
  for (const r of project.results) {
    if (deleted.has(r.path) || !r.path.endsWith('.py')) continue;
    const data = r.data as FileData | undefined;
    let mods = data?.imports ?? [];
    if (reverted.has(r.path)) {
      const text = originalText(project.root, r.path) ?? '';
      mods = ['ollama', 'langchain_ollama', 'openai', 'langchain_openai'].filter((m) => new RegExp(`^\\s*(from|import)\\s+${m}\\b`, 'm').test(text));
    }
    if (mods.length) imports.set(r.path, mods);
  }
  const req = editRequirements(project, imports, deleted, project.options['replace-with'] === 'openai');
  changes.push(...req.changes);
  review.push(...req.review);

  // The references report: the files as read against the files as the patch leaves them.
  const edited = new Map<string, string>();
  for (const ch of req.changes) if ('edits' in ch) edited.set(ch.path, '');
  const entries: Array<{ before: FileReferences; after: FileReferences | null }> = [];
  const seen = new Set<string>();
  for (const r of project.results) {
    seen.add(r.path);
    const before = originalText(project.root, r.path);
    if (before === undefined) continue;
    const gone = deleted.has(r.path) || r.status === 'deleted';
    const now = gone ? undefined : reverted.has(r.path) ? before : project.read(r.path)?.text;
    const afterText = now !== undefined && edited.has(r.path) ? applyRequirementChanges(now, req.changes, r.path) : now;
    entries.push({ before: findReferences(r.path, before), after: gone ? null : findReferences(r.path, afterText ?? before) });
  }
  // Deleted files that no transform read (binary, or without a trigger) count only if they mention Ollama.
  for (const f of deleted) {
    if (seen.has(f)) continue;
    const before = originalText(project.root, f);
    if (before !== undefined) entries.push({ before: findReferences(f, before), after: null });
  }
  notes.push(...reportLines(totals(entries)));
  return { changes, review, revert, notes };
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

function applyRequirementChanges(text: string, changes: readonly ProjectChange[], path: string): string {
  const change = changes.find((c) => c.path === path && 'edits' in c) as { path: string; edits: Array<{ start: number; end: number; text: string }> } | undefined;
  if (!change) return text;
  let out = text;
  for (const e of [...change.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
