import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveTailSizeInput, sizeTailHedge, sizeTailHedgeKernel } from '@alvh/shared';

const base = { condorLoss: 42_000, hedgeFuture: 16, hedgeYears: 52 / 365, volOfVol: 1.0, stressedFuture: 28 };

describe('sizeTailHedgeKernel — the unchecked maths of sizeTailHedge', () => {
  it('gives the documented example: strike 17, 82 contracts', () => {
    const r = sizeTailHedgeKernel(resolveTailSizeInput(base));
    expect(r.strike).toBe(17);
    expect(r.contracts).toBe(82);
  });

  it('equals sizeTailHedge bit for bit on random valid inputs', () => {
    fc.assert(
      fc.property(
        fc.record({
          condorLoss: fc.double({ min: 0, max: 1e6, noNaN: true }),
          hedgeFuture: fc.double({ min: 9, max: 60, noNaN: true }),
          hedgeYears: fc.integer({ min: 1, max: 200 }).map((d) => d / 365),
          volOfVol: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
          stressedFuture: fc.double({ min: 9, max: 90, noNaN: true }),
          coverage: fc.double({ min: 0.5, max: 3, noNaN: true }),
          otmPct: fc.double({ min: 0, max: 0.2, noNaN: true }),
          rate: fc.double({ min: -0.01, max: 0.08, noNaN: true }),
          horizonYears: fc.integer({ min: 0, max: 60 }).map((d) => d / 365),
          stressVolOfVol: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
          strikeStep: fc.constantFrom(0.5, 1, 2.5),
        }),
        (i) => {
          const k = sizeTailHedgeKernel(resolveTailSizeInput(i));
          let checked: ReturnType<typeof sizeTailHedge> | null = null;
          try {
            checked = sizeTailHedge(i);
          } catch {
            // no covering size: the kernel reports it with a gain ≤ 0 and no contracts
            expect(k.gainPerContract).toBeLessThanOrEqual(0);
            expect(k.contracts).toBe(0);
            return;
          }
          expect(k).toEqual(checked);
          expect(Object.is(k.premium, checked.premium) && Object.is(k.gainPerContract, checked.gainPerContract)).toBe(
            true,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a gain ≤ 0 is reported, not thrown: gainPerContract ≤ 0 and 0 contracts', () => {
    const r = sizeTailHedgeKernel(resolveTailSizeInput({ ...base, stressedFuture: 15 }));
    expect(r.gainPerContract).toBeLessThanOrEqual(0);
    expect(r.contracts).toBe(0);
    expect(() => sizeTailHedge({ ...base, stressedFuture: 15 })).toThrow(/cannot cover/);
  });
});

describe('resolveTailSizeInput — the checks and defaults in front of the kernel', () => {
  it('applies the defaults', () => {
    expect(resolveTailSizeInput(base)).toEqual({
      ...base,
      coverage: 1.8,
      otmPct: 0.025,
      rate: 0,
      horizonYears: 10 / 365,
      stressVolOfVol: 1.0,
      strikeStep: 1,
    });
  });

  it.each([
    [{ hedgeFuture: 2e12 }, /^hedgeFuture: is 2000000000000, above 500 VIX points/],
    [{ stressedFuture: 1e-9 }, /^stressedFuture: .*outside/],
    [{ hedgeYears: 101 }, /^hedgeYears: .*beyond 100/],
    [{ strikeStep: 5e12 }, /^strikeStep: puts the strike at/],
    [{ volOfVol: 0 }, /^volOfVol:/],
  ])('rejects %j naming the field', (patch, re) => {
    expect(() => resolveTailSizeInput({ ...base, ...patch })).toThrow(re);
  });
});
