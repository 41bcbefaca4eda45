import { extensionOf, type BloatDetector } from '../detector.js';
import type { DirNode } from '../../model/tree.js';

function storeKind(dir: DirNode): string | undefined {
  const names = new Set(dir.files.map((f) => f.name));
  if (names.has('chroma.sqlite3')) return 'Chroma';
  if (dir.files.some((f) => extensionOf(f.name) === 'faiss')) return 'FAISS';
  if (dir.dirs.some((d) => d.name.endsWith('.lance')) || (dir.name.endsWith('.lance') && dir.dirs.some((d) => d.name === '_versions'))) return 'LanceDB';
  if (dir.dirs.some((d) => d.name === 'collections') && names.has('meta.json') && dir.files.some((f) => f.name === '.lock')) return 'Qdrant (local)';
  // A Chroma collection segment folder on its own.
  if (names.has('data_level0.bin') && names.has('header.bin') && names.has('link_lists.bin')) return 'HNSW index';
  return undefined;
}

/** Vector stores (Chroma, FAISS, LanceDB, local Qdrant) by the files their engines write. */
export const vectorStore: BloatDetector = {
  rule: 'bloat/vector-store',
  clean: 'data',
  summary: 'vector stores (Chroma, FAISS, LanceDB, local Qdrant) recognized by their files',
  matchDir(dir) {
    const kind = storeKind(dir);
    return kind ? { description: `${kind} vector store: embeddings that can be rebuilt or kept in external storage` } : undefined;
  },
};
