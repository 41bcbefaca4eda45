/** `-j N` / `--jobs N`: worker threads for the per-file work (default: the machine's cores). */
import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';

export const JOBS_FLAGS = '-j, --jobs <n>';
export const JOBS_HELP = 'worker threads for the per-file analysis (default: the number of cores; 1: none); the output is the same for any N';

export function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9][0-9]{0,3}$/.test(value.trim())) throw new UsageError(`--jobs must be a whole number of at least 1 (got "${value}")`);
  return Number(value.trim());
}
