/**
 * A frontier input resolved into what its paths and its answer need: the plan (the book, its
 * market, the literal sizes), the components priced in the drawdown scenario and the analogs, the
 * budget ladder, and the Monte Carlo setup whose paths every budget shares.
 */
import { invalidInput, noSolution } from '../errors';
import { parseInput } from '../schemas/parse';
import type { PlanInput } from '../schemas/plan';
import { buildTermStructure } from '../market/index';
import { refusedLeg, surfacesOf, type Leg } from '../book/index';
// the method's files, not its barrel: the plan (in the barrel) reads the hedge module
import { plan } from '../method/plan';
import { planMarketState, withPrefix } from '../method/planCurve';
import { condorHorizonDays, lastCondorExpiryField } from '../scenario/mcSetup';
import type { MonteCarloSetup } from '../scenario/mcTypes';
import { entryCreditNotes, holdsPositions, withoutCampaign, type ScenarioBook } from '../scenario/scenarioBook';
import { hedgeContextFrom, type HedgeContext } from './structureContext';
import { TAIL_STRUCTURES, defaultMarker, type LegMarker } from './structurePricing';
import { compareInContext } from './structureScoring';
import {
  FrontierInputSchema,
  checkFrontierWork,
  frontierUnitStep,
  mostFrontierPaths,
  type FrontierChunkLimits,
  type FrontierComponent,
  type FrontierFrame,
  type ParsedFrontierInput,
} from './frontierTypes';

/** Everything a frontier chunk runs. */
export interface FrontierSetup {
  input: ParsedFrontierInput;
  frame: FrontierFrame;
  /** The Monte Carlo setup: the condors, every component's legs (for the curve and the time tables), no rebalancing. */
  mc: MonteCarloSetup;
  /** Option legs of one unit of each component, frame order. */
  componentLegs: Leg[][];
}

const cents = (x: number) => Math.round(x * 100) / 100;
/** The least whole-cent amount at or above x (x · 100 may round below a cent in binary). */
function centsUp(x: number): number {
  const c = Math.ceil(x * 100) / 100;
  return c >= x ? c : Math.round(c * 100 + 1) / 100;
}

function component(
  ctx: HedgeContext,
  name: FrontierComponent['name'],
  description: string,
  legs: Leg[],
  mark: LegMarker,
): FrontierComponent {
  const premium = legs.length === 0 ? 0 : mark(legs, ctx.now);
  const value = (s: typeof ctx.now) => (legs.length === 0 ? 0 : mark(legs, s));
  // The opening fees, paid beyond the premium (as each path's P&L pays them): the scenario's and
  // the analogs' gains are net of them, as the plan's structure comparison states its gains.
  const paid = premium + ctx.policy.transactionCostPerContract * legs.reduce((a, l) => a + Math.abs(l.quantity), 0);
  return {
    name,
    description,
    premium,
    gain: unmarkable(description, 'drawdown', () => value(ctx.stressed)) - paid,
    analogGains: ctx.analogs.map((a) => unmarkable(description, a.state.date, () => value(a.state)) - paid),
    legs: legs.length,
  };
}

/**
 * A component's value in the drawdown scenario or an analog's state; a leg that state cannot mark
 * (markLegs names it by its index in the component) is the plan's scenario, named as the plan's
 * own scenario loss names it.
 */
function unmarkable(description: string, where: string, f: () => number): number {
  try {
    return f();
  } catch (err) {
    const e = refusedLeg(err)?.error;
    if (e === undefined) throw err;
    const drawdown = where === 'drawdown';
    throw invalidInput(
      drawdown ? 'plan.policy.drawdown' : 'plan.market',
      `${drawdown ? "in the plan's drawdown scenario" : `in the analog state of ${where}`}, ${description}: ${e.problem}`,
      drawdown
        ? 'pass a smaller drawdown, or a lower stressed VIX (plan.policy.stressVix, or stressVixPerPct)'
        : "check the plan's market (SPX, VIX and the futures): an analog moves it as history did",
    );
  }
}

