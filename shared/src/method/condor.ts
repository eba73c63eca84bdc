/**
 * Iron condor analytics (ALVH-METHOD section 1, Step 1): credit, max profit and loss, break-evens,
 * the short strikes' distance in standard deviations with the 1.5 SD check, probability of profit
 * and the book's dollar Greeks.
 */
import { bsGreeks, normCdf, normPdf } from '../pricing/index';
import { grouped, invalidInput, type AlvhError } from '../errors';
import { daysBetween } from '../dates';
import {
  MAX_CONTRACTS,
  checkFinite,
  checkInteger,
  checkNonNegative,
  checkPositive,
  checkRate,
  checkVol,
} from '../validate';
import { DEFAULT_POLICY, type Policy } from '../schemas/policy';
import { DEFAULT_SKEW, OPTION_MULTIPLIER, ironCondorLegs, skewedVol, type Leg, type SkewParams } from '../book/index';

export type CondorStrikes = readonly [number, number, number, number];

export interface CondorInput {
  valuationDate: string;
  /** SPX spot, points. */
  spot: number;
  rate: number;
  divYield: number;
  expiry: string;
  /** K1 < K2 < K3 < K4: long put, short put, short call, long call. */
  strikes: CondorStrikes;
  /** Condors (whole, ≥ 1). */
  quantity: number;
  /** ATM implied vol, decimal (the SD distance uses it; a plan passes its surface's ATM vol at the expiry). */
  atmVol: number;
  /** Net credit per share, points; priced from the vols when omitted. */
  credit?: number;
  /** Implied vols of K1..K4, decimals. */
  vols?: readonly [number, number, number, number];
  /** One implied vol for every leg. */
  vol?: number;
  /**
   * The vol surface's σ(K) at the condor's expiry (years, and F = S·e^((r−q)T)), used when neither
   * `vols` nor `vol` is given: a plan passes its market state's surface (book/marks.ts spxVol).
   */
  volAt?: (strike: number, years: number, forward: number) => number;
  /** Skew used when neither `vols`, `vol` nor `volAt` is given; default {@link DEFAULT_SKEW}. */
  skew?: SkewParams;
  /** The section 1 threshold; default 1.5. */
  minShortStrikeSd?: number;
}

export interface CondorAnalytics {
  legs: Leg[];
  days: number;
  years: number;
  /** Vols used for K1..K4. */
  legVols: [number, number, number, number];
  /** Net credit per share, points. */
  credit: number;
  creditSource:
    | 'given'
    | 'priced from per-strike vols'
    | 'priced from one vol'
    | 'priced from the surface'
    | 'priced from the skew model';
  /** Credit at the legs' vols, per share (equals `credit` unless the credit was given). */
  modelCredit: number;
  /** Widest wing, points. */
  wingWidth: number;
  /** C · 100 · n, USD. */
  maxProfit: number;
  /** (max wing − C) · 100 · n, USD. */
  maxLoss: number;
  /**
   * SPX at expiry where the P&L crosses 0: K2 − C and K3 + C. Null on a side whose wing is narrower
   * than the credit (a broken-wing condor): there the P&L stays above 0 at every SPX, so that side
   * has no break-even and cannot lose.
   */
  breakEvens: { lower: number | null; upper: number | null };
  /** ln(S/K2)/(σ√T). */
  zPut: number;
  /** ln(K3/S)/(σ√T). */
  zCall: number;
  passesSdCheck: boolean;
  /**
   * P(K2 − C < S_T < K3 + C) at expiry (a side without a break-even adds its whole tail) in the risk-neutral measure of the surface's smile (given
   * `volAt`; else a lognormal at the ATM vol): {@link probabilityBelow} at each break-even. The
   * chance the option prices imply, not a forecast.
   */
  probabilityOfProfit: number;
  /**
   * The measure `probabilityOfProfit` is in: always 'risk-neutral' (the option prices' own
   * distribution, not a real-world forecast; the Monte Carlo's `measure` 'real-world' is that).
   */
  probabilityOfProfitMeasure: 'risk-neutral';
  /** Max profit / max loss · 365 / days (annualized return on risk, before hedges). */
  returnOnRisk: number;
  /** Dollar Greeks of the n condors at the leg vols (delta per SPX point, vega per vol point, theta per day). */
  greeks: { delta: number; gamma: number; vega: number; theta: number };
}

