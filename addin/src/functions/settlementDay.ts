/**
 * ALVH.PLAN's word on a VX final-settlement day. Its rows VX1…VXn take the monthly expiries after
 * the date, so on the day a contract settles VX1 is the next month's; many feeds still show the
 * settling contract that morning (it settles at the open), and a VX1 row holding it would shift every
 * price a month: on 2020-03-18, March's 70 read as April's turned a steep backwardation (spread 10.55)
 * into contango and the tail strike from 62 to 73.
 */
import { contractName as contract, isVxExpiry, vxExpiriesAfter } from '@alvh/shared';
import { normalizeKey } from '../common/fields';

/**
 * The warning for a plan whose futures are numbered rows (VX1…) on a VX final-settlement date, naming
 * the contract that settles and the one VX1 is read as; undefined on any other day, for futures given
 * by date, and for a date the exchange calendar does not hold.
 */
export function settlementDayWarning(keys: readonly unknown[], valuationDate: unknown): string | undefined {
  if (typeof valuationDate !== 'string') return undefined;
  if (!keys.some((k) => typeof k === 'string' && /^vx\d+$/.test(normalizeKey(k)))) return undefined;
  let settles: boolean;
  try {
    settles = isVxExpiry(valuationDate);
  } catch {
    return undefined;
  }
  if (!settles) return undefined;
  const next = vxExpiriesAfter(valuationDate, 1)[0];
  if (next === undefined) return undefined;
  return `${valuationDate} is the ${contract(valuationDate)} VX final settlement: VX1 is read as the ${contract(next)} future (expiry ${next}), the first to settle after the date. If the VX1 row holds the ${contract(valuationDate)} contract (quoted until it settles at the open), remove it and number the futures from ${contract(next)} as VX1.`;
}
