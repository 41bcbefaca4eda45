/**
 * The floor under the worst-case codemod that repolish does not control: the same Python files
 * parsed by node tree-sitter in a plain loop, on as many worker threads as the codemod engine
 * starts, with nothing else done (no path or size checks, no parse limits, no codemod). Trees are
 * freed as the engine's workers free them (a small nursery, the event loop turning every ten files).
 *
 *   node dist/bench/parse-loop.js ROOT   (a summary on stderr)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type ParserType from 'tree-sitter';
import { snapshotFolders } from '../src/bloat/detectors/snapshot-folders.js';
import { listFiles } from '../src/engine/files.js';

const require = createRequire(import.meta.url);

/** As src/engine/worker-pool.ts gives its workers. */
const NURSERY_MB = 4;

async function parseAll(paths: string[]): Promise<{ files: number; chars: number }> {
  const Parser = require('tree-sitter') as typeof ParserType;
  const parser = new Parser();
  parser.setLanguage(require('tree-sitter-python') as ParserType.Language);
  const decoder = new TextDecoder();
  let chars = 0;
  for (let i = 0; i < paths.length; i++) {
    const text = decoder.decode(readFileSync(paths[i]));
    chars += parser.parse(text, null, { bufferSize: text.length + 1 }).rootNode.endIndex;
    if (i % 10 === 9) await new Promise(setImmediate);
  }
  return { files: paths.length, chars };
}

async function main(root: string): Promise<void> {
  // The files the engine looks at (src/engine/runner.ts): listed, outside archive and backup copies.
  const listed = listFiles(root).files;
  const snapshots = [...snapshotFolders(listed).keys()].map((folder) => `${folder}/`);
  const paths = listed.filter((f) => f.endsWith('.py') && !snapshots.some((s) => f.startsWith(s))).map((f) => join(root, f));
  // The engine's count (src/engine/runner.ts): up to four workers, one per core.
  const count = Math.min(4, availableParallelism());
  const shares = Array.from({ length: count }, (_, w) => paths.filter((_, i) => i % count === w));
  const done = await Promise.all(shares.map((share) => new Promise<{ files: number; chars: number }>((resolveRun, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: share, resourceLimits: { maxYoungGenerationSizeMb: NURSERY_MB } });
    worker.once('message', resolveRun);
    worker.once('error', reject);
  })));
  const total = done.reduce((sum, d) => ({ files: sum.files + d.files, chars: sum.chars + d.chars }), { files: 0, chars: 0 });
  process.stderr.write(`parse loop: ${total.files} Python files parsed (${total.chars} characters), ${count} workers\n`);
}

if (!isMainThread) {
  parseAll(workerData as string[]).then((r) => parentPort!.postMessage(r));
} else if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const root = process.argv[2];
  if (!root || process.argv.length !== 3) {
    process.stderr.write('usage: node dist/bench/parse-loop.js ROOT\n');
    process.exit(2);
  }
  main(resolve(root)).catch((err: Error) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