/** SPX strikes are listed every 5 points (its home is the checks, beside the other listing grids). */
export { SPX_STRIKE_STEP } from '../validate';

/**
 * @example
 * condorAnalytics({ valuationDate: '2024-01-02', spot: 4700, rate: 0.05, divYield: 0.015, expiry: '2024-02-16',
 *   strikes: [4350, 4400, 4950, 5000], quantity: 1, atmVol: 0.14 })
 * // credit ≈ 9.19 from the skew model; maxLoss = (50 − 9.19) · 100 ≈ 4080.89
 */
export function condorAnalytics(i: CondorInput): CondorAnalytics {
  const spot = checkPositive('spot', i.spot);
  const rate = checkRate('rate', i.rate);
  const q = checkRate('divYield', i.divYield);
  const atm = checkVol('atmVol', i.atmVol, false);
  const n = checkInteger('condor.quantity', i.quantity, 1);
  if (n > MAX_CONTRACTS)
    throw invalidInput(
      'condor.quantity',
      `is ${grouped(n)}`,
      `pass at most ${grouped(MAX_CONTRACTS)} condors, as a plan takes`,
    );
  const days = daysBetween(i.valuationDate, i.expiry);
  if (days <= 0) {
    throw invalidInput(
      'condor.expiry',
      `is ${i.expiry}, not after the valuation date ${i.valuationDate}`,
      'pass the condor expiry, a date after the valuation date',
    );
  }
  const strikes = checkCondorStrikes(i.strikes);
  const [k1, k2, k3, k4] = strikes;
  const years = days / 365;
  const fwd = spot * Math.exp((rate - q) * years);

  const priced = condorLegVols(i, strikes, fwd, years, atm);
  const legVols = priced.legVols;
  let source = priced.source;

  const legs = ironCondorLegs(i.expiry, strikes, n);
  let modelCredit = 0;
  const greeks = { delta: 0, gamma: 0, vega: 0, theta: 0 };
  legs.forEach((leg, j) => {
    const g = bsGreeks({
      type: leg.type,
      spot,
      strike: leg.strike,
      years,
      vol: legVols[j] as number,
      rate,
      divYield: q,
    });
    const k = OPTION_MULTIPLIER * leg.quantity;
    modelCredit -= (g.price * leg.quantity) / n;
    greeks.delta += g.delta * k;
    greeks.gamma += g.gamma * k;
    greeks.vega += g.vega * k;
    greeks.theta += g.theta * k;
  });

  const wingWidth = Math.max(k2 - k1, k4 - k3);
  let credit: number;
  if (i.credit !== undefined) {
    // 0 is no credit either: the fix names the bound that holds, not "0 or more"
    credit = checkFinite('condor.credit', i.credit);
    if (!(credit > 0))
      throw invalidInput('condor.credit', `is ${credit}, not a credit`, 'pass the credit received, above 0');
    source = 'given';
  } else {
    credit = modelCredit;
  }
  if (!(credit > 0)) {
    // priced from vols the caller passed, those are a fix; from a surface or the skew only the credit is
    const byVols = source === 'priced from per-strike vols' || source === 'priced from one vol';
    throw invalidInput(
      'condor.credit',
      `is ${credit.toFixed(4)} per share ${source}, not a credit`,
      byVols
        ? 'pass the credit received, or vols that price the short strikes above the wings'
        : 'pass the credit received, above 0',
    );
  }
  if (credit >= wingWidth && source !== 'given') throw pricedAboveWidth(credit, wingWidth, rate, years, source);
  if (credit >= wingWidth) {
    throw invalidInput(
      'condor.credit',
      `is ${credit.toFixed(2)}, at least the wing width ${wingWidth}, so the condor cannot lose`,
      'check the strikes and the credit (credit is per share, in index points)',
    );
  }
  const sdT = atm * Math.sqrt(years);
  const zPut = Math.log(spot / k2) / sdT;
  const zCall = Math.log(k3 / spot) / sdT;
  const minSd = i.minShortStrikeSd ?? DEFAULT_POLICY.minShortStrikeSd;
  // A wing narrower than the credit cannot lose: its side keeps at least credit − wing > 0.
  const lower = credit <= k2 - k1 ? k2 - credit : null;
  const upper = credit <= k4 - k3 ? k3 + credit : null;
  const pBelow = (x: number) => probabilityBelow(x, fwd, years, marksSmile(i, fwd, years, atm));
  const maxProfit = credit * OPTION_MULTIPLIER * n;
  const maxLoss = (wingWidth - credit) * OPTION_MULTIPLIER * n;
  return {
    legs,
    days,
    years,
    legVols,
    credit,
    creditSource: source,
    modelCredit,
    wingWidth,
    maxProfit,
    maxLoss,
    breakEvens: { lower, upper },
    zPut,
    zCall,
    passesSdCheck: zPut >= minSd && zCall >= minSd,
    probabilityOfProfit: (upper === null ? 1 : pBelow(upper)) - (lower === null ? 0 : pBelow(lower)),
    probabilityOfProfitMeasure: 'risk-neutral',
    returnOnRisk: (maxProfit / maxLoss) * (365 / days),
    greeks,
  };
}

