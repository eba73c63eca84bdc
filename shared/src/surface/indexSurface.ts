/**
 * SPX surface without a chain (method Section 2b): from the Cboe constant-maturity indices VIX9D,
 * VIX, VIX3M, VIX6M (9, 30, 93, 183 days) and, optionally, the SKEW index.
 *
 * The indices are variance-swap vols: they price the whole smile, so the ATM vol is lower than the
 * index by an amount that depends on the skew. The rule, calibrated on the two real SPX chains
 * (docs/surfaces.md gives the numbers):
 * 1. the smile of each tenor has a fixed shape in standard deviations,
 *    σ(k)/σ_atm = √h(z), z = k/(σ_atm·√T), h a raw SVI with h(0) = 1 — one shape per tenor node,
 *    the average of the two chains' fitted surfaces (the skew steepens in z from 9 to 93 days);
 * 2. the SKEW index scales the shape's wings: b → λ·b with λ = 1 + SKEW_SLOPE·(SKEW − SKEW_REF)
 *    (a re-centred so h(0) = 1 still holds); without SKEW, λ = 1;
 * 3. the ATM vol is the one whose smile, integrated as a variance swap, gives the index divided by
 *    INDEX_OVER_MODEL_VS (the Cboe indices stood 5.2% above the fitted surfaces' own variance-swap
 *    vols on both chains, integrated then as {@link varianceSwapOverAtm} integrates, to 12 ATM
 *    standard deviations below the money: the index's strike strip and wing rules are not the SVI's).
 * So ATM/VIX is not one ratio: it falls as the skew (λ) rises and as the tenor lengthens.
 */
import { invalidInput } from '../errors';
import { toIsoDate } from '../dates';
import { calendarDay } from '../market/calendar';
import { normCdf } from '../pricing/normalCdf';
import { checkMarketRate } from '../validate';
import type { SviParams } from './svi';
import { makeSpxSurface, type SpxSurface, type SurfaceSlice } from './spxSurface';

/**
 * Smile shapes h(z) per tenor node (days), raw SVI in z with h(0) = 1; see the module comment. Free
 * of butterfly arbitrage (g ≥ 0) for every SKEW factor λ in [0.5, 1.5] and ATM total deviation up
 * to 1: refitted by scripts/indexShapes.ts to the chains' smiles on z ∈ [−3, 2] under that constraint.
 */
export const INDEX_SHAPES: readonly { days: number; h: Readonly<SviParams> }[] = Object.freeze([
  { days: 9, h: { a: -1.92582, b: 0.71542, rho: -0.46892, m: -0.370883, sigma: 4.24741 } },
  { days: 30, h: { a: -0.164818, b: 0.702565, rho: -0.237372, m: 0.79633, sigma: 1.23434 } },
  { days: 93, h: { a: -0.111142, b: 0.725715, rho: -0.399854, m: 0.689284, sigma: 1.04935 } },
  { days: 183, h: { a: 0.106026, b: 0.685372, rho: -0.435925, m: 0.703663, sigma: 0.707179 } },
]);

/** Cboe index level over the fitted surface's own variance-swap vol (mean of 6 index/chain pairs). */
export const INDEX_OVER_MODEL_VS = 1.052;
/** SKEW at which the shapes apply unscaled (mean of the two chain dates' closes). */
export const SKEW_REF = 141.0;
/** Relative change of the wing scale per SKEW point. */
export const SKEW_SLOPE = 0.012;

export interface CboeIndices {
  /** 30-day VIX, index points (e.g. 23.22). */
  vix: number;
  vix9d?: number | undefined;
  vix3m?: number | undefined;
  vix6m?: number | undefined;
  /** Cboe SKEW index (100-200). */
  skew?: number | undefined;
}

