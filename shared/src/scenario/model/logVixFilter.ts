/**
 * The model's slow factor read from a VIX history: how much of today's VIX the model attributes to
 * the persistent level rather than to a recent spike. A spike out of calm (2018-02, 2024-08) leaves
 * the slow factor low and reverts within weeks; a grind up over months (2008, 2020) raises it.
 *
 * The factors share one diffusion shock (the slow factor takes the share w of it) and the jumps land
 * in the fast factor, so from one close to the next the model reads the move of ln VIX beyond what
 * reversion explains as a diffusion shock up to `JUMP_SDS` of its own standard deviation and the
 * rest as a jump; the slow factor takes w of the diffusion part. The filter is causal (each day uses
 * only closes up to that day), runs over weekends and holidays at the calendar-day speeds, and starts
 * at the slow factor's expectation given the first VIX ({@link slowGivenVix}).
 */
import { invalidInput } from '../../errors';
import { checkFinite } from '../../validate';
import { DT, logVixVariance, slowGivenVix, type LogVixParams } from './logVixParams';

/**
 * A move of ln VIX beyond this many diffusion standard deviations counts as a jump (its excess).
 * Chosen in sample: the 1990-2020 VIX cells fit best at 2 of 1.5, 2 and 3 (docs/scenarios.md).
 */
export const JUMP_SDS = 2;

/** One close of a VIX history: whole days since 1970-01-01 and the VIX. */
export interface VixClose {
  day: number;
  value: number;
}

/**
 * The slow factor Y (log points) at each close of `closes` (ascending days, VIX > 0), by the filter
 * above. Pass it as `slowStart` to start the model from that day.
 *
 * @example
 * const slow = filterSlow(CALIBRATED.params, closes);
 * new LogVixModel(CALIBRATED.params, { ...start, vix: closes[i].value, slowStart: slow[i] });
 */
export function filterSlow(p: LogVixParams, closes: readonly VixClose[]): Float64Array {
  const out = new Float64Array(closes.length);
  if (closes.length === 0) return out;
  const first = checkFinite('closes[0].value', closes[0]!.value);
  if (!(first > 0)) throw invalidInput('closes[0].value', `is ${first}, not a positive VIX`, 'pass VIX closes above 0');
  let slow = slowGivenVix(p, Math.log(first));
  let fast = Math.log(first) - p.logLevel - slow;
  out[0] = slow;
  for (let i = 1; i < closes.length; i++) {
    const prev = closes[i - 1]!;
    const c = closes[i]!;
    const gap = c.day - prev.day;
    if (!(gap >= 1) || !(c.value > 0) || !Number.isFinite(c.value)) {
      throw invalidInput(
        `closes[${i}]`,
        `is day ${c.day} VIX ${c.value} after day ${prev.day}`,
        'pass positive VIX closes on ascending days',
      );
    }
    const phiF = Math.exp(-p.kappaFast * gap * DT);
    const phiS = Math.exp(-p.kappaSlow * gap * DT);
    const d = Math.log(c.value) - p.logLevel;
    const move = d - phiF * fast - phiS * slow;
    const sd = Math.sqrt(logVixVariance(p, Math.log(prev.value)) * gap * DT);
    const diffusion = move < JUMP_SDS * sd ? move : JUMP_SDS * sd;
    slow = phiS * slow + p.slowShare * diffusion;
    fast = d - slow;
    out[i] = slow;
  }
  return out;
}
