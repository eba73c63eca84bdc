/**
 * Joint SPX/VIX dynamics of the Monte Carlo, one calendar day per step (Δ = 1/365 year).
 *
 * VIX (v, index points) is a square-root mean-reverting diffusion with up-jumps:
 *   dv = κ(θ' − v)dt + ξ√v⁺ dW₁ + dJ,
 * discretised with an exact mean step and an Euler diffusion:
 *   v ← θ' + (v − θ')·e^(−κΔ) + ξ·√(v⁺Δ)·z₁ + Y·1{jump},
 * where at most one jump happens per step, with probability p = 1 − e^(−λΔ), and Y ~ Exp(mean J).
 * Because the noise has mean zero and the step is linear in v, E[v] evolves exactly as the step's
 * mean, and choosing θ' = θ − p·J / (1 − e^(−κΔ)) makes E[v_t] = θ + (v₀ − θ)e^(−κt) = F(t), the
 * term-structure model curve of the method, at every step (as Δ → 0, θ' → θ − λJ/κ). v⁺ = max(v, 0)
 * only feeds the diffusion; the VIX used for pricing is max(v, {@link VIX_FLOOR}).
 *
 * SPX: ln S ← ln S + (r − q − ½σ²)Δ + σ√Δ·w − c·Y·1{jump} − ln(1 − p + p/(1 + cJ)),
 * with σ = max(v, floor)/100 · realizedToImplied taken at the start of the step,
 * w = ρ z₁ + √(1 − ρ²) z₂ and c = spxJumpPerVixPoint, so a VIX up-jump of Y points comes with an
 * SPX drop of factor e^(−cY) and E[S_t] = S₀e^((r−q)t) exactly (the last term compensates the jumps:
 * E[e^(−cY)] = 1/(1 + cJ) for exponential Y).
 */
import { invalidInput } from '../errors';
import { fmt } from '../usdText';
import { curveDecayKernel, modelFutureKernel } from '../market/meanReversion';
import { checkFinite, checkNonNegative, checkPositive, checkRange, checkRate } from '../validate';
import type { PathDraws } from './philox';

/** Lowest VIX used for pricing (index points); the diffusion itself may dip below. */
export const VIX_FLOOR = 0.5;

/** One calendar day in years (ACT/365). */
export const DAY = 1 / 365;

/** Parameters of the joint dynamics (units in each field's doc). */
export interface DynamicsParams {
  /** SPX at t = 0 (index points). */
  spot: number;
  /** VIX at t = 0 (index points, e.g. 18.5). */
  vix: number;
  /** Mean-reversion speed κ (per year) of the term-structure fit. */
  kappa: number;
  /** Long-run level θ (VIX points) of the term-structure fit. */
  theta: number;
  /** Square-root diffusion coefficient ξ (VIX points^½ per year^½); instantaneous VIX vol is ξ/√v. */
  xi: number;
  /** Correlation of SPX and VIX diffusion shocks (−0.7 by default). */
  rho: number;
  /** Realized SPX vol over implied: σ_SPX = VIX/100 · realizedToImplied (0.85). */
  realizedToImplied: number;
  /** Continuously compounded rate r (decimal). */
  rate: number;
  /**
   * Continuous dividend yield q (decimal); a run passes the yield its marks carry SPX at to the
   * horizon (mcEngine.ts spxPathYield: a chain surface's own carry, else the book's divYield).
   */
  divYield: number;
  /** Jump intensity λ (jumps per year); 0 switches jumps off. */
  jumpIntensity: number;
  /** Mean VIX up-jump J (VIX points), exponentially distributed. */
  jumpMeanVix: number;
  /** SPX log drop per VIX point of jump, c (a 10-point VIX jump moves SPX by e^(−10c)). */
  spxJumpPerVixPoint: number;
}

/** Validated parameters with the per-step constants precomputed. */
export interface Dynamics extends DynamicsParams {
  readonly decay: number;
  readonly thetaPrime: number;
  readonly jumpProb: number;
  readonly xiSqrtDt: number;
  readonly sqrtDt: number;
  readonly rhoBar: number;
  readonly spxDrift: number;
  readonly volScale: number;
}

/**
 * Validate the parameters and precompute the step constants.
 *
 * @example
 * const d = resolveDynamics({ spot: 5000, vix: 30, kappa: 8, theta: 20, xi: 4.5, rho: -0.7,
 *   realizedToImplied: 0.85, rate: 0.04, divYield: 0.013, jumpIntensity: 1, jumpMeanVix: 8,
 *   spxJumpPerVixPoint: 1 / 150 });
 * d.thetaPrime; // ≈ 19.0: the diffusion's target, below θ by what the jumps add on average
 */
