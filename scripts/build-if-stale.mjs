#!/usr/bin/env node
/**
 * `npm run example` and the bench build only when a source is newer than the last build: even an
 * incremental `tsc` reads and hashes every source file (20+ s on a busy machine), while comparing
 * modification times takes milliseconds. Folders count too, so a deleted or renamed source
 * rebuilds. The stamp is written after a build that succeeded (tsc does not rewrite its own
 * build-info file when nothing changed, and writes it after a failed build too).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(root, 'dist', '.build-stamp');
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
/** Folders compiled by tsconfig.build.json: all of them below, or (shallow) only their own files. */
const DEEP = ['src', 'codemods'];
const SHALLOW = ['fixtures', 'bench', 'realworld'];

function mtime(path) {
  try { return statSync(path).mtimeMs; } catch { return undefined; }
}

/** The newest modification time of a folder and the .ts/.json files in it (and below, when deep). */
function newest(dir, deep) {
  let latest = mtime(dir) ?? 0;
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return latest; }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (deep && e.name !== 'node_modules' && e.name !== 'out') latest = Math.max(latest, newest(path, deep));
    } else if (/\.(ts|json)$/.test(e.name)) latest = Math.max(latest, mtime(path) ?? 0);
  }
  return latest;
}

const built = mtime(STAMP);
let stale = built === undefined;
for (const file of INPUT_FILES) if (!stale && (mtime(join(root, file)) ?? 0) > built) stale = true;
for (const dir of DEEP) if (!stale && newest(join(root, dir), true) > built) stale = true;
for (const dir of SHALLOW) if (!stale && newest(join(root, dir), false) > built) stale = true;

if (stale) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // Stamped with the time the build started: a source saved while tsc runs is newer, and rebuilds next time.
  const started = Date.now() / 1000;
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (run.status === 0) {
    writeFileSync(STAMP, 'written by scripts/build-if-stale.mjs after a successful build\n');
    utimesSync(STAMP, started, started);
  }
  process.exit(run.status ?? 1);
}
