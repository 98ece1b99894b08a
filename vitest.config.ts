import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Scenario and pseudo-terminal tests start timers and child processes, so two workers fit a 2-core machine.
    maxWorkers: 2,
    // Scenarios at time scale 1 mostly wait on timers, so ten of them share a worker well.
    maxConcurrency: 10,
  },
});