export function resolveDynamics(p: DynamicsParams, field = 'model'): Dynamics {
  checkPositive('spot', p.spot);
  checkPositive('vix', p.vix);
  checkRange(`${field}.kappa`, p.kappa, 1e-6, 100);
  checkPositive(`${field}.theta`, p.theta);
  checkNonNegative(`${field}.xi`, p.xi);
  checkRange(`${field}.rho`, p.rho, -1, 1);
  checkRange(`${field}.realizedToImplied`, p.realizedToImplied, 0, 5);
  checkRate('rate', p.rate);
  checkRate('divYield', p.divYield);
  checkRange(`${field}.jumpIntensity`, p.jumpIntensity, 0, 365);
  checkNonNegative(`${field}.jumpMeanVix`, p.jumpMeanVix);
  checkNonNegative(`${field}.spxJumpPerVixPoint`, p.spxJumpPerVixPoint);
  checkFinite(`${field}.spxJumpPerVixPoint`, p.spxJumpPerVixPoint);
  const decay = curveDecayKernel(p.kappa, DAY);
  const jumpProb = p.jumpMeanVix > 0 ? 1 - Math.exp(-p.jumpIntensity * DAY) : 0;
  const thetaPrime = p.theta - (jumpProb * p.jumpMeanVix) / (1 - decay);
  if (thetaPrime <= 0) {
    throw invalidInput(
      `${field}.jumpIntensity`,
      `with jumps of mean ${p.jumpMeanVix} points at ${p.jumpIntensity} per year the jumps alone lift VIX above θ = ${fmt(p.theta, 2)}`,
      'lower the jump intensity or the mean jump size (λ·J must stay below κ·θ)',
    );
  }
  const jumpComp = Math.log(1 - jumpProb + jumpProb / (1 + p.spxJumpPerVixPoint * p.jumpMeanVix));
  return {
    ...p,
    decay,
    thetaPrime,
    jumpProb,
    xiSqrtDt: p.xi * Math.sqrt(DAY),
    sqrtDt: Math.sqrt(DAY),
    rhoBar: Math.sqrt(1 - p.rho * p.rho),
    spxDrift: (p.rate - p.divYield) * DAY - jumpComp,
    volScale: p.realizedToImplied / 100,
  };
}

/** E[VIX_t] under the model: F(t) = θ + (v₀ − θ)e^(−κt). */
export function expectedVix(d: Pick<DynamicsParams, 'vix' | 'kappa' | 'theta'>, years: number): number {
  return modelFutureKernel(d.theta, d.vix, curveDecayKernel(d.kappa, years));
}

/**
 * The state of one path: the raw VIX variable `v` and ln S. Advance it one day with the draws of
 * that day. No allocation per step.
 */
export class JointPath {
  v = 0;
  logSpot = 0;
  /** Whether the last step had a jump. */
  jumped = false;

  constructor(private readonly d: Dynamics) {
    this.reset();
  }

  reset(): void {
    this.v = this.d.vix;
    this.logSpot = Math.log(this.d.spot);
    this.jumped = false;
  }

  /** VIX for pricing: max(v, floor). */
  get vix(): number {
    return this.v > VIX_FLOOR ? this.v : VIX_FLOOR;
  }

  get spot(): number {
    return Math.exp(this.logSpot);
  }

  /** One day; `sign` = −1 for the antithetic twin (normals negated, jump draws shared). */
  advance(r: PathDraws, sign: number): void {
    const d = this.d;
    const v = this.v;
    const vPos = v > 0 ? v : 0;
    const z1 = sign * r.z1;
    const z2 = sign * r.z2;
    const sigma = (v > VIX_FLOOR ? v : VIX_FLOOR) * d.volScale;
    let vNext = d.thetaPrime + (v - d.thetaPrime) * d.decay + d.xiSqrtDt * Math.sqrt(vPos) * z1;
    let logS = this.logSpot + d.spxDrift - 0.5 * sigma * sigma * DAY + sigma * d.sqrtDt * (d.rho * z1 + d.rhoBar * z2);
    if (r.u1 < d.jumpProb) {
      const y = -d.jumpMeanVix * Math.log(r.u2);
      vNext += y;
      logS -= d.spxJumpPerVixPoint * y;
      this.jumped = true;
    } else {
      this.jumped = false;
    }
    this.v = vNext;
    this.logSpot = logS;
  }
}
