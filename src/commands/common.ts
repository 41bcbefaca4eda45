/** Pieces every command shares: option parsing, stderr messages, writing an artifact. */
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Warning } from '../findings.js';
import { writeFileAtomic } from '../patch/apply.js';
import { didYouMean } from './suggest.js';

export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")${didYouMean(value, allowed)}`);
  }
  return value as T;
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

const WARNINGS_SHOWN = 20;

export function printWarnings(warnings: Warning[], verbose = false): void {
  const shown = verbose ? warnings : warnings.slice(0, WARNINGS_SHOWN);
  for (const w of shown) info(`repolish: warning: ${w.path}: ${w.message}`);
  if (shown.length < warnings.length) info(`repolish: ${warnings.length - shown.length} more warnings (--verbose shows all)`);
}

/** Writes an artifact file (report, patch) in one piece: a temporary file renamed into place. */
export function writeArtifact(path: string, content: string): void {
  try {
    writeFileAtomic(resolve(path), content);
  } catch (err) {
    throw new UsageError(`${path}: cannot write: ${(err as Error).message}`);
  }
}

export function writeStdout(text: string): void {
  process.stdout.write(text);
}
