/**
 * The walk's helper thread: lists the folders the main thread hands it (walk.ts), a batch at a
 * time, and sends the listings back. Synchronous on both sides: messages are taken with
 * receiveMessageOnPort and each side wakes the other through a shared counter, so neither
 * needs its event loop.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { listFolder, type FolderListing } from './walk-listing.js';
import { HELPER_CLAIM, pack, REPLIES, REQUESTS, WAITING, type HelperReply, type HelperRequest, type HelperSetup } from './walk-messages.js';

function post(port: MessagePort, signals: Int32Array, reply: HelperReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(reply, transfer);
  Atomics.add(signals, REPLIES, 1);
  Atomics.notify(signals, REPLIES);
}

function serve({ port, signals, claims }: HelperSetup): void {
  post(port, signals, { ready: true });
  for (;;) {
    const seen = Atomics.load(signals, REQUESTS);
    const message = receiveMessageOnPort(port)?.message as HelperRequest | undefined;
    if (!message) {
      Atomics.wait(signals, REQUESTS, seen);
      continue;
    }
    if ('stop' in message) break;
    const { batch, folders } = message;
    let from = 0;
    try {
      let listings: (FolderListing | undefined)[] = [];
      for (let k = 0; k < folders.length; k++) {
        const { path, name, slot } = folders[k];
        // A folder the main thread took back is left to it.
        listings.push(Atomics.compareExchange(claims, slot, 0, HELPER_CLAIM) === 0 ? listFolder(typeof path === 'string' ? path : Buffer.from(path), { isRoot: false, name }) : undefined);
        if (k < folders.length - 1 && Atomics.load(signals, WAITING) === 0) continue;
        const packed = pack(batch, from, listings);
        post(port, signals, packed, [packed.numbers.buffer as ArrayBuffer, packed.counts.buffer as ArrayBuffer]);
        from = k + 1;
        listings = [];
      }
    } catch (err) {
      post(port, signals, { batch, from, failed: (err as Error)?.message ?? String(err) });
    }
  }
  port.close();
}

serve(workerData as HelperSetup);
