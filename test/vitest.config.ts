import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['browser/**/*.test.ts', 'faults/**/*.test.ts', 'exports/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One browser and one server per file; files in sequence keep a 2-core machine responsive.
    fileParallelism: false,
  },
});
