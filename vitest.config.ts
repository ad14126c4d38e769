import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL for the whole run: embedded by default, or TEST_DATABASE_URL.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One more worker than cores: test files spend much of their time waiting on PostgreSQL and on the CLI processes
    // they start, so the default (cores - 1: one worker on a 2-core machine) left a core idle; 402 s → 297 s on 2 cores.
    maxWorkers: availableParallelism() + 1,
  },
});
