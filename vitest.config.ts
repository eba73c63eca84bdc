import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the bundles the tests load, built once before any file runs (test/helpers/buildOnce.ts)
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a page or a run to reach a state; its default of one second is a race
    // with a loaded machine (a Monte Carlo run in the browser), so it waits half as long as a test
    // may, leaving the test room to fail on the poll's own message rather than on its time limit.
    expect: { poll: { timeout: 30_000 } },
    reporters: ['default'],
    coverage: {
      provider: 'v8',
      // The sizing package, measured by the whole suite. The hosts run as built bundles (Excel
      // functions, the compute worker) or in a browser, where v8 line coverage does not map back.
      include: ['shared/src/**/*.ts'],
      reporter: ['text-summary'],
      // A little under what the suite measures (the floor README's quick start names); a drop fails `npm test`.
      thresholds: { lines: 96, statements: 95, functions: 96, branches: 85 },
    },
  },
});
