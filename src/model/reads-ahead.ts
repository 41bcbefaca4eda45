/**
 * Rules run ahead of their turn. While the import workers analyse, the main thread has read the
 * virtualenvs and would only wait; the rules before the first one that needs the imports run then,
 * and the scan replays their results in their turn (src/scan.ts). On two cores that takes them out
 * of the end of the scan, where the main thread ran alone.
 *
 * A rule run ahead must see exactly what it would have seen in its turn, and tell its warnings in
 * the same place. What happens between now and its turn is the rest of the import analysis: the
 * main thread reads the Python files the workers left (first reader of a file gets its warning)
 * and makes the analysis that rules read. So a rule run ahead may read neither: it stops with
 * NotYet, and runs again in its turn.
 */
import { PYTHON_FILE_NAME } from './names.js';

/** A rule run ahead reached what the import analysis has not finished: it runs again in its turn. */
export class NotYet extends Error {
  constructor(what: string) {
    super(`not yet: ${what}`);
    this.name = 'NotYet';
  }
}

/** The facts (facts.ts RepoFacts: not imported, it imports this) read ahead now. */
const ahead = new WeakSet<object>();

/** Runs `run` with `facts` in ahead mode (see refuseAhead). */
export function readingAhead<T>(facts: object, run: () => T): T {
  ahead.add(facts);
  try {
    return run();
  } finally {
    ahead.delete(facts);
  }
}

/** Throws NotYet in ahead mode for a Python file (`path`), or for the import analysis itself (no path). */
export function refuseAhead(facts: object, path?: string): void {
  if (!ahead.has(facts)) return;
  if (path === undefined) throw new NotYet('the import analysis');
  if (PYTHON_FILE_NAME.test(path)) throw new NotYet(path);
}
