/**
 * Wilder's Relative Strength Index (J. Welles Wilder, New Concepts in Technical Trading Systems,
 * 1978; worked example in StockCharts ChartSchool, "Relative Strength Index (RSI)").
 */
import { checkPeriod, checkSeries, stepsToSettle } from './series';

/**
 * RSI with Wilder's smoothing, 0-100. The first average gain and loss are the simple means of the
 * first `period` close-to-close changes; each later average is (previous·(period − 1) + current) /
 * period. RSI = 100 − 100 / (1 + avgGain/avgLoss); 100 when there is no loss, 50 when the closes do
 * not move at all.
 * @param closes daily closes, oldest first (at least period + 1)
 * @param period default 14
 * @returns one RSI per close from closes[period] on: out[0] is the RSI after closes[period], and
 *   out[out.length − 1] the RSI of the last close (length closes.length − period)
 * @example rsi([44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28])
 * // [70.4641...]
 */
export function rsi(closes: readonly number[], period = 14): number[] {
  checkPeriod('period', period);
  checkSeries('closes', closes, period + 1, `a ${period}-period RSI`);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const ch = (closes[i] as number) - (closes[i - 1] as number);
    if (ch > 0) gain += ch;
    else loss -= ch;
  }
  gain /= period;
  loss /= period;
  const out = [value(gain, loss)];
  for (let i = period + 1; i < closes.length; i++) {
    const ch = (closes[i] as number) - (closes[i - 1] as number);
    gain = (gain * (period - 1) + (ch > 0 ? ch : 0)) / period;
    loss = (loss * (period - 1) + (ch < 0 ? -ch : 0)) / period;
    out.push(value(gain, loss));
  }
  return out;
}

/**
 * The closes an RSI of `period` needs before its start stops mattering: Wilder's averages keep
 * 1 − 1/period of their value each close, seeded at closes[period], so after `length` closes the
 * seed weighs (1 − 1/period)^(length − period − 1); the settled length is the least at which that is
 * at most SEED_WEIGHT_TOLERANCE (0.19%, series.ts). A shorter history gives an RSI, and sometimes a
 * decision, that a longer one would not.
 * @example rsiSettledLength(14) // 100
 * @example rsiSettledLength(100) // 725
 */
export function rsiSettledLength(period = 14): number {
  checkPeriod('period', period);
  return period + 1 + stepsToSettle(1 - 1 / period);
}

function value(gain: number, loss: number): number {
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}
