import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Tests and hosts import the package's public names (`@alvh/shared` or a subpath), never its sources. */
const sharedSources = {
  group: ['**/shared/src', '**/shared/src/**'],
  message: "import the public names from '@alvh/shared' or a subpath such as '@alvh/shared/method'",
};
/** No-restricted-imports with these patterns (one rule per file: a later block replaces, not adds). */
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noSharedSources = restrictImports(sharedSources);

/**
 * The add-in's two rooms: the Excel functions and the taskpane import the shared package and
 * addin/src/common only, never each other; common imports neither.
 */
const room = (other) => ({
  group: [`**/${other}`, `**/${other}/**`],
  message: `the add-in's functions and taskpane share code through addin/src/common only; move what both need there`,
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Type-aware rules on the sizing package and both hosts: the recommendedTypeChecked set.
  {
    files: ['shared/src/**/*.ts', 'addin/src/**/*.ts', 'functions/src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['test/**/*.ts', 'addin/src/**/*.ts', 'functions/src/**/*.ts', 'bench/**/*.ts'], rules: noSharedSources },
  { files: ['addin/src/functions/**/*.ts'], rules: restrictImports(sharedSources, room('taskpane')) },
  { files: ['addin/src/taskpane/**/*.ts'], rules: restrictImports(sharedSources, room('functions')) },
  { files: ['addin/src/common/**/*.ts'], rules: restrictImports(sharedSources, room('taskpane'), room('functions')) },
  // Size: no source file over 400 lines of code and no function over 120 (blank and comment lines
  // not counted). The exceptions below each state their reason in the file's header; docs/method.md
  // ('Size limits') lists them.
  {
    files: ['shared/src/**/*.ts', 'addin/src/**/*.ts', 'functions/src/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: [
      // The taskpane's event wiring, read top to bottom in the order the page starts.
      'addin/src/taskpane/taskpane.ts',
      // The local host's request pipeline and shutdown share the server's state as closures.
      'functions/src/localHost.ts',
      // A one-shot script whose stages share the loaded history at module level.
      'scripts/calibrate.ts',
    ],
    rules: { 'max-lines': 'off' },
  },
  // White-box tests of internals the package does not export (the path pricer, the counter-based
  // generator's pair form, the replay's layer sizing, settlement values, trading desk and daily steps,
  // the Monte Carlo's trigger bounds, the summary’s sort, the CVaR bootstrap at a plateau’s edge, the frontier search's leg cap, the replay's
  // calendar-end check counted through its daily steps, the hedges a held book keeps, where a
  // chain fit's butterfly arbitrage lies, the replay's notes on its rows' closes).
  {
    files: [
      'test/shared/scenario/montecarlo.test.ts',
      'test/shared/scenario/philox.test.ts',
      'test/shared/scenario/curveShiftTrigger.test.ts',
      'test/shared/scenario/sortedCopy.test.ts',
      'test/shared/scenario/tailBootstrap.test.ts',
      'test/shared/scenario/vixHistoryGap.test.ts',
      'test/shared/replay/sizingShockKappa.test.ts',
      'test/shared/replay/settlement.test.ts',
      'test/shared/replay/replayBook.test.ts',
      'test/shared/replay/replayHedgeBudget.test.ts',
      'test/shared/replay/replayCalendarEnd.test.ts',
      'test/shared/replay/rowNotes.test.ts',
      'test/shared/hedge/frontierSteps.test.ts',
      'test/shared/method/heldHedges.test.ts',
      'test/shared/surface/butterflyWhere.test.ts',
      'test/shared/surface/sviFloor.test.ts',
      'test/shared/scenario/tailRoll.test.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
);
