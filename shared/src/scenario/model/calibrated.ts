/**
 * Parameters of the two-factor log-VIX model, written by `npm run calibrate` (scripts/calibrate.ts)
 * from the history beside the repository; see docs/calibration.md for the fit and its checks.
 * Do not edit by hand: rerun the calibration.
 */
import type { CalibratedModel } from './calibratedModel';

export const CALIBRATED: CalibratedModel = {
  params: {
    rho: -0.7,
    realizedToImplied: 0.85,
    spxPremium: 0.06,
    volFloor: 0.2,
    logLevel: 2.745,
    kappaFast: 7.59375,
    kappaFastPricing: 3.51563,
    kappaSlow: 1.16066,
    slowShare: 0.5,
    volRef: 0.85,
    jumpIntensity: 5.0625,
    jumpMeanLog: 0.147656,
    bigJumpShare: 0.065918,
    bigJumpMeanLog: 0.451563,
    spxJumpPerLogJump: 0.171661,
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
  outOfSampleMisses: [
    {
      startVix: [15, 20],
      horizonDays: 63,
      figure: 'P(VIX > 30)',
      model: 0.0362,
      history: 0.0544554,
      historyInterval: [0.0130687, 0.1091],
      withinHistoryNoise: true,
    },
    {
      startVix: [20, 30],
      horizonDays: 63,
      figure: 'P(VIX > 30)',
      model: 0.104467,
      history: 0.0506024,
      historyInterval: [0.00546153, 0.0919845],
      withinHistoryNoise: false,
    },
    {
      startVix: [30, 50],
      horizonDays: 21,
      figure: 'median',
      model: 27.4546,
      history: 24.8,
      historyInterval: [22.49, 25.88],
      withinHistoryNoise: false,
    },
    {
      startVix: [30, 50],
      horizonDays: 42,
      figure: 'median',
      model: 24.7652,
      history: 22.31,
      historyInterval: [19.179, 23.96],
      withinHistoryNoise: false,
    },
  ],
};
