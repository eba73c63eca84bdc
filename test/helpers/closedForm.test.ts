import { describe, expect, it } from 'vitest';
import { black76ClosedForm, bsmClosedForm, marsagliaPhi } from './closedForm';

describe('the closed forms the pricing tests check against', () => {
  // 50-digit values of Φ(x) = erfc(−x/√2)/2 (mpmath 1.3), as in the normal CDF tests.
  it.each([
    [-10, 7.619853024160525e-24],
    [-6, 9.86587645037698e-10],
    [-3, 0.0013498980316300946],
    [-2, 0.02275013194817921],
    [-1, 0.15865525393145705],
    [-0.5, 0.3085375387259869],
    [-0.1, 0.460172162722971],
    [0, 0.5],
    [0.1, 0.539827837277029],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [2, 0.9772498680518208],
    [3, 0.9986501019683699],
    [5, 0.9999997133484281],
    [8, 0.9999999999999993],
  ])('Φ(%d) is within 2e-15 of %d', (x, phi) => {
    expect(Math.abs(marsagliaPhi(x) - phi)).toBeLessThan(2e-15);
  });

  it('gives the book values: Hull 42/40 call 4.7594 and put 0.8086, Haug futures put 1.11664145656', () => {
    // 40-digit values: c = 4.7594223928715332196, p = 0.80859937290009358326, futures put 1.1166414565589435.
    expect(Math.abs(bsmClosedForm('call', 42, 40, 0.5, 0.2, 0.1, 0) - 4.759422392871533)).toBeLessThan(1e-13);
    expect(Math.abs(bsmClosedForm('put', 42, 40, 0.5, 0.2, 0.1, 0) - 0.8085993729000936)).toBeLessThan(1e-13);
    expect(Math.abs(black76ClosedForm('put', 20, 20, 4 / 12, 0.25, 0.09) - 1.1166414565589435)).toBeLessThan(1e-13);
  });
});
