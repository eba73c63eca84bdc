/**
 * The Monte Carlo on a book whose SPX surface is fitted to a real chain: the marks carry the
 * chain's parity forwards, so the paths must too. In the risk-neutral measure a deep in-the-money
 * SPX call held to the horizon then has mean P&L zero, on both dynamics.
 */
import { expect, it } from 'vitest';
import { runMonteCarloChunk } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { REAL_CHAINS, loadChain, type RealChain } from '../surface/chains';
import { meanSe } from '../../helpers/meanSe';

describeWithData('risk-neutral measure on a chain book: a deep in-the-money SPX call held to the horizon', () => {
  // The 2022-02-04 chain (16:00 quotes) and its fit. Its parity forward to 2022-03-18 (42 days)
  // carries SPX at −2.63% a year, against r − q = −0.75% of the book's rate and yield (the chain's
  // assumed 0.6% and 1.35%, moved to a zero rate: the engine's P&L is undiscounted cash, so a
  // held call's mean P&L is zero only at r = 0). The call at about half the spot is marked at t = 0 on
  // the chain's forward less the strike; its payoff's mean is the paths' mean SPX less the strike.
  const c = REAL_CHAINS[0] as RealChain;
  const book = () => {
    const { chain, fit } = loadChain(c);
    return {
      valuationDate: c.date,
      spot: chain.spot as number,
      vix: c.indices.vix,
      rate: 0,
      divYield: c.divYield - c.rate,
      // A contango curve from the day's VIX (illustrative, not the day's settlements): the test is
      // about SPX, and no VIX leg is held.
      futures: [
        { expiry: '2022-02-16', price: 24.2 },
        { expiry: '2022-03-15', price: 25.4 },
        { expiry: '2022-04-20', price: 26.1 },
      ],
      condor: [{ kind: 'spx' as const, type: 'call' as const, strike: 2300, expiry: '2022-03-18', quantity: 1 }],
      surface: fit.surface.toData(),
    };
  };
  const run = (dynamics: 'calibrated' | 'sqrt-legacy') =>
    runMonteCarloChunk({
      book: book(),
      policy: { transactionCostPerContract: 0 },
      paths: 40_000,
      seed: 29,
      antithetic: false,
      rebalance: false,
      measure: 'risk-neutral',
      dynamics,
    });

  it.each(['calibrated', 'sqrt-legacy'] as const)('%s: mean P&L zero within 3 standard errors', (dynamics) => {
    const part = run(dynamics);
    expect(part.horizonDays).toBe(42);
    const { mean, se } = meanSe(part.condor);
    expect(se).toBeGreaterThan(0);
    // Measured: −79 ± 177 USD (calibrated) and −118 ± 169 (sqrt-legacy). Paths drifting at the
    // book's r − q instead of the chain's carry gave +933 ± 177 and +893 ± 169: the chain's forward
    // is 9.7 points below S·e^((r−q)·42/365), about +973 USD a contract.
    expect(Math.abs(mean), `mean ${mean} ± ${se} USD`).toBeLessThan(3 * se);
  });

  it('a chain surface 1% off its forwards over a one-day horizon is refused naming the horizon, not read as a percentage yield', () => {
    const b = book();
    const surface = { ...b.surface, spot: b.surface.spot * 1.01 };
    expect(() => runMonteCarloChunk({ book: { ...b, surface }, paths: 100, seed: 1, horizonDays: 1 })).toThrow(
      /^horizonDays: is 1: over it the chain surface carries SPX from its spot [\d.]+ to its forward at -\d+% a year/,
    );
  });
});
