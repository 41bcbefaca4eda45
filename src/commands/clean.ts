import type { Command } from 'commander';

// Placeholder until the clean command lands.
export function registerClean(program: Command): void {
  program.command('clean').description('clean (not built yet)');
}
