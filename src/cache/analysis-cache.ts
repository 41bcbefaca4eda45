/**
 * The persistent per-file analysis cache (as ruff keeps one): what the import analysis found in
 * each Python file, keyed by the file's path, size, mtime (ns) and inode, in one file per scanned
 * root under the user's cache folder. A second scan of an unchanged tree reads no Python file.
 *
 * Trust rules: the cache file carries a header with its format, the tool and analyser versions,
 * the root it belongs to, and the length and SHA-256 of its body; anything that does not match
 * (corrupt, truncated, another version, another root) is ignored with one warning and rewritten.
 * It is written through a temporary file and a rename, so two scans at once leave one whole file
 * (the last writer's), never a torn one. It is never placed inside the scanned root.
 *
 * A checksum proves nothing against another user who can write the cache folder (anyone can
 * compute one), so, as git does with repositories it does not own, the cache is trusted only when
 * the folder and the file belong to the user running the scan and nobody else can write them. The
 * file is opened without following a symlink and without blocking (a FIFO planted there must not
 * hang the scan), and never read past the cache's size bound.
 */
import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants as fsConstants, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, type BigIntStats, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { openNoFollow } from '../model/project-file.js';
import { describeError, isTempName, writeTempFor } from '../patch/temp-file.js';
import { VERSION } from '../version.js';

/** Bumped whenever the cache file's layout changes. */
export const CACHE_FORMAT = 1;
const MAGIC = 'repolish-analysis-cache';
const SUFFIX = '.cache';
/** All roots' cache files together stay under this many bytes: the oldest roots are dropped first. */
export const DEFAULT_MAX_CACHE_BYTES = 256 * 1024 * 1024;
/**
 * A file modified this close to the moment it was looked at is not stored: a second change within
 * the file system's timestamp granularity would keep size and mtime, and the entry would lie (git
 * calls these entries "racily clean").
 */
const RACY_WINDOW_NS = 2_000_000_000n;

export interface FileKey {
  size: number;
  mtimeNs: string;
  ino: string;
  /** Permissions too: a file made unreadable keeps its mtime, and must be read (and fail) again. */
  mode: number;
}

export interface CacheSettings {
  /** `--cache-dir DIR`: given by the user, so a folder inside the root is an error, not a warning. */
  dir?: string;
  /** `--no-cache`. */
  disabled?: boolean;
  /** The analyser's own version: a cache written by another analyser is foreign. */
  analyser: string;
  /** Which of a root's caches this is: each name has a file of its own (none: the import analysis'). */
  name?: string;
  maxBytes?: number;
  /** Where the cache's own problems are told (stderr): never the report, which must not depend on the cache. */
  warn: (message: string) => void;
}

export interface CacheStats {
  hits: number;
  misses: number;
  stored: number;
  file?: string;
  written: boolean;
}

