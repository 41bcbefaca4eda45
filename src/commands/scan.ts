import type { Command } from 'commander';

// Placeholder until the scan command lands.
export function registerScan(program: Command): void {
  program.command('scan').description('scan (not built yet)');
}
