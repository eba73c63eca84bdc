/**
 * `npx tsx scripts/hedgeEffectiveness.ts`: the example plan's hedge effectiveness (the tests' and the
 * bench's plan), 20,000 paths, seed 1, to the condor's expiry, the policy on, under the square-root
 * model and the calibrated model in both measures; over all paths and over the down paths (SPX ends
 * below its start). Effectiveness = (CVaR95 condor − CVaR95 ALVH) / hedge cost, the down paths' on
 * their own CVaR95 per dollar of the run's hedge cost. "Before" is the calibrated model with the
 * parameters it shipped with before the 1990-2020 fit (fitted on 1990-2014, no pricing speed, the
 * slow factor started at its expectation given VIX, as every run still starts it), kept below.
 * Prints a Markdown table (docs/scenarios.md).
 */
import { describeDistribution, runMonteCarloChunk, summarizeMonteCarlo } from '../shared/src/index';
import { CALIBRATED, type LogVixParams } from '../shared/src/scenario/model/index';
import { PLAN_INPUT } from '../test/helpers/fixtures';
import { scriptFlagsOrExit } from './scriptFlags';

scriptFlagsOrExit(
  'hedgeEffectiveness',
  "Prints the example plan's hedge effectiveness table of docs/scenarios.md, before and after, on all paths and on the down paths (20,000 paths a run).",
  {},
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
