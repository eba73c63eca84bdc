/**
 * Steps of `plan` on money (section 7): the hedge budget and the cuts of both layers to their
 * shares, the capital cap, and the theta subsidy.
 */
import { OPTION_MULTIPLIER, markBook, type Leg } from '../book/index';
import { fmt, usd, type AuditEntry } from './audit';
import type { SplitResult } from './split';
import type { OverlaySizing } from './overlay';
import {
  capitalCap,
  cutToBudget,
  hedgeBudget,
  hedgeCostRate,
  putCalendarCarryRisk,
  returnOnRisk,
  type CapitalCap,
  type HedgeBudget,
} from './caps';
import { OVERLAY_NAMES, type Policy } from '../schemas/policy';
import { daysBetween } from '../dates';
import { plural, type PlanContext } from './planCurve';
import type { TailSizing } from './planSizing';
import { MAX_CONTRACTS } from '../schemas/plan';
import type { CampaignParts, CondorBook, Plan, PlanBudget, PlanOverlay, PlanStep, PlanTail } from './planTypes';

/**
 * The budget (section 7) and both layers cut to their shares of it. `condor` is the book netted
 * (one condor, or a ladder: Σ max loss, Σ credit, days weighted by max loss).
 */
export function stepBudget(
  ctx: PlanContext,
  condor: Pick<CondorBook, 'maxLoss' | 'maxProfit' | 'days' | 'returnOnRisk'>,
  split: SplitResult,
  overlaySize: OverlaySizing,
  sizing: TailSizing,
  condorLoss: number,
  campaign?: CampaignParts,
): PlanStep<{ overlay: PlanOverlay; tail: PlanTail; budget: PlanBudget }> {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const { p, policy } = ctx;
  const hb = hedgeBudget(
    {
      maxLoss: condor.maxLoss,
      credit: condor.maxProfit,
      days: condor.days,
      ...(p.portfolio.budget === undefined ? {} : { userBudget: p.portfolio.budget }),
    },
    policy,
  );
  // a campaign given: each layer's share of the life budget less what it paid, plus what it holds
  const calendarBudget = campaign?.available.overlay ?? hb.budget * split.calendarShare;
  const tailBudget = campaign?.available.tail ?? hb.budget * split.tailShare;
  audit.push({
    rule: 'budget',
    // The caps' own inputs: costCap = maxHedgeCostRate · maxLoss · days/365, irrBudgetRaw =
    // credit − targetIrr · maxLoss · days/365 and irrBudget its floor at 0 (a ladder's days are
    // weighted by max loss).
    inputs: {
      maxLoss: condor.maxLoss,
      credit: condor.maxProfit,
      days: condor.days,
      costCap: hb.costCap,
      irrBudgetRaw: hb.irrBudgetRaw,
      irrBudget: hb.irrBudget,
      userBudget: hb.userBudget ?? 'not given',
      maxHedgeCostRate: policy.maxHedgeCostRate,
      targetIrr: policy.targetIrr,
    },
    // The parts in cents that add to the budget's cents (rounded apart they can miss it by one).
    effect:
      campaign === undefined
        ? `budget ${usd(hb.budget, 2)} (binding: ${hb.binding}): calendar ${usd(calendarBudget, 2)}, tail ${usd((Math.round(hb.budget * 100) - Math.round(calendarBudget * 100)) / 100, 2)}`
        : `today's budget ${usd(hb.budget, 2)} (binding: ${hb.binding}), not read: the layers are cut to the campaign's parts (budget.campaign)`,
  });
  if (hb.irrBudgetRaw < 0) {
    warnings.push(
      `The condor alone returns ${fmt(condor.returnOnRisk * 100, 1)}% a year on risk, below the ${fmt(policy.targetIrr * 100, 1)}% target (policy.targetIrr): no hedge budget is left.`,
    );
  }
  const source = budgetSource(hb, policy, condor.days);
  const part = (x: number) =>
    campaign !== undefined
      ? `${usd(x)} (its share of the campaign's ${usd(campaign.budget)} budget set at entry, less what it has paid, plus what its legs held would fetch)`
      : hb.budget > 0
        ? `${usd(x)} (${fmt((100 * x) / hb.budget, 0)}% of the ${usd(hb.budget)} hedge budget, ${source})`
        : `${usd(x)} (${source})`;
  const overlay = cutOverlay(overlaySize, calendarBudget, audit, warnings, part);
  const tail = cutTail(ctx, sizing, tailBudget, condorLoss, audit, warnings, part);
  // the book's premiums at today's mids, a campaign or not: its spend is in plan.campaign.paid
  const debit = overlay.cost + tail.cost;
  const contracts = [...overlay.legs, ...tail.legs].reduce((a, l) => a + Math.abs(l.quantity), 0);
  const transactionCosts = contracts * policy.transactionCostPerContract;
  const costRate = hedgeCostRate(debit, condor.maxLoss, condor.days);
  const rorAfter = returnOnRisk(condor.maxProfit, debit, condor.maxLoss, condor.days);
  const budget: PlanBudget = {
    ...hb,
    calendarBudget,
    tailBudget,
    ...(campaign === undefined ? {} : { campaign }),
    netHedgeDebit: debit,
    transactionCosts,
    requiredDebit: overlay.requiredCost + tail.requiredCost,
    requiredHedgeCostRate: hedgeCostRate(overlay.requiredCost + tail.requiredCost, condor.maxLoss, condor.days),
    hedgeCostRate: costRate,
    withinCostCap: costRate <= policy.maxHedgeCostRate + 1e-12,
    returnOnRiskAfterHedges: rorAfter,
    meetsTargetIrr: rorAfter >= policy.targetIrr - 1e-12,
  };
  audit.push({
    rule: 'budget.result',
    inputs: { netHedgeDebit: debit, transactionCosts, hedgeCostRate: costRate, returnOnRiskAfterHedges: rorAfter },
    effect: `hedges cost ${usd(debit, 2)} in premiums at model mids${campaign === undefined ? '' : " (the book as bought today; the campaign's spend is plan.campaign.paid)"} (${usd(transactionCosts, 2)} of transaction costs for ${plural(contracts, 'contract')} on top, not counted against the budget): ${fmt(costRate * 100, 2)}% a year of max loss (cap ${fmt(policy.maxHedgeCostRate * 100, 1)}%), return on risk after hedges ${fmt(rorAfter * 100, 1)}% a year`,
  });
  return { result: { overlay, tail, budget }, audit, warnings };
}

