/**
 * Steps of `plan` that size the book: the condor's analytics and the 1.5 SD check (section 1), the
 * drawdown scenario and the tail VIX calls (section 6), the calendar overlay (section 5).
 */
import { futureForExpiry } from '../market/index';
import { isAlvhError } from '../errors';
import { daysBetween } from '../dates';
import { SPOT_STRIKE_FACTOR } from '../validate';
import {
  OPTION_MULTIPLIER,
  markBook,
  spxAtmVol,
  spxDivYield,
  spxVol,
  vixOptionVol,
  type MarketState,
} from '../book/index';
import { fmt, usd, type AuditEntry } from './audit';
import type { SplitResult } from './split';
import { SPX_STRIKE_STEP, condorAnalytics, condorInputOf, condorStrikesAtSd, type CondorAnalytics } from './condor';
import { overlayRoundsToNone, sizeOverlay, type OverlaySizing } from './overlay';
import {
  priceTailCall,
  selectTailExpiry,
  sizeTailHedge,
  tailSizeInputFor,
  tailStrike,
  type TailSizeResult,
} from './tailSize';
import { drawdownState, scenarioLoss, stressedFuture, stressedVix } from './stress';
import type { OverlayStructure } from '../schemas/policy';
import { inputCondors, plural, withPrefix, type InputCondor, type PlanContext } from './planCurve';
import { condorBook } from './condorBook';
import { condorHeldWhole, failingSides, heldCreditWarnings, rollNet, strikesFix } from './planHeld';
import { backLegText, expiredByScenario, tailGainFix, tailRuleInputs, tailWindowWarning } from './planExpiry';
import type { CondorBook, PassingCondor, PlanCondor, PlanCondorMarked, PlanScenario, PlanStep } from './planTypes';

/**
 * The condors' analytics and Step 1 (section 1), each with its mark in today's state, and the book
 * they make netted as one ({@link condorBook}): one condor, or a ladder across expiries.
 */
export function stepCondor(ctx: PlanContext): PlanStep<{ condors: PlanCondorMarked[]; book: CondorBook }> {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const given = inputCondors(ctx.p);
  const ladder = given.length > 1;
  const condors = given.map(({ c, field }) => {
    const step = oneCondor(ctx, c, field);
    audit.push(
      ...(ladder ? step.audit.map((a) => ({ ...a, effect: `${field} ${c.expiry}: ${a.effect}` })) : step.audit),
    );
    warnings.push(...(ladder ? step.warnings.map((w) => `${field} (${c.expiry}): ${w}`) : step.warnings));
    return step.result;
  });
  const book = condorBook(
    condors,
    given.map(({ c }) => c.quantity),
  );
  if (ladder) {
    audit.push({
      rule: 'condor.ladder',
      inputs: { condors: condors.length, quantity: book.quantity, maxLoss: book.maxLoss, maxProfit: book.maxProfit },
      effect: `${plural(condors.length, 'condor')} netted as one book: max loss ${usd(book.maxLoss)}, credit ${usd(book.maxProfit)}, ${fmt(book.days, 1)} days weighted by max loss, vega on the surface ${usd(book.markGreeks.vega, 2)}`,
    });
  }
  return { result: { condors, book }, audit, warnings };
}

