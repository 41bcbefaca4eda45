/**
 * The persistent per-file analysis cache (as ruff keeps one): what the import analysis found in
 * each Python file, keyed by the file's path, size, mtime and ctime (ns), inode and mode, in one
 * file per scanned root under the user's cache folder (cache-file.ts: where, and when it is
 * trusted). A second scan of an unchanged tree reads no Python file.
 */
import { currentFileKey, nowNs, racyAgainst, sameKey, type FileKey } from '../model/file-key.js';
import { cacheFilePath, openCacheFolder, readCacheFile, writeCacheFile, type CacheFileSpec, type CacheFolderSettings } from './cache-file.js';

export { defaultCacheDir, refuseCacheDirInside } from './cache-file.js';
export type { FileKey } from '../model/file-key.js';

export interface CacheSettings extends CacheFolderSettings {
  /** The analyser's own version: a cache written by another analyser is foreign. */
  analyser: string;
  /** Which of a root's caches this is: each name has a file of its own (none: the import analysis'). */
  name?: string;
  maxBytes?: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  stored: number;
  file?: string;
  written: boolean;
}

/** One scanned root's cache: entries read at the start, the ones used or made written at the end. */
export class AnalysisCache<T> {
  private readonly previous = new Map<string, { key: FileKey; value: T }>();
  private readonly next = new Map<string, { key: FileKey; value: T }>();
  readonly stats: CacheStats = { hits: 0, misses: 0, stored: 0, written: false };
  /** isRacy against the clock when the cache was opened. */
  private readonly racy = racyAgainst(nowNs());

  private constructor(
    private readonly root: string,
    private readonly spec: CacheFileSpec,
  ) {
    this.stats.file = spec.file;
  }

  /**
   * The cache for `root` (a real path), or undefined when caching is off or cannot work here (one
   * warning said why). Throws UsageError for a `--cache-dir` inside the root.
   */
  static open<T>(root: string, settings: CacheSettings): AnalysisCache<T> | undefined {
    const folder = openCacheFolder(root, settings);
    if (folder === undefined) return undefined;
    const spec: CacheFileSpec = { file: cacheFilePath(folder, root, settings.name), root, analyser: settings.analyser, label: 'analysis cache', maxBytes: settings.maxBytes, warn: settings.warn };
    const cache = new AnalysisCache<T>(root, spec);
    cache.load();
    return cache;
  }

  private load(): void {
    const body = readCacheFile(this.spec);
    if (body === undefined) return;
    const problem = this.parse(body);
    if (problem) {
      this.previous.clear();
      this.spec.warn(`analysis cache ${this.spec.file} ${problem}; ignored (it is rewritten after this scan)`);
    }
  }

  /** Fills `previous` from the file's body; a reason when it has the wrong shape. */
  private parse(entries: unknown): string | undefined {
    if (!Array.isArray(entries)) return 'has a body of the wrong shape';
    for (const entry of entries) {
      if (!Array.isArray(entry) || entry.length !== 7 || typeof entry[0] !== 'string' || typeof entry[1] !== 'number' || typeof entry[2] !== 'string' || typeof entry[3] !== 'string' || typeof entry[4] !== 'string' || typeof entry[5] !== 'number') return 'has an entry of the wrong shape';
      this.previous.set(entry[0], { key: { size: entry[1], mtimeNs: entry[2], ctimeNs: entry[3], ino: entry[4], mode: entry[5] }, value: entry[6] as T });
    }
    return undefined;
  }

  /** The key of a file as it is now (lstat, never following a link); undefined when it is not a regular file. */
  keyOf(path: string): FileKey | undefined {
    return currentFileKey(this.root, path);
  }

  /** How many files the cache file had analyses of. */
  get known(): number {
    return this.previous.size;
  }

  /** Whether an analysis of `path` is stored (without one, its key need not be taken to look it up). */
  knows(path: string): boolean {
    return this.previous.has(path);
  }

  /** The stored analysis of `path` when its key is unchanged. */
  lookup(path: string, key: FileKey | undefined): T | undefined {
    const found = key && this.previous.get(path);
    if (found && sameKey(found.key, key)) {
      this.stats.hits += 1;
      this.next.set(path, found);
      return found.value;
    }
    this.stats.misses += 1;
    return undefined;
  }

  /** Remembers an analysis made from the file as `key` described it before it was read. */
  store(path: string, key: FileKey | undefined, value: T): void {
    if (!key) return;
    if (this.racy(key)) return; // racily clean (or dated in the future): analysed again next time
    this.next.set(path, { key, value });
    this.stats.stored += 1;
  }

  /** Writes the entries this scan used or made (files gone from the tree drop out), then bounds the folder. */
  save(): void {
    if (this.stats.stored === 0 && this.next.size === this.previous.size) return; // nothing new, nothing gone
    const entries = [...this.next].map(([path, { key, value }]) => [path, key.size, key.mtimeNs, key.ctimeNs, key.ino, key.mode, value]);
    this.stats.written = writeCacheFile(this.spec, entries, 'the next scan analyses again');
  }
}