/**
 * The smile the probability of profit is read from, σ(K) at the condor's expiry: the surface's
 * (`volAt`, what every host passes). Without one, the ATM vol flat: the legacy skew model's kinks
 * (at the forward and at its clamps) are not a distribution, its strike derivative jumps. A given
 * `vol` or `vols` price the credit only: one quote per leg, not a smile.
 */
function marksSmile(i: CondorInput, fwd: number, years: number, atm: number): (k: number) => number {
  const volAt = i.volAt;
  return volAt === undefined ? () => atm : (k) => volAt(k, years, fwd);
}

/** Relative strike step of the smile's slope in {@link probabilityBelow} (central difference). */
const SLOPE_STEP = 1e-4;

/**
 * Risk-neutral P(S_T < x) that a smile σ(K) implies at expiry T with forward F: the strike
 * derivative of the undiscounted put (Breeden-Litzenberger), N(−d2) + F·φ(d1)·√T·σ′(x) with d1, d2
 * at σ(x). The second term is the skew's: with a put skew (σ′ < 0) it lowers the lognormal
 * figure at σ(x), and it is what makes the probability agree with the marks. σ′ is a central
 * difference over ±x·{@link SLOPE_STEP}. Clamped to [0, 1] (an arbitrage-free smile is inside).
 * With no variance (σ(x) = 0, or T = 0) it is the step at F; a NaN, infinite or negative σ(x) is refused.
 *
 * @example
 * // a flat smile is the lognormal: P(S_T < F) = N(σ√T/2)
 * probabilityBelow(100, 100, 1, () => 0.2); // ≈ 0.5398
 */
