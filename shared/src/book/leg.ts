/**
 * A leg of the book: one listed option position. SPX options (European, cash-settled) and VIX
 * options (European, priced on the VX future of the same expiry), both with multiplier 100.
 */
import type { OptionType } from '../pricing/index';

export interface Leg {
  kind: 'spx' | 'vix';
  type: OptionType;
  /** Strike in index points. */
  strike: number;
  /** Expiry as YYYY-MM-DD. */
  expiry: string;
  /** Signed contracts: + long, − short. */
  quantity: number;
  /**
   * SPX legs only: the exchange root, where it is known (a held leg's symbol says it): `SPX`
   * (AM-settled, the month's standard expiration) or `SPXW` (PM-settled). Absent: the root a new
   * order takes on the day (market/expirations.ts `optionRoot`). The two are different contracts on
   * a third Friday: an `SPX` leg is marked to its settlement at the 09:30 ET opening print, 6.5 hours
   * before the close an `SPXW` leg, or a leg without a root, is marked to.
   */
  root?: 'SPX' | 'SPXW';
}

/** Contract multiplier of SPX and VIX options, USD per index point. */
export const OPTION_MULTIPLIER = 100;

/**
 * The four legs of an iron condor, long put K1 < short put K2 < short call K3 < long call K4.
 *
 * @example
 * ironCondorLegs('2020-04-17', [2000, 2100, 2900, 3000], 1) // [+1 P2000, −1 P2100, −1 C2900, +1 C3000]
 */
export function ironCondorLegs(
  expiry: string,
  strikes: readonly [number, number, number, number],
  quantity: number,
): Leg[] {
  const [k1, k2, k3, k4] = strikes;
  return [
    { kind: 'spx', type: 'put', strike: k1, expiry, quantity },
    { kind: 'spx', type: 'put', strike: k2, expiry, quantity: -quantity },
    { kind: 'spx', type: 'call', strike: k3, expiry, quantity: -quantity },
    { kind: 'spx', type: 'call', strike: k4, expiry, quantity },
  ];
}
