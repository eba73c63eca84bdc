/**
 * The budget frontier (ALVH-METHOD section 10): for each budget of a ladder, the mix of overlay
 * and tail structure that leaves the least downside risk, with the plan and the literal rule marked
 * on the same paths.
 *
 * - Downside risk: CVaR 95 of the book's P&L at the horizon over the paths where SPX falls, i.e.
 *   SPX at the horizon strictly below SPX today (simple return < 0): the mean loss of the worst
 *   ceil(5% · down paths) of them, as a positive number.
 * - A mix: whole overlay units and whole units of ONE option tail structure (vx-future is left out:
 *   a premium budget does not bound a future's loss), costing at most the budget, the overlay's
 *   spend within the largest overlay share of `splits`. Every unit count from 0 up is a candidate
 *   (a budget may leave money unspent: past a point more premium adds downside risk), so each
 *   budget's answer is the best of all its mixes, whatever other budgets are asked: more budget
 *   never gives more risk. Ties go to the cheaper mix. The search is exact and quick
 *   (frontierSearch.ts).
 * - Beside each point: the book's loss in the drawdown scenario and its worst loss over the
 *   historical analogs, for the same units.
 */
import {
  checkFrontierSearch,
  FRONTIER_CONDORS_PER_STEP,
  FRONTIER_CVAR_LEVEL,
  MIN_FRONTIER_TAIL_PATHS,
  type FrontierFrame,
  type FrontierPartial,
} from './frontierTypes';
import type { FrontierMarker, FrontierPoint, FrontierStructureScore, FrontierResult } from './frontierResult';
import { frontierErrors, NOISE_STD_ERRORS, type FrontierErrors } from './frontierErrors';
import { wholeUsd } from '../usdText';
import { mergeFrontier, runFrontierSetup, type FrontierRunOptions } from './frontierPaths';
import { frontierSetup } from './frontierSetup';
import { overHedgeWarnings } from './frontierWords';
import { cheapestMatch, frameSearch, frontierRows, scorer, searchFrontier, type Scorer } from './frontierSearch';
import { MAX_CONTRACTS } from '../validate';
import { runModelNotes } from '../scenario/model/calibrationNotes';
import type { TailStructure } from './structurePricing';

const EPS = 1e-9;

/** The words of the frontier's down-path definition. */
export const DOWN_DEFINITION = 'SPX at the horizon below SPX on the valuation date (simple return < 0)';

/** The warning when the CVaR's tail holds too few paths to mean anything (none otherwise). */
function tailWarnings(downPaths: number, tail: number, pathCount: number): string[] {
  if (tail >= MIN_FRONTIER_TAIL_PATHS) return [];
  const need = Math.ceil(((MIN_FRONTIER_TAIL_PATHS - 1) / (1 - FRONTIER_CVAR_LEVEL) + 1) * (pathCount / downPaths));
  return [
    `only ${downPaths} of ${pathCount} paths end with SPX lower, so each CVaR 95 is the mean of the worst ${tail === 1 ? 'one path alone' : `${tail} paths`} ` +
      `(fewer than ${MIN_FRONTIER_TAIL_PATHS}): too few to rank mixes; run more paths (about ${need.toLocaleString('en-US')} or more)`,
  ];
}

/** The warning of a frontier searched in steps of more than one unit (none otherwise). */
function stepWarnings(step: number): string[] {
  if (step === 1) return [];
  return [
    `a book of over ${FRONTIER_CONDORS_PER_STEP} condors: units are searched in steps of ${step} (one per ${FRONTIER_CONDORS_PER_STEP} condors), ` +
      `so each mix is the best of those in whole steps; for every whole unit, run the frontier of ${FRONTIER_CONDORS_PER_STEP} condors or fewer and scale its units`,
  ];
}

/** A CVaR 95 in words, as the Monte Carlo's notes state it: "a loss of $5,362", "a gain of $2,491", "$0". */
const cvarWords = (x: number): string =>
  Math.round(Math.abs(x)) === 0 ? '$0' : x > 0 ? `a loss of ${wholeUsd(x)}` : `a gain of ${wholeUsd(-x)}`;

/**
 * The warning of a marked book whose hedges raise the CVaR 95 on down paths above the condors'
 * alone by more than {@link NOISE_STD_ERRORS} standard errors of the difference (none otherwise,
 * nor when the error cannot be read: the tail's own warning says so), as the Monte Carlo warns.
 */
function riseWarnings(
  name: string,
  m: Pick<FrontierMarker, 'cvar95Down' | 'cvarSavedStdError'>,
  unhedged: number,
  measure: FrontierPartial['measure'],
): string[] {
  const rise = m.cvar95Down - unhedged;
  const se = m.cvarSavedStdError;
  if (se === null || !(rise > NOISE_STD_ERRORS * se)) return [];
  return [
    `${name} raise the CVaR 95 on down paths from ${cvarWords(unhedged)} (the condors alone) to ${cvarWords(m.cvar95Down)} ` +
      `(+${wholeUsd(rise)} ± ${wholeUsd(se)}, the standard error of the difference on the same paths): on the ` +
      (measure === 'real-world'
        ? 'worst 5% of the paths where SPX falls they lose more than they protect, so this book is riskier than the condors by that measure.'
        : 'worst 5% of these risk-neutral paths where SPX falls they lose more than they protect; a pricing check, not a risk figure: ' +
          'run the real-world measure to judge the risk.'),
  ];
}

