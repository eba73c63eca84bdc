/**
 * How far the calendar repair (the running maximum of total variance across expiries, spxSurface.ts)
 * lifts the body of an expiry above its own fit, and the warning when that lift is material.
 *
 * On real chains the repair binds only in the far wings (k = −2 or +1, below 0.10 delta): both
 * chains' bodies move by 0.0000 vol points. Where the market's quotes themselves cross in calendar
 * (a later expiry cheaper in total variance than an earlier one), the repair lifts the later
 * expiry's whole body to the earlier one's variance, and every mark of it then stands above its
 * quotes: that is said, never hidden behind a count.
 */
import { quantileSorted } from '../scenario/statistics';
import { sviVariance } from './svi';
import type { SliceFit } from './chainSlice';

/** The body of an expiry: its fitted out-of-the-money quotes with |delta| at least this, and the money. */
export const CALENDAR_LIFT_BODY_DELTA = 0.1;

/**
 * The smallest lift, in vol points, that is warned of: a lift of the body beyond the larger of this
 * and the median half-spread (in vol) of the body's quotes puts the marks outside a typical quote.
 */
export const CALENDAR_LIFT_MIN_VOL_PTS = 0.1;

/** One expiry's lift by the calendar repair, vol points (repaired vol − the slice's own fit). */
export interface CalendarLift {
  root: string;
  expiry: string;
  /** The lift at the money (k = 0). */
  atmVolPts: number;
  /** The largest lift over the money and the body's quoted strikes. */
  maxVolPts: number;
  /** Where it is largest: ln(K/F). */
  atK: number;
  /** The median half-spread of the body's quotes, vol points (0 with none). */
  halfSpreadVolPts: number;
  /** The earlier expiry whose total variance the body is lifted to (at atK). */
  from: { root: string; expiry: string };
}

/** The median by the package's one quantile rule ({@link quantileSorted}); 0 with no values. */
const median = (xs: number[]): number => (xs.length === 0 ? 0 : quantileSorted(Float64Array.from(xs).sort(), 0.5));

/**
 * The lifts of a surface's slices whose body the repair moved by more than the threshold
 * ({@link CALENDAR_LIFT_MIN_VOL_PTS} or the median half-spread, the larger).
 *
 * @param slices the surface's slice fits in surface order, their marks' model vols and `atmVol`
 *   read on the repaired surface
 */
export function materialCalendarLifts(slices: readonly SliceFit[]): CalendarLift[] {
  const out: CalendarLift[] = [];
  slices.forEach((s, j) => {
    if (j === 0) return;
    const own = (k: number): number => Math.sqrt(Math.max(sviVariance(s.svi, k), 0) / s.years);
    const atm = 100 * (s.atmVol - own(0));
    let max = atm;
    let atK = 0;
    const halves: number[] = [];
    for (const m of s.marks) {
      if (!m.otm || m.midVol === null || !(Math.abs(m.delta) >= CALENDAR_LIFT_BODY_DELTA)) continue;
      const k = Math.log(m.strike / s.forward);
      const lift = 100 * (m.modelVol - own(k));
      if (lift > max) [max, atK] = [lift, k];
      if (Number.isFinite(m.widthVol)) halves.push(50 * m.widthVol);
    }
    const half = median(halves);
    if (!(max > Math.max(CALENDAR_LIFT_MIN_VOL_PTS, half))) return;
    // the running maximum lifts slice j to the largest earlier fit at that k
    let from = slices[0]!;
    for (let i = 1; i < j; i++) if (sviVariance(slices[i]!.svi, atK) > sviVariance(from.svi, atK)) from = slices[i]!;
    out.push({
      root: s.root,
      expiry: s.expiry,
      atmVolPts: atm,
      maxVolPts: max,
      atK,
      halfSpreadVolPts: half,
      from: { root: from.root, expiry: from.expiry },
    });
  });
  return out;
}

/** The warning of one material lift: the expiry, how far, why, and what to check. */
export function calendarLiftWarning(l: CalendarLift): string {
  const pts = (x: number): string => x.toFixed(2);
  const name = `${l.root} ${l.expiry}`;
  const earlier = `${l.from.root} ${l.from.expiry}`;
  return (
    `The calendar repair lifts ${name} by ${pts(l.atmVolPts)} vol points at the money ` +
    `(up to ${pts(l.maxVolPts)} over its quotes of |delta| ≥ ${CALENDAR_LIFT_BODY_DELTA.toFixed(2)}, whose median half-spread is ${pts(l.halfSpreadVolPts)}) ` +
    `to the total variance of ${earlier}: the market's quotes cross in calendar there (a later expiry cheaper in total variance than an earlier one), ` +
    `so the surface marks ${name} above its quotes. Check the quotes of ${earlier} and ${name}.`
  );
}
