/** The machine's Python standard library as test input: real code nobody here wrote. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STDLIB_DIR = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();

/** Every `every`-th `.py` file of the standard library (sorted, site-packages left out) that is valid UTF-8, with its text. */
export function stdlibSources(every: number): Array<{ file: string; text: string }> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'site-packages') continue;
      const st = statSync(path, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(path);
      else if (name.endsWith('.py')) files.push(path);
    }
  };
  walk(STDLIB_DIR);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const sources: Array<{ file: string; text: string }> = [];
  for (const file of files.sort().filter((_, i) => i % every === 0)) {
    try {
      sources.push({ file, text: decoder.decode(readFileSync(file)) });
    } catch {
      // not UTF-8: not a source these comparisons are about
    }
  }
  return sources;
}
