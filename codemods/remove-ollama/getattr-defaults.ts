/**
 * A settings module other code reads by attribute name with a default
 * (`getattr(settings, "OLLAMA_HOST", "http://localhost:11434")`, Django's usual pattern) loses no
 * reader when its Ollama settings go: the reader falls back to its default. The removal stays, but
 * a review item at the removed definition names each such reader, so a person checks that the
 * default there is what the program should now use (or that the reader goes too).
 */
import type { FinishResult, ProjectContext } from '../../src/engine/types.js';
import type { FileData } from './file-data.js';

export function getattrDefaultReview(project: ProjectContext, reverted: ReadonlySet<string>, deleted: ReadonlySet<string>): NonNullable<FinishResult['review']> {
  const review: NonNullable<FinishResult['review']> = [];
  const removed = new Map<string, { path: string; line: number }[]>(); // name -> where it was defined
  for (const r of project.results) {
    if (r.status !== 'modified' || !r.path.endsWith('.py') || reverted.has(r.path) || deleted.has(r.path)) continue;
    const before = (r.history[0] as FileData | undefined)?.defined?.module;
    const after = (r.data as FileData | undefined)?.defined?.module ?? {};
    if (!before) continue;
    for (const [name, line] of Object.entries(before)) {
      if (name in after || !/^\w+$/.test(name)) continue;
      removed.set(name, [...(removed.get(name) ?? []), { path: r.path, line }]);
    }
  }
  if (removed.size === 0) return review;
  const python = project.match(['*.py', '*.pyw']).filter((f) => !deleted.has(f));
  const texts = new Map<string, string>();
  for (const [name, places] of removed) {
    // getattr(obj, "NAME", default): three arguments, the name as a string literal.
    const reader = new RegExp(`\\bgetattr\\(\\s*[\\w.]+\\s*,\\s*["']${name}["']\\s*,`);
    for (const f of python) {
      let text = texts.get(f);
      if (text === undefined) { text = project.read(f)?.text ?? ''; texts.set(f, text); }
      const m = reader.exec(text);
      if (!m) continue;
      const at = `${f}:${text.slice(0, m.index).split('\n').length}`;
      for (const p of places) {
        if (p.path === f) continue;
        review.push({ path: p.path, line: p.line, column: 1, message: `${name} is removed here, but ${at} still reads it with getattr and a default, which now always applies: check that default is what the program should use, or remove that reader too` });
      }
      break;
    }
  }
  return review;
}