/** One condor's analytics and Step 1, its input at `field` ('condor' or 'condors[i]'). */
function oneCondor(ctx: PlanContext, c: InputCondor, field: string): PlanStep<PlanCondorMarked> {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const { p, policy, date, now } = ctx;
  const m = p.market;
  // Step 1's σ: the surface's ATM-forward vol at the condor's expiry (Section 2b).
  const condorDays = daysBetween(date, c.expiry);
  const atmVol = spxAtmVol(now, Math.max(condorDays, 1) / 365);
  const volAt = (k: number, years: number, fwd: number): number => spxVol(now, years, k, fwd);
  const analytics = withPrefix(
    (f) =>
      f.startsWith('condor.')
        ? `${field}${f.slice('condor'.length)}`
        : f === 'spot'
          ? 'market.spx'
          : f === 'rate' || f === 'divYield'
            ? `market.${f}`
            : f === 'atmVol'
              ? 'market.vix'
              : f,
    // The yield of the marks at the condor's expiry (a chain's surface carries its own forward).
    () =>
      condorAnalytics(
        condorInputOf(date, { ...m, divYield: spxDivYield(now, condorDays / 365) }, atmVol, c, policy, volAt),
      ),
  );
  const suggestion = analytics.passesSdCheck ? undefined : passingCondor(ctx, c, analytics, atmVol);
  const passing = suggestion === undefined || 'none' in suggestion ? undefined : suggestion;
  const condor: PlanCondor = {
    ...analytics,
    atmVol,
    ...(passing === undefined ? {} : { passingStrikes: passing }),
  };
  const condorMark = markBook(condor.legs, now);
  audit.push({
    rule: 'condor.step1',
    inputs: {
      credit: condor.credit,
      creditSource: condor.creditSource,
      maxLoss: condor.maxLoss,
      spot: m.spx,
      atmVol,
      years: condor.years,
      zPut: condor.zPut,
      zCall: condor.zCall,
      minShortStrikeSd: policy.minShortStrikeSd,
    },
    effect: `credit ${fmt(condor.credit, 2)} per share (${condor.creditSource}), max loss ${usd(condor.maxLoss)}, short strikes ${fmt(condor.zPut, 2)} / ${fmt(condor.zCall, 2)} SD (σ ${fmt(atmVol * 100, 2)}% over ${plural(condor.days, 'day')}): ${condor.passesSdCheck ? 'passes' : 'FAILS'} the ${policy.minShortStrikeSd} SD check`,
  });
  if (!condor.passesSdCheck) {
    const min = policy.minShortStrikeSd;
    const [putFails, callFails] = [condor.zPut < min, condor.zCall < min];
    const { sides, short } = failingSides(condor.zPut, condor.zCall, min);
    const passingSide =
      putFails && callFails
        ? ''
        : ` (the ${putFails ? 'call' : 'put'}, at ${fmt(putFails ? condor.zCall : condor.zPut, 2)} SD, passes)`;
    const widen = putFails && callFails ? 'the short strikes' : putFails ? 'the short put' : 'the short call';
    const { held, move } = strikesFix(ctx, condor.legs, widen);
    const none = suggestion !== undefined && 'none' in suggestion ? suggestion : undefined;
    const rule = none === undefined ? '' : none.strikes.join('/');
    const [lo, hi] = [fmt(m.spx / SPOT_STRIKE_FACTOR, 2), fmt(m.spx * SPOT_STRIKE_FACTOR, 2)];
    warnings.push(
      `The ${held ? 'held ' : ''}condor's short strikes: ${sides}${short} the method asks for${passingSide}${none?.none === 'range' ? `, and no condor with the same wings passes within the strikes the plan accepts (${lo} to ${hi} at this SPX; at this vol the rule needs ${rule})` : `: ${move}`}${none?.none === 'credit' ? `, though the condor with the same wings that passes (${rule}) collects no credit at the plan's marks` : ''}${passing === undefined ? '' : `, e.g. to ${passing.strikes.join('/')} (${fmt(passing.zPut, 2)} / ${fmt(passing.zCall, 2)} SD, the same wings), for a credit of ${fmt(passing.credit, 2)} per share (${usd(passing.credit * OPTION_MULTIPLIER * c.quantity)} for ${plural(c.quantity, 'condor')}, max loss ${usd(passing.maxLoss)}) at the plan's marks${held && condorHeldWhole(ctx, condor.legs) ? rollNet(passing.credit * OPTION_MULTIPLIER * c.quantity, condorMark.value) : ''}`}.`,
    );
  }
  warnings.push(...heldCreditWarnings(ctx, field, condor));
  if (condor.creditSource === 'given' && Math.abs(condor.credit - condor.modelCredit) > 0.25 * condor.modelCredit) {
    warnings.push(
      `The given credit ${fmt(condor.credit, 2)} differs from the model's ${fmt(condor.modelCredit, 2)} by more than 25%: check the credit, or the plan's marks are far from your fills.${p.positions !== undefined || p.lastRebalance !== undefined ? " For a condor held since an earlier day this is the market's move since: keep passing the credit received at entry, on which its max loss and return budget stand." : ''}`,
    );
  }
  const surfaceCredit = -condorMark.value / (OPTION_MULTIPLIER * c.quantity);
  if (
    (condor.creditSource === 'priced from one vol' || condor.creditSource === 'priced from per-strike vols') &&
    Math.abs(condor.credit - surfaceCredit) > 0.25 * Math.abs(surfaceCredit)
  ) {
    warnings.push(
      `The credit ${fmt(condor.credit, 2)} ${condor.creditSource === 'priced from one vol' ? 'priced at the given vol' : 'priced at the given vols'} differs from the surface's ${fmt(surfaceCredit, 2)} by more than 25%: the max profit and loss count from ${fmt(condor.credit, 2)}, but the stress grid and the Monte Carlo mark the condor on the surface (condor.greeks are at the given vol${condor.creditSource === 'priced from one vol' ? '' : 's'}, markGreeks and bookGreeks on the surface).`,
    );
  }
  const { delta, gamma, vega, theta } = condorMark;
  return {
    result: { ...condor, markValue: condorMark.value, markGreeks: { delta, gamma, vega, theta } },
    audit,
    warnings,
  };
}

