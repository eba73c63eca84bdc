/**
 * Mean-reverting log-VIX with two diffusive factors, a spike factor that takes the up-jumps, and
 * level-dependent vol of vol, and SPX with it; one calendar day per step (Δ = 1/365 year). The model
 * of `docs/calibration.md`.
 *
 * ln VIX_t = μ_t + X_t + Y_t + Z_t, a fast factor X and a slow factor Y driven by one shock z₁, and
 * a spike factor Z fed by the jumps:
 *   X ← φ_f·X + (1 − w)·s(x)·√Δ·z₁,   φ_f = e^(−κ_f Δ)
 *   Y ← φ_s·Y + w·s(x)·√Δ·z₁,         φ_s = e^(−κ_s Δ)
 *   Z ← φ_j·Z + J·1{jump},             φ_j = e^(−κ_j Δ)
 * with x = ln VIX at the start of the step, the vol of log VIX s(x)² = s₂₀² + b·(x − ln 20) (floored
 * at `volFloor`², which with the calibrated parameters only binds below VIX ≈ 1), at most one jump a day with probability
 * p = 1 − e^(−λΔ) and J in log points a mixture of two exponentials: mean η₂ with probability q (the
 * rare large spike), mean η otherwise. μ_t is the constant `logLevel` in the real-world
 * measure and a deterministic table in the risk-neutral one, chosen so that E[VIX_t] is today's
 * futures curve at every day t.
 *
 * With κ_j = κ_f (the default) X + Z is the two-factor model's fast factor.
 *
 * Because s² is affine in the state and z₁ is Gaussian given the state, the one-step moment
 * E[exp(u_f X' + u_s Y' + u_j Z') | X, Y, Z] is exponential-affine in the factors; iterating it gives
 * the model's own conditional expectation E[VIX_T | state_t] = exp(c(t, T) + U_f[n]·X_t + U_s[n]·Y_t
 * + U_j[n]·Z_t), n = T − t, exactly for the discrete scheme the paths follow (the floor aside). That
 * is the VX future of expiry T at the path state ({@link LogVixModel.conditionalVix}), computed at
 * the pricing speeds κ_f^Q and κ_j^Q (`kappaFastPricing`, `kappaSpikePricing`): the risk-neutral
 * paths revert at those, so there it is their own expectation; the real-world paths revert at κ_f
 * and κ_j, and the futures they see are the pricing measure's expectation at their state, as a
 * market with a variance risk premium prices them.
 *
 * SPX: ln S ← ln S + m·Δ − ½σ²Δ + σ√Δ·(ρ z₁ + √(1 − ρ²) z₂) − c·J·1{jump} − ln(1 − p + p·E[e^(−cJ)]),
 * so E[S_t] = S₀e^(m t) exactly, with m = r − q (risk-neutral) or r − q + `spxPremium` (real-world).
 * `realizedToImplied` is the SPX's whole vol over VIX, jumps included: the diffusion takes what the
 * down-jumps leave, σ² = max(v − λc²E[J²], v/4) with v = (VIX/100 · realizedToImplied)² at the start
 * of the step. Stacking the jumps' variance (about 10% of vol) on a diffusion at 0.85·VIX made the
 * paths realise up to 0.91 × VIX by median against history's 0.73-0.76 and, the jumps falling only,
 * put the 42-day rallies from calm starts far past history's 95th percentile (docs/scenarios.md,
 * "Why the jumps sit inside the 0.85"); the floor v/4 binds below VIX ≈ 13.6.
 */
import { invalidInput } from '../../errors';
import { checkFinite, checkInteger, checkPositive, checkRange, checkRate } from '../../validate';
import {
  DT,
  LOG_VIX_REF,
  MEASURES,
  checkLogVixParams,
  jumpMean,
  factorsGivenVix,
  jumpMgf,
  kappaSpike,
  pricingKappaFast,
  pricingKappaSpike,
  type LogVixParams,
  type Measure,
} from './logVixParams';

