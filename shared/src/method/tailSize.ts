/**
 * The tail VIX call hedge (ALVH-METHOD section 6; the engine of ALVH.TAILSIZE): choose the
 * expiry and strike, and size the number of VIX calls whose gain in a drawdown covers
 * `coverage` × the condor's loss.
 */
import { blackFormula } from '../pricing/index';
import { invalidInput, noSolution } from '../errors';
import { daysBetween } from '../dates';
import { checkNonNegative, checkPositive, checkRange, checkRate, checkVol, checkVxPrice } from '../validate';
import { OPTION_MULTIPLIER } from '../book/index';
import { DEFAULT_POLICY, MAX_TAIL_OTM_PCT, type Policy } from '../schemas/policy';

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
  // the bound of policy.tailOtmPct and sizeTailHedge (docs/method.md gives the reason)
  checkRange('otmPct', otmPct, 0, MAX_TAIL_OTM_PCT);
  checkPositive('strikeStep', step);
  return gridStrike(future, otmPct, step);
}

/**
 * {@link tailStrike} without the checks: F·(1 + offset) rounded up to the grid. The structures'
 * ladder calls it for its offsets, which its schema bounds to [0, 5] (a call at up to six times the
 * future), wider than the tail call's `otmPct` in [0, MAX_TAIL_OTM_PCT] (0.5).
 */
export function gridStrike(future: number, otmPct: number, step: number): number {
  const raw = future * (1 + otmPct);
  const k = Math.ceil(raw / step - EPS) * step;
  // Rounded to 10 decimals (a grid of 0.01 gives 17.01, not 17.009999999999998); a whole number
  // already is, and skips the string round trip (which would also turn −0 into 0).
  if (Number.isInteger(k)) return k === 0 ? 0 : k;
  return Number(k.toFixed(10));
}

/** Black-76 call price per share (points), unchecked: e^(−rT)·Black(F, K, σ√T), as `black76Price`. */
function callPrice(future: number, strike: number, years: number, vol: number, rate: number): number {
  return Math.exp(-rate * years) * blackFormula(true, future, strike, vol * Math.sqrt(years));
}

/**
 * The hedge expiry: the one whose days to expiry lie in [dteMin, dteMax]; when several do, the one
 * nearest `target`; when none does, the one nearest `target` (ties: the later one).
 * @example selectTailExpiry('2020-03-12', ['2020-03-18', '2020-04-15', '2020-05-20'], 45, 60, 52) // '2020-05-20' (69 days; none in the window, 69 is nearer 52 than 34)
 */
export function selectTailExpiry(
  valuationDate: string,
  expiries: readonly string[],
  dteMin = DEFAULT_POLICY.tailDteMin,
  dteMax = DEFAULT_POLICY.tailDteMax,
  target = DEFAULT_POLICY.tailDteTarget,
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
 * Strike, premium and scenario value of one tail call, unchecked (inputs validated by the caller:
 * positive future, stressed future, years and strike step, vols in (0, 5], otmPct in
 * [0, MAX_TAIL_OTM_PCT] (0.5));
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
  const strike = gridStrike(i.future, i.otmPct, i.strikeStep);
  const premium = callPrice(i.future, strike, i.years, i.volOfVol, i.rate);
  const left = Math.max(0, i.years - i.horizonYears);
  const stressedCallValue = callPrice(i.stressedFuture, strike, left, i.stressVolOfVol, i.rate);
  return { strike, premium, stressedCallValue, gainPerContract: (stressedCallValue - premium) * OPTION_MULTIPLIER };
}

/** {@link TailSizeInput} with every default applied; the kernel's input. */
export interface TailSizeArgs {
  condorLoss: number;
  hedgeFuture: number;
  hedgeYears: number;
  volOfVol: number;
  stressedFuture: number;
  coverage: number;
  otmPct: number;
  rate: number;
  horizonYears: number;
  stressVolOfVol: number;
  strikeStep: number;
}

/**
 * Validate a {@link TailSizeInput} and apply its defaults (the default policy's tailCoverage,
 * tailOtmPct, drawdownDays/365 and vixStrikeStep; rate 0; stress vol-of-vol = volOfVol). Throws `invalid_input` naming the
 * field.
 */