// SPX_STRIKE_STEP (the grid of the strikes suggested by passingCondor) lives with the condor.
export { SPX_STRIKE_STEP };

/** A credit per share that a warning shows as 0 (under half a cent): no credit to suggest a condor for. */
const NO_CREDIT = 0.005;

/**
 * The condor with the same expiry, quantity and wings whose short strikes pass the SD rule
 * (`policy.minShortStrikeSd`, rounded outward to the {@link SPX_STRIKE_STEP} grid; a side that
 * already passes is kept), priced with the
 * marks the plan uses: the plan's SPX surface, strike by strike (a given credit, one vol or
 * per-strike vols belong to the condor given and price its credit alone). Instead, `none` and
 * its strikes when it is no suggestion: `range`, a strike outside the range the plan accepts
 * ({@link SPOT_STRIKE_FACTOR}, as `checkSpotAndStrikes`); `credit`, it collects no credit at the
 * plan's marks (under {@link NO_CREDIT} per share). Undefined when no such condor can be priced (its credit would reach a wing).
 */
function passingCondor(
  ctx: PlanContext,
  c: InputCondor,
  given: CondorAnalytics,
  atmVol: number,
): PassingCondor | { none: 'range' | 'credit'; strikes: number[] } | undefined {
  const { p, policy, date } = ctx;
  const m = p.market;
  const [k1, k2, k3, k4] = c.strikes;
  const [, n2, n3] = condorStrikesAtSd(m.spx, atmVol, given.years, policy.minShortStrikeSd, 1, SPX_STRIKE_STEP);
  // A side that passes keeps its strikes; a side that fails moves out to the rule.
  const s2 = given.zPut >= policy.minShortStrikeSd ? k2 : n2;
  const s3 = given.zCall >= policy.minShortStrikeSd ? k3 : n3;
  const strikes: [number, number, number, number] = [s2 - (k2 - k1), s2, s3, s3 + (k4 - k3)];
  if (strikes.some((k) => k < m.spx / SPOT_STRIKE_FACTOR || k > m.spx * SPOT_STRIKE_FACTOR)) {
    return { none: 'range', strikes };
  }
  try {
    const a = condorAnalytics({
      valuationDate: date,
      spot: m.spx,
      rate: m.rate,
      divYield: spxDivYield(ctx.now, given.years),
      expiry: c.expiry,
      strikes,
      quantity: c.quantity,
      atmVol,
      volAt: (k: number, years: number, fwd: number): number => spxVol(ctx.now, years, k, fwd),
      minShortStrikeSd: policy.minShortStrikeSd,
    });
    if (a.credit < NO_CREDIT) return { none: 'credit', strikes };
    return { strikes, credit: a.credit, zPut: a.zPut, zCall: a.zCall, maxLoss: a.maxLoss };
  } catch (e) {
    if (isAlvhError(e)) return undefined;
    throw e;
  }
}

