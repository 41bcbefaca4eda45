/**
 * pydantic-settings forbids keys it has no field for: once a `BaseSettings` field goes, an
 * environment file that still sets it stops the program at startup, for every provider. The keys
 * of removed fields go from the tracked environment files in the same patch, and a review item
 * says that local (untracked) `.env` files must drop them too. Values are never shown.
 */
import type { Edit, FinishResult, ProjectChange } from '../../src/engine/types.js';
import type { OllamaProject } from './file-data.js';

export function settingsKeyRemovals(project: OllamaProject, reverted: ReadonlySet<string>, deleted: ReadonlySet<string>): { changes: ProjectChange[]; review: NonNullable<FinishResult['review']> } {
  const changes: ProjectChange[] = [];
  const review: NonNullable<FinishResult['review']> = [];
  const removed = new Map<string, { path: string; line: number }>(); // lower-case field -> where it was
  for (const r of project.results) {
    if (r.status !== 'modified' || !r.path.endsWith('.py') || reverted.has(r.path) || deleted.has(r.path)) continue;
    const before = r.history[0]?.defined?.classLevel;
    const after = r.data?.defined?.classLevel ?? {};
    if (!before) continue;
    const text = project.read(r.path)?.text ?? '';
    if (!/\bBaseSettings\b/.test(text)) continue;
    for (const [name, line] of Object.entries(before)) if (!(name in after)) removed.set(name.toLowerCase(), { path: r.path, line });
  }
  if (removed.size === 0) return { changes, review };
  const envFiles = project.match(['.env*', '*.env']);
  const cleaned = new Map<string, string[]>(); // field -> env files it was removed from
  for (const path of envFiles) {
    const text = project.read(path)?.text;
    if (text === undefined) continue;
    const edits: Edit[] = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      const end = offset + line.length + 1;
      const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/.exec(line);
      const field = m ? removed.get(m[1].toLowerCase()) : undefined;
      if (m && field) {
        edits.push({ start: offset, end: Math.min(end, text.length), text: '' });
        const list = cleaned.get(m[1].toLowerCase()) ?? [];
        list.push(path);
        cleaned.set(m[1].toLowerCase(), list);
      }
      offset = end;
    }
    if (edits.length) changes.push({ path, edits });
  }
  for (const [name, at] of removed) {
    const files = cleaned.get(name);
    review.push({ path: at.path, line: at.line, column: 1, message: `settings field ${name} removed${files ? ` (and its key from ${files.join(', ')})` : ''}: pydantic-settings rejects keys it has no field for, so local .env files must drop ${name.toUpperCase()} too or startup fails` });
  }
  return { changes, review };
}
