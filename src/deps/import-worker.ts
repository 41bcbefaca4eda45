/** Worker thread entry for the import analysis: reads and analyses batches of project Python files. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseText, type FileAnalysis } from './imports.js';
import { currentFileKey } from '../model/file-key.js';
import { readPythonText } from './python-file.js';
import type { ImportWorkItem, WorkerAnalysis } from './import-workers.js';
import type { CheckedFolders } from '../model/project-file.js';

const { root } = workerData as { root: string };

/**
 * Analyses already made in this run, by what they depend on: whether the file is a notebook and
 * the hash of its bytes. Copies of a file (a vendored package, a service copied from another, a
 * `build/lib` tree) are analysed once; the analysis depends on nothing else.
 */
const byContent = new Map<string, FileAnalysis>();

/** Folders on the files' paths already checked for symlinks (a worker reads thousands of files in a few folders). */
const checked: CheckedFolders = new Set();

parentPort!.on('message', async (items: ImportWorkItem[]) => {
  const results: Array<WorkerAnalysis | null> = [];
  for (let i = 0; i < items.length; i++) {
    const { path, size } = items[i];
    // Taken before the read, as the main thread would: a change while it is read gives a newer key next time.
    const key = currentFileKey(root, path);
    const read = readPythonText(root, path, size, checked);
    if (read === undefined) {
      results.push(null);
      continue;
    }
    const same = `${path.endsWith('.ipynb') ? 'nb' : 'py'}:${read.content}`;
    const known = byContent.get(same);
    if (known) results.push({ analysis: known, key, copy: true });
    else {
      const analysis: FileAnalysis = { ...analyseText(read.text, path), content: read.content };
      byContent.set(same, analysis);
      results.push({ analysis, key });
    }
    // Native parse trees are freed only when the event loop turns.
    if (i % 50 === 49) await new Promise(setImmediate);
  }
  parentPort!.postMessage(results);
});
parentPort!.postMessage('ready');
