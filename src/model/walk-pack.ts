/**
 * A helper thread's listings (walk-helper.ts) packed for the trip to the main thread (walk.ts).
 */
import { emptyListing, STRIDE, type EntryDetail, type FolderListing } from './walk-listing.js';

/**
 * A batch's listings packed for the trip: every name in one string (`/` never occurs in a name)
 * and every number in one buffer that is transferred, not copied. Cloning an object per entry
 * cost both threads more than listing the entries did.
 */
export interface PackedListings {
  batch: number;
  names: string;
  numbers: Float64Array;
  /** Per folder in request order: its entry count, or why it has none. */
  folders: { count: number; unreadable?: string; gitDir?: FolderListing['gitDir'] }[];
  /** [folder, entry, detail] for the few entries that have details. */
  details: [number, number, EntryDetail][];
}

export function pack(batch: number, listings: FolderListing[]): PackedListings {
  let total = 0;
  for (const listing of listings) total += listing.count;
  const names: string[] = [];
  const numbers = new Float64Array(total * STRIDE);
  const details: PackedListings['details'] = [];
  const folders = listings.map((listing, f) => {
    const { first, count } = listing;
    numbers.set(listing.numbers.subarray(first * STRIDE, (first + count) * STRIDE), names.length * STRIDE);
    for (let i = 0; i < count; i++) names.push(listing.names[first + i]);
    listing.details?.forEach((detail, i) => details.push([f, i, detail]));
    return { count, unreadable: listing.unreadable, gitDir: listing.gitDir };
  });
  return { batch, names: names.join('/'), numbers, folders, details };
}

/** The listings of a packed batch, in request order. */
export function unpack(packed: PackedListings): FolderListing[] {
  const names = packed.names === '' ? [] : packed.names.split('/');
  let first = 0;
  const listings = packed.folders.map(({ count, unreadable, gitDir }) => {
    const listing: FolderListing = count === 0 ? emptyListing({ unreadable, gitDir }) : { names, numbers: packed.numbers, first, count };
    first += count;
    return listing;
  });
  for (const [f, i, detail] of packed.details) (listings[f].details ??= new Map()).set(i, detail);
  return listings;
}