/**
 * The SPX variance a year of the down-jumps, λc²E[J²] with λ = p/Δ: J a mixture of exponentials
 * (mean η₂ with probability q, else η), E[J²] = 2(q·η₂² + (1 − q)·η²).
 */
export function spxJumpVariance(p: LogVixParams, jumpProb: number): number {
  const q = p.bigJumpShare;
  const meanSquare = 2 * (q * p.bigJumpMeanLog ** 2 + (1 - q) * p.jumpMeanLog ** 2);
  return (jumpProb / DT) * p.spxJumpPerLogJump ** 2 * meanSquare;
}

/** The market a run starts from. */
export interface LogVixStart {
  /** SPX at t = 0 (index points). */
  spot: number;
  /** VIX at t = 0 (index points). */
  vix: number;
  /** Continuously compounded rate r (decimal). */
  rate: number;
  /**
   * Continuous dividend yield q (decimal); a run passes the yield its marks carry SPX at to the
   * horizon (mcEngine.ts spxPathYield: a chain surface's own carry, else the book's divYield).
   */
  divYield: number;
  /** Days the paths run (the tables are built this far; futures may expire later, see `tableDays`). */
  horizonDays: number;
  /** Days the conditional-expectation tables cover (≥ horizonDays; default horizonDays + 400). */
  tableDays?: number;
  /** The measure of the paths (default real-world). */
  measure?: Measure;
  /**
   * Today's VIX futures curve as a function of calendar days to expiry (points); required in the
   * risk-neutral measure, whose E[VIX_t] it fixes for t = 1..tableDays. In the real-world measure it
   * sets the term premium of {@link LogVixModel.future} (today's curve over the model's t = 0 price
   * of the future: the expectation at the futures' pricing speeds with μ = `logLevel`).
   */
  curve?: (days: number) => number;
  /**
   * Slow factor at t = 0 (log points); default: its expectation given today's VIX
   * ({@link factorsGivenVix}). Pass it with `spikeStart`, both read by the filter from the history.
   */
  slowStart?: number | undefined;
  /** Spike factor at t = 0 (log points); default: its expectation given today's VIX. */
  spikeStart?: number | undefined;
}

/**
 * A calibrated model bound to a start: the per-step constants, the μ table of the measure and the
 * conditional-expectation loadings. Build once per run; paths share it read-only.
 */
export class LogVixModel {
  // The number fields are declared, not defined (`declare`): the constructor's assignment creates
  // each as a number, which the JIT then reads unboxed on every step of every path (a class field
  // defined first as undefined is read through a type check at each use).
  readonly params: LogVixParams;
  readonly measure: Measure;
  declare readonly spot: number;
  declare readonly vix: number;
  declare readonly horizonDays: number;
  declare readonly tableDays: number;
  /** μ_t for t = 0..tableDays. */
  readonly mu: Float64Array;
  /** Loadings of E[VIX_{t+n}] on the fast, slow and spike factor, n = 0..tableDays. */
  readonly loadFast: Float64Array;
  readonly loadSlow: Float64Array;
  readonly loadSpike: Float64Array;
  /** ½·g_n²·Δ and the jump term of step n (n = 1..tableDays) of the backward recursion. */
  private readonly halfG2: Float64Array;
  private readonly jumpTerm: Float64Array;
  /**
   * Term premium by days to expiry n: today's curve over the model's t = 0 price of the future, the
   * expectation at the futures' pricing speeds with μ = `logLevel` (not the real-world paths' E₀[VIX_n],
   * which reverts at their own faster speeds); 1 without a curve, and in the risk-neutral measure,
   * whose expectation is the curve.
   */
  readonly termPremium: Float64Array;
  /** Factors at t = 0. */
  declare readonly fast0: number;
  declare readonly slow0: number;
  declare readonly spike0: number;
  // Per-step constants.
  declare readonly phiFast: number;
  declare readonly phiSlow: number;
  declare readonly phiSpike: number;
  declare readonly wFast: number;
  declare readonly wSlow: number;
  declare readonly jumpProb: number;
  declare readonly spxDrift: number;
  /** (realizedToImplied/100)²: v = VIX² · volScale2 is the SPX's whole variance a year. */
  declare readonly volScale2: number;
  /** λc²E[J²]: the SPX variance a year the down-jumps carry, taken from the diffusion's. */
  declare readonly spxJumpVar: number;
  declare readonly rhoBar: number;
  /** s(x)² = varBase + varSlope·x, floored at varFloor. */
  declare readonly varBase: number;
  declare readonly varSlope: number;
  declare readonly varFloor: number;
  private readonly curveTables = new Map<number, Float64Array>();
  /** The last expiry asked for and its table (a loop reads the same expiry day after day). */
  private lastExpiry = -1;
  private lastTable: Float64Array = new Float64Array(0);
  /** C[n] of the real-world measure: c(t, t + n) with μ = logLevel. */
  private readonly constRealWorld: Float64Array;

