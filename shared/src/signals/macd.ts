/**
 * Moving Average Convergence/Divergence (Gerald Appel): MACD line = EMA(fast) − EMA(slow), signal
 * line = EMA(signal) of the MACD line, histogram = MACD − signal. Each EMA uses α = 2/(n + 1) and
 * is seeded with the simple mean of its first n inputs (the StockCharts ChartSchool convention), so
 * the result does not depend on how much history precedes the first full window.
 */
import { invalidInput } from '../errors';
import { checkPeriod, checkSeries, stepsToSettle } from './series';

/**
 * Exponential moving average seeded by the simple mean of the first `period` values.
 * @returns values.length − period + 1 averages; out[0] belongs to values[period − 1]
 * @example ema([1, 2, 3, 4, 5], 3) // [2, 3, 4]
 */
export function ema(values: readonly number[], period: number): number[] {
  checkPeriod('period', period);
  checkSeries('values', values, period, `a ${period}-period EMA`);
  const a = 2 / (period + 1);
  let e = 0;
  for (let i = 0; i < period; i++) e += values[i] as number;
  e /= period;
  const out = [e];
  for (let i = period; i < values.length; i++) {
    e += a * ((values[i] as number) - e);
    out.push(e);
  }
  return out;
}

/** MACD's default lengths in bars (fast, slow, signal): 12, 26, 9. */
export const MACD_DEFAULTS = Object.freeze({ fast: 12, slow: 26, signal: 9 });

/**
 * MACD(fast, slow, signal), default (12, 26, 9). The three arrays have the same length,
 * values.length − (slow + signal − 2), and are aligned to the END of the input: the last entry
 * belongs to the last value, entry k to values[values.length − length + k]. Needs slow + signal − 1
 * values (34 for the defaults).
 * @example
 * const { histogram } = macd(vvixOverVix); // volOfVolExpanding = histogram[histogram.length - 1] > 0
 */
export function macd(
  values: readonly number[],
  fast: number = MACD_DEFAULTS.fast,
  slow: number = MACD_DEFAULTS.slow,
  signal: number = MACD_DEFAULTS.signal,
): { macd: number[]; signal: number[]; histogram: number[] } {
  checkPeriod('fast', fast);
  checkPeriod('slow', slow);
  checkPeriod('signal', signal);
  if (fast >= slow)
    throw invalidInput('fast', `is ${fast}, not shorter than slow ${slow}`, 'pass fast < slow, e.g. 12 and 26');
  checkSeries('values', values, slow + signal - 1, `MACD(${fast}, ${slow}, ${signal})`);
  const emaFast = ema(values, fast);
  const emaSlow = ema(values, slow);
  const line = emaSlow.map((s, i) => (emaFast[i + slow - fast] as number) - s);
  const sig = ema(line, signal);
  const m = line.slice(signal - 1);
  return { macd: m, signal: sig, histogram: m.map((x, i) => x - (sig[i] as number)) };
}

/**
 * The values MACD(fast, slow, signal) needs before its seeds stop mattering: each EMA of length n
 * keeps (n − 1)/(n + 1) of its value a step and is seeded by the mean of its first n inputs (the
 * fast at values[fast − 1], the slow at values[slow − 1], the signal at values[slow + signal − 2]);
 * the settled length is the least at which every seed weighs at most SEED_WEIGHT_TOLERANCE (0.19%,
 * series.ts). For (12, 26, 9) the slow EMA decides: 26 + 82 = 108 values.
 * @example macdSettledLength() // 108
 */
export function macdSettledLength(
  fast: number = MACD_DEFAULTS.fast,
  slow: number = MACD_DEFAULTS.slow,
  signal: number = MACD_DEFAULTS.signal,
): number {
  checkPeriod('fast', fast);
  checkPeriod('slow', slow);
  checkPeriod('signal', signal);
  if (fast >= slow)
    throw invalidInput('fast', `is ${fast}, not shorter than slow ${slow}`, 'pass fast < slow, e.g. 12 and 26');
  const settled = (n: number, seededAfter: number) => seededAfter + stepsToSettle((n - 1) / (n + 1));
  return Math.max(settled(fast, fast), settled(slow, slow), settled(signal, slow + signal - 1));
}

/**
 * The vol-of-vol signal's decision (ALVH-METHOD section 3): vol of vol is expanding when the MACD
 * histogram of the series is above 0.
 */
export function volOfVolExpanding(histogram: number): boolean {
  return histogram > 0;
}
