/**
 * Scenario moves of the SPX surface (method Section 2b, last bullet): the ATM term structure
 * scales with scenarioVix / referenceVix and the skew keeps its shape in standard deviations.
 *
 * referenceVix is in Cboe VIX points for every source (the index an index surface was built from,
 * the day's VIX a chain was fitted with), so a move to the day's own VIX is the identity; a chain
 * fitted without it has its own 30-day variance-swap vol there, 2-3% below the index on the real
 * chains, and a move to the index then scales every vol by that ratio.
 *
 * With λ = scenarioVix / referenceVix, each slice's total variance becomes w'(k) = λ²·w(k/λ): the
 * vol at k' = λk is λ times the vol at k, and z = k/(σ_atm√T) is unchanged. For raw SVI this is
 * exact: a → λ²a, b → λb, m → λm, σ → λσ, ρ unchanged. A spot move (optional) moves every forward
 * in proportion (sticky moneyness). Raising λ lowers Gatheral's g by w'²(λ² − 1)/16, so a large
 * VIX jump can create butterfly arbitrage far in the wings: it is checked on the grid and
 * reported in the moved surface's warnings, never hidden.
 */
import { invalidInput } from '../errors';
import { arbitrageGrid, minDensityG, type SviParams } from './svi';
import { scaleWing } from './sviWing';
import { makeSpxSurface, type SpxSurface } from './spxSurface';

export interface SurfaceMove {
  /** Scenario 30-day VIX, index points. */
  vix: number;
  /** Scenario SPX level (default: unchanged). */
  spot?: number;
}

/**
 * The surface moved to a scenario VIX (and spot).
 *
 * @throws AlvhError `invalid_input` naming `vix` or `spot`
 * @example
 * const stressed = moveSpxSurface(surface, { vix: 45, spot: 0.9 * surface.spot });
 */
export function moveSpxSurface(surface: SpxSurface, move: SurfaceMove): SpxSurface {
  if (typeof move !== 'object' || move === null) {
    throw invalidInput('move', 'is not an object', 'pass {vix, spot?}');
  }
  if (typeof move.vix !== 'number' || !Number.isFinite(move.vix) || move.vix < 1 || move.vix > 300) {
    throw invalidInput(
      'move.vix',
      `is ${String(move.vix)}, outside [1, 300]`,
      'pass the scenario VIX in index points, e.g. 45',
    );
  }
  const spot = move.spot ?? surface.spot;
  if (typeof spot !== 'number' || !Number.isFinite(spot) || !(spot > 0)) {
    throw invalidInput('move.spot', `is ${String(move.spot)}`, 'pass the scenario SPX level (> 0) or leave it out');
  }
  const lambda = move.vix / surface.referenceVix;
  const sMove = spot / surface.spot;
  const data = surface.toData();
  const grid = arbitrageGrid();
  const warnings = [...data.warnings];
  const slices = data.slices.map((s) => {
    const svi: SviParams = {
      a: lambda * lambda * s.svi.a,
      b: lambda * s.svi.b,
      rho: s.svi.rho,
      m: lambda * s.svi.m,
      sigma: lambda * s.svi.sigma,
    };
    if (s.svi.putWing !== undefined) svi.putWing = scaleWing(s.svi.putWing, lambda);
    if (s.svi.callWing !== undefined) svi.callWing = scaleWing(s.svi.callWing, lambda);
    const g = minDensityG(svi, grid);
    if (g.g < -1e-9) {
      warnings.push(
        `Moved to VIX ${move.vix}, the ${s.expiry} slice has butterfly arbitrage at ln(K/F) = ${g.k.toFixed(2)} (wing too steep).`,
      );
    }
    return { ...s, forward: s.forward * sMove, svi };
  });
  return makeSpxSurface({
    ...data,
    spot,
    slices,
    referenceVix: move.vix,
    warnings,
    label: `${data.label}, moved to VIX ${move.vix}${move.spot === undefined ? '' : ` and SPX ${spot}`}`,
  });
}
