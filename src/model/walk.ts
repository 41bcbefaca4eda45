/**
 * The one walk: synchronous readdir + lstat (measured ~3x faster than async per-entry calls on
 * this kind of machine), symlinks recorded and never followed, ignore state decided top-down the
 * way git does, sizes aggregated bottom-up.
 *
 * Folders are listed (walk-listing.ts) on this thread and, in a large tree, on a helper thread
 * too (walk-helper.ts); the tree is built from the listings here, depth first in readdir order,
 * so warnings, hard-link accounting and ignore judgement come out the same whoever listed what.
 */
import { closeSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Warning } from '../findings.js';
import { compiledModuleUrl } from './compiled-module.js';
import type { FolderJudge, GitIgnoreRules } from './gitignore.js';
import { encodeName, hasEscapedBytes } from './names.js';
import { openNoFollow } from './project-file.js';
import { joinPath, type DirNode, type FileNode } from './tree.js';
import { asBuffer, BLOCKS, childPath, describe, DEV, DIR, entryPath, EVERY_ENTRIES, FILE, INO, listFolder, NLINK, OTHER, SIZE, STRIDE, SYMLINK, UNREADABLE, type FolderListing, type FsPath } from './walk-listing.js';
import { MAIN_CLAIM, REPLIES, REQUESTS, SIGNALS, unpack, WAITING, type HelperReply, type HelperRequest } from './walk-messages.js';

export interface WalkOptions {
  rules: GitIgnoreRules;
  /** The root relative to the repository top ('' when it is the top, or outside git). */
  repoPrefix: string;
  warnings: Warning[];
  /** Called after each folder with running totals (files and bytes seen so far), for progress. */
  onProgress?: (files: number, bytes: number) => void;
  /**
   * Entries listed on this thread before a helper thread is started to list folders in
   * parallel (default HELPER_AFTER_ENTRIES; Infinity: never), so a small tree never starts one.
   * 0: one is started at once and waited for (tests: the helper then surely takes part).
   */
  helperAfter?: number;
}

export interface WalkResult {
  tree: DirNode;
  dirsByPath: Map<string, DirNode>;
  /** Folders the helper thread listed (0 when none was started). */
  helperFolders: number;
}

/**
 * Starting a helper thread costs tens of milliseconds: a tree this small is walked before it is
 * up. (8192 left a 200k-entry walk listing alone for its first ~0.2 s: 8192 entries, then the
 * helper's start.)
 */
export const HELPER_AFTER_ENTRIES = 2048;

/** Waiting this long for the helper without a word from it, the walk lists that subtree itself. */
const HELPER_SILENCE_MS = 10_000;

function newDir(name: string, path: string, parent: DirNode | null, ignored: boolean): DirNode {
  const dir: DirNode = { name, path, parent, dirs: [], files: [], bytes: 0, allocated: 0, fileCount: 0, tracked: false, ignored };
  if (hasEscapedBytes(name)) dir.raw = encodeName(name);
  return dir;
}

function currentDirectory(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined; // the working directory was removed: walk by absolute paths
  }
}

/** A folder known (its parent is listed) but not listed yet. */
interface Unlisted {
  path: string;
  abs: FsPath;
  name: string;
}

/**
 * The helper thread, driven synchronously: requests and replies go through a MessagePort read
 * with receiveMessageOnPort, each side waking the other through a shared counter.
 */
class Helper {
  private readonly port: MessagePort;
  private readonly signals = new Int32Array(new SharedArrayBuffer(4 * SIGNALS));
  /** walk-helper.ts HelperSetup.claims: a ring, reused after CLAIM_SLOTS folders (far more than are ever out). */
  private readonly claims = new Int32Array(new SharedArrayBuffer(4 * CLAIM_SLOTS));
  private nextSlot = 0;
  private readonly worker: Worker;
  /** Batches out, by id: their folders in request order, and how many came back. */
  private readonly batches = new Map<number, { folders: Unlisted[]; back: number }>();
  /** Replies taken (wait() returns once there is a new one). */
  private replies = 0;
  private ready = false;
  private alive = true;
  private nextBatch = 1;
  /** Folders the helper listed (WalkResult.helperFolders). */
  listed = 0;