export function resolveTailSizeInput(i: TailSizeInput): TailSizeArgs {
  const condorLoss = checkNonNegative('condorLoss', i.condorLoss);
  // a loss no book of at most 100,000 condors reaches: a slip whose sizing would overflow
  if (condorLoss > MAX_CONDOR_LOSS)
    throw invalidInput(
      'condorLoss',
      `is ${condorLoss} USD, above ${MAX_CONDOR_LOSS.toExponential(0)}`,
      "pass the condor's loss in the drawdown scenario in USD (ALVH.CONDORLOSS), e.g. 30605",
    );
  const hedgeFuture = checkVxPrice('hedgeFuture', i.hedgeFuture);
  const hedgeYears = checkPositive('hedgeYears', i.hedgeYears);
  const volOfVol = checkVol('volOfVol', i.volOfVol, false);
  const stressedFuture = checkPositive('stressedFuture', i.stressedFuture);
  const a: TailSizeArgs = {
    condorLoss,
    hedgeFuture,
    hedgeYears,
    volOfVol,
    stressedFuture,
    coverage: checkPositive('coverage', i.coverage ?? DEFAULT_POLICY.tailCoverage),
    otmPct: checkRange('otmPct', i.otmPct ?? DEFAULT_POLICY.tailOtmPct, 0, MAX_TAIL_OTM_PCT),
    rate: checkRate('rate', i.rate ?? 0),
    horizonYears: checkNonNegative('horizonYears', i.horizonYears ?? DEFAULT_POLICY.drawdownDays / 365),
    stressVolOfVol: checkVol('stressVolOfVol', i.stressVolOfVol ?? volOfVol, false),
    strikeStep: checkPositive('strikeStep', i.strikeStep ?? DEFAULT_POLICY.vixStrikeStep),
  };
  // The Black-76 domain (levels in [1e-8, 1e12] points, at most 100 years), checked here once.
  checkLevel('hedgeFuture', hedgeFuture);
  if (hedgeYears > MAX_YEARS) {
    throw invalidInput(
      'hedgeYears',
      `is ${hedgeYears} years, beyond ${MAX_YEARS}`,
      'pass days to the hedge expiry / 365',
    );
  }
  checkLevel('stressedFuture', stressedFuture);
  const strike = gridStrike(hedgeFuture, a.otmPct, a.strikeStep);
  if (strike < MIN_LEVEL || strike > MAX_LEVEL) {
    throw invalidInput(
      'strikeStep',
      `puts the strike at ${strike}, outside [1e-8, 1e12]`,
      'pass a VIX strike grid step in points, e.g. 1',
    );
  }
  return a;
}

/** The largest condor loss a sizing takes, USD: above any book of 100,000 condors the plan accepts (at most about 1.5e13). */
const MAX_CONDOR_LOSS = 1e15;
const MIN_LEVEL = 1e-8;
const MAX_LEVEL = 1e12;
const MAX_YEARS = 100;

function checkLevel(field: string, x: number): void {
  if (x < MIN_LEVEL || x > MAX_LEVEL) {
    throw invalidInput(field, `is ${x}, outside [1e-8, 1e12]`, 'pass a VX futures price in index points, e.g. 18.4');
  }
}

/**
 * The coverage rule of section 6, unchecked: ceil(coverage · loss / gain per contract) whole
 * contracts (a 1e-9 tolerance keeps an exact ratio from rounding up); 0 when the loss is 0 or the
 * call gains nothing.
 * @example coverageContracts(1.8, 42_000, 922.8) // 82
 */
export function coverageContracts(coverage: number, loss: number, gainPerContract: number): number {
  return gainPerContract > 0 && loss !== 0 ? Math.max(0, Math.ceil((coverage * loss) / gainPerContract - EPS)) : 0;
}

/** The policy fields of a tail sizing. */
export type TailPolicy = Pick<
  Policy,
  'tailCoverage' | 'tailOtmPct' | 'drawdownDays' | 'stressVolOfVol' | 'vixStrikeStep'
>;

/** The day's figures of a tail sizing (the rest comes from the policy). */
export interface TailSizingMarket {
  condorLoss: number;
  hedgeFuture: number;
  hedgeYears: number;
  volOfVol: number;
  stressedFuture: number;
  rate: number;
}

/**
 * The one mapping from the policy to the tail-sizing input (plan, replay and Monte Carlo): coverage
 * `tailCoverage`, strike `tailOtmPct` above the future on the `vixStrikeStep` grid, the scenario
 * `drawdownDays` ahead, its vol of vol `stressVolOfVol` (else today's).
 */