/**
 * What set the hedge budget, as a cut's warning says it: the cost cap, the return target or the
 * caller's budget, and a caller's budget the cap or target held below.
 */
function budgetSource(hb: HedgeBudget, policy: Policy, days: number): string {
  const above =
    hb.userBudget !== undefined && hb.userBudget > hb.budget ? `; your budget ${usd(hb.userBudget)} is above it` : '';
  if (hb.binding === 'user') return 'your budget';
  if (hb.binding === 'cost-cap')
    return `the cost cap: policy.maxHedgeCostRate ${fmt(policy.maxHedgeCostRate * 100, 1)}% a year of the max loss over ${fmt(days, 0)} days${above}`;
  return `what the credit leaves above the return target, policy.targetIrr ${fmt(policy.targetIrr * 100, 1)}% a year on the max loss${above}`;
}

/** The calendar overlay cut to its share of the budget (section 7), with its audit row and warning. */
function cutOverlay(
  overlaySize: OverlaySizing,
  calendarBudget: number,
  audit: AuditEntry[],
  warnings: string[],
  part: (x: number) => string,
): PlanOverlay {
  const ovCut = cutToBudget(overlaySize.units, overlaySize.unitCost, calendarBudget);
  const units = withinLegLimit(
    ovCut.quantity,
    warnings,
    (q) =>
      `The overlay asks for ${q} units, more than one leg holds (${MAX_CONTRACTS}): one unit's vega (${fmt(overlaySize.unitVega, 4)}) is tiny against the target; the plan holds ${MAX_CONTRACTS}.`,
  );
  const overlay: PlanOverlay = {
    ...overlaySize,
    requiredUnits: overlaySize.units,
    requiredCost: overlaySize.units * overlaySize.unitCost,
    units,
    legs: units > 0 ? overlaySize.unitLegs.map((l) => ({ ...l, quantity: l.quantity * units })) : [],
    cost: units * overlaySize.unitCost,
    vega: units * overlaySize.unitVega,
    theta: units * overlaySize.unitTheta,
    budget: calendarBudget,
    cut: ovCut.cut,
    coverageAchieved: overlaySize.targetVega > 0 ? (units * overlaySize.unitVega) / overlaySize.targetVega : 1,
  };
  if (ovCut.cut) {
    audit.push({
      rule: 'budget.cut-overlay',
      inputs: { requiredUnits: overlaySize.units, unitCost: overlaySize.unitCost, calendarBudget },
      effect: `overlay cut from ${overlaySize.units} to ${plural(units, 'unit')}; vega covered ${fmt(overlay.coverageAchieved * 100, 1)}% of the target`,
    });
    warnings.push(
      `The ${overlaySize.structure} overlay needs ${plural(overlaySize.units, 'unit')} (${usd(overlaySize.units * overlaySize.unitCost)}) but its part of the budget is ${part(calendarBudget)}: cut to ${plural(units, 'unit')}, ${fmt(overlay.coverageAchieved * 100, 1)}% of the vega target.`,
    );
  }
  return overlay;
}

