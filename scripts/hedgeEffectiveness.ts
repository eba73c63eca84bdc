/**
 * `npx tsx scripts/hedgeEffectiveness.ts`: the tests' example plan's hedge effectiveness
 * (`PLAN_INPUT`, the bench's plan too; not docs/examples/plan.json), 20,000 paths, seed 1, to the
 * condor's expiry, the policy on, under the square-root model and the calibrated model in both
 * measures; over all paths and over the down paths (SPX ends below its start). Effectiveness = (CVaR95 condor − CVaR95 ALVH) / hedge cost, the down paths' on
 * their own CVaR95 per dollar of the run's hedge cost. "Before" is the calibrated model with the
 * parameters it shipped with before the 1990-2020 fit (fitted on 1990-2014, no pricing speed, the
 * slow factor started at its expectation given VIX, as every run still starts it), kept below.
 * Prints a Markdown table (docs/scenarios.md). With `--noise`: how far docs/examples/plan.json's
 * effectiveness moves from seed to seed against its standard error (docs/scenarios.md quotes it).
 */
import { readFileSync } from 'node:fs';
import { describeDistribution, runMonteCarloChunk, summarizeMonteCarlo } from '../shared/src/index';
import { CALIBRATED, type LogVixParams } from '../shared/src/scenario/model/index';
import { PLAN_INPUT } from '../test/helpers/fixtures';
import { effectivenessBySeed, mean, sd } from './effectivenessNoise';
import { scriptFlagsOrExit } from './scriptFlags';

const flags = scriptFlagsOrExit(
  'hedgeEffectiveness',
  "Prints the hedge effectiveness table of docs/scenarios.md for the tests' example plan (PLAN_INPUT), before and after, on all paths and on the down paths (20,000 paths a run).",
  {
    '--noise':
      "print instead docs/examples/plan.json's effectiveness and its standard error by seed: seeds 1-9 at 20,000 paths, seeds 1-30 at 4,000",
  },
);

/** The parameters fitted on 1990-2014 (the model before the 1990-2020 fit). */
const FITTED_TO_2014: LogVixParams = {
  rho: -0.7,
  realizedToImplied: 0.85,
  spxPremium: 0.06,
  volFloor: 0.2,
  logLevel: 2.745,
  kappaFast: 5.90625,
  kappaSlow: 0.991406,
  slowShare: 0.5,
  volRef: 0.85,
  jumpIntensity: 4.53845,
  jumpMeanLog: 0.13125,
  bigJumpShare: 0.04375,
  bigJumpMeanLog: 0.358594,
  spxJumpPerLogJump: 0.183105,
  volSlope: 0.213439,
};
const SHIPPED: LogVixParams = { ...CALIBRATED.params };

/** The engine reads the shipped parameters; a run with other ones swaps them in for its duration. */
function withParams<T>(params: LogVixParams, run: () => T): T {
  const shipped = CALIBRATED.params;
  CALIBRATED.params = params;
  try {
    return run();
  } finally {
    CALIBRATED.params = shipped;
  }
}

const PATHS = 20_000;
const usd = (v: number) => Math.round(v).toLocaleString('en-US');
const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2).replace('-', '−'));

/** docs/examples/plan.json's effectiveness over seeds: each seed's figure ± error, then the errors' mean against the figures' spread. */
function noise(): void {
  const example: unknown = JSON.parse(readFileSync(new URL('../docs/examples/plan.json', import.meta.url), 'utf8'));
  for (const [paths, seeds] of [
    [20_000, 9],
    [4_000, 30],
  ] as const) {
    const { he, se } = effectivenessBySeed(example, paths, seeds);
    const n = paths.toLocaleString('en-US');
    he.forEach((h, i) => console.log(`${n} paths, seed ${i + 1}: ${ratio(h)} ± ${se[i]!.toFixed(2)}`));
    console.log(
      `${n} paths, seeds 1-${seeds}: error ${mean(se).toFixed(2)} on average, spread (standard deviation) ${sd(he).toFixed(2)}; seeds 2-${seeds} range ${ratio(Math.min(...he.slice(1)))}-${ratio(Math.max(...he.slice(1)))}`,
    );
  }
}

if (flags.has('--noise')) {
  noise();
  process.exit(0);
}

console.log(
  '| run | hedge cost | CVaR95 condor / ALVH, all paths | effectiveness, all paths | down paths | CVaR95 condor / ALVH, down paths | effectiveness, down paths | P(VIX > 30) at the horizon |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [label, params, extra] of [
  ['`sqrt-legacy` (risk-neutral)', SHIPPED, { dynamics: 'sqrt-legacy' }],
  ['before: calibrated to 2014, real-world', FITTED_TO_2014, {}],
  ['before: calibrated to 2014, risk-neutral', FITTED_TO_2014, { measure: 'risk-neutral' }],
  ['after: calibrated to 2020, real-world', SHIPPED, {}],
  ['after: calibrated to 2020, risk-neutral', SHIPPED, { measure: 'risk-neutral' }],
] as const) {
  const part = withParams(params, () => runMonteCarloChunk({ plan: PLAN_INPUT, paths: PATHS, seed: 1, ...extra }));
  const s = summarizeMonteCarlo(part);
  const down: number[] = [];
  for (let i = 0; i < part.pathCount; i++) if (part.spxEnd[i]! < part.spot0) down.push(i);
  const pick = (xs: Float64Array) => Float64Array.from(down, (i) => xs[i]!);
  const c = describeDistribution(pick(part.condor), 0, false, part.condorMaxLoss);
  const a = describeDistribution(pick(part.book), 0, false, 0);
  const downEff = s.hedgeCost > 0 ? (c.cvar95 - a.cvar95) / s.hedgeCost : null;
  console.log(
    `| ${label} | ${usd(s.hedgeCost)} | ${usd(s.condor.cvar95)} / ${usd(s.alvh.cvar95)} | ${ratio(s.hedgeEffectiveness)} | ${down.length.toLocaleString('en-US')} | ${usd(c.cvar95)} / ${usd(a.cvar95)} | ${ratio(downEff)} | ${(100 * s.market.vixAbove['30']!).toFixed(1)}% |`,
  );
}
