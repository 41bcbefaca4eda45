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

/** Workers started before their work is known: they load tree-sitter while the caller gets the files ready. */
export interface ImportWorkers {
  /**
   * Each item's analysis (null: the main thread must read that file itself), in the items' order.
   * Rejects when a worker cannot start or fails; the caller then analyses on the main thread.
   */
  analyse(items: readonly ImportWorkItem[]): Promise<Array<FileAnalysis | null>>;
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
  onResults?: (results: Array<FileAnalysis | null>) => void;
  onFail?: (err: Error) => void;
}

/** Starts `count` import workers. Throws when the compiled worker script cannot be found. */
export function startImportWorkers(root: string, count: number): ImportWorkers {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = compiledModuleUrl(new URL(`./import-worker${ext}`, import.meta.url).href);
  if (!script) throw new Error('compiled import worker not found');
  const started = Array.from({ length: Math.max(1, count) }, (): StartedWorker => {
    const s: StartedWorker = { worker: new Worker(new URL(script), { workerData: { root }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_NURSERY_MB } }), ready: false, done: false };
    s.worker.on('message', (msg: 'ready' | Array<FileAnalysis | null>) => {
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
      const results: Array<FileAnalysis | null> = new Array(items.length);
      const chunk = Math.max(8, Math.min(64, Math.ceil(items.length / (started.length * 8))));
      let next = 0;
      const run = (s: StartedWorker) => new Promise<void>((resolve, reject) => {
        if (s.failed) { reject(s.failed); return; }
        let batchStart = 0;
        const sendNext = () => {
          if (next >= items.length) { s.done = true; void s.worker.terminate(); resolve(); return; }
          batchStart = next;
          const batch = items.slice(next, next + chunk);
          next += batch.length;
          s.worker.postMessage(batch);
        };
        s.onFail = reject;
        s.onResults = (batch) => {
          batch.forEach((r, i) => { results[batchStart + i] = r; });
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

/**
 * Each item's analysis (null: the main thread must read that file itself), computed on `count`
 * workers. Throws when a worker cannot start or fails; the caller then analyses on the main thread.
 */
export async function analyseInWorkers(root: string, items: readonly ImportWorkItem[], count: number): Promise<Array<FileAnalysis | null>> {
  const workers = startImportWorkers(root, count);
  try {
    return await workers.analyse(items);
  } finally {
    workers.stop();
  }
}
