/** Runs the built CLI exactly as a user would (test/global-setup.ts builds it first). */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gitEnv } from './repo.js';

export const BIN = fileURLToPath(new URL('../../bin/repolish.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: SpawnSyncOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...gitEnv, NO_COLOR: '1' },
    maxBuffer: 1 << 28,
    ...options,
  });
  return { code: result.status ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
