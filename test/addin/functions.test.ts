/**
 * The BUILT custom functions (addin/dist/functions.js) loaded as Excel loads them, called through
 * their registered ids with typical and bad arguments, and compared with direct calls into the
 * sizing package and with published reference values.
 */
import {
  black76Greeks,
  black76ImpliedVol,
  bsImpliedVol,
  checkRebalance,
  condorAnalytics,
  spxAtmVol,
  spxVol,
  plan,
  black76Price,
  bsGreeks,
  bsPrice,
  buildTermStructure,
  classifyRegime,
  computeSplit,
  fitQuality,
  isoToExcelSerial,
  macd,
  rsi,
  sizeTailHedge,
  vxExpiriesAfter,
  vxExpiry,
} from '@alvh/shared';
import { readFileSync } from 'node:fs';
import { planSheet20181224 } from './stubs/planSheet';
import { PLAN_2018_12_24 } from '../helpers/fixtures';
import { asRange, spxRows, vixRows } from '../helpers/chains20181224';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addinDist,
  ensureAddinBuilt,
  ErrorCode,
  errorOf,
  loadBuiltFunctions,
  type CustomFunction,
} from './stubs/customFunctions';

/** A plan warning as ALVH.ORDERS shows it: a policy field named as its row, market.chain as the argument. */
const asShown = (w: string): string =>
  w.replace(/policy\.(\w+)/g, '$1').replace(/(?<![\w.])market\.chain(?![\w])/g, 'the chain argument');

let fns: Map<string, CustomFunction>;

beforeAll(() => {
  ensureAddinBuilt();
  fns = loadBuiltFunctions();
});

/** Calls a function through its registered id, as Excel does (omitted optionals are null). */
function call(id: string, ...args: unknown[]): unknown {
  const fn = fns.get(id);
  if (!fn) throw new Error(`${id} is not registered`);
  return fn(...args);
}

/** The one value of a 1×1 spill (ALVH.BS and ALVH.BLACK76 answer a matrix, one cell for single cells). */
function one(id: string, ...args: unknown[]): unknown {
  const v = call(id, ...args);
  expect(Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1, JSON.stringify(v)).toBe(true);
  return (v as unknown[][])[0]![0];
}

/** Expects #VALUE! with a message that names `argument`. */
function expectInvalid(argument: string, id: string, ...args: unknown[]): string {
  const e = errorOf(() => call(id, ...args));
  expect(e.code).toBe(ErrorCode.invalidValue);
  expect(e.message?.startsWith(`${argument}:`) || e.message?.startsWith(`${argument} `), e.message).toBe(true);
  expect((e.message ?? '').length).toBeLessThanOrEqual(200);
  return e.message ?? '';
}

const EXPECTED_IDS = [
  'BS',
  'BLACK76',
  'IV',
  'VXEXPIRY',
  'TAILEXPIRY',
  'SPLIT',
  'TAILSIZE',
  'CURVE',
  'RSI',
  'MACD',
  'ADSLOPE',
  'CONDOR',
  'CONDORLOSS',
  'STRESSFUTURE',
  'OVERLAY',
  'REBALANCE',
  'PLAN',
  'SURFACE',
  'VOL',
  'VIXVOL',
  'ORDERS',
  'STRUCTURES',
  'FRONTIER',
];

describe('registration', () => {
  it('registers exactly the expected ids, each with a function', () => {
    expect([...fns.keys()].sort()).toEqual([...EXPECTED_IDS].sort());
    for (const id of EXPECTED_IDS) expect(typeof fns.get(id), id).toBe('function');
  });
});

describe('ALVH.BS and ALVH.BLACK76', () => {
  // Hull, Options, Futures and Other Derivatives, example 15.6: S 42, K 40, r 10%, σ 20%, T 0.5.
  const hull = { spot: 42, strike: 40, years: 0.5, vol: 0.2, rate: 0.1 };
  it.each([
    ['call', 4.759422392871535, 1e-12],
    ['c', 4.759422392871535, 1e-12],
    ['put', 0.8085993729000958, 1e-12],
    ['P', 0.8085993729000958, 1e-12],
  ])('Hull 15.6 %s = %d', (type, expected, tol) => {
    const v = one('BS', type, hull.spot, hull.strike, hull.years, hull.vol, hull.rate, null, null) as number;
    expect(Math.abs(v - expected)).toBeLessThan(tol);
  });

  it('every output equals the pricing core, with defaults for omitted rate and yield', () => {
    const input = {
      type: 'put' as const,
      spot: 5000,
      strike: 4800,
      years: 30 / 365,
      vol: 0.18,
      rate: 0.04,
      divYield: 0.013,
    };
    const g = bsGreeks(input);
    for (const out of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
      expect(one('BS', 'put', 5000, 4800, 30 / 365, 0.18, 0.04, 0.013, out)).toBe(g[out]);
    }
    expect(one('BS', 'put', 5000, 4800, 30 / 365, 0.18, 0.04, 0.013, 'PRICE')).toBe(bsPrice(input));
    expect(one('BS', 'call', 5000, 4800, 30 / 365, 0.18)).toBe(
      bsPrice({ type: 'call', spot: 5000, strike: 4800, years: 30 / 365, vol: 0.18 }),
    );
    expect(one('BS', 'call', 5000, 4800, 30 / 365, 0.18, '', undefined, '')).toBe(
      bsPrice({ type: 'call', spot: 5000, strike: 4800, years: 30 / 365, vol: 0.18 }),
    );
  });

  it('Black-76 matches Haug (F 19, K 19, T 0.75, r 10%, σ 28%: 1.7011) and the core', () => {
    expect(one('BLACK76', 'call', 19, 19, 0.75, 0.28, 0.1) as number).toBeCloseTo(1.7011, 4);
    expect(one('BLACK76', 'put', 19, 19, 0.75, 0.28, 0.1) as number).toBeCloseTo(1.7011, 4);
    const input = { type: 'call' as const, future: 18.5, strike: 22, years: 50 / 365, vol: 1.1, rate: 0.03 };
    expect(one('BLACK76', 'call', 18.5, 22, 50 / 365, 1.1, 0.03)).toBe(black76Price(input));
    expect(one('BLACK76', 'call', 18.5, 22, 50 / 365, 1.1, 0.03, 'vega')).toBe(black76Greeks(input).vega);
  });

  it('adds a header row to SPLIT, TAILSIZE and STRESSFUTURE only when headers is TRUE', () => {
    const plain = call('SPLIT', 20, 16, 35) as unknown[][];
    expect(call('SPLIT', 20, 16, 35, null, null, null, false)).toEqual(plain);
    expect(call('SPLIT', 20, 16, 35, null, null, null, true)).toEqual([['calendar share', 'tail share'], plain[0]]);
    const tail = [30605, 21.225, 61 / 365, 1.1, 35] as const;
    const t = call('TAILSIZE', ...tail) as unknown[][];
    const th = call('TAILSIZE', ...tail, null, null, null, null, null, null, true) as unknown[][];
    expect(th).toEqual([
      ['contracts', 'strike (points)', 'premium (points per option)', 'gain per contract (USD)'],
      t[0],
    ]);
    const date = isoToExcelSerial('2021-11-19');
    const curve = [[20.1], [21.2], [22.0]];
    const expiry = isoToExcelSerial('2022-01-19');
    const s = call('STRESSFUTURE', date, 17.91, curve, expiry) as unknown[][];
    const sh = call('STRESSFUTURE', date, 17.91, curve, expiry, null, null, null, null, null, 1) as unknown[][];
    expect(sh[0]).toEqual(['stressed future (points)', "today's future (points)", 'stressed VIX (points)']);
    expect(sh[1]).toEqual(s[0]);
    expectInvalid('headers', 'SPLIT', 20, 16, 35, null, null, null, 'yes');
  });

  it('reads numeric text as the number (one rule for every function: optional % and thousands commas)', () => {
    const direct = one('BS', 'call', 42, 40, 0.5, 0.2, 0.1) as number;
    expect(direct).toBeCloseTo(4.7594, 4); // Hull, Options, Futures and Other Derivatives, example 15.6
    expect(one('BS', 'call', '42', ' 40 ', '0.5', '20%', '10%')).toBe(direct);
    expect(one('BS', 'call', '4.2e1', 40, 0.5, 0.2, 0.1)).toBe(direct);
    expect(call('RSI', [[44], ['44.5'], [44.2], [45]], '2', null, false)).toEqual(
      call('RSI', [[44], [44.5], [44.2], [45]], 2, null, false),
    );
    // Anything else stays an error naming the argument: a decimal comma is never read as thousands.
    expect(expectInvalid('spot', 'BS', 'call', '4,2', 40, 0.5, 0.2)).toContain('"4,2"');
    expectInvalid('spot', 'BS', 'call', '42 pts', 40, 0.5, 0.2);
    expectInvalid('vol', 'BS', 'call', 42, 40, 0.5, '%');
    expectInvalid('closes[2]', 'RSI', [[44], ['4,45'], [44.2], [45]], 2);
  });

  it('rejects bad arguments with #VALUE! naming the argument and the fix', () => {
    expect(expectInvalid('vol', 'BS', 'call', 42, 40, 0.5, 18)).toContain('0.18');
    expectInvalid('type', 'BS', 'straddle', 42, 40, 0.5, 0.2);
    expectInvalid('type', 'BS', null, 42, 40, 0.5, 0.2);
    expectInvalid('output', 'BS', 'call', 42, 40, 0.5, 0.2, 0, 0, 'vanna');
    expectInvalid('spot', 'BS', 'call', -42, 40, 0.5, 0.2);
    expectInvalid('spot', 'BS', 'call', 'abc', 40, 0.5, 0.2);
    expect(expectInvalid('years', 'BS', 'call', 42, 40, null, 0.2)).toContain('empty');
    expectInvalid('strike', 'BLACK76', 'call', 19, '', 0.75, 0.28);
    expectInvalid('rate', 'BS', 'call', 42, 40, 0.5, 0.2, 5);
    expectInvalid('rate', 'BS', 'call', 42, 40, 0.5, 0.2, true);
    expectInvalid('years', 'BLACK76', 'call', 19, 19, -1, 0.28);
    expectInvalid('vol', 'BLACK76', 'put', 19, 19, 0.75, 120);
  });
});

describe('ALVH.IV', () => {
  it('recovers the volatility of Hull 15.6 and equals the solvers', () => {
    expect(call('IV', 'call', 4.759422392871535, 42, 40, 0.5, 0.1) as number).toBeCloseTo(0.2, 10);
    expect(call('IV', 'put', 0.8085993729000958, 42, 40, 0.5, 0.1, null, 'bs') as number).toBeCloseTo(0.2, 10);
    expect(call('IV', 'call', 1.7011, 19, 19, 0.75, 0.1, null, 'black76') as number).toBeCloseTo(0.28, 3);
    expect(call('IV', 'c', 7.5, 100, 95, 0.25, 0.03, 0.01)).toBe(
      bsImpliedVol({ type: 'call', price: 7.5, spot: 100, strike: 95, years: 0.25, rate: 0.03, divYield: 0.01 }),
    );
    expect(call('IV', 'put', 2.1, 18.5, 20, 40 / 365, 0.04, '', 'BLACK76')).toBe(
      black76ImpliedVol({ type: 'put', price: 2.1, future: 18.5, strike: 20, years: 40 / 365, rate: 0.04 }),
    );
  });
  it('reads the model as it is usually written: "Black-76", "Black 76" and "B-S", any case', () => {
    const b76 = call('IV', 'put', 2.1, 18.5, 20, 40 / 365, 0.04, '', 'black76');
    for (const model of ['black-76', 'Black 76', ' BLACK-76 '])
      expect(call('IV', 'put', 2.1, 18.5, 20, 40 / 365, 0.04, '', model)).toBe(b76);
    const bs = call('IV', 'c', 7.5, 100, 95, 0.25, 0.03, 0.01, 'bs');
    for (const model of ['B-S', 'b s']) expect(call('IV', 'c', 7.5, 100, 95, 0.25, 0.03, 0.01, model)).toBe(bs);
    expect(expectInvalid('model', 'IV', 'call', 2, 19, 19, 0.75, 0, null, 'black-77')).toBe(
      'model: is "black-77"; pass one of bs, black76',
    );
  });
  it('#N/A with the reason below intrinsic value; #VALUE! names the argument (underlying for either model)', () => {
    const below = errorOf(() => call('IV', 'call', 1, 42, 40, 0.5, 0.1));
    expect(below.code).toBe(ErrorCode.notAvailable);
    expect(below.message).toMatch(/^price: .*intrinsic/);
    expectInvalid('underlying', 'IV', 'call', 4.76, -42, 40, 0.5);
    expectInvalid('underlying', 'IV', 'call', 2, 0, 19, 0.75, 0, null, 'black76');
    expectInvalid('divYield', 'IV', 'call', 2, 19, 19, 0.75, 0, 0.02, 'black76');
    expectInvalid('model', 'IV', 'call', 2, 19, 19, 0.75, 0, null, 'heston');
    expectInvalid('price', 'IV', 'call', 'n/a', 42, 40, 0.5);
  });
});

