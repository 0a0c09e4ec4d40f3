import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One private MariaDB server per run (see test/support/globalSetup.ts).
    globalSetup: ['test/support/globalSetup.ts'],
    // Tests spawn real processes and signal them: separate processes, not threads.
    pool: 'forks',
    // CI machines have 2 cores; real servers and daemons need some room.
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 60_000,
    // The second prints a plain 'N passed, N failed, N skipped' line at the end.
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
