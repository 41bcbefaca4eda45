/**
 * Transforms on worker threads. A worker loads compiled JavaScript: the engine's worker script
 * and the codemod registry module. When the engine itself runs from TypeScript sources (tests,
 * tsx), the compiled twins in the package's dist/ folder are used; without them, no workers.
 */
import { Worker } from 'node:worker_threads';
import { compiledModuleUrl } from '../model/compiled-module.js';
import type { FileRun } from './process-file.js';
import type { ProjectFacts } from './types.js';

export interface WorkItem {
  path: string;
  /**
   * The file's bytes; RELEASED once a worker has them. Absent: the file is read where it is
   * processed (candidate.ts), by a worker or by the main thread.
   */
  raw?: Buffer;
  /** Names of the codemods that apply to the file, in run order. */
  codemods: string[];
}

export interface WorkerSetup {
  /** A module exporting `codemods: Codemod[]` (the registry), as a file URL. */
  registryUrl: string;
  options: Record<string, Record<string, string>>;
  project: ProjectFacts;
}

/**
 * A worker's young generation, small: each parse tree is native memory V8 does not count, freed
 * only when its small JavaScript handle is collected, and with the default nursery hundreds of
 * files' trees were alive at once (the worst-case bench peaked at 636 MB, 407 MB with this).
 */
const NURSERY_MB = 4;

/**
 * What an item's bytes become once posted to a worker: the main thread does not keep every
 * file's bytes while the workers run (the worker sends back the contents of changed files).
 */
export const RELEASED: Buffer = Buffer.alloc(0);

function toBuffer(v: unknown): unknown {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}

/**
 * Processes the items on `count` workers; results come back in item order. Each item's bytes are
 * released (`RELEASED`) once posted. Throws when a worker cannot start.
 */
export async function processInWorkers(items: WorkItem[], setup: WorkerSetup, count: number): Promise<FileRun[]> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = compiledModuleUrl(new URL(`./worker${ext}`, import.meta.url).href);
  const registry = compiledModuleUrl(setup.registryUrl);
  if (!script || !registry) throw new Error('compiled worker or registry module not found');
  const results: FileRun[] = new Array(items.length);
  let next = 0;
  // Batches shrink toward the end (a share of what is left), so the workers finish together.
  const batchSize = () => Math.max(10, Math.min(100, Math.ceil((items.length - next) / (count * 4))));
  const runWorker = () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL(script), { workerData: { ...setup, registryUrl: registry }, resourceLimits: { maxYoungGenerationSizeMb: NURSERY_MB } });
    // Where each batch sent and not yet answered starts, in order: a worker has one batch queued
    // behind the one it works on, so it never waits for this thread between batches.
    const pending: number[] = [];
    const send = () => {
      if (next >= items.length) return;
      pending.push(next);
      const batch = items.slice(next, next + batchSize());
      worker.postMessage({ type: 'batch', items: batch });
      for (const item of batch) items[next++] = item.raw === undefined ? item : { ...item, raw: RELEASED };
    };
    const done = () => {
      if (pending.length > 0) return;
      void worker.terminate();
      resolve();
    };
    worker.on('message', (msg: { type: string; results?: FileRun[]; error?: string }) => {
      if (msg.type === 'ready') { send(); send(); done(); return; }
      if (msg.type === 'error') { void worker.terminate(); reject(new Error(msg.error)); return; }
      const start = pending.shift()!;
      msg.results!.forEach((r, i) => {
        r.before = toBuffer(r.before) as FileRun['before'];
        r.after = toBuffer(r.after) as FileRun['after'];
        results[start + i] = r;
      });
      send();
      done();
    });
    worker.on('error', reject);
  });
  await Promise.all(Array.from({ length: count }, runWorker));
  return results;
}