/** Option legs the paths price: the condors' and every component's (the book's overlay holds them all). */
function legsOf(book: Pick<ScenarioBook, 'condor' | 'overlay'>): number {
  return book.condor.length + book.overlay.length;
}

/** The most paths one frontier call of a setup runs ({@link mostFrontierPaths} for its horizon and option legs). */
export function frontierStepsLimit(s: FrontierSetup): number {
  return mostFrontierPaths(s.mc.run.horizonDays, legsOf(s.mc.book));
}

/** The frontier's word on a plan input's positions, which it does not price in. */
const HELD_NOT_USED =
  "The plan input carries plan.positions, which the frontier does not use: every mix is priced and scored as bought today from nothing held, beside the plan's condors; the orders from the legs held are the plan's (/api/plan, ALVH.ORDERS).";

const CAMPAIGN_NOT_USED =
  "The plan input carries plan.campaign, which the frontier does not use: each budget's mixes are bought today within that budget, and the plan marked beside them is sized on today's budget.";

/** The notes of what a plan input carries that the frontier does not use: positions held, a campaign. */
function unusedInputNotes(p: PlanInput): string[] {
  return [...(holdsPositions(p) ? [HELD_NOT_USED] : []), ...(p.campaign === undefined ? [] : [CAMPAIGN_NOT_USED])];
}

/** The overlay component in words: one unit, or none where the plan could build none (a diagonal the futures cannot). */
function overlayWords(structure: string, unit: readonly Leg[]): string {
  return unit.length > 0
    ? `one unit of the ${structure} overlay`
    : `the ${structure} overlay: no unit can be built today (the plan's warnings say why)`;
}

/**
 * Parse a frontier input and resolve it (the plan is built once here; limits checked). A host
 * passes how it sends chunks (`limits`: the most paths one answer's per-path arrays carry and how a
 * call asks for them), for the refusal of too many paths to suggest chunks it answers.
 * @example frontierSetup({ plan: planInput, paths: 20000, seed: 7 }).frame.budgets
 */