describe('ALVH.VXEXPIRY', () => {
  it.each([
    ['2020-03-01', '2020-03-18'],
    ['2014-03-31', '2014-03-18'], // Good Friday 2014-04-18: the business day before the Wednesday
    ['2022-03-15', '2022-03-15'],
    ['2024-06-02', '2024-06-18'], // Juneteenth
    ['2018-12-24', '2018-12-19'],
  ])('contract month of %s expires %s', (date, expiry) => {
    expect(call('VXEXPIRY', isoToExcelSerial(date))).toBe(isoToExcelSerial(expiry));
  });
  it('takes a serial with a time of day, and rejects text and empty cells', () => {
    expect(call('VXEXPIRY', isoToExcelSerial('2020-03-01') + 0.75)).toBe(isoToExcelSerial('2020-03-18'));
    expect(call('VXEXPIRY', '2020-03-01')).toBe(isoToExcelSerial('2020-03-18'));
    expectInvalid('contractMonth', 'VXEXPIRY', '2020-02-30');
    expectInvalid('contractMonth', 'VXEXPIRY', 'March');
    // text that is no date names the ISO text taken beside the date cell and the serial
    expect(expectInvalid('contractMonth', 'VXEXPIRY', '3/1/2022')).toBe(
      'contractMonth: is "3/1/2022", not a date; pass a date cell, ISO text such as "2020-03-16", or a serial such as 43906',
    );
    expectInvalid('contractMonth', 'VXEXPIRY', null);
    expectInvalid('contractMonth', 'VXEXPIRY', 12);
  });
  it('names the date outside the calendar, not a bare year', () => {
    expect(expectInvalid('contractMonth', 'VXEXPIRY', isoToExcelSerial('2100-06-15'))).toBe(
      "contractMonth: is 2100-06-15, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040",
    );
    expect(call('VXEXPIRY', isoToExcelSerial('2040-11-30'))).toBe(isoToExcelSerial(vxExpiry(2040, 11)));
    expect(expectInvalid('contractMonth', 'VXEXPIRY', isoToExcelSerial('2040-12-01'))).toMatch(
      /needs the 2041 calendar; pass a contract month up to 2040-11$/,
    );
  });
  it("refuses a contract month before 2005-12, which settled under CFE's first rule", () => {
    // the data's July 2004 contract ended on 2004-07-13; today's rule gave 2004-07-21
    expect(expectInvalid('contractMonth', 'VXEXPIRY', isoToExcelSerial('2004-07-01'))).toBe(
      "contractMonth: is 2004-07-01, before 2005-12: VX contracts until then settled under CFE's first rule, about a week before the date today's rule gives; pass a month from 2005-12 to 2040-11",
    );
    expectInvalid('contractMonth', 'VXEXPIRY', isoToExcelSerial('2005-11-30'));
    expectInvalid('contractMonth', 'VXEXPIRY', isoToExcelSerial('2000-01-15'));
    expect(call('VXEXPIRY', isoToExcelSerial('2005-12-01'))).toBe(isoToExcelSerial(vxExpiry(2005, 12)));
  });
});

describe('ALVH.SPLIT', () => {
  const direct = (vx1: number, vx2: number, extra: Record<string, unknown> = {}) => {
    const s = computeSplit({ spread: vx1 - vx2, regime: classifyRegime(vx1 - vx2), ...extra });
    return [[s.calendarShare, s.tailShare]];
  };
  it('spills [calendarShare, tailShare] equal to computeSplit', () => {
    expect(call('SPLIT', 20, 16)).toEqual(direct(20, 16));
    expect(call('SPLIT', 20, 16)).toEqual([[0.6, 0.4]]);
    const widened = call('SPLIT', 20, 16, 35) as number[][];
    expect(widened[0]?.[0]).toBeCloseTo(0.72, 12);
    expect(call('SPLIT', 20, 16, 35, null, null, null)).toEqual(direct(20, 16, { rsi: 35 }));
    expect(call('SPLIT', 20, 16, 35, 5, 0.01, -3)).toEqual(
      direct(20, 16, { rsi: 35, prevSpread: 5, volOfVolExpanding: true, breadthDeteriorating: true }),
    );
    expect(call('SPLIT', 15, 17, '', '', -0.01, 2)).toEqual(
      direct(15, 17, { volOfVolExpanding: false, breadthDeteriorating: false }),
    );
  });
  it('sums to one', () => {
    for (const [a, b] of [
      [30, 20],
      [18, 18.1],
      [14, 19],
    ] as const) {
      const [[cal, tail]] = call('SPLIT', a, b, 30, a - b + 2, 1) as [[number, number]];
      expect(cal + tail).toBeCloseTo(1, 12);
    }
  });
  it('rejects bad arguments', () => {
    expectInvalid('vx1', 'SPLIT', 0, 16);
    // The one VX price check (checkVxPrice): a decimal is not taken as points.
    expect(expectInvalid('vx1', 'SPLIT', 0.2, 0.16)).toMatch(/decimal/);
    expectInvalid('vx2', 'SPLIT', 20, 900);
    expectInvalid('vx2', 'SPLIT', 20, 'x');
    expectInvalid('rsi', 'SPLIT', 20, 16, 140);
    expectInvalid('macdHist', 'SPLIT', 20, 16, null, null, 'up');
  });
});

describe('ALVH.TAILSIZE', () => {
  it('spills [contracts, strike, premium, gainPerContract] equal to sizeTailHedge', () => {
    const t = sizeTailHedge({
      condorLoss: 42_000,
      hedgeFuture: 16,
      hedgeYears: 52 / 365,
      volOfVol: 1.0,
      stressedFuture: 28,
    });
    expect(call('TAILSIZE', 42_000, 16, 52 / 365, 1.0, 28)).toEqual([
      [t.contracts, t.strike, t.premium, t.gainPerContract],
    ]);
    expect(t.strike).toBe(17);
    const o = sizeTailHedge({
      condorLoss: 42_000,
      hedgeFuture: 16,
      hedgeYears: 52 / 365,
      volOfVol: 1.0,
      stressedFuture: 28,
      coverage: 2,
      otmPct: 0.1,
      rate: 0.04,
      horizonYears: 5 / 365,
      stressVolOfVol: 1.5,
      strikeStep: 0.5,
    });
    expect(call('TAILSIZE', 42_000, 16, 52 / 365, 1.0, 28, 2, 0.1, 0.04, 5 / 365, 1.5, 0.5)).toEqual([
      [o.contracts, o.strike, o.premium, o.gainPerContract],
    ]);
  });
  it('#N/A with the reason when the hedge gains nothing in the scenario; #VALUE! on bad input', () => {
    const none = errorOf(() => call('TAILSIZE', 42_000, 16, 52 / 365, 1.0, 10));
    expect(none.code).toBe(ErrorCode.notAvailable);
    expect(none.message).toMatch(/gains nothing|gain/);
    expectInvalid('condorLoss', 'TAILSIZE', -5, 16, 52 / 365, 1, 28);
    expectInvalid('volOfVol', 'TAILSIZE', 42_000, 16, 52 / 365, 110, 28);
    // 0.011 priced the calls at 1e-33: 54 contracts for nothing
    expectInvalid('volOfVol', 'TAILSIZE', 42_000, 16, 52 / 365, 0.011374, 28);
    // below the lowest vol ALVH.VIXVOL gives (about 0.05, at VVIX 20)
    expectInvalid('stressVolOfVol', 'TAILSIZE', 42_000, 16, 52 / 365, 1.1, 28, null, null, null, null, 0.03);
    expectInvalid('otmPct', 'TAILSIZE', 42_000, 16, 52 / 365, 1, 28, null, 2.5);
  });
  it('a loss of 0 is 0 contracts, with the call priced, whatever it gains (nothing to cover)', () => {
    const [row] = call('TAILSIZE', 0, 16, 52 / 365, 1.0, 10) as number[][];
    const t = sizeTailHedge({
      condorLoss: 0,
      hedgeFuture: 16,
      hedgeYears: 52 / 365,
      volOfVol: 1.0,
      stressedFuture: 10,
    });
    expect(row).toEqual([0, 17, t.premium, t.gainPerContract]);
    expect(t.gainPerContract).toBeLessThan(0);
  });
});

