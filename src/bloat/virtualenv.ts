/**
 * Reading a virtualenv from the walk: its Python version and every installed distribution with
 * its measured size (the apparent sizes of the files its RECORD lists, as found on disk).
 */
import { posix } from 'node:path';
import type { RepoFacts } from '../model/facts.js';
import { findFile, joinPath, type DirNode } from '../model/tree.js';

export interface InstalledDistribution {
  /** The name as written in METADATA. */
  name: string;
  /** Normalized as pip does: lower case, runs of `-_.` as `-`. */
  key: string;
  version: string;
  /** The `.dist-info` / `.egg-info` folder, relative to the root. */
  metadataPath: string;
  /** Raw `Requires-Dist` values (PEP 508 strings, markers included). */
  requires: string[];
  /** Import names from top_level.txt, else the first segments of RECORD paths. */
  topLevel: string[];
  /** Measured: apparent bytes of the files RECORD lists that exist on disk. */
  bytes: number;
  files: number;
}

export interface Virtualenv {
  path: string;
  pythonVersion?: string;
  /** site-packages folders, relative to the root. */
  sitePackages: string[];
  distributions: InstalledDistribution[];
}

export function normalizeDistName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

export function isVirtualenvDir(dir: DirNode): boolean {
  return dir.files.some((f) => f.name === 'pyvenv.cfg' && f.kind === 'file') || dir.dirs.some((d) => d.name === 'conda-meta');
}

function sitePackageDirs(venv: DirNode): DirNode[] {
  const found: DirNode[] = [];
  for (const libName of ['lib', 'lib64', 'Lib']) {
    const lib = venv.dirs.find((d) => d.name === libName);
    if (!lib) continue;
    const direct = lib.dirs.find((d) => d.name === 'site-packages');
    if (direct) found.push(direct);
    for (const py of lib.dirs) {
      if (!/^python\d/.test(py.name)) continue;
      const sp = py.dirs.find((d) => d.name === 'site-packages');
      if (sp) found.push(sp);
    }
  }
  return found;
}

function metadataField(text: string, field: string): string[] {
  const values: string[] = [];
  const prefix = `${field}:`;
  for (const line of text.split('\n')) {
    if (line === '' || line === '\r') break; // the headers end at the first blank line
    if (line.startsWith(prefix)) values.push(line.slice(prefix.length).trim());
  }
  return values;
}

function pythonVersion(facts: RepoFacts, venv: DirNode): string | undefined {
  const cfg = facts.readText(joinPath(venv.path, 'pyvenv.cfg'));
  const match = cfg?.match(/^\s*version(?:_info)?\s*=\s*(\d+\.\d+(?:\.\d+)?)/m);
  if (match) return match[1];
  // conda, or a venv without the key: lib/pythonX.Y tells the minor version.
  const lib = venv.dirs.find((d) => d.name === 'lib');
  const py = lib?.dirs.find((d) => /^python\d+\.\d+$/.test(d.name));
  return py?.name.slice('python'.length);
}

/**
 * Apparent sizes of the regular files below `dir`, keyed by path relative to it: RECORD paths are
 * relative to site-packages, so most lines are looked up as written, with no string building
 * (a venv holds 100k files; building root-relative keys and normalizing each line cost ~0.5 s).
 */
function sizesBelow(dir: DirNode): Map<string, number> {
  const sizes = new Map<string, number>();
  const visit = (d: DirNode, prefix: string): void => {
    for (const f of d.files) if (f.kind === 'file') sizes.set(prefix + f.name, f.size);
    for (const c of d.dirs) visit(c, `${prefix}${c.name}/`);
  };
  visit(dir, '');
  return sizes;
}

/** `.` and `..` segments or doubled slashes: the path must be normalized before lookup. */
function needsNormalizing(rel: string): boolean {
  return rel.includes('./') || rel.includes('//') || rel.endsWith('/.') || rel.endsWith('/..') || rel === '.' || rel === '..';
}

