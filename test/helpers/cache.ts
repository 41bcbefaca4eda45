/** Cache folders and file dates for the tests of the analysis caches and the report memo. */
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './repo.js';

/** Every file below `dir` but git's own dated `secondsAgo`: a file changed within two seconds is never vouched for by its key (racily clean). */
export function backdateTree(dir: string, secondsAgo = 3600): void {
  const when = Date.now() / 1000 - secondsAgo;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (name !== '.git' && !name.startsWith('.git/')) utimesSync(join(dir, name), when, when);
  }
}

/** A cache folder of this test run, removed with the rest of `made`. */
export function cacheFolder(made: string[]): string {
  const dir = tempDir('repolish-cache-');
  made.push(dir);
  return dir;
}
