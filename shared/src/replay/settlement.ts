/**
 * The index value each option leg of the replay settles on (step 1, replaySteps.ts).
 */
import { spxMonthlyExpiry } from '../market/index';
import type { Leg } from '../book/index';
import type { MarketRow } from './marketHistory';

/**
 * Whether an SPX option expiring on `expiry` is AM-settled: the standard SPX monthly expiry (the
 * third Friday, or the business day before when that Friday is an exchange holiday) settles on the
 * special opening quotation of that morning; SPXW weeklies, end-of-month and daily expiries settle
 * on the close (PM). A leg records no root, so the date decides: in the replay every SPX leg
 * expiring on a monthly date is a condor leg or the put calendar's front leg, both SPX monthlies.
 * @example isSpxAmExpiry('2025-04-17') // true (Good Friday 2025-04-18)
 * @example isSpxAmExpiry('2025-05-15') // false (a Thursday, not the May monthly 2025-05-16)
 */
export function isSpxAmExpiry(expiry: string): boolean {
  return spxMonthlyExpiry(Number(expiry.slice(0, 4)), Number(expiry.slice(5, 7))) === expiry;
}

/**
 * The index value a leg expiring on or before `row.date` settles on, on that replayed day:
 *
 * - an AM-settled SPX monthly ({@link isSpxAmExpiry}) on its expiry day: the day's SPX open
 *   (`row.spxOpen`, the proxy of the special opening quotation); the SPX close when the row has no
 *   open (the quantintell SPX history, 2007-2020 in the replay, has closes only);
 * - any other SPX leg (PM-settled): the SPX close;
 * - a VIX option on its expiry day: the VIX open (`row.vixOpen`, the proxy of the special opening
 *   quotation), else the VIX close.
 *
 * A leg whose expiry day was not replayed (a skipped row) settles on the next replayed day's
 * close. In the replay the PM rule is not reached: the calendar's back put is the one SPX leg that
 * can expire off a monthly date, and it is sold at model mid when its condor settles, before it
 * expires.
 *
 * @param closes the day's SPX close and VIX close (the curve's VIX spot)
 * @example
 * // 2025-04-17: SPX open 5305.45, close 5282.70
 * settlementValue({ kind: 'spx', expiry: '2025-04-17' }, row, { spx: 5282.7, vix: 29.65 }) // 5305.45
 */
export function settlementValue(
  leg: Pick<Leg, 'kind' | 'expiry'>,
  row: Pick<MarketRow, 'date' | 'spxOpen' | 'vixOpen'>,
  closes: { spx: number; vix: number },
): number {
  const onExpiry = leg.expiry === row.date;
  if (leg.kind === 'spx')
    return onExpiry && row.spxOpen !== undefined && isSpxAmExpiry(leg.expiry) ? row.spxOpen : closes.spx;
  return onExpiry && row.vixOpen !== undefined ? row.vixOpen : closes.vix;
}
