/**
 * The replay's standard iron condor: the SPX monthly expiry nearest a target DTE, short strikes at
 * a fixed distance in standard deviations (log space, σ = ATM vol) rounded away from spot to the
 * strike grid, and wings a fixed fraction of spot wide.
 */
import { invalidInput } from '../errors';
import { parseIsoDate, ymdOf } from '../dates';
import { checkPositive } from '../validate';
import { spxMonthlyExpiry } from '../market/index';
import { ironCondorLegs, type Leg } from '../book/index';
import { condorStrikesAtSd } from '../method/index';

export interface StandardCondorSpec {
  /** Target days to expiry. */
  condorDte: number;
  /** Distance of each short strike, standard deviations. */
  shortStrikeSd: number;
  /** Wing width as a fraction of spot (rounded up to the grid, at least one step). */
  wingWidthPct: number;
  /** Strike grid, points. */
  spxStrikeStep: number;
  /** Contracts per leg. */
  condorQuantity: number;
}

export interface StandardCondor {
  expiry: string;
  /** Calendar days to expiry. */
  days: number;
  strikes: [number, number, number, number];
  legs: Leg[];
}

/**
 * The SPX monthly (third-Friday) expiry whose calendar days from `date` are nearest `targetDte`,
 * among those at least 7 days away (ties: the earlier one).
 * @example condorExpiry('2020-02-03', 45) // '2020-03-20' (46 days)
 */
export function condorExpiry(date: string, targetDte: number): string {
  const day = parseIsoDate('date', date);
  let { year, month } = ymdOf(day);
  let best: { e: string; d: number } | null = null;
  for (let k = 0; k < 18; k++) {
    const e = spxMonthlyExpiry(year, month);
    const d = parseIsoDate('expiry', e) - day;
    if (d >= 7 && (best === null || Math.abs(d - targetDte) < Math.abs(best.d - targetDte))) best = { e, d };
    if (d > targetDte + 40) break;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  if (!best)
    throw invalidInput(
      'condorDte',
      `is ${targetDte}: no SPX monthly expiry near it after ${date}`,
      'pass a DTE between 7 and 365',
    );
  return best.e;
}

/**
 * A standard condor opened on `date` at SPX `spot` with ATM vol `atmVol` (decimal).
 *
 * K2 = floor(S·e^(−z·σ√T)), K3 = ceil(S·e^(z·σ√T)) on the grid; K1 = K2 − w, K4 = K3 + w,
 * w = ceil(wingWidthPct·S) on the grid.
 * @example
 * standardCondor('2020-02-03', 3248.92, 0.1797, { condorDte: 45, shortStrikeSd: 1.5, wingWidthPct: 0.02, spxStrikeStep: 5, condorQuantity: 10 })
 * // expiry 2020-03-20 (46 days), strikes [2885, 2950, 3580, 3645]
 */
export function standardCondor(date: string, spot: number, atmVol: number, spec: StandardCondorSpec): StandardCondor {
  checkPositive('spot', spot);
  checkPositive('atmVol', atmVol);
  const expiry = condorExpiry(date, spec.condorDte);
  const days = parseIsoDate('expiry', expiry) - parseIsoDate('date', date);
  const step = spec.spxStrikeStep;
  const w = Math.max(step, Math.ceil((spec.wingWidthPct * spot) / step) * step);
  const round = (x: number): number => Number(x.toFixed(8));
  const strikes = condorStrikesAtSd(spot, atmVol, days / 365, spec.shortStrikeSd, w, step).map(round) as [
    number,
    number,
    number,
    number,
  ];
  if (strikes[0] <= 0) {
    throw invalidInput(
      'assumptions.wingWidthPct',
      `puts the long put at ${strikes[0]}, not a positive strike`,
      'pass a narrower wing or a smaller shortStrikeSd',
    );
  }
  return { expiry, days, strikes, legs: ironCondorLegs(expiry, strikes, spec.condorQuantity) };
}
