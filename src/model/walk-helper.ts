/**
 * The walk's helper thread: lists the folders the main thread hands it (walk.ts), a batch at a
 * time, and sends the listings back. Synchronous on both sides: messages are taken with
 * receiveMessageOnPort and each side wakes the other through a shared counter, so neither
 * needs its event loop.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { listFolder } from './walk-listing.js';
import { pack, type PackedListings } from './walk-pack.js';

/** Main thread to helper: folders to list (each alone, not its subfolders). */
export type HelperRequest = { batch: number; folders: { path: string | Uint8Array; name: string }[] } | { stop: true };

/** Helper to main thread: a batch's listings in its order, or why it could not list them. */
export type HelperReply = { ready: true } | PackedListings | { batch: number; failed: string };

export interface HelperSetup {
  port: MessagePort;
  /** [0]: bumped by the main thread after each request; [1]: by the helper after each reply. */
  signals: Int32Array;
}

function post(port: MessagePort, signals: Int32Array, reply: HelperReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(reply, transfer);
  Atomics.add(signals, 1, 1);
  Atomics.notify(signals, 1);
}

function serve({ port, signals }: HelperSetup): void {
  post(port, signals, { ready: true });
  for (;;) {
    const seen = Atomics.load(signals, 0);
    const message = receiveMessageOnPort(port)?.message as HelperRequest | undefined;
    if (!message) {
      Atomics.wait(signals, 0, seen);
      continue;
    }
    if ('stop' in message) break;
    try {
      const listings = message.folders.map(({ path, name }) => listFolder(typeof path === 'string' ? path : Buffer.from(path), { isRoot: false, name }));
      const packed = pack(message.batch, listings);
      post(port, signals, packed, [packed.numbers.buffer as ArrayBuffer]);
    } catch (err) {
      post(port, signals, { batch: message.batch, failed: (err as Error)?.message ?? String(err) });
    }
  }
  port.close();
}

serve(workerData as HelperSetup);
