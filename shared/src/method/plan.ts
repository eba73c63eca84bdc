/**
 * `plan`: the ALVH method composed (ALVH-METHOD sections 1-8). One validated input — valuation
 * date, market snapshot, a condor or a ladder of condors (netted as one book), portfolio, optional signals, optional last rebalance, optional
 * policy overrides — gives the full, explained hedge plan: regime, split, overlay and tail legs
 * with their cost, the coverage achieved, the historical analogs, caps and flags, rebalance status,
 * the audit trail and warnings in plain words.
 *
 * The steps, each a function returning its result, audit rows and warnings (in this order):
 * term structure and regime (planCurve) → signals → split (planSignals) → condor analytics
 * (Step 1) → drawdown scenario → tail sizing (Step 4) → overlay sizing (Step 3) (planSizing) →
 * budget and cuts (Step 2) → capital cap → theta subsidy (planBudget) → analogs → rebalance
 * (Step 5) (planAnalogs) → tail structures and orders from positions (planStructures).
 */
import { markBook, type Leg } from '../book/index';
import { curveFrontGap } from '../market/index';
import { parseInput } from '../schemas/parse';
import { checkVixFloor, checkVxFloor } from '../validate';
import { PlanInputSchema, type ParsedPlanInput, type PlanInput } from '../schemas/plan';
import { DEFAULT_POLICY, resolvePolicy, type Policy } from '../schemas/policy';
import type { AuditEntry } from './audit';
import { inputCondors, lastRebalanceCurve, listedMonthlies, stepTermStructure, type PlanContext } from './planCurve';
import { missingSignalsWarning, stepSignals, stepSplit } from './planSignals';
import { stepCondor, stepOverlay, stepScenario, stepTail } from './planSizing';
import { stepBudget, stepCapital, stepThetaSubsidy } from './planBudget';
import { campaignAfter, campaignParts, heldLayerValues } from './planCampaign';
import { stepCarry } from './planCarry';
import { stepAnalogs, stepRebalance } from './planAnalogs';
import { stepOrders, stepStructures } from './planStructures';
import { vixChainRangeWarning } from './planVixChain';
import { spxChainRangeWarning } from './marketSurface';
import { onPlanMarket } from './planMarkRefusal';
import type { Plan, PlanCondorMarked, PlanLadder, PlanMarket, PlanStep } from './planTypes';

export type * from './planTypes';
export { planMarketState } from './planCurve';

/**
 * The full hedge plan of an SPX iron condor.
 *
 * @example
 * plan({
 *   valuationDate: '2018-12-24',
 *   market: { spx: 2351.1, vix: 36.07, rate: 0.024, divYield: 0.02, futures: [{ expiry: '2019-01-16', price: 25.9 }, ...] },
 *   condor: { expiry: '2019-02-08', strikes: [1750, 1800, 2850, 2900], quantity: 10 },
 *   portfolio: { capital: 2_000_000 },
 * })
 */
export function plan(input: PlanInput): Plan {
  const p = parseInput(PlanInputSchema, input);
  checkLevelFloors(p);
  // Read before the schema's default fills it: a 0 the user did not choose gets a note.
  // a leg its own market cannot mark is named at the field its vols come from (market.surface, ...)
  const out = onPlanMarket(p, () => buildPlan(p, p.policy ?? resolvePolicy(), input.market.divYield !== undefined));
  // accepted for old inputs, read by no mark of the plan: one that sends it is told so (not the
  // defaults an input parsed before it came here carries)
  const skew = (input.policy as { skew?: unknown } | undefined)?.skew;
  if (skew !== undefined && JSON.stringify(skew) !== JSON.stringify(DEFAULT_POLICY.skew))
    out.warnings.push(SKEW_NOT_READ);
  return out;
}

/**
 * VIX and the VX futures, today's and the last rebalance's, against the lowest levels any host takes
 * (VIX under 5, a future from 1 to under 5: a slip, as ALVH.PLAN refuses them). Checked before the
 * curve's ratio check, which would otherwise blame the futures for a VIX typed 3.
 */