  constructor(params: LogVixParams, start: LogVixStart) {
    const p = checkLogVixParams(params);
    this.params = p;
    this.spot = checkPositive('spot', start.spot);
    this.vix = checkRange('vix', start.vix, 1, 500);
    checkRate('rate', start.rate);
    checkRate('divYield', start.divYield);
    this.horizonDays = checkInteger('horizonDays', start.horizonDays, 1);
    if (this.horizonDays > 3650) {
      throw invalidInput('horizonDays', `is ${this.horizonDays}, above 3650`, 'pass at most 3650 days');
    }
    this.tableDays = checkInteger('tableDays', start.tableDays ?? this.horizonDays + 400, this.horizonDays);
    if (this.tableDays > 5000) {
      throw invalidInput('tableDays', `is ${this.tableDays}, above 5000`, 'pass at most 5000 days');
    }
    const measure = start.measure ?? 'real-world';
    if (!MEASURES.includes(measure)) {
      throw invalidInput('measure', `is ${JSON.stringify(measure)}`, `pass one of ${MEASURES.join(', ')}`);
    }
    this.measure = measure;
    // The paths revert at κ_f (real-world) or κ_f^Q (risk-neutral); the futures are always the
    // expectation at κ_f^Q, so in the risk-neutral measure they are the paths' own expectation.
    const phiPricing = Math.exp(-pricingKappaFast(p) * DT);
    const phiSpikePricing = Math.exp(-pricingKappaSpike(p) * DT);
    this.phiFast = measure === 'risk-neutral' ? phiPricing : Math.exp(-p.kappaFast * DT);
    this.phiSlow = Math.exp(-p.kappaSlow * DT);
    this.phiSpike = measure === 'risk-neutral' ? phiSpikePricing : Math.exp(-kappaSpike(p) * DT);
    this.wFast = 1 - p.slowShare;
    this.wSlow = p.slowShare;
    this.jumpProb = jumpMean(p) > 0 ? 1 - Math.exp(-p.jumpIntensity * DT) : 0;
    const prob = this.jumpProb;
    const jumpComp = Math.log(1 - prob + prob * jumpMgf(p, -p.spxJumpPerLogJump));
    const m = start.rate - start.divYield + (measure === 'real-world' ? p.spxPremium : 0);
    this.spxDrift = m * DT - jumpComp;
    this.volScale2 = (p.realizedToImplied / 100) ** 2;
    this.spxJumpVar = spxJumpVariance(p, prob);
    this.rhoBar = Math.sqrt(1 - p.rho * p.rho);
    this.varBase = p.volRef * p.volRef - p.volSlope * LOG_VIX_REF;
    this.varSlope = p.volSlope;
    this.varFloor = p.volFloor * p.volFloor;

    const N = this.tableDays;
    const x0 = Math.log(this.vix);
    if ((start.slowStart === undefined) !== (start.spikeStart === undefined)) {
      throw invalidInput(
        start.slowStart === undefined ? 'slowStart' : 'spikeStart',
        'is missing while the other factor is given',
        'pass both slowStart and spikeStart (as filterFactors reads them), or neither',
      );
    }
    const given = factorsGivenVix(p, x0);
    this.slow0 = start.slowStart === undefined ? given.slow : checkFinite('slowStart', start.slowStart);
    this.spike0 = start.spikeStart === undefined ? given.spike : checkFinite('spikeStart', start.spikeStart);
    this.fast0 = x0 - p.logLevel - this.slow0 - this.spike0;

    // Loadings: U[0] = (1, 1, 1); U[n] = (φ_f u_f + ½g²Δb, φ_s u_s + ½g²Δb, φ_j u_j + ½g²Δb),
    // g = w_f u_f + w_s u_s; the jump term is ln E[e^(u_j J·1{jump})].
    this.loadFast = new Float64Array(N + 1);
    this.loadSlow = new Float64Array(N + 1);
    this.loadSpike = new Float64Array(N + 1);
    this.halfG2 = new Float64Array(N + 1);
    this.jumpTerm = new Float64Array(N + 1);
    this.loadFast[0] = 1;
    this.loadSlow[0] = 1;
    this.loadSpike[0] = 1;
    for (let n = 1; n <= N; n++) {
      const uf = this.loadFast[n - 1]!;
      const us = this.loadSlow[n - 1]!;
      const uj = this.loadSpike[n - 1]!;
      const g = this.wFast * uf + this.wSlow * us;
      const h = 0.5 * g * g * DT;
      this.halfG2[n] = h;
      if (uj * Math.max(p.jumpMeanLog, p.bigJumpMeanLog) >= 1) {
        throw invalidInput(
          'model.bigJumpMeanLog',
          `is ${p.bigJumpMeanLog}: E[VIX] is infinite with jumps that large`,
          'pass a smaller mean log jump',
        );
      }
      this.jumpTerm[n] = Math.log(1 - prob + prob * jumpMgf(p, uj));
      this.loadFast[n] = phiPricing * uf + h * p.volSlope;
      this.loadSlow[n] = this.phiSlow * us + h * p.volSlope;
      this.loadSpike[n] = phiSpikePricing * uj + h * p.volSlope;
    }

    this.constRealWorld = new Float64Array(N + 1);
    const baseRw = p.volRef * p.volRef + p.volSlope * (p.logLevel - LOG_VIX_REF);
    this.constRealWorld[0] = p.logLevel;
    for (let n = 1; n <= N; n++) {
      this.constRealWorld[n] = this.constRealWorld[n - 1]! + this.halfG2[n]! * baseRw + this.jumpTerm[n]!;
    }

    this.mu = new Float64Array(N + 1).fill(p.logLevel);
    this.termPremium = new Float64Array(N + 1).fill(1);
    if (measure === 'real-world' && start.curve !== undefined) {
      for (let n = 1; n <= N; n++) {
        const f = checkPositive(`curve(${n})`, start.curve(n));
        const e = Math.exp(this.constRealWorld[n]! + this.loadAt(n, this.fast0, this.slow0, this.spike0));
        this.termPremium[n] = f / e;
      }
    }
    if (measure === 'risk-neutral') {
      const curve = start.curve;
      if (curve === undefined) {
        throw invalidInput(
          'curve',
          'is missing: the risk-neutral measure fixes E[VIX_t] to the futures curve',
          'pass the futures curve, or measure real-world',
        );
      }
      const base = p.volRef * p.volRef - p.volSlope * LOG_VIX_REF;
      // μ_T so that exp(c(0, T) + U_f[T]X₀ + U_s[T]Y₀) = F(T), c(0, T) = μ_T + Σ_t [½g²Δ(s₀² + bμ_t) + jump].
      for (let T = 1; T <= N; T++) {
        const f = checkPositive(`curve(${T})`, curve(T));
        let sum = 0;
        for (let t = 0; t < T; t++) {
          const n = T - t;
          sum += this.halfG2[n]! * (base + p.volSlope * this.mu[t]!) + this.jumpTerm[n]!;
        }
        this.mu[T] = Math.log(f) - this.loadAt(T, this.fast0, this.slow0, this.spike0) - sum;
        checkFinite(`curve(${T})`, this.mu[T]!);
      }
    }
  }

