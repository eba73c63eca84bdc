import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  batchOutput,
  bsGreeks,
  bsGreeksBatch,
  black76Greeks,
  black76GreeksBatch,
  checkBatch,
  moveSpxSurface,
  moveVixSurface,
  spxSurfaceFromIndices,
  vixSmileRatio,
  vixSurfaceFromVvix,
  type BatchInput,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

describe('VIX-option vols from VVIX', () => {
  const s = vixSurfaceFromVvix('2022-02-04', 124.89);
  it('ATM at 30 days is VVIX/100, falling with maturity as (T/30d)^−0.3', () => {
    expect(s.atmVol(30 / 365)).toBeCloseTo(1.2489, 12);
    expect(s.atmVol(120 / 365)).toBeCloseTo(1.2489 * 4 ** -0.3, 12);
    expect(s.atmVol(1 / 365)).toBe(s.atmVol(7 / 365));
  });
  it('has an upward call skew: vol increases with the strike', () => {
    const t = 45 / 365;
    const F = 25;
    let prev = 0;
    for (const K of [12, 15, 20, 25, 30, 40, 60]) {
      const v = s.vol(t, K, F);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
    const ratio = s.vol(t, 30, 25) / s.atmVol(t);
    expect(ratio).toBeCloseTo(vixSmileRatio(s.atmVol(t) ** 2 * t, Math.log(30 / 25)), 12);
    expect(Math.abs(ratio / (1 + 0.7 * Math.log(30 / 25)) - 1)).toBeLessThan(0.006);
  });
  it('moves with the scenario vol of vol', () => {
    const m = moveVixSurface(s, 160);
    expect(m.vol(0.1, 30, 25) / s.vol(0.1, 30, 25)).toBeCloseTo(160 / 124.89, 12);
    expect(errorOf(() => moveVixSurface(s, 1.6)).field).toBe('scenarioVvix');
  });
  it('names bad inputs', () => {
    expect(errorOf(() => vixSurfaceFromVvix('2022-02-04', 1.2)).field).toBe('vvix');
    expect(errorOf(() => s.vol(0.1, 20, -1)).field).toBe('future');
  });
});

describe('moveSpxSurface', () => {
  const s = spxSurfaceFromIndices({
    valuationDate: '2022-02-04',
    spot: 4500,
    indices: { vix: 20, vix9d: 19, vix3m: 22, skew: 130 },
    rate: 0.01,
    divYield: 0.014,
  });
  it('scales the ATM term structure with scenarioVix / referenceVix', () => {
    const m = moveSpxSurface(s, { vix: 40 });
    for (const d of [9, 30, 60, 93]) expect(m.atmVol(d / 365) / s.atmVol(d / 365)).toBeCloseTo(2, 10);
    expect(m.referenceVix).toBe(40);
  });
  it('keeps the skew in standard deviations: the moved σ(z)/σ_atm equals today s', () => {
    const m = moveSpxSurface(s, { vix: 35 });
    const t = 30 / 365;
    for (const z of [-2, -1, 0.5]) {
      const K0 = s.forward(t) * Math.exp(z * s.atmVol(t) * Math.sqrt(t));
      const K1 = m.forward(t) * Math.exp(z * m.atmVol(t) * Math.sqrt(t));
      expect(m.vol(t, K1) / m.atmVol(t)).toBeCloseTo(s.vol(t, K0) / s.atmVol(t), 10);
    }
  });
  it('moves the forwards with the spot', () => {
    const m = moveSpxSurface(s, { vix: 30, spot: 4050 });
    expect(m.forward(0.25) / s.forward(0.25)).toBeCloseTo(0.9, 12);
    expect(errorOf(() => moveSpxSurface(s, { vix: 0.3 })).field).toBe('move.vix');
    expect(errorOf(() => moveSpxSurface(s, { vix: 30, spot: -5 })).field).toBe('move.spot');
  });
});

type Row = { call: boolean; S: number; K: number; T: number; v: number; r: number; q: number };

/**
 * The batch against the single-call API: prices within 1e-12 relative (they go through the same
 * branches of the Black kernel; the far out-of-the-money ones differ by the rounding of
 * e^(−d2²/2) = (F/K)·e^(−d1²/2)), Greeks within 1e-12 relative, or absolute below 1.
 */
function expectSameGreeks(
  out: ReturnType<typeof batchOutput>,
  i: number,
  g: ReturnType<typeof bsGreeks>,
  what: string,
): void {
  const p = out.price[i]!;
  expect(Math.abs(p - g.price), `price of ${what}`).toBeLessThanOrEqual(1e-12 * g.price + 1e-300);
  for (const f of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
    const a = out[f][i]!;
    const b = g[f];
    expect(Math.abs(a - b), `${f} of ${what}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
  }
}

function batchOf(rows: Row[]): BatchInput {
  return {
    isCall: Uint8Array.from(rows, (x) => (x.call ? 1 : 0)),
    spot: Float64Array.from(rows, (x) => x.S),
    strike: Float64Array.from(rows, (x) => x.K),
    years: Float64Array.from(rows, (x) => x.T),
    vol: Float64Array.from(rows, (x) => x.v),
    rate: Float64Array.from(rows, (x) => x.r),
    divYield: Float64Array.from(rows, (x) => x.q),
  };
}

describe('bsGreeksBatch', () => {
  it('equals the single-call bsGreeks on random options', () => {
    const row = fc.record({
      call: fc.boolean(),
      S: fc.double({ min: 100, max: 10000, noNaN: true }),
      K: fc.double({ min: 50, max: 15000, noNaN: true }),
      T: fc.double({ min: 1 / 365, max: 3, noNaN: true }),
      v: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
      r: fc.double({ min: -0.01, max: 0.08, noNaN: true }),
      q: fc.double({ min: 0, max: 0.04, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), (rows) => {
        const input = batchOf(rows);
        const out = batchOutput(rows.length);
        checkBatch(input, out);
        bsGreeksBatch(input, out);
        rows.forEach((x, i) => {
          const g = bsGreeks({
            type: x.call ? 'call' : 'put',
            spot: x.S,
            strike: x.K,
            years: x.T,
            vol: x.v,
            rate: x.r,
            divYield: x.q,
          });
          expectSameGreeks(out, i, g, JSON.stringify(x));
        });
      }),
      { numRuns: 200 },
    );
  });
  it('equals bsGreeks on a chain listed expiry by expiry (options sharing years, rate and yield)', () => {
    const rows: Row[] = [];
    for (const days of [1, 2, 7, 30, 91, 365, 730])
      for (let K = 2000; K <= 8000; K += 125)
        for (const call of [true, false])
          rows.push({ call, S: 4500, K, T: days / 365, v: 0.1 + (0.25 * (8000 - K)) / 6000, r: 0.045, q: 0.013 });
    rows.push({ ...rows[0]!, r: 0.05 }, { ...rows[0]!, q: 0.02 }, { ...rows[0]! });
    const input = batchOf(rows);
    const out = batchOutput(rows.length);
    checkBatch(input, out);
    bsGreeksBatch(input, out);
    rows.forEach((x, i) => {
      const g = bsGreeks({
        type: x.call ? 'call' : 'put',
        spot: x.S,
        strike: x.K,
        years: x.T,
        vol: x.v,
        rate: x.r,
        divYield: x.q,
      });
      expectSameGreeks(out, i, g, JSON.stringify(x));
    });
  });
  it('checkBatch names the array and index of a bad value', () => {
    const input = batchOf([
      { call: true, S: 4500, K: 4500, T: 0.1, v: 0.2, r: 0.01, q: 0.01 },
      { call: true, S: 4500, K: 4500, T: 0.1, v: 18, r: 0.01, q: 0.01 },
    ]);
    expect(errorOf(() => checkBatch(input, batchOutput(2))).field).toBe('vol[1]');
    expect(errorOf(() => checkBatch(input, batchOutput(1))).field).toBe('out.price');
    const tiny = batchOf([{ call: true, S: 4500, K: 4400, T: 1e-290, v: 1e-10, r: 0, q: 0 }]);
    const e = errorOf(() => checkBatch(tiny, batchOutput(1)));
    expect(e.field).toBe('vol[0]');
    expect(e.fix).toMatch(/bsGreeks/);
  });
});

describe('black76GreeksBatch', () => {
  it('equals the single-call black76Greeks on random VIX options, rho −T·price per 1% included', () => {
    const row = fc.record({
      call: fc.boolean(),
      S: fc.double({ min: 9, max: 90, noNaN: true }),
      K: fc.double({ min: 5, max: 150, noNaN: true }),
      T: fc.double({ min: 1 / 365, max: 1, noNaN: true }),
      v: fc.double({ min: 0.3, max: 3, noNaN: true }),
      r: fc.double({ min: -0.01, max: 0.08, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), (rows) => {
        const input = batchOf(rows.map((x) => ({ ...x, q: x.r })));
        const out = batchOutput(rows.length);
        checkBatch(input, out);
        black76GreeksBatch(input, out);
        rows.forEach((x, i) => {
          const g = black76Greeks({
            type: x.call ? 'call' : 'put',
            future: x.S,
            strike: x.K,
            years: x.T,
            vol: x.v,
            rate: x.r,
          });
          expectSameGreeks(out, i, g, JSON.stringify(x));
        });
      }),
      { numRuns: 200 },
    );
    // Haug §1.1.5's put (F = K = 20, T = 4/12, σ = 25%, r = 9%): price 1.11664145656, rho −T·price/100
    const haug = batchOf([{ call: false, S: 20, K: 20, T: 4 / 12, v: 0.25, r: 0.09, q: 0.09 }]);
    const out = batchOutput(1);
    black76GreeksBatch(haug, out);
    expect(out.price[0]).toBeCloseTo(1.11664145656, 10);
    expect(out.rho[0]).toBeCloseTo((-(4 / 12) * 1.11664145656) / 100, 12);
  });
});