function checkLevelFloors(p: ParsedPlanInput): void {
  const at: [string, { vix?: number; futures?: readonly { price: number }[] } | undefined][] = [
    ['market', p.market],
    ['lastRebalance', p.lastRebalance],
  ];
  for (const [field, levels] of at) {
    if (levels?.vix !== undefined) checkVixFloor(`${field}.vix`, levels.vix);
    levels?.futures?.forEach((f, i) => checkVxFloor(`${field}.futures[${i}].price`, f.price));
  }
}

/** What a plan input's `policy.skew` does: nothing (docs/method.md, "Marks"). */
export const SKEW_NOT_READ =
  "policy.skew is not read: every option is marked on the plan's volatility surface (market.surface, a chain, or the Cboe indices: VIX9D, VIX3M, VIX6M and SKEW); leave policy.skew out, or pass market.indices.skew to move the smile.";

function buildPlan(p: ParsedPlanInput, policy: Policy, divYieldGiven: boolean): Plan {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const take = <T>(step: PlanStep<T>): T => {
    audit.push(...step.audit);
    warnings.push(...step.warnings);
    return step.result;
  };
  const ctx = take(stepTermStructure(p, policy, divYieldGiven));
  const { ts, now, date } = ctx;
  const thenTs = lastRebalanceCurve(p, policy);
  const thenGap = thenTs === undefined ? undefined : curveFrontGap(thenTs);
  const signals = take(stepSignals(p, policy, thenGap === undefined ? thenTs?.spread : undefined));
  if (thenGap !== undefined && p.signals?.prevSpread === undefined) {
    const then = thenTs?.valuationDate;
    warnings.push(
      `lastRebalance.futures lacks the VX future of ${thenGap.missing}, ${thenGap.nth} on ${then}: that day's F1 − F2 spread is not known, so the split's flattening rule does not read it; pass signals.prevSpread, or that future's price on ${then}.`,
    );
  }
  const prevFrom =
    p.signals?.prevSpread !== undefined ? 'signals.prevSpread' : `lastRebalance ${thenTs?.valuationDate}: its F1 − F2`;
  const split = take(stepSplit(ts, signals, policy, prevFrom));
  const unread = missingSignalsWarning(p, ts.regime, signals, split, policy);
  if (unread !== undefined) warnings.push(unread);
  const { condors, book: condorSet } = take(stepCondor(ctx));
  const condor = condors[0] as PlanCondorMarked;
  const { scenario, losses } = take(stepScenario(ctx, condors));
  const monthly = listedMonthlies(ts, date);
  const tailStep = stepTail(ctx, scenario, monthly);
  const sizing = take(tailStep);
  warnings.unshift(...tailStep.lead);
  const overlaySize = take(stepOverlay(ctx, condorSet, split, monthly));
  const heldValues = heldLayerValues(ctx, condorSet.legs, overlaySize.unitLegs);
  const parts = take(campaignParts(p, heldValues, split));
  const { overlay, tail, budget } = take(
    stepBudget(ctx, condorSet, split, overlaySize, sizing, scenario.condorLoss, parts),
  );
  const capital = take(stepCapital(ctx, condorSet, budget.netHedgeDebit, overlay));
  const thetaSubsidy = take(stepThetaSubsidy(overlay, tail, p.market.spx));
  const carry = take(stepCarry(ctx, { condor: condorSet.legs, overlay: overlay.legs, tail: tail.legs }, overlay));
  const analogs = take(stepAnalogs(ctx, condors, sizing, tail.contracts));
  const rebalance = take(stepRebalance(ts, thenTs, policy));
  const structures = take(stepStructures(ctx, condors, tail, budget));

  const book = { condor: condorSet.legs, overlay: overlay.legs, tail: tail.legs };
  const given = inputCondors(p);
  const expiries = given.map((x) => x.c.expiry);
  const orders = take(
    stepOrders(
      ctx,
      {
        condors: condors.map((c, i) => ({ expiry: expiries[i] as string, legs: c.legs })),
        overlay: overlay.legs,
        tail: tail.legs,
        overlayUnit: overlay.unitLegs,
      },
      rebalance.due,
      capital,
    ),
  );
  const bookHeld = orders !== undefined && orders.orders.length === 0; // no trade: nothing paid today
  const cost = { overlay: overlay.cost, tail: tail.cost };
  const campaign = campaignAfter(p, policy.overlay, budget.budget, cost, heldValues, bookHeld);
  // every option the plan marks: its own legs, the structures', and those its orders trade (a held
  // option closed, an order set aside), each read off a chain's fit when one is given
  const ordered = [...(orders?.orders ?? []), ...(orders?.deferred?.orders ?? [])].map((o) => o.leg);
  const marked = [...tail.legs, ...overlay.legs, ...structures.structures.flatMap((r) => r.legs), ...ordered];
  warnings.push(...chainRangeWarnings(ctx, tail.expiry, [...condorSet.legs, ...overlay.unitLegs, ...marked]));
  const { legs: _legs, ...netted } = condorSet;
  const ladder: PlanLadder = {
    count: condors.length,
    expiries,
    ...netted,
    lastDays: Math.max(...condors.map((c) => c.days)),
    scenarioLosses: losses,
    scenarioLoss: scenario.condorLoss,
    passesSdCheck: condors.every((c) => c.passesSdCheck),
    failingSdCheck: given.filter((_, i) => !(condors[i] as PlanCondorMarked).passesSdCheck).map((x) => x.field),
  };
  return {
    valuationDate: date,
    policy,
    market: planMarket(ctx),
    surface: ctx.surface,
    termStructure: {
      vixSpot: ts.vixSpot,
      f1: { expiry: ts.f1.expiry, days: ts.f1.days, price: ts.f1.price },
      f2: { expiry: ts.f2.expiry, days: ts.f2.days, price: ts.f2.price },
      spread: ts.spread,
      contangoPct: ts.contangoPct,
      regime: ts.regime,
      fit: ts.fit,
      points: ts.points.map((pt) => ({ expiry: pt.expiry, days: pt.days, price: pt.price })),
    },
    regime: ts.regime,
    signals,
    split,
    condor,
    condors,
    ladder,
    scenario,
    overlay,
    tail,
    analogs,
    budget,
    capital,
    thetaSubsidy,
    carry,
    rebalance,
    book,
    bookGreeks: markBook([...book.condor, ...book.overlay, ...book.tail], now),
    structures,
    ...(orders === undefined ? {} : { orders }),
    ...(campaign === undefined ? {} : { campaign }),
    audit,
    warnings,
  };
}

