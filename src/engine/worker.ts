/** Worker thread entry: loads the codemod registry once, then processes batches of files. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckedFolders } from '../model/project-file.js';
import { readAndProcess } from './candidate.js';
import { processFile, settledRun, type ActiveCodemod, type FileRun } from './process-file.js';
import type { Codemod } from './types.js';
import type { WorkItem, WorkerSetup } from './worker-pool.js';

const setup = workerData as WorkerSetup;

async function main(): Promise<void> {
  const registry = (await import(setup.registryUrl)) as { codemods: Codemod[] };
  const byName = new Map(registry.codemods.map((c) => [c.name, c]));
  // Folders this worker found free of symlinks (trusted only where the descriptor's path is checked).
  const checked: CheckedFolders = new Set();
  // Batches are processed one after the other: the pool queues the next while one is processed,
  // and a batch awaits (below) between files.
  const queue: WorkItem[][] = [];
  let busy = false;
  const processBatch = async (items: WorkItem[]): Promise<void> => {
    const results: FileRun[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const active: ActiveCodemod[] = item.codemods.map((name) => ({ codemod: byName.get(name)!, options: setup.options[name] }));
      if (item.raw === undefined) results.push(readAndProcess(item.path, active, setup.project, checked));
      else results.push(settledRun(processFile(item.path, Buffer.from(item.raw.buffer, item.raw.byteOffset, item.raw.byteLength), active, setup.project)));
      // Native parse trees are freed only when the event loop turns (after a collection: see the
      // small nursery in worker-pool.ts), so it turns every few files.
      if (i % 10 === 9) await new Promise(setImmediate);
    }
    parentPort!.postMessage({ type: 'results', results });
  };
  parentPort!.on('message', async (msg: { type: string; items: WorkItem[] }) => {
    if (msg.type !== 'batch') return;
    queue.push(msg.items);
    if (busy) return;
    busy = true;
    for (let items = queue.shift(); items; items = queue.shift()) await processBatch(items);
    busy = false;
  });
  parentPort!.postMessage({ type: 'ready' });
}

main().catch((err: Error) => parentPort!.postMessage({ type: 'error', error: err?.message ?? String(err) }));
