/**
 * The budget frontier (ALVH-METHOD section 10): for each budget of a ladder, the mix of overlay
 * and tail structure that leaves the least downside risk, with the plan and the literal rule marked
 * on the same paths.
 *
 * - Downside risk: CVaR 95 of the book's P&L at the horizon over the paths where SPX falls, i.e.
 *   SPX at the horizon strictly below SPX today (simple return < 0): the mean loss of the worst
 *   ceil(5% · down paths) of them, as a positive number.
 * - A mix: an overlay share w of the budget (`splits`) buys whole overlay units; what is left buys
 *   whole units of ONE option tail structure (vx-future is left out: a premium budget does not
 *   bound a future's loss). Every (w, structure) is tried; the least CVaR wins, ties to the cheaper.
 * - Monotone: a budget can always leave money unspent, so at each budget the frontier keeps the
 *   best choice of any smaller budget when that is better (`carried: true`).
 * - Beside each point: the book's loss in the drawdown scenario and its worst loss over the
 *   historical analogs, for the same units.
 */
import { noSolution } from '../errors';
import {
  FRONTIER_CVAR_LEVEL,
  type FrontierMarker,
  type FrontierPartial,
  type FrontierPoint,
  type FrontierStructureScore,
  type FrontierResult,
} from './frontierTypes';
import { mergeFrontier, runFrontierSetup, type FrontierRunOptions } from './frontierPaths';
import { frontierSetup } from './frontierSetup';
import { runModelNotes } from '../scenario/model/calibrationNotes';
import type { TailStructure } from './structurePricing';

const EPS = 1e-9;

/** The words of the frontier's down-path definition. */
export const DOWN_DEFINITION = 'SPX at the horizon below SPX on the valuation date (simple return < 0)';

interface Scorer {
  /** CVaR 95 on the down paths of condors + Σ units[k] · component k. */
  cvar(units: readonly number[]): number;
  downPaths: number;
}

function scorer(p: FrontierPartial): Scorer {
  const down: number[] = [];
  for (let j = 0; j < p.pathCount; j++) if (p.spxEnd[j]! < p.spot0) down.push(j);
  const nd = down.length;
  if (nd === 0) {
    throw noSolution(
      'paths',
      `no path of ${p.pathCount} ends with SPX below ${p.spot0}, so there is no downside to measure`,
      'run more paths',
    );
  }
  const condor = Float64Array.from(down, (j) => p.condor[j]!);
  const hedges = p.hedges.map((h) => Float64Array.from(down, (j) => h[j]!));
  const tmp = new Float64Array(nd);
  const k = Math.max(1, Math.ceil((1 - FRONTIER_CVAR_LEVEL) * nd - EPS));
  return {
    downPaths: nd,
    cvar(units) {
      tmp.set(condor);
      units.forEach((u, c) => {
        if (u === 0) return;
        const h = hedges[c]!;
        for (let j = 0; j < nd; j++) tmp[j] = tmp[j]! + u * h[j]!;
      });
      tmp.sort();
      let s = 0;
      for (let i = 0; i < k; i++) s += tmp[i]!;
      return -s / k;
    },
  };
}

/**
 * The frontier of merged (or single-chunk) paths: every budget's best mix, the plan and the
 * literal rule marked, in a fixed order (the answer is a function of the arrays alone).
 */
