import { describe, expect, it } from 'vitest';
import {
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  blackFormula,
  bsGreeks,
  bsImpliedVol,
  bsPrice,
  normCdf,
  normInv,
  normPdf,
} from '@alvh/shared';

// Every @example in shared/src/pricing shows the number the code returns; these pin them, so a
// change of algorithm that moves a last digit also updates the documentation.
describe('JSDoc examples of the pricing module', () => {
  it('normCdf, normPdf, normInv', () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(-1)).toBe(0.15865525393145705);
    expect(normCdf(-10)).toBe(7.619853024160527e-24);
    expect(normPdf(0)).toBe(0.3989422804014327);
    expect(normInv(0.975)).toBe(1.9599639845400538);
    expect(normInv(1e-300)).toBe(-37.0470962993612);
  });

  it('blackFormula, bsPrice, bsGreeks', () => {
    expect(Math.exp(-0.05) * blackFormula(true, 42 * Math.exp(0.05), 40, 0.2 * Math.sqrt(0.5))).toBe(4.759422392871536);
    expect(bsPrice({ type: 'call', spot: 42, strike: 40, years: 0.5, vol: 0.2, rate: 0.1 })).toBe(4.759422392871536);
    expect(bsGreeks({ type: 'call', spot: 100, strike: 100, years: 1, vol: 0.2, rate: 0.05 })).toEqual({
      price: 10.450583572185575,
      delta: 0.6368306511756192,
      gamma: 0.01876201734584689,
      vega: 0.37524034691693786,
      theta: -0.01757267820941972,
      rho: 0.5323248154537635,
    });
  });

  it('black76Price, black76Greeks', () => {
    expect(black76Price({ type: 'put', future: 20, strike: 20, years: 4 / 12, vol: 0.25, rate: 0.09 })).toBe(
      1.1166414565589433,
    );
    expect(black76Greeks({ type: 'call', future: 20, strike: 25, years: 0.1, vol: 0.9, rate: 0.04 }).delta).toBe(
      0.25947970226559963,
    );
  });

  it('bsImpliedVol, black76ImpliedVol', () => {
    expect(bsImpliedVol({ type: 'call', price: 4.759422392871535, spot: 42, strike: 40, years: 0.5, rate: 0.1 })).toBe(
      0.2000000000000001,
    );
    expect(
      black76ImpliedVol({ type: 'put', price: 1.1166414565589433, future: 20, strike: 20, years: 4 / 12, rate: 0.09 }),
    ).toBe(0.2499999999999998);
  });
});
