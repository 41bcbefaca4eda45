/**
 * V8's optimizing compiler (TurboFan), set for what a repolish run is: a few seconds of work on up
 * to four threads (the main thread, the walk helper, the analysis or codemod workers), each of
 * which compiles the same hot functions for itself.
 *
 * With V8's defaults, a cold scan of the bench's 200k-file tree spent about a quarter of its CPU
 * compiling (perf: `v8::internal::compiler::*`), mostly for functions that ran a few more
 * milliseconds after being optimized. Two flags:
 * - V8 decides whether to optimize a function after 1.2M bytes of its bytecode have run, not 66k;
 * - little is inlined into an optimized function (50 bytes of bytecode in all, not 920).
 *
 * The scan's CPU went down by about a quarter, wall time by a fifth. The worst-case codemod (15 s,
 * mostly native parsing) was unchanged, and used less memory. `docs/benchmarks.md` has the figures;
 * the bench's `scan-default-jit` row runs the scan without this.
 *
 * The flags are process-wide and set before any worker starts, so every thread gets them. They
 * change how fast code runs, never what it does.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, as `node` takes them. */
export const JIT_FLAGS = ['--interrupt-budget=1200000', '--max-inlined-bytecode-size-cumulative=50'];

/** The V8 the flags were measured on (Node 20); another keeps its defaults until measured (and V8 prints an error for a flag it does not know). */
const MEASURED_V8 = /^11\./;

/**
 * The flags to set in this process: none when `REPOLISH_JIT=default` or on another V8, and none
 * that the user already gave node (`node --interrupt-budget=... bin/repolish.js`).
 */
export function jitFlagsFor(env: NodeJS.ProcessEnv, execArgv: readonly string[], v8Version: string): string[] {
  if (env.REPOLISH_JIT === 'default' || !MEASURED_V8.test(v8Version)) return [];
  const given = new Set(execArgv.map((arg) => arg.split('=')[0].replace(/_/g, '-')));
  return JIT_FLAGS.filter((flag) => !given.has(flag.split('=')[0]));
}

/** Sets the flags for this process (the CLI's entry point calls it before loading the rest). */
export function tuneJitForShortRuns(): void {
  for (const flag of jitFlagsFor(process.env, process.execArgv, process.versions.v8)) setFlagsFromString(flag);
}
