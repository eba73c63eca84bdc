/**
 * Parameters of the two-factor log-VIX model, written by `npm run calibrate` (scripts/calibrate.ts)
 * from the history beside the repository; see docs/calibration.md for the fit and its checks.
 * Do not edit by hand: rerun the calibration.
 */
import type { LogVixParams } from './logVixParams';

export interface CalibratedModel {
  params: LogVixParams;
  /** The date ranges the parameters were fitted on. */
  fittedOn: { vix: string; vvix: string; vxFutures: string; spx: string };
  /** The date ranges they were checked on, out of sample. */
  checkedOn: { vix: string; vvix: string; vxFutures: string; spx: string };
}

export const CALIBRATED: CalibratedModel = {
  params: {
    rho: -0.7,
    realizedToImplied: 0.85,
    spxPremium: 0.06,
    volFloor: 0.2,
    logLevel: 2.77,
    kappaFast: 8.06836,
    kappaFastPricing: 3.4436,
    kappaSlow: 1.11877,
    slowShare: 0.5,
    volRef: 0.85,
    jumpIntensity: 5.0625,
    jumpMeanLog: 0.147656,
    bigJumpShare: 0.046875,
    bigJumpMeanLog: 0.50625,
    spxJumpPerLogJump: 0.15625,
    volSlope: 0.23037,
  },
  fittedOn: {
    vix: '1990-01-02..2020-12-31',
    vvix: '2007-01-03..2020-12-31',
    vxFutures: '2007-04-02..2020-12-31',
    spx: '2007-04-02..2020-12-31',
  },
  checkedOn: {
    vix: '2021-01-04..2026-07-22',
    vvix: '2021-01-04..2026-07-22',
    vxFutures: '2021-01-04..2021-12-23',
    spx: '2021-01-04..2026-04-02',
  },
};
