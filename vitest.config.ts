import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    coverage: {
      provider: 'v8',
      // The sizing package, measured by the whole suite. The hosts run as built bundles (Excel
      // functions, the compute worker) or in a browser, where v8 line coverage does not map back.
      include: ['shared/src/**/*.ts'],
      reporter: ['text-summary'],
      // A little under what the suite measures (see README, "Tests"); a drop fails `npm test`.
      thresholds: { lines: 96, statements: 95, functions: 96, branches: 85 },
    },
  },
});
