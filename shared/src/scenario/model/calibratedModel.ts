/**
 * The shape of the calibration that `npm run calibrate` writes to calibrated.ts: the parameters, the
 * periods they were fitted and checked on, and the out-of-sample misses.
 */
import type { LogVixParams } from './logVixParams';

export interface CalibratedModel {
  params: LogVixParams;
  /** The date ranges the parameters were fitted on. */
  fittedOn: { vix: string; vvix: string; vxFutures: string; spx: string };
  /** The date ranges they were checked on, out of sample. */
  checkedOn: { vix: string; vvix: string; vxFutures: string; spx: string };
  /**
   * The VIX targets the model missed out of sample (docs/calibration.md): its figure, history's,
   * history's 90% interval (block bootstrap) and whether the model's figure lies inside it.
   */
  outOfSampleMisses: OutOfSampleMiss[];
}

export interface OutOfSampleMiss {
  /** The starting VIX bucket [lo, hi). */
  startVix: readonly [number, number];
  horizonDays: number;
  figure: 'median' | 'P(VIX > 30)' | 'P(VIX > 40)';
  model: number;
  history: number;
  historyInterval: [number, number];
  withinHistoryNoise: boolean;
}