export function frontierSetup(
  input: unknown,
  mark: LegMarker = defaultMarker,
  limits: FrontierChunkLimits = {},
): FrontierSetup {
  const v = parseInput(FrontierInputSchema, input);
  // what the method refuses in the plan is named where it sits in this request
  const pl = withPrefix(
    (f) => `plan.${f}`,
    () => plan(withoutCampaign(v.plan)),
  );
  const now = planMarketState(pl.market, pl.surface);
  const ts = buildTermStructure(
    { valuationDate: pl.market.date, vixSpot: pl.market.vix, futures: pl.market.futures },
    { kappa: pl.market.kappa, theta: pl.market.theta },
  );
  const ctx = hedgeContextFrom({
    valuationDate: pl.valuationDate,
    policy: pl.policy,
    params: v.plan.structures?.params ?? { spreadWidth: 10, ladderOtm: [0.25, 0.5, 1] },
    ts,
    now,
    stressVolOfVol: pl.scenario.stressVolOfVol,
    condors: pl.condors,
  });
  const cmp = compareInContext(ctx, mark);
  // Option structures only, in TAIL_STRUCTURES order: a premium budget bounds their loss (not a future's).
  const structures = TAIL_STRUCTURES.map((s) => cmp.structures.find((x) => x.structure === s)!).filter(
    (s) => s.lossBoundedByPremium && s.premium - s.fees > 0,
  );
  const overlayLegs = pl.overlay.unitLegs;
  const planLegs = [...pl.book.overlay, ...pl.book.tail];
  const componentLegs: Leg[][] = [overlayLegs, ...structures.map((s) => s.legs), planLegs];
  const components: FrontierComponent[] = [
    component(ctx, 'overlay', overlayWords(pl.policy.overlay, overlayLegs), overlayLegs, mark),
    ...structures.map((s) => component(ctx, s.structure, s.description, s.legs, mark)),
    component(ctx, 'plan', 'the plan’s overlay and tail as sized', planLegs, mark),
  ];

  const coverCosts = structures.map((s) => s.size?.cost ?? 0);
  const literalTailCost = pl.tail.requiredCost > 0 ? pl.tail.requiredCost : Math.max(0, ...coverCosts);
  let budgets: number[];
  if (v.budgets !== undefined) budgets = [...new Set(v.budgets)].sort((a, b) => a - b);
  else {
    if (!(literalTailCost > 0)) {
      throw noSolution(
        'budgets',
        ctx.loss > 0
          ? 'the literal tail costs nothing here (no structure can cover the drawdown loss), so there is no default ladder'
          : 'the drawdown scenario leaves the book no loss to cover, so the literal tail costs nothing and there is no default ladder',
        'pass budgets in USD, e.g. [0, 5000, 10000]',
      );
    }
    // Section 10: "from 0 to the full hedge's cost", the literal rule's overlay and tail together,
    // so the rule's own mix lies on the ladder and a mix that matches it can be found: the top is
    // rounded UP to the cent (to the nearest, it fell short of the rule's cost and left its mix out)
    const fullHedgeCost = literalTailCost + Math.max(0, pl.overlay.requiredCost);
    budgets = Array.from({ length: v.points }, (_, k) =>
      k === v.points - 1 ? centsUp(fullHedgeCost) : cents((fullHedgeCost * k) / (v.points - 1)),
    );
  }

  const book: ScenarioBook = {
    valuationDate: pl.valuationDate,
    spot: pl.market.spot,
    vix: pl.market.vix,
    rate: pl.market.rate,
    divYield: pl.market.divYield,
    volOfVol: pl.market.volOfVol,
    surfaces: surfacesOf(now),
    kappa: pl.market.kappa,
    theta: pl.market.theta,
    shockKappa: pl.policy.shockKappa,
    futureFor: now.futureFor,
    futures: pl.market.futures,
    condor: pl.book.condor,
    overlay: componentLegs.flat(),
    tail: [],
    condorEntryValue: -pl.ladder.maxProfit,
    condorMaxLoss: pl.ladder.maxLoss,
  };
  const inputNotes = [...unusedInputNotes(v.plan), ...entryCreditNotes(pl, 'paths')];
  const horizonDays = condorHorizonDays(book);
  const pathCount = v.pathCount ?? v.paths - v.firstPath;
  const expiryField = lastCondorExpiryField({ plan: v.plan });
  // the count over the limit is the one the caller sent: pathCount, else paths (as the Monte Carlo's)
  const countField = v.pathCount === undefined ? 'paths' : 'pathCount';
  checkFrontierWork(v.paths, pathCount, horizonDays, legsOf(book), expiryField, limits, countField);

  const frame: FrontierFrame = {
    valuationDate: pl.valuationDate,
    budgets,
    splits: [...new Set(v.splits)].sort((a, b) => a - b),
    literalTailCost,
    loss: ctx.loss,
    maxLoss: ctx.maxLoss,
    analogs: ctx.analogs.map((a) => ({ date: a.analog.date, label: a.analog.label, loss: a.loss })),
    components,
    plan: { overlayUnits: pl.overlay.units, tailContracts: pl.tail.contracts, cost: components.at(-1)!.premium },
    rule: {
      overlayUnits: pl.overlay.requiredUnits,
      tailContracts: pl.tail.noSolution === undefined ? pl.tail.requiredContracts : 0,
      cost: pl.overlay.requiredUnits * components[0]!.premium + pl.tail.requiredCost,
    },
    // a condor's first leg, its long put, holds its quantity
    unitStep: frontierUnitStep(pl.condors.reduce((n, c) => n + Math.abs(c.legs[0]!.quantity), 0)),
    ...(inputNotes.length > 0 ? { inputNotes } : {}),
  };
  return {
    input: v,
    frame,
    componentLegs,
    mc: {
      book,
      policy: pl.policy,
      model: { jumpIntensity: 1, jumpMeanVix: 8, spxJumpPerVixPoint: 1 / 150 },
      run: {
        paths: v.paths,
        seed: v.seed,
        firstPath: v.firstPath,
        pathCount,
        horizonDays,
        antithetic: v.antithetic,
        rebalance: false,
        measure: v.measure,
        dynamics: 'calibrated',
      },
    },
  };
}
