import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeSplit, interpolateKnots, rsi as rsiSeries } from '@alvh/shared';
import { resolvePolicy } from '@alvh/shared';
import type { Regime } from '@alvh/shared';

const steep: Regime = 'steep-backwardation';

describe('computeSplit — section 4, rule by rule', () => {
  it.each([
    // spread, regime, calendar share (base knots)
    [-5, 'contango', 0.4],
    [-2, 'contango', 0.4],
    [-1, 'contango', 0.425],
    [0, 'flat', 0.45],
    [1.5, 'backwardation', 0.5],
    [3, 'backwardation', 0.55],
    [3.5, steep, 0.575],
    [4, steep, 0.6],
    [5, steep, 0.625],
    [6, steep, 0.65],
    [9, steep, 0.65],
  ] as const)('base: spread %d → calendar %d', (spread, regime, cal) => {
    const s = computeSplit({ spread, regime });
    expect(s.calendarShare).toBeCloseTo(cal, 12);
    expect(s.tailShare).toBeCloseTo(1 - cal, 12);
    expect(s.audit.map((a) => a.rule)).toEqual(['split.base']);
    expect(s.vegaMatch).toBe(0.5);
  });

  it('pins spread 4.0 alone at 0.60 / 0.40', () => {
    const s = computeSplit({ spread: 4, regime: steep });
    expect(s.calendarShare).toBeCloseTo(0.6, 12);
    expect(s.tailShare).toBeCloseTo(0.4, 12);
  });

  it('pins spread 4.0 with RSI 35 at 0.72 / 0.28 and vega match 0.60', () => {
    const s = computeSplit({ spread: 4, regime: steep, rsi: 35 });
    expect(s.calendarShare).toBeCloseTo(0.72, 12);
    expect(s.tailShare).toBeCloseTo(0.28, 12);
    expect(s.vegaMatch).toBeCloseTo(0.6, 12);
    expect(s.rsiWidened).toBe(true);
    expect(s.audit.map((a) => a.rule)).toEqual(['split.base', 'split.rsi-widening']);
    expect(s.audit[1]?.inputs['rsi']).toBe(35);
  });

  it('does not widen at RSI 40 (strict <), in contango, or when breadth deteriorates', () => {
    expect(computeSplit({ spread: 4, regime: steep, rsi: 40 }).calendarShare).toBeCloseTo(0.6, 12);
    expect(computeSplit({ spread: -1, regime: 'contango', rsi: 30 }).calendarShare).toBeCloseTo(0.425, 12);
    const blocked = computeSplit({ spread: 4, regime: steep, rsi: 35, breadthDeteriorating: true });
    expect(blocked.calendarShare).toBeCloseTo(0.6, 12);
    expect(blocked.rsiWidened).toBe(false);
    expect(blocked.audit.map((a) => a.rule)).toContain('split.rsi-widening-blocked');
    // breadth not deteriorating still widens
    expect(computeSplit({ spread: 4, regime: steep, rsi: 35, breadthDeteriorating: false }).calendarShare).toBeCloseTo(
      0.72,
      12,
    );
  });

  it.each([
    // prevSpread, spread, calendar after flattening
    [5, 4, 0.6 - 0.04], // flattening 1.0 → 0.04
    [4.4, 4, 0.6], // 0.4 < 0.5: no shift
    [4.5, 4, 0.6 - 0.02], // exactly 0.5 → 0.02
    [7, 4, 0.6 - 0.1], // 3 × 0.04 = 0.12 capped at 0.10
    [-1, -3, 0.4], // previous spread not positive: no shift
  ])('flattening: prev %d → spread %d gives calendar %d', (prevSpread, spread, cal) => {
    const s = computeSplit({ spread, regime: spread >= 3.5 ? steep : 'contango', prevSpread });
    expect(s.calendarShare).toBeCloseTo(cal, 12);
  });

  it('a flattening of exactly the threshold on tick prices fires, though the float difference is 0.4999999999999982', () => {
    const prev = 16.15 - 14.65;
    const spread = 15.65 - 14.65;
    expect(prev - spread).toBeLessThan(0.5);
    const s = computeSplit({ spread, regime: 'backwardation', prevSpread: prev });
    expect(s.audit.map((e) => e.rule)).toContain('split.flattening');
  });

  it('vol-of-vol expanding moves 0.05 to the tail', () => {
    const s = computeSplit({ spread: 4, regime: steep, volOfVolExpanding: true });
    expect(s.calendarShare).toBeCloseTo(0.55, 12);
    expect(s.audit.at(-1)?.rule).toBe('split.vol-of-vol');
  });

  it('all rules in order: RSI, flattening, vol-of-vol, then the clamp', () => {
    const s = computeSplit({ spread: 4, regime: steep, rsi: 30, prevSpread: 6, volOfVolExpanding: true });
    // 0.6 × 1.2 = 0.72; − min(0.1, 0.08) = 0.64; − 0.05 = 0.59
    expect(s.calendarShare).toBeCloseTo(0.59, 12);
    expect(s.audit.map((a) => a.rule)).toEqual([
      'split.base',
      'split.rsi-widening',
      'split.flattening',
      'split.vol-of-vol',
    ]);
  });

  it('clamps to [0.25, 0.75] and records it', () => {
    const p = resolvePolicy({
      splitKnots: [
        [0, 0.7],
        [6, 0.9],
      ],
    });
    const hi = computeSplit({ spread: 6, regime: steep, rsi: 20 }, p);
    expect(hi.calendarShare).toBe(0.75);
    expect(hi.audit.at(-1)?.rule).toBe('split.clamp');
    const lo = computeSplit(
      { spread: -3, regime: 'contango', volOfVolExpanding: true },
      resolvePolicy({ volOfVolTilt: 0.3 }),
    );
    expect(lo.calendarShare).toBe(0.25);
  });

  it('rejects bad inputs by field', () => {
    expect(() => computeSplit({ spread: Number.NaN, regime: steep })).toThrow(/^spread:/);
    expect(() => computeSplit({ spread: 1, regime: 'up' as Regime })).toThrow(/^regime:/);
    expect(() => computeSplit({ spread: 1, regime: steep, rsi: 140 })).toThrow(/^rsi:.*between 0 and 100/);
  });

  it('property: shares sum to 1 and stay within the clamp', () => {
    const regimes: Regime[] = ['steep-backwardation', 'backwardation', 'flat', 'contango'];
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.constantFrom(...regimes),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
        fc.option(fc.double({ min: -20, max: 20, noNaN: true }), { nil: undefined }),
        fc.boolean(),
        fc.option(fc.boolean(), { nil: undefined }),
        (spread, regime, rsi, prevSpread, vov, breadth) => {
          const s = computeSplit({
            spread,
            regime,
            volOfVolExpanding: vov,
            ...(rsi === undefined ? {} : { rsi }),
            ...(prevSpread === undefined ? {} : { prevSpread }),
            ...(breadth === undefined ? {} : { breadthDeteriorating: breadth }),
          });
          expect(s.calendarShare + s.tailShare).toBeCloseTo(1, 12);
          expect(s.calendarShare).toBeGreaterThanOrEqual(0.25);
          expect(s.calendarShare).toBeLessThanOrEqual(0.75);
          expect(s.vegaMatch).toBeLessThanOrEqual(0.6);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('interpolateKnots is flat outside the knots', () => {
    expect(
      interpolateKnots(
        [
          [0, 1],
          [1, 2],
        ],
        -5,
      ),
    ).toBe(1);
    expect(
      interpolateKnots(
        [
          [0, 1],
          [1, 2],
        ],
        5,
      ),
    ).toBe(2);
    expect(
      interpolateKnots(
        [
          [0, 1],
          [1, 2],
        ],
        0.25,
      ),
    ).toBe(1.25);
  });
});

describe('computeSplit: the audit words hold at the bounds', () => {
  it('an RSI just under the widening bound prints digits enough to be under it', () => {
    const r = computeSplit({ spread: 4, regime: steep, rsi: 39.999 });
    expect(r.audit.find((a) => a.rule === 'split.rsi-widening')?.effect).toMatch(
      /^RSI 39\.999 < 40 in steep-backwardation/,
    );
    const usual = computeSplit({ spread: 4, regime: steep, rsi: 35.123 });
    expect(usual.audit.find((a) => a.rule === 'split.rsi-widening')?.effect).toMatch(/^RSI 35\.12 < 40 /);
  });

  it('an RSI of exactly 40 that Wilder computes a rounding error under it does not widen', () => {
    // 14 changes +1, +1, −1, −1, −1 and nine zeros: RSI 40, computed as 39.99999999999999
    const closes = [2400];
    for (const c of [1, 1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0]) closes.push((closes.at(-1) as number) + c);
    const rsi = rsiSeries(closes, 14).at(-1) as number;
    expect(rsi).toBeLessThan(40);
    expect(rsi).toBeCloseTo(40, 12);
    const r = computeSplit({ spread: 4, regime: steep, rsi });
    expect(r.rsiWidened).toBe(false);
    expect(r.calendarShare).toBe(computeSplit({ spread: 4, regime: steep }).calendarShare);
    expect(r.audit.some((a) => a.rule === 'split.rsi-widening')).toBe(false);
    // a hair further under still widens, and its audit never prints the bound
    const under = computeSplit({ spread: 4, regime: steep, rsi: 40 - 2e-9 });
    expect(under.rsiWidened).toBe(true);
    expect(under.audit.find((a) => a.rule === 'split.rsi-widening')?.effect).toMatch(/^RSI 39\.999999998 < 40 /);
  });

  it('a share a rounding error past the bound takes it without a clamp row', () => {
    // 0.65 × 1.2 − 0.03 = 0.7500000000000001
    const r = computeSplit({ spread: 7.45, regime: steep, rsi: 30, prevSpread: 8.2 });
    expect(r.calendarShare).toBe(0.75);
    expect(r.audit.some((a) => a.rule === 'split.clamp')).toBe(false);
    const real = computeSplit({ spread: 6.5, regime: steep, rsi: 30 });
    expect(real.calendarShare).toBe(0.75);
    expect(real.audit.find((a) => a.rule === 'split.clamp')?.effect).toBe('calendar 0.78 clamped to 0.75');
  });
});
