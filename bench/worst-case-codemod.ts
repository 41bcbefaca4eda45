/**
 * The worst case for the codemod engine: whisper-to-faster-whisper with its trigger filter
 * removed, so every Python file is read, parsed and analysed, on the engine's worker threads, as
 * `repolish codemod run` would do if `whisper` appeared in every file. The engine is used through
 * its public API, unchanged; this module is also the registry the workers load.
 *
 * With --parse-only, the floor under that run: the same files read, checked, decoded and parsed by
 * the engine, and a transform that does nothing (what is left when the codemod's own work is free).
 *
 *   node dist/bench/worst-case-codemod.js [--parse-only] ROOT   (dry run: the diff on stdout, a summary on stderr)
 */
import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { whisperToFasterWhisper } from '../codemods/whisper-to-faster-whisper/index.js';
import type { Codemod } from '../src/engine/types.js';

export const everyFileWhisper: Codemod = { ...whisperToFasterWhisper, name: 'whisper-every-file', triggers: [] };

export const parseOnly: Codemod = {
  ...everyFileWhisper, name: 'parse-only', description: 'reads and parses the files of whisper-every-file, changes nothing',
  keepLinesWith: undefined, transform: () => undefined, finish: undefined,
};

export const codemods: Codemod[] = [everyFileWhisper, parseOnly];

export const registryUrl = import.meta.url;

async function main(root: string, codemod: Codemod): Promise<void> {
  // Imported here, not above: the worker threads load this module as their registry and need none of it.
  // As bin/repolish.js does for `repolish codemod run`, before the workers start.
  (await import('../src/jit-tuning.js')).tuneJitForShortRuns();
  const [{ resolveOptions }, { runCodemods }, { createPatch }] = await Promise.all([
    import('../src/engine/options.js'), import('../src/engine/runner.js'), import('../src/patch/diff.js'),
  ]);
  const options = resolveOptions([codemod], []);
  const result = await runCodemods({
    root: resolve(root),
    codemods: [{ codemod, options: options.get(codemod.name)! }],
    workers: { registryUrl },
  });
  process.stdout.write(createPatch(result.changes));
  const modified = result.files.filter((f) => f.status === 'modified').length;
  const skipped = result.files.filter((f) => f.status === 'skipped').length;
  process.stderr.write(`${codemod.name}: ${modified} modified, ${skipped} skipped (${result.stats.matched} files looked at, ` +
    `${result.stats.candidates} transformed, ${result.stats.workers} workers, ${result.review.length} review items)\n`);
}

// Worker threads import this module for `codemods`; only the process's own entry point runs.
if (isMainThread && process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const only = args[0] === '--parse-only';
  const root = args[only ? 1 : 0];
  if (!root || args.length !== (only ? 2 : 1)) {
    process.stderr.write('usage: node dist/bench/worst-case-codemod.js [--parse-only] ROOT\n');
    process.exit(2);
  }
  main(root, only ? parseOnly : everyFileWhisper).catch((err: Error) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
