/**
 * What a virtualenv holds, read from the walk: every distribution's metadata (Requires-Dist,
 * top_level.txt, entry points), the modules it provides and its measured size: the apparent
 * sizes of the files its RECORD lists (resolved from site-packages, as found on disk), else of
 * its top-level folders. One index of the venv's files is built once; no per-package re-walk.
 */
import { posix } from 'node:path';
import type { RepoFacts } from '../model/facts.js';
import type { FileKey } from '../model/file-key.js';
import { joinPath, type DirNode, type FileNode } from '../model/tree.js';
import { pypiNameForConda } from '../manifests/conda.js';
import { normalizeName, parseRequirement, type Requirement } from '../manifests/requirement.js';
import { environmentFor, type MarkerEnvironment } from './markers.js';

export interface InstalledDist {
  /** Normalized name. */
  name: string;
  displayName: string;
  version: string;
  /** The `.dist-info` / `.egg-info` folder, relative to the root. */
  metadataPath: string;
  requires: Requirement[];
  /** Top-level import names. */
  topLevel: string[];
  /** Dotted module paths it provides, up to three levels (`google.cloud.storage`). */
  modules: string[];
  consoleScripts: string[];
  /** Entry-point groups other than scripts: the frameworks it plugs into (`pytest11`, ...). */
  pluginGroups: string[];
  bytes: number;
  files: number;
  /** How the size was measured. */
  measuredBy: 'record' | 'folders';
}

export interface InstalledEnvironment {
  /** The virtualenv folder, relative to the root. */
  path: string;
  pythonVersion?: string;
  markerEnvironment: MarkerEnvironment;
  sitePackages: string[];
  dists: Map<string, InstalledDist>;
  /** Dotted module path -> names of the distributions that provide it. */
  providers: ModuleProviders;
  /** Console script -> distributions. */
  scripts: Map<string, string[]>;
  /** Apparent bytes of everything in the venv folder. */
  bytes: number;
}

function sitePackageDirs(venv: DirNode): DirNode[] {
  const found: DirNode[] = [];
  for (const lib of venv.dirs) {
    if (!/^(lib|lib64|Lib)$/.test(lib.name)) continue;
    for (const candidate of [lib, ...lib.dirs.filter((d) => /^(python|pypy)\d/.test(d.name))]) {
      const sp = candidate.dirs.find((d) => d.name === 'site-packages' || d.name === 'dist-packages');
      if (sp && !found.includes(sp)) found.push(sp);
    }
  }
  return found;
}

/** RFC 822-style headers of METADATA / PKG-INFO (they end at the first blank line). */
export function metadataHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: string[] | undefined;
  // Line by line up to the blank one: the description after it can be most of the file.
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const l = text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    start = end + 1;
    if (l === '') break;
    if (/^[ \t]/.test(l) && last) {
      last[last.length - 1] += ` ${l.trim()}`;
      continue;
    }
    const colon = l.indexOf(':');
    if (colon <= 0) continue;
    const key = l.slice(0, colon).trim().toLowerCase();
    last = headers.get(key) ?? [];
    last.push(l.slice(colon + 1).trim());
    headers.set(key, last);
  }
  return headers;
}

/** entry_points.txt: group -> names. */
export function entryPointGroups(text: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = [];
      groups.set(header[1].trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.push(line.slice(0, eq).trim());
  }
  return groups;
}

/** The path column of a RECORD line (CSV; a path with a comma is quoted). */
export function recordPath(line: string): string {
  const l = line.replace(/\r$/, '');
  if (l.startsWith('"')) {
    const end = l.indexOf('",');
    return (end < 0 ? l.slice(1) : l.slice(1, end)).replace(/""/g, '"');
  }
  const comma = l.indexOf(',');
  return comma < 0 ? l : l.slice(0, comma);
}

/**
 * A folder's part of modulePaths: whether its names can be a package path, their dotted prefixes,
 * and the dotted path a module file in it starts with (`a.b.`; '' at the top).
 */
interface PackageFolder { importable: boolean; depth: number; prefixes: string[]; dotted: string }

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Per folder of a RECORD (thousands of files share a few hundred folders); cleared per environment. */
const packageFolders = new Map<string, PackageFolder>();

