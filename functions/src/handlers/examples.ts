/**
 * Example request bodies: shown in the OpenAPI document and docs/api.md, printed by the local
 * host as a curl request, and used by the tests and the benchmark as the valid baseline. One
 * market snapshot (Friday 2026-11-20) for all of them.
 */

const futures = [
  { expiry: '2026-12-16', price: 18.4 },
  { expiry: '2027-01-20', price: 19.3 },
  { expiry: '2027-02-17', price: 19.9 },
  { expiry: '2027-03-17', price: 20.3 },
];

/** POST /api/plan: a 10-lot January SPX condor, a 1 M USD account. */
export const PLAN_EXAMPLE = {
  valuationDate: '2026-11-20',
  market: { spx: 6600, vix: 17.5, vvix: 95, rate: 0.04, divYield: 0.013, futures },
  condor: { expiry: '2027-01-15', strikes: [6100, 6250, 6900, 7050], quantity: 10, vol: 0.16 },
  portfolio: { capital: 1_000_000, budget: 15_000 },
};

/** The same position as a book of legs (stress grid and Monte Carlo inputs). */
export const BOOK_EXAMPLE = {
  valuationDate: '2026-11-20',
  spot: 6600,
  vix: 17.5,
  futures,
  rate: 0.04,
  divYield: 0.013,
  volOfVol: 0.95,
  condor: [
    { kind: 'spx', type: 'put', strike: 6100, expiry: '2027-01-15', quantity: 10 },
    { kind: 'spx', type: 'put', strike: 6250, expiry: '2027-01-15', quantity: -10 },
    { kind: 'spx', type: 'call', strike: 6900, expiry: '2027-01-15', quantity: -10 },
    { kind: 'spx', type: 'call', strike: 7050, expiry: '2027-01-15', quantity: 10 },
  ],
  overlay: [
    { kind: 'vix', type: 'call', strike: 20, expiry: '2026-12-16', quantity: -8 },
    { kind: 'vix', type: 'call', strike: 20, expiry: '2027-01-20', quantity: 8 },
  ],
  tail: [{ kind: 'vix', type: 'call', strike: 30, expiry: '2027-02-17', quantity: 20 }],
};

/** POST /api/stress: the default SPX moves, three VIX levels, today / one week / three weeks. */
export const STRESS_EXAMPLE = { book: BOOK_EXAMPLE, vixLevels: [15, 25, 40], days: [0, 7, 21] };

/** POST /api/montecarlo: the first 1000 paths of a 4000-path run. */
export const MONTECARLO_EXAMPLE = { book: BOOK_EXAMPLE, paths: 4000, seed: 7, firstPath: 0, pathCount: 1000 };
