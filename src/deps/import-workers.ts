/**
 * The import analysis on worker threads: files go out in batches, results come back in the
 * files' order whatever the number of workers, so the report does not depend on `-j`.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledModuleUrl } from '../model/compiled-module.js';
import type { FileAnalysis } from './file-analysis.js';
import type { FileKey } from '../model/file-key.js';

export interface ImportWorkItem {
  path: string;
  /** The walk's size (a file that declares its encoding is read only when it still has it). */
  size: number;
}

export interface WorkerAnalysis {
  analysis: FileAnalysis;
  /** The file's key, taken by the worker before it read the file (the cache stores the analysis under it). */
  key?: FileKey;
  /** The worker had analysed the same bytes already (a copy of another file) and gave that analysis. */
  copy?: true;
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

/** Workers started before their work is known: they load tree-sitter while the caller gets the files ready. */
export interface ImportWorkers {
  /**
   * Each item's analysis (null: the main thread must read that file itself), in the items' order.
   * Rejects when a worker cannot start or fails; the caller then analyses on the main thread.
   */
  analyse(items: readonly ImportWorkItem[]): Promise<Array<WorkerAnalysis | null>>;
  /** Stops every worker (those given work stop by themselves when it is done). */
  stop(): void;
}

interface StartedWorker {
  worker: Worker;
  ready: boolean;
  failed?: Error;
  /** Its work is done (or it was stopped): its exit is expected. */
  done: boolean;
  onReady?: () => void;
  onResults?: (results: Array<WorkerAnalysis | null>) => void;
  onFail?: (err: Error) => void;
}

/**
 * The items' indexes in the order they are sent: largest first, so the last batches are small and
 * no worker is left with a large file at the end; items of one size next to each other, so copies
 * of a file mostly reach the same worker, which analyses them once (import-worker.ts).
 */
function sendingOrder(items: readonly ImportWorkItem[]): number[] {
  return items.map((_, i) => i).sort((a, b) => items[b].size - items[a].size || a - b);
}

/** Starts `count` import workers. Throws when the compiled worker script cannot be found. */
export function startImportWorkers(root: string, count: number): ImportWorkers {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = compiledModuleUrl(new URL(`./import-worker${ext}`, import.meta.url).href);
  if (!script) throw new Error('compiled import worker not found');
  const started = Array.from({ length: Math.max(1, count) }, (): StartedWorker => {
    const s: StartedWorker = { worker: new Worker(new URL(script), { workerData: { root }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_NURSERY_MB } }), ready: false, done: false };
    s.worker.on('message', (msg: 'ready' | Array<WorkerAnalysis | null>) => {
      if (msg === 'ready') {
        s.ready = true;
        s.onReady?.();
      } else s.onResults?.(msg);
    });
    const fail = (err: Error) => {
      if (s.done) return;
      s.failed ??= err;
      void s.worker.terminate();
      s.onFail?.(s.failed);
    };
    s.worker.on('error', fail);
    s.worker.on('exit', (code) => fail(new Error(`import worker exited with ${code} before its work was done`)));
    return s;
  });
  return {
    async analyse(items) {
      const results: Array<WorkerAnalysis | null> = new Array(items.length);
      const chunk = Math.max(8, Math.min(64, Math.ceil(items.length / (started.length * 8))));
      const order = sendingOrder(items);
      let next = 0;
      const run = (s: StartedWorker) => new Promise<void>((resolve, reject) => {
        if (s.failed) { reject(s.failed); return; }
        let batchStart = 0;
        const sendNext = () => {
          if (next >= items.length) { s.done = true; void s.worker.terminate(); resolve(); return; }
          batchStart = next;
          const batch = order.slice(next, next + chunk);
          next += batch.length;
          s.worker.postMessage(batch.map((i) => items[i]));
        };
        s.onFail = reject;
        s.onResults = (batch) => {
          batch.forEach((r, i) => { results[order[batchStart + i]] = r; });
          sendNext();
        };
        if (s.ready) sendNext();
        else s.onReady = sendNext;
      });
      await Promise.all(started.map(run));
      return results;
    },
    stop() {
      for (const s of started) {
        if (s.done) continue;
        s.done = true;
        void s.worker.terminate();
      }
    },
  };
}

