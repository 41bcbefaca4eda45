/** The folder of the package a module belongs to, from the module's own location (source or dist/). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `path` with a package.json, or undefined. */
export function packageRootOf(path: string): string | undefined {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

/** The repolish package root, from a module's `import.meta.url` (bench/run.ts or dist/bench/run.js alike). */
export function packageRoot(moduleUrl: string): string {
  const root = packageRootOf(dirname(fileURLToPath(moduleUrl)));
  if (!root) throw new Error('cannot find the repolish package root');
  return root;
}
