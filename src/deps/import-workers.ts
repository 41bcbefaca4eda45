/**
 * The import analysis on worker threads: the workers claim runs of files from a shared counter,
 * and the results are put back in the files' order whatever the number of workers, so the report
 * does not depend on `-j`.
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
  /** read-log.ts hashAnalysis of the analysis, when asked for (a scan that keeps a report memo logs it). */
  hash?: string;
}

/** Below this many files to read, starting workers (each loads tree-sitter) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64;

/**
 * A worker's young generation: the texts it reads and the strings the tokenizer makes die young,
 * and a small nursery keeps the peak down (the default one is tens of MB a worker).
 */
const WORKER_NURSERY_MB = 4;

/**
 * A worker's old generation: a bound makes it collect the large texts it no longer holds sooner
 * (the cold scan's peak on the 200k-file bench tree went from 294-313 MB to 263-273 MB). Files
 * larger than MAX_WORKER_FILE_BYTES are never given to a worker, and the most a 1 MB file was
 * seen to need is 16-24 MB (a 30,000-line plugin list). A worker that runs out anyway fails alone
 * and the main thread reads what it left; but running out inside tree-sitter's native code can
 * abort the process, so the bound stays far above what a file needs.
 */
const WORKER_OLD_GENERATION_MB = 128;

/** Larger files are read on the main thread (its heap is not bounded like a worker's). */
export const MAX_WORKER_FILE_BYTES = 1024 * 1024;

/** The default for `-j`: the machine's cores. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Workers started before their work is known: they load tree-sitter while the caller gets the files ready. */
export interface ImportWorkers {
  /**
   * Each item's analysis (null: the main thread must read that file itself), in the items' order.
   * A worker that fails leaves its unfinished items null; the others go on.
   */
  analyse(items: readonly ImportWorkItem[], options?: { hashes?: boolean }): Promise<Array<WorkerAnalysis | null>>;
  /** Stops every worker (`analyse` stops them when its work is done). */
  stop(): void;
}

/**
 * The work a worker is given, once: every item, and a counter shared by all the workers from
 * which each claims its next run of items. The workers never wait for the main thread, which may
 * be busy (it reads the virtualenvs meanwhile) when a worker needs more.
 */
export interface ImportJob {
  items: ImportWorkItem[];
  /** An Int32Array's buffer: the index of the first item no worker has claimed. */
  next: SharedArrayBuffer;
  /** How many items a worker claims at a time. */
  run: number;
  /** Send each analysis's read-log hash too (made here, on the main thread it was the costliest part of taking the results). */
  hashes: boolean;
}

/**
 * A copy's result as a worker sends it: the analysis is the one of the item at `sameAs` (an index in
 * the claim order, which the same worker sent before), not cloned again. Most of a large tree's
 * Python files can be copies, and cloning their analyses cost both threads more than their reading.
 */
export type SentAnalysis = WorkerAnalysis | (Omit<WorkerAnalysis, 'analysis'> & { sameAs: number });

/** What a worker sends back after each run it claimed. */
export interface ImportRunResults {
  start: number;
  results: Array<SentAnalysis | null>;
}

interface StartedWorker {
  worker: Worker;
  failed?: Error;
  /** Its work is done, or it failed or was stopped: its exit is expected. */
  done: boolean;
  onResults?: (results: ImportRunResults) => void;
  /** It found nothing left to claim. */
  onDone?: () => void;
  onFail?: (err: Error) => void;
}

/**
 * The items' indexes in the order the workers claim them: largest first, so the last runs are
 * small and no worker is left with a large file at the end; items of one size next to each other,
 * so copies of a file mostly reach the same worker, which analyses them once (import-worker.ts).
 */
function claimOrder(items: readonly ImportWorkItem[]): number[] {
  return items.map((_, i) => i).sort((a, b) => items[b].size - items[a].size || a - b);
}

/**
 * Starts `count` import workers. Throws when the compiled worker script cannot be found.
 * `oldGenerationMb`: each worker's bound (tests give a small one to see a worker run out).
 */
export function startImportWorkers(root: string, count: number, oldGenerationMb = WORKER_OLD_GENERATION_MB): ImportWorkers {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = compiledModuleUrl(new URL(`./import-worker${ext}`, import.meta.url).href);
  if (!script) throw new Error('compiled import worker not found');
  const started = Array.from({ length: Math.max(1, count) }, (): StartedWorker => {
    const s: StartedWorker = { worker: new Worker(new URL(script), { workerData: { root }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_NURSERY_MB, maxOldGenerationSizeMb: oldGenerationMb } }), done: false };
    s.worker.on('message', (msg: ImportRunResults | 'done') => {
      if (msg === 'done') s.onDone?.();
      else s.onResults?.(msg);
    });
    // Told once: a failing worker reports an error and then its exit.
    const fail = (err: Error) => {
      if (s.done) return;
      s.done = true;
      s.failed = err;
      void s.worker.terminate();
      s.onFail?.(err);
    };
    s.worker.on('error', fail);
    s.worker.on('exit', (code) => fail(new Error(`import worker exited with ${code} before its work was done`)));
    return s;
  });
  const stop = () => {
    for (const s of started) {
      if (s.done) continue;
      s.done = true;
      void s.worker.terminate();
    }
  };
  return {
    analyse(items, { hashes = false } = {}) {
      return new Promise((resolve) => {
        const results: Array<WorkerAnalysis | null> = new Array(items.length).fill(null);
        const order = claimOrder(items);
        const job: ImportJob = {
          items: order.map((i) => items[i]),
          next: new SharedArrayBuffer(4),
          run: Math.max(4, Math.min(32, Math.ceil(items.length / (started.length * 16)))),
          hashes,
        };
        let working = started.length;
        const finished = () => {
          if (--working > 0) return;
          stop();
          resolve(results);
        };
        for (const s of started) {
          if (s.failed) { finished(); continue; }
          // Each worker is finished once: done, or failed (then its unreported items stay null).
          let counted = false;
          s.onFail = s.onDone = () => {
            if (counted) return;
            counted = true;
            finished();
          };
          s.onResults = ({ start, results: run }) => {
            run.forEach((r, k) => {
              if (r === null || !('sameAs' in r)) {
                results[order[start + k]] = r;
                return;
              }
              const { sameAs, ...rest } = r;
              results[order[start + k]] = { ...rest, analysis: results[order[sameAs]]!.analysis };
            });
          };
          s.worker.postMessage(job);
        }
      });
    },
    stop,
  };
}
