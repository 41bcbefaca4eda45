import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// CLI tests run the built bin exactly as a user would; build once before any test file runs.
// tsc emits JavaScript even when types are wrong; test/typecheck.test.ts is what fails on type errors.
export default function setup(): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const build = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (!existsSync(`${root}dist/src/cli.js`)) {
    throw new Error(`the build produced no dist/src/cli.js:\n${build.stdout}${build.stderr}`);
  }
  // python3 behind a version manager's shim (pyenv: a shell script per call) costs about half a
  // second a run, and the case suites run it hundreds of times: put the interpreter's own folder first.
  const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (python.status === 0 && python.stdout.trim()) process.env.PATH = `${dirname(python.stdout.trim())}${delimiter}${process.env.PATH ?? ''}`;
  // The analysis cache of every CLI run goes to a folder of this test run, never the user's.
  const cache = mkdtempSync(join(tmpdir(), 'repolish-test-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