/** `folder` is undefined for a file at the top of site-packages. */
function packageFolder(folder: string | undefined): PackageFolder {
  const key = folder ?? '/';
  let known = packageFolders.get(key);
  if (!known) {
    const names = folder === undefined ? [] : folder.split('/');
    let importable = true;
    const prefixes: string[] = [];
    let dotted = '';
    for (let k = 0; k < names.length && importable; k++) {
      importable = names[k] !== '__pycache__' && IDENTIFIER.test(names[k]);
      dotted = k === 0 ? names[k] : `${dotted}.${names[k]}`;
      if (k < 3) prefixes.push(dotted);
    }
    // A folder that is not a package path provides no module: its prefixes are never asked for.
    packageFolders.set(key, (known = { importable, depth: names.length, prefixes, dotted: names.length === 0 ? '' : `${dotted}.` }));
  }
  return known;
}

/** A module file's name up to its first dot is an identifier (`mod.py`, `ext.cpython-311-x86_64-linux-gnu.so`). */
const MODULE_STEM = /^[A-Za-z_][A-Za-z0-9_]*\./;

/**
 * The module a file of an importable folder is, beyond the folder's own prefixes, when its name
 * (which ends in a module suffix) starts with an identifier: none for `__init__` or below the third level.
 */
function ownModule(folder: PackageFolder, name: string): string | undefined {
  if (folder.depth >= 3 || !MODULE_STEM.test(name) || name.startsWith('__init__.')) return undefined;
  return folder.dotted + name.slice(0, name.indexOf('.'));
}

/** Whether a RECORD line's file can provide a module (sources, stubs, extensions). */
function isModuleFile(path: string): boolean {
  return path.endsWith('.py') || path.endsWith('.so') || path.endsWith('.pyi') || path.endsWith('.pyd');
}

/**
 * Module paths a site-packages-relative file provides (`a`, `a.b`, `a.b.c`): up to three names of
 * its folders and, above that depth, its own module name. (The same as splitting the whole path
 * each time, which cost more than the rest of a 134k-line RECORD pass.)
 */
export function modulePaths(rel: string): string[] {
  const slash = rel.lastIndexOf('/');
  const last = rel.slice(slash + 1);
  if (last === '__pycache__' || last.endsWith('.dist-info') || last.endsWith('.egg-info') || last.endsWith('.data')) return [];
  const folder = packageFolder(slash < 0 ? undefined : rel.slice(0, slash));
  if (!folder.importable) return [];
  const own = isModuleFile(last) || last.endsWith('.pyc') ? ownModule(folder, last) : undefined;
  return own === undefined ? [...folder.prefixes] : [...folder.prefixes, own];
}

