/**
 * The tail VIX call hedge (ALVH-METHOD section 6; the engine of ALVH.TAILSIZE): choose the
 * expiry and strike, and size the number of VIX calls whose gain in a drawdown covers
 * `coverage` × the condor's loss.
 */
import { black76Price } from '../pricing/index';
import { invalidInput, noSolution } from '../errors';
import { daysBetween } from '../dates';
import { checkNonNegative, checkPositive, checkRange, checkRate, checkVol } from '../validate';
import { OPTION_MULTIPLIER } from '../book/index';

export interface TailSizeInput {
  /** The condor's loss in the drawdown scenario, USD, ≥ 0. */
  condorLoss: number;
  /** Today's VX future of the hedge expiry, points. */
  hedgeFuture: number;
  /** Years to the hedge expiry, ACT/365. */
  hedgeYears: number;
  /** Vol of the VX future today (VVIX/100 or 1.2), decimal. */
  volOfVol: number;
  /** The VX future of the hedge expiry in the drawdown scenario, points. */
  stressedFuture: number;
  /** Gain to loss ratio to aim for; default 1.8. */
  coverage?: number;
  /** Strike above the future, decimal; default 0.025. */
  otmPct?: number;
  /** Continuously compounded rate; default 0. */
  rate?: number;
  /** Years from now to the scenario (the drawdown's length); default 10/365. */
  horizonYears?: number;
  /** Vol of the VX future in the scenario; default `volOfVol`. */
  stressVolOfVol?: number;
  /** VIX option strike grid, points; default 1. */
  strikeStep?: number;
}

export interface TailSizeResult {
  /** Whole VIX calls to buy (≥ 0). */
  contracts: number;
  /** Strike, points, on the grid. */
  strike: number;
  /** Black-76 premium today per share, points. */
  premium: number;
  /** Black-76 value in the scenario per share, points. */
  stressedCallValue: number;
  /** (stressed value − premium) · 100, USD per contract. */
  gainPerContract: number;
  /** contracts · premium · 100, USD. */
  cost: number;
  /** contracts · gain / loss (Infinity-free: 0 when the loss is 0). */
  coverageAchieved: number;
  /** coverage · loss, USD: the gain aimed for. */
  targetGain: number;
}

const EPS = 1e-9;

/**
 * Strike of the tail call: F·(1 + otmPct) rounded UP to the grid (never below the OTM target).
 * @example tailStrike(16.2, 0.025, 1) // 17 (16.605 rounded up)
 */
export function tailStrike(future: number, otmPct: number, step: number): number {
  checkPositive('hedgeFuture', future);
  checkRange('otmPct', otmPct, 0, 1);
  checkPositive('strikeStep', step);
  const raw = future * (1 + otmPct);
  const k = Math.ceil(raw / step - EPS) * step;
  return Number(k.toFixed(10));
}

/**
 * The hedge expiry: the one whose days to expiry lie in [dteMin, dteMax]; when several do, the one
 * nearest `target`; when none does, the one nearest `target` (ties: the later one).
 * @example selectTailExpiry('2020-03-12', ['2020-03-18', '2020-04-15', '2020-05-19'], 45, 60, 52) // '2020-05-19' (68 days; none in the window, 68 is nearer 52 than 34)
 */
export function selectTailExpiry(
  valuationDate: string,
  expiries: readonly string[],
  dteMin = 45,
  dteMax = 60,
  target = 52,
): string {
  const candidates = expiries.map((e) => ({ e, d: daysBetween(valuationDate, e) })).filter((c) => c.d > 0);
  if (candidates.length === 0) {
    throw invalidInput(
      'futures',
      `has no VX expiry after ${valuationDate}`,
      'pass the listed VX futures with their expiries',
    );
  }
  const inWindow = candidates.filter((c) => c.d >= dteMin && c.d <= dteMax);
  const pool = inWindow.length > 0 ? inWindow : candidates;
  let best = pool[0] as { e: string; d: number };
  for (const c of pool) {
    const dc = Math.abs(c.d - target);
    const db = Math.abs(best.d - target);
    if (dc < db || (dc === db && c.d > best.d)) best = c;
  }
  return best.e;
}

