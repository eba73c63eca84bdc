import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedCopy } from '../../../shared/src/scenario/sortedCopy';

/** Element by element with Object.is (−0 and +0 apart). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('sortedCopy (radix sort on the IEEE bits)', () => {
  const special = [0, -0, 1e-310, -1e-310, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity];

  it('equals a.slice().sort() bit for bit: mixed signs, ±0, subnormals, ±Infinity, many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(...special), fc.integer({ min: -3, max: 3 })), {
          minLength: 4096,
          maxLength: 9000,
        }),
        (xs) => {
          const a = Float64Array.from(xs);
          const before = a.slice();
          expect(sameBits(sortedCopy(a), a.slice().sort())).toBe(true);
          expect(sameBits(a, before)).toBe(true); // the input is left as it was
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it('sorts P&L-like samples of 100k (as the summary sorts), a subarray view, and a NaN (engine sort)', () => {
    const n = 100_000;
    const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 * (i % 5 === 0 ? -1 : 1));
    expect(sameBits(sortedCopy(a), a.slice().sort())).toBe(true);
    const view = a.subarray(1001, 90_001);
    expect(sameBits(sortedCopy(view), view.slice().sort())).toBe(true);
    const withNaN = a.slice();
    withNaN[7] = NaN;
    const s = sortedCopy(withNaN);
    expect(Number.isNaN(s[n - 1])).toBe(true);
    expect(sameBits(s, withNaN.slice().sort())).toBe(true);
  });
});
