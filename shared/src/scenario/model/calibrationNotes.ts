/**
 * The known biases of the calibrated model, next to the figures they bias: for a run started at a
 * VIX level, the out-of-sample targets (docs/calibration.md) the model missed from that starting
 * bucket by more than history's own noise, each in one sentence a trader can weigh.
 */
import { invalidInput } from '../../errors';
import { CALIBRATED } from './calibrated';
import type { CalibratedModel, OutOfSampleMiss } from './calibratedModel';
import { VIX_BUCKETS, inBucket } from './calibrationCells';

const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;

/** "2021-2026" from a date range "2021-01-04..2026-07-22". */
function years(range: string): string {
  const [from = '', to = ''] = range.split('..');
  return `${from.slice(0, 4)}-${to.slice(0, 4)}`;
}

function sentence(m: OutOfSampleMiss, checked: string): string {
  const [lo, hi] = m.historyInterval;
  const where = `Checked on ${checked} from VIX ${m.startVix[0]}-${m.startVix[1]}`;
  if (m.figure === 'median') {
    const bias =
      m.model > m.history ? 'it expects VIX to stay higher than it did then' : 'it expects VIX lower than it was then';
    return (
      `${where}, the model's median VIX ${m.horizonDays} days later was ${m.model.toFixed(1)} against history's ` +
      `${m.history.toFixed(1)}, outside history's 90% interval (${lo.toFixed(1)}-${hi.toFixed(1)}): ${bias}.`
    );
  }
  const bias = m.model > m.history ? 'it overstated that tail then' : 'it understated that tail then';
  return (
    `${where}, the model gave ${m.figure} ${m.horizonDays} days later as ${pct(m.model)} against history's ` +
    `${pct(m.history)}, outside history's 90% interval (${pct(lo)}-${pct(hi)}): ${bias}.`
  );
}

/**
 * The sentences for a run of the calibrated model (real-world measure) from VIX `vix` (points):
 * one per out-of-sample miss of its starting bucket that lies outside history's 90% interval;
 * none when the model met every target from there (or missed only within history's noise); one
 * saying so when no check starts from that VIX (below 10 or from 50 up).
 *
 * @example
 * calibrationNotes(35); // two sentences: the 21- and 42-day medians from VIX 30-50
 * calibrationNotes(17); // []
 * calibrationNotes(52.33); // one: no check starts from there
 */
export function calibrationNotes(vix: number, model: CalibratedModel = CALIBRATED): string[] {
  if (typeof vix !== 'number' || !Number.isFinite(vix) || vix <= 0) {
    throw invalidInput('vix', `is ${String(vix)}`, 'pass the VIX level at the start of the run in points, e.g. 18.5');
  }
  const checked = years(model.checkedOn.vix);
  const lo = Math.min(...VIX_BUCKETS.map((b) => b[0]));
  const hi = Math.max(...VIX_BUCKETS.map((b) => b[1]));
  if (vix < lo || vix >= hi) {
    return [
      `No out-of-sample check starts from VIX ${vix.toFixed(2)} (the checks start from VIX ${lo}-${hi}, on ${checked}): ` +
        'the figures here rest on the model beyond the levels it was checked from.',
    ];
  }
  return model.outOfSampleMisses
    .filter((m) => !m.withinHistoryNoise && inBucket(vix, m.startVix))
    .map((m) => sentence(m, checked));
}

/**
 * What a risk-neutral run's figures are, said beside them: the paths match the forwards, not the
 * option prices the book is marked at, so a position's mean P&L there is not a price error.
 */
export const RISK_NEUTRAL_NOTE =
  "Risk-neutral measure: the paths match today's forwards (SPX at its carry, VIX at its futures), not option prices: their SPX smile comes from VIX, not from the surface the options are marked on, so an option's mean P&L is not its mark's carry at the rate (a deep in-the-money one's is, and zero at a zero rate). For VaR, CVaR and hedge effectiveness, run the real-world measure.";

/**
 * The notes of a run's summary: {@link calibrationNotes} of its starting VIX when it ran the
 * calibrated model in the real-world measure (the measure the out-of-sample check is in);
 * {@link RISK_NEUTRAL_NOTE} in the risk-neutral one; else none.
 */
export function runModelNotes(run: { dynamics: string; measure: string; vix0: number }): string[] {
  if (run.measure === 'risk-neutral') return [RISK_NEUTRAL_NOTE];
  return run.dynamics === 'calibrated' && run.measure === 'real-world' ? calibrationNotes(run.vix0) : [];
}