function mostCommon(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/**
 * Which distributions provide a module. A large venv lists 100k modules and a scan asks about a
 * few thousand: a map of them all cost more than the rest of a warm read (each string hashed once
 * more), so each distribution's module set is made when a question first reaches it, through the
 * first names of its modules.
 */
export class ModuleProviders {
  private readonly byTop = new Map<string, InstalledDist[]>();
  private readonly sets = new Map<InstalledDist, Set<string>>();
  private readonly answers = new Map<string, string[] | undefined>();

  /** A distribution, in the order they are found, with the first names of its modules. */
  add(dist: InstalledDist, tops: Iterable<string>): void {
    for (const top of tops) {
      const dists = this.byTop.get(top);
      if (!dists) this.byTop.set(top, [dist]);
      else if (dists[dists.length - 1] !== dist) dists.push(dist);
    }
  }

  /** The names of the distributions that provide `module`, in the order they were found; undefined when none does. */
  get(module: string): string[] | undefined {
    if (this.answers.has(module)) return this.answers.get(module);
    const dot = module.indexOf('.');
    let found: string[] | undefined;
    for (const dist of this.byTop.get(dot < 0 ? module : module.slice(0, dot)) ?? []) {
      let set = this.sets.get(dist);
      if (!set) this.sets.set(dist, (set = new Set(dist.modules)));
      if (set.has(module)) (found ??= []).push(dist.name);
    }
    this.answers.set(module, found);
    return found;
  }
}

/** The first name of a dotted module path. */
function topOf(module: string): string {
  const dot = module.indexOf('.');
  return dot < 0 ? module : module.slice(0, dot);
}

const environments = new WeakMap<DirNode, InstalledEnvironment>();

/** The venv's distributions, read once per walk. */
export function readInstalledEnvironment(facts: RepoFacts, venv: DirNode): InstalledEnvironment {
  let env = environments.get(venv);
  if (!env) environments.set(venv, (env = readEnvironment(facts, venv)));
  return env;
}

/**
 * The regular files below a folder, found by path through the walked tree. A venv holds 100k+
 * files and its RECORDs name most of them: an index of every path cost more (building and hashing
 * long joined strings) than following a few short names from the folder a RECORD is relative to.
 */
class FileLookup {
  private readonly children = new Map<DirNode, Map<string, DirNode | number>>();

  constructor(private readonly top: DirNode) {}

  /** The names in `dir`, when they are indexed already. */
  indexed(dir: DirNode): Map<string, DirNode | number> | undefined {
    return this.children.get(dir);
  }

  /**
   * The names in `dir`: a folder, or a file's position in the walk's listing (RECORDs are put in
   * the walk's order with it).
   */
  entries(dir: DirNode): Map<string, DirNode | number> {
    let map = this.children.get(dir);
    if (!map) {
      map = new Map();
      // Files first, then folders: a name is one or the other on disk.
      const files = dir.files;
      for (let i = 0; i < files.length; i++) map.set(files[i].name, i);
      for (const d of dir.dirs) map.set(d.name, d);
      this.children.set(dir, map);
    }
    return map;
  }

  /** The regular file at `rel` below `from` (plain `/`-separated names, no `.`/`..`). */
  below(from: DirNode, rel: string): FileNode | undefined {
    const node = this.nodeBelow(from, rel);
    return node && 'kind' in node && node.kind === 'file' ? node : undefined;
  }

  /** The folder at `rel` below `from` (plain `/`-separated names). */
  dirBelow(from: DirNode, rel: string): DirNode | undefined {
    const node = this.nodeBelow(from, rel);
    return node && !('kind' in node) ? node : undefined;
  }

  /** The file or folder at `rel` below `from`, through folders only. */
  private nodeBelow(from: DirNode, rel: string): DirNode | FileNode | undefined {
    let dir = from;
    let start = 0;
    for (;;) {
      const slash = rel.indexOf('/', start);
      const node = this.entries(dir).get(slash < 0 ? rel.slice(start) : rel.slice(start, slash));
      if (node === undefined) return undefined;
      if (typeof node === 'number') return slash < 0 ? dir.files[node] : undefined;
      if (slash < 0) return node;
      dir = node;
      start = slash + 1;
    }
  }

  /** The regular file at a root-relative normalized path, when it lies below the top folder. */
  at(path: string): FileNode | undefined {
    if (this.top.path === '') return path === '' || path.startsWith('../') || path === '..' ? undefined : this.below(this.top, path);
    return path.startsWith(`${this.top.path}/`) ? this.below(this.top, path.slice(this.top.path.length + 1)) : undefined;
  }
}

/**
 * What one file of a distribution's metadata folder says, as plain data: the environment cache
 * (src/cache/environment-cache.ts) keeps it per file, keyed by the file's size, mtime, inode and
 * mode, so a warm scan reads no metadata file again. Nothing in it depends on anything but the
 * file's text and its path; the sizes of the files a RECORD lists are looked up in the walk each time.
 */
export type DistFileSummary =
  | { kind: 'metadata'; name?: string; version?: string; requiresDist: string[] }
  | { kind: 'requires'; requires: string[] }
  | { kind: 'top-level'; names: string[]; empty: boolean }
  | { kind: 'record'; files: RecordFiles; modules: string[]; tops: string[]; hasBinary: boolean }
  | { kind: 'entry-points'; groups: Array<[string, string[]]> }
  | { kind: 'wheel'; tags: string[] };

/** Bumped whenever a summary's meaning or shape changes (a cache of another version is foreign). */
export const ENVIRONMENT_SUMMARY_VERSION = 1;

/**
 * The files a RECORD (or installed-files.txt) lists. `plain`: by folder, relative to the folder the
 * list is relative to ('' for that folder itself), the names in it: as listed when just read (a
 * name may repeat), then, once measured (measureRecord), each once and in the walk's order, as the
 * cache keeps them; `normalized`: the lines that needed normalizing (`../../../bin/x`), as
 * root-relative paths, each once.
 */
export interface RecordFiles {
  plain: Array<[string, string[]]>;
  normalized: string[];
}

/** Where a distribution's metadata files are read: the cache when it has them unchanged, else the file. */
interface SummaryReader {
  read<K extends DistFileSummary['kind']>(path: string, kind: K, summarize: (text: string) => Extract<DistFileSummary, { kind: K }>): Extract<DistFileSummary, { kind: K }> | undefined;
}

/**
 * Where summaries are kept between scans, by file path and the file's key as it is now (the
 * environment cache, src/cache/environment-cache.ts, is one).
 */
export interface SummaryStore {
  keyOf(path: string): object | undefined;
  lookup(path: string, key: object | undefined): DistFileSummary | undefined;
  store(path: string, key: object | undefined, value: DistFileSummary): void;
}

/** Opens a scan's summary store when a virtualenv is first read (a repository without one gets no cache file). */
export type SummaryStoreOpener = () => SummaryStore | undefined;

const cacheOpeners = new WeakMap<RepoFacts, { open: SummaryStoreOpener; cache?: SummaryStore | null }>();

/** The store this walk's virtualenvs are read through (scan-context.ts sets it for a scan with a cache). */
export function useEnvironmentCache(facts: RepoFacts, open: SummaryStoreOpener): void {
  cacheOpeners.set(facts, { open });
}

function summaryReader(facts: RepoFacts): SummaryReader {
  const opener = cacheOpeners.get(facts);
  if (opener && opener.cache === undefined) opener.cache = opener.open() ?? null;
  const cache = opener?.cache ?? undefined;
  return {
    read(path, kind, summarize) {
      const key = cache?.keyOf(path);
      const known = cache?.lookup(path, key);
      if (known !== undefined && known.kind === kind) {
        facts.reads?.stat(path, key as FileKey | undefined);
        return known as Extract<DistFileSummary, { kind: typeof kind }>;
      }
      const text = facts.readText(path);
      if (text === undefined) return undefined; // its warning, if any, is told each time: never stored
      const summary = summarize(text);
      cache?.store(path, key, summary);
      return summary;
    },
  };
}

function summarizeMetadata(text: string): Extract<DistFileSummary, { kind: 'metadata' }> {
  const headers = metadataHeaders(text);
  return { kind: 'metadata', name: headers.get('name')?.[0], version: headers.get('version')?.[0], requiresDist: headers.get('requires-dist') ?? [] };
}

function summarizeTopLevel(text: string): Extract<DistFileSummary, { kind: 'top-level' }> {
  return { kind: 'top-level', names: [...new Set(text.split(/\r?\n/).map((s) => s.trim().split('/')[0]).filter(Boolean))], empty: text === '' };
}

function summarizeEntryPoints(text: string): Extract<DistFileSummary, { kind: 'entry-points' }> {
  return { kind: 'entry-points', groups: [...entryPointGroups(text)] };
}

function summarizeWheel(text: string): Extract<DistFileSummary, { kind: 'wheel' }> {
  return { kind: 'wheel', tags: (metadataHeaders(text).get('tag') ?? []).map((tag) => tag.split('-').slice(2).join('-')) };
}

/** The path column of the RECORD line text[start, end): recordPath without copying the line first. */
function recordPathAt(text: string, start: number, end: number): string {
  if (text.charCodeAt(start) === 0x22) return recordPath(text.slice(start, end)); // quoted: rare
  const comma = text.indexOf(',', start);
  if (comma >= 0 && comma < end) return text.slice(start, comma);
  return text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
}

/**
 * A RECORD (`isDistInfo`, relative to site-packages `spPath`) or an egg's installed-files.txt
 * (relative to its own folder): the files it lists and, for a RECORD, the modules they provide.
 * A venv's RECORDs are 130k lines on the main thread while its heap holds the walk, where every
 * short-lived object costs at the next scavenge: the lines are not split out, and a folder's
 * files, listed together, share its name, its entry and its module prefixes with the line before.
 */
function summarizeRecord(text: string, isDistInfo: boolean, baseDirPath: string, spPath: string): Extract<DistFileSummary, { kind: 'record' }> {
  const byFolder = new Map<string, ListedFolder>();
  const normalized = new Set<string>();
  const modules = new RecordModules();
  let hasBinary = false;
  const spPrefix = `${spPath}/`;
  // The previous plain line's folder (where its last slash was, -2 before any): RECORDs list a folder's files together.
  let slashAt = -2;
  let folder = '';
  let listed: ListedFolder = { names: [], pkg: undefined };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const rel = isDistInfo ? recordPathAt(text, start, end) : text.slice(start, end).trim();
    start = end + 1;
    if (!rel) continue;
    // Most lines are plain paths below the base folder; `../../../bin/x` and the like are normalized first.
    if (rel.includes('./') || rel.includes('//') || rel.startsWith('/') || rel.endsWith('/.') || rel === '.') {
      if (addNormalized(rel, baseDirPath, isDistInfo ? spPrefix : undefined, normalized, modules)) hasBinary = true;
      continue;
    }
    const slash = rel.lastIndexOf('/');
    if (slash !== slashAt || !rel.startsWith(folder)) {
      slashAt = slash;
      folder = slash < 0 ? '' : rel.slice(0, slash);
      const known = byFolder.get(folder);
      if (known !== undefined) listed = known;
      else byFolder.set(folder, (listed = { names: [], pkg: undefined }));
    }
    const name = rel.slice(slash + 1);
    listed.names.push(name);
    if (!isDistInfo || !isModuleFile(name)) continue;
    if (!hasBinary && (name.endsWith('.so') || name.endsWith('.pyd'))) hasBinary = true;
    modules.addFile(listed, slash < 0 ? undefined : folder, name);
  }
  const plain: Array<[string, string[]]> = [];
  for (const [path, { names }] of byFolder) plain.push([path, names]);
  return { kind: 'record', files: { plain, normalized: [...normalized] }, modules: [...modules.all], tops: modules.tops, hasBinary };
}

