/**
 * The parameters of the log-VIX model (`logVixModel.ts`: fast, slow and spike factors) and the
 * functions of them alone: their checks, the vol of log VIX by level, the jump law, and the factors'
 * expectation given VIX.
 */
import { invalidInput } from '../../errors';
import { checkRange } from '../../validate';

/** One calendar day in years (ACT/365). */
export const DT = 1 / 365;
export const SQRT_DT = Math.sqrt(DT);
/** The reference level of the vol-of-vol function: ln 20. */
export const LOG_VIX_REF = Math.log(20);

/** Which measure the paths follow. */
export type Measure = 'real-world' | 'risk-neutral';
export const MEASURES: readonly Measure[] = ['real-world', 'risk-neutral'];

/** The model's parameters (fitted by `npm run calibrate`; units in each field's doc). */
export interface LogVixParams {
  /** μ: the constant part of ln VIX in the real-world measure (long-run ln VIX less the jumps' mean). */
  logLevel: number;
  /** Mean-reversion speed of the fast factor κ_f (per year). */
  kappaFast: number;
  /**
   * κ_f^Q: the fast factor's mean-reversion speed in the pricing measure (per year; default κ_f).
   * The VX futures are the conditional expectation under this speed, and the risk-neutral paths
   * follow it; the real-world paths revert at κ_f. A slower pricing speed makes the futures follow
   * a VIX move more than the real-world reversion would (the variance risk premium of a spike).
   */
  kappaFastPricing?: number;
  /**
   * κ_j: mean-reversion speed of the spike factor, which takes the up-jumps (per year; default κ_f,
   * when the spike factor reverts with the fast one and the model is the two-factor model).
   */
  kappaSpike?: number;
  /**
   * κ_j^Q: the spike factor's speed in the pricing measure (per year; default κ_j when κ_j is given,
   * else κ_f^Q). As κ_f^Q does for the fast factor, it sets how far the futures follow a jump.
   */
  kappaSpikePricing?: number;
  /** Mean-reversion speed of the slow factor κ_s (per year), below κ_f. */
  kappaSlow: number;
  /** w: the share of the diffusion shock carried by the slow factor, in [0, 1]. */
  slowShare: number;
  /** s₂₀: vol of log VIX at VIX = 20 (per √year, e.g. 0.9 for 90%). */
  volRef: number;
  /** b: slope of the variance of log VIX in ln VIX (s² = s₂₀² + b(ln VIX − ln 20)). */
  volSlope: number;
  /** Lowest vol of log VIX (per √year); only binds far below any VIX seen. */
  volFloor: number;
  /** λ: up-jumps per year. */
  jumpIntensity: number;
  /** η: mean of the ordinary up-jump of ln VIX (exponential), e.g. 0.15 (VIX × 1.16 on average). */
  jumpMeanLog: number;
  /** q: the share of jumps that are large, in [0, 1]. */
  bigJumpShare: number;
  /** η₂: mean of a large up-jump of ln VIX (exponential, below 1 so that E[VIX] is finite). */
  bigJumpMeanLog: number;
  /** c: SPX log drop per unit of log-VIX jump (a jump of J in ln VIX moves SPX by e^(−cJ)). */
  spxJumpPerLogJump: number;
  /** ρ: correlation of SPX and VIX diffusion shocks (−0.7 by default). */
  rho: number;
  /**
   * SPX vol over VIX, the jumps' share included: the diffusion's variance is (VIX/100 ·
   * realizedToImplied)² less the down-jumps' λc²E[J²] (0.85 by default; logVixModel.ts).
   */
  realizedToImplied: number;
  /** Real-world SPX expected return above r − q (per year, continuous); unused in risk-neutral. */
  spxPremium: number;
}

/** Check every parameter; the field names the offending one. */
export function checkLogVixParams(p: LogVixParams, field = 'model'): LogVixParams {
  checkRange(`${field}.logLevel`, p.logLevel, Math.log(5), Math.log(60));
  checkRange(`${field}.kappaFast`, p.kappaFast, 0.01, 200);
  checkRange(`${field}.kappaSlow`, p.kappaSlow, 0.001, 50);
  if (p.kappaSlow >= p.kappaFast) {
    throw invalidInput(
      `${field}.kappaSlow`,
      `is ${p.kappaSlow}, not below kappaFast ${p.kappaFast}`,
      'pass a slow speed below the fast one',
    );
  }
  if (p.kappaFastPricing !== undefined) {
    checkRange(`${field}.kappaFastPricing`, p.kappaFastPricing, 0.01, 200);
    if (p.kappaSlow >= p.kappaFastPricing) {
      throw invalidInput(
        `${field}.kappaFastPricing`,
        `is ${p.kappaFastPricing}, not above kappaSlow ${p.kappaSlow}`,
        'pass a pricing speed above the slow one',
      );
    }
  }
  for (const k of ['kappaSpike', 'kappaSpikePricing'] as const) {
    const v = p[k];
    if (v === undefined) continue;
    checkRange(`${field}.${k}`, v, 0.01, 400);
    if (p.kappaSlow >= v) {
      throw invalidInput(
        `${field}.${k}`,
        `is ${v}, not above kappaSlow ${p.kappaSlow}`,
        'pass a speed above the slow one',
      );
    }
  }
  checkRange(`${field}.slowShare`, p.slowShare, 0, 1);
  checkRange(`${field}.volRef`, p.volRef, 0.01, 5);
  checkRange(`${field}.volSlope`, p.volSlope, -2, 2);
  checkRange(`${field}.volFloor`, p.volFloor, 0.01, p.volRef);
  checkRange(`${field}.jumpIntensity`, p.jumpIntensity, 0, 365);
  checkRange(`${field}.jumpMeanLog`, p.jumpMeanLog, 0, 0.5);
  checkRange(`${field}.bigJumpShare`, p.bigJumpShare, 0, 1);
  checkRange(`${field}.bigJumpMeanLog`, p.bigJumpMeanLog, 0, 0.9);
  checkRange(`${field}.spxJumpPerLogJump`, p.spxJumpPerLogJump, 0, 2);
  checkRange(`${field}.rho`, p.rho, -1, 1);
  checkRange(`${field}.realizedToImplied`, p.realizedToImplied, 0, 5);
  checkRange(`${field}.spxPremium`, p.spxPremium, -0.5, 0.5);
  return p;
}

