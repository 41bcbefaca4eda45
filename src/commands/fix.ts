import type { Command } from 'commander';

// Placeholder until the fix command lands.
export function registerFix(program: Command): void {
  program.command('fix').description('fix (not built yet)');
}
