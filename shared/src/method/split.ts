/**
 * The split of the hedge budget between the calendar overlay and the tail VIX hedge
 * (ALVH-METHOD section 4, the engine of ALVH.SPLIT). Rules run in the method's order — base,
 * RSI widening, flattening, vol-of-vol, clamp — and each one that fires leaves an
 * {@link AuditEntry}.
 */
import { SPREAD_TOLERANCE, classifyRegime, type Regime } from '../market/index';
import { breadthDeteriorating, volOfVolExpanding } from '../signals/index';
import { invalidInput } from '../errors';
import { checkFinite, checkRange, checkVxPrice } from '../validate';
import { fmt, type AuditEntry } from './audit';
import { resolvePolicy, type Policy } from '../schemas/policy';

export interface SplitInput {
  /** F1 − F2 in VIX points (positive = backwardation). */
  spread: number;
  regime: Regime;
  /** RSI(14) of SPX closes, 0-100. Omit when unknown: RSI widening then does not fire. */
  rsi?: number;
  /** The spread at the last rebalance (or 5 trading days ago), VIX points. */
  prevSpread?: number;
  /** Where `prevSpread` came from, for the audit (default 'given'; the plan's last rebalance names its curve). */
  prevSpreadFrom?: string;
  /** MACD histogram of the policy's vol-of-vol series (VVIX by default, or VVIX/VIX) > 0. */
  volOfVolExpanding?: boolean;
  /**
   * The MACD histogram that decides `volOfVolExpanding` (recorded in the audit rows). Given alone,
   * it decides it; given with it, the two must agree.
   */
  macdHist?: number;
  /** A/D line slope over the lookback < 0. Omit when no breadth data is given. */
  breadthDeteriorating?: boolean;
  /** The A/D slope (issues a day) that decides `breadthDeteriorating`, as `macdHist` decides its signal. */
  adSlope?: number;
}

export interface SplitResult {
  calendarShare: number;
  tailShare: number;
  /** The overlay's vega target as a fraction of |condor vega| (section 5). */
  vegaMatch: number;
  rsiWidened: boolean;
  audit: AuditEntry[];
}

const REGIMES: readonly Regime[] = ['steep-backwardation', 'backwardation', 'flat', 'contango'];

/** How far past a calendar-share bound a share may fall by rounding alone and still be at it. */
const CLAMP_TOLERANCE = 1e-9;

/**
 * How far under `rsiWiden` an RSI still counts as on it: Wilder's averages of the 14 changes +1, +1,
 * −1, −1, −1 and nine zeros give 39.99999999999999 for an RSI of exactly 40, which the method's
 * strict "<" does not widen. As `SHIFT_TOLERANCE` for the curve-shift trigger.
 */
export const RSI_TOLERANCE = 1e-9;

/** The RSI widening's condition of section 4: RSI below `rsiWiden`, by more than a rounding error. */
export function rsiBelowWiden(rsi: number, policy: Pick<Policy, 'rsiWiden'>): boolean {
  return rsi < policy.rsiWiden - RSI_TOLERANCE;
}

/**
 * A value below a bound, to 2 decimals where that shows it below and with more digits where it does
 * not: RSI 39.999 to 2 decimals read "RSI 40 < 40". Up to 10 decimals, so an RSI under the bound by
 * more than {@link RSI_TOLERANCE} never prints the bound.
 */
function belowBound(x: number, bound: number): string {
  let digits = 2;
  while (digits < 10 && !(Number(fmt(x, digits)) < bound)) digits += 1;
  return fmt(x, digits);
}

/** Up to 4 significant digits, for a signal value that can be tiny: 0.0003, -152.3. */
const sig = (x: number): string => String(Number(x.toPrecision(4)));

/**
 * A boolean signal and the value that decides it: the value decides when the boolean is not
 * given, and a boolean given beside a value must be the value's decision.
 */
function decided(
  flag: string,
  given: boolean | undefined,
  field: string,
  value: number | undefined,
  decide: (x: number) => boolean,
  rule: string,
): boolean | undefined {
  if (value === undefined) return given;
  const byValue = decide(checkFinite(field, value));
  if (given !== undefined && given !== byValue) {
    throw invalidInput(
      flag,
      `is ${given}, but ${field} ${sig(value)} gives ${byValue} (${rule})`,
      `pass ${field} alone, or the ${flag} it decides`,
    );
  }
  return byValue;
}