/** The market the plan was built on, as it reports it: the snapshot, the vol of vol and the curve's fit. */
function planMarket(ctx: PlanContext): PlanMarket {
  const { p, ts, date, volOfVol } = ctx;
  const m = p.market;
  return {
    date,
    spot: m.spx,
    vix: m.vix,
    ...(m.vvix === undefined ? {} : { vvix: m.vvix }),
    rate: m.rate,
    divYield: m.divYield,
    volOfVol,
    futures: m.futures.map((f) => ({ expiry: f.expiry, price: f.price })),
    kappa: ts.fit.kappa,
    theta: ts.fit.theta,
  };
}

/**
 * The warnings of options the plan marks outside the fitted expiries of its chains: VIX options
 * (the tail's expiry among them) off a VIX chain's fit, SPX options (the condors, an overlay unit's
 * legs whether or not the budget buys one, the structures', the orders') off the SPX chain's.
 */
function chainRangeWarnings(ctx: PlanContext, tailExpiry: string, legs: readonly Leg[]): string[] {
  const of = (kind: Leg['kind']) => legs.filter((l) => l.kind === kind).map((l) => l.expiry);
  return [
    ...vixChainRangeWarning(ctx.now.surfaces?.vixOptions, [tailExpiry, ...of('vix')], ctx.vixChainLeftOut),
    ...spxChainRangeWarning(ctx.surface, of('spx')),
  ];
}
