/**
 * Refits the smile shapes of the index surface (`INDEX_SHAPES` in shared/src/surface/indexSurface.ts)
 * free of butterfly arbitrage: each node's raw SVI h(z) (h(0) = 1) is fitted to the chains' smile
 * shape (CHAIN_SHAPES) on z ∈ [−3, 2], where the chains had quotes, subject to Gatheral's g ≥ 0 on every slice
 * the surface can build from it: wings scaled by any SKEW factor λ ∈ [0.5, 1.5], ATM total deviation
 * θ from 0.005 to 1, z ∈ [−25, 25]. Prints the shapes and their fit; `--check` only reports the
 * shipped shapes' fit and smallest g.
 *
 * The shipped shapes are this script's output, rounded to 6 significant digits (docs/surfaces.md).
 *
 * Usage: npx tsx scripts/indexShapes.ts [--check]
 */
import { INDEX_SHAPES, shapeSlice } from '../shared/src/surface/indexSurface';

/**
 * The unconstrained fits to the two chains' averaged smiles on z ∈ [−3, 2] (docs/surfaces.md): the
 * targets of the refit. Beyond z ≈ 3 their call wings rise too fast (g < 0: a call would cost more
 * than a call of lower strike), which is why they are not shipped as they are.
 */
const CHAIN_SHAPES: readonly { days: number; h: SviParams }[] = [
  { days: 9, h: { a: -17.49908, b: 1.72122, rho: -0.1693, m: -0.09191, sigma: 10.76281 } },
  { days: 30, h: { a: -2.7216, b: 1.53727, rho: 0.30803, m: 1.93378, sigma: 2.31521 } },
  { days: 93, h: { a: -1.07568, b: 1.01112, rho: -0.11478, m: 1.02181, sigma: 1.6439 } },
  { days: 183, h: { a: -0.89191, b: 1.04184, rho: -0.06141, m: 1.08899, sigma: 1.36867 } },
];
import { nelderMead } from '../shared/src/surface/nelderMead';
import { sviDensityG, type SviParams } from '../shared/src/surface/svi';
import { scriptFlagsOrExit } from './scriptFlags';

const LAMBDAS = [0.5, 0.75, 1, 1.25, 1.5];
const THETAS = [0.005, 0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 1];
/** The refit keeps g at least this far above 0 on the check grid (room for the points between). */
const G_MARGIN = 1e-3;
const FIT_Z = Array.from({ length: 101 }, (_, i) => -3 + i * 0.05);
const CHECK_Z = Array.from({ length: 1001 }, (_, i) => -25 + i * 0.05);

/** The shape with wings scaled by λ and `a` re-centred so h(0) = 1 (indexSurface.ts's shapeFor). */
function scaled(h: SviParams, lambda: number): SviParams {
  const c0 = -h.rho * h.m + Math.sqrt(h.m * h.m + h.sigma * h.sigma);
  const b = lambda * h.b;
  return { a: 1 - b * c0, b, rho: h.rho, m: h.m, sigma: h.sigma };
}

function hAt(h: SviParams, z: number): number {
  const x = z - h.m;
  return h.a + h.b * (h.rho * x + Math.sqrt(x * x + h.sigma * h.sigma));
}

/** Smallest g over every λ, θ and z of the check grid, and where. */
function worstG(h: SviParams): { g: number; z: number; lambda: number; theta: number } {
  let worst = { g: Infinity, z: 0, lambda: 1, theta: 0 };
  for (const lambda of LAMBDAS) {
    const s = scaled(h, lambda);
    for (const theta of THETAS) {
      const p = shapeSlice(s, theta);
      for (const z of CHECK_Z) {
        const g = sviDensityG(p, z * theta);
        if (g < worst.g) worst = { g, z, lambda, theta };
      }
    }
  }
  return worst;
}

/** Largest and RMS |√h − √h₀| on the fit range. */
function fitError(h: SviParams, h0: SviParams): { max: number; rms: number } {
  let max = 0;
  let ss = 0;
  for (const z of FIT_Z) {
    const d = Math.sqrt(Math.max(hAt(h, z), 1e-12)) - Math.sqrt(hAt(h0, z));
    max = Math.max(max, Math.abs(d));
    ss += d * d;
  }
  return { max, rms: Math.sqrt(ss / FIT_Z.length) };
}

function fromX(x: ArrayLike<number>): SviParams {
  const b = Math.exp(x[0]!);
  const rho = Math.tanh(x[1]!);
  const m = x[2]!;
  const sigma = Math.exp(x[3]!);
  return scaled({ a: 0, b, rho, m, sigma }, 1);
}

const round = (v: number) => Number(v.toPrecision(6));
const check = scriptFlagsOrExit(
  'indexShapes',
  "Refits the index surface's smile shapes free of butterfly arbitrage and prints them with their fit.",
  { '--check': "only report the shipped shapes' fit and smallest g" },
).has('--check');
for (const node of CHAIN_SHAPES) {
  const h0 = scaled(node.h, 1);
  const shipped = INDEX_SHAPES.find((s) => s.days === node.days)!;
  const w0 = worstG(scaled(shipped.h, 1));
  const e0 = fitError(scaled(shipped.h, 1), h0);
  console.log(
    `${node.days} d shipped: √h vs the chains' fit on z ∈ [−3, 2] max ${e0.max.toFixed(4)}; min g ${w0.g.toFixed(4)} at z ${w0.z.toFixed(2)} (λ ${w0.lambda}, θ ${w0.theta})`,
  );
  if (check) continue;
  const objective = (x: Float64Array): number => {
    const h = fromX(x);
    const e = fitError(h, h0);
    const w = worstG(h);
    return e.rms + e.max + (w.g < G_MARGIN ? 10 * (1 + G_MARGIN - w.g) : 0);
  };
  const x0 = [Math.log(h0.b), Math.atanh(h0.rho), h0.m, Math.log(h0.sigma)];
  // Nelder-Mead from the shipped shape and three generic put-skew shapes; the best is kept.
  const starts = [
    x0,
    [Math.log(0.8), -0.5, 0.5, 0],
    [Math.log(1.2), -0.3, 1, Math.log(2)],
    [Math.log(0.5), -0.7, 0.3, Math.log(0.5)],
  ];
  let best = x0;
  let bestValue = Infinity;
  for (const start of starts) {
    let x = nelderMead(objective, start, [0.3, 0.3, 0.5, 0.3], 2000, 1e-12);
    x = nelderMead(objective, x, [0.05, 0.05, 0.1, 0.05], 2000, 1e-12);
    const v = objective(Float64Array.from(x));
    if (v < bestValue) {
      bestValue = v;
      best = x;
    }
  }
  const h = fromX(best);
  const raw = { a: 0, b: round(h.b), rho: round(h.rho), m: round(h.m), sigma: round(h.sigma) };
  const fitted = scaled(raw, 1);
  raw.a = round(fitted.a);
  const e = fitError(scaled(raw, 1), h0);
  const w = worstG(scaled(raw, 1));
  console.log(
    `  refitted: { days: ${node.days}, h: { a: ${raw.a}, b: ${raw.b}, rho: ${raw.rho}, m: ${raw.m}, sigma: ${raw.sigma} } }`,
  );
  console.log(
    `  √h vs the chains' fit on z ∈ [−3, 2]: max ${e.max.toFixed(4)}, rms ${e.rms.toFixed(4)}; min g ${w.g.toFixed(4)} at z ${w.z.toFixed(2)} (λ ${w.lambda}, θ ${w.theta})`,
  );
}
