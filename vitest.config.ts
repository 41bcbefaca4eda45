import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'codemods/**/*.test.ts', 'src/**/*.test.ts'],
    // Tests spawn git, python3 and the built CLI: real processes need real time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-env.ts'],
    pool: 'forks',
    // Most of a test's time is spent in child processes (the CLI, git, python3): with vitest's
    // default of cores - 1 workers, a 2-core machine runs one file at a time and leaves a core idle.
    maxWorkers: 2,
  },
});