  /** U_f[n]·fast + U_s[n]·slow + U_j[n]·spike: the state's part of ln E[VIX_{t+n} | state_t]. */
  loadAt(n: number, fast: number, slow: number, spike: number): number {
    return this.loadFast[n]! * fast + this.loadSlow[n]! * slow + this.loadSpike[n]! * spike;
  }

  /**
   * c(t, T) for t = 0..T: E[VIX_T | state_t] = exp(c[t] + U_f[T − t]X_t + U_s[T − t]Y_t + U_j[T − t]Z_t). Built on
   * first use per expiry and kept (the loop that reads it allocates nothing).
   */
  expiryTable(expiryDay: number): Float64Array {
    let tab = this.curveTables.get(expiryDay);
    if (tab !== undefined) return tab;
    checkInteger('expiryDay', expiryDay, 0);
    if (expiryDay > this.tableDays) {
      throw invalidInput(
        'expiryDay',
        `is ${expiryDay}, beyond the ${this.tableDays} days the model's tables cover`,
        'build the model with a larger tableDays',
      );
    }
    const p = this.params;
    const base = p.volRef * p.volRef - p.volSlope * LOG_VIX_REF;
    tab = new Float64Array(expiryDay + 1);
    tab[expiryDay] = this.mu[expiryDay]!;
    for (let t = expiryDay - 1; t >= 0; t--) {
      const n = expiryDay - t;
      tab[t] = tab[t + 1]! + this.halfG2[n]! * (base + p.volSlope * this.mu[t]!) + this.jumpTerm[n]!;
    }
    this.curveTables.set(expiryDay, tab);
    return tab;
  }