/**
 * A quantity held to MAX_CONTRACTS, the most one leg of a book holds (the book schemas' cap), so
 * the plan's book stays a valid input; the warning `said` when it binds.
 */
function withinLegLimit(quantity: number, warnings: string[], said: (quantity: number) => string): number {
  if (quantity <= MAX_CONTRACTS) return quantity;
  warnings.push(said(quantity));
  return MAX_CONTRACTS;
}

/** The tail VIX calls cut to their share of the budget (section 7), with their audit row and warning. */
function cutTail(
  ctx: PlanContext,
  sizing: TailSizing,
  tailBudget: number,
  condorLoss: number,
  audit: AuditEntry[],
  warnings: string[],
  part: (x: number) => string,
): PlanTail {
  const { policy, now } = ctx;
  const { tailExpiry, tailDays, inWindow, hedgeFuture, sFuture, tailSize, tailNoSolution } = sizing;
  const unitPremium = tailSize.premium * OPTION_MULTIPLIER;
  const tailCut = cutToBudget(tailSize.contracts, unitPremium, tailBudget);
  const contracts = withinLegLimit(
    tailCut.quantity,
    warnings,
    (q) =>
      `The tail asks for ${q} VIX calls, more than one leg holds (${MAX_CONTRACTS}): the plan holds ${MAX_CONTRACTS}. Plan a book this size in parts.`,
  );
  const tailLegs: Leg[] =
    contracts > 0
      ? [{ kind: 'vix', type: 'call', strike: tailSize.strike, expiry: tailExpiry, quantity: contracts }]
      : [];
  const tailTheta = contracts > 0 ? markBook(tailLegs, now).theta : 0;
  const tail: PlanTail = {
    legs: tailLegs,
    expiry: tailExpiry,
    daysToExpiry: tailDays,
    inWindow,
    strike: tailSize.strike,
    future: hedgeFuture,
    stressedFuture: sFuture,
    premium: tailSize.premium,
    stressedCallValue: tailSize.stressedCallValue,
    gainPerContract: tailSize.gainPerContract,
    requiredContracts: tailSize.contracts,
    requiredCost: tailSize.contracts * unitPremium,
    contracts,
    cost: contracts * unitPremium,
    coverage: policy.tailCoverage,
    coverageAchieved: condorLoss > 0 ? (contracts * tailSize.gainPerContract) / condorLoss : 0,
    budget: tailBudget,
    cut: tailCut.cut,
    theta: tailTheta,
    ...(tailNoSolution === undefined ? {} : { noSolution: tailNoSolution }),
  };
  if (tailCut.cut) {
    audit.push({
      rule: 'budget.cut-tail',
      inputs: { requiredContracts: tailSize.contracts, premiumPerContract: unitPremium, tailBudget },
      effect: `tail cut from ${tailSize.contracts} to ${plural(contracts, 'contract')}; coverage ${fmt(tail.coverageAchieved, 2)}× the scenario loss (target ${policy.tailCoverage}×)`,
    });
    warnings.push(
      `The tail hedge needs ${plural(tailSize.contracts, 'VIX call')} (${usd(tailSize.contracts * unitPremium)}) for ${policy.tailCoverage}× coverage but its part of the budget is ${part(tailBudget)}: cut to ${contracts}, covering ${fmt(tail.coverageAchieved, 2)}× the ${usd(condorLoss)} scenario loss.`,
    );
  }
  return tail;
}

