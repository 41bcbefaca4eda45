/** Worker thread entry for the import analysis: reads and analyses batches of project Python files. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseText, type FileAnalysis } from './imports.js';
import { readPythonText } from './python-file.js';
import type { ImportWorkItem } from './import-workers.js';

const { root } = workerData as { root: string };

parentPort!.on('message', async (items: ImportWorkItem[]) => {
  const results: Array<FileAnalysis | null> = [];
  for (let i = 0; i < items.length; i++) {
    const read = readPythonText(root, items[i].path, items[i].size);
    results.push(read === undefined ? null : { ...analyseText(read.text, items[i].path), content: read.content });
    // Native parse trees are freed only when the event loop turns.
    if (i % 50 === 49) await new Promise(setImmediate);
  }
  parentPort!.postMessage(results);
});
parentPort!.postMessage('ready');
