/**
 * The cache folder and its files, whatever they hold (per-file analyses, the report memo): where
 * the folder is, when it may be trusted, how a file is read back and written, and how the folder
 * stays bounded.
 *
 * Trust rules: a cache file carries a header with its format, the tool and analyser versions, the
 * root it belongs to, and the length and SHA-256 of its body; anything that does not match
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
import { accessSync, closeSync, constants as fsConstants, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { openNoFollow } from '../model/project-file.js';
import { describeError, isTempName, writeTempFor } from '../patch/temp-file.js';
import { VERSION } from '../version.js';
import { debugEnabled } from '../model/debug.js';

/** Bumped whenever the cache file's layout changes (2: file keys hold the ctime). */
export const CACHE_FORMAT = 2;
const MAGIC = 'repolish-analysis-cache';
const SUFFIX = '.cache';
/** All roots' cache files together stay under this many bytes: the oldest roots are dropped first. */
export const DEFAULT_MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** Where the cache is and whether it is on (`--cache-dir`, `--no-cache`), and where its problems are told. */
export interface CacheFolderSettings {
  /** `--cache-dir DIR`: given by the user, so a folder inside the root is an error, not a warning. */
  dir?: string;
  /** `--no-cache`. */
  disabled?: boolean;
  /** Where the cache's own problems are told (stderr): never the report, which must not depend on the cache. */
  warn: (message: string) => void;
}

/** One cache file: what it is called in warnings, and what its header must say to be trusted. */
export interface CacheFileSpec {
  /** The file. */
  file: string;
  /** The scanned root (a real path) it belongs to. */
  root: string;
  /** The writer's own version: a file written by another one is foreign. */
  analyser: string;
  /** How warnings name it ("analysis cache", "report memo"). */
  label: string;
  maxBytes?: number;
  warn: (message: string) => void;
}