/**
 * The drawdown scenario (section 6): the stressed state and the book's loss there, each condor's
 * loss capped at its own max loss, then summed (`losses`: each one's).
 */
export function stepScenario(
  ctx: PlanContext,
  condors: readonly PlanCondorMarked[],
): PlanStep<{ scenario: PlanScenario; stressed: MarketState; losses: number[] }> {
  const audit: AuditEntry[] = [];
  const { p, policy, now, ts, stressVov } = ctx;
  const m = p.market;
  const sVix = stressedVix(m.vix, policy, undefined, 'market.vix');
  const stressed = drawdownState(now, ts, policy, sVix, stressVov);
  // the losses first: a leg the drawdown's state cannot mark is named there as the policy's doing
  const losses = condors.map((c) => scenarioLoss(c.legs, now, stressed, c.maxLoss));
  const changes = condors.map((c) => markBook(c.legs, stressed).value - c.markValue);
  const condorValueChange = condors.length === 1 ? (changes[0] as number) : changes.reduce((a, x) => a + x, 0);
  const condorLoss = losses.reduce((a, x) => a + x, 0);
  const maxLoss = condors.reduce((a, c) => a + c.maxLoss, 0);
  const scenario: PlanScenario = {
    measure: 'scenario',
    drawdown: policy.drawdown,
    days: policy.drawdownDays,
    date: stressed.date,
    stressedSpot: stressed.spot,
    stressedVix: sVix,
    stressVolOfVol: stressVov,
    condorLoss,
    condorValueChange,
  };
  audit.push({
    rule: 'tail.scenario',
    inputs: {
      drawdown: policy.drawdown,
      drawdownDays: policy.drawdownDays,
      vix: m.vix,
      stressedVix: sVix,
      stressVolOfVol: stressVov,
      shockKappa: policy.shockKappa,
    },
    effect: `SPX ${fmt(m.spx, 2)} → ${fmt(stressed.spot, 2)} over ${policy.drawdownDays} days with VIX ${fmt(m.vix, 2)} → ${fmt(sVix, 2)}: ${condors.length === 1 ? 'condor loses' : `the ${condors.length} condors lose`} ${usd(condorLoss)} (max loss ${usd(maxLoss)})`,
  });
  return { result: { scenario, stressed, losses }, audit, warnings: [] };
}

/** The tail sizing of a plan before the budget: expiry, future, strike, premium and required contracts. */
export interface TailSizing {
  tailExpiry: string;
  tailDays: number;
  inWindow: boolean;
  hedgeFuture: number;
  sFuture: number;
  tailSize: TailSizeResult;
  tailNoSolution?: string;
  /** The pricing arguments of the hedge call today (for the analogs). */
  priceArgs: Omit<Parameters<typeof priceTailCall>[0], 'stressedFuture' | 'stressVolOfVol'>;
}

/**
 * The tail VIX calls (section 6): the hedge expiry, the stressed future and the coverage rule.
 * `lead` holds the warnings that go first in the plan (the tail cannot cover the drawdown; a
 * window expiry past the futures given).
 */
