/**
 * The ALVH.PLAN input sheet of 2018-12-24 (label, value rows; dates as Excel serials): SPX 2351.1,
 * VIX 36.07, three VX futures and a 10-lot 1750/1800/2850/2900 condor expiring 2019-02-15.
 */
const ROWS: readonly (readonly [string, number])[] = [
  ['date', 43458],
  ['spx', 2351.1],
  ['vix', 36.07],
  ['rate', 0.024],
  ['divYield', 0.02],
  ['VX1', 25.9],
  ['VX2', 23.325],
  ['VX3', 22.175],
  ['expiry', 43511],
  ['k1', 1750],
  ['k2', 1800],
  ['k3', 2850],
  ['k4', 2900],
  ['quantity', 10],
  ['capital', 2_000_000],
];

/** A fresh copy of the sheet's rows (each row its own array, so a test may change it). */
export function planSheet20181224(): [string, number][] {
  return ROWS.map(([k, v]) => [k, v]);
}

/**
 * ALVH.REBALANCE's arguments for 2018-12-24 against the last rebalance of 2018-12-17 (docs/excel.md):
 * the date, VIX and VX1-VX4 of each day, dates as Excel serials.
 */
export const REBALANCE_20181224: readonly unknown[] = [
  43458, // 2018-12-24
  36.07,
  [[25.9], [23.325], [22.175], [21.425]],
  43451, // 2018-12-17
  24.52,
  [[23.475], [21.675], [21.225], [20.975]],
];
