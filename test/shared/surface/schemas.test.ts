import { describe, expect, it } from 'vitest';
import {
  buildSurface,
  ChainRowSchema,
  InputValidationError,
  parseInput,
  SurfaceFromChainSchema,
  SurfaceFromIndicesSchema,
  SurfacePointSchema,
  SurfaceRequestSchema,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

function rowsFor(expiry: string, forward: number, vol: number) {
  // A smooth smile priced from Black-76 with no discounting, quoted 0.1 wide.
  const out: { expiry: string; strike: number; type: 'call' | 'put'; bid: number; ask: number }[] = [];
  for (let K = 3800; K <= 4600; K += 25) {
    const t = (Date.parse(expiry) - Date.parse('2023-06-09')) / 864e5 / 365;
    const v = vol * (1 - 0.8 * Math.log(K / forward));
    const sd = v * Math.sqrt(t);
    const d1 = Math.log(forward / K) / sd + sd / 2;
    const n = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    const call = forward * n(d1) - K * n(d1 - sd);
    const put = call - (forward - K);
    out.push({ expiry, strike: K, type: 'call', bid: Math.max(call - 0.05, 0), ask: call + 0.05 });
    out.push({ expiry, strike: K, type: 'put', bid: Math.max(put - 0.05, 0), ask: put + 0.05 });
  }
  return out;
}

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7): enough to make quotes 0.1 wide.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

