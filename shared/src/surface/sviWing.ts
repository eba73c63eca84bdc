/**
 * A wing added to a raw SVI slice beyond the last strike its body was fitted on (chain fits,
 * fitWings.ts). Beyond the edge k_e, at distance u = |k − k_e| outward, total variance gains
 *
 *   β·(√(u² + δ²) − δ),
 *
 * which is 0 with a zero slope at the edge (so w and w' stay continuous and the body's marks are
 * untouched), curves in over a width of about δ, and adds β to the wing's asymptotic slope (Lee's
 * bound applies to the sum, b(1 ∓ ρ) + β ≤ 2). Its second derivative βδ²/(u² + δ²)^(3/2) is
 * positive for β > 0, so at the edge w'' steps up: the density jumps there but stays positive.
 *
 * Why: a raw SVI fitted to the 5-95 delta quotes undershoots the far put wing of SPX (2022-02-04
 * and 2023-06-09: the 2-3.5 delta puts 12-22% below their mids, every one below its bid), and
 * with those quotes in the fit its five parameters cannot also hold the body inside its spreads.
 *
 * Scaling: the surface moved to another VIX, w(k) → λ²·w(k/λ), maps a wing (k_e, β, δ) to
 * (λk_e, λβ, λδ), as it maps SVI's (a, b, m, σ) to (λ²a, λb, λm, λσ).
 */

/**
 * Widest wing δ a surface carries (log-moneyness; the data form's bound, SurfaceDataSchema). A fit
 * tries no wider one: the 2026-12-18 SPX slice of 2023-06-09 (3.5 years) would have taken 12.8.
 */
export const MAX_WING_DELTA = 10;

/** One wing: where it starts, the slope it adds far out, the width over which it builds up. */
export interface SviWing {
  /** Log-moneyness ln(K/F) of the edge: the last fitted strike on that side. */
  k: number;
  /** Slope of total variance per unit of log-moneyness added far out (may be negative, ≥ −the SVI wing's own slope). */
  beta: number;
  /** Width (in log-moneyness, > 0) over which the added slope builds up. */
  delta: number;
}

/** The added total variance at distance u ≥ 0 beyond the edge. */
export function wingValue(wing: SviWing, u: number): number {
  return wing.beta * (Math.sqrt(u * u + wing.delta * wing.delta) - wing.delta);
}

/** d/du of {@link wingValue}: β·u/√(u² + δ²). */
export function wingSlope(wing: SviWing, u: number): number {
  return (wing.beta * u) / Math.sqrt(u * u + wing.delta * wing.delta);
}

/** d²/du² of {@link wingValue}: β·δ²/(u² + δ²)^(3/2). */
export function wingCurvature(wing: SviWing, u: number): number {
  const r2 = u * u + wing.delta * wing.delta;
  return (wing.beta * wing.delta * wing.delta) / (r2 * Math.sqrt(r2));
}

/** The wing moved with the surface: w(k) → λ²·w(k/λ). */
export function scaleWing(wing: SviWing, lambda: number): SviWing {
  return { k: lambda * wing.k, beta: lambda * wing.beta, delta: lambda * wing.delta };
}
