/**
 * The import analysis on worker threads: files go out in batches, results come back in the
 * files' order whatever the number of workers, so the report does not depend on `-j`.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledModuleUrl } from '../model/compiled-module.js';
import type { FileAnalysis } from './file-analysis.js';

export interface ImportWorkItem {
  path: string;
  /** The walk's size (a file that declares its encoding is read only when it still has it). */
  size: number;
}

/** Below this many files to read, starting workers (each loads tree-sitter) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64;

/**
 * A worker's young generation: the texts it reads and the strings the tokenizer makes die young,
 * and a small nursery keeps the peak down (the default one is tens of MB a worker).
 */
const WORKER_NURSERY_MB = 4;

/** The default for `-j`: the machine's cores. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Each item's analysis (null: the main thread must read that file itself), computed on `count`
 * workers. Throws when a worker cannot start or fails; the caller then analyses on the main thread.
 */
export async function analyseInWorkers(root: string, items: readonly ImportWorkItem[], count: number): Promise<Array<FileAnalysis | null>> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = compiledModuleUrl(new URL(`./import-worker${ext}`, import.meta.url).href);
  if (!script) throw new Error('compiled import worker not found');
  const results: Array<FileAnalysis | null> = new Array(items.length);
  const chunk = Math.max(8, Math.min(64, Math.ceil(items.length / (count * 8))));
  let next = 0;
  const runWorker = () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL(script), { workerData: { root }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_NURSERY_MB } });
    let batchStart = 0;
    let finished = false;
    const sendNext = () => {
      if (next >= items.length) { finished = true; void worker.terminate(); resolve(); return; }
      batchStart = next;
      const batch = items.slice(next, next + chunk);
      next += batch.length;
      worker.postMessage(batch);
    };
    worker.on('message', (msg: 'ready' | Array<FileAnalysis | null>) => {
      if (msg === 'ready') { sendNext(); return; }
      msg.forEach((r, i) => { results[batchStart + i] = r; });
      sendNext();
    });
    worker.on('error', (err) => { void worker.terminate(); reject(err); });
    worker.on('exit', (code) => { if (!finished) reject(new Error(`import worker exited with ${code} before its work was done`)); });
  });
  await Promise.all(Array.from({ length: Math.max(1, count) }, runWorker));
  return results;
}