export function readVirtualenv(facts: RepoFacts, venv: DirNode): Virtualenv {
  const sitePackages = sitePackageDirs(venv);
  const distributions: InstalledDistribution[] = [];

  for (const sp of sitePackages) {
    const sizes = sizesBelow(sp);
    /** A RECORD path relative to site-packages: its dedup key and apparent size (undefined: not on disk). */
    const lookup = (spRel: string): { key: string; size: number | undefined } => {
      if (!needsNormalizing(spRel)) return { key: spRel, size: sizes.get(spRel) };
      const normal = posix.normalize(spRel);
      if (!normal.startsWith('../') && normal !== '..') return { key: normal, size: sizes.get(normal) };
      // Outside site-packages (console scripts in bin/, data files): look it up in the tree,
      // counting only what lies inside the venv.
      const path = posix.normalize(`${sp.path}/${spRel}`);
      const hit = path.startsWith(`${venv.path}/`) ? findFile(facts.tree, path) : undefined;
      return { key: `/${path}`, size: hit && hit.file.kind === 'file' ? hit.file.size : undefined };
    };
    for (const meta of sp.dirs) {
      const isDistInfo = meta.name.endsWith('.dist-info');
      if (!isDistInfo && !meta.name.endsWith('.egg-info')) continue;
      const metadata = facts.readText(joinPath(meta.path, isDistInfo ? 'METADATA' : 'PKG-INFO')) ?? '';
      const name = metadataField(metadata, 'Name')[0] ?? meta.name.replace(/-[^-]*\.(dist|egg)-info$/, '');
      const version = metadataField(metadata, 'Version')[0] ?? '';
      const topLevelText = facts.readText(joinPath(meta.path, 'top_level.txt'));
      const record = isDistInfo ? facts.readText(joinPath(meta.path, 'RECORD')) : facts.readText(joinPath(meta.path, 'installed-files.txt'));
      let bytes = 0;
      let files = 0;
      const firstSegments = new Set<string>();
      const counted = new Set<string>();
      for (const line of (record ?? '').split('\n')) {
        const rel = isDistInfo ? recordPath(line) : line.trim();
        if (!rel) continue;
        // dist-info RECORD paths are relative to site-packages; egg-info lists to the egg-info folder.
        const { key, size } = lookup(isDistInfo ? rel : `${meta.name}/${rel}`);
        if (counted.has(key)) continue;
        counted.add(key);
        if (size === undefined) continue;
        bytes += size;
        files += 1;
        if (isDistInfo && !rel.startsWith('..')) firstSegments.add(rel.split('/')[0].replace(/\.py$/, ''));
      }
      if (!record) {
        // No RECORD: at least the metadata folder itself is measured.
        bytes = meta.bytes;
        files = meta.fileCount;
      }
      const topLevel = topLevelText
        ? topLevelText.split('\n').map((s) => s.trim()).filter(Boolean)
        : [...firstSegments].filter((s) => !s.endsWith('.dist-info') && s !== '__pycache__' && !s.includes('.'));
      distributions.push({
        name,
        key: normalizeDistName(name),
        version,
        metadataPath: meta.path,
        requires: metadataField(metadata, 'Requires-Dist'),
        topLevel,
        bytes,
        files,
      });
    }
  }
  distributions.sort((a, b) => b.bytes - a.bytes || a.key.localeCompare(b.key));
  return { path: venv.path, pythonVersion: pythonVersion(facts, venv), sitePackages: sitePackages.map((d) => d.path), distributions };
}

/** The path column of a RECORD line (CSV; paths with commas are quoted). */
function recordPath(line: string): string {
  const trimmed = line.replace(/\r$/, '');
  if (trimmed === '') return '';
  if (trimmed.startsWith('"')) {
    const end = trimmed.indexOf('",');
    return end < 0 ? trimmed.slice(1) : trimmed.slice(1, end).replace(/""/g, '"');
  }
  const comma = trimmed.indexOf(',');
  return comma < 0 ? trimmed : trimmed.slice(0, comma);
}