export function stepTail(
  ctx: PlanContext,
  scenario: PlanScenario,
  monthly: readonly string[],
): PlanStep<TailSizing> & { lead: string[] } {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const { p, policy, date, ts } = ctx;
  const m = p.market;
  const sVix = scenario.stressedVix;
  const condorLoss = scenario.condorLoss;
  const tailExpiry = selectTailExpiry(
    date,
    monthly.length > 0 ? monthly : ts.points.map((pt) => pt.expiry),
    policy.tailDteMin,
    policy.tailDteMax,
    policy.tailDteTarget,
  );
  const tailDays = daysBetween(date, tailExpiry);
  const inWindow = tailDays >= policy.tailDteMin && tailDays <= policy.tailDteMax;
  // a window expiry past the futures given goes first in the plan: the tail is another hedge
  const outside = tailWindowWarning(ctx, tailExpiry, monthly);
  const lead: string[] = [];
  if (outside !== undefined) (outside.lead ? lead : warnings).push(outside.warning);
  const hedgeFuture = futureForExpiry(ts, tailExpiry);
  if (!ts.points.some((pt) => pt.expiry === tailExpiry)) {
    warnings.push(
      `The tail expiry ${tailExpiry} is not among the futures given: its future (${fmt(hedgeFuture, 3)}) comes from the fitted curve (rmse ${fmt(ts.fit.rmse, 3)} pts); pass the listed VX future of that expiry for an exact size.`,
    );
  }
  const sFuture = stressedFuture(ts, tailExpiry, sVix, policy.drawdownDays, policy.shockKappa);
  const expired = expiredByScenario(ctx, scenario, tailExpiry, sFuture);
  if (expired !== undefined) warnings.push(expired);
  // The hedge call's vols, today and in the scenario, from the VIX-option surface at its strike.
  const strike = tailStrike(hedgeFuture, policy.tailOtmPct, policy.vixStrikeStep);
  const hedgeYears = Math.max(tailDays, 1) / 365;
  const leftYears = Math.max(hedgeYears - policy.drawdownDays / 365, 1 / 365);
  const volToday = vixOptionVol(ctx.now, hedgeYears, strike, hedgeFuture);
  const volStressed = vixOptionVol({ ...ctx.now, volOfVol: ctx.stressVov }, leftYears, strike, sFuture);
  const tailInput = {
    ...tailSizeInputFor(policy, {
      condorLoss,
      hedgeFuture,
      hedgeYears: tailDays / 365,
      volOfVol: volToday,
      stressedFuture: sFuture,
      rate: m.rate,
    }),
    stressVolOfVol: volStressed,
  };
  const priceArgs = {
    future: tailInput.hedgeFuture,
    years: tailInput.hedgeYears,
    volOfVol: tailInput.volOfVol,
    otmPct: tailInput.otmPct,
    rate: tailInput.rate,
    horizonYears: tailInput.horizonYears,
    strikeStep: tailInput.strikeStep,
  };
  let tailSize: TailSizeResult;
  let tailNoSolution: string | undefined;
  try {
    tailSize = sizeTailHedge(tailInput);
  } catch (e) {
    if (!(isAlvhError(e) && e.code === 'no_solution')) throw e;
    tailNoSolution = e.message;
    const priced = priceTailCall({ ...priceArgs, stressedFuture: sFuture, stressVolOfVol: tailInput.stressVolOfVol });
    tailSize = { ...priced, contracts: 0, cost: 0, coverageAchieved: 0, targetGain: policy.tailCoverage * condorLoss };
    lead.unshift(
      `The tail hedge cannot cover the drawdown: ${e.problem}; ${tailGainFix(policy, tailDays, sVix > m.vix)}.`,
    );
  }
  audit.push({
    rule: 'tail.contracts',
    inputs: {
      expiry: tailExpiry,
      daysToExpiry: tailDays,
      future: hedgeFuture,
      strike: tailSize.strike,
      ...tailRuleInputs(policy),
      volToday,
      premium: tailSize.premium,
      stressedFuture: sFuture,
      shockKappa: policy.shockKappa,
      volStressed,
      stressedCallValue: tailSize.stressedCallValue,
      gainPerContract: tailSize.gainPerContract,
      tailCoverage: policy.tailCoverage,
      condorLoss,
    },
    effect: tailNoSolution
      ? 'no contracts: the call gains nothing in the scenario'
      : condorLoss === 0
        ? 'no contracts: the book loses nothing in the drawdown scenario'
        : `ceil(${policy.tailCoverage} × ${usd(condorLoss)} loss / ${usd(tailSize.gainPerContract, 2)} gain per contract) = ${tailSize.contracts} VIX ${tailExpiry} ${tailSize.strike} calls`,
  });

  // Overlay (section 5)
  const result: TailSizing = {
    tailExpiry,
    tailDays,
    inWindow,
    hedgeFuture,
    sFuture,
    tailSize,
    priceArgs,
    ...(tailNoSolution === undefined ? {} : { tailNoSolution }),
  };
  return { result, audit, warnings, lead };
}