export interface IndexSurfaceInput {
  valuationDate: string;
  spot: number;
  indices: CboeIndices;
  /** Continuously compounded rate, a decimal within MARKET_RATE (default 0, with a warning). */
  rate?: number | undefined;
  /** Continuous dividend yield, a decimal within MARKET_RATE (default 0, with a warning). */
  divYield?: number | undefined;
  /** Override of {@link SKEW_SLOPE} (for recalibration). */
  skewSlope?: number;
}

function shapeFor(days: number, lambda: number): SviParams {
  const node = INDEX_SHAPES.find((s) => s.days === days) ?? INDEX_SHAPES[1]!;
  const h = node.h;
  const c0 = -h.rho * h.m + Math.sqrt(h.m * h.m + h.sigma * h.sigma);
  const b = lambda * h.b;
  return { a: 1 - b * c0, b, rho: h.rho, m: h.m, sigma: h.sigma };
}

/** Total variance of the shape at k for ATM total deviation θ: θ²·h(k/θ), as raw SVI in k. */
export function shapeSlice(h: SviParams, theta: number): SviParams {
  return { a: theta * theta * h.a, b: theta * h.b, rho: h.rho, m: theta * h.m, sigma: theta * h.sigma };
}

/**
 * Variance-swap vol over ATM vol of a shape at ATM total deviation θ: √(2∫ OTM(k)/K dK)/θ on a
 * unit forward, trapezoid over z ∈ [−12, 8] (2,000 steps).
 */
export function varianceSwapOverAtm(h: SviParams, theta: number): number {
  const n = 2000;
  const zLo = -12;
  const zHi = 8;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const z = zLo + ((zHi - zLo) * i) / n;
    const k = z * theta;
    const x = z - h.m;
    const hv = h.a + h.b * (h.rho * x + Math.sqrt(x * x + h.sigma * h.sigma));
    const s = theta * Math.sqrt(Math.max(hv, 1e-12));
    const K = Math.exp(k);
    const d1 = -k / s + 0.5 * s;
    const d2 = d1 - s;
    const otm = k >= 0 ? normCdf(d1) - K * normCdf(d2) : K * normCdf(-d2) - normCdf(-d1);
    sum += (i === 0 || i === n ? 0.5 : 1) * (otm / K);
  }
  const varianceTimesT = (2 * sum * ((zHi - zLo) * theta)) / n;
  return Math.sqrt(varianceTimesT) / theta;
}

/**
 * The ATM vol whose slice of shape `h` at `years` has the variance-swap vol `target`: the fixed
 * point of a ↦ target / varianceSwapOverAtm(h, a√years), found by the secant method on
 * a − that map from 0.85·target and one fixed-point step (4-6 integrals where the plain iteration
 * took 6-16; a step that leaves the positive reals falls back to the plain one), to 1e-13.
 */
function atmForVarianceSwap(h: SviParams, years: number, target: number): number {
  const map = (a: number): number => target / varianceSwapOverAtm(h, a * Math.sqrt(years));
  let a0 = target * 0.85;
  let g0 = map(a0) - a0;
  let a1 = a0 + g0;
  for (let it = 0; it < 60; it++) {
    const f1 = map(a1);
    const g1 = f1 - a1;
    const secant = a1 - (g1 * (a1 - a0)) / (g1 - g0);
    const next = Number.isFinite(secant) && secant > 0 ? secant : f1;
    const done = Math.abs(next - a1) < 1e-13;
    a0 = a1;
    g0 = g1;
    a1 = next;
    if (done) break;
  }
  return a1;
}

function checkIndex(field: string, x: unknown, lo: number, hi: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < lo || x > hi) {
    throw invalidInput(
      field,
      `is ${JSON.stringify(x) ?? String(x)}, outside [${lo}, ${hi}]`,
      field.endsWith('skew')
        ? 'pass the Cboe SKEW index level, e.g. 135'
        : 'pass the index in vol points, e.g. 18.5 (not 0.185)',
    );
  }
  return x;
}