/** κ_f^Q: the fast factor's speed in the pricing measure (κ_f when not given). */
export function pricingKappaFast(p: LogVixParams): number {
  return p.kappaFastPricing ?? p.kappaFast;
}

/** κ_j: the spike factor's real-world speed (κ_f when not given). */
export function kappaSpike(p: LogVixParams): number {
  return p.kappaSpike ?? p.kappaFast;
}

/** κ_j^Q: the spike factor's pricing speed (κ_j when given, else κ_f^Q). */
export function pricingKappaSpike(p: LogVixParams): number {
  return p.kappaSpikePricing ?? (p.kappaSpike === undefined ? pricingKappaFast(p) : p.kappaSpike);
}

/** Variance of log VIX (per year) at ln VIX = x, floored. */
export function logVixVariance(p: LogVixParams, x: number): number {
  const v = p.volRef * p.volRef + p.volSlope * (x - LOG_VIX_REF);
  const f = p.volFloor * p.volFloor;
  return v > f ? v : f;
}

/** Mean up-jump of ln VIX: the mixture's q·η₂ + (1 − q)·η. */
export function jumpMean(p: LogVixParams): number {
  return p.bigJumpShare * p.bigJumpMeanLog + (1 - p.bigJumpShare) * p.jumpMeanLog;
}

/** E[e^(aJ)] of the jump mixture (a·η₂ < 1 and a·η < 1). */
export function jumpMgf(p: LogVixParams, a: number): number {
  return p.bigJumpShare / (1 - a * p.bigJumpMeanLog) + (1 - p.bigJumpShare) / (1 - a * p.jumpMeanLog);
}

/** The factors' expectation given VIX ({@link factorsGivenVix}), in log points. */
export interface FactorsAtVix {
  fast: number;
  slow: number;
  spike: number;
}

/**
 * E[Y | d] and E[Z | d], d = ln VIX − μ = X + Y + Z: the slow and spike factors' expectation given
 * the VIX under the stationary law of the real-world factors (diffusion at s₂₀ in X and Y, jumps in
 * Z), by linear regression on d (exact for Gaussian factors, the best linear guess with jumps); the
 * fast factor takes the rest. With κ_j = κ_f the fast and spike factors sum to the two-factor
 * model's fast factor.
 *
 * @example
 * factorsGivenVix(params, Math.log(35)); // { fast, slow, spike } summing to ln 35 − μ
 */
export function factorsGivenVix(p: LogVixParams, logVix: number): FactorsAtVix {
  const s2 = p.volRef * p.volRef;
  const wf = 1 - p.slowShare;
  const ws = p.slowShare;
  const kj = kappaSpike(p);
  const q = p.bigJumpShare;
  const jumpSecond = 2 * (q * p.bigJumpMeanLog ** 2 + (1 - q) * p.jumpMeanLog ** 2);
  const varZ = (p.jumpIntensity * jumpSecond) / (2 * kj);
  const meanZ = (p.jumpIntensity * jumpMean(p)) / kj;
  const varF = (wf * wf * s2) / (2 * p.kappaFast);
  const varS = (ws * ws * s2) / (2 * p.kappaSlow);
  const cov = (wf * ws * s2) / (p.kappaFast + p.kappaSlow);
  const total = varF + varS + 2 * cov + varZ;
  const d = logVix - p.logLevel - meanZ;
  const slow = ((varS + cov) / total) * d;
  const spike = meanZ + (varZ / total) * d;
  return { fast: logVix - p.logLevel - slow - spike, slow, spike };
}

/**
 * E[Y | d]: the slow factor's expectation given the VIX ({@link factorsGivenVix}).
 *
 * @example
 * slowGivenVix(params, Math.log(35)); // a share of (ln 35 − μ − E[X + Z]) in log points
 */
export function slowGivenVix(p: LogVixParams, logVix: number): number {
  return factorsGivenVix(p, logVix).slow;
}