  private constructor(script: string, private readonly onListed: (folder: Unlisted, listing: FolderListing | undefined) => void) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL(script), { workerData: { port: port2, signals: this.signals, claims: this.claims }, transferList: [port2] });
    this.worker.unref(); // never keeps the process alive
    this.worker.on('error', () => undefined); // a failed helper only means the walk lists alone
  }

  /**
   * A helper, or undefined when there is no compiled helper script (or one core). `onListed`
   * gets each folder handed over with its listing, or undefined when this thread must list it.
   */
  static start(onListed: (folder: Unlisted, listing: FolderListing | undefined) => void): Helper | undefined {
    if (availableParallelism() < 2) return undefined;
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const script = compiledModuleUrl(new URL(`./walk-helper${ext}`, import.meta.url).href);
    if (!script) return undefined;
    try {
      return new Helper(script, onListed);
    } catch {
      return undefined;
    }
  }

  /** Takes the replies that have arrived. */
  poll(): void {
    for (let reply = receiveMessageOnPort(this.port); reply; reply = receiveMessageOnPort(this.port)) this.take(reply.message as HelperReply);
  }

  private take(reply: HelperReply): void {
    if ('ready' in reply) {
      this.ready = true;
      return;
    }
    const out = this.batches.get(reply.batch);
    if (!out) return;
    this.replies++;
    const listings = 'failed' in reply ? undefined : unpack(reply);
    // A failed reply gives the rest of the batch back.
    const end = listings ? reply.from + listings.length : out.folders.length;
    for (let i = reply.from; i < end; i++) this.onListed(out.folders[i], listings?.[i - reply.from]);
    this.listed += listings?.filter(Boolean).length ?? 0;
    out.back = end;
    if (end === out.folders.length) this.batches.delete(reply.batch);
  }

  /** Waits until the helper is up (or HELPER_SILENCE_MS went by). */
  waitReady(): void {
    const deadline = Date.now() + HELPER_SILENCE_MS;
    while (!this.ready && Date.now() < deadline) {
      const seen = Atomics.load(this.signals, REPLIES);
      this.poll();
      if (!this.ready) Atomics.wait(this.signals, REPLIES, seen, Math.max(1, deadline - Date.now()));
    }
  }

  /** How many more batches the helper can take now. */
  get room(): number {
    return this.ready && this.alive ? IN_FLIGHT - this.batches.size : 0;
  }

  /** Hands folders over; returns their claim slots, in order. */
  give(folders: Unlisted[]): number[] {
    const batch = this.nextBatch++;
    this.batches.set(batch, { folders, back: 0 });
    const slots = folders.map(() => {
      const slot = this.nextSlot++ % CLAIM_SLOTS;
      Atomics.store(this.claims, slot, 0);
      return slot;
    });
    this.send({ batch, folders: folders.map(({ abs, name }, i) => ({ path: abs, name, slot: slots[i] })) });
    return slots;
  }

  /** Takes a folder handed over back, unless the helper has started on it. */
  takeBack(slot: number): boolean {
    return Atomics.compareExchange(this.claims, slot, 0, MAIN_CLAIM) === 0;
  }

  /** Waits for a reply; a helper silent too long is given up (its folders come back unlisted). */
  wait(): void {
    const seen = Atomics.load(this.signals, REPLIES);
    const before = this.replies;
    this.poll();
    if (this.replies > before || this.batches.size === 0) return;
    Atomics.store(this.signals, WAITING, 1);
    const waited = Atomics.wait(this.signals, REPLIES, seen, HELPER_SILENCE_MS);
    Atomics.store(this.signals, WAITING, 0);
    if (waited !== 'timed-out') return this.poll();
    this.alive = false;
    for (const [batch, { folders, back }] of this.batches) {
      this.batches.delete(batch);
      for (const folder of folders.slice(back)) this.onListed(folder, undefined);
    }
  }

  stop(): void {
    this.send({ stop: true });
    void this.worker.terminate(); // in case it is still listing (the walk failed)
  }

  private send(request: HelperRequest): void {
    this.port.postMessage(request);
    Atomics.add(this.signals, REQUESTS, 1);
    Atomics.notify(this.signals, REQUESTS);
  }
}

