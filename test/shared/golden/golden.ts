/**
 * The golden set: a fixed collection of plans, stress grids, Monte Carlo runs and a replay whose
 * results are pinned, bit for bit, in golden.json. Restructuring the shared package must leave
 * every number here unchanged; a change of results on purpose regenerates the file
 * (`npx vitest run test/shared/golden -u`) in a commit of its own that says what changed and why.
 * That is also the only run that may write a missing golden.json; any other run fails on it.
 *
 * Doubles survive JSON exactly (shortest round-trip form), so comparing the JSON text compares
 * the bits. Per-path Monte Carlo arrays are pinned by the SHA-256 of their bytes.
 */
import { createHash } from 'node:crypto';
import {
  mergeMarketHistory,
  mergeMonteCarlo,
  parseMarketHistory,
  plan,
  replay,
  runMonteCarloChunk,
  stressGrid,
  summarizeMonteCarlo,
  vxExpiriesAfter,
  type MonteCarloPartial,
  type PlanInput,
} from '@alvh/shared';
import { BOOK, PLAN_INPUT } from '../../helpers/fixtures';
import { readDataFile } from '../../helpers/marketData';
import { realDayInput } from '../method/realDays';

/** The 2021-11-19 worksheet of README / docs/excel.md. */
export const WORKSHEET_INPUT: PlanInput = {
  valuationDate: '2021-11-19',
  market: {
    spx: 4697.96,
    vix: 17.91,
    vvix: 113.74,
    rate: 0.001,
    divYield: 0.013,
    futures: vxExpiriesAfter('2021-11-19', 8).map((expiry, i) => ({
      expiry,
      price: [20.7994, 22.7497, 23.7091, 24.5716, 25.2, 25.4984, 25.7057, 25.875][i] as number,
    })),
  },
  condor: { expiry: '2022-01-21', strikes: [4100, 4150, 5300, 5350], quantity: 10 },
  portfolio: { capital: 2_000_000 },
};

const REAL_DAYS = ['2018-12-24', '2020-03-12', '2025-04-08', '2019-11-15'] as const;

function planInputs(): Record<string, PlanInput> {
  const out: Record<string, PlanInput> = {};
  for (const d of REAL_DAYS) {
    out[d] = realDayInput(d, { withRebalance: true }).input;
    out[`${d} no signals`] = { ...realDayInput(d).input, signals: {} };
  }
  out['2019-11-15 coverage 2.5, diagonal'] = {
    ...realDayInput('2019-11-15').input,
    policy: { tailCoverage: 2.5, overlay: 'vix-call-diagonal' },
  };
  out['2021-11-19 worksheet'] = WORKSHEET_INPUT;
  out['2021-11-19 worksheet, no VVIX, long put'] = {
    ...WORKSHEET_INPUT,
    market: { ...WORKSHEET_INPUT.market, vvix: undefined },
    policy: { overlay: 'spx-long-put' },
  } as PlanInput;
  out['fixture 2026-11-20'] = PLAN_INPUT;
  return out;
}

const sha = (a: ArrayBufferView): string =>
  createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');

function pinPartial(p: MonteCarloPartial): Record<string, unknown> {
  const { condor, book, costs, rebalances, tailContracts, spxEnd, vixEnd, vixMax, tailOutlay, ...rest } = p;
  return {
    ...rest,
    sha256: {
      condor: sha(condor),
      book: sha(book),
      costs: sha(costs),
      rebalances: sha(rebalances),
      tailContracts: sha(tailContracts),
      spxEnd: sha(spxEnd),
      vixEnd: sha(vixEnd),
      vixMax: sha(vixMax),
      tailOutlay: sha(tailOutlay),
    },
    firstBook: Array.from(book.slice(0, 3)),
  };
}

/** One Monte Carlo run, whole and in chunks; the chunkings must merge to the same bits. */
function monteCarlo(source: Record<string, unknown>, paths: number, seed: number, cuts: number[][]) {
  const whole = runMonteCarloChunk({ ...source, paths, seed });
  const chunkings = cuts.map((c) => {
    const parts = c
      .slice(0, -1)
      .map((from, k) =>
        runMonteCarloChunk({ ...source, paths, seed, firstPath: from, pathCount: (c[k + 1] as number) - from }),
      );
    return pinPartial(mergeMonteCarlo(parts));
  });
  return { whole: pinPartial(whole), chunkings, summary: summarizeMonteCarlo(whole) };
}

function replayRows(from: string, to: string) {
  return mergeMarketHistory(
    parseMarketHistory(readDataFile('quantintell_vix_futures_VX1-VX8_2007-2021.csv')),
    parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix'),
    parseMarketHistory(readDataFile('cboe_VVIX_History__ManULoreN14.csv')),
  ).filter((r) => r.date >= from && r.date <= to);
}

/** Every golden result, as plain JSON data. */
export function computeGolden(): Record<string, unknown> {
  const inputs = planInputs();
  // The plan's resolved policy is its input echoed back, not a result: left out of the set.
  const plans = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => {
      const { policy: _policy, ...rest } = plan(v);
      return [k, rest];
    }),
  );
  const grids = {
    'fixture plan': stressGrid({
      plan: PLAN_INPUT,
      spxMoves: [-0.2, -0.1, -0.05, 0, 0.05],
      vixLevels: [12, 17.5, 25, 40, 80],
      days: [0, 7, 21],
    }),
    'book, default VIX ladder': stressGrid({ book: BOOK, spxMoves: [-0.15, 0, 0.1], days: [0, 30] }),
    '2020-03-12 plan': stressGrid({
      plan: inputs['2020-03-12'],
      spxMoves: [-0.2, 0, 0.1],
      days: [0, 10, 40],
    }),
    '2021-11-19 worksheet plan': stressGrid({ plan: WORKSHEET_INPUT, spxMoves: [-0.2, -0.05, 0], days: [0, 14] }),
  };
  const mc = {
    'fixture plan, seed 42': monteCarlo({ plan: PLAN_INPUT }, 3000, 42, [
      [0, 1024, 3000],
      [0, 7, 1500, 2999, 3000],
    ]),
    'fixture plan, seed 42, risk-neutral': monteCarlo({ plan: PLAN_INPUT, measure: 'risk-neutral' }, 3000, 42, [
      [0, 1501, 3000],
    ]),
    'fixture plan, seed 42, square-root dynamics': monteCarlo({ plan: PLAN_INPUT, dynamics: 'sqrt-legacy' }, 3000, 42, [
      [0, 1501, 3000],
    ]),
    'book with tail budget, seed 7, 20 days': monteCarlo(
      { book: { ...BOOK, tailBudget: 20_000 }, horizonDays: 20 },
      2000,
      7,
      [[0, 999, 2000]],
    ),
    '2018-12-24 plan, seed 3, no antithetic': monteCarlo({ plan: inputs['2018-12-24'], antithetic: false }, 1500, 3, [
      [0, 500, 1000, 1500],
    ]),
    'fixed book, seed 5': monteCarlo({ book: BOOK, rebalance: false }, 1000, 5, [[0, 333, 1000]]),
  };
  const rep = replay({ rows: replayRows('2019-07-01', '2020-04-30'), from: '2020-01-02', to: '2020-04-30' });
  const rep2018 = replay({ rows: replayRows('2017-06-01', '2018-12-31'), from: '2018-01-02', to: '2018-12-31' });
  return JSON.parse(JSON.stringify({ plans, grids, monteCarlo: mc, replay: { '2020 H1': rep, '2018': rep2018 } }));
}