describe('buildSurface (the request of POST /api/surface)', () => {
  it('from the indices: one row per tenor and the vols of the points asked for', () => {
    const req = parseInput(SurfaceRequestSchema, {
      valuationDate: '2023-06-09',
      spot: 4300,
      indices: { vix: 13.83, vix9d: 13.29, vix3m: 16.96, skew: 152.78 },
      rate: 0.0545,
      divYield: 0.014,
      points: [{ expiry: '2023-07-21', strike: 4100 }],
    });
    const r = buildSurface(req);
    expect(r.source).toBe('indices');
    expect(r.expiries.map((e) => e.expiry)).toEqual(['2023-06-18', '2023-07-09', '2023-09-10']);
    expect(r.points[0]!.vol).toBeGreaterThan(r.expiries[1]!.atmVol);
  });
  it('refuses slices over 30 years (a date of another decade) naming valuationDate, and a point beyond them naming it', () => {
    const chain = [...rowsFor('2023-07-21', 4320, 0.12), ...rowsFor('2023-08-18', 4335, 0.13)];
    // dated 2000-01-03, expiries of 2030 made 30.5-year slices
    const late = [...rowsFor('2030-07-19', 4320, 0.12), ...rowsFor('2030-08-16', 4335, 0.13)];
    const old = errorOf(() =>
      buildSurface(parseInput(SurfaceRequestSchema, { chain: late, valuationDate: '2000-01-03' })),
    );
    expect(old.field).toBe('valuationDate');
    expect(old.message).toMatch(
      /is 2000-01-03, 30\.\d+ years before the SPXW expiry 2030-07-19: a surface reaches at most 30 years/,
    );
    // a point 36 years out named the internal tYears, a field the request lacks
    const far = errorOf(() =>
      buildSurface(
        parseInput(SurfaceRequestSchema, {
          chain,
          valuationDate: '2023-06-09',
          points: [
            { expiry: '2023-07-21', strike: 4300 },
            { expiry: '2060-01-01', strike: 4300 },
          ],
        }),
      ),
    );
    expect(far.field).toBe('points[1].expiry');
    expect(far.message).toMatch(/is 2060-01-01, 36\.\d years after the quotes; pass an expiry at most 30 years out/);
  });

  it('from chain rows: per-expiry SVI and fit figures', () => {
    const chain = [...rowsFor('2023-07-21', 4320, 0.12), ...rowsFor('2023-08-18', 4335, 0.13)];
    const r = buildSurface(parseInput(SurfaceRequestSchema, { chain, valuationDate: '2023-06-09', spot: 4300 }));
    expect(r.source).toBe('chain');
    expect(r.expiries).toHaveLength(2);
    expect(r.expiries[0]!.forward).toBeCloseTo(4320, 0);
    expect(r.expiries[0]!.rmseVolPts).toBeLessThan(0.5);
    expect(r.arbitrage.butterfly).toBe(0);
    // a spot far from the chain's own forwards is a wrong number, named with the forward it misses
    const e = errorOf(() =>
      buildSurface(parseInput(SurfaceRequestSchema, { chain, valuationDate: '2023-06-09', spot: 5400 })),
    );
    expect(e.field).toBe('spot');
    expect(e.message).toMatch(/away from the chain's nearest forward 43\d\d\.\d\d/);
    // and a spot no SPX ever had is refused as the plan refuses it, before any fit
    for (const spot of [1e-8, 0.5, 1e12, 1e308])
      expect(
        errorOf(() => parseInput(SurfaceRequestSchema, { chain, valuationDate: '2023-06-09', spot })).message,
      ).toMatch(/^spot: pass SPX in index points \(between 100 and 1000000\)/);
  });
  it('says what the fit left out: quotes by reason, expiries with why, and a warning for a bid at or above its ask', () => {
    const chain = [...rowsFor('2023-07-21', 4320, 0.12), ...rowsFor('2023-08-18', 4335, 0.13)];
    const extra = [
      { expiry: '2023-07-21', strike: 4310, type: 'put', bid: 9, ask: 8 }, // crossed
      { expiry: '2023-07-21', strike: 4315, type: 'put', bid: 0, ask: 0.05 }, // no bid
      { expiry: '2039-12-16', strike: 4300, type: 'put', bid: 900, ask: 910 }, // one strike: no slice
      { expiry: '2039-12-16', strike: 4300, type: 'call', bid: 1900, ask: 1910 },
    ];
    const r = buildSurface(
      parseInput(SurfaceRequestSchema, { chain: [...chain, ...extra], valuationDate: '2023-06-09', spot: 4300 }),
    );
    expect(r.leftOut!.quotes).toMatchObject({ zeroBid: 1, crossed: 1, locked: 0 });
    expect(r.leftOut!.expiries).toEqual([
      { root: 'SPXW', expiry: '2039-12-16', reason: expect.stringMatching(/strike/) },
    ]);
    expect(r.warnings).toContain(
      "1 quote with the bid at or above the ask (1 crossed, 0 locked) left out of the fit: check the chain's quotes.",
    );
    // a clean chain warns of nothing, and the index form reads no quotes
    const clean = buildSurface(parseInput(SurfaceRequestSchema, { chain, valuationDate: '2023-06-09', spot: 4300 }));
    expect([clean.warnings, clean.leftOut!.quotes.crossed]).toEqual([[], 0]);
    const indices = buildSurface(
      parseInput(SurfaceRequestSchema, {
        valuationDate: '2023-06-09',
        spot: 4300,
        indices: { vix: 13.83 },
        rate: 0.05,
        divYield: 0.014,
      }),
    );
    expect(indices.leftOut).toBeNull();
  });

  it('rejects bad requests naming the field', () => {
    expect(() =>
      parseInput(SurfaceRequestSchema, { valuationDate: '2023-06-09', spot: 4300, indices: { vix: 0.2 } }),
    ).toThrow(/indices\.vix|vix/);
    const req = parseInput(SurfaceRequestSchema, {
      valuationDate: '2023-06-09',
      spot: 4300,
      indices: { vix: 15 },
      points: [{ expiry: '2023-06-01', strike: 4100 }],
    });
    expect(errorOf(() => buildSurface(req)).field).toBe('points[0].expiry');
  });
  it('the index form: a spot that is no SPX level, and a point far from it, are named (they gave 200s with vols of 1139%)', () => {
    const base = { valuationDate: '2023-06-09', spot: 4300, indices: { vix: 15 } };
    for (const spot of [0.5, 5e-324, 1e21, 1e308])
      expect(errorOf(() => parseInput(SurfaceRequestSchema, { ...base, spot })).message).toMatch(
        /^spot: pass SPX in index points/,
      );
    for (const strike of [1, 1e308]) {
      const req = parseInput(SurfaceRequestSchema, { ...base, points: [{ expiry: '2023-07-21', strike }] });
      expect(errorOf(() => buildSurface(req)).message).toMatch(/^points\[0\]\.strike: is .*, far from SPX at 4300/);
    }
  });
});

/** The issues parseInput reports for `raw`, as {path, message}. */
function issuesOf(schema: Parameters<typeof parseInput>[0], raw: unknown): { path: string; message: string }[] {
  try {
    parseInput(schema, raw);
  } catch (e) {
    if (e instanceof InputValidationError) return [...e.issues];
    throw e;
  }
  throw new Error('expected an InputValidationError');
}

const spelling = (key: string) => `unknown field "${key}": check the spelling (names are case-sensitive) or remove it`;

describe('surface schemas are strict and say what to fix', () => {
  const row = { expiry: '2023-07-21', strike: 4100, type: 'put', bid: 10.1, ask: 10.6 };
  const indices = { valuationDate: '2023-06-09', spot: 4300, indices: { vix: 13.83 } };
  it('a chain row: an unknown column is named; each field says what to pass', () => {
    expect(issuesOf(ChainRowSchema, { ...row, Bid: 10 })).toEqual([{ path: '(root)', message: spelling('Bid') }]);
    expect(issuesOf(ChainRowSchema, { ...row, strike: -5 })).toEqual([
      { path: 'strike', message: 'pass the strike in index points, from 1 to 1,000,000 (e.g. 4300)' },
    ]);
    expect(issuesOf(ChainRowSchema, { ...row, type: 'straddle' })).toEqual([
      { path: 'type', message: 'pass call or put (C or P)' },
    ]);
    const { ask: _ask, ...noAsk } = row;
    expect(issuesOf(ChainRowSchema, noAsk)).toEqual([{ path: 'ask', message: 'is required: pass a number' }]);
    expect(issuesOf(ChainRowSchema, { ...row, expiry: undefined })[0]!.path).toBe('expiry');
  });
  it('a point: an unknown field is named, a missing strike asked for', () => {
    expect(issuesOf(SurfacePointSchema, { expiry: '2023-07-21', strike: 4100, vol: 0.2 })).toEqual([
      { path: '(root)', message: spelling('vol') },
    ]);
    expect(issuesOf(SurfacePointSchema, { expiry: '21/07/2023', strike: 4100 })).toEqual([
      { path: 'expiry', message: 'pass a date as YYYY-MM-DD, e.g. 2023-06-09' },
    ]);
    expect(issuesOf(SurfacePointSchema, { expiry: '2023-07-21' })).toEqual([
      { path: 'strike', message: 'is required: pass a number' },
    ]);
  });
  it('the chain form: unknown fields at the top, in a row and in a point', () => {
    expect(issuesOf(SurfaceFromChainSchema, { chain: 'x', valutionDate: '2023-06-09' })).toEqual([
      { path: '(root)', message: spelling('valutionDate') },
    ]);
    expect(issuesOf(SurfaceRequestSchema, { chain: [{ ...row, Bid: 10 }] })).toEqual([
      { path: 'chain[0]', message: spelling('Bid') },
    ]);
    expect(issuesOf(SurfaceRequestSchema, { chain: 'x', points: [{ expiry: '2023-07-21', strik: 4000 }] })).toEqual([
      { path: 'points[0].strike', message: 'is required: pass a number' },
      { path: 'points[0]', message: spelling('strik') },
    ]);
    expect(issuesOf(SurfaceRequestSchema, { chain: 5 })).toEqual([
      { path: 'chain', message: 'pass the quotedata CSV text, or rows [{expiry, strike, type, bid, ask}]' },
    ]);
    expect(issuesOf(SurfaceRequestSchema, { chain: [] })).toEqual([
      { path: 'chain', message: 'pass at least one row {expiry, strike, type, bid, ask}' },
    ]);
  });
  it('the index form: unknown fields at the top and among the indices; a missing form says what to pass', () => {
    expect(issuesOf(SurfaceFromIndicesSchema, { ...indices, rates: 0.05 })).toEqual([
      { path: '(root)', message: spelling('rates') },
    ]);
    expect(issuesOf(SurfaceRequestSchema, { ...indices, indices: { vix: 13.83, vix3M: 16.96 } })).toEqual([
      { path: 'indices', message: spelling('vix3M') },
    ]);
    expect(issuesOf(SurfaceRequestSchema, { ...indices, rate: 5 })).toEqual([
      {
        path: 'rate',
        message: 'is 5, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      },
    ]);
    // a percentage is offered as a decimal only where the decimal is a rate: 25 is told the range
    // (0.25 is above 0.2 too), -1 gets -0.01, and -6 (-0.06 is below -0.05) the range again
    expect([25, -1, -6].map((rate) => issuesOf(SurfaceRequestSchema, { ...indices, rate })[0]!.message)).toEqual([
      'is 25, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      'is -1, below the lowest rate -0.05; rates are decimals from -0.05 to 0.2: pass -0.01 for -1%',
      'is -6, below the lowest rate -0.05; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
    ]);
    // only a whole percentage (|rate| ≥ 1, as TAILSIZE reads it) is offered its hundredth: a decimal
    // past a limit, by a hair or by far, is told the range, its value in full when it rounds to the limit
    expect(
      [0.1 + 0.1 + 0.1 - 0.1, -0.0500001, 0.5, -0.06].map(
        (rate) => issuesOf(SurfaceRequestSchema, { ...indices, rate })[0]!.message,
      ),
    ).toEqual([
      'is 0.20000000000000004, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      'is -0.0500001, below the lowest rate -0.05; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      'is 0.5, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      'is -0.06, below the lowest rate -0.05; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
    ]);
    // the plan's range: 0.5 typed for 0.5% is refused, not priced as a 50% carry
    expect(issuesOf(SurfaceRequestSchema, { ...indices, rate: 0.5, divYield: 0.21 }).map((i) => i.path)).toEqual([
      'rate',
      'divYield',
    ]);
    const empty = issuesOf(SurfaceRequestSchema, {});
    expect(empty.map((i) => i.path)).toEqual(['valuationDate', 'spot', 'indices']);
    expect(empty[0]!.message).toBe('is required: pass a date as YYYY-MM-DD');
    expect(empty[2]!.message).toMatch(/^pass the Cboe indices in vol points/);
    expect(issuesOf(SurfaceRequestSchema, null)).toEqual([{ path: '(root)', message: 'is null; pass an object {…}' }]);
  });
});
