/** Appending a block to an ignore file without touching its existing lines. */
import type { RepoFacts } from '../model/facts.js';
import type { FileEdits } from '../patch/file-edits.js';

export function appendBlockEdit(facts: RepoFacts, path: string, block: string): FileEdits {
  const existing = facts.file(path) ? facts.readText(path) : undefined;
  if (existing === undefined) return { path, edits: [{ start: 0, end: 0, text: block }], create: !facts.file(path) };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const separator = existing === '' ? '' : existing.endsWith('\n') ? eol : eol + eol;
  return { path, edits: [{ start: existing.length, end: existing.length, text: separator + block.replace(/\n/g, eol) }] };
}
