/**
 * The model's factors read from a VIX history: how much of today's VIX the model attributes to the
 * persistent level (slow factor), to a recent jump (spike factor) and to ordinary fast noise. A spike
 * out of calm (2018-02, 2024-08) lands in the spike factor and reverts within days to weeks; a grind
 * up over months (2008, 2020) raises the slow factor.
 *
 * The fast and slow factors share one diffusion shock (the slow factor takes the share w of it) and
 * the jumps land in the spike factor, so from one close to the next the filter reads the move of
 * ln VIX beyond what reversion explains as a diffusion shock up to `JUMP_SDS` of its own standard
 * deviation and the rest as a jump: the slow factor takes w of the diffusion part, the spike factor
 * the jump, the fast factor the remainder. The filter is causal (each day uses only closes up to
 * that day), runs over weekends and holidays at the calendar-day speeds, and starts at the factors'
 * expectation given the first VIX ({@link factorsGivenVix}).
 */
import { invalidInput } from '../../errors';
import { checkFinite } from '../../validate';
import { DT, factorsGivenVix, kappaSpike, logVixVariance, type LogVixParams } from './logVixParams';

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

/** The slow and spike factors (log points) at each close of a history. */
export interface FilteredFactors {
  slow: Float64Array;
  spike: Float64Array;
}

/**
 * The slow and spike factors at each close of `closes` (ascending days, VIX > 0), by the filter
 * above. Pass them as `slowStart` and `spikeStart` to start the model from that day.
 *
 * @example
 * const f = filterFactors(CALIBRATED.params, closes);
 * new LogVixModel(CALIBRATED.params, { ...start, vix: closes[i].value, slowStart: f.slow[i], spikeStart: f.spike[i] });
 */
export function filterFactors(p: LogVixParams, closes: readonly VixClose[], field = 'closes'): FilteredFactors {
  const out = { slow: new Float64Array(closes.length), spike: new Float64Array(closes.length) };
  if (closes.length === 0) return out;
  const first = checkFinite(`${field}[0].value`, closes[0]!.value);
  if (!(first > 0)) {
    throw invalidInput(`${field}[0].value`, `is ${first}, not a positive VIX`, 'pass VIX closes above 0');
  }
  const start = factorsGivenVix(p, Math.log(first));
  let slow = start.slow;
  let spike = start.spike;
  let fast = start.fast;
  out.slow[0] = slow;
  out.spike[0] = spike;
  const kj = kappaSpike(p);
  for (let i = 1; i < closes.length; i++) {
    const prev = closes[i - 1]!;
    const c = closes[i]!;
    const gap = c.day - prev.day;
    if (!(gap >= 1) || !(c.value > 0) || !Number.isFinite(c.value)) {
      throw invalidInput(
        `${field}[${i}]`,
        `is day ${c.day} VIX ${c.value} after day ${prev.day}`,
        'pass positive VIX closes on ascending days',
      );
    }
    const phiF = Math.exp(-p.kappaFast * gap * DT);
    const phiS = Math.exp(-p.kappaSlow * gap * DT);
    const phiJ = Math.exp(-kj * gap * DT);
    const d = Math.log(c.value) - p.logLevel;
    const move = d - phiF * fast - phiS * slow - phiJ * spike;
    const sd = Math.sqrt(logVixVariance(p, Math.log(prev.value)) * gap * DT);
    const diffusion = move < JUMP_SDS * sd ? move : JUMP_SDS * sd;
    slow = phiS * slow + p.slowShare * diffusion;
    spike = phiJ * spike + (move - diffusion);
    fast = d - slow - spike;
    out.slow[i] = slow;
    out.spike[i] = spike;
  }
  return out;
}

/**
 * The slow factor alone at each close ({@link filterFactors}).
 *
 * @example
 * const slow = filterSlow(CALIBRATED.params, closes);
 */
export function filterSlow(p: LogVixParams, closes: readonly VixClose[]): Float64Array {
  return filterFactors(p, closes).slow;
}