describe('ALVH.CURVE', () => {
  // quantintell VX1..VX8 settlements and VIX close, 2020-03-12.
  const date = '2020-03-12';
  const vix = 75.47;
  const vx = [58.3, 45.825, 36.575, 33.025, 30.925, 29.475, 28.525, 28.575];
  it('spills the labelled term structure of buildTermStructure', () => {
    const ts = buildTermStructure({
      valuationDate: date,
      vixSpot: vix,
      futures: vxExpiriesAfter(date, vx.length).map((expiry, i) => ({ expiry, price: vx[i] as number })),
    });
    const out = call(
      'CURVE',
      isoToExcelSerial(date),
      vix,
      vx.map((p) => [p]),
    ) as [string, unknown][];
    const get = (label: string) => out.find(([l]) => l.startsWith(label))?.[1];
    expect(out.every((row) => row.length === 2)).toBe(true);
    expect(get('spread')).toBe(ts.spread);
    expect(get('spread')).toBeCloseTo(12.475, 10);
    expect(get('regime')).toBe('steep-backwardation');
    expect(get('kappa')).toBe(ts.fit.kappa);
    expect(get('theta')).toBe(ts.fit.theta);
    expect(get('F1')).toBe(58.3);
    expect(out.find(([l]) => l.startsWith('F1'))?.[0]).toContain('2020-03-18');
    expect(out.filter(([l]) => l.startsWith('VX'))).toHaveLength(8);
    // a row of prices, a range selected longer than the data, and explicit expiries give the same
    expect(call('CURVE', isoToExcelSerial(date), vix, [[...vx, '', '']])).toEqual(out);
    const expiries = vxExpiriesAfter(date, vx.length).map((e) => [isoToExcelSerial(e)]);
    expect(
      call(
        'CURVE',
        isoToExcelSerial(date),
        vix,
        vx.map((p) => [p]),
        expiries,
      ),
    ).toEqual(out);
    // expiries as ISO text, in a row
    expect(call('CURVE', isoToExcelSerial(date), vix, [vx], [vxExpiriesAfter(date, vx.length)])).toEqual(out);
  });
  it("ends with a warning row naming a future far off the curve the others fit, in the curve's own words", () => {
    // 2015-08-24 (quantintell settlements) with VX5 typed 14.5 for 20.65
    const day = '2015-08-24';
    const typed = [25.125, 22.5, 21.225, 20.7, 14.5, 20.575, 20.675, 20.775];
    const out = call('CURVE', isoToExcelSerial(day), 40.74, [typed]) as [string, unknown][];
    const futures = vxExpiriesAfter(day, 8).map((expiry, i) => ({ expiry, price: typed[i]! }));
    const warning = fitQuality(buildTermStructure({ valuationDate: day, vixSpot: 40.74, futures })).warnings.find((w) =>
      w.startsWith('VX5 (2016-01-20) at 14.5 sits 6.4 points below'),
    );
    expect(warning).toBeDefined();
    expect(out.at(-1)).toEqual(['warning', warning]);
    expect(out.filter(([l]) => l === 'warning')).toHaveLength(1);
    // the day as settled: no warning row
    const real = call('CURVE', isoToExcelSerial(day), 40.74, [typed.map((p, i) => (i === 4 ? 20.65 : p))]);
    expect((real as [string, unknown][]).some(([l]) => l === 'warning')).toBe(false);
  });
  it('ends with a warning row for each fault of the fit, as the plan warns: a poor fit, a bound (with a fix CURVE can take)', () => {
    const day = '2025-04-08';
    const rows = (vix: number, typed: number[]) => {
      const out = call('CURVE', isoToExcelSerial(day), vix, [typed]) as [string, unknown][];
      const futures = vxExpiriesAfter(day, typed.length).map((expiry, i) => ({ expiry, price: typed[i]! }));
      const plan = fitQuality(buildTermStructure({ valuationDate: day, vixSpot: vix, futures })).warnings;
      const said = out.filter(([l]) => l === 'warning').map(([, w]) => w as string);
      expect(said).toHaveLength(plan.length);
      return said;
    };
    // VX1 typed 100 for 39.1728 (VIX 52.33): the fit misses it by 50.8 points
    const vx = [31.4333, 27.9068, 26.1705, 24.6739, 23.9505, 23.4973, 23.1957];
    expect(rows(52.33, [100, ...vx])).toEqual([
      'The curve fit misses the listed futures by up to 50.8 points (2025-04-16; rmse 18.27): check the futures prices (a typing or unit mistake?); unlisted expiries priced from the fit are uncertain by as much.',
    ]);
    // VIX typed 12 under futures of 23-24: the fit puts κ on its bound; CURVE takes no policy, so the
    // fix names ALVH.PLAN's row
    const [bound] = rows(12, [23, 23.5, 24, 24, 24, 24, 24, 24]);
    expect(bound).toBe(
      'The fitted κ = 30 sits on its bound [0.5, 30]: the curve is outside what the model describes; check the futures or fix it with a kappa row of ALVH.PLAN.',
    );
    expect(rows(52.33, [39.1728, ...vx])).toEqual([]); // the day as settled
  });
  it('rejects gaps, 2-D ranges, mismatched expiries and a bad VIX', () => {
    expectInvalid('futures[2]', 'CURVE', isoToExcelSerial(date), vix, [[58.3], [''], [36.5]]);
    expectInvalid('futures', 'CURVE', isoToExcelSerial(date), vix, [
      [1, 2],
      [3, 4],
    ]);
    expectInvalid('expiries', 'CURVE', isoToExcelSerial(date), vix, [[58.3, 45.8]], [[isoToExcelSerial('2020-03-18')]]);
    expectInvalid('vixSpot', 'CURVE', isoToExcelSerial(date), -1, [[58.3, 45.8]]);
    expectInvalid('valuationDate', 'CURVE', 'today', vix, [[58.3, 45.8]]);
    // the package's own names (futures[0].expiry, date) become the sheet's, counted from 1
    const order = expectInvalid(
      'expiries[2]',
      'CURVE',
      isoToExcelSerial('2021-11-19'),
      17.91,
      [[20.8], [22.7]],
      [[isoToExcelSerial('2022-01-19')], [isoToExcelSerial('2021-12-22')]],
    );
    expect(order).toContain('expiries[1]');
    expect(order).not.toMatch(/futures\[\d\]\.expiry/);
    expectInvalid('valuationDate', 'CURVE', isoToExcelSerial('2100-12-31'), 17.91, [[20.8], [22.7]]);
  });
});

describe('ALVH.RSI and ALVH.MACD', () => {
  // Wilder's RSI, StockCharts ChartSchool worked example: first RSI 70.46 (70.4641...).
  const closes = [
    44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28,
  ];
  it('RSI with settle FALSE: the textbook value, or the series, from a column or a row', () => {
    const [[v]] = call(
      'RSI',
      closes.map((c) => [c]),
      null,
      null,
      false,
    ) as [[number]];
    expect(v).toBeCloseTo(70.4641, 3);
    expect(call('RSI', [closes], null, null, false)).toEqual([[rsi(closes).at(-1)]]);
    const more = [...closes, 46.0, 46.03, 46.41, 46.22, 45.64];
    expect(
      call(
        'RSI',
        more.map((c) => [c]),
        null,
        true,
        false,
      ),
    ).toEqual(rsi(more).map((x) => [x]));
    expect(
      call(
        'RSI',
        more.map((c) => [c]),
        5,
        null,
        'FALSE',
      ),
    ).toEqual([[rsi(more, 5).at(-1)]]);
  });
  it('MACD with settle FALSE: the latest row, or every row, equal to the core', () => {
    const values = Array.from({ length: 60 }, (_, i) => 5 + Math.sin(i / 4) + i / 50);
    const m = macd(values);
    const last = m.macd.length - 1;
    expect(
      call(
        'MACD',
        values.map((v) => [v]),
        null,
        null,
        null,
        null,
        false,
      ),
    ).toEqual([[m.macd[last], m.signal[last], m.histogram[last]]]);
    const all = call('MACD', [values], 5, 10, 3, true, false) as number[][];
    const m2 = macd(values, 5, 10, 3);
    expect(all).toHaveLength(m2.macd.length);
    expect(all[0]).toEqual([m2.macd[0], m2.signal[0], m2.histogram[0]]);
  });
  it('by default refuse fewer closes than settle the seed (#N/A naming the count, why and both fixes)', () => {
    // 15 closes gave the textbook 70.46 as if settled: on SPX, RSI(14) of 15 closes was a median
    // 5.4 points from the full history's, up to 30, on the other side of rsiWiden 40 one day in ten
    const e = errorOf(() => call('RSI', [closes]));
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message).toBe(
      "closes: has 15 closes; RSI(14) settles at 100 (Wilder's averages weigh their seed before: it can be tens of points off); pass at least 100 closes, or settle FALSE for the textbook 15-close RSI",
    );
    expect(errorOf(() => call('RSI', [closes], 5)).message).toMatch(/^closes: has 15 closes; RSI\(5\) settles at 35 /);
    const values = Array.from({ length: 107 }, (_, i) => 95 + 10 * Math.sin(i / 4));
    const m = errorOf(() => call('MACD', [values]));
    expect(m.code).toBe(ErrorCode.notAvailable);
    expect(m.message).toBe(
      "values: has 107 values; MACD(12, 26, 9) settles at 108 (its EMAs weigh their seeds before: the histogram's sign can flip); pass at least 108 values, or settle FALSE for the textbook 34-value MACD",
    );
    // the lengths given decide: MACD(5, 10, 3) settles at 42 values
    expect(errorOf(() => call('MACD', [values.slice(0, 41)], 5, 10, 3, true)).message).toMatch(
      /^values: has 41 values; MACD\(5, 10, 3\) settles at 42 .*textbook 12-value MACD$/,
    );
    // too short even for the textbook window: the same message, which names both fixes
    expect(errorOf(() => call('RSI', [[1], [2], [3]])).message).toMatch(
      /^closes: has 3 closes; RSI\(14\) settles at 100/,
    );
  });
  it('by default accept the settled length, and give what settle FALSE gives there', () => {
    const levels = Array.from({ length: 108 }, (_, i) => 4000 + 80 * Math.sin(i / 5) + i);
    const c100 = levels.slice(-100).map((x) => [x]);
    expect(call('RSI', c100)).toEqual([[rsi(levels.slice(-100)).at(-1)]]);
    // the spill's last row is the settled value; the warm-up rows before it are blank
    expect((call('RSI', c100, null, true) as unknown[][]).at(-1)).toEqual((call('RSI', c100) as unknown[][])[0]);
    const m = macd(levels);
    expect(call('MACD', [levels])).toEqual([[m.macd.at(-1), m.signal.at(-1), m.histogram.at(-1)]]);
    expect(call('MACD', [levels.slice(-42)], 5, 10, 3)).toEqual(
      call('MACD', [levels.slice(-42)], 5, 10, 3, null, false),
    );
  });
  it('series TRUE leaves the warm-up rows blank unless settle is FALSE, each row beside its input', () => {
    const levels = Array.from({ length: 120 }, (_, i) => 4000 + 80 * Math.sin(i / 5) + i);
    const col = levels.map((x) => [x]);
    // RSI(14): row k is close 14 + k (1-based), so row 86 is close 100, the first settled one
    const r = call('RSI', col, null, true) as unknown[][];
    expect(r).toHaveLength(120 - 14);
    expect(r.slice(0, 85).flat()).toEqual(Array.from({ length: 85 }, () => ''));
    expect(r[85]).toEqual((call('RSI', col.slice(0, 100)) as unknown[][])[0]);
    expect(r.at(-1)).toEqual((call('RSI', col) as unknown[][])[0]);
    expect(call('RSI', col, null, true, false)).toEqual(rsi(levels).map((x) => [x]));
    // MACD(12, 26, 9): row k is value 33 + k, so row 75 is value 108, the first settled one
    const m = call('MACD', [levels], null, null, null, true) as unknown[][];
    const all = macd(levels);
    expect(m).toHaveLength(all.macd.length);
    expect(m.slice(0, 74).flat()).toEqual(Array.from({ length: 74 * 3 }, () => ''));
    expect(m[74]).toEqual((call('MACD', [levels.slice(0, 108)]) as unknown[][])[0]);
    expect(call('MACD', [levels], null, null, null, true, false)).toEqual(
      all.macd.map((x, i) => [x, all.signal[i], all.histogram[i]]),
    );
  });
  it('#N/A when the series is too short, #VALUE! on bad series', () => {
    const e = errorOf(() => call('RSI', [[1], [2], [3]], null, null, false));
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message).toMatch(/^closes/);
    expect(errorOf(() => call('MACD', [[1, 2, 3]], null, null, null, null, false)).code).toBe(ErrorCode.notAvailable);
    expectInvalid('closes[2]', 'RSI', [[1], ['x'], [3]]);
    expectInvalid('series', 'RSI', [closes], null, 'yes');
    expectInvalid('settle', 'RSI', [closes], null, null, 'yes');
    expectInvalid('settle', 'MACD', [closes], null, null, null, null, 2);
    expectInvalid('fast', 'MACD', [closes], 30, 26);
  });
  it('MACD refuses a value of 0 or below, naming the cell: VVIX and VVIX/VIX are above 0', () => {
    // a formula reading an empty source cell gives 0: read as VVIX it flipped the histogram's sign
    const rising = Array.from({ length: 120 }, (_, i) => [90 + (i > 100 ? (i - 100) * 2 : 0)]);
    expect((call('MACD', rising) as number[][])[0]![2]).toBeGreaterThan(0);
    expect(expectInvalid('values[121]', 'MACD', [...rising, [0]])).toBe(
      'values[121]: is 0, not above 0; pass VVIX closes or VVIX/VIX ratios, all above 0 (a formula reading an empty cell gives 0)',
    );
    expect(expectInvalid('values[3]', 'MACD', [[null], [95], [-5], ...rising])).toMatch(
      /^values\[3\]: is -5, not above 0/,
    );
  });
});