/** Piecewise-linear interpolation through sorted knots, flat outside. */
export function interpolateKnots(knots: readonly (readonly [number, number])[], x: number): number {
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (!first || !last) throw invalidInput('policy.splitKnots', 'is empty', 'pass at least two knots');
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < knots.length; i++) {
    const b = knots[i] as readonly [number, number];
    const a = knots[i - 1] as readonly [number, number];
    if (x <= b[0]) return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0]);
  }
  return last[1];
}

/**
 * Calendar and tail shares of the hedge budget, and the overlay's vega match.
 *
 * @example
 * computeSplit({ spread: 4, regime: 'steep-backwardation' })            // calendar 0.60, tail 0.40
 * computeSplit({ spread: 4, regime: 'steep-backwardation', rsi: 35 })   // calendar 0.72, tail 0.28, vegaMatch 0.60
 */
export function computeSplit(input: SplitInput, policy: Policy = resolvePolicy()): SplitResult {
  const spread = checkFinite('spread', input.spread);
  if (!REGIMES.includes(input.regime)) {
    throw invalidInput('regime', `is ${JSON.stringify(input.regime)}`, `pass one of ${REGIMES.join(', ')}`);
  }
  const expanding = decided(
    'volOfVolExpanding',
    input.volOfVolExpanding,
    'macdHist',
    input.macdHist,
    volOfVolExpanding,
    'expanding above 0',
  );
  const deteriorating = decided(
    'breadthDeteriorating',
    input.breadthDeteriorating,
    'adSlope',
    input.adSlope,
    breadthDeteriorating,
    'deteriorating below 0',
  );
  const audit: AuditEntry[] = [];

  // 1. Base
  let cal = interpolateKnots(policy.splitKnots, spread);
  audit.push({
    rule: 'split.base',
    inputs: { spread, knots: policy.splitKnots.map((k) => `(${k[0]}, ${k[1]})`).join(' ') },
    effect: `spread ${fmt(spread)} pts gives calendar ${fmt(cal)} / tail ${fmt(1 - cal)}`,
  });

  // 2. RSI widening
  let vegaMatch = policy.vegaMatch;
  let rsiWidened = false;
  if (input.rsi !== undefined) {
    const rsi = checkRange('rsi', input.rsi, 0, 100);
    const backwardated = input.regime === 'backwardation' || input.regime === 'steep-backwardation';
    if (rsiBelowWiden(rsi, policy) && backwardated) {
      if (deteriorating === true) {
        audit.push({
          rule: 'split.rsi-widening-blocked',
          inputs: {
            rsi,
            rsiWiden: policy.rsiWiden,
            regime: input.regime,
            breadthDeteriorating: true,
            adSlope: input.adSlope ?? 'not given',
          },
          effect: `RSI is oversold in a backwardation but breadth is deteriorating${input.adSlope === undefined ? '' : ` (A/D slope ${sig(input.adSlope)} issues a day < 0)`}, so the calendar layer is not widened`,
        });
      } else {
        const before = cal;
        cal *= policy.rsiWidenFactor;
        const vmBefore = vegaMatch;
        vegaMatch = Math.min(policy.vegaMatchCap, vegaMatch * policy.rsiWidenFactor);
        rsiWidened = true;
        audit.push({
          rule: 'split.rsi-widening',
          inputs: {
            rsi,
            rsiWiden: policy.rsiWiden,
            regime: input.regime,
            rsiWidenFactor: policy.rsiWidenFactor,
            // the widening also needs breadth not deteriorating (else split.rsi-widening-blocked)
            breadthDeteriorating: deteriorating ?? 'not given',
            adSlope: input.adSlope ?? 'not given',
          },
          effect: `RSI ${belowBound(rsi, policy.rsiWiden)} < ${policy.rsiWiden} in ${input.regime}: calendar ${fmt(before)} × ${policy.rsiWidenFactor} = ${fmt(cal)}; vega match ${fmt(vmBefore)} → ${fmt(vegaMatch)} (cap ${policy.vegaMatchCap})`,
        });
      }
    }
  }

  // 3. Flattening
  if (input.prevSpread !== undefined) {
    const prev = checkFinite('prevSpread', input.prevSpread);
    const flattening = prev - spread;
    if (prev > 0 && flattening >= policy.flatteningMinPts - SPREAD_TOLERANCE) {
      const shift = Math.min(policy.flatteningMaxShift, policy.flatteningShiftPerPt * flattening);
      const before = cal;
      cal -= shift;
      audit.push({
        rule: 'split.flattening',
        inputs: {
          prevSpread: prev,
          prevSpreadFrom: input.prevSpreadFrom ?? 'given',
          spread,
          flattening,
          flatteningMinPts: policy.flatteningMinPts,
          flatteningShiftPerPt: policy.flatteningShiftPerPt,
          flatteningMaxShift: policy.flatteningMaxShift,
        },
        effect: `the spread fell by ${fmt(flattening)} ${fmt(flattening) === '1' ? 'pt' : 'pts'} (${fmt(prev)} → ${fmt(spread).replace(/^-/, '−')}): move min(${policy.flatteningMaxShift}, ${policy.flatteningShiftPerPt} × ${fmt(flattening)}) = ${fmt(shift)} from calendar to tail (calendar ${fmt(before)} → ${fmt(cal)})`,
      });
    }
  }

  // 4. Vol-of-vol
  if (expanding === true) {
    const before = cal;
    cal -= policy.volOfVolTilt;
    audit.push({
      rule: 'split.vol-of-vol',
      inputs: {
        volOfVolExpanding: true,
        macdHist: input.macdHist ?? 'not given',
        volOfVolSeries: policy.volOfVolSeries,
        volOfVolTilt: policy.volOfVolTilt,
      },
      effect: `vol-of-vol expanding (MACD histogram of ${policy.volOfVolSeries === 'vvix' ? 'VVIX' : 'VVIX/VIX'}${input.macdHist === undefined ? '' : ` ${sig(input.macdHist)}`} > 0): move ${policy.volOfVolTilt} from calendar to tail (calendar ${fmt(before)} → ${fmt(cal)})`,
    });
  }

  // 5. Clamp
  const clamped = Math.min(policy.maxCalendarShare, Math.max(policy.minCalendarShare, cal));
  // a share a rounding error past a bound (0.65 × 1.2 − 0.03 = 0.7500000000000001) is at it: it
  // takes the bound without a row that would read "calendar 0.75 clamped to 0.75"
  if (Math.abs(clamped - cal) > CLAMP_TOLERANCE) {
    audit.push({
      rule: 'split.clamp',
      inputs: {
        calendarShare: cal,
        minCalendarShare: policy.minCalendarShare,
        maxCalendarShare: policy.maxCalendarShare,
      },
      effect: `calendar ${fmt(cal)} clamped to ${fmt(clamped)}`,
    });
  }
  cal = clamped;
  return { calendarShare: cal, tailShare: 1 - cal, vegaMatch, rsiWidened, audit };
}

