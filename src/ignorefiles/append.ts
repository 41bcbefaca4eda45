/** Appending a block to an ignore file without touching its existing lines. */
import type { RepoFacts } from '../model/facts.js';
import type { FileEdits } from '../patch/file-edits.js';

export function appendBlockEdit(facts: RepoFacts, path: string, block: string): FileEdits {
  const existing = facts.file(path) ? facts.readText(path) : undefined;
  if (existing === undefined) return { path, edits: [{ start: 0, end: 0, text: block }], create: !facts.file(path) };
  // Line breaks are written `\n`: applying the edits gives them the file's line ending.
  const separator = existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return { path, edits: [{ start: existing.length, end: existing.length, text: separator + block }] };
}