/** `REPOLISH_DEBUG` holds `cache`: the caches' counts are told on stderr. */
export function cacheDebugEnabled(): boolean {
  return debugEnabled('cache');
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

/** How each warning that the cache folder cannot be used begins. */
const FOLDER_OFF = 'analysis cache off:';

/**
 * The same settings, without the warnings that the folder cannot be used: for a cache opened
 * beside the import analysis cache, which tells them once for the same folder.
 */
export function folderToldElsewhere<T extends CacheFolderSettings>(settings: T): T {
  return { ...settings, warn: (message: string) => { if (!message.startsWith(FOLDER_OFF)) settings.warn(message); } };
}

/**
 * The cache folder for a scan of `root` (a real path): its real path, created when missing, or
 * undefined when caching is off or cannot work here (one warning said why). Throws UsageError for
 * a `--cache-dir` inside the root.
 */
export function openCacheFolder(root: string, settings: CacheFolderSettings): string | undefined {
  if (settings.disabled) return undefined;
  const given = settings.dir !== undefined;
  const wanted = given ? resolve(settings.dir!) : defaultCacheDir();
  if (given) refuseCacheDirInside(root, wanted);
  const real = realPathOfPossiblyMissing(wanted);
  if (isInside(real, root)) {
    settings.warn(`${FOLDER_OFF} the cache folder ${wanted} is inside the scanned folder ${root}, and repolish never writes its cache into the repository (use --cache-dir DIR, or --no-cache)`);
    return undefined;
  }
  let folder: Stats;
  try {
    mkdirSync(real, { recursive: true, mode: 0o700 });
    folder = statSync(real);
    if (!folder.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(real, fsConstants.R_OK | fsConstants.W_OK | fsConstants.X_OK);
  } catch (err) {
    settings.warn(`${FOLDER_OFF} cannot use the cache folder ${wanted} (${describeError(err)}); the scan goes on without it`);
    return undefined;
  }
  const untrusted = untrustedBecause(folder);
  if (untrusted) {
    settings.warn(`${FOLDER_OFF} the cache folder ${wanted} ${untrusted}, so its contents cannot be trusted; the scan goes on without it`);
    return undefined;
  }
  return real;
}

/** The file of `root`'s cache called `name` (none: the import analysis') in `folder`, plus an optional part of its own. */
export function cacheFilePath(folder: string, root: string, name?: string): string {
  return join(folder, `${createHash('sha256').update(root).digest('hex').slice(0, 32)}${name ? `-${name}` : ''}${SUFFIX}`);
}

function header(spec: CacheFileSpec, body: Buffer): string {
  return JSON.stringify({ format: CACHE_FORMAT, tool: VERSION, analyser: spec.analyser, root: spec.root, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
}

/**
 * The body of a trusted cache file, parsed; undefined when there is none or it cannot be trusted
 * (a warning then says why).
 */
export function readCacheFile(spec: CacheFileSpec): unknown {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    let st: Stats;
    ({ fd, stats: st } = openNoFollow(spec.file));
    const refused = !st.isFile() ? 'is not a regular file' : untrustedBecause(st) ?? (st.size > Math.max(spec.maxBytes ?? 0, DEFAULT_MAX_CACHE_BYTES) ? 'is larger than the cache folder may grow' : undefined);
    if (refused) {
      spec.warn(`${spec.label} ${spec.file} ${refused}; ignored`);
      return undefined;
    }
    bytes = readFileSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') spec.warn(`${spec.label} ${spec.file} is a symlink; ignored`);
    else if (code !== 'ENOENT') spec.warn(`${spec.label} ${spec.file} cannot be read (${describeError(err)}); ignored`);
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const parsed = parseCacheFile(spec, bytes);
  if (typeof parsed === 'string') {
    spec.warn(`${spec.label} ${spec.file} ${parsed}; ignored (it is rewritten after this scan)`);
    return undefined;
  }
  return parsed.body;
}

/** The parsed body, or why the bytes cannot be trusted. */
function parseCacheFile(spec: CacheFileSpec, bytes: Buffer): { body: unknown } | string {
  const firstLine = bytes.indexOf(0x0a);
  const secondLine = firstLine < 0 ? -1 : bytes.indexOf(0x0a, firstLine + 1);
  if (firstLine < 0 || bytes.subarray(0, firstLine).toString('utf8') !== `${MAGIC}` || secondLine < 0) return 'is not a repolish analysis cache';
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(bytes.subarray(firstLine + 1, secondLine).toString('utf8'));
  } catch {
    return 'has a corrupt header';
  }
  if (head.format !== CACHE_FORMAT) return `has format ${String(head.format)}, not ${CACHE_FORMAT}`;
  if (head.tool !== VERSION || head.analyser !== spec.analyser) return `was written by another version (${String(head.tool)}, analyser ${String(head.analyser)})`;
  if (head.root !== spec.root) return 'belongs to another folder';
  const body = bytes.subarray(secondLine + 1);
  if (body.length !== head.bytes) return `is truncated or padded (${body.length} bytes of ${String(head.bytes)})`;
  if (createHash('sha256').update(body).digest('hex') !== head.sha256) return 'is corrupt (checksum mismatch)';
  try {
    return { body: JSON.parse(body.toString('utf8')) };
  } catch {
    return 'has a corrupt body';
  }
}

/** Writes `body` as JSON through a temporary file and a rename, then bounds the folder; false (warned) when it cannot. */
export function writeCacheFile(spec: CacheFileSpec, body: unknown, unwritten: string): boolean {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const content = [Buffer.from(`${MAGIC}\n${header(spec, bytes)}\n`, 'utf8'), bytes];
  let temp: string | undefined;
  try {
    temp = writeTempFor(spec.file, content, 0o600, { durable: false }).path;
    renameSync(temp, spec.file);
  } catch (err) {
    if (temp) try { unlinkSync(temp); } catch { /* already gone */ }
    spec.warn(`${spec.label} ${spec.file} cannot be written (${describeError(err)}); ${unwritten}`);
    return false;
  }
  evict(dirname(spec.file), spec.file, spec.maxBytes ?? DEFAULT_MAX_CACHE_BYTES);
  return true;
}

/** Drops the least recently written files until the folder fits; stray temporaries older than an hour go too. */
function evict(dir: string, keep: string, max: number): void {
  let files: Array<{ path: string; size: number; mtimeMs: number }> = [];
  try {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
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
  files = files.filter((f) => f.path !== keep).sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : 1));
  for (const f of files) {
    if (total <= max) break;
    try { unlinkSync(f.path); } catch { /* another scan took it */ }
    total -= f.size;
  }
}