/** The split's input as a trader types it: the two front futures and the raw signal values. */
export interface SplitFromFuturesInput {
  /** Front VX future F1, index points. */
  vx1: number;
  /** Second VX future F2, index points. */
  vx2: number;
  rsi?: number;
  prevSpread?: number;
  /** MACD histogram of the vol-of-vol series; above 0 = expanding. */
  macdHist?: number;
  /** Slope of the advance/decline line; below 0 = deteriorating. */
  adSlope?: number;
}

/**
 * The split from the two front futures (ALVH.SPLIT): both prices pass the one VX price check
 * (`checkVxPrice`), the regime follows the policy's thresholds, and the signal values are read by
 * the method's own decisions (`volOfVolExpanding`, `breadthDeteriorating`).
 * @example splitFromFutures({ vx1: 20.8, vx2: 22.8 }) // contango (F1 − F2 = −2, a knot): calendar 0.40, tail 0.60
 * @example splitFromFutures({ vx1: 0.2, vx2: 0.16 }) // throws "vx1: is 0.2, which looks like a decimal, not VIX points; ..."
 */
export function splitFromFutures(i: SplitFromFuturesInput, policy: Policy = resolvePolicy()): SplitResult {
  const f1 = checkVxPrice('vx1', i.vx1);
  const f2 = checkVxPrice('vx2', i.vx2);
  const spread = f1 - f2;
  return computeSplit(
    {
      spread,
      regime: classifyRegime(spread, { steepSpread: policy.steepSpread, flatBand: policy.flatBand }),
      ...(i.rsi === undefined ? {} : { rsi: i.rsi }),
      ...(i.prevSpread === undefined ? {} : { prevSpread: i.prevSpread }),
      ...(i.macdHist === undefined ? {} : { macdHist: i.macdHist }),
      ...(i.adSlope === undefined ? {} : { adSlope: i.adSlope }),
    },
    policy,
  );
}
