/**
 * One check for every VX price (issue: decimal VX prices accepted by the tail sizing and the split
 * while the curve rejects them): the curve, the tail sizing and the split give the same message.
 */
import { describe, expect, it } from 'vitest';
import { buildTermStructure, checkVxPrice, scaledForFix, sizeTailHedge, splitFromFutures } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

const problemOf = (fn: () => unknown) => {
  const e = errorOf(fn);
  return { code: e.code, problem: e.problem, fix: e.fix };
};

describe('checkVxPrice: the one check of a VX price', () => {
  it('accepts index points and returns them', () => {
    expect(checkVxPrice('f', 18.4)).toBe(18.4);
    expect(checkVxPrice('f', 1)).toBe(1);
    expect(checkVxPrice('f', 500)).toBe(500);
  });

  it('the fix writes the points a decimal meant as a trader would, without float noise', () => {
    expect(errorOf(() => checkVxPrice('f', 0.207994)).fix).toMatch(
      /^pass the level in index points \(20\.7994 if 0\.207994/,
    );
    expect(errorOf(() => checkVxPrice('f', 0.357)).fix).toMatch(/\(35\.7 if 0\.357 /);
    expect(scaledForFix(0.57, 100)).toBe(57);
    expect(scaledForFix(0.1, 3)).toBe(0.3);
  });

  it('a decimal VX price gets the same message from the curve, the tail sizing and the split', () => {
    const curve = problemOf(() =>
      buildTermStructure({
        valuationDate: '2026-11-20',
        vixSpot: 17.5,
        futures: [
          { expiry: '2026-12-16', price: 0.21225 },
          { expiry: '2027-01-20', price: 19.3 },
        ],
      }),
    );
    // ALVH.TAILSIZE(30605, 0.21225, 61/365, 1.1, 0.35) used to size 1,408,615 contracts
    const tail = errorOf(() =>
      sizeTailHedge({
        condorLoss: 30605,
        hedgeFuture: 0.21225,
        hedgeYears: 61 / 365,
        volOfVol: 1.1,
        stressedFuture: 0.35,
      }),
    );
    expect(tail.field).toBe('hedgeFuture');
    expect({ code: tail.code, problem: tail.problem, fix: tail.fix }).toEqual(curve);
    expect(curve.problem).toBe('is 0.21225, which looks like a decimal, not VIX points');
    // ALVH.SPLIT(0.2, 0.16) used to return 0.451 / 0.549
    const split = errorOf(() => splitFromFutures({ vx1: 0.2, vx2: 0.16 }));
    expect(split.field).toBe('vx1');
    expect(split.problem).toBe('is 0.2, which looks like a decimal, not VIX points');
    expect(errorOf(() => splitFromFutures({ vx1: 20, vx2: 0.16 })).field).toBe('vx2');
  });

  it('the split from futures equals the split from their spread and regime', () => {
    const s = splitFromFutures({ vx1: 20.7994, vx2: 22.7497, rsi: 35, macdHist: 0.1, adSlope: -3 });
    expect(s.calendarShare + s.tailShare).toBeCloseTo(1, 12);
    expect(s.audit.some((a) => a.rule.startsWith('split.'))).toBe(true);
    expect(errorOf(() => splitFromFutures({ vx1: 20, vx2: 21, macdHist: Number.NaN })).field).toBe('macdHist');
  });
});