/** `$XDG_CACHE_HOME/repolish`, else `~/.cache/repolish`. */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'repolish');
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
function realPathOfPossiblyMissing(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return resolve(path);
      rest.push(at.slice(parent.length).replace(/^\//, ''));
      at = parent;
    }
  }
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/** Throws UsageError when `--cache-dir DIR` is the scanned root (a real path) or inside it. */
export function refuseCacheDirInside(root: string, dir: string): void {
  if (isInside(realPathOfPossiblyMissing(dir), root)) throw new UsageError(`--cache-dir: the cache folder ${dir} is inside the scanned folder ${root}, and repolish never writes its cache into the repository; choose a folder outside it (or --no-cache)`);
}

/** Why a cache folder or file must not be trusted: another owner, or others may write it. */
function untrustedBecause(st: Stats): string | undefined {
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `belongs to another user (uid ${st.uid})`;
  if ((st.mode & 0o022) !== 0) return `can be written by other users (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/** One scanned root's cache: entries read at the start, the ones used or made written at the end. */
export class AnalysisCache<T> {
  private readonly previous = new Map<string, { key: FileKey; value: T }>();
  private readonly next = new Map<string, { key: FileKey; value: T }>();
  readonly stats: CacheStats = { hits: 0, misses: 0, stored: 0, written: false };
  private readonly nowNs: bigint;

  private constructor(
    private readonly root: string,
    private readonly dir: string,
    private readonly file: string,
    private readonly settings: CacheSettings,
  ) {
    this.stats.file = file;
    this.nowNs = BigInt(Date.now()) * 1_000_000n;
  }

  /**
   * The cache for `root` (a real path), or undefined when caching is off or cannot work here (one
   * warning said why). Throws UsageError for a `--cache-dir` inside the root.
   */
  static open<T>(root: string, settings: CacheSettings): AnalysisCache<T> | undefined {
    if (settings.disabled) return undefined;
    const given = settings.dir !== undefined;
    const wanted = given ? resolve(settings.dir!) : defaultCacheDir();
    if (given) refuseCacheDirInside(root, wanted);
    const real = realPathOfPossiblyMissing(wanted);
    if (isInside(real, root)) {
      settings.warn(`analysis cache off: the cache folder ${wanted} is inside the scanned folder ${root}, and repolish never writes its cache into the repository (use --cache-dir DIR, or --no-cache)`);
      return undefined;
    }
    let folder: Stats;
    try {
      mkdirSync(real, { recursive: true, mode: 0o700 });
      folder = statSync(real);
      if (!folder.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      accessSync(real, fsConstants.R_OK | fsConstants.W_OK | fsConstants.X_OK);
    } catch (err) {
      settings.warn(`analysis cache off: cannot use the cache folder ${wanted} (${describeError(err)}); the scan goes on without it`);
      return undefined;
    }
    const untrusted = untrustedBecause(folder);
    if (untrusted) {
      settings.warn(`analysis cache off: the cache folder ${wanted} ${untrusted}, so its contents cannot be trusted; the scan goes on without it`);
      return undefined;
    }
    const name = createHash('sha256').update(root).digest('hex').slice(0, 32) + (settings.name ? `-${settings.name}` : '');
    const cache = new AnalysisCache<T>(root, real, join(real, `${name}${SUFFIX}`), settings);
    cache.load();
    return cache;
  }

  private header(body: Buffer): string {
    return JSON.stringify({ format: CACHE_FORMAT, tool: VERSION, analyser: this.settings.analyser, root: this.root, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
  }

  private load(): void {
    let bytes: Buffer;
    let fd: number | undefined;
    try {
      let st: Stats;
      ({ fd, stats: st } = openNoFollow(this.file));
      const refused = !st.isFile() ? 'is not a regular file' : untrustedBecause(st) ?? (st.size > Math.max(this.settings.maxBytes ?? 0, DEFAULT_MAX_CACHE_BYTES) ? 'is larger than the cache folder may grow' : undefined);
      if (refused) {
        this.settings.warn(`analysis cache ${this.file} ${refused}; ignored`);
        return;
      }
      bytes = readFileSync(fd);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') this.settings.warn(`analysis cache ${this.file} is a symlink; ignored`);
      else if (code !== 'ENOENT') this.settings.warn(`analysis cache ${this.file} cannot be read (${describeError(err)}); ignored`);
      return;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const problem = this.parse(bytes);
    if (problem) {
      this.previous.clear();
      this.settings.warn(`analysis cache ${this.file} ${problem}; ignored (it is rewritten after this scan)`);
    }
  }

  /** Fills `previous` from the file's bytes; a reason when they cannot be trusted. */
  private parse(bytes: Buffer): string | undefined {
    const firstLine = bytes.indexOf(0x0a);
    const secondLine = firstLine < 0 ? -1 : bytes.indexOf(0x0a, firstLine + 1);
    if (firstLine < 0 || bytes.subarray(0, firstLine).toString('utf8') !== `${MAGIC}` || secondLine < 0) return 'is not a repolish analysis cache';
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(bytes.subarray(firstLine + 1, secondLine).toString('utf8'));
    } catch {
      return 'has a corrupt header';
    }
    if (header.format !== CACHE_FORMAT) return `has format ${String(header.format)}, not ${CACHE_FORMAT}`;
    if (header.tool !== VERSION || header.analyser !== this.settings.analyser) return `was written by another version (${String(header.tool)}, analyser ${String(header.analyser)})`;
    if (header.root !== this.root) return 'belongs to another folder';
    const body = bytes.subarray(secondLine + 1);
    if (body.length !== header.bytes) return `is truncated or padded (${body.length} bytes of ${String(header.bytes)})`;
    if (createHash('sha256').update(body).digest('hex') !== header.sha256) return 'is corrupt (checksum mismatch)';
    let entries: unknown;
    try {
      entries = JSON.parse(body.toString('utf8'));
    } catch {
      return 'has a corrupt body';
    }
    if (!Array.isArray(entries)) return 'has a body of the wrong shape';
    for (const entry of entries) {
      if (!Array.isArray(entry) || entry.length !== 6 || typeof entry[0] !== 'string' || typeof entry[1] !== 'number' || typeof entry[2] !== 'string' || typeof entry[3] !== 'string' || typeof entry[4] !== 'number') return 'has an entry of the wrong shape';
      this.previous.set(entry[0], { key: { size: entry[1], mtimeNs: entry[2], ino: entry[3], mode: entry[4] }, value: entry[5] as T });
    }
    return undefined;
  }

  /** The key of a file as it is now (lstat, never following a link); undefined when it is not a regular file. */
  keyOf(path: string): FileKey | undefined {
    let st: BigIntStats;
    try {
      st = lstatSync(join(this.root, path), { bigint: true });
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    return { size: Number(st.size), mtimeNs: String(st.mtimeNs), ino: String(st.ino), mode: Number(st.mode) };
  }

  /** The stored analysis of `path` when its key is unchanged. */
  lookup(path: string, key: FileKey | undefined): T | undefined {
    const found = key && this.previous.get(path);
    if (found && found.key.size === key.size && found.key.mtimeNs === key.mtimeNs && found.key.ino === key.ino && found.key.mode === key.mode) {
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
    const age = this.nowNs - BigInt(key.mtimeNs);
    if (age < RACY_WINDOW_NS) return; // racily clean (or dated in the future): analysed again next time
    this.next.set(path, { key, value });
    this.stats.stored += 1;
  }

  /** Writes the entries this scan used or made (files gone from the tree drop out), then bounds the folder. */
  save(): void {
    if (this.stats.stored === 0 && this.next.size === this.previous.size) return; // nothing new, nothing gone
    const entries = [...this.next].map(([path, { key, value }]) => [path, key.size, key.mtimeNs, key.ino, key.mode, value]);
    const body = Buffer.from(JSON.stringify(entries), 'utf8');
    const content = Buffer.concat([Buffer.from(`${MAGIC}\n${this.header(body)}\n`, 'utf8'), body]);
    let temp: string | undefined;
    try {
      temp = writeTempFor(this.file, content, 0o600).path;
      renameSync(temp, this.file);
      this.stats.written = true;
    } catch (err) {
      if (temp) try { unlinkSync(temp); } catch { /* already gone */ }
      this.settings.warn(`analysis cache ${this.file} cannot be written (${describeError(err)}); the next scan analyses again`);
      return;
    }
    this.evict();
  }

  /** Drops the least recently written roots' files until the folder fits; stray temporaries older than an hour go too. */
  private evict(): void {
    const max = this.settings.maxBytes ?? DEFAULT_MAX_CACHE_BYTES;
    let files: Array<{ path: string; size: number; mtimeMs: number }> = [];
    try {
      for (const name of readdirSync(this.dir)) {
        const path = join(this.dir, name);
        const st = lstatSync(path);
        if (!st.isFile()) continue;
        if (isTempName(name)) {
          if (Date.now() - st.mtimeMs > 3_600_000) try { unlinkSync(path); } catch { /* another scan took it */ }
          continue;
        }
        if (name.endsWith(SUFFIX)) files.push({ path, size: st.size, mtimeMs: st.mtimeMs });
      }
    } catch {
      return; // eviction is best effort
    }
    let total = files.reduce((sum, f) => sum + f.size, 0);
    files = files.filter((f) => f.path !== this.file).sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : 1));
    for (const f of files) {
      if (total <= max) break;
      try { unlinkSync(f.path); } catch { /* another scan took it */ }
      total -= f.size;
    }
  }
}