/**
 * The modules a RECORD's files provide, in order, and the first names among them (the ones
 * without a dot: modulePaths gives every prefix, so a module's first name is a module too).
 */
class RecordModules {
  readonly all = new Set<string>();
  readonly tops: string[] = [];

  /** A module that may have no dot. */
  add(module: string): void {
    const known = this.all.size;
    if (this.all.add(module).size > known && !module.includes('.')) this.tops.push(module);
  }

  /** A module file `name` in a listed folder (`folder`: undefined at the top of site-packages). */
  addFile(listed: ListedFolder, folder: string | undefined, name: string): void {
    let pkg = listed.pkg;
    if (pkg === undefined) {
      // The folder's prefixes, once per RECORD.
      listed.pkg = pkg = packageFolder(folder);
      if (pkg.importable && pkg.depth > 0) {
        this.add(pkg.prefixes[0]);
        for (let k = 1; k < pkg.prefixes.length; k++) this.all.add(pkg.prefixes[k]);
      }
    }
    if (!pkg.importable) return;
    const own = ownModule(pkg, name);
    if (own === undefined) return;
    if (pkg.depth === 0) this.add(own);
    else this.all.add(own);
  }
}

/**
 * A line of a RECORD (`spPrefix` given: its modules too) or of an installed-files.txt that needs
 * normalizing, added; whether it is an extension module. (Apart: a rare case, kept out of the
 * compiled loop.)
 */
