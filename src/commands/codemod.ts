import type { Command } from 'commander';

// Placeholder until the codemod command lands.
export function registerCodemod(program: Command): void {
  program.command('codemod').description('codemod (not built yet)');
}
