/**
 * What passes between the walk (walk.ts) and its helper thread (walk-helper.ts): requests, the
 * listings packed for the trip, and the shared state both sides use without messages.
 */
import type { MessagePort } from 'node:worker_threads';
import { emptyListing, STRIDE, type EntryDetail, type FolderListing } from './walk-listing.js';

/**
 * Main thread to helper: folders to list (each alone, not its subfolders), each with its slot
 * in `claims`.
 */
export type HelperRequest = { batch: number; folders: { path: string | Uint8Array; name: string; slot: number }[] } | { stop: true };

/** What the helper thread is started with. */
export interface HelperSetup {
  port: MessagePort;
  /** Indexed by REQUESTS, REPLIES and WAITING. */
  signals: Int32Array;
  /**
   * One slot per folder handed over, 0 while nobody lists it: the helper sets HELPER_CLAIM before
   * listing it, the main thread MAIN_CLAIM when it reaches the folder first (it then lists it
   * itself instead of waiting for the helper to get there). Compare-and-swap: one of them wins.
   */
  claims: Int32Array;
}

export const HELPER_CLAIM = 1;
export const MAIN_CLAIM = 2;

/** signals[REQUESTS] is bumped by the main thread after each request, signals[REPLIES] by the helper after each reply. */
export const REQUESTS = 0;
export const REPLIES = 1;
/**
 * signals[WAITING] is 1 while the main thread waits for a folder the helper has claimed: the
 * helper then replies after each folder instead of after its whole batch.
 */
export const WAITING = 2;
export const SIGNALS = 3;

/**
 * A batch's listings packed for the trip: every name in one string (`/` never occurs in a name)
 * and every number in one buffer that is transferred, not copied. Cloning an object per entry
 * cost both threads more than listing the entries did.
 */
export interface PackedListings {
  batch: number;
  /** The batch's folders from this index on (a batch may come back in several replies). */
  from: number;
  names: string;
  numbers: Float64Array;
  /**
   * Per folder in request order: its entry count, or TAKEN_BACK. Numbers, not an object per
   * folder: 32 small objects made a message 20 µs slower to receive (measured).
   */
  counts: Int32Array;
  /** [folder, why] for the few folders that have no entries because they could not be listed or are git directories. */
  empty: [number, Pick<FolderListing, 'unreadable' | 'gitDir'>][];
  /** [folder, entry, detail] for the few entries that have details. */
  details: [number, number, EntryDetail][];
}

/** PackedListings.counts of a folder the main thread took back (walk-helper.ts HelperSetup.claims). */
export const TAKEN_BACK = -1;

/** Helper to main thread: a batch's listings in its order, or why it could not list them. */
export type HelperReply = { ready: true } | PackedListings | { batch: number; from: number; failed: string };

export function pack(batch: number, from: number, listings: (FolderListing | undefined)[]): PackedListings {
  let total = 0;
  for (const listing of listings) total += listing?.count ?? 0;
  const names: string[] = [];
  const numbers = new Float64Array(total * STRIDE);
  const counts = new Int32Array(listings.length);
  const empty: PackedListings['empty'] = [];
  const details: PackedListings['details'] = [];
  listings.forEach((listing, f) => {
    if (!listing) {
      counts[f] = TAKEN_BACK;
      return;
    }
    const { first, count } = listing;
    counts[f] = count;
    if (listing.unreadable !== undefined || listing.gitDir) empty.push([f, { unreadable: listing.unreadable, gitDir: listing.gitDir }]);
    numbers.set(listing.numbers.subarray(first * STRIDE, (first + count) * STRIDE), names.length * STRIDE);
    for (let i = 0; i < count; i++) names.push(listing.names[first + i]);
    listing.details?.forEach((detail, i) => details.push([f, i, detail]));
  });
  return { batch, from, names: names.join('/'), numbers, counts, empty, details };
}

/** The listings of a packed batch, in request order (undefined: taken back by the main thread). */
export function unpack(packed: PackedListings): (FolderListing | undefined)[] {
  const names = packed.names === '' ? [] : packed.names.split('/');
  const listings: (FolderListing | undefined)[] = [];
  let first = 0;
  for (const count of packed.counts) {
    listings.push(count === TAKEN_BACK ? undefined : count === 0 ? emptyListing() : { names, numbers: packed.numbers, first, count });
    if (count > 0) first += count;
  }
  for (const [f, why] of packed.empty) listings[f] = emptyListing(why);
  for (const [f, i, detail] of packed.details) (listings[f]!.details ??= new Map()).set(i, detail);
  return listings;
}
