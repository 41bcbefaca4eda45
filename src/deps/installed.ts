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
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
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

/** A folder's part of modulePaths: whether its names can be a package path, and their dotted prefixes. */
interface PackageFolder { importable: boolean; depth: number; names: string[]; prefixes: string[] }

/** Per folder of a RECORD (thousands of files share a few hundred folders); cleared per environment. */
const packageFolders = new Map<string, PackageFolder>();

/** `folder` is undefined for a file at the top of site-packages. */
function packageFolder(folder: string | undefined): PackageFolder {
  const key = folder ?? '/';
  let known = packageFolders.get(key);
  if (!known) {
    const names = folder === undefined ? [] : folder.split('/');
    const importable = names.every((d) => d !== '__pycache__' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(d));
    const prefixes: string[] = [];
    for (let depth = 1; depth <= Math.min(3, names.length); depth++) prefixes.push(names.slice(0, depth).join('.'));
    packageFolders.set(key, (known = { importable, depth: names.length, names, prefixes }));
  }
  return known;
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
  const stem = /^([A-Za-z_][A-Za-z0-9_]*)(?:\.[^/]*)?\.(py|pyc|so|pyd|pyi)$/.exec(last)?.[1];
  if (!stem || stem === '__init__' || folder.depth >= 3) return [...folder.prefixes];
  return [...folder.prefixes, [...folder.names, stem].join('.')];
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
  private readonly children = new Map<DirNode, Map<string, DirNode | FileNode>>();

  constructor(private readonly top: DirNode) {}

  private entries(dir: DirNode): Map<string, DirNode | FileNode> {
    let map = this.children.get(dir);
    if (!map) {
      map = new Map();
      // Files first, then folders: a name is one or the other on disk.
      for (const f of dir.files) map.set(f.name, f);
      for (const d of dir.dirs) map.set(d.name, d);
      this.children.set(dir, map);
    }
    return map;
  }

  private readonly filePositions = new Map<DirNode, Map<string, number>>();

  /** Where each file of `dir` is in the walk's listing (many RECORDs list files of one folder). */
  positions(dir: DirNode): Map<string, number> {
    let map = this.filePositions.get(dir);
    if (!map) this.filePositions.set(dir, (map = new Map(dir.files.map((f, i) => [f.name, i]))));
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
      if (node === undefined || slash < 0) return node;
      if ('kind' in node) return undefined;
      dir = node;
      start = slash + 1;
    }
  }

  /** The regular file `name` in `dir`. */
  fileIn(dir: DirNode, name: string): FileNode | undefined {
    const node = this.entries(dir).get(name);
    return node !== undefined && 'kind' in node && node.kind === 'file' ? node : undefined;
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
 * The files a RECORD (or installed-files.txt) lists, each once. `plain`: by folder, relative to the
 * folder the list is relative to ('' for that folder itself), the names in it; `normalized`: the
 * lines that needed normalizing (`../../../bin/x`), as root-relative paths.
 */
export interface RecordFiles {
  plain: Array<[string, string[]]>;
  normalized: string[];
}

/** Where a distribution's metadata files are read: the cache when it has them unchanged, else the file. */
interface SummaryReader {
  /** Summaries are kept between scans (a cache is open). */
  kept: boolean;
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
    kept: cache !== undefined,
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

/**
 * A RECORD (`isDistInfo`, relative to site-packages `spPath`) or an egg's installed-files.txt
 * (relative to its own folder): the files it lists and, for a RECORD, the modules they provide.
 */
function summarizeRecord(text: string, isDistInfo: boolean, baseDirPath: string, spPath: string): Extract<DistFileSummary, { kind: 'record' }> {
  const byFolder = new Map<string, Set<string>>();
  const normalized = new Set<string>();
  const modules = new Set<string>();
  let hasBinary = false;
  const spPrefix = `${spPath}/`;
  for (const line of text.split('\n')) {
    const rel = isDistInfo ? recordPath(line) : line.trim();
    if (!rel) continue;
    // Most lines are plain paths below the base folder; `../../../bin/x` and the like are normalized first.
    const plain = !(rel.includes('./') || rel.includes('//') || rel.startsWith('/') || rel.endsWith('/.') || rel === '.');
    const path = plain ? undefined : posix.normalize(`${baseDirPath}/${rel}`);
    if (path === undefined) {
      const slash = rel.lastIndexOf('/');
      const folder = slash < 0 ? '' : rel.slice(0, slash);
      let names = byFolder.get(folder);
      if (!names) byFolder.set(folder, (names = new Set()));
      names.add(rel.slice(slash + 1));
    } else normalized.add(path);
    if (!isDistInfo || !/\.(py|pyi|so|pyd)$/.test(path ?? rel)) continue;
    const spRel = path === undefined ? rel : path.startsWith(spPrefix) ? path.slice(spPrefix.length) : undefined;
    if (spRel === undefined) continue;
    if (!hasBinary && /\.(so|pyd)$/.test(spRel)) hasBinary = true;
    for (const m of modulePaths(spRel)) modules.add(m);
  }
  // A module's first name is a module of its own too (modulePaths gives every prefix): these are the ones without a dot.
  const tops = [...modules].filter((m) => !m.includes('.'));
  return { kind: 'record', files: { plain: [...byFolder].map(([folder, names]) => [folder, [...names]]), normalized: [...normalized] }, modules: [...modules], tops, hasBinary };
}

/** The apparent bytes and the number of the regular files a RECORD lists, as the walk found them; each file counts once. */
function measureRecord(files: RecordFiles, lookup: FileLookup, baseDir: DirNode, reorder: boolean): { bytes: number; files: number } {
  let bytes = 0;
  let count = 0;
  // Distinct plain paths are distinct files; a normalized path may name one of them again.
  const counted = files.normalized.length > 0 ? new Set<FileNode>() : undefined;
  const add = (file: FileNode) => {
    counted?.add(file);
    bytes += file.size;
    count += 1;
  };
  for (const [folder, names] of files.plain) {
    const dir = folder === '' ? baseDir : lookup.dirBelow(baseDir, folder);
    if (dir === undefined) continue;
    // The names as the walk lists them, matched in one pass (no map of the folder's 134k names):
    // the order a previous measure left them in.
    let matched = 0;
    for (let i = 0; i < dir.files.length && matched < names.length; i++) {
      const node = dir.files[i];
      if (node.name !== names[matched]) continue;
      if (node.kind === 'file') add(node);
      matched += 1;
    }
    if (matched === names.length) continue;
    // The others by name; then all in the walk's order, for the cache file this summary is written to.
    for (let k = matched; k < names.length; k++) {
      const file = lookup.fileIn(dir, names[k]);
      if (file !== undefined) add(file);
    }
    if (!reorder) continue;
    // Each name's position looked up once, not at every comparison (a stable sort either way).
    const position = lookup.positions(dir);
    const ranked = names.map((name) => ({ name, at: position.get(name) ?? dir.files.length }));
    ranked.sort((a, b) => a.at - b.at);
    ranked.forEach(({ name }, k) => { names[k] = name; });
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
      const record = has(recordName) ? reader.read(joinPath(meta.path, recordName), 'record', (text) => summarizeRecord(text, isDistInfo, baseDir.path, sp.path)) : undefined;
      if (record !== undefined) {
        ({ bytes, files } = measureRecord(record.files, lookup, baseDir, reader.kept));
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
