/**
 * The wings of a chain slice (sviWing.ts): after the raw SVI is fitted to the quotes of 5 delta and
 * more, each side's farther quotes (below 5 delta, out of the money) fit one wing beyond the last
 * fitted strike, leaving the body's marks as they were. Per side, for each width δ on a grid the
 * added slope β is the weighted least-squares solution (the wing is linear in β), with the body's
 * weights (the residual is the price error in units of the quote's bid-ask width); the best (β, δ)
 * is kept when it is free of butterfly arbitrage on the slice's grid and beyond, and within Lee's
 * bound on the wing's slope, else β is halved until it is (or the wing is dropped).
 */
import { sviDensityG, sviVariance, sviWingSlopes, type SviParams } from './svi';
import { MAX_WING_DELTA, wingValue, type SviWing } from './sviWing';

/** Fewest quotes beyond the edge a wing is fitted from. */
export const MIN_WING_QUOTES = 2;

/** Largest asymptotic slope of a wing with its added part (Lee's bound is 2). */
const MAX_WING_SLOPE = 1.99;

/** Widths δ tried, as fractions of the farthest quote's distance beyond the edge. */
const WIDTHS = [0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1, 1.5, 2, 3, 5];

/** The quotes of one slice's wings: log-moneyness, total variance of the mid, weight. */
export interface WingQuotes {
  k: Float64Array;
  w: Float64Array;
  weight: Float64Array;
}

/**
 * The slice's SVI with its wings fitted to the quotes beyond its body's strikes; a side with fewer
 * than {@link MIN_WING_QUOTES} such quotes, or whose fit would not help, gets none. The wing may
 * start at one of the body's {@link START_CANDIDATES} outermost strikes on its side (the SVI already
 * undershoots there, short of the 5-delta edge); the quotes beyond the start, body and wing, are
 * then fitted together, so the body's own quotes hold the wing where they are. `body` is the
 * fitted quotes, `grid` the slice's arbitrage grid (log-moneyness).
 */
export function fitWings(svi: SviParams, body: WingQuotes, wing: WingQuotes, grid: Float64Array): SviParams {
  const out: SviParams = { ...svi };
  const put = fitSide(out, 'put', body, wing, grid);
  if (put !== undefined) out.putWing = put;
  const call = fitSide(out, 'call', body, wing, grid);
  if (call !== undefined) out.callWing = call;
  return out;
}

/** How many of the body's outermost strikes on a side a wing may start at (the last one included). */
const START_CANDIDATES = 12;

/** The quotes beyond `start` on one side: distance u beyond it, residual over the SVI, squared weight. */
function beyond(svi: SviParams, out: number, start: number, sets: readonly WingQuotes[]) {
  const u: number[] = [];
  const r: number[] = [];
  const wt: number[] = [];
  for (const q of sets) {
    for (let i = 0; i < q.k.length; i++) {
      const d = out * (q.k[i]! - start);
      if (!(d > 0)) continue;
      u.push(d);
      r.push(q.w[i]! - sviVariance(svi, q.k[i]!));
      wt.push(q.weight[i]! * q.weight[i]!);
    }
  }
  return { u, r, wt };
}

function fitSide(
  svi: SviParams,
  side: 'put' | 'call',
  body: WingQuotes,
  wingQuotes: WingQuotes,
  grid: Float64Array,
): SviWing | undefined {
  const out = side === 'put' ? -1 : 1;
  const ks = Array.from(body.k).sort((x, y) => out * (y - x)); // outermost first
  const edge = ks[0]!;
  let far = 0;
  let count = 0;
  for (let i = 0; i < wingQuotes.k.length; i++) {
    const d = out * (wingQuotes.k[i]! - edge);
    if (d > 0) {
      count++;
      far = Math.max(far, d);
    }
  }
  if (count < MIN_WING_QUOTES) return undefined;
  const own = side === 'put' ? sviWingSlopes(svi).left : sviWingSlopes(svi).right;
  const betaMin = -0.9 * own;
  const betaMax = MAX_WING_SLOPE - own;
  if (!(betaMax > 0)) return undefined;
  let best: SviWing | undefined;
  let bestGain = 0;
  const starts = [edge, ...ks.slice(1, START_CANDIDATES)];
  for (const start of starts) {
    const { u, r, wt } = beyond(svi, out, start, [body, wingQuotes]);
    const span = far + out * (edge - start);
    for (const f of WIDTHS) {
      if (f * span > MAX_WING_DELTA) break;
      const wing: SviWing = { k: start, beta: 1, delta: f * span };
      let num = 0;
      let den = 0;
      for (let i = 0; i < u.length; i++) {
        const phi = wingValue(wing, u[i]!);
        num += wt[i]! * phi * r[i]!;
        den += wt[i]! * phi * phi;
      }
      if (!(den > 0)) continue;
      wing.beta = Math.min(betaMax, Math.max(betaMin, num / den));
      // SSE over the quotes beyond the start falls by 2β·num − β²·den against no wing.
      const gain = 2 * wing.beta * num - wing.beta * wing.beta * den;
      if (gain > bestGain) {
        bestGain = gain;
        best = wing;
      }
    }
  }
  return best === undefined ? undefined : arbitrageFree(svi, side, best, far + out * (edge - best.k), grid);
}

/**
 * The wing, its β halved until the slice with it has g no lower than without it (and ≥ 0 where
 * that was) at the grid's points beyond the wing's start and on a fine grid out to 20 times the
 * quotes' span (g is unchanged short of the start), or undefined after 30 halvings.
 */
function arbitrageFree(
  svi: SviParams,
  side: 'put' | 'call',
  wing: SviWing,
  span: number,
  grid: Float64Array,
): SviWing | undefined {
  const out = side === 'put' ? -1 : 1;
  const points: number[] = [];
  for (let i = 0; i < grid.length; i++) if (out * (grid[i]! - wing.k) > 0) points.push(grid[i]!);
  for (let i = 1; i <= 800; i++) points.push(wing.k + out * span * 20 * (i / 800) ** 2);
  const minG = (p: SviParams): number => {
    let g = Infinity;
    for (let i = 0; i < points.length; i++) g = Math.min(g, sviDensityG(p, points[i]!));
    return g;
  };
  const base = Math.min(0, minG(svi));
  for (let n = 0; n < 30; n++) {
    const p: SviParams =
      side === 'put' ? { ...svi, putWing: wing, callWing: svi.callWing } : { ...svi, callWing: wing };
    if (minG(p) >= base) return wing;
    wing = { k: wing.k, beta: wing.beta / 2, delta: wing.delta };
  }
  return undefined;
}
