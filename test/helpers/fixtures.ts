import type { MarketState, PlanInput } from '@alvh/shared';
/** A small ALVH book on 2024-03-01 (SPX 5100, VIX 14, a mild contango) for the scenario and sizing tests. */
export const BOOK = {
  valuationDate: '2024-03-01',
  spot: 5100,
  vix: 14,
  rate: 0.05,
  divYield: 0.014,
  volOfVol: 1.0,
  futures: [
    { expiry: '2024-03-20', price: 14.6 },
    { expiry: '2024-04-17', price: 15.4 },
    { expiry: '2024-05-22', price: 16.0 },
    { expiry: '2024-06-18', price: 16.5 },
  ],
  condor: [
    { kind: 'spx' as const, type: 'put' as const, strike: 4700, expiry: '2024-04-19', quantity: 10 },
    { kind: 'spx' as const, type: 'put' as const, strike: 4750, expiry: '2024-04-19', quantity: -10 },
    { kind: 'spx' as const, type: 'call' as const, strike: 5400, expiry: '2024-04-19', quantity: -10 },
    { kind: 'spx' as const, type: 'call' as const, strike: 5450, expiry: '2024-04-19', quantity: 10 },
  ],
  overlay: [
    { kind: 'spx' as const, type: 'put' as const, strike: 4750, expiry: '2024-04-19', quantity: -3 },
    { kind: 'spx' as const, type: 'put' as const, strike: 4750, expiry: '2024-05-17', quantity: 3 },
  ],
  tail: [{ kind: 'vix' as const, type: 'call' as const, strike: 18, expiry: '2024-05-22', quantity: 20 }],
};

/**
 * A plan input (2026-11-20, contango) whose hedges the method sizes: a 10 M USD account, a 40k
 * budget and a relaxed cost cap (maxHedgeCostRate 2, targetIrr 0), so the plan holds 2 of the 3 put
 * calendars its vega target asks for and 26 VIX calls (cut from 123). At the default policy the same
 * input holds no calendar and 5 calls (B = $2,174.68).
 */
export const PLAN_INPUT = {
  valuationDate: '2026-11-20',
  market: {
    spx: 6600,
    vix: 17.5,
    vvix: 95,
    rate: 0.04,
    divYield: 0.013,
    futures: [
      { expiry: '2026-12-16', price: 18.4 },
      { expiry: '2027-01-20', price: 19.3 },
      { expiry: '2027-02-17', price: 19.9 },
      { expiry: '2027-03-17', price: 20.3 },
    ],
  },
  condor: {
    expiry: '2027-01-08',
    strikes: [5700, 5800, 7100, 7200] as [number, number, number, number],
    quantity: 10,
    vol: 0.16,
  },
  portfolio: { capital: 10_000_000, budget: 40_000 },
  policy: { maxHedgeCostRate: 2, targetIrr: 0 },
};

/** A calm synthetic day (a contango curve, VIX 14): the plan tests' and the signal tests' day. */
export const CALM_PLAN_INPUT: PlanInput = {
  valuationDate: '2024-01-02',
  market: {
    spx: 4742.83,
    vix: 13.2,
    vvix: 82,
    rate: 0.052,
    divYield: 0.015,
    futures: [
      { expiry: '2024-01-17', price: 13.9 },
      { expiry: '2024-02-14', price: 15.2 },
      { expiry: '2024-03-20', price: 16.1 },
      { expiry: '2024-04-17', price: 16.7 },
      { expiry: '2024-05-22', price: 17.1 },
      { expiry: '2024-06-18', price: 17.4 },
    ],
  },
  condor: { expiry: '2024-02-16', strikes: [4410, 4460, 5050, 5100], quantity: 4 },
  portfolio: { capital: 1_000_000 },
};

/**
 * A book held between rebalances, as the taskpane's form enters it: 2008-01-04 (the quantintell VX
 * history's closes, the day after 2008-01-03, one of the 2008 day pairs of the orders-between-
 * rebalances test), the condor and its hedges of 2008-01-03's plan held, and 2008-01-03 as the last
 * rebalance (its VX1…VX8 as prices alone: their expiries are the monthly ones after the date).
 * Signals are left out, as the form has none. No rebalance is due (1 of 7 days, the curve 4.3%
 * from the trigger's 15%), so the plan holds the book: no order, and today's sizing (sell 1 SPX
 * put, buy 1, buy 1 VIX call: a net debit near $1,037) deferred to the next rebalance.
 */
