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
  },
});