/**
 * Each option structure alone, the literal tail's cost spent on whole units of it (components: index
 * 0 the overlay, K − 1 the plan), its CVaR 95 on down paths and what it saves, with that saving's error.
 */
function structureScores(f: FrontierFrame, sc: Scorer, errors: FrontierErrors): FrontierStructureScore[] {
  const comps = f.components;
  const zero = new Array<number>(comps.length).fill(0);
  const unhedgedCvar = sc.cvar(zero);
  return comps.slice(1, comps.length - 1).map((c, i) => {
    const t = c.premium > 0 ? Math.min(MAX_CONTRACTS, Math.max(0, Math.floor(f.literalTailCost / c.premium + EPS))) : 0;
    const u = zero.map((_, k) => (k === i + 1 ? t : 0));
    const cvar = sc.cvar(u);
    const spent = u.reduce((a, x, k) => a + x * comps[k]!.premium, 0);
    return {
      structure: c.name as TailStructure,
      units: t,
      cost: spent,
      cvar95Down: cvar,
      cvarSaved: unhedgedCvar - cvar,
      cvarSavedStdError: errors.gap(zero, u),
      cvarSavedPerDollar: t > 0 && spent > 0 ? (unhedgedCvar - cvar) / spent : null,
    };
  });
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
  const errors = frontierErrors(partial, sc);
  const zero = new Array<number>(K).fill(0);
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

  // the overlay and the option structures (the last component is the plan's own book), searched
  // in units of `step` whole units (1 up to 100 condors), each count held to one leg's limit
  const { step, scorer: stepped, premiums, bmax, maxUnits } = frameSearch(f, sc);
  // One search serves the ladder and both markers' matches (the same rows and memoised CVaRs).
  const searched = frontierRows(stepped, premiums, bmax, f.splits, maxUnits, (work, rows) =>
    checkFrontierSearch(work, rows, partial),
  );
  const points: FrontierPoint[] = searchFrontier(searched, premiums, f.budgets, f.splits).map((c, i) => {
    const u = units(c.overlayUnits * step, c.structure, c.tailUnits * step);
    const budget = f.budgets[i]!;
    return {
      budget,
      structure: c.structure === 0 ? null : (comps[c.structure]!.name as TailStructure),
      split: c.split,
      overlayShare: budget > 0 ? (u[0]! * comps[0]!.premium) / budget : null,
      tailUnits: c.tailUnits * step,
      overlayUnits: c.overlayUnits * step,
      cost: cost(u),
      cvar95Down: c.cvar,
      cvarSavedStdError: errors.gap(zero, u),
      drawdownLoss: drawdownLoss(u),
      worstAnalogLoss: worstAnalog(u),
    };
  });

  const marker = (o: number, planUnits: number, tailCalls: number, markerCost: number): FrontierMarker => {
    const u = new Array<number>(K).fill(0);
    u[0] = o;
    u[K - 1] = planUnits;
    const call = comps.findIndex((c) => c.name === 'vix-call');
    if (tailCalls > 0 && call > 0) u[call] = tailCalls;
    const cvar = sc.cvar(u);
    // The cheapest mix of the frontier's kind that leaves no more CVaR, searched exactly (not only
    // among the ladder's budgets, which had put it at $765 where $308 did as well).
    const m = cheapestMatch(searched, premiums, f.splits, cvar);
    // the gap to the match on the same paths, and whether it is within their noise
    const gapError = m === null ? null : errors.gap(u, units(m.overlayUnits * step, m.structure, m.tailUnits * step));
    return {
      cost: markerCost,
      overlayUnits: planUnits === 1 ? f.plan.overlayUnits : o,
      tailContracts: planUnits === 1 ? f.plan.tailContracts : tailCalls,
      cvar95Down: cvar,
      cvarSavedStdError: errors.gap(zero, u),
      drawdownLoss: drawdownLoss(u),
      worstAnalogLoss: worstAnalog(u),
      matchedBy:
        m === null
          ? null
          : {
              budget: m.budget,
              structure: m.structure === 0 ? null : (comps[m.structure]!.name as TailStructure),
              split: m.split,
              cost: m.cost,
              overlayUnits: m.overlayUnits * step,
              tailUnits: m.tailUnits * step,
              cvar95Down: m.cvar,
              gapStdError: gapError,
              withinNoise: gapError === null || cvar - m.cvar < NOISE_STD_ERRORS * gapError,
            },
    };
  };
  const unhedgedCvar = sc.cvar(zero);
  const plan = marker(0, 1, 0, f.plan.cost);
  const rule = marker(f.rule.overlayUnits, 0, f.rule.tailContracts, f.rule.cost);
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
    unitStep: step,
    warnings: [
      ...(partial.frame.inputNotes ?? []),
      ...tailWarnings(sc.downPaths, sc.tail, partial.pathCount),
      ...stepWarnings(step),
      ...riseWarnings("The plan's hedges as sized", plan, unhedgedCvar, partial.measure),
      ...riseWarnings("The literal rule's hedges (uncapped)", rule, unhedgedCvar, partial.measure),
      ...overHedgeWarnings(points, f.loss),
    ],
    literalTailCost: f.literalTailCost,
    loss: f.loss,
    maxLoss: f.maxLoss,
    unhedged: {
      cvar95Down: unhedgedCvar,
      cvar95DownStdError: errors.own(zero),
      drawdownLoss: f.loss,
      worstAnalogLoss: worstAnalog(zero),
    },
    points,
    plan,
    rule,
    components: comps,
    structures: structureScores(f, sc, errors),
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
