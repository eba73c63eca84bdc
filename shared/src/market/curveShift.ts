/**
 * How far the curve has moved between two dates (method Section 8): the largest relative change of
 * the constant-maturity values at 30, 60, 90, 120 and 150 days that both curves cover.
 */
import { insufficientData } from '../errors';
import { constantMaturity } from './termStructure';
import type { TermStructure } from './types';

/** Tenors (calendar days) compared by {@link curveShift}. */
export const CURVE_SHIFT_TENORS: readonly number[] = Object.freeze([30, 60, 90, 120, 150]);

/** One tenor's constant-maturity values (points) and relative change now/then − 1. */
export interface TenorChange {
  days: number;
  now: number;
  then: number;
  change: number;
}

/**
 * shift = max over d ∈ {30, 60, 90, 120, 150} covered by both curves of |CM_now(d)/CM_then(d) − 1|
 * (a fraction: 0.15 = 15%), with the per-tenor table.
 * @example curveShift(today, lastRebalance) // { shift: 0.18, byTenor: [{ days: 30, now: 24.1, then: 20.4, change: 0.181 }, ...] }
 */
export function curveShift(now: TermStructure, then: TermStructure): { shift: number; byTenor: TenorChange[] } {
  const cover = (ts: TermStructure): number => ts?.points?.[ts.points.length - 1]?.days ?? -1;
  const maxNow = cover(now);
  const maxThen = cover(then);
  const tenors = CURVE_SHIFT_TENORS.filter((d) => d <= maxNow && d <= maxThen);
  if (tenors.length === 0) {
    const which = maxNow < maxThen ? 'now' : 'then';
    throw insufficientData(
      `${which}.points`,
      `reaches ${Math.max(0, Math.min(maxNow, maxThen))} days, short of the first compared tenor (30 days)`,
      'pass curves whose last future expires at least 30 days after their valuation date',
    );
  }
  const byTenor = tenors.map((days) => {
    const a = constantMaturity(now, days);
    const b = constantMaturity(then, days);
    return { days, now: a, then: b, change: a / b - 1 };
  });
  return { shift: Math.max(...byTenor.map((t) => Math.abs(t.change))), byTenor };
}