function addNormalized(rel: string, baseDirPath: string, spPrefix: string | undefined, normalized: Set<string>, modules: RecordModules): boolean {
  const path = posix.normalize(`${baseDirPath}/${rel}`);
  normalized.add(path);
  if (spPrefix === undefined || !isModuleFile(path) || !path.startsWith(spPrefix)) return false;
  const spRel = path.slice(spPrefix.length);
  for (const m of modulePaths(spRel)) modules.add(m);
  return spRel.endsWith('.so') || spRel.endsWith('.pyd');
}

/** A folder's part of a RECORD being read: its names, and its module part once a module file in it asked. */
interface ListedFolder { names: string[]; pkg?: PackageFolder }

/** Where the file `name` is in a folder's listing. */
function fileAt(listing: FileNode[], name: string): number | undefined {
  for (let i = 0; i < listing.length; i++) if (listing[i].name === name) return i;
  return undefined;
}

/** Positions in a folder's listing, reused from folder to folder. */
let positionScratch = new Int32Array(256);

/** The positions' scratch for `n` names (grown here: arithmetic measureRecord rarely runs would cost it its optimized code). */
function positionsFor(n: number): Int32Array {
  if (positionScratch.length < n) positionScratch = new Int32Array(Math.max(n, positionScratch.length * 2));
  return positionScratch;
}

