/**
 * Parameters of the two-factor log-VIX model, written by `npm run calibrate` (scripts/calibrate.ts)
 * from the history beside the repository; see docs/calibration.md for the fit and its checks.
 * Do not edit by hand: rerun the calibration.
 */
import type { LogVixParams } from './logVixModel';

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
    logLevel: 2.745,
    kappaFast: 5.90625,
    kappaSlow: 0.991406,
    slowShare: 0.5,
    volRef: 0.85,
    jumpIntensity: 4.53845,
    jumpMeanLog: 0.13125,
    bigJumpShare: 0.04375,
    bigJumpMeanLog: 0.358594,
    spxJumpPerLogJump: 0.183105,
    volSlope: 0.213439,
  },
  fittedOn: {
    vix: '1990-01-02..2014-12-31',
    vvix: '2007-01-03..2014-12-31',
    vxFutures: '2007-04-02..2014-12-31',
    spx: '2007-04-02..2014-12-31',
  },
  checkedOn: {
    vix: '2015-01-02..2026-07-22',
    vvix: '2015-01-02..2026-07-22',
    vxFutures: '2015-01-02..2021-12-23',
    spx: '2015-01-02..2026-04-02',
  },
};
