/**
 * The checks a slice's SVI parameters pass before a surface is built on them (makeSpxSurface):
 * the five numbers define a smile, and each added wing keeps total variance positive everywhere it
 * extends the smile. A fit gives such; an edited or hand-made copy may not, and is refused naming
 * the parameter rather than read into vols (a wing driving variance below 0 marked legs at vol 0).
 */
import { invalidInput } from '../errors';
import { checkFinite, checkNonNegative, checkPositive, checkRange } from '../validate';
import { sviVariance, type SviParams } from './svi';

type Side = 'putWing' | 'callWing';

/** Points of the scan for the least total variance beyond a wing's edge. */
const SCAN_POINTS = 1000;

/** The SVI's own far slope on a wing's side: b(1 − ρ) for puts, b(1 + ρ) for calls. */
function ownSlope(p: SviParams, side: Side): number {
  return side === 'putWing' ? p.b * (1 - p.rho) : p.b * (1 + p.rho);
}

/**
 * The least total variance of a slice beyond its wing's edge (out to infinity), with the wing's
 * β replaced by `beta`; −Infinity when the far slope b(1 ∓ ρ) + β is not above 0 (w falls without
 * end). Beyond u = σ·√(b / (2·far)) − (outward distance of the edge from m) w only rises: there
 * the SVI's outward slope is at least b(1 ∓ ρ) − bσ²/(2x²) and the wing's at least β. So a scan of
 * [0, that u] (denser near the edge, where the wing bends) finds the least.
 */
function leastBeyondEdge(p: SviParams, side: Side, beta: number): number {
  const wing = p[side]!;
  const far = ownSlope(p, side) + beta;
  if (!(far > 0)) return -Infinity;
  const probe: SviParams = { ...p, [side]: { ...wing, beta } };
  const dir = side === 'putWing' ? -1 : 1;
  const outward = dir * (wing.k - p.m);
  const reach = Math.max(p.sigma * Math.sqrt(p.b / (2 * far)) - outward, 0) + 4 * wing.delta;
  let least = Infinity;
  for (let i = 1; i <= SCAN_POINTS; i++) {
    const u = reach * (i / SCAN_POINTS) ** 2;
    const w = sviVariance(probe, wing.k + dir * u);
    if (w < least) least = w;
  }
  return least;
}

/** The least β of a wing that keeps total variance above 0 beyond its edge (bisection: w rises with β). */
function leastBeta(p: SviParams, side: Side): number {
  let lo = -ownSlope(p, side);
  let hi = Math.max(p[side]!.beta, 0);
  if (!(leastBeyondEdge(p, side, hi) > 0)) return hi;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (leastBeyondEdge(p, side, mid) > 0) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** A wing's three numbers, and total variance above 0 everywhere beyond its edge. */
function checkWing(field: string, p: SviParams, side: Side): void {
  const wing = p[side];
  if (wing === undefined) return;
  const at = `${field}.${side}`;
  checkFinite(`${at}.k`, wing.k);
  checkFinite(`${at}.beta`, wing.beta);
  checkPositive(`${at}.delta`, wing.delta);
  // A β ≥ 0 only adds variance to the SVI's, which is checked to stay ≥ 0.
  if (wing.beta >= 0) return;
  const least = leastBeyondEdge(p, side, wing.beta);
  if (least > 0) return;
  const own = ownSlope(p, side);
  const lowest = leastBeta(p, side);
  const where = side === 'putWing' ? 'below' : 'above';
  // Short: Excel shows 200 characters of a message, its cell's name included.
  throw invalidInput(
    `${at}.beta`,
    own + wing.beta > 0
      ? `is ${wing.beta}: total variance falls to ${least.toPrecision(3)} ${where} ln(K/F) ${wing.k}`
      : `is ${wing.beta}: far slope b(1 ${side === 'putWing' ? '−' : '+'} ρ) + beta is ${(own + wing.beta).toPrecision(4)}, so total variance turns negative ${where} ln(K/F) ${wing.k}`,
    `pass a beta above ${lowest.toPrecision(4)} (up to 2), which keeps it above 0`,
  );
}

/**
 * Raw SVI parameters that define a smile (Gatheral): a, m finite, b ≥ 0, ρ in [−1, 1], σ > 0, a
 * least total variance a + bσ√(1 − ρ²) not below 0, and wings (k, β, δ finite, δ > 0) that keep
 * total variance above 0 everywhere beyond their edges.
 */
export function checkSviParams(field: string, p: SviParams): void {
  checkFinite(`${field}.a`, p.a);
  checkFinite(`${field}.m`, p.m);
  checkNonNegative(`${field}.b`, p.b);
  checkRange(`${field}.rho`, p.rho, -1, 1);
  checkPositive(`${field}.sigma`, p.sigma);
  const least = p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho);
  if (least < -1e-12) {
    throw invalidInput(
      `${field}.a`,
      `is ${p.a}: the smile's least total variance a + bσ√(1 − ρ²) is ${least}, below 0`,
      'pass the parameters of a fitted slice (ALVH.SURFACE or /api/surface)',
    );
  }
  checkWing(field, p, 'putWing');
  checkWing(field, p, 'callWing');
}