/** `names` without repeats, in order (a RECORD rarely lists a file twice). */
function dropRepeats(names: string[], from: number): void {
  if (names.length - from < 2) return;
  const seen = new Set<string>();
  let n = from;
  for (let k = from; k < names.length; k++) if (!seen.has(names[k])) seen.add((names[n++] = names[k]));
  names.length = n;
}

/**
 * The apparent bytes and the number of the regular files a RECORD lists, as the walk found them;
 * each file counts once. `listed`: the summary was just made, its names as the RECORD lists them;
 * else it comes from the cache, its names in the walk's order as a previous measure left them.
 * Either way the names are left each once, in the walk's order, those not found after.
 */
function measureRecord(files: RecordFiles, lookup: FileLookup, baseDir: DirNode, listed: boolean): { bytes: number; files: number } {
  let bytes = 0;
  let count = 0;
  // Distinct plain paths are distinct files; a normalized path may name one of them again.
  const counted = files.normalized.length > 0 ? new Set<FileNode>() : undefined;
  for (let f = 0; f < files.plain.length; f++) {
    const folder = files.plain[f][0];
    const names = files.plain[f][1];
    const dir = folder === '' ? baseDir : lookup.dirBelow(baseDir, folder);
    if (dir === undefined) {
      if (listed) dropRepeats(names, 0);
      continue;
    }
    const listing = dir.files;
    if (!listed) {
      // The names as a previous measure left them: matched in one pass, no lookup by name.
      let matched = 0;
      let matchedBytes = 0;
      let matchedFiles = 0;
      for (let i = 0; i < listing.length && matched < names.length; i++) {
        const node = listing[i];
        if (node.name !== names[matched]) continue;
        if (node.kind === 'file') {
          counted?.add(node);
          matchedBytes += node.size;
          matchedFiles += 1;
        }
        matched += 1;
      }
      if (matched === names.length) {
        bytes += matchedBytes;
        count += matchedFiles;
        continue;
      }
    }
    // Each name's position in the listing: the files found, once each, in the listing's order; then the others.
    // A few names in a small folder (a metadata folder) are looked for one by one, without an index.
    const entries = lookup.indexed(dir) ?? (names.length * listing.length > 64 ? lookup.entries(dir) : undefined);
    const positionScratch = positionsFor(names.length);
    let found = 0;
    let others = 0;
    for (let k = 0; k < names.length; k++) {
      const at = entries !== undefined ? entries.get(names[k]) : fileAt(listing, names[k]);
      if (typeof at === 'number') positionScratch[found++] = at;
      else names[others++] = names[k]; // kept at the front for now, in order
    }
    const positions = found > 1 ? positionScratch.subarray(0, found).sort() : positionScratch;
    const unfound = others > 0 ? names.slice(0, others) : names;
    let n = 0;
    let last = -1;
    for (let k = 0; k < found; k++) {
      const at = positions[k];
      if (at === last) continue;
      last = at;
      const node = listing[at];
      if (node.kind === 'file') {
        counted?.add(node);
        bytes += node.size;
        count += 1;
      }
      names[n++] = node.name;
    }
    for (let k = 0; k < others; k++) names[n++] = unfound[k];
    names.length = n;
    if (listed) dropRepeats(names, n - others);
  }
  if (counted) {
    for (const path of files.normalized) {
      const file = lookup.at(path);
      if (file === undefined || counted.has(file)) continue;
      counted.add(file);
      bytes += file.size;
      count += 1;
    }
  }
  return { bytes, files: count };
}

function appendTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function readEnvironment(facts: RepoFacts, venv: DirNode): InstalledEnvironment {
  const lookup = new FileLookup(venv);
  const reader = summaryReader(facts);
  packageFolders.clear();

  const dists = new Map<string, InstalledDist>();
  const providers = new ModuleProviders();
  const scripts = new Map<string, string[]>();
  const platformTags: string[] = [];
  let platformSamples = 0;
  const sitePackages = sitePackageDirs(venv);

  for (const sp of sitePackages) {
    for (const meta of sp.dirs) {
      const isDistInfo = meta.name.endsWith('.dist-info');
      if (!isDistInfo && !meta.name.endsWith('.egg-info')) continue;
      const has = (name: string) => meta.files.some((f) => f.name === name);
      const metadata = reader.read(joinPath(meta.path, isDistInfo ? 'METADATA' : 'PKG-INFO'), 'metadata', summarizeMetadata);
      const displayName = metadata?.name ?? meta.name.replace(/-[^-]*\.(dist|egg)-info$/, '');
      const name = normalizeName(displayName);
      if (dists.has(name)) continue; // a stale second copy: the first site-packages wins, as on sys.path
      const requires: Requirement[] = [];
      const requiresText = isDistInfo ? metadata?.requiresDist ?? [] : reader.read(joinPath(meta.path, 'requires.txt'), 'requires', (text) => ({ kind: 'requires', requires: eggRequires(text) }))?.requires ?? [];
      for (const r of requiresText) {
        const req = parseRequirement(r);
        if (req) requires.push(req);
      }

      const topLevelFile = has('top_level.txt') ? reader.read(joinPath(meta.path, 'top_level.txt'), 'top-level', summarizeTopLevel) : undefined;
      const topLevel = new Set(topLevelFile?.names);
      // The modules: top_level.txt's names, then the RECORD's others in order.
      let modules = [...topLevel];
      const tops = new Set(modules.map(topOf));
      let bytes = 0;
      let files = 0;
      let measuredBy: InstalledDist['measuredBy'] = 'record';
      let hasBinary = false;
      const recordName = isDistInfo ? 'RECORD' : 'installed-files.txt';
      const baseDir = isDistInfo ? sp : meta;
      let listed = false;
      const record = has(recordName) ? reader.read(joinPath(meta.path, recordName), 'record', (text) => { listed = true; return summarizeRecord(text, isDistInfo, baseDir.path, sp.path); }) : undefined;
      if (record !== undefined) {
        ({ bytes, files } = measureRecord(record.files, lookup, baseDir, listed));
        hasBinary = record.hasBinary;
        // Only a dotted top_level.txt name can equal a dotted module: the usual case compares no dotted name.
        const dotted = modules.some((m) => m.includes('.'));
        const named = new Set(modules);
        modules = modules.concat(named.size === 0 ? record.modules : record.modules.filter((m) => (!dotted && m.includes('.')) || !named.has(m)));
        for (const top of record.tops) tops.add(top);
        if (topLevelFile === undefined || topLevelFile.empty) for (const m of record.tops) topLevel.add(m);
      } else {
        // No file list: the top-level folders and modules it names, plus its metadata folder.
        measuredBy = 'folders';
        bytes = meta.bytes;
        files = meta.fileCount;
        for (const top of topLevel) {
          const dir = sp.dirs.find((d) => d.name === top);
          if (dir) {
            bytes += dir.bytes;
            files += dir.fileCount;
          }
          for (const f of sp.files) {
            if (f.kind === 'file' && (f.name === `${top}.py` || f.name.startsWith(`${top}.`) && /\.(so|pyd)$/.test(f.name))) {
              bytes += f.size;
              files += 1;
            }
          }
        }
      }

      // The platform: from the wheel tags of binary distributions (a few samples are enough).
      if (isDistInfo && hasBinary && platformSamples < 25 && has('WHEEL')) {
        platformSamples++;
        platformTags.push(...reader.read(joinPath(meta.path, 'WHEEL'), 'wheel', summarizeWheel)?.tags ?? []);
      }

      const entryPoints = new Map(has('entry_points.txt') ? reader.read(joinPath(meta.path, 'entry_points.txt'), 'entry-points', summarizeEntryPoints)?.groups : undefined);
      const consoleScripts = [...(entryPoints.get('console_scripts') ?? []), ...(entryPoints.get('gui_scripts') ?? [])];
      const dist: InstalledDist = {
        name, displayName, version: metadata?.version ?? '', metadataPath: meta.path, requires,
        topLevel: [...topLevel], modules, consoleScripts,
        pluginGroups: [...entryPoints.keys()].filter((g) => g !== 'console_scripts' && g !== 'gui_scripts'),
        bytes, files, measuredBy,
      };
      dists.set(name, dist);
      providers.add(dist, tops);
      for (const s of consoleScripts) appendTo(scripts, s, name);
    }
  }

  const conda = venv.dirs.find((d) => d.name === 'conda-meta');
  if (conda) readCondaPackages(facts, venv, conda, lookup, dists);

  packageFolders.clear();
  const pythonVersion = readPythonVersion(facts, venv);
  return {
    path: venv.path,
    pythonVersion,
    markerEnvironment: environmentFor(pythonVersion ?? '3.12', mostCommon(platformTags.flatMap((t) => t.split('.')).filter((t) => t !== 'any'))),
    sitePackages: sitePackages.map((d) => d.path),
    dists,
    providers,
    scripts,
    bytes: venv.bytes,
  };
}

