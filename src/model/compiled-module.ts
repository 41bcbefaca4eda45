/** Worker threads need JavaScript: under tsx or vitest a module's URL names its TypeScript source. */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageRootOf } from './package-root.js';

/** The URL of a module's compiled JavaScript, or undefined when there is none. */
export function compiledModuleUrl(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = fileURLToPath(url);
  if (path.endsWith('.js')) return existsSync(path) ? url : undefined;
  if (!path.endsWith('.ts')) return undefined;
  const dir = packageRootOf(dirname(path));
  if (!dir) return undefined;
  const out = join(dir, 'dist', relative(dir, path).replace(/\.ts$/, '.js'));
  return existsSync(out) ? pathToFileURL(out).href : undefined;
}
