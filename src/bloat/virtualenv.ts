/**
 * Reading a virtualenv from the walk: its Python version and every installed distribution with
 * its measured size (the apparent sizes of the files its RECORD lists, as found on disk).
 */
import { posix } from 'node:path';
import type { RepoFacts } from '../model/facts.js';
import { iterateFiles, joinPath, type DirNode } from '../model/tree.js';

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

export function readVirtualenv(facts: RepoFacts, venv: DirNode): Virtualenv {
  const sitePackages = sitePackageDirs(venv);
  const distributions: InstalledDistribution[] = [];
  // One index of every file's size below the venv, keyed by path relative to the root.
  const sizes = new Map<string, number>();
  for (const { path, file } of iterateFiles(venv)) if (file.kind === 'file') sizes.set(path, file.size);

  for (const sp of sitePackages) {
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
        const base = isDistInfo ? sp.path : meta.path;
        const path = posix.normalize(`${base}/${rel}`);
        if (counted.has(path)) continue;
        counted.add(path);
        const size = sizes.get(path);
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