export const HELD_BOOK = {
  fields: {
    valuationDate: '2008-01-04',
    spx: '1411.63',
    vix: '23.94',
    vvix: '81.46',
    rate: '0.02',
    divYield: '0.02',
    condorExpiry: '2008-02-15',
    k1: '1235',
    k2: '1285',
    k3: '1625',
    k4: '1675',
    quantity: '10',
    credit: '',
    capital: '2000000',
    budget: '',
  },
  futures: [
    ['2008-01-16', '24.68'],
    ['2008-02-19', '25.3'],
    ['2008-03-19', '25.01'],
    ['2008-04-16', '24.83'],
    ['2008-05-21', '24.65'],
    ['2008-06-18', '24.57'],
    ['2008-07-16', '24.53'],
    ['2008-08-20', '24.42'],
  ].map(([expiry, price]) => ({ expiry: expiry!, price: price! })),
  policy: { maxHedgeCostRate: '5', targetIrr: '0' },
  /** 2008-01-03's plan, whole contracts: the condor (its short put netted with the calendar's), the calendar, the VIX calls. */
  positions: [
    'Symbol,Qty,Avg Price',
    'SPX 080215P01235000,10,0',
    'SPX 080215P01285000,-11,0',
    'SPX 080215C01625000,-10,0',
    'SPX 080215C01675000,10,0',
    'SPX 080320P01285000,1,0',
    'VIX 080219C00026000,8,0',
  ].join('\n'),
  last: {
    date: '2008-01-03',
    vix: '22.49',
    futures: ['23.42', '24.52', '24.31', '24.26', '24.21', '24.04', '23.83', '23.77'].join('\n'),
  },
};

/**
 * A last rebalance for docs/examples/plan-positions.json (valued 2026-11-20): three days before,
 * VIX 17.3 and the next four VX futures, so no rebalance is due.
 */
export const PLAN_POSITIONS_LAST_REBALANCE = {
  date: '2026-11-17',
  vix: 17.3,
  futures: [
    { expiry: '2026-12-16', price: 18.3 },
    { expiry: '2027-01-20', price: 19.2 },
    { expiry: '2027-02-17', price: 19.8 },
    { expiry: '2027-03-17', price: 20.2 },
  ],
};

/**
 * 2018-12-24, the day the walkthrough and the Excel sheet tests read (SPX 2351.10, VIX 36.07, the
 * January-March VX futures): a 10-lot condor 1750/1800/2850/2900 to 2019-02-15 on $2,000,000, no
 * VVIX, so VIX options are marked at the default vol of vol.
 */
export const PLAN_2018_12_24 = {
  valuationDate: '2018-12-24',
  market: {
    spx: 2351.1,
    vix: 36.07,
    rate: 0.024,
    divYield: 0.02,
    futures: [
      { expiry: '2019-01-16', price: 25.9 },
      { expiry: '2019-02-13', price: 23.325 },
      { expiry: '2019-03-19', price: 22.175 },
    ],
  },
  condor: { expiry: '2019-02-15', strikes: [1750, 1800, 2850, 2900] as [number, number, number, number], quantity: 10 },
  portfolio: { capital: 2_000_000 },
} satisfies PlanInput;

/**
 * 2023-06-09, the day of the real Cboe SPX chain (SPX 4298.86, VIX 13.83, VVIX 89.7; the VX curve a
 * proxy from VIX and VIX3M): the market without the chain, which each test adds as it reads it.
 */
export const MARKET_2023_06_09 = {
  spx: 4298.86,
  vix: 13.83,
  vvix: 89.7,
  rate: 0.0545,
  divYield: 0.014,
  futures: [
    { expiry: '2023-06-21', price: 14.6 },
    { expiry: '2023-07-19', price: 16.1 },
    { expiry: '2023-08-16', price: 16.9 },
  ],
} satisfies PlanInput['market'];

/**
 * A quiet market state (2024-01-02, SPX 4700, VIX 14, VX 14.5 / 15.2 / 16 then 16.5), as the overlay's
 * sizing tests read it; other tests give it their own futures.
 */
export const QUIET_STATE: MarketState = {
  date: '2024-01-02',
  spot: 4700,
  vix: 14,
  rate: 0.05,
  divYield: 0.015,
  volOfVol: 0.9,
  futureFor: (e) => ({ '2024-01-17': 14.5, '2024-02-14': 15.2, '2024-03-20': 16 })[e] ?? 16.5,
};

/** The 2023-06-09 day as a sheet's key-value range gives it (Excel date serials): no VIX9D, VIX3M, SKEW, VVIX, credit or budget. */
export const SELECTION_2023_06_09: readonly (readonly [string, number])[] = [
  ['date', 45086],
  ['spx', 4298.86],
  ['vix', 13.83],
  ['rate', 0.05],
  ['divYield', 0.015],
  ['VX1', 14.3],
  ['VX2', 16.2],
  ['VX3', 17.3],
  ['VX4', 18.1],
  ['expiry', 45128],
  ['k1', 3900],
  ['k2', 4000],
  ['k3', 4500],
  ['k4', 4600],
  ['quantity', 10],
  ['capital', 5000000],
];
