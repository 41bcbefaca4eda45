/**
 * Folders that exist only for Ollama inside an archive or backup folder (seed 003's
 * `archive/ollama_rag_chatbot/`): every file in them becomes a deletion in the patch. A folder
 * qualifies by its name; an archive of the whole app (`backups/20251112_222256/`) does not.
 */
import { namedForOllama } from './names.js';

const HOLDERS = new Set(['archive', 'archives', 'backup', 'backups']);

/** The Ollama folder (`archive/ollama_rag_chatbot`) a path lies in, if any. */
export function archiveFolderOf(path: string, files?: readonly string[]): string | undefined {
  void files;
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (!HOLDERS.has(parts[i].toLowerCase())) continue;
    for (let j = i + 1; j < parts.length - 1; j++) {
      if (namedForOllama(parts[j])) return parts.slice(0, j + 1).join('/');
    }
  }
  return undefined;
}

/** Every Ollama folder among the listed files, with the files in it. */
export function archiveFolders(files: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) {
    const folder = archiveFolderOf(f);
    if (!folder) continue;
    const list = out.get(folder) ?? [];
    list.push(f);
    out.set(folder, list);
  }
  return out;
}