describe('ALVH.CONDOR, CONDORLOSS, STRESSFUTURE, OVERLAY and REBALANCE', () => {
  // 2018-12-24: SPX 2351.10, VIX 36.07 (Cboe), VX1..VX5 settlements (quantintell).
  const day = isoToExcelSerial('2018-12-24');
  const expiry = isoToExcelSerial('2019-02-15');
  const strikes = [[1750, 1800, 2850, 2900]];
  const vx = [[25.9], [23.325], [22.175], [21.425], [21.125]];
  const futures = vxExpiriesAfter('2018-12-24', 5).map((e, i) => ({ expiry: e, price: vx[i]?.[0] as number }));
  const planned = plan({
    valuationDate: '2018-12-24',
    market: { spx: 2351.1, vix: 36.07, rate: 0.024, divYield: 0.02, futures },
    condor: { expiry: '2019-02-15', strikes: [1750, 1800, 2850, 2900], quantity: 10 },
    portfolio: { capital: 2_000_000 },
  });

  it('CONDOR spills condorAnalytics on the SPX surface of the VIX alone', () => {
    const state = {
      date: '2018-12-24',
      spot: 2351.1,
      vix: 36.07,
      rate: 0.024,
      divYield: 0.02,
      volOfVol: 1.2,
      futureFor: () => Number.NaN,
    };
    const years = 53 / 365; // 2018-12-24 → 2019-02-15
    const c = condorAnalytics({
      valuationDate: '2018-12-24',
      spot: 2351.1,
      rate: 0.024,
      divYield: 0.02,
      expiry: '2019-02-15',
      strikes: [1750, 1800, 2850, 2900],
      quantity: 10,
      atmVol: spxAtmVol(state, years),
      volAt: (k, t, f) => spxVol(state, t, k, f),
    });
    expect(c.creditSource).toBe('priced from the surface');
    const out = call('CONDOR', day, 2351.1, 36.07, expiry, strikes, 10, null, 0.024, 0.02) as [string, unknown][];
    const get = (label: string) => out.find(([l]) => l.startsWith(label))?.[1];
    expect(get('credit (')).toBe(c.credit);
    expect(get('max loss')).toBe(c.maxLoss);
    expect(get('vega')).toBe(c.greeks.vega);
    expect(get('theta')).toBe(c.greeks.theta);
    expect(get('passes')).toBe(c.passesSdCheck);
    expect(get('probability')).toBe(c.probabilityOfProfit);
    // a given credit is used as given
    const given = call('CONDOR', day, 2351.1, 36.07, expiry, [[1750], [1800], [2850], [2900]], 10, 4.2) as [
      string,
      unknown,
    ][];
    expect(given.find(([l]) => l.startsWith('max loss'))?.[1]).toBeCloseTo((50 - 4.2) * 100 * 10, 9);
    // a put wing narrower than the credit: that side has no break-even, and the cell says why
    const broken = call('CONDOR', day, 2351.1, 36.07, expiry, [[1795], [1800], [2850], [2900]], 10, 5.5) as [
      string,
      unknown,
    ][];
    expect(broken.find(([l]) => l.startsWith('break-even low'))?.[1]).toBe(
      'none: the credit exceeds the put wing, so this side cannot lose',
    );
    expect(broken.find(([l]) => l.startsWith('break-even high'))?.[1]).toBeCloseTo(2855.5, 9);
  });

  it('CONDOR and CONDORLOSS refuse an expiry on which no SPX option expires, naming the trading day before', () => {
    // Good Friday 2025-04-18: the April monthly expires on Thursday 2025-04-17.
    for (const [date, before] of [
      ['2025-04-18', '2025-04-17'],
      ['2025-04-19', '2025-04-17'],
    ]) {
      for (const fn of ['CONDOR', 'CONDORLOSS']) {
        const e = errorOf(() => call(fn, '2025-03-07', 5770, 23.37, date, [[5300], [5350], [6150], [6200]], 1));
        expect(e.code).toBe(ErrorCode.invalidValue);
        expect(e.message).toBe(
          `expiry: is ${date}, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the trading day before is ${before}`,
        );
      }
    }
    expect(
      call('CONDORLOSS', '2025-03-07', 5770, 23.37, '2025-04-17', [[5300], [5350], [6150], [6200]], 1),
    ).toBeGreaterThan(0);
  });

  it('CONDOR and CONDORLOSS never offer an expiry on or before the valuation date as the listed one', () => {
    const strikes = [[1750], [1800], [2850], [2900]];
    for (const fn of ['CONDOR', 'CONDORLOSS']) {
      // a Saturday before the valuation date: the trading day before it would be refused in turn
      expect(errorOf(() => call(fn, 43458, 2351.1, 36.07, '2018-10-27', strikes, 1)).message).toBe(
        'expiry: is 2018-10-27, not after the valuation date 2018-12-24; pass the condor expiry, a date after the valuation date',
      );
      // Christmas 2018: the trading day before is the valuation date itself
      expect(errorOf(() => call(fn, 43458, 2351.1, 36.07, '2018-12-25', strikes, 1)).message).toBe(
        "expiry: is 2018-12-25, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the first trading day after the valuation date is 2018-12-26",
      );
    }
  });

  it('CONDOR names the strike where the surface gives a vol beyond 500%, not a vol the sheet never passed', () => {
    const m = expectInvalid('strikes[1]', 'CONDOR', 44518, 4000, 300, 44519, [[2100], [2200], [7800], [7900]]);
    expect(m).toMatch(
      /^strikes\[1\]: is 2100, where the surface's vol is \d+% at 1 day, beyond the 500% an option is priced at; /,
    );
  });

  it('CONDOR, CONDORLOSS and OVERLAY refuse a strike off the listed 5-point grid, as PLAN does', () => {
    const ks = (k1: number) => [[k1], [4350], [4900], [5100]];
    const grid = /off the SPX 5-point strike grid; pass a listed strike \(a multiple of 5\)$/;
    expect(expectInvalid('strikes[1]', 'CONDOR', 44519, 4697.96, 17.91, 44547, ks(4151))).toMatch(
      /^strikes\[1\]: is 4151, off the SPX/,
    );
    expect(expectInvalid('strikes[1]', 'CONDORLOSS', 44519, 4697.96, 17.91, 44547, ks(4152.5), 1)).toMatch(grid);
    // a strike is named by its cell as selected, the blank before the first counted (docs/excel.md)
    const lead = [[null], [4100], [4151], [5300], [5350]];
    expect(expectInvalid('strikes[3]', 'CONDOR', 44519, 4697.96, 17.91, 44547, lead)).toMatch(
      /^strikes\[3\]: is 4151,/,
    );
    expect(expectInvalid('strikes[3]', 'CONDORLOSS', 44519, 4697.96, 17.91, 44547, lead, 1)).toMatch(grid);
    expect(
      expectInvalid('strikes[2]', 'CONDOR', 44519, 4697.96, 17.91, 44547, [[''], [100], ...lead.slice(2)]),
    ).toMatch(/^strikes\[2\]: is 100, far from SPX/);
    // and where the package names it (the surface's vol beyond 500%)
    expect(
      expectInvalid('strikes[2]', 'CONDOR', 44518, 4000, 300, 44519, [[null], [2100], [2200], [7800], [7900]]),
    ).toMatch(/^strikes\[2\]: is 2100, where the surface's vol/);
    expect(expectInvalid('strikes', 'CONDOR', 44519, 4697.96, 17.91, 44547, [[null], [4100]])).toBe(
      'strikes: has 1 value; select four strikes: long put, short put, short call, long call',
    );
    expect(expectInvalid('strike', 'OVERLAY', 44519, 4697.96, 17.91, 44547, 4151.3, -492)).toMatch(
      /^strike: is 4151\.3, off the SPX 5-point/,
    );
    // On the grid (and within 1e-9 of it, a cell's arithmetic) the same calls price.
    expect(Array.isArray(call('CONDOR', 44519, 4697.96, 17.91, 44547, ks(4150)))).toBe(true);
    expect(Array.isArray(call('OVERLAY', 44519, 4697.96, 17.91, 44547, 4150 + 1e-10, -492))).toBe(true);
  });

  it("OVERLAY's messages speak of its arguments (backDays), not the policy's fields", () => {
    const m = expectInvalid('condorExpiry', 'OVERLAY', 44519, 4697.96, 17.91, '2040-12-10', 4150, -492);
    expect(m).toMatch(/; pass a condor expiry before 2040-12 or fewer backDays$/);
  });

  it("CONDORLOSS, STRESSFUTURE and OVERLAY give the plan's own numbers", () => {
    expect(call('CONDORLOSS', day, 2351.1, 36.07, expiry, strikes, 10, null, 0.024, 0.02)).toBe(
      planned.scenario.condorLoss,
    );
    const [[stressed, future, sVix]] = call('STRESSFUTURE', day, 36.07, vx, isoToExcelSerial(planned.tail.expiry)) as [
      [number, number, number],
    ];
    expect(stressed).toBe(planned.tail.stressedFuture);
    expect(future).toBe(planned.tail.future);
    expect(sVix).toBe(planned.scenario.stressedVix);
    const o = call(
      'OVERLAY',
      day,
      2351.1,
      36.07,
      expiry,
      1800,
      planned.condor.greeks.vega,
      planned.split.vegaMatch,
      null,
      null,
      0.024,
      0.02,
    ) as [string, unknown][];
    expect(o.find(([l]) => l === 'units')?.[1]).toBe(planned.overlay.requiredUnits);
    expect(o.find(([l]) => l.startsWith('unit vega'))?.[1]).toBe(planned.overlay.unitVega);
    expect(o.find(([l]) => l.startsWith('unit cost'))?.[1]).toBe(planned.overlay.unitCost);
    expect(o.filter(([l]) => l.startsWith('leg '))).toHaveLength(2);
  });

  it('CONDORLOSS and STRESSFUTURE follow the drawdown arguments', () => {
    const mild = call('CONDORLOSS', day, 2351.1, 36.07, expiry, strikes, 10, null, 0.024, 0.02, 0.05) as number;
    expect(mild).toBeLessThan(planned.scenario.condorLoss);
    const [[, , sVix]] = call('STRESSFUTURE', day, 36.07, vx, isoToExcelSerial('2019-02-13'), 0.1) as [
      [number, number, number],
    ];
    expect(sVix).toBeCloseTo(36.07 + 15, 10);
    const [[, , fixed]] = call('STRESSFUTURE', day, 36.07, vx, isoToExcelSerial('2019-02-13'), null, null, 50) as [
      [number, number, number],
    ];
    expect(fixed).toBe(50);
    // a slower fade of the shock moves the 51-day future further
    const [[fast]] = call(
      'STRESSFUTURE',
      day,
      36.07,
      vx,
      isoToExcelSerial('2019-02-13'),
      null,
      null,
      null,
      null,
      12,
    ) as [[number]];
    const [[slow]] = call(
      'STRESSFUTURE',
      day,
      36.07,
      vx,
      isoToExcelSerial('2019-02-13'),
      null,
      null,
      null,
      null,
      2,
    ) as [[number]];
    expect(slow).toBeGreaterThan(fast);
    expectInvalid(
      'shockKappa',
      'STRESSFUTURE',
      day,
      36.07,
      vx,
      isoToExcelSerial('2019-02-13'),
      null,
      null,
      null,
      null,
      100,
    );
  });

  it('REBALANCE spills checkRebalance of the two curves', () => {
    const lastVx = [[21.5], [20.9], [20.8], [20.5]];
    const out = call('REBALANCE', day, 36.07, vx, isoToExcelSerial('2018-12-17'), 25.58, lastVx) as [string, unknown][];
    const now = planned.termStructure;
    expect(now.spread).toBeCloseTo(2.575, 10);
    const r = checkRebalance(
      buildTermStructure({ valuationDate: '2018-12-24', vixSpot: 36.07, futures }),
      buildTermStructure({
        valuationDate: '2018-12-17',
        vixSpot: 25.58,
        futures: vxExpiriesAfter('2018-12-17', 4).map((e, i) => ({ expiry: e, price: lastVx[i]?.[0] as number })),
      }),
    );
    expect(out[0]).toEqual(['due', r.due]);
    expect(out.find(([l]) => l === 'reason')?.[1]).toBe(r.reason);
    expect(out.find(([l]) => l.startsWith('curve shift'))?.[1]).toBe(r.shift);
    // two days later with the same curve: neither trigger fires
    const quiet = call('REBALANCE', day, 36.07, vx, isoToExcelSerial('2018-12-22'), 36.07, vx) as [string, unknown][];
    expect(quiet[0]).toEqual(['due', false]);
    expect(String(quiet[1]?.[1])).toMatch(/^not due/);
    expect(quiet.find(([l]) => l.startsWith('curve shift'))?.[1]).toBeLessThan(0.15);
    // the last curve was VX1 and VX2 the day before VX1 expired: 29 days, no tenor to compare,
    // so 7 days later the days decide alone (the whole call used to be an error)
    const vx2026 = [[17.2], [18.2], [18.9]];
    const late = call('REBALANCE', isoToExcelSerial('2026-10-27'), 17, vx2026, isoToExcelSerial('2026-10-20'), 17, [
      [17.2],
      [18.2],
    ]) as [string, unknown][];
    expect(late[0]).toEqual(['due', true]);
    expect(late.find(([l]) => l.startsWith('curve shift'))?.[1]).toMatch(/^not computed: the curves share no/);
    expect(String(late[1]?.[1])).toMatch(
      /rebalance due; the curve shift is not computed: the last rebalance's curve reaches 29 days/,
    );
  });

  it('name the argument on bad input', () => {
    expectInvalid('strikes', 'CONDOR', day, 2351.1, 36.07, expiry, [[1750, 1800, 2850]]);
    expectInvalid('strikes', 'CONDOR', day, 2351.1, 36.07, expiry, [[1800, 1750, 2850, 2900]]);
    expectInvalid('strikes[1]', 'CONDOR', day, 2351.1, 36.07, expiry, [[-1750, 1800, 2850, 2900]]);
    expectInvalid('vix', 'CONDOR', day, 2351.1, 0.36, expiry, strikes);
    expectInvalid('quantity', 'CONDOR', day, 2351.1, 36.07, expiry, strikes, 2.5);
    expectInvalid('expiry', 'CONDOR', day, 2351.1, 36.07, isoToExcelSerial('2018-12-01'), strikes);
    expectInvalid('credit', 'CONDOR', day, 2351.1, 36.07, expiry, strikes, 1, 60);
    expectInvalid('drawdown', 'CONDORLOSS', day, 2351.1, 36.07, expiry, strikes, 1, null, 0, 0, 20);
    expectInvalid('stressVix', 'CONDORLOSS', day, 2351.1, 36.07, expiry, strikes, 1, null, 0, 0, null, null, -3);
    // VIX 200 + 1.5 × 90 = 335: past the 300 a stressVix may be, named by the argument that drives it
    expect(expectInvalid('drawdown', 'CONDORLOSS', day, 2351.1, 200, expiry, strikes, 1, null, 0, 0, 0.9)).toMatch(
      /stressed VIX of 335 .*pass a stressVix of at most 300$/,
    );
    expectInvalid('drawdown', 'STRESSFUTURE', day, 200, [[25.9], [23.325]], isoToExcelSerial('2019-02-13'), 0.9);
    expectInvalid('futures[2]', 'STRESSFUTURE', day, 36.07, [[25.9], [-1]], isoToExcelSerial('2019-02-13'));
    expectInvalid(
      'expiries[2]',
      'STRESSFUTURE',
      day,
      36.07,
      [[25.9], [23.3]],
      isoToExcelSerial('2019-02-13'),
      null,
      null,
      null,
      [[isoToExcelSerial('2019-01-16')], [isoToExcelSerial('2019-01-16')]],
    );
    expectInvalid('structure', 'OVERLAY', day, 2351.1, 36.07, expiry, 1800, -369, null, 'vix-call-diagonal');
    expectInvalid('vegaMatch', 'OVERLAY', day, 2351.1, 36.07, expiry, 1800, -369, 1.5);
    expectInvalid('rate', 'OVERLAY', day, 2351.1, 36.07, expiry, 1800, -369, null, null, null, 5);
    expectInvalid('spot', 'OVERLAY', day, -1, 36.07, expiry, 1800, -369);
    expectInvalid('backDays', 'OVERLAY', day, 2351.1, 36.07, expiry, 1800, -369, null, null, 2.5);
    expectInvalid('condorVega', 'OVERLAY', day, 2351.1, 36.07, expiry, 1800, 'x');
    expectInvalid('lastDate', 'REBALANCE', day, 36.07, vx, isoToExcelSerial('2018-12-31'), 25, [[21], [20]]);
    const short = errorOf(() => call('REBALANCE', day, 36.07, vx, isoToExcelSerial('2018-12-17'), 25, [[21]]));
    expect(short.code).toBe(ErrorCode.notAvailable);
    expect(short.message).toMatch(/^lastFutures: /);
  });
});

describe('ALVH.PLAN', () => {
  // the sheet with a blank row between the market and the condor, as a trader lays it out
  const rows = (extra: unknown[][] = []): unknown[][] => [
    ...planSheet20181224().slice(0, 8),
    ['', ''],
    ...planSheet20181224().slice(8),
    ...extra,
  ];
  const input = (extra: Record<string, unknown> = {}) => ({ ...PLAN_2018_12_24, ...extra });
  const value = (out: unknown[][], label: string, after?: string) => {
    const from = after === undefined ? 0 : out.findIndex((r) => r[0] === after);
    return out.slice(from).find((r) => r[0] === label)?.[1];
  };

  it('spills the explained plan of plan() in three columns', () => {
    const p = plan(input());
    const out = call('PLAN', rows()) as unknown[][];
    expect(out.every((r) => r.length === 3)).toBe(true);
    expect(out[0]?.[0]).toBe('ALVH plan 2018-12-24');
    expect(value(out, 'Regime')).toBe(p.regime);
    expect(value(out, 'Calendar share')).toBe(p.split.calendarShare);
    expect(value(out, 'Contracts', 'Tail VIX calls')).toBe(p.tail.contracts);
    expect(value(out, 'Required contracts')).toBe(p.tail.requiredContracts);
    expect(value(out, 'Units', 'Calendar overlay')).toBe(p.overlay.units);
    expect(value(out, 'Condor loss')).toBe(p.scenario.condorLoss);
    expect(value(out, 'Budget')).toBe(p.budget.budget);
    expect(value(out, 'Warnings')).toBe(p.warnings.length);
    // The plan's warnings, the API's fields for your events and the policy named as the worksheet has them.
    expect(out.filter((r) => r[0] === 'warning').map((r) => r[1])).toEqual(
      p.warnings.map((w) =>
        w
          .replace('(signals.events)', "(ALVH.PLAN's events argument)")
          .replace('(signals.eventsMode)', "(ALVH.PLAN's third argument)")
          .replace(/policy\.(\w+)/g, '$1'),
      ),
    );
    const auditFrom = out.findIndex((r) => r[0] === 'Audit trail');
    expect(out.slice(auditFrom + 1, auditFrom + 1 + p.audit.length).map((r) => r[0])).toEqual(
      p.audit.map((a) => a.rule),
    );
    for (const r of out) for (const c of r) if (typeof c === 'number') expect(Number.isFinite(c)).toBe(true);
  });

  it('takes signals and policy overrides as rows', () => {
    const p = plan(input({ signals: { rsi: 22 }, policy: { tailCoverage: 2 } }));
    const out = call(
      'PLAN',
      rows([
        ['RSI', 22],
        ['tailCoverage', 2],
        ['prevSpread', ''],
      ]),
    ) as unknown[][];
    expect(value(out, 'Calendar share')).toBe(p.split.calendarShare);
    expect(value(out, 'Vega match')).toBe(0.6);
    expect(value(out, 'Required contracts')).toBe(p.tail.requiredContracts);
  });

  it('reads a ladder: condor2…, condor3… rows after the first condor, netted as one book as plan() nets condors', () => {
    const { condor, ...rest } = input();
    const p = plan({
      ...rest,
      condors: [
        condor,
        { expiry: '2019-01-23', strikes: [1900, 1950, 2750, 2800], quantity: 4 },
        { expiry: '2019-02-22', strikes: [1700, 1750, 2950, 3000], quantity: 3, credit: 2.5 },
      ],
    });
    const out = call(
      'PLAN',
      rows([
        ['condor2Expiry', isoToExcelSerial('2019-01-23')],
        ['condor2Strikes', '1900/1950/2750/2800'],
        ['condor2Quantity', 4],
        ['condor3 expiry', '2019-02-22'],
        ['condor3Strikes', '1700, 1750, 2950, 3000'],
        ['condor3Quantity', 3],
        ['condor3Credit', 2.5],
      ]),
    ) as unknown[][];
    expect(p.ladder.count).toBe(3);
    const ladder = 'Ladder (the condors as one book)';
    expect(value(out, 'Condors', ladder)).toBe(3);
    expect(value(out, 'Max loss', ladder)).toBe(p.ladder.maxLoss);
    expect(value(out, 'Net vega', ladder)).toBe(p.ladder.greeks.vega);
    expect(value(out, 'Drawdown loss', ladder)).toBe(p.scenario.condorLoss);
    expect(value(out, 'Condor loss')).toBe(p.scenario.condorLoss);
    expect(value(out, 'Required contracts')).toBe(p.tail.requiredContracts);
    expect(value(out, 'Budget')).toBe(p.budget.budget);
    expect(value(out, 'Warnings')).toBe(p.warnings.length);
  });

  it('names the ladder key of a bad further condor, a gap in the numbers, or a number past 12', () => {
    const c2 = [
      ['condor2Expiry', '2019-01-23'],
      ['condor2Strikes', '1900/1950/2750/2800'],
      ['condor2Quantity', 4],
    ];
    expect(
      expectInvalid(
        'inputs condor2Strikes',
        'PLAN',
        rows([...c2.slice(0, 1), ['condor2Strikes', '1950/1900/2750/2800'], c2[2]!]),
      ),
    ).toMatch(/pass strikes in increasing order/);
    expect(expectInvalid('inputs condor2Quantity', 'PLAN', rows(c2.slice(0, 2)))).toMatch(/whole number of condors/);
    expect(expectInvalid('inputs condor2Expiry', 'PLAN', rows([['condor3Expiry', '2019-01-23']]))).toMatch(
      /condor2 rows/,
    );
    expect(expectInvalid('inputs condor13Expiry', 'PLAN', rows([...c2, ['condor13Expiry', '2019-01-23']]))).toMatch(
      /condor2 … condor12/,
    );
  });

  it("reads a ladder row's numeric text under the one rule, as the first condor's rows: '5' is 5, '0x…' is no strike", () => {
    const ladder = (strikes: unknown, quantity: unknown, credit: unknown): unknown[][] =>
      rows([
        ['condor2Expiry', '2019-01-23'],
        ['condor2Strikes', strikes],
        ['condor2Quantity', quantity],
        ['condor2Credit', credit],
      ]);
    const typed = call('PLAN', ladder('1,900/1,950/2,750/2,800', '4', '2.5'));
    expect(typed).toEqual(call('PLAN', ladder('1900/1950/2750/2800', 4, 2.5)));
    expect(call('PLAN', ladder('1900, 1950, 2750, 2800', ' 4 ', '2.5'))).toEqual(typed);
    // 0x76C is 1900 to Number(): it was taken as a strike
    expect(expectInvalid('inputs condor2Strikes', 'PLAN', ladder('0x76C/1950/2750/2800', 4, 2.5))).toMatch(
      /^inputs condor2Strikes: is "0x76C"/,
    );
    expect(expectInvalid('inputs condor2Credit', 'PLAN', ladder('1900/1950/2750/2800', 4, '2.5%'))).toMatch(
      /a percentage; give it in its own units without %/,
    );
    expectInvalid('inputs condor2Quantity', 'PLAN', ladder('1900/1950/2750/2800', '0x4', 2.5));
  });

  it('reads the Cboe indices VIX9D, VIX3M, VIX6M and SKEW: the SPX surface of the plan', () => {
    const indices = { vix9d: 47.5, vix3m: 30.55, vix6m: 28.1, skew: 125.3 };
    const p = plan(input({ market: { ...input().market, indices } }));
    expect(p.surface.source).toBe('indices');
    const out = call(
      'PLAN',
      rows([
        ['VIX9D', 47.5],
        ['vix3m', 30.55],
        ['VIX 6M', 28.1],
        ['SKEW', 125.3],
      ]),
    ) as unknown[][];
    expect(value(out, 'SPX surface')).toBe(p.surface.describe);
    expect(value(out, 'Credit')).toBe(p.condor.credit);
    expect(value(out, 'Required contracts')).toBe(p.tail.requiredContracts);
    // without them, VIX alone: another credit, and the plan says the term structure is flat
    const alone = call('PLAN', rows()) as unknown[][];
    expect(value(alone, 'Credit')).not.toBe(p.condor.credit);
    expect(String(value(alone, 'SPX surface'))).toContain('VIX only');
    expectInvalid('inputs VIX3M', 'PLAN', rows([['VIX3M', 0.3055]]));
    // VVIX typed as a vol of vol is told the level; one in points below the range, the range
    expect(expectInvalid('inputs vvix', 'PLAN', rows([['vvix', 0.3]]))).toBe(
      'inputs vvix: VVIX is in index points: pass 95, not 0.95',
    );
    expect(expectInvalid('inputs vvix', 'PLAN', rows([['vvix', 15]]))).toBe(
      'inputs vvix: is 15, below 20; VVIX is in index points: pass a level from 20 to 400, e.g. 95',
    );
    expectInvalid('inputs SKEW', 'PLAN', rows([['SKEW', 'high']]));
    expectInvalid(
      'inputs vix9d',
      'PLAN',
      rows([
        ['VIX9D', 20],
        ['vix9d', 21],
      ]),
    );
  });

  it('reads the last rebalance from lastDate, lastVix and lastVX1…', () => {
    const last = { date: '2018-12-17', vix: 25.58, prices: [21.5, 20.9, 20.8] };
    const p = plan(
      input({
        lastRebalance: {
          date: last.date,
          vix: last.vix,
          futures: vxExpiriesAfter(last.date, 3).map((expiry, i) => ({ expiry, price: last.prices[i] as number })),
        },
      }),
    );
    expect(p.rebalance.due).toBe(true);
    const out = call(
      'PLAN',
      rows([
        ['lastDate', isoToExcelSerial(last.date)],
        ['last VIX', last.vix],
        ['lastVX1', 21.5],
        ['lastVX2', 20.9],
        ['lastVX3', 20.8],
      ]),
    ) as unknown[][];
    expect(value(out, 'Status', 'Rebalance')).toBe(p.rebalance.reason);
    expect(value(out, 'Calendar share')).toBe(p.split.calendarShare);
    expectInvalid('inputs lastVix', 'PLAN', rows([['lastDate', isoToExcelSerial(last.date)]]));
    expectInvalid(
      'inputs lastVX2',
      'PLAN',
      rows([
        ['lastDate', isoToExcelSerial(last.date)],
        ['lastVix', 25],
        ['lastVX1', 21],
        ['lastVX2', -1],
      ]),
    );
  });

  it('explains its numbers with the policy it ran with (tailCoverage 2.5, not the default 1.8)', () => {
    const p = plan(input({ policy: { tailCoverage: 2.5 } }));
    expect(p.policy.tailCoverage).toBe(2.5);
    const out = call('PLAN', rows([['tailCoverage', 2.5]])) as unknown[][];
    const contracts = out.find((r) => r[0] === 'Contracts');
    expect(contracts?.[1]).toBe(p.tail.contracts);
    expect(contracts?.[2]).toBe('what the tail budget buys of the required contracts (below)');
    expect(out.find((r) => r[0] === 'Required contracts')?.[2]).toBe(
      'ceil(2.5 · scenario loss / gain per contract), before the budget',
    );
    const analogs = out.filter((r) => /^\d{4}-\d{2}-\d{2} /.test(String(r[0])));
    expect(analogs.length).toBe(p.analogs.length);
    expect(analogs.length).toBeGreaterThan(0);
    for (const r of analogs) {
      expect(r[2]).toContain('contracts for 2.5× coverage');
      expect(String(r[2])).not.toContain('1.8');
      expect(String(r[2])).not.toMatch(/-0\.00|\b1 cover\b|contracts cover\b/);
    }
    // The default explanation differs: the text follows the plan, not a fixed policy.
    const plain = call('PLAN', rows()) as unknown[][];
    expect(plain.find((r) => r[0] === 'Required contracts')?.[2]).toBe(
      'ceil(1.8 · scenario loss / gain per contract), before the budget',
    );
  });

  it('names the rows a worksheet user has when no last rebalance is given', () => {
    const status = String((call('PLAN', rows()) as unknown[][]).find((r) => r[0] === 'Status')?.[1]);
    expect(status).toContain('lastDate');
    expect(status).toContain('lastVX1');
    expect(status).not.toContain('lastRebalance');
  });

  it('reads numeric text in the value column under the same rule as every function', () => {
    const typed = rows().map((r) => (r[0] === 'spx' ? ['spx', '2,351.1'] : r[0] === 'rate' ? ['rate', '2.4%'] : r));
    expect(call('PLAN', typed)).toEqual(call('PLAN', rows()));
    expectInvalid(
      'inputs',
      'PLAN',
      rows().map((r) => (r[0] === 'spx' ? ['spx', '2351,1'] : r)),
    );
    // a percentage only where the input is a rate or a fraction: "1.3%" is never a credit of 0.013
    expect(expectInvalid('inputs credit', 'PLAN', rows([['credit', '1.3%']]))).toBe(
      'inputs credit: is "1.3%", a percentage; give it in its own units without %',
    );
    // nor an RSI of 0.4 (it fired the RSI rule) or a VIX9D of 0.3
    expect(expectInvalid('inputs rsi', 'PLAN', rows([['rsi', '40%']]))).toBe(
      'inputs rsi: is "40%", a percentage; give it in its own units without %',
    );
    expectInvalid('inputs vix9d', 'PLAN', rows([['vix9d', '30%']]));
    const fraction = rows([['maxHedgeCostRate', '18%']]);
    expect(call('PLAN', fraction)).toEqual(call('PLAN', rows([['maxHedgeCostRate', 0.18]])));
  });

  it('reads a date typed as a serial in text, as every function does', () => {
    const typed = rows().map((r) => (r[0] === 'date' && typeof r[1] === 'number' ? ['date', String(r[1])] : r));
    expect(typed.some((r) => r[0] === 'date' && typeof r[1] === 'string')).toBe(true);
    expect(call('PLAN', typed)).toEqual(call('PLAN', rows()));
  });

  it('takes futures keyed by their expiry dates instead of VX1…VXn', () => {
    const expiries = vxExpiriesAfter('2018-12-24', 3);
    const dated = rows().map((r) => {
      const n = /^VX(\d)$/.exec(String(r[0]));
      return n ? [isoToExcelSerial(expiries[Number(n[1]) - 1] as string), r[1]] : r;
    });
    expect(dated.some((r) => typeof r[0] === 'number')).toBe(true);
    expect(call('PLAN', dated)).toEqual(call('PLAN', rows()));
  });

  it('names the offending row', () => {
    expect(expectInvalid('inputs', 'PLAN', rows([['colour', 'red']]))).toContain('colour');
    expectInvalid(
      'inputs spx',
      'PLAN',
      rows().map((r) => (r[0] === 'spx' ? ['spx', -5] : r)),
    );
    expectInvalid(
      'inputs k1',
      'PLAN',
      rows().map((r) => (r[0] === 'k1' ? ['k1', 3000] : r)),
    );
    expectInvalid('inputs tailCoverage', 'PLAN', rows([['tailCoverage', 50]]));
    expectInvalid('inputs rsi', 'PLAN', rows([['rsi', 'low']]));
    expectInvalid('inputs', 'PLAN', rows([['spx', 2400]]));
    expectInvalid('inputs', 'PLAN', [[1, 2]]);
    expectInvalid('inputs row 17', 'PLAN', rows([['', 5]]));
    expectInvalid('inputs', 'PLAN', 5);
  });

  it('refuses a number in a third column (another day beside the first), and reads a column of notes', () => {
    const twoDays = rows().map((r, i) => (i === 2 ? [...r, 19.4] : [...r, '']));
    expect(expectInvalid('inputs row 3', 'PLAN', twoDays)).toBe(
      `inputs row 3: has a number in column 3 (19.4), which PLAN does not read; select two columns, names then values (one plan a range; notes beside them are text)`,
    );
    const notes = rows().map((r, i) => [...r, i === 2 ? 'from the close' : '']);
    expect(call('PLAN', notes)).toEqual(call('PLAN', rows()));
  });

  it('a misspelled name is #VALUE! in the words of the API ("unknown field "x": check the spelling")', () => {
    const msg = expectInvalid('inputs', 'PLAN', rows([['budgte', 100]]));
    expect(msg).toBe(
      'inputs: unknown field "budgte": check the spelling or remove the row; the names are date, spx, vix, VX1…, expiry, k1…k4, quantity, capital and more, listed in ALVH.PLAN\'s help',
    );
    // the range selected with its header row: the header is named as one, not as a misspelling
    expect(expectInvalid('inputs', 'PLAN', rows([['Name', 'Value']]))).toBe(
      'inputs: has a header row ("Name"), which names no input; select the rows of names and values below the header, or delete the header row',
    );
    expect(
      expectInvalid(
        'inputs',
        'PLAN',
        rows([
          ['colour', 'red'],
          ['tailCoverag', 2],
        ]),
      ),
    ).toMatch(/unknown fields "colour", "tailCoverag": check the spelling/);
  });

  it('futures numbered outside VX1…VX12, a name given twice, or a curve given two ways name the row, never a TypeError', () => {
    for (const [key, row] of [
      ['VX0', ['VX0', 20]],
      ['VX13', ['VX13', 20]],
      ['vx 1', ['vx 1', 20]],
      ['spot', ['spot', 2351.1]],
      ['RSI', ['RSI', 30]],
    ] as const) {
      const extra: unknown[][] = key === 'RSI' ? [['rsi', 40], [...row]] : [[...row]];
      const msg = expectInvalid(`inputs ${key}`, 'PLAN', rows(extra));
      expect(msg).not.toMatch(/unexpected error|TypeError|Cannot read/);
    }
    expect(expectInvalid('inputs VX0', 'PLAN', rows([['VX0', 20]]))).toContain('from VX1 (the front month)');
    const last = (k: string): unknown[][] =>
      rows([
        ['lastDate', isoToExcelSerial('2018-12-17')],
        ['lastVix', 25],
        ['lastVX1', 21],
        [k, 20],
      ]);
    expectInvalid('inputs lastVX0', 'PLAN', last('lastVX0'));
    expectInvalid('inputs lastVX40', 'PLAN', last('lastVX40'));
    expectInvalid('inputs last vx1', 'PLAN', last('last vx1'));
    const dated = isoToExcelSerial(vxExpiriesAfter('2018-12-24', 2)[1] as string);
    expect(expectInvalid(`inputs ${vxExpiriesAfter('2018-12-24', 2)[1]}`, 'PLAN', rows([[dated, 23]]))).toContain(
      'give the curve one way',
    );
  });

  it('takes your events as a second argument, added to the shipped FOMC calendar or replacing it', () => {
    const cpi = { date: '2019-01-11', kind: 'CPI' as const, source: 'BLS release calendar' };
    const events = [[isoToExcelSerial(cpi.date), 'cpi', cpi.source]];
    const life = (out: unknown[][], kind: string) => value(out, `${kind} in the condor's life`);
    const shipped = call('PLAN', rows()) as unknown[][];
    expect(life(shipped, 'FOMC')).toBe('2019-01-30');
    // The shipped calendar lists the BLS's CPI and PPI releases.
    expect(life(shipped, 'CPI')).toBe('2019-01-11, 2019-02-13');
    expect(life(shipped, 'PPI')).toBe('2019-01-15, 2019-02-14');
    const added = call('PLAN', rows(), events, null) as unknown[][];
    const p = plan(input({ signals: { events: [cpi], eventsMode: 'add' } }));
    expect(added.filter((r) => r[0] === 'warning').map((r) => r[1])).toEqual(
      p.warnings.map((w) =>
        w
          .replace('(signals.events)', "(ALVH.PLAN's events argument)")
          .replace('(signals.eventsMode)', "(ALVH.PLAN's third argument)")
          .replace(/policy\.(\w+)/g, '$1'),
      ),
    );
    expect(life(added, 'FOMC')).toBe('2019-01-30');
    // The date given is a shipped release: listed once.
    expect(life(added, 'CPI')).toBe('2019-01-11, 2019-02-13');
    const replaced = call('PLAN', rows(), events, 'Replace') as unknown[][];
    expect(life(replaced, 'FOMC')).toBe('no event calendar for this date (no FOMC dates)');
    expect(life(replaced, 'CPI')).toBe('2019-01-11 (calendar not complete here)');
    expect(replaced.some((r) => r[0] === 'warning' && String(r[1]).includes("ALVH.PLAN's events argument"))).toBe(true);
    expect(
      replaced.some(
        (r) => r[0] === 'warning' && String(r[1]).includes("with the mode 'replace' (ALVH.PLAN's third argument)"),
      ),
    ).toBe(true);
    // under a header row (Date, Kind, Source): the same plan; the header was refused as a kind "kind"
    const headed = [['Date', 'Kind', 'Source'], ...events];
    expect(call('PLAN', rows(), headed, 'Replace')).toEqual(replaced);
    expectInvalid('events row 3 date', 'PLAN', rows(), [...headed, ['soon', 'CPI']]);
    expectInvalid('events row 1 kind', 'PLAN', rows(), [[isoToExcelSerial(cpi.date), 'NFP']]);
    expectInvalid('events row 2 date', 'PLAN', rows(), [...events, ['soon', 'CPI']]);
    expectInvalid('eventsMode', 'PLAN', rows(), null, 'replace');
    expectInvalid('eventsMode', 'PLAN', rows(), events, 'merge');
    expectInvalid('inputs events', 'PLAN', rows([['events', '2019-01-11 CPI']]));
  });
});

/** docs/examples/surface.json's quotes (2023-06-09, two expiries) as an Excel range under a header row. */
const SMALL_CHAIN: unknown[][] = [
  ['expiry', 'strike', 'type', 'bid', 'ask'],
  ...(
    JSON.parse(readFileSync(join('docs', 'examples', 'surface.json'), 'utf8')) as {
      chain: { expiry: string; strike: number; type: string; bid: number; ask: number }[];
    }
  ).chain.map((q) => [isoToExcelSerial(q.expiry), q.strike, q.type, q.bid, q.ask]),
];

describe('every argument of every function', () => {
  const d = isoToExcelSerial('2018-12-24');
  const e = isoToExcelSerial('2019-02-15');
  const vx = [[25.9], [23.325], [22.175]];
  const strikes = [[1750, 1800, 2850, 2900]];
  const closes = Array.from({ length: 40 }, (_, i) => [100 + Math.sin(i) + i / 10]);
  // the day's chains as ranges: SPX of two expiries, VIX on the sheet's two futures
  const SPX_2018 = asRange(spxRows(['2019-01-18', '2019-02-15']));
  const VIX_2018 = asRange(vixRows(PLAN_2018_12_24.market.futures.slice(0, 2)));
  /** Arguments every function accepts (all of them, optional ones included). */
  const VALID: Record<string, unknown[]> = {
    BS: ['call', 42, 40, 0.5, 0.2, 0.1, 0.01, 'delta'],
    BLACK76: ['call', 19, 19, 0.75, 0.28, 0.1, 'vega'],
    IV: ['call', 4.76, 42, 40, 0.5, 0.1, 0, 'bs'],
    VXEXPIRY: [d],
    TAILEXPIRY: [d, 45, 60, 52],
    SPLIT: [20, 16, 35, 5, 0.01, -3, true],
    TAILSIZE: [42_000, 16, 52 / 365, 1, 28, 1.8, 0.025, 0.01, 10 / 365, 1.2, 1, false],
    CURVE: [d, 36.07, vx, vxExpiriesAfter('2018-12-24', 3).map((x) => [isoToExcelSerial(x)])],
    RSI: [closes, 14, false, false],
    MACD: [closes, 5, 10, 3, true, false],
    ADSLOPE: [closes.map((r) => [Math.round(r[0] as number) % 2000]), closes.map(() => [1000]), 10],
    CONDOR: [d, 2351.1, 36.07, e, strikes, 10, 4.2, 0.024, 0.02],
    CONDORLOSS: [d, 2351.1, 36.07, e, strikes, 10, 4.2, 0.024, 0.02, 0.2, 10, 60],
    STRESSFUTURE: [
      d,
      36.07,
      vx,
      isoToExcelSerial('2019-02-13'),
      0.2,
      10,
      60,
      vxExpiriesAfter('2018-12-24', 3).map((x) => [isoToExcelSerial(x)]),
      6,
      true,
    ],
    OVERLAY: [d, 2351.1, 36.07, e, 1800, -369, 0.5, 'spx-long-put', 30, 0.024, 0.02],
    REBALANCE: [d, 36.07, vx, isoToExcelSerial('2018-12-17'), 25.58, [[21.5], [20.9], [20.8]]],
    SURFACE: [SMALL_CHAIN, isoToExcelSerial('2023-06-09'), true],
    VOL: [SMALL_CHAIN, isoToExcelSerial('2023-07-21'), 4300, isoToExcelSerial('2023-06-09')],
    VIXVOL: [113.74, 61 / 365, 24, 22.7497],
    PLAN: [
      [
        ['date', d],
        ['spx', 2351.1],
        ['vix', 36.07],
        ['rate', 0.024],
        ['VX1', 25.9],
        ['VX2', 23.325],
        ['expiry', e],
        ['k1', 1750],
        ['k2', 1800],
        ['k3', 2850],
        ['k4', 2900],
        ['quantity', 1],
        ['capital', 1_000_000],
      ],
      [[isoToExcelSerial('2019-01-11'), 'CPI', 'BLS release calendar']],
      'add',
      SPX_2018,
      VIX_2018,
    ],
    ORDERS: [
      [
        ['date', d],
        ['spx', 2351.1],
        ['vix', 36.07],
        ['rate', 0.024],
        ['VX1', 25.9],
        ['VX2', 23.325],
        ['expiry', e],
        ['k1', 1750],
        ['k2', 1800],
        ['k3', 2850],
        ['k4', 2900],
        ['quantity', 1],
        ['capital', 1_000_000],
      ],
      [['VIX 190213C00024000', 1, 3.5]],
      SPX_2018,
      VIX_2018,
    ],
    STRUCTURES: [
      [
        ['date', d],
        ['spx', 2351.1],
        ['vix', 36.07],
        ['rate', 0.024],
        ['VX1', 25.9],
        ['VX2', 23.325],
        ['expiry', e],
        ['k1', 1750],
        ['k2', 1800],
        ['k3', 2850],
        ['k4', 2900],
        ['quantity', 1],
        ['capital', 1_000_000],
      ],
      SPX_2018,
      VIX_2018,
    ],
    FRONTIER: [
      [
        ['date', d],
        ['spx', 2351.1],
        ['vix', 36.07],
        ['rate', 0.024],
        ['VX1', 25.9],
        ['VX2', 23.325],
        ['expiry', e],
        ['k1', 1750],
        ['k2', 1800],
        ['k3', 2850],
        ['k4', 2900],
        ['quantity', 1],
        ['capital', 1_000_000],
      ],
      [[0, 1000, 5000]],
      600,
      3,
      SPX_2018,
      VIX_2018,
    ],
  };
  /** Parameter names as Excel shows them (functions.json). */
  const names = (id: string): string[] => {
    const metadata = JSON.parse(readFileSync(join(addinDist, 'functions.json'), 'utf8')) as {
      functions: { id: string; parameters: { name: string }[] }[];
    };
    return metadata.functions.find((f) => f.id === id)?.parameters.map((p) => p.name) ?? [];
  };

  it('covers every registered function', () => {
    expect(Object.keys(VALID).sort()).toEqual([...fns.keys()].sort());
  });

  it.each(Object.keys(VALID))(
    '%s: valid arguments give finite numbers; text in any argument is #VALUE! naming it',
    (id) => {
      const args = VALID[id] as unknown[];
      const params = names(id);
      expect(params).toHaveLength(args.length);
      const ok = call(id, ...args);
      const flat = Array.isArray(ok) ? (ok as unknown[][]).flat() : [ok];
      for (const v of flat) if (typeof v === 'number') expect(Number.isFinite(v), `${id} → ${v}`).toBe(true);
      params.forEach((name, i) => {
        const bad = [...args];
        bad[i] = 'junk';
        const err = errorOf(() => call(id, ...bad));
        expect(err.code, `${id}(${name})`).toBe(ErrorCode.invalidValue);
        expect(err.message?.startsWith(name), `${id}(${name}): ${err.message}`).toBe(true);
      });
    },
  );
});

describe('ALVH.ORDERS and ALVH.STRUCTURES', () => {
  // the 2018-12-24 sheet with a nearer condor: 1950/2000/2700/2750
  const strikes: Record<string, number> = { k1: 1950, k2: 2000, k3: 2700, k4: 2750 };
  const rows: unknown[][] = planSheet20181224().map(([k, v]) => [k, strikes[k] ?? v]);
  const input = {
    ...PLAN_2018_12_24,
    condor: { ...PLAN_2018_12_24.condor, strikes: [1950, 2000, 2700, 2750] as [number, number, number, number] },
  };
  const base = plan(input);
  const condorRows = [
    ['SPX 190215P01950', 10, 1.1],
    ['SPX 190215P02000', -10, 1.6],
    ['SPX 190215C02700', -10, 0.2],
    ['SPX 190215C02750', 10, 0.1],
  ];

  it('ORDERS from nothing held spills the plan legs, as plan() orders them, then the net cost', () => {
    const p = plan({ ...input, positions: [] });
    const out = call('ORDERS', rows, null) as unknown[][];
    expect(out[0]?.[0]).toBe('side');
    const netRow = out.findIndex((r) => r[0] === 'net cost');
    const body = out.slice(1, netRow);
    expect(body).toHaveLength(p.orders?.orders.length ?? -1);
    body.forEach((r, k) => {
      const o = p.orders?.orders[k];
      expect(r.slice(0, 14)).toEqual([
        `${o?.side} to ${o?.effect}`,
        o?.quantity,
        o?.contract,
        o?.leg.expiry,
        o?.leg.strike,
        o?.leg.type,
        o?.held,
        o?.target,
        o?.mid,
        o?.limit,
        '', // no chain: no bid
        '', // nor ask
        o?.cost,
        o?.why,
      ]);
      expect(r[14]).toBe(''); // no note
    });
    expect(out[0]?.slice(9, 15)).toEqual([
      'limit on tick (points)',
      'bid (points)',
      'ask (points)',
      'cost at mid (USD)',
      'why',
      'note',
    ]);
    expect(out[netRow]?.[12]).toBeCloseTo(p.orders?.netCost ?? NaN, 9);
    // after the net cost, the campaign after the orders as the next plan's rows, opened at the day's budget
    expect(out.slice(netRow + 1, netRow + 4).map((r) => [r[0], r[12]])).toEqual([
      ['campaignBudget', p.campaign?.budget],
      ['paidOverlay', p.campaign?.paid.overlay],
      ['paidTail', p.campaign?.paid.tail],
    ]);
    expect(p.campaign?.budgetFrom).toBe('set today');
    // then the plan's warnings as PLAN shows them, one a row, as wide as the header
    const warned = out.slice(netRow + 4);
    expect(p.warnings.length).toBeGreaterThan(0);
    // (a policy field named as its row: defaultVolOfVol, not policy.defaultVolOfVol; market.chain as
    // the chain argument)
    expect(warned.map((r) => [r[0], r[1]])).toEqual(p.warnings.map((w) => ['warning', asShown(w)]));
    expect(warned.every((r) => r.length === out[0]?.length)).toBe(true);
  });

  it("ORDERS shows the plan's warnings, such as the capital cap's reduce-to", () => {
    // 40 condors on $200,000: the cap asks to reduce; the sheet showed only the orders
    const capped = rows.map(([k, v]) => [k, k === 'quantity' ? 40 : k === 'capital' ? 200_000 : v]);
    const p = plan({
      ...input,
      condor: { ...input.condor, quantity: 40 },
      portfolio: { capital: 200_000 },
      positions: [],
    });
    expect(p.warnings.some((w) => /reduce to \d+ condors?/i.test(w))).toBe(true);
    const out = call('ORDERS', capped, null) as unknown[][];
    const shown = out.filter((r) => r[0] === 'warning').map((r) => r[1]);
    expect(shown).toEqual(p.warnings.map((w) => asShown(w)));
  });

  it('ORDERS from the plan legs held (a range, or CSV text in one cell) is empty', () => {
    const tail = base.book.tail[0];
    expect(tail).toBeDefined();
    const vix = `VIX 190213C${String((tail?.strike ?? 0) * 1000).padStart(8, '0')}`;
    expect(tail?.expiry).toBe('2019-02-13');
    const held = [...condorRows, [vix, tail?.quantity, 3.5]];
    const out = call('ORDERS', rows, held) as unknown[][];
    expect(out.filter((r) => r[0] !== 'warning')).toHaveLength(3);
    expect(String(out[1]?.[0])).toMatch(/^none/);
    expect(out[2]?.[0]).toBe('net cost');
    expect(out[2]?.[12]).toBe(0);
    const csv = ['Symbol,Quantity,Avg Price', ...held.map((r) => r.join(','))].join('\n');
    expect(call('ORDERS', rows, [[csv]])).toEqual(out);
    // a range selected far below the positions: its empty rows are no rows (it was refused as over 10,000)
    const tall = [...held, ...Array.from({ length: 100_000 }, () => [null, null, null])];
    expect(call('ORDERS', rows, tall)).toEqual(out);
    // and a range of more rows than that says so
    const many = Array.from({ length: 10_001 }, () => held[0]!);
    expect(expectInvalid('positions', 'ORDERS', rows, many)).toBe(
      'positions: has 10,001 rows; pass at most 10,000 rows',
    );
  });

  it('ORDERS splits a contract held on the other side of zero: sell 2 to close, then sell 10 to open; the net cost adds up', () => {
    // long 2 of the 2000 put the plan is short 10 of, the rest of the condor as the plan holds it
    const held = condorRows.map((r) => (r[0] === 'SPX 190215P02000' ? [r[0], 2, r[2]] : r));
    const out = call('ORDERS', rows, held) as unknown[][];
    const netRow = out.findIndex((r) => r[0] === 'net cost');
    const puts = out.slice(1, netRow).filter((r) => r[4] === 2000);
    expect(puts.map((r) => [r[0], r[1], r[6], r[7]])).toEqual([
      ['sell to close', 2, 2, 0],
      ['sell to open', 10, 0, -10],
    ]);
    expect((puts[0]![12] as number) + (puts[1]![12] as number)).toBeCloseTo(-12 * (puts[0]![8] as number) * 100, 6);
    const costs = out.slice(1, netRow).map((r) => r[12] as number);
    expect(out[netRow]![12]).toBeCloseTo(
      costs.reduce((a, b) => a + b, 0),
      6,
    );
    // the plan's legs not held are opened: the tail's VIX call is bought to open
    expect(
      out
        .slice(1, netRow)
        .filter((r) => r[2] === 'VIX')
        .map((r) => r[0]),
    ).toEqual(['buy to open']);
  });

  it('ORDERS holds the book when no rebalance is due and the positions are the condor and its hedges: the re-sizing rows are deferred', () => {
    const tail = base.book.tail[0]!;
    // one VIX call fewer than the plan's tail, and a last rebalance three days before at the same curve
    const vix = `VIX 190213C${String(tail.strike * 1000).padStart(8, '0')}`;
    const held = [...condorRows, [vix, tail.quantity + 1, 3.5]];
    const last = [
      ['lastDate', isoToExcelSerial('2018-12-21')],
      ['lastVix', 36.07],
      ['lastVX1', 25.9],
      ['lastVX2', 23.325],
      ['lastVX3', 22.175],
    ];
    const out = call('ORDERS', [...rows, ...last], held) as unknown[][];
    expect(String(out[1]?.[0])).toMatch(
      /^none: no rebalance is due and the legs held are the condors and their hedges/,
    );
    expect(out[2]?.[0]).toBe('net cost');
    expect(out[2]?.[12]).toBe(0);
    expect(out[3]?.slice(0, 6)).toEqual(['sell to close (deferred)', 1, 'VIX', '2019-02-13', tail.strike, 'call']);
    expect(out.filter((r) => r[0] === 'warning').map((r) => r[1])).toContainEqual(
      expect.stringMatching(
        /^No rebalance is due and the legs held are the condors and their hedges: hold the book\. The 1 order /,
      ),
    );
    expect(out[4]?.[0]).toBe('deferred net cost');
    expect(out[4]?.[12]).toBeCloseTo(-(out[3]?.[8] as number) * 100, 9);
    expect(out.every((r) => r.length === out[0]!.length)).toBe(true);
    // without the last rebalance the plan cannot tell: the order is to trade
    const now = call('ORDERS', rows, held) as unknown[][];
    expect(now[1]?.slice(0, 2)).toEqual(['sell to close', 1]);
  });

  it('ORDERS names the bad position: its row, or its line in pasted text', () => {
    expectInvalid('positions row 2', 'ORDERS', rows, [condorRows[0], ['SPX 190215P01803', -10, 1.6]]);
    expectInvalid('positions line 2', 'ORDERS', rows, [['Symbol,Qty,Price\nVIX 190214C00024000,1,3']]);
    expectInvalid('inputs', 'ORDERS', rows.slice(1), null);
    // symbols without quantities: the range's shape is said, not line 1's blank quantity
    const oneColumn =
      "positions: has 1 column; select two columns: symbol, then quantity (signed); or paste the broker's CSV text in one cell";
    expect(expectInvalid('positions', 'ORDERS', rows, [['SPX 190215P01950']])).toBe(oneColumn);
    expect(expectInvalid('positions', 'ORDERS', rows, [['Symbol'], ['SPX 190215P01950'], [null]])).toBe(oneColumn);
    // a range's refusal names the sheet's row within it (header and blank rows counted), not the leg's index
    const header = ['Symbol', 'Qty', 'Price'];
    const range = [header, [null, null, null], condorRows[0], ['SPX 190215P19500', -10, 1.6]];
    expect(expectInvalid('positions row 4', 'ORDERS', rows, range)).toMatch(/^positions row 4: is 19500, far from SPX/);
    const weekly = [header, condorRows[0], ['VIX 190123C00030000', 1, 2]];
    expect(expectInvalid('positions row 3', 'ORDERS', rows, weekly)).toMatch(/^positions row 3: .*VX final-settlement/);
    // over 200 characters, the fix the line's fault carries is kept whole, the dates to pass with it
    const offDate = expectInvalid('positions row 2', 'ORDERS', rows, [header, ['VIX 190214C00024000', 1, 2]]);
    expect(offDate.length).toBeLessThanOrEqual(200);
    expect(offDate).toMatch(
      /…; VX futures and VIX options listed either side expire on 2019-02-13 and 2019-03-19: pass one of those$/,
    );
    // one cell of pasted text: a strike slip (1950 typed 19500) is named, not bought for millions
    const slip = expectInvalid('positions line 2', 'ORDERS', rows, [
      ['SPX 190215P01950,10,5\nSPXW 190215P19500,-10,6'],
    ]);
    expect(slip).toMatch(/is 19500, far from SPX/);
    // a short given in a Type column was read as long, and bought back twice over
    const typed = [
      ['Symbol', 'Qty', 'Avg Price', 'Type'],
      ['SPX 190215P02000', 10, 1.6, 'Short'],
    ];
    expect(expectInvalid('positions row 2', 'ORDERS', rows, typed)).toMatch(/column "Type" holds "Short"/);
    // "1.000" is 1 or 1,000 contracts; an average price of "--" is not read
    const dotted = expectInvalid('positions row 1', 'ORDERS', rows, [['SPX 190215P02000', '1.000', '--']]);
    expect(dotted).toMatch(/ambiguous: 1 or 1,000 contracts; write 1 or 1000/);
    // a TRUE quantity cell is said as the sheet shows it, not as the text "true"
    expect(expectInvalid('positions row 1', 'ORDERS', rows, [['SPX 190215P02000', true]])).toBe(
      'positions row 1: quantity is TRUE, not a number; pass e.g. 10 for long, -10 for short',
    );
    // symbols across a row, quantities below (a transposed range): said as such, not as a quantity
    const transposed = [condorRows.map((r) => r[0]), condorRows.map((r) => r[1])];
    expect(expectInvalid('positions row 1', 'ORDERS', rows, transposed)).toMatch(
      /^positions row 1: option symbols along the row, quantities below \(SPX 190215P01950, …\): the range looks.*; lay the symbols down a column, their quantities beside them \(Paste Special ▸ Transpose\)$/,
    );
    // two positions across one row: the second was read as not held, and the short puts sold again
    const across = [['SPX 190215P01750000', 10, 'SPX 190215P01800000', -10]];
    expect(expectInvalid('positions row 1', 'ORDERS', rows, across)).toBe(
      'positions row 1: column 3 holds another option symbol (SPX 190215P01800000); put one position a row (symbol, quantity)',
    );
    // a transposed range that keeps its labels is said as such; two legs on one row are not
    const labelled = [
      ['Symbol', ...transposed[0]!],
      ['Qty', ...transposed[1]!],
    ];
    expect(expectInvalid('positions row 1', 'ORDERS', rows, labelled)).toMatch(
      /^positions row 1: a first column of labels \("Symbol"\), .*; lay the symbols down a column, .*\(Paste Special ▸ Transpose\)$/,
    );
    expect(
      expectInvalid('positions row 1', 'ORDERS', rows, [['SPX 190215P01750000', 'SPX 190215P01800000', -10]]),
    ).toBe(
      'positions row 1: column 2 holds another option symbol (SPX 190215P01800000); put one position a row (symbol, quantity)',
    );
  });

  it('ORDERS names an error cell in the positions as a formula to fix, never a row to delete', () => {
    // #N/A in the symbol was told to delete the row: the held leg went, and ORDERS opened it again
    const na = { type: 'Error', basicValue: '#N/A', errorType: 'NotAvailable' };
    const header = ['Symbol', 'Qty'];
    expect(expectInvalid('positions row 2', 'ORDERS', rows, [header, [na, 10]])).toBe(
      "positions row 2: symbol is #N/A (a formula's error); fix the formula or type the symbol",
    );
    // the quantity's error was quoted as its JSON
    expect(expectInvalid('positions row 2', 'ORDERS', rows, [header, [condorRows[0]![0], { code: '#DIV/0!' }]])).toBe(
      "positions row 2: quantity is #DIV/0! (a formula's error); fix the formula or type the quantity",
    );
    // a positions range of one cell holding the error passes it through, as Excel's own functions do
    const one = errorOf(() => call('ORDERS', rows, [[na]]));
    expect([one.code, one.message]).toEqual([
      ErrorCode.notAvailable,
      "positions: is #N/A, a formula's error; fix the formula, or give the value",
    ]);
    // an error in a column not read (the average price) is no fault
    const priced = condorRows.map(([s, q]) => [s, q, na]);
    expect(call('ORDERS', rows, priced)).toEqual(call('ORDERS', rows, condorRows));
  });

  it('STRUCTURES spills the five structures of plan().structures, then the best buy, the cost to cover and the gap', () => {
    const out = call('STRUCTURES', rows) as unknown[][];
    const s = base.structures;
    expect(out[0]?.[0]).toBe('structure');
    expect(out.every((r) => r.length === out[0]?.length)).toBe(true);
    const body = out.slice(1, 6);
    expect(body.map((r) => r[0])).toEqual(s.structures.map((r) => r.structure));
    body.forEach((r, k) => {
      const x = s.structures[k];
      expect(r[2]).toBe(x?.premium);
      expect(r[5]).toBe(x?.perDollar);
      expect(r[6]).toBe(x?.size?.units ?? 'cannot cover');
      expect(r[8]).toBe(x?.withinBudget.units);
    });
    expect(out[7]?.[1]).toBe(s.cover.words);
    expect(out[8]?.[1]).toBe(s.summary);
    for (const r of out) for (const c of r) if (typeof c === 'number') expect(Number.isFinite(c)).toBe(true);
  });
});