  /**
   * The model's VX future of expiry `expiryDay` on day `day` at the factors (fast, slow, spike):
   * E[VIX_expiry | state] in this model's measure (index points).
   *
   * @example
   * const m = new LogVixModel(CALIBRATED.params, { spot: 6000, vix: 18, rate: 0.04, divYield: 0.013, horizonDays: 45 });
   * m.conditionalVix(0, 30, m.fast0, m.slow0, m.spike0); // the model's 30-day future today
   */
  conditionalVix(day: number, expiryDay: number, fast: number, slow: number, spike: number): number {
    const n = expiryDay - day;
    if (!(n >= 0)) {
      throw invalidInput('expiryDay', `is ${expiryDay}, before day ${day}`, 'pass an expiry on or after the day');
    }
    let tab: Float64Array;
    if (expiryDay === this.lastExpiry) tab = this.lastTable;
    else {
      tab = this.expiryTable(expiryDay);
      this.lastExpiry = expiryDay;
      this.lastTable = tab;
    }
    return Math.exp(tab[day]! + this.loadFast[n]! * fast + this.loadSlow[n]! * slow + this.loadSpike[n]! * spike);
  }

  /**
   * The VX future of expiry `expiryDay` seen on day `day` at the factors (fast, slow, spike): the model's
   * conditional expectation times the term premium for the days left (1 in the risk-neutral
   * measure). At t = 0 it is today's curve in both measures when a curve was given; along a path it
   * moves with the state as the model's own expectation does.
   */
  future(day: number, expiryDay: number, fast: number, slow: number, spike: number): number {
    return this.conditionalVix(day, expiryDay, fast, slow, spike) * this.termPremium[expiryDay - day]!;
  }

  /**
   * The model's constant-maturity future `days` ahead at the factors (fast, slow, spike), real-world
   * measure or at day 0 (where μ is flat or known): exp(C[n] + U_f[n]X + U_s[n]Y + U_j[n]Z) with
   * μ = logLevel. Used for the response of the futures to a VIX move, which the loadings alone decide.
   */
  constantMaturityRealWorld(days: number, fast: number, slow: number, spike: number): number {
    return Math.exp(this.constRealWorld[days]! + this.loadAt(days, fast, slow, spike));
  }
}
