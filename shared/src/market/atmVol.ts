/**
 * What the method reads from the volatility indices (ALVH-METHOD sections 1, 6): the ATM vol of SPX
 * options is VIX/100 and the vol of the VX futures is VVIX/100. One function each, so a volatility
 * surface can later replace the flat reading in one place.
 */
import { checkPositive } from '../validate';

/** ATM implied vol of SPX options from the VIX level, decimal: VIX/100 (unchecked; hot loops). */
export function atmVolFromVixKernel(vix: number): number {
  return vix / 100;
}

/**
 * ATM implied vol of SPX options from the VIX level, decimal: VIX/100.
 * @example atmVolFromVix(17.91) // 0.1791
 */
export function atmVolFromVix(vix: number, field = 'vix'): number {
  return atmVolFromVixKernel(checkPositive(field, vix));
}

/**
 * Vol of the VX futures (for VIX options) from the VVIX level, decimal: VVIX/100.
 * @example volOfVolFromVvix(113.74) // 1.1374
 */
export function volOfVolFromVvix(vvix: number, field = 'vvix'): number {
  return checkPositive(field, vvix) / 100;
}
