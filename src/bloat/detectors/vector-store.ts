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
  severity: 'warning',
  title: 'Vector store',
  docs: {
    what: 'A local vector store (Chroma, FAISS, LanceDB, local Qdrant), recognized by its files, not its name.',
    why: 'It is data built from documents: large, rebuilt by an ingestion step, and often holds private text.',
    fix: 'Ignore it (`fix`); move it to external storage, or delete it with `clean --include data --yes` when it can be rebuilt.',
    example: '`chroma_db`: Chroma vector store',
  },
  heading: 'Vector stores',
  color: '#8367c7',
  gitignore: { group: 'Local databases and vector stores' },
  dockerignore: { group: 'Local data' },
  matchDir(dir) {
    const kind = storeKind(dir);
    return kind ? { description: `${kind} vector store: embeddings that can be rebuilt or kept in external storage` } : undefined;
  },
};