export interface TailCallPricing {
  strike: number;
  premium: number;
  stressedCallValue: number;
  /** (stressed value − premium) · 100, USD; may be ≤ 0. */
  gainPerContract: number;
}

/**
 * Strike, premium and scenario value of one tail call, unchecked (inputs validated by the caller);
 * never throws on a non-positive gain (the analogs report it instead).
 */
export function priceTailCall(i: {
  future: number;
  years: number;
  volOfVol: number;
  stressedFuture: number;
  otmPct: number;
  rate: number;
  horizonYears: number;
  stressVolOfVol: number;
  strikeStep: number;
}): TailCallPricing {
  const strike = tailStrike(i.future, i.otmPct, i.strikeStep);
  const premium = black76Price({
    type: 'call',
    future: i.future,
    strike,
    years: i.years,
    vol: i.volOfVol,
    rate: i.rate,
  });
  const left = Math.max(0, i.years - i.horizonYears);
  const stressedCallValue = black76Price({
    type: 'call',
    future: i.stressedFuture,
    strike,
    years: left,
    vol: i.stressVolOfVol,
    rate: i.rate,
  });
  return { strike, premium, stressedCallValue, gainPerContract: (stressedCallValue - premium) * OPTION_MULTIPLIER };
}

/**
 * Size the tail hedge: contracts = ceil(coverage · loss / gain per contract).
 * A gain ≤ 0 is a `no_solution` error saying what to change.
 *
 * @example
 * sizeTailHedge({ condorLoss: 42_000, hedgeFuture: 16, hedgeYears: 52/365, volOfVol: 1.0, stressedFuture: 28 })
 * // strike 17, premium ≈ 2.00, stressed value ≈ 11.23, gain ≈ $922.80, contracts = ceil(75600 / 922.80) = 82
 */
export function sizeTailHedge(i: TailSizeInput): TailSizeResult {
  const loss = checkNonNegative('condorLoss', i.condorLoss);
  const future = checkPositive('hedgeFuture', i.hedgeFuture);
  const years = checkPositive('hedgeYears', i.hedgeYears);
  const vov = checkVol('volOfVol', i.volOfVol, false);
  const stressed = checkPositive('stressedFuture', i.stressedFuture);
  const coverage = checkPositive('coverage', i.coverage ?? 1.8);
  const otm = checkRange('otmPct', i.otmPct ?? 0.025, 0, 1);
  const rate = checkRate('rate', i.rate ?? 0);
  const horizon = checkNonNegative('horizonYears', i.horizonYears ?? 10 / 365);
  const stressVov = checkVol('stressVolOfVol', i.stressVolOfVol ?? vov, false);
  const step = checkPositive('strikeStep', i.strikeStep ?? 1);

  const priced = priceTailCall({
    future,
    years,
    volOfVol: vov,
    stressedFuture: stressed,
    otmPct: otm,
    rate,
    horizonYears: horizon,
    stressVolOfVol: stressVov,
    strikeStep: step,
  });
  const { strike, premium, stressedCallValue, gainPerContract } = priced;
  if (!(gainPerContract > 0)) {
    throw noSolution(
      'stressedFuture',
      `a call struck at ${strike} costs ${premium.toFixed(2)} and is worth ${stressedCallValue.toFixed(2)} in the scenario (future ${stressed.toFixed(2)}), so it gains nothing and cannot cover the loss`,
      'raise the stressed VIX (policy.stressVix or policy.stressVixPerPct), choose a later hedge expiry or a lower policy.tailOtmPct',
    );
  }
  const targetGain = coverage * loss;
  const contracts = loss === 0 ? 0 : Math.max(0, Math.ceil(targetGain / gainPerContract - EPS));
  return {
    contracts,
    strike,
    premium,
    stressedCallValue,
    gainPerContract,
    cost: contracts * premium * OPTION_MULTIPLIER,
    coverageAchieved: loss === 0 ? 0 : (contracts * gainPerContract) / loss,
    targetGain,
  };
}
