/**
 * Historical analogs of a 20%-class SPX drawdown (ALVH-METHOD section 6): VIX, VVIX and the VX
 * futures curve at the close of the worst day of three episodes, copied from the market history
 * kept beside the project (the test `analogs.test.ts` re-reads every number from those files).
 *
 * The package has no I/O, so the numbers live here as constants:
 * - 2018-12-24 (SPX −19.8% from 2018-09-20): quantintell_vix_futures_VX1-VX8_2007-2021.csv, row
 *   DATE 2018-12-24 (VIX, VX1..VX8, SP500); VVIX from cboe_VVIX_History__ManULoreN14.csv, 12/24/2018.
 * - 2020-03-12 (SPX −26.7% from 2020-02-19; −19.0% at the 03-11 close): quantintell_vix_futures, row
 *   DATE 2020-03-12; VVIX from cboe_VVIX_History, 03/12/2020.
 * - 2025-04-08 (SPX −18.9% from 2025-02-19): manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv,
 *   row Fecha 2025-04-08 (M1..M8); VIX from cboe_VIX_History__ManULoreN14.csv (CLOSE, 04/08/2025);
 *   VVIX from cboe_VVIX_History, 04/08/2025; SPX from spx_daily_2021-2026__eric-tao.csv.
 *
 * VXn is the n-th listed monthly contract after the date: expiries are `vxExpiriesAfter(date, 8)`.
 */

export interface HistoricalAnalog {
  /** Close date, YYYY-MM-DD. */
  date: string;
  label: string;
  /** SPX close-to-close drawdown from the episode's peak, decimal (negative). */
  spxDrawdown: number;
  spx: number;
  vix: number;
  vvix: number;
  /** VX1..VX8 settlements (points), the n-th monthly contract after `date`. */
  vx: readonly number[];
}

export const HISTORICAL_ANALOGS: readonly HistoricalAnalog[] = Object.freeze([
  {
    date: '2018-12-24',
    label: 'Dec 2018 (SPX −19.8%)',
    spxDrawdown: -0.198,
    spx: 2351.1,
    vix: 36.07,
    vvix: 111.88,
    vx: [25.9, 23.325, 22.175, 21.425, 21.125, 21.1, 21.35, 21.2],
  },
  {
    date: '2020-03-12',
    label: 'Mar 2020 (SPX −26.7% by 03-12)',
    spxDrawdown: -0.267,
    spx: 2480.64,
    vix: 75.47,
    vvix: 155.05,
    vx: [58.3, 45.825, 36.575, 33.025, 30.925, 29.475, 28.525, 28.575],
  },
  {
    date: '2025-04-08',
    label: 'Apr 2025 (SPX −18.9%)',
    spxDrawdown: -0.189,
    spx: 4982.77,
    vix: 52.33,
    vvix: 170.92,
    vx: [39.1728, 31.4333, 27.9068, 26.1705, 24.6739, 23.9505, 23.4973, 23.1957],
  },
]);
