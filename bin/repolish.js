#!/usr/bin/env node
// The CLI is compiled TypeScript (dist/). From a clone that has not been built yet, say how to
// build it instead of printing a module-resolution stack trace.
let cli;
try {
  // Before anything runs: the flags are process-wide, and every worker started later gets them.
  (await import('../dist/src/jit-tuning.js')).tuneJitForShortRuns();
  cli = await import('../dist/src/cli.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist')) throw err;
  process.stderr.write('repolish: not built yet: run `npm ci` (it builds) or `npm run build` in the repolish folder first\n');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