/**
 * Builds the SPX surface from the Cboe indices. With VIX alone the term structure is flat (one
 * 30-day slice, flat in ATM vol before and after) and the surface says so in its warnings.
 *
 * @throws AlvhError `invalid_input` naming the index, rate or yield out of range, or a valuationDate
 *   outside the exchange calendar (2000-2040)
 * @example
 * const s = spxSurfaceFromIndices({ valuationDate: '2022-02-04', spot: 4500.53,
 *   indices: { vix: 23.22, vix9d: 21.86, vix3m: 26.25, skew: 129.29 } });
 * s.atmVol(30 / 365); // ≈ 0.19
 */
export function spxSurfaceFromIndices(input: IndexSurfaceInput): SpxSurface {
  if (typeof input !== 'object' || input === null) {
    throw invalidInput('input', 'is not an object', 'pass {valuationDate, spot, indices: {vix, ...}}');
  }
  // within the exchange calendar, as a plan's: year 9999's slices would expire in year 10000
  const day = calendarDay('valuationDate', input.valuationDate);
  if (typeof input.spot !== 'number' || !(input.spot > 0) || !Number.isFinite(input.spot)) {
    throw invalidInput('spot', `is ${String(input.spot)}`, 'pass the SPX level (> 0)');
  }
  const ix = input.indices;
  if (typeof ix !== 'object' || ix === null) {
    throw invalidInput('indices', 'is missing', 'pass {vix, vix9d?, vix3m?, vix6m?, skew?}');
  }
  const warnings: string[] = [];
  const rate = input.rate === undefined ? 0 : checkMarketRate('rate', input.rate);
  const divYield = input.divYield === undefined ? 0 : checkMarketRate('divYield', input.divYield);
  if (input.rate === undefined || input.divYield === undefined) {
    warnings.push('No rate or dividend yield given: the missing one is taken as 0 in the forward.');
  }
  const skew = ix.skew === undefined ? undefined : checkIndex('indices.skew', ix.skew, 100, 250);
  const lambda =
    skew === undefined ? 1 : Math.max(0.5, Math.min(1.5, 1 + (input.skewSlope ?? SKEW_SLOPE) * (skew - SKEW_REF)));
  const tenors: { days: number; level: number; name: string }[] = [];
  const add = (name: keyof CboeIndices, days: number): void => {
    const v = ix[name];
    if (v !== undefined) tenors.push({ days, level: checkIndex(`indices.${name}`, v, 1, 300), name });
  };
  add('vix9d', 9);
  add('vix', 30);
  add('vix3m', 93);
  add('vix6m', 183);
  if (!tenors.some((t) => t.name === 'vix')) {
    throw invalidInput('indices.vix', 'is missing', 'pass the 30-day VIX (the other indices are optional)');
  }
  if (tenors.length === 1) {
    warnings.push(
      'VIX only: the term structure is flat at the 30-day level, so a calendar is priced as if its two months had the same vol (pass VIX9D, VIX3M, VIX6M for its shape).',
    );
  }
  const slices: SurfaceSlice[] = tenors.map((t) => {
    const years = t.days / 365;
    const h = shapeFor(t.days, lambda);
    const target = t.level / 100 / INDEX_OVER_MODEL_VS; // model variance-swap vol
    const atm = atmForVarianceSwap(h, years, target);
    return {
      expiry: toIsoDate(day + t.days),
      root: t.name,
      years,
      forward: input.spot * Math.exp((rate - divYield) * years),
      discount: Math.exp(-rate * years),
      svi: shapeSlice(h, atm * Math.sqrt(years)),
    };
  });
  const names = tenors.map((t) => t.name.toUpperCase()).join(', ');
  return makeSpxSurface({
    valuationDate: toIsoDate(day),
    spot: input.spot,
    source: tenors.length === 1 ? 'vix-only' : 'indices',
    slices,
    referenceVix: ix.vix,
    warnings,
    label: `Cboe indices of ${toIsoDate(day)} (${names}${skew === undefined ? '' : `, SKEW ${skew}`})`,
  });
}
