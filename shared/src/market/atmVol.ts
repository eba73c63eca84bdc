/**
 * What the method reads from VVIX (ALVH-METHOD sections 2b, 6): the 30-day vol of the VX futures,
 * VVIX/100, the level of the VIX-option surface. (SPX option vols come from the SPX surface,
 * shared/src/surface, through book/marks.ts: there is no VIX/100 ATM reading.)
 */
import { checkPositive } from '../validate';

/**
 * Vol of the VX futures (for VIX options) from the VVIX level, decimal: VVIX/100.
 * @example volOfVolFromVvix(113.74) // 1.1374
 */
export function volOfVolFromVvix(vvix: number, field = 'vvix'): number {
  return checkPositive(field, vvix) / 100;
}
