/** Worker thread entry for the import analysis: claims runs of project Python files from the counter the workers share, reads and analyses them. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyseText, type FileAnalysis } from './imports.js';
import { currentFileKey } from '../model/file-key.js';
import { hashAnalysis } from '../model/read-log.js';
import { decodePythonBytes, readPythonBytes } from './python-file.js';
import type { ImportJob, ImportRunResults, ImportWorkItem, SentAnalysis, WorkerAnalysis } from './import-workers.js';
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

/** Analyses the file of one item: null when the main thread must read it itself. */
function analyseItem({ path, size }: ImportWorkItem): WorkerAnalysis | null {
  // Taken before the read, as the main thread would: a change while it is read gives a newer key next time.
  const key = currentFileKey(root, path);
  const read = readPythonBytes(root, path, checked);
  if (read === undefined) return null;
  const same = `${path.endsWith('.ipynb') ? 'nb' : 'py'}:${read.content}`;
  const known = byContent.get(same);
  // A copy is not decoded: the same bytes decode the same way. The one check that depends on more
  // than the bytes (a declared encoding's file changed since the walk) is the length against the walk's size.
  if (!known || read.bytes.length !== size) {
    const text = decodePythonBytes(read.bytes, path, size);
    if (text === undefined) return null;
    if (!known) {
      const analysis: FileAnalysis = { ...analyseText(text, path), content: read.content };
      byContent.set(same, analysis);
      return { analysis, key };
    }
  }
  return { analysis: known, key, copy: true };
}

/** Read-log hashes of the analyses made or given (copies share one analysis). */
const hashes = new WeakMap<FileAnalysis, string>();

/**
 * What is sent for item `index`: an analysis this job has sent before goes as the index of the
 * item it was sent with (import-workers.ts SentAnalysis); its read-log hash when asked for.
 */
function toSend(result: WorkerAnalysis | null, index: number, sentAt: Map<FileAnalysis, number>, withHash: boolean): SentAnalysis | null {
  if (!result) return result;
  const { analysis, ...rest } = result;
  if (withHash) {
    let hash = hashes.get(analysis);
    if (hash === undefined) hashes.set(analysis, (hash = hashAnalysis(analysis)));
    rest.hash = hash;
  }
  const sameAs = sentAt.get(analysis);
  if (sameAs !== undefined) return { ...rest, sameAs };
  sentAt.set(analysis, index);
  return { ...rest, analysis };
}

parentPort!.on('message', async ({ items, next, run, hashes: wanted }: ImportJob) => {
  const claimed = new Int32Array(next);
  const sentAt = new Map<FileAnalysis, number>();
  let analysed = 0;
  for (;;) {
    const start = Atomics.add(claimed, 0, run);
    if (start >= items.length) break;
    const results = items.slice(start, start + run).map((item, k) => toSend(analyseItem(item), start + k, sentAt, wanted));
    parentPort!.postMessage({ start, results } satisfies ImportRunResults);
    // Native parse trees are freed only when the event loop turns.
    analysed += results.length;
    if (analysed >= 50) {
      analysed = 0;
      await new Promise(setImmediate);
    }
  }
  parentPort!.postMessage('done');
});