export function summarizeFrontier(partial: FrontierPartial): FrontierResult {
  const f = partial.frame;
  const comps = f.components;
  const K = comps.length;
  const sc = scorer(partial);
  const overlay = comps[0]!;
  const drawdownLoss = (u: readonly number[]) => f.loss - u.reduce((a, x, c) => a + x * comps[c]!.gain, 0);
  const worstAnalog = (u: readonly number[]) =>
    Math.max(...f.analogs.map((a, i) => a.loss - u.reduce((s, x, c) => s + x * comps[c]!.analogGains[i]!, 0)));
  const cost = (u: readonly number[]) => u.reduce((a, x, c) => a + x * comps[c]!.premium, 0);
  const units = (o: number, s: number, t: number) => {
    const u = new Array<number>(K).fill(0);
    u[0] = o;
    if (s > 0) u[s] = t;
    return u;
  };

  const points: FrontierPoint[] = [];
  let best: FrontierPoint | undefined;
  for (const budget of f.budgets) {
    const seen = new Set<string>();
    let pick: FrontierPoint | undefined;
    for (const w of f.splits) {
      const o = overlay.premium > 0 ? Math.floor((budget * w) / overlay.premium + EPS) : 0;
      const left = budget - o * overlay.premium;
      // index 0 = no tail; 1..K-2 the structures (the last component is the plan's own book)
      for (let s = 0; s < K - 1; s++) {
        const t = s === 0 ? 0 : Math.max(0, Math.floor(left / comps[s]!.premium + EPS));
        const key = `${o}:${t === 0 ? 0 : s}:${t}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const u = units(o, t === 0 ? 0 : s, t);
        const c: FrontierPoint = {
          budget,
          structure: t === 0 ? null : (comps[s]!.name as TailStructure),
          split: w,
          tailUnits: t,
          overlayUnits: o,
          cost: cost(u),
          cvar95Down: sc.cvar(u),
          drawdownLoss: drawdownLoss(u),
          worstAnalogLoss: worstAnalog(u),
          carried: false,
        };
        if (
          pick === undefined ||
          c.cvar95Down < pick.cvar95Down - EPS ||
          (Math.abs(c.cvar95Down - pick.cvar95Down) <= EPS && c.cost < pick.cost)
        )
          pick = c;
      }
    }
    const chosen =
      best !== undefined && best.cvar95Down < pick!.cvar95Down - EPS ? { ...best, budget, carried: true } : pick!;
    points.push(chosen);
    best = chosen;
  }

  const marker = (o: number, planUnits: number, tailCalls: number, markerCost: number): FrontierMarker => {
    const u = new Array<number>(K).fill(0);
    u[0] = o;
    u[K - 1] = planUnits;
    const call = comps.findIndex((c) => c.name === 'vix-call');
    if (tailCalls > 0 && call > 0) u[call] = tailCalls;
    const cvar = sc.cvar(u);
    const m = points.filter((p) => p.cvar95Down <= cvar + EPS).sort((a, b) => a.cost - b.cost)[0];
    return {
      cost: markerCost,
      overlayUnits: planUnits === 1 ? f.plan.overlayUnits : o,
      tailContracts: planUnits === 1 ? f.plan.tailContracts : tailCalls,
      cvar95Down: cvar,
      drawdownLoss: drawdownLoss(u),
      worstAnalogLoss: worstAnalog(u),
      matchedBy: m === undefined ? null : { budget: m.budget, structure: m.structure, split: m.split, cost: m.cost },
    };
  };
  const zero = new Array<number>(K).fill(0);
  const unhedgedCvar = sc.cvar(zero);
  // Each option structure alone, the literal tail's cost spent on it (index 0 the overlay, K − 1 the plan).
  const structures: FrontierStructureScore[] = comps.slice(1, K - 1).map((c, i) => {
    const t = c.premium > 0 ? Math.max(0, Math.floor(f.literalTailCost / c.premium + EPS)) : 0;
    const u = units(0, i + 1, t);
    const cvar = sc.cvar(u);
    const spent = cost(u);
    return {
      structure: c.name as TailStructure,
      units: t,
      cost: spent,
      cvar95Down: cvar,
      cvarSaved: unhedgedCvar - cvar,
      cvarSavedPerDollar: t > 0 && spent > 0 ? (unhedgedCvar - cvar) / spent : null,
    };
  });
  return {
    valuationDate: f.valuationDate,
    paths: partial.paths,
    seed: partial.seed,
    firstPath: partial.firstPath,
    pathCount: partial.pathCount,
    horizonDays: partial.horizonDays,
    measure: partial.measure,
    modelNotes: runModelNotes(partial),
    downDefinition: DOWN_DEFINITION,
    downPaths: sc.downPaths,
    literalTailCost: f.literalTailCost,
    loss: f.loss,
    maxLoss: f.maxLoss,
    unhedged: { cvar95Down: unhedgedCvar, drawdownLoss: f.loss, worstAnalogLoss: worstAnalog(zero) },
    points,
    plan: marker(0, 1, 0, f.plan.cost),
    rule: marker(f.rule.overlayUnits, 0, f.rule.tailContracts, f.rule.cost),
    components: comps,
    structures,
  };
}

/**
 * The budget frontier of a plan input, in one call (one chunk: the whole run by default). Hosts
 * fan chunks over workers with {@link runFrontierChunk} and {@link mergeFrontier}, then summarise.
 * @example frontier({ plan: planInput, paths: 20000, seed: 7 }).points.map((p) => [p.budget, p.cvar95Down])
 */
export function frontier(input: unknown, opts: FrontierRunOptions = {}): FrontierResult {
  return summarizeFrontier(runFrontierSetup(frontierSetup(input), opts));
}

/** Merge chunks of one run and summarise them (what a host does after fanning the chunks out). */
export function mergeAndSummarizeFrontier(parts: readonly FrontierPartial[]): FrontierResult {
  return summarizeFrontier(mergeFrontier(parts));
}