/**
 * The capital cap (section 7): how many condors the account's risk limit allows. A ladder counts
 * its condors of every expiry, each at the book's mean max loss and hedge debit per condor.
 */
export function stepCapital(
  ctx: PlanContext,
  condor: Pick<CondorBook, 'maxLoss' | 'quantity'>,
  debit: number,
  overlay: Pick<PlanOverlay, 'structure' | 'units' | 'unitLegs'>,
): PlanStep<CapitalCap> {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const { p, policy } = ctx;
  const c = condor;
  const beyond = overlayRiskBeyondDebit(overlay, p.market.rate, p.market.divYield);
  const capital = capitalCap(
    {
      maxLossPerCondor: condor.maxLoss / c.quantity,
      hedgeDebitPerCondor: debit / c.quantity,
      hedgeRiskBeyondDebitPerCondor: beyond / c.quantity,
      capital: p.portfolio.capital,
      quantity: c.quantity,
    },
    policy,
  );
  const carry =
    beyond > 0
      ? ` (${usd(condor.maxLoss)} condor max loss, ${usd(Math.max(0, debit))} hedge debit and ${usd(beyond)} the put calendar can lose beyond its debit: in a crash its back put trades under intrinsic by its strike's carry to the back expiry)`
      : overlay.structure === 'vix-call-diagonal' && overlay.units > 0
        ? ` (the VIX call diagonal at its debit: it loses more if VIX settles above its far future by more than the strike gap at the near expiry, a loss with no bound the cap could count)`
        : '';
  audit.push({
    rule: 'capital.cap',
    inputs: {
      capital: p.portfolio.capital,
      maxRiskPct: policy.maxRiskPct,
      maxLoss: condor.maxLoss,
      hedgeDebit: debit,
      hedgeRiskBeyondDebit: beyond,
      used: capital.used,
      limit: capital.limit,
    },
    effect: `risk ${usd(capital.used)}${carry} vs limit ${usd(capital.limit)}: at most ${capital.maxQuantity} condors fit`,
  });
  if (capital.exceeds) {
    // A ladder's condors are counted alike, at the book's mean risk per condor: which to cut is the
    // trader's choice, and the warning says what the count assumed.
    const ladder = (p.condors?.length ?? 1) > 1;
    const each = ladder
      ? ` across the ladder's expiries (each counted at the book's mean, ${usd(capital.used / c.quantity)} at risk with its hedges)`
      : '';
    // what the risk counts, in whole dollars whose sum is the total said: the hedges' debit and the
    // calendar's risk beyond it ride on the condors; the diagonal is counted at its debit alone
    const parts: [number, string][] = [
      [Math.round(condor.maxLoss), 'condor max loss'],
      ...(debit > 0 ? [[Math.round(debit), 'hedge debit'] as [number, string]] : []),
      ...(beyond > 0 ? [[Math.round(beyond), 'the put calendar can lose beyond its debit'] as [number, string]] : []),
    ];
    const diagonal =
      overlay.structure === 'vix-call-diagonal' && overlay.units > 0
        ? ', the VIX call diagonal at its debit alone'
        : '';
    const total = parts.reduce((a, [x]) => a + x, 0);
    const their = c.quantity === 1 ? 'its' : 'their';
    const counted =
      parts.length === 1
        ? ''
        : ` with ${their} hedges (${parts.map(([x, what]) => `${usd(x)} ${what}`).join(', ')}${diagonal})`;
    warnings.push(
      `${plural(c.quantity, 'condor')}${counted} put ${usd(total)} at risk, over ${fmt(policy.maxRiskPct * 100, 2)}% of capital (${usd(capital.limit)}): reduce to ${plural(capital.maxQuantity, 'condor')}${each}.`,
    );
  }
  return { result: capital, audit, warnings };
}

