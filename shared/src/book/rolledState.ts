/**
 * A book's market some days on: SPX and VIX where a scenario puts them, the surfaces kept by tenor
 * (Section 2b: marks move them to the state's VIX and spot), and each VX future rolled down the
 * fitted curve with the VIX move mapped on it as the method maps a shock. The stress grid's cells
 * and the plan's one-day carry are marked in it, so the two agree.
 */
import { parseIsoDate, toIsoDate } from '../dates';
import { curveDecayKernel, modelFutureKernel } from '../market/meanReversion';
import { shockedFutureKernel } from '../market/termStructure';
import type { MarketState } from './markBook';
import type { StateSurfaces } from './marks';

/** What a rolled state reads of the valuation day's market. */
export interface RollableMarket {
  valuationDate: string;
  vix: number;
  rate: number;
  divYield: number;
  /** Vol of the VX futures for VIX options, decimal. */
  volOfVol: number;
  surfaces: StateSurfaces;
  /** Mean-reversion fit of the term structure: speed per year and level, points. */
  kappa: number;
  theta: number;
  /** κ that maps a VIX shock onto the VX futures (the policy's shockKappa), per year. */
  shockKappa: number;
  /** Today's VX future for a VIX option expiry. */
  futureFor: (expiry: string) => number;
}

/**
 * The VX future of `expiry` at `day` days after valuation, before the VIX shock: today's future
 * rolled down the fitted curve (its basis to the fit shrinking with the days left); and the weight
 * e^(−shockKappa·left/365) a VIX move carries into it. Null once the future has expired.
 */
export function rolledFuture(
  m: RollableMarket,
  day: number,
  expiry: string,
): { rolled: number; weight: number; left: number } | null {
  const day0 = parseIsoDate('valuationDate', m.valuationDate);
  const total = parseIsoDate('expiry', expiry) - day0;
  const left = total - day;
  if (left <= 0) return null;
  const model = (v: number, days: number) => modelFutureKernel(m.theta, v, curveDecayKernel(m.kappa, days / 365));
  const basis = m.futureFor(expiry) - model(m.vix, total);
  return {
    rolled: model(m.vix, left) + (basis * left) / total,
    weight: Math.exp((-m.shockKappa * left) / 365),
    left,
  };
}

/** A market state `day` days after valuation with SPX `spot` and VIX `vix`. */
export function shiftedState(m: RollableMarket, day: number, spot: number, vix: number): MarketState {
  const day0 = parseIsoDate('valuationDate', m.valuationDate);
  return {
    date: toIsoDate(day0 + day),
    spot,
    vix,
    rate: m.rate,
    divYield: m.divYield,
    volOfVol: m.volOfVol,
    surfaces: m.surfaces,
    futureFor: (expiry: string) => {
      const f = rolledFuture(m, day, expiry);
      if (f === null) return vix;
      // Today's future rolled down the fitted curve, plus the VIX shock mapped with shockKappa.
      return shockedFutureKernel(f.rolled, vix - m.vix, m.shockKappa, f.left);
    },
  };
}
