/**
 * The tail's expiry along a Monte Carlo path. A due rebalance re-runs the method's tail sizing
 * (Section 6) from the path's day, and that sizing picks its expiry afresh: the monthly VX expiry
 * 45-60 days out (`tailDteMin`-`tailDteMax`), else the one nearest `tailDteTarget` days (ties: the
 * later one), as `plan()` does on the day and the replay does at each sizing. So the tail rolls:
 * a rebalance whose pick differs from the calls held sells them and buys the new expiry's.
 *
 * The candidates are every monthly VX expiry the exchange calendar gives after the valuation date,
 * as the replay's are (the next monthly expiries of each day), listed today or not: the model
 * prices each at the path's state, so a short curve typed today does not end the roll. (A plan
 * does not extrapolate a curve past its last future; inside the paths the curve is the model's.)
 *
 * The picks depend on the day alone, so they are computed once a run, one a day.
 */
import { parseIsoDate, toIsoDate } from '../dates';
import { CALENDAR_LAST_YEAR } from '../market/calendar';
import { vxExpiriesThrough } from '../market/expirations';
import { curveDecayKernel, modelFutureKernel } from '../market/meanReversion';
import { selectTailExpiry } from '../method/tailSize';
import type { Policy } from '../schemas/policy';
import type { ScenarioBook } from './scenarioBook';
import type { PricerMarket } from './pathPricer';

/** The tail expiries a run's rebalances size on. */
export interface TailRoll {
  /**
   * `expiryOn[t]`: the expiry (days after valuation) a rebalance on day t sizes the tail on, for
   * t = 0..horizon; −1 where no candidate expires after the day.
   */
  expiryOn: Int32Array;
  /** Each picked expiry's ISO date, by its day. */
  dates: ReadonlyMap<number, string>;
  /**
   * The square-root dynamics' basis of each picked expiry (by its day): the listed curve's future
   * less the model's at t = 0, as a VIX leg of that expiry is compiled with (pathPricer.ts); 0 past
   * the last listed future, where the fitted curve extrapolated is the model's value alone.
   */
  basis: ReadonlyMap<number, number>;
  /** The latest expiry picked, days (0 when none). */
  last: number;
}

/** The expiry the method picks on each day 0..`horizonDays` of a run valued on `valuationDate`. */
function tailPicks(valuationDate: string, p: Policy, horizonDays: number): Omit<TailRoll, 'basis'> {
  const day0 = parseIsoDate('valuationDate', valuationDate);
  // every monthly expiry a pick can reach: two months past the horizon's window, within the
  // exchange calendar (a run valued in its last year picks among the contracts it has)
  const reach = day0 + horizonDays + p.tailDteMax + 62;
  const end = Math.min(reach, parseIsoDate('calendar end', `${CALENDAR_LAST_YEAR}-12-31`));
  const candidates = vxExpiriesThrough(valuationDate, toIsoDate(end)).map((e) => ({
    e,
    day: parseIsoDate('expiry', e) - day0,
  }));
  const expiryOn = new Int32Array(horizonDays + 1).fill(-1);
  const dates = new Map<number, string>();
  let last = 0;
  for (let t = 0; t <= horizonDays; t++) {
    const alive = candidates.filter((c) => c.day > t).map((c) => c.e);
    if (alive.length === 0) continue;
    const pick = selectTailExpiry(toIsoDate(day0 + t), alive, p.tailDteMin, p.tailDteMax, p.tailDteTarget);
    const day = parseIsoDate('expiry', pick) - day0;
    expiryOn[t] = day;
    if (!dates.has(day)) dates.set(day, pick);
    if (day > last) last = day;
  }
  return { expiryOn, dates, last };
}

/**
 * The expiry the method picks on each day 0..`horizonDays` of a run on book `b` ({@link TailRoll}).
 * `m` gives the square-root model's curve for the basis.
 */
export function tailRoll(b: ScenarioBook, p: Policy, horizonDays: number, m: PricerMarket): TailRoll {
  const picks = tailPicks(b.valuationDate, p, horizonDays);
  let lastListed = '';
  for (const f of b.futures) if (f.expiry > lastListed) lastListed = f.expiry;
  const basis = new Map<number, number>();
  for (const [day, pick] of picks.dates) {
    const model = modelFutureKernel(m.theta, b.vix, curveDecayKernel(m.kappa, day / 365));
    basis.set(day, pick <= lastListed ? b.futureFor(pick) - model : 0);
  }
  return { ...picks, basis };
}

/** How many of a run's rolls {@link tailRollNotes} names (the rest are counted). */
const ROLLS_NAMED = 4;

/**
 * The summary's note on the tail's rolls: the days from which a rebalance rolls the calls held into
 * another expiry (the method's pick changes, and a rebalance may fall due: the pick outlives the
 * drawdown window), up to the horizon; none when the tail never rolls. A tail held at another
 * expiry than the method picks on day 0 (a book's) rolls at its first rebalance.
 */
export function tailRollNotes(
  b: Pick<ScenarioBook, 'valuationDate' | 'tail'>,
  p: Policy,
  horizonDays: number,
): string[] {
  const held = b.tail[0]?.expiry;
  if (held === undefined) return [];
  const day0 = parseIsoDate('valuationDate', b.valuationDate);
  const { expiryOn, dates } = tailPicks(b.valuationDate, p, horizonDays);
  const rolls: string[] = [];
  let from = parseIsoDate('expiry', held) - day0;
  for (let t = 1; t < horizonDays; t++) {
    const pick = expiryOn[t]!;
    if (pick === from || pick - t <= p.drawdownDays) continue;
    rolls.push(
      rolls.length === 0 && t === 1 && pick === expiryOn[0]
        ? `from the first rebalance into ${dates.get(pick)!}`
        : `from day ${t} (${toIsoDate(day0 + t)}) into ${dates.get(pick)!}`,
    );
    from = pick;
  }
  if (rolls.length === 0) return [];
  const named = rolls.slice(0, ROLLS_NAMED);
  const more = rolls.length > ROLLS_NAMED ? ` and ${rolls.length - ROLLS_NAMED} more rolls` : '';
  const list = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  return [
    `The tail rolls as the method picks its expiry (${p.tailDteMin}-${p.tailDteMax} days out) from each rebalance's day (a calendar day: the paths step every day, weekends and holidays included): ${list}${more}. The first rebalance from each of those days sells the calls held and buys the new expiry's; the hedge cost counts both.`,
  ];
}