export function probabilityBelow(x: number, fwd: number, years: number, smile: (k: number) => number): number {
  checkPositive('fwd', fwd);
  checkNonNegative('years', years);
  if (checkFinite('x', x) <= 0) return 0;
  const vol = years === 0 ? 0 : smile(x);
  if (!(vol >= 0 && vol < Infinity))
    throw invalidInput(
      'volAt',
      `gives ${vol} at ${x}, not a volatility`,
      'pass a surface with finite vols ≥ 0 at the break-evens',
    );
  const root = Math.sqrt(years);
  const sd = vol * root;
  if (sd === 0) return x > fwd ? 1 : 0; // no variance left (a zero vol, or at expiry): S_T ends at the forward
  const d2 = Math.log(fwd / x) / sd - 0.5 * sd;
  const h = x * SLOPE_STEP;
  const slope = (smile(x + h) - smile(x - h)) / (2 * h);
  const p = normCdf(-d2) + fwd * normPdf(d2 + sd) * root * slope;
  if (Number.isNaN(p)) {
    throw invalidInput(
      'volAt',
      `gives no smile slope at ${x}`,
      'pass a surface with finite vols around the break-evens',
    );
  }
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** A book's condor as the plan and the hedge module read it (the strikes, size and optional prices). */
export interface BookCondor {
  expiry: string;
  strikes: CondorStrikes;
  quantity: number;
  credit?: number | undefined;
  vols?: readonly [number, number, number, number] | undefined;
  vol?: number | undefined;
}

/**
 * The input of {@link condorAnalytics} for a book's condor on a day: SPX, rate and yield from the
 * market, the ATM vol it is given (the surface's at the condor's expiry in a plan), the surface's
 * vol at each strike (`volAt`; without it the policy's skew model), the SD threshold, and the
 * condor's own credit and vols when given.
 */
export function condorInputOf(
  valuationDate: string,
  market: { spx: number; rate: number; divYield: number },
  atmVol: number,
  c: BookCondor,
  policy: Pick<Policy, 'skew' | 'minShortStrikeSd'>,
  volAt?: CondorInput['volAt'],
): CondorInput {
  return {
    valuationDate,
    spot: market.spx,
    rate: market.rate,
    divYield: market.divYield,
    expiry: c.expiry,
    strikes: c.strikes,
    quantity: c.quantity,
    atmVol,
    ...(volAt === undefined ? { skew: policy.skew } : { volAt }),
    minShortStrikeSd: policy.minShortStrikeSd,
    ...(c.credit === undefined ? {} : { credit: c.credit }),
    ...(c.vols === undefined ? {} : { vols: c.vols }),
    ...(c.vol === undefined ? {} : { vol: c.vol }),
  };
}

/** The four strikes, positive and strictly increasing (long put < short put < short call < long call). */
function checkCondorStrikes(strikes: CondorStrikes): [number, number, number, number] {
  if (!Array.isArray(strikes) || strikes.length !== 4) {
    throw invalidInput(
      'condor.strikes',
      'is not four strikes',
      'pass [long put, short put, short call, long call], e.g. [4350, 4400, 4950, 5000]',
    );
  }
  strikes.forEach((k, j) => checkPositive(`condor.strikes[${j}]`, k));
  const [k1, k2, k3, k4] = strikes;
  if (!(k1 < k2 && k2 < k3 && k3 < k4)) {
    throw invalidInput(
      'condor.strikes',
      `are ${strikes.join(', ')}, not strictly increasing`,
      'pass them in the order long put < short put < short call < long call',
    );
  }
  return [k1, k2, k3, k4];
}

/**
 * A leg's vol read from the surface: the caller passed a strike, not a vol, so a vol the pricing
 * cannot take (above 500%, as a surface gives far from the money a day before expiry at a VIX in
 * the hundreds) is the strike's fault, said in the caller's terms.
 */
function surfaceVol(j: number, strike: number, years: number, v: number): number {
  if (!(v > 5)) return checkVol(`condor.vols[${j}]`, v, false);
  const days = Number((years * 365).toPrecision(3));
  throw invalidInput(
    `condor.strikes[${j}]`,
    `is ${strike}, where the surface's vol is ${Number.isFinite(v) ? `${Math.round(100 * v)}%` : 'unbounded'} at ${days} day${days === 1 ? '' : 's'}, beyond the 500% an option is priced at`,
    'pass a strike nearer the money, a later expiry, or check the VIX level',
  );
}

/** The four legs' vols and what priced them: per-strike vols, one vol, or the skew model at the ATM vol. */
function condorLegVols(
  i: CondorInput,
  strikes: readonly [number, number, number, number],
  fwd: number,
  years: number,
  atm: number,
): { legVols: [number, number, number, number]; source: CondorAnalytics['creditSource'] } {
  if (i.vols !== undefined) {
    const legVols = i.vols.map((v, j) => checkVol(`condor.vols[${j}]`, v, false)) as [number, number, number, number];
    return { legVols, source: 'priced from per-strike vols' };
  }
  if (i.vol !== undefined) {
    const v = checkVol('condor.vol', i.vol, false);
    return { legVols: [v, v, v, v], source: 'priced from one vol' };
  }
  if (i.volAt !== undefined) {
    const volAt = i.volAt;
    const legVols = strikes.map((k, j) => surfaceVol(j, k, years, volAt(k, years, fwd))) as [
      number,
      number,
      number,
      number,
    ];
    return { legVols, source: 'priced from the surface' };
  }
  const skew = i.skew ?? DEFAULT_SKEW;
  const legVols = strikes.map((k) => skewedVol(k, fwd, years, atm, skew)) as [number, number, number, number];
  return { legVols, source: 'priced from the skew model' };
}

/**
 * Strikes of a condor whose short strikes sit `sd` standard deviations from spot (log space, at
 * the ATM vol), rounded outward to `step`, with wings `wing` points wide. A helper for examples
 * and tests ("a reasonable condor").
 * @example condorStrikesAtSd(4700, 0.14, 45/365, 1.5, 50, 5) // [4315, 4365, 5060, 5110]
 */
export function condorStrikesAtSd(
  spot: number,
  atmVol: number,
  years: number,
  sd: number,
  wing: number,
  step: number,
): [number, number, number, number] {
  checkPositive('spot', spot);
  checkVol('atmVol', atmVol, false);
  checkPositive('years', years);
  checkPositive('wing', wing);
  checkPositive('step', step);
  const s = atmVol * Math.sqrt(years) * sd;
  const k2 = Math.floor((spot * Math.exp(-s)) / step) * step;
  const k3 = Math.ceil((spot * Math.exp(s)) / step) * step;
  return [k2 - wing, k2, k3, k3 + wing];
}

/**
 * A condor priced (not given) at or above its wing width, which it pays at most at expiry. Its
 * price is that payoff's expectation discounted, so on one vol curve it is at least the width only
 * with a discount factor above 1 (a negative rate): the rate is named. Vols typed per strike can
 * price each spread above its width at any rate (short strikes far dearer than the wings): they are
 * named. The credit itself was never sent.
 */
function pricedAboveWidth(credit: number, wingWidth: number, rate: number, years: number, source: string): AlvhError {
  const df = Math.exp(-rate * years);
  if (df > 1 && credit <= wingWidth * df * (1 + 1e-12))
    return invalidInput(
      'rate',
      `is ${rate}: its discount factor over ${years.toFixed(2)} years is ${df.toFixed(4)}, above 1, so the condor ${source} is worth ${credit.toFixed(2)} per share, at least its wing width ${wingWidth} at expiry, and its max loss (width less credit) would be below 0`,
      'pass the credit received (condor.credit), or a rate of 0 or more',
    );
  const vols = source === 'priced from per-strike vols';
  return invalidInput(
    vols ? 'condor.vols' : 'condor.credit',
    `${vols ? 'price the condor' : 'is not given: the condor is priced'} at ${credit.toFixed(2)} per share (${source}), at least its wing width ${wingWidth}, which it pays at most at expiry: the short strikes' vols are too far above the wings'`,
    vols
      ? 'pass the credit received (condor.credit), or vols that price each spread under its width'
      : 'pass the credit received (condor.credit)',
  );
}