/** egg-info requires.txt: bare lines, then `[extra]` or `[:marker]` sections. */
function eggRequires(text: string): string[] {
  const out: string[] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    if (!section) out.push(line);
    else {
      const [extra, marker] = section.split(':');
      const parts = [extra ? `extra == "${extra}"` : '', marker ?? ''].filter(Boolean);
      out.push(`${line}; ${parts.join(' and ')}`);
    }
  }
  return out;
}

function readPythonVersion(facts: RepoFacts, venv: DirNode): string | undefined {
  if (venv.files.some((f) => f.name === 'pyvenv.cfg')) {
    const cfg = facts.readText(joinPath(venv.path, 'pyvenv.cfg'));
    const m = cfg && /^\s*(?:version|version_info)\s*=\s*(\d+\.\d+(?:\.\d+)?)/m.exec(cfg);
    if (m) return m[1];
  }
  const lib = venv.dirs.find((d) => d.name === 'lib' || d.name === 'Lib');
  const py = lib?.dirs.find((d) => /^python\d+\.\d+$/.test(d.name));
  return py?.name.slice('python'.length);
}

interface CondaRecord {
  name?: string;
  version?: string;
  depends?: string[];
  files?: string[];
}

/**
 * Conda packages (conda-meta/*.json): what pip metadata does not show, such as MKL or the CUDA
 * toolkit. A conda package that is also a Python distribution adds its conda requirements and
 * files to it; the others become entries of their own, measured from their file lists.
 */
function readCondaPackages(facts: RepoFacts, venv: DirNode, condaMeta: DirNode, lookup: FileLookup, dists: Map<string, InstalledDist>): void {
  const records: Array<{ name: string; record: CondaRecord; path: string }> = [];
  for (const file of condaMeta.files) {
    if (!file.name.endsWith('.json') || file.kind !== 'file') continue;
    const path = joinPath(condaMeta.path, file.name);
    const text = facts.readText(path);
    if (text === undefined) continue;
    try {
      const record = JSON.parse(text) as CondaRecord;
      if (typeof record.name === 'string') records.push({ name: pypiNameForConda(record.name), record, path });
    } catch {
      facts.warnings.push({ path, message: 'not valid JSON: this conda package is not measured' });
    }
  }
  const known = new Set([...dists.keys(), ...records.map((r) => r.name)]);
  for (const { name, record, path } of records) {
    const requires: Requirement[] = [];
    for (const dep of record.depends ?? []) {
      const depName = pypiNameForConda(dep.trim().split(/[\s=<>!]/)[0]);
      if (depName && depName !== name && known.has(depName) && depName !== 'python') requires.push({ name: depName, rawName: depName, extras: [], specifier: '' });
    }
    const existing = dists.get(name);
    if (existing) {
      for (const r of requires) if (!existing.requires.some((x) => x.name === r.name)) existing.requires.push(r);
      continue;
    }
    let bytes = 0;
    let files = 0;
    for (const rel of record.files ?? []) {
      // Only a path as written: a conda file list names files plainly.
      const full = joinPath(venv.path, rel);
      const file = posix.normalize(full) === full ? lookup.at(full) : undefined;
      if (file === undefined) continue;
      bytes += file.size;
      files += 1;
    }
    dists.set(name, {
      name, displayName: record.name ?? name, version: record.version ?? '', metadataPath: path, requires,
      topLevel: [], modules: [], consoleScripts: [], pluginGroups: [], bytes, files, measuredBy: 'record',
    });
  }
}