/**
 * What the overlay can lose beyond its debit, USD: a put calendar's carry bound at the front's
 * expiry ({@link putCalendarCarryRisk}) times its units; 0 for a long put, which cannot. A VIX call
 * diagonal can also lose more when VIX settles above its far future by more than the strike gap;
 * that loss has no bound, and docs/method.md says the cap counts its debit alone.
 */
export function overlayRiskBeyondDebit(
  overlay: Pick<PlanOverlay, 'structure' | 'units' | 'unitLegs'>,
  rate: number,
  divYield: number,
): number {
  if (overlay.structure !== 'spx-put-calendar' || overlay.units <= 0) return 0;
  const front = overlay.unitLegs.find((l) => l.quantity < 0);
  const back = overlay.unitLegs.find((l) => l.quantity > 0);
  if (front === undefined || back === undefined) return 0;
  const years = daysBetween(front.expiry, back.expiry) / 365;
  return overlay.units * OPTION_MULTIPLIER * putCalendarCarryRisk(back.strike, years, rate, divYield);
}

/** The theta subsidy: the overlay's theta against the tail's. */
export function stepThetaSubsidy(overlay: PlanOverlay, tail: PlanTail, spx: number): PlanStep<Plan['thetaSubsidy']> {
  const audit: AuditEntry[] = [];
  const ratio = tail.theta < 0 ? overlay.theta / Math.abs(tail.theta) : null;
  audit.push({
    rule: 'theta.subsidy',
    inputs: { overlayTheta: overlay.theta, tailTheta: tail.theta },
    effect:
      ratio === null
        ? 'no tail theta to subsidize'
        : `overlay theta ${usd(overlay.theta, 2)}/day against tail theta ${usd(tail.theta, 2)}/day: ratio ${fmt(ratio, 2)}`,
  });
  const result: Plan['thetaSubsidy'] = { overlayTheta: overlay.theta, tailTheta: tail.theta, ratio };
  const warnings: string[] = [];
  if (ratio === null)
    result.note = `no ratio: the tail's theta is ${usd(tail.theta, 2)}/day, so there is no tail decay for the overlay's ${usd(overlay.theta, 2)}/day to pay`;
  // Section 5 counts on the calendar's positive theta to pay for the tail's decay. Far out of the
  // money the back put can decay faster than the front (the front has little time value left), so
  // the calendar costs theta too: say so rather than print a negative subsidy without a word.
  if (overlay.units > 0 && overlay.theta < 0) {
    const words = `the ${OVERLAY_NAMES[overlay.structure]} itself loses ${usd(-overlay.theta, 2)}/day at this strike`;
    // with no tail decay to pay for (no ratio), the reason for that stays and this is added to it
    result.note =
      ratio === null ? `${result.note}; ${words}` : `${words}, so it adds to the tail's decay instead of paying for it`;
    if (overlay.structure === 'spx-put-calendar') {
      // far from the money either way (a condor's short put SPX has fallen through is in the money)
      const strike = overlay.unitLegs[0]?.strike ?? spx;
      const away = `${fmt(Math.abs(strike / spx - 1) * 100, 2)}% ${strike > spx ? 'in' : 'out of'} the money`;
      warnings.push(
        `The put calendar's theta is negative (${usd(overlay.theta, 2)}/day): at its strike, ${away} (${fmt(strike, 2)}, SPX ${fmt(spx, 2)}), its back put decays faster than its front, so it does not subsidize the tail as section 5 expects; it still buys the vega.`,
      );
    }
  }
  return { result, audit, warnings };
}
