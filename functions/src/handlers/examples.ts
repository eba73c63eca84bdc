/**
 * Example request bodies: shown in the OpenAPI document and docs/api.md, printed by the local
 * host as a curl request, and used by the tests and the benchmark as the valid baseline. One
 * market snapshot (Friday 2026-11-20) for all of them.
 */
import { isBusinessDay } from '@alvh/shared';

const futures = [
  { expiry: '2026-12-16', price: 18.4 },
  { expiry: '2027-01-20', price: 19.3 },
  { expiry: '2027-02-17', price: 19.9 },
  { expiry: '2027-03-17', price: 20.3 },
];

/** The Cboe indices beside VIX that day: the SPX surface's term structure and skew (method Section 2b). */
const indices = { vix9d: 16.4, vix3m: 19.3, vix6m: 20.5, skew: 141 };

/**
 * POST /api/plan: three January SPX condors, a 1 M USD account, a 5 000 USD hedge budget; options
 * marked on the SPX surface of the day's Cboe indices.
 */
export const PLAN_EXAMPLE = {
  valuationDate: '2026-11-20',
  market: { spx: 6600, vix: 17.5, vvix: 95, rate: 0.04, divYield: 0.013, indices, futures },
  condor: { expiry: '2027-01-15', strikes: [5900, 6000, 7200, 7300], quantity: 3, vol: 0.16 },
  portfolio: { capital: 1_000_000, budget: 5_000 },
};

/**
 * POST /api/plan with a ladder: three condors 30, 45 and 60 days out (`condors` instead of
 * `condor`), netted as one book.
 */
export const PLAN_LADDER_EXAMPLE = {
  valuationDate: '2026-11-20',
  market: { spx: 6600, vix: 17.5, vvix: 95, rate: 0.04, divYield: 0.013, indices, futures },
  condors: [
    { expiry: '2026-12-21', strikes: [5950, 6050, 7100, 7200], quantity: 3 },
    { expiry: '2027-01-04', strikes: [5850, 5950, 7200, 7300], quantity: 2 },
    { expiry: '2027-01-19', strikes: [5750, 5850, 7300, 7400], quantity: 2 },
  ],
  portfolio: { capital: 1_000_000, budget: 5_000 },
};

/** The same condor as a book of legs with a small calendar overlay and tail (stress grid and Monte Carlo inputs). */
export const BOOK_EXAMPLE = {
  valuationDate: '2026-11-20',
  spot: 6600,
  vix: 17.5,
  futures,
  rate: 0.04,
  divYield: 0.013,
  volOfVol: 0.95,
  condor: [
    { kind: 'spx', type: 'put', strike: 5900, expiry: '2027-01-15', quantity: 3 },
    { kind: 'spx', type: 'put', strike: 6000, expiry: '2027-01-15', quantity: -3 },
    { kind: 'spx', type: 'call', strike: 7200, expiry: '2027-01-15', quantity: -3 },
    { kind: 'spx', type: 'call', strike: 7300, expiry: '2027-01-15', quantity: 3 },
  ],
  overlay: [
    { kind: 'vix', type: 'call', strike: 20, expiry: '2026-12-16', quantity: -2 },
    { kind: 'vix', type: 'call', strike: 20, expiry: '2027-01-20', quantity: 2 },
  ],
  tail: [{ kind: 'vix', type: 'call', strike: 25, expiry: '2027-01-20', quantity: 4 }],
};

/** POST /api/stress: the default SPX moves, three VIX levels, today / one week / three weeks. */
export const STRESS_EXAMPLE = { book: BOOK_EXAMPLE, vixLevels: [15, 25, 40], days: [0, 7, 21] };

/** POST /api/montecarlo: the first 1000 paths of a 4000-path run. */
/** POST /api/frontier: the plan example's book, 11 budgets from 0 to the full hedge's cost (the literal rule's overlay and tail), 4,000 paths. */
export const FRONTIER_EXAMPLE = { plan: PLAN_EXAMPLE, paths: 4000, seed: 7 };

export const MONTECARLO_EXAMPLE = { book: BOOK_EXAMPLE, paths: 4000, seed: 7, firstPath: 0, pathCount: 1000 };

/** Weekdays from `from` (inclusive), `count` of them, as ISO dates (holidays are not skipped: an example). */
function weekdays(from: string, count: number): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  while (out.length < count) {
    const iso = d.toISOString().slice(0, 10);
    if (isBusinessDay(iso)) out.push(iso);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/**
 * POST /api/replay: a short, made-up quiet spell (SPX drifting up, VIX 15-16 in contango) — the
 * shape of the rows, not market history. Real callers send years of rows.
 */
export const REPLAY_EXAMPLE = {
  rows: weekdays('2026-09-01', 30).map((date, i) => ({
    date,
    spx: Math.round((6400 + 4 * i + 15 * Math.sin(i / 3)) * 100) / 100,
    vix: Math.round((15.5 + 0.6 * Math.sin(i / 4)) * 100) / 100,
    vvix: 88,
    vx: [16.6, 17.5, 18.1, 18.5].map((p) => Math.round((p + 0.4 * Math.sin(i / 4)) * 100) / 100),
  })),
  assumptions: { condorDte: 30, includeLedger: false },
};

/**
 * POST /api/surface, the index form: the Cboe closes of 2023-06-09 (VIX9D, VIX, VIX3M, SKEW) and
 * three points. docs/examples/surface.json is the chain form (quotes of that day as rows).
 */
export const SURFACE_EXAMPLE = {
  valuationDate: '2023-06-09',
  spot: 4298.86,
  indices: { vix: 13.83, vix9d: 13.29, vix3m: 16.96, skew: 152.78 },
  rate: 0.0545,
  divYield: 0.014,
  points: [
    { expiry: '2023-07-21', strike: 4100 },
    { expiry: '2023-07-21', strike: 4300 },
    { expiry: '2023-09-15', strike: 4500 },
  ],
};