export function tailSizeInputFor(policy: TailPolicy, m: TailSizingMarket): Required<TailSizeInput> {
  return {
    condorLoss: m.condorLoss,
    hedgeFuture: m.hedgeFuture,
    hedgeYears: m.hedgeYears,
    volOfVol: m.volOfVol,
    stressedFuture: m.stressedFuture,
    coverage: policy.tailCoverage,
    otmPct: policy.tailOtmPct,
    rate: m.rate,
    horizonYears: policy.drawdownDays / 365,
    stressVolOfVol: policy.stressVolOfVol ?? m.volOfVol,
    strikeStep: policy.vixStrikeStep,
  };
}

/**
 * The maths of {@link sizeTailHedge} without validation, for hot loops whose inputs are valid by
 * construction (the Monte Carlo's rebalances): the same strike, prices and contracts, bit for bit.
 * A gain per contract ≤ 0 (no covering size) is not an error here: the result then has
 * `gainPerContract` ≤ 0 and 0 contracts, and the caller decides (sizeTailHedge throws
 * `no_solution` when the loss is above 0). Inputs outside the checked domain give meaningless numbers. With `out`, the
 * result is written into it (no allocation in a loop) and `out` is returned.
 *
 * @example
 * sizeTailHedgeKernel({ condorLoss: 42_000, hedgeFuture: 16, hedgeYears: 52 / 365, volOfVol: 1, stressedFuture: 28,
 *   coverage: 1.8, otmPct: 0.025, rate: 0, horizonYears: 10 / 365, stressVolOfVol: 1, strikeStep: 1 }).contracts // 82
 */
export function sizeTailHedgeKernel(a: TailSizeArgs, out?: TailSizeResult): TailSizeResult {
  const strike = gridStrike(a.hedgeFuture, a.otmPct, a.strikeStep);
  const premium = callPrice(a.hedgeFuture, strike, a.hedgeYears, a.volOfVol, a.rate);
  const left = Math.max(0, a.hedgeYears - a.horizonYears);
  const stressedCallValue = callPrice(a.stressedFuture, strike, left, a.stressVolOfVol, a.rate);
  const gainPerContract = (stressedCallValue - premium) * OPTION_MULTIPLIER;
  const loss = a.condorLoss;
  const targetGain = a.coverage * loss;
  const contracts = coverageContracts(a.coverage, loss, gainPerContract);
  const cost = contracts * premium * OPTION_MULTIPLIER;
  const coverageAchieved = loss === 0 ? 0 : (contracts * gainPerContract) / loss;
  if (out === undefined) {
    return { contracts, strike, premium, stressedCallValue, gainPerContract, cost, coverageAchieved, targetGain };
  }
  out.contracts = contracts;
  out.strike = strike;
  out.premium = premium;
  out.stressedCallValue = stressedCallValue;
  out.gainPerContract = gainPerContract;
  out.cost = cost;
  out.coverageAchieved = coverageAchieved;
  out.targetGain = targetGain;
  return out;
}

/**
 * Size the tail hedge: contracts = ceil(coverage · loss / gain per contract).
 * A gain ≤ 0 is a `no_solution` error saying what to change, unless the loss is 0: with nothing to
 * cover the rule asks for 0 contracts whatever the call gains (the result says so: `contracts` 0,
 * `targetGain` 0, the call's `gainPerContract` as priced).
 *
 * @example
 * sizeTailHedge({ condorLoss: 42_000, hedgeFuture: 16, hedgeYears: 52/365, volOfVol: 1.0, stressedFuture: 28 })
 * // strike 17, premium ≈ 2.00, stressed value ≈ 11.23, gain ≈ $922.80, contracts = ceil(75600 / 922.80) = 82
 */
export function sizeTailHedge(i: TailSizeInput): TailSizeResult {
  const a = resolveTailSizeInput(i);
  const r = sizeTailHedgeKernel(a);
  if (!(r.gainPerContract > 0) && a.condorLoss > 0) {
    throw noSolution(
      'stressedFuture',
      `a call struck at ${r.strike} costs ${r.premium.toFixed(2)} and is worth ${r.stressedCallValue.toFixed(2)} in the scenario (future ${a.stressedFuture.toFixed(2)}), so it gains nothing and cannot cover the loss`,
      'raise the stressed VIX (policy.stressVix or policy.stressVixPerPct), choose a later hedge expiry or a lower policy.tailOtmPct',
    );
  }
  return r;
}
