/** `bloat/vector-store`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const vectorStore: RuleDocumentation = {
  title: 'Vector store',
  docs: {
    what: 'A local vector store (Chroma, FAISS, LanceDB, local Qdrant), recognized by its files, not its name.',
    why: 'It is data built from documents: large, rebuilt by an ingestion step, and often holds private text.',
    fix: 'Ignore it (`fix`); move it to external storage, or delete it with `clean --include data --yes` when it can be rebuilt.',
    example: '`chroma_db`: Chroma vector store',
  },
};

export default vectorStore;