/**
 * The calendar overlay (section 5) at the split's vega match of the book's net vega on the surface
 * (`markGreeks`: the basis the overlay's unit vega is measured on; a `vol` or `vols` given for the
 * credit does not move it), before the budget; its calendar sits at the anchor condor's expiry and
 * short put (the first of a ladder).
 */
export function stepOverlay(
  ctx: PlanContext,
  condor: Pick<CondorBook, 'markGreeks'>,
  split: SplitResult,
  monthly: string[],
): PlanStep<OverlaySizing> {
  const audit: AuditEntry[] = [];
  const { p, policy, now } = ctx;
  const c = (inputCondors(p)[0] as { c: InputCondor }).c;
  const structure: OverlayStructure = policy.overlay;
  const strike = policy.overlayStrike ?? c.strikes[1];
  const strikeFrom = policy.overlayStrike !== undefined ? 'policy.overlayStrike' : "the condor's short put";
  const overlaySize = withPrefix(
    // sizeOverlay names its strike argument; here it is the policy's (or the condor's short put,
    // which the condor's own checks already hold near SPX)
    (f) => (f === 'overlay.strike' && policy.overlayStrike !== undefined ? 'policy.overlayStrike' : f),
    () =>
      sizeOverlay({
        structure,
        condorVega: condor.markGreeks.vega,
        vegaMatch: split.vegaMatch,
        condorExpiry: c.expiry,
        strike,
        backDays: policy.overlayBackDays,
        state: now,
        vxExpiries: monthly,
        kappa: policy.shockKappa,
        strikeOffset: policy.diagonalStrikeOffset,
        minNearDays: policy.diagonalMinDays,
        strikeStep: policy.vixStrikeStep,
        zeroWhenNoExposure: true,
      }),
  );
  audit.push({
    rule: 'overlay.size',
    inputs: {
      structure,
      condorVega: condor.markGreeks.vega,
      vegaMatch: split.vegaMatch,
      // the SPX structures' strike (the diagonal's VIX strikes follow its future)
      ...(structure === 'vix-call-diagonal' ? {} : { strike, strikeFrom }),
      unitVega: overlaySize.unitVega,
      unitCost: overlaySize.unitCost,
    },
    effect: `target ${fmt(split.vegaMatch, 3)} × |${fmt(condor.markGreeks.vega, 2)}| (${inputCondors(p).length > 1 ? "the condors' net vega" : "the condor's vega"} on the surface, USD per SPX vol point) = ${fmt(overlaySize.targetVega, 2)}${
      overlaySize.vegaUnit === 'USD per SPX vol point'
        ? ''
        : `, matched in ${overlaySize.vegaUnit} (the method counts a VIX point as a vol point)`
    }; ${
      overlaySize.noSolution === undefined
        ? `round(${fmt(overlaySize.targetVega, 4)} / ${fmt(overlaySize.unitVega, 4)} ${overlaySize.vegaUnit} a unit) = ${plural(overlaySize.units, 'unit')} at ${usd(overlaySize.unitCost, 2)}`
        : `no units: ${overlaySize.noSolution}`
    }${structure === 'vix-call-diagonal' ? '' : `; strike ${strike}, ${strikeFrom}`}${backLegText(structure, overlaySize, c.expiry, policy.overlayBackDays)}`,
  });

  const warnings: string[] = [];
  if (overlaySize.noSolution !== undefined) {
    // The tail is still sized: a plan whose overlay cannot be built says so and goes on without it.
    warnings.push(`The ${structure} overlay buys nothing today: ${overlaySize.noSolution}.`);
  } else {
    const none = overlayRoundsToNone(
      overlaySize,
      'Trade more condors, raise policy.vegaMatch, or choose a smaller unit (policy.overlay).',
    );
    if (none !== undefined) warnings.push(none);
  }
  // Budget and cuts (section 7)
  return { result: overlaySize, audit, warnings };
}