/** Claim slots: more than IN_FLIGHT * BATCH_FOLDERS, so a slot is free again when reused. */
const CLAIM_SLOTS = 1024;

/**
 * Folders handed to the helper at a time, and batches out at once: enough listing (~5 ms) that
 * the helper does not run dry while this thread builds or is descheduled. Handing over more
 * than it gets to costs nothing: this thread takes back the folders it reaches first.
 */
const BATCH_FOLDERS = 32;
const IN_FLIGHT = 4;

/** A folder being built from this thread's own listing: the subfolders after `next` can still be handed over. */
interface Frame {
  path: string;
  absDir: FsPath;
  listing: FolderListing;
  /** The entry being built. */
  next: number;
  /** Entries above this index were looked at for handing over. */
  cursor: number;
}

/**
 * A file's text, read only when it is a regular file when opened: a `.gitignore` that is a FIFO
 * (or becomes one after the listing) would block a plain read forever, as it blocks git itself.
 */
function readRegularFile(path: FsPath): string {
  const { fd, stats } = openNoFollow(path);
  try {
    if (!stats.isFile()) throw Object.assign(new Error('not a regular file, so its patterns are not applied (git waits on such a file forever: `git status` hangs here)'), { code: 'ENOTREG' });
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

export function walkTree(root: string, options: WalkOptions): WalkResult {
  const { rules, repoPrefix, warnings, onProgress } = options;
  const helperAfter = options.helperAfter ?? HELPER_AFTER_ENTRIES;
  let filesSeen = 0;
  let bytesSeen = 0;
  let listedHere = 0;
  const seenInodes = new Set<string>();
  const dirsByPath = new Map<string, DirNode>();
  const repoPath = (rel: string) => (repoPrefix === '' ? rel : rel === '' ? repoPrefix : `${repoPrefix}/${rel}`);
  let helper: Helper | undefined;
  let helperTried = false;
  /** Folders built from this thread's listings, outermost first. */
  const frames: Frame[] = [];
  /**
   * Folders handed to the helper, by path: the listing it sent, or its claim slot while it is out. The
   * helper is handed the folders this thread reaches last: the subfolders of what it listed
   * (`helperFound`, last on top), then the last subfolders of the outermost folder listed here.
   */
  const handedOver = new Map<string, FolderListing | number>();
  const helperFound: Unlisted[] = [];
  /** Paths of `helperFound` folders this thread reached and listed itself. */
  const takenHere = new Set<string>();

  function listedByHelper(folder: Unlisted, listing: FolderListing | undefined): void {
    if (!listing) {
      handedOver.delete(folder.path); // listed here when reached
      return;
    }
    handedOver.set(folder.path, listing);
    const { names, numbers, first, count } = listing;
    for (let i = 0; i < count; i++) {
      if (numbers[(first + i) * STRIDE] !== DIR) continue;
      const name = names[first + i];
      helperFound.push({ path: joinPath(folder.path, name), abs: entryPath(folder.abs, listing, i), name });
    }
  }

  /** The next folder to hand over, last in build order first; undefined when none is left. */
  function nextToHand(): Unlisted | undefined {
    while (helperFound.length > 0) {
      const folder = helperFound.pop()!;
      if (!takenHere.has(folder.path)) return folder;
    }
    for (const frame of frames) {
      const { listing } = frame;
      while (frame.cursor > frame.next) {
        const i = frame.cursor--;
        if (listing.numbers[(listing.first + i) * STRIDE] !== DIR) continue;
        const name = listing.names[listing.first + i];
        return { path: joinPath(frame.path, name), abs: entryPath(frame.absDir, listing, i), name };
      }
    }
    return undefined;
  }

  /** Keeps the helper supplied (starting it once the tree proves large). */
  function handOver(): void {
    if (!helper) {
      if (helperTried || listedHere < helperAfter) return;
      helperTried = true;
      helper = Helper.start(listedByHelper);
      if (!helper || helperAfter !== 0) return;
      helper.waitReady();
    }
    helper.poll();
    for (let room = helper.room; room > 0; room--) {
      const batch: Unlisted[] = [];
      for (let folder = nextToHand(); folder; folder = batch.length < BATCH_FOLDERS ? nextToHand() : undefined) {
        batch.push(folder);
      }
      if (batch.length === 0) return;
      helper.give(batch).forEach((slot, i) => handedOver.set(batch[i].path, slot));
    }
  }

  /** A folder's listing: the helper's, waited for when it is out, or made here. */
  function listingOf(absDir: FsPath, dir: DirNode): { listing: FolderListing; here: boolean } {
    for (;;) {
      const handed = handedOver.get(dir.path);
      if (typeof handed === 'object') {
        handedOver.delete(dir.path);
        handOver(); // keep it supplied while building from its listings too
        return { listing: handed, here: false };
      }
      if (handed === undefined) break;
      // Out with the helper: listed here unless the helper has started on it (then it is soon back).
      if (helper!.takeBack(handed)) {
        handedOver.delete(dir.path);
        break;
      }
      helper!.wait();
    }
    if (helper) takenHere.add(dir.path);
    handOver();
    const listing = listFolder(absDir, { isRoot: dir.path === '', name: dir.name, statPath, every: handOver });
    listedHere += listing.count;
    return { listing, here: true };
  }

  // Files are lstat'ed by their name inside the folder being read, the working directory set to
  // that folder: the kernel then resolves one path component instead of every component of an
  // absolute path, which halved the walk (200k files: 1.5 s -> 0.75 s). Only the main thread may
  // change the working directory; it is restored before the walk returns.
  const startDir = isMainThread ? currentDirectory() : undefined;
  let cwd = startDir;
  /** The path to lstat `name` of `absDir` by: relative when the working directory is (now) there. */
  function statPath(absDir: FsPath, name: FsPath): FsPath {
    if (typeof absDir !== 'string') return childPath(absDir, name); // chdir takes strings only
    if (cwd === absDir) return name;
    if (startDir === undefined) return childPath(absDir, name);
    try {
      process.chdir(absDir);
      cwd = absDir;
      return name;
    } catch {
      return childPath(absDir, name); // e.g. a folder that can be listed but not entered
    }
  }

  /** Adds entry i of a listing (not a folder) as a file of `dir`. */
  function addFile(dir: DirNode, listing: FolderListing, i: number, ignored: boolean): void {
    const at = (listing.first + i) * STRIDE;
    const kind = listing.numbers[at];
    const detail = listing.details?.get(i);
    let size = 0;
    let allocated = 0;
    if (kind === FILE) {
      const { numbers } = listing;
      size = numbers[at + SIZE];
      allocated = numbers[at + BLOCKS] * 512;
      if (numbers[at + NLINK] > 1) {
        const key = `${numbers[at + DEV]}:${numbers[at + INO]}`;
        if (seenInodes.has(key)) allocated = 0;
        else seenInodes.add(key);
      }
      dir.bytes += size;
      dir.allocated += allocated;
      dir.fileCount += 1;
      filesSeen += 1;
      bytesSeen += size;
    }
    // Fields in the order they always had (a FileNode may be serialized as it is).
    const file: FileNode = { name: listing.names[listing.first + i], kind: kind === FILE ? 'file' : kind === SYMLINK ? 'symlink' : 'other', size, allocated, tracked: false, ignored };
    if (detail?.raw) file.raw = asBuffer(detail.raw);
    if (detail?.target !== undefined) file.target = detail.target;
    dir.files.push(file);
  }

  function visit(absDir: FsPath, dir: DirNode, frozen: boolean, parentJudge?: FolderJudge): void {
    dirsByPath.set(dir.path, dir);
    const { listing, here } = listingOf(absDir, dir);
    const frame: Frame | undefined = here ? { path: dir.path, absDir, listing, next: 0, cursor: listing.count - 1 } : undefined;
    if (listing.unreadable !== undefined) {
      dir.unreadable = true;
      warnings.push({ path: dir.path === '' ? '.' : dir.path, message: `cannot read folder: ${listing.unreadable}; its size is not counted` });
      return;
    }
    if (listing.gitDir) {
      dir.gitDir = true;
      dir.bytes += listing.gitDir.bytes;
      dir.allocated += listing.gitDir.allocated;
      dir.fileCount += listing.gitDir.files;
      filesSeen += listing.gitDir.files;
      bytesSeen += listing.gitDir.bytes;
      return;
    }
    const { names, numbers, first, count, details } = listing;
    let ignoreFile = -1;
    for (let i = 0; i < count; i++) {
      const name = names[first + i];
      if (name === '.gitignore') ignoreFile = i;
      else if (name === '.git' && dir.path !== '') {
        // A nested repository: the outer repository's patterns apply, its own ignore files do not.
        dir.nestedRepo = true;
        frozen = true;
      }
    }
    if (!dir.ignored && !frozen && ignoreFile >= 0) {
      const kind = numbers[(first + ignoreFile) * STRIDE];
      if (kind === FILE || kind === OTHER) {
        try {
          rules.addIgnoreFile(repoPath(dir.path), readRegularFile(childPath(absDir, '.gitignore')));
        } catch (err) {
          warnings.push({ path: joinPath(dir.path, '.gitignore'), message: `cannot read: ${describe(err)}` });
        }
      }
    }
    // Entries of an ignored folder are ignored without asking.
    const judge = dir.ignored ? undefined : rules.judgeFolder(repoPath(dir.path), parentJudge && { judge: parentJudge, name: dir.name });

    if (frame) frames.push(frame);
    try {
      for (let i = 0; i < count; i++) {
        if (i % EVERY_ENTRIES === EVERY_ENTRIES - 1) handOver();
        const name = names[first + i];
        const kind = numbers[(first + i) * STRIDE];
        const detail = details?.get(i);
        if (detail?.raw) warnings.push({ path: joinPath(dir.path, name), message: 'file name is not valid UTF-8 (its bytes are kept exactly; shown with \\x escapes)' });
        if (kind === UNREADABLE) {
          warnings.push({ path: joinPath(dir.path, name), message: `cannot read: ${detail!.problem}` });
          continue;
        }
        if (kind === DIR) {
          if (frame) frame.next = i;
          const rel = joinPath(dir.path, name);
          const child = newDir(name, rel, dir, judge === undefined || judge.isIgnored(name, true));
          dir.dirs.push(child);
          visit(entryPath(absDir, listing, i), child, frozen, judge);
          dir.bytes += child.bytes;
          dir.allocated += child.allocated;
          dir.fileCount += child.fileCount;
          continue;
        }
        addFile(dir, listing, i, judge === undefined || judge.isIgnored(name, false));
        if (kind === SYMLINK && detail?.problem !== undefined) warnings.push({ path: joinPath(dir.path, name), message: detail.problem });
      }
    } finally {
      if (frame) frames.pop();
    }
    onProgress?.(filesSeen, bytesSeen);
  }

  const tree = newDir('', '', null, false);
  try {
    visit(root, tree, false);
  } finally {
    helper?.stop();
    if (startDir !== undefined && cwd !== startDir) process.chdir(startDir);
  }
  return { tree, dirsByPath, helperFolders: helper?.listed ?? 0 };
}
