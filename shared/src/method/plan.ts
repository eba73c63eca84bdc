/**
 * `plan`: the ALVH method composed (ALVH-METHOD sections 1-8). One validated input — valuation
 * date, market snapshot, condor, portfolio, optional signals, optional last rebalance, optional
 * policy overrides — gives the full, explained hedge plan: regime, split, overlay and tail legs
 * with their cost, the coverage achieved, the historical analogs, caps and flags, rebalance status,
 * the audit trail and warnings in plain words.
 *
 * Order of the steps (each recorded in `audit`): term structure and regime → signals → split →
 * condor analytics (Step 1) → drawdown scenario and tail sizing (Step 4) → overlay sizing
 * (Step 3) → budget and cuts (Step 2) → capital cap → analogs → rebalance (Step 5).
 */
import {
  isBusinessDay,
  buildTermStructure,
  constantMaturity,
  futureForExpiry,
  vxExpiriesAfter,
  type FuturesQuote,
  type MeanReversionFit,
  type Regime,
  type TermStructure,
} from '../market/index';
import {
  FOMC_STATEMENT_DATES,
  breadthDeteriorating,
  breadthState,
  eventsBetween,
  eventsWithin,
  macd,
  rsi,
  volOfVolExpanding,
  type MarketEvent,
} from '../signals/index';
import { AlvhError, isAlvhError } from '../errors';
import { daysBetween } from '../dates';
import { parseInput } from '../schemas/parse';
import { PlanInputSchema, type ParsedPlanInput, type PlanInput } from '../schemas/plan';
import { markBook, type BookMarks, type Leg, type MarketState, type SkewParams } from '../book/index';
import { fmt, type AuditEntry } from './audit';
import { resolvePolicy, type Policy } from './policy';
import { computeSplit, type SplitResult } from './split';
import { condorAnalytics, type CondorAnalytics } from './condor';
import { sizeOverlay, type OverlaySizing } from './overlay';
import { priceTailCall, selectTailExpiry, sizeTailHedge, type TailSizeResult } from './tailSize';
import { drawdownState, scenarioLoss, stressedFuture, stressedVix } from './stress';
import {
  capitalCap,
  cutToBudget,
  hedgeBudget,
  hedgeCostRate,
  returnOnRisk,
  type CapitalCap,
  type HedgeBudget,
} from './caps';
import { checkRebalance, type RebalanceStatus } from './rebalance';
import { HISTORICAL_ANALOGS } from './analogs';
import type { OverlayStructure } from './policy';

/** The inputs needed to re-mark the plan's book (stress grids, Monte Carlo). */
export interface PlanMarket {
  date: string;
  spot: number;
  vix: number;
  vvix?: number;
  rate: number;
  divYield: number;
  /** Vol of the VX futures used for VIX options, decimal. */
  volOfVol: number;
  futures: FuturesQuote[];
  /** κ, θ of the term-structure fit (unlisted VX expiries are priced from it). */
  kappa: number;
  theta: number;
  skew: SkewParams;
}

export interface PlanSignals {
  rsi?: number;
  prevSpread?: number;
  volOfVolExpanding?: boolean;
  breadthDeteriorating?: boolean;
  /** Events within eventWindowDays of the valuation date. */
  eventsNear: MarketEvent[];
  eventRisk: boolean;
  /** Events from the valuation date to the condor's expiry. */
  eventsInCondorLife: number;
  /** Where the event list came from: the input, or the shipped FOMC dates. */
  eventsSource: 'given' | 'shipped FOMC statement dates 2025-2027';
}

export interface PlanScenario {
  drawdown: number;
  days: number;
  date: string;
  stressedSpot: number;
  stressedVix: number;
  stressVolOfVol: number;
  /** Condor loss in the scenario, USD (≤ max loss). */
  condorLoss: number;
  /** Condor value change in the scenario before the cap at max loss, USD. */
  condorValueChange: number;
}

export interface PlanOverlay extends OverlaySizing {
  /** Units the vega target asks for, before the budget. */
  requiredUnits: number;
  /** requiredUnits · unit cost, USD. */
  requiredCost: number;
  /** The calendar layer's part of the budget, USD. */
  budget: number;
  cut: boolean;
  /** Exposure achieved / target (1 when not cut). */
  coverageAchieved: number;
}

export interface PlanTail {
  legs: Leg[];
  expiry: string;
  daysToExpiry: number;
  inWindow: boolean;
  strike: number;
  /** Today's VX future of the hedge expiry, points. */
  future: number;
  stressedFuture: number;
  /** Black-76 premium per share, points. */
  premium: number;
  stressedCallValue: number;
  gainPerContract: number;
  /** Contracts the coverage asks for, before the budget. */
  requiredContracts: number;
  /** requiredContracts · premium · 100, USD. */
  requiredCost: number;
  contracts: number;
  cost: number;
  /** Target gain/loss ratio (policy.tailCoverage). */
  coverage: number;
  /** Gain/loss achieved by `contracts` in the drawdown scenario. */
  coverageAchieved: number;
  budget: number;
  cut: boolean;
  /** Tail theta, USD per day. */
  theta: number;
  /** Set when the hedge cannot gain in the scenario (then contracts are 0). */
  noSolution?: string;
}

export interface PlanAnalog {
  date: string;
  label: string;
  vix: number;
  volOfVol: number;
  /** The analog curve's constant-maturity value at the hedge's remaining days, points. */
  stressedFuture: number;
  condorLoss: number;
  /** Contracts for the policy coverage under this analog; null when the hedge gains nothing there. */
  contracts: number | null;
  gainPerContract: number;
  /** Gain/loss of the plan's tail contracts under this analog. */
  planCoverage: number;
  note: string;
}

export interface PlanBudget extends HedgeBudget {
  calendarBudget: number;
  tailBudget: number;
  /** Overlay cost + tail cost, USD. */
  netHedgeDebit: number;
  /** What both layers would cost at their required sizes, USD, and that as an annual rate of max loss. */
  requiredDebit: number;
  requiredHedgeCostRate: number;
  hedgeCostRate: number;
  withinCostCap: boolean;
  /** (credit − debit) / max loss · 365 / days. */
  returnOnRiskAfterHedges: number;
  meetsTargetIrr: boolean;
}

export interface Plan {
  valuationDate: string;
  market: PlanMarket;
  termStructure: {
    vixSpot: number;
    f1: { expiry: string; days: number; price: number };
    f2: { expiry: string; days: number; price: number };
    spread: number;
    contangoPct: number;
    regime: Regime;
    fit: MeanReversionFit;
    points: { expiry: string; days: number; price: number }[];
  };
  regime: Regime;
  signals: PlanSignals;
  split: SplitResult;
  condor: CondorAnalytics & { markValue: number };
  scenario: PlanScenario;
  overlay: PlanOverlay;
  tail: PlanTail;
  analogs: PlanAnalog[];
  budget: PlanBudget;
  capital: CapitalCap;
  thetaSubsidy: { overlayTheta: number; tailTheta: number; ratio: number | null };
  rebalance: RebalanceStatus | { due: null; reason: string };
  book: { condor: Leg[]; overlay: Leg[]; tail: Leg[] };
  /** Value and dollar Greeks of the whole book (condor + overlay + tail) now, from {@link markBook}. */
  bookGreeks: BookMarks;
  audit: AuditEntry[];
  warnings: string[];
  /** The policy the plan ran with (defaults and overrides resolved): what its explanations quote. */
  policy: Policy;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Re-prefix an error raised by a layer that does not know where its input sits in the plan. */
function withPrefix<T>(map: (field: string) => string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isAlvhError(e) && !('issues' in e)) throw new AlvhError(e.code, map(e.field), e.problem, e.fix);
    throw e;
  }
}

const curveField = (root: 'market' | 'lastRebalance') => (field: string) => {
  if (field === 'vixSpot') return `${root}.vix`;
  if (field === 'valuationDate') return root === 'market' ? 'valuationDate' : 'lastRebalance.date';
  return `${root}.${field}`;
};

/** The market state of a plan, with `futureFor` from the plan's curve (for re-marking its book). */
export function planMarketState(market: PlanMarket): MarketState {
  const ts = buildTermStructure(
    { valuationDate: market.date, vixSpot: market.vix, futures: market.futures },
    { kappa: market.kappa, theta: market.theta },
  );
  return {
    date: market.date,
    spot: market.spot,
    vix: market.vix,
    rate: market.rate,
    divYield: market.divYield,
    volOfVol: market.volOfVol,
    skew: market.skew,
    futureFor: (e) => futureForExpiry(ts, e),
  };
}

function computeSignals(
  p: ParsedPlanInput,
  policy: Policy,
  audit: AuditEntry[],
  warnings: string[],
  lastSpread: number | undefined,
): PlanSignals {
  const s = p.signals ?? {};
  const out: PlanSignals = { eventsNear: [], eventRisk: false, eventsInCondorLife: 0, eventsSource: 'given' };
  if (s.rsi !== undefined) out.rsi = s.rsi;
  else if (s.spxCloses !== undefined) {
    const series = withPrefix(
      (f) => f.replace(/^closes/, 'signals.spxCloses'),
      () => rsi(s.spxCloses as number[], policy.rsiPeriod),
    );
    out.rsi = series[series.length - 1] as number;
  }
  // the previous spread: given, else the last rebalance's (section 4 rule 3)
  if (s.prevSpread !== undefined) out.prevSpread = s.prevSpread;
  else if (lastSpread !== undefined) out.prevSpread = lastSpread;
  if (s.macdHist !== undefined) out.volOfVolExpanding = volOfVolExpanding(s.macdHist);
  else if (s.vvixVixRatio !== undefined) {
    const h = withPrefix(
      (f) => f.replace(/^values/, 'signals.vvixVixRatio'),
      () => macd(s.vvixVixRatio as number[]).histogram,
    );
    out.volOfVolExpanding = volOfVolExpanding(h[h.length - 1] as number);
  }
  if (s.adSlope !== undefined) out.breadthDeteriorating = breadthDeteriorating(s.adSlope);
  else if (s.advancers !== undefined || s.decliners !== undefined) {
    const adv = s.advancers ?? [];
    const dec = s.decliners ?? [];
    const b = withPrefix(
      (f) =>
        f.startsWith('advancers') || f.startsWith('decliners')
          ? `signals.${f}`
          : f === 'lookback'
            ? 'policy.breadthLookback'
            : `signals.${f}`,
      () => breadthState(adv, dec, policy.breadthLookback),
    );
    out.breadthDeteriorating = b.deteriorating;
  }
  {
    // The user's list, else the FOMC statement dates the product ships (2025-2027, source named in each event)
    const ev = (s.events as MarketEvent[] | undefined) ?? [...FOMC_STATEMENT_DATES];
    out.eventsSource = s.events !== undefined ? 'given' : 'shipped FOMC statement dates 2025-2027';
    out.eventsNear = eventsWithin(p.valuationDate, policy.eventWindowDays, ev);
    out.eventRisk = out.eventsNear.length > 0;
    out.eventsInCondorLife =
      p.condor.expiry > p.valuationDate ? eventsBetween(p.valuationDate, p.condor.expiry, ev).length : 0;
    if (out.eventRisk) {
      warnings.push(
        `Event risk: ${out.eventsNear.map((e) => `${e.kind} on ${e.date}`).join(', ')} within ${policy.eventWindowDays} days of the valuation date.`,
      );
    }
  }
  audit.push({
    rule: 'signals',
    inputs: {
      rsi: out.rsi ?? 'not given',
      prevSpread: out.prevSpread ?? 'not given',
      volOfVolExpanding: out.volOfVolExpanding ?? 'not given',
      breadthDeteriorating: out.breadthDeteriorating ?? 'not given',
      eventsNear: out.eventsNear.length,
      eventsInCondorLife: out.eventsInCondorLife,
      eventsSource: out.eventsSource,
    },
    effect: 'signals read for the split (rules 2-4 of section 4 fire only on signals that were given)',
  });
  return out;
}

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
  return buildPlan(p, p.policy ?? resolvePolicy());
}

function buildPlan(p: ParsedPlanInput, policy: Policy): Plan {
  const audit: AuditEntry[] = [];
  const warnings: string[] = [];
  const date = p.valuationDate;
  const m = p.market;

  // Term structure and regime (section 2)
  const ts: TermStructure = withPrefix(curveField('market'), () =>
    buildTermStructure(
      { valuationDate: date, vixSpot: m.vix, futures: m.futures },
      {
        steepSpread: policy.steepSpread,
        flatBand: policy.flatBand,
        ...(policy.kappa === undefined ? {} : { kappa: policy.kappa }),
        ...(policy.theta === undefined ? {} : { theta: policy.theta }),
      },
    ),
  );
  audit.push({
    rule: 'curve.regime',
    inputs: {
      f1: ts.f1.price,
      f2: ts.f2.price,
      spread: ts.spread,
      steepSpread: policy.steepSpread,
      flatBand: policy.flatBand,
    },
    effect: `F1 ${fmt(ts.f1.price, 3)} − F2 ${fmt(ts.f2.price, 3)} = ${fmt(ts.spread, 3)} pts: ${ts.regime}`,
  });
  audit.push({
    rule: 'curve.fit',
    inputs: { kappa: ts.fit.kappa, theta: ts.fit.theta, rmse: ts.fit.rmse, method: ts.fit.method },
    effect: `VIX mean reversion κ = ${fmt(ts.fit.kappa, 3)}/yr, θ = ${fmt(ts.fit.theta, 2)} (${ts.fit.method}; rmse ${fmt(ts.fit.rmse, 3)} pts)`,
  });
  if (ts.fit.method === 'fallback')
    warnings.push(`The curve could not be fitted well; the default κ and θ are used (${ts.fit.note}).`);

  const volOfVol = m.vvix !== undefined ? m.vvix / 100 : policy.defaultVolOfVol;
  if (m.vvix === undefined)
    warnings.push(
      `No VVIX given: VIX options are priced at a vol of vol of ${policy.defaultVolOfVol} (policy.defaultVolOfVol).`,
    );
  const stressVov = policy.stressVolOfVol ?? volOfVol;
  const now: MarketState = {
    date,
    spot: m.spx,
    vix: m.vix,
    rate: m.rate,
    divYield: m.divYield,
    volOfVol,
    skew: policy.skew,
    futureFor: (e) => futureForExpiry(ts, e),
  };

  // Signals and split (sections 3-4)
  let thenTs: TermStructure | undefined;
  if (p.lastRebalance !== undefined) {
    const lr = p.lastRebalance;
    thenTs = withPrefix(curveField('lastRebalance'), () =>
      buildTermStructure(
        { valuationDate: lr.date, vixSpot: lr.vix, futures: lr.futures },
        { steepSpread: policy.steepSpread, flatBand: policy.flatBand },
      ),
    );
  }
  const signals = computeSignals(p, policy, audit, warnings, thenTs?.spread);
  const prevSpread = signals.prevSpread;
  const split = computeSplit(
    {
      spread: ts.spread,
      regime: ts.regime,
      ...(signals.rsi === undefined ? {} : { rsi: signals.rsi }),
      ...(prevSpread === undefined ? {} : { prevSpread }),
      ...(signals.volOfVolExpanding === undefined ? {} : { volOfVolExpanding: signals.volOfVolExpanding }),
      ...(signals.breadthDeteriorating === undefined ? {} : { breadthDeteriorating: signals.breadthDeteriorating }),
    },
    policy,
  );
  audit.push(...split.audit);

  // Condor (section 1)
  const c = p.condor;
  const condor = withPrefix(
    (f) =>
      f.startsWith('condor.')
        ? f
        : f === 'spot'
          ? 'market.spx'
          : f === 'rate' || f === 'divYield'
            ? `market.${f}`
            : f === 'atmVol'
              ? 'market.vix'
              : f,
    () =>
      condorAnalytics({
        valuationDate: date,
        spot: m.spx,
        rate: m.rate,
        divYield: m.divYield,
        expiry: c.expiry,
        strikes: c.strikes,
        quantity: c.quantity,
        atmVol: m.vix / 100,
        skew: policy.skew,
        minShortStrikeSd: policy.minShortStrikeSd,
        ...(c.credit === undefined ? {} : { credit: c.credit }),
        ...(c.vols === undefined ? {} : { vols: c.vols }),
        ...(c.vol === undefined ? {} : { vol: c.vol }),
      }),
  );
  const condorMark = markBook(condor.legs, now);
  if (!isBusinessDay(c.expiry))
    warnings.push(
      `The condor expiry ${c.expiry} is not an exchange business day: check the date (SPX options expire on trading days).`,
    );
  audit.push({
    rule: 'condor.step1',
    inputs: {
      credit: condor.credit,
      creditSource: condor.creditSource,
      maxLoss: condor.maxLoss,
      zPut: condor.zPut,
      zCall: condor.zCall,
      minShortStrikeSd: policy.minShortStrikeSd,
    },
    effect: `credit ${fmt(condor.credit, 2)} (${condor.creditSource}), max loss $${fmt(condor.maxLoss, 0)}, short strikes ${fmt(condor.zPut, 2)} / ${fmt(condor.zCall, 2)} SD: ${condor.passesSdCheck ? 'passes' : 'FAILS'} the ${policy.minShortStrikeSd} SD check`,
  });
  if (!condor.passesSdCheck) {
    warnings.push(
      `The condor's short strikes are ${fmt(condor.zPut, 2)} SD (put) and ${fmt(condor.zCall, 2)} SD (call) from spot, inside the ${policy.minShortStrikeSd} SD the method asks for: widen the short strikes.`,
    );
  }
  if (condor.creditSource === 'given' && Math.abs(condor.credit - condor.modelCredit) > 0.25 * condor.modelCredit) {
    warnings.push(
      `The given credit ${fmt(condor.credit, 2)} differs from the model's ${fmt(condor.modelCredit, 2)} by more than 25%: check the credit, or the VIX-based marks are far from your fills.`,
    );
  }

  // Drawdown scenario and tail hedge (section 6)
  const sVix = stressedVix(m.vix, policy);
  const stressed = drawdownState(now, ts, policy, sVix, stressVov);
  const condorValueChange = markBook(condor.legs, stressed).value - condorMark.value;
  const condorLoss = scenarioLoss(condor.legs, now, stressed, condor.maxLoss);
  const scenario: PlanScenario = {
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
    effect: `SPX ${fmt(m.spx, 2)} → ${fmt(stressed.spot, 2)} over ${policy.drawdownDays} days with VIX ${fmt(m.vix, 2)} → ${fmt(sVix, 2)}: condor loses $${fmt(condorLoss, 0)} (max loss $${fmt(condor.maxLoss, 0)})`,
  });

  const lastListed = ts.points[ts.points.length - 1] as { expiry: string };
  const monthly = vxExpiriesAfter(date, 12).filter((e) => e <= lastListed.expiry);
  const tailExpiry = selectTailExpiry(
    date,
    monthly.length > 0 ? monthly : ts.points.map((pt) => pt.expiry),
    policy.tailDteMin,
    policy.tailDteMax,
    policy.tailDteTarget,
  );
  const tailDays = daysBetween(date, tailExpiry);
  const inWindow = tailDays >= policy.tailDteMin && tailDays <= policy.tailDteMax;
  if (!inWindow)
    warnings.push(
      `No VX expiry lies ${policy.tailDteMin}-${policy.tailDteMax} days out; the tail uses ${tailExpiry} (${tailDays} days), the nearest to ${policy.tailDteTarget}.`,
    );
  const hedgeFuture = futureForExpiry(ts, tailExpiry);
  if (!ts.points.some((pt) => pt.expiry === tailExpiry)) {
    warnings.push(
      `The tail expiry ${tailExpiry} is not among the futures given: its future (${fmt(hedgeFuture, 3)}) comes from the fitted curve (rmse ${fmt(ts.fit.rmse, 3)} pts); pass the listed VX future of that expiry for an exact size.`,
    );
  }
  const sFuture = stressedFuture(ts, tailExpiry, sVix, policy.drawdownDays, policy.shockKappa);
  const tailInput = {
    condorLoss,
    hedgeFuture,
    hedgeYears: tailDays / 365,
    volOfVol,
    stressedFuture: sFuture,
    coverage: policy.tailCoverage,
    otmPct: policy.tailOtmPct,
    rate: m.rate,
    horizonYears: policy.drawdownDays / 365,
    stressVolOfVol: stressVov,
    strikeStep: policy.vixStrikeStep,
  };
  const priceArgs = {
    future: hedgeFuture,
    years: tailDays / 365,
    volOfVol,
    otmPct: policy.tailOtmPct,
    rate: m.rate,
    horizonYears: policy.drawdownDays / 365,
    strikeStep: policy.vixStrikeStep,
  };
  let tailSize: TailSizeResult;
  let tailNoSolution: string | undefined;
  try {
    tailSize = sizeTailHedge(tailInput);
  } catch (e) {
    if (!(isAlvhError(e) && e.code === 'no_solution')) throw e;
    tailNoSolution = e.message;
    const priced = priceTailCall({ ...priceArgs, stressedFuture: sFuture, stressVolOfVol: stressVov });
    tailSize = { ...priced, contracts: 0, cost: 0, coverageAchieved: 0, targetGain: policy.tailCoverage * condorLoss };
    warnings.unshift(`The tail hedge cannot cover the drawdown: ${e.problem}; ${e.fix}.`);
  }
  audit.push({
    rule: 'tail.contracts',
    inputs: {
      expiry: tailExpiry,
      daysToExpiry: tailDays,
      future: hedgeFuture,
      strike: tailSize.strike,
      premium: tailSize.premium,
      stressedFuture: sFuture,
      shockKappa: policy.shockKappa,
      stressedCallValue: tailSize.stressedCallValue,
      gainPerContract: tailSize.gainPerContract,
      tailCoverage: policy.tailCoverage,
      condorLoss,
    },
    effect: tailNoSolution
      ? 'no contracts: the call gains nothing in the scenario'
      : `ceil(${policy.tailCoverage} × $${fmt(condorLoss, 0)} / $${fmt(tailSize.gainPerContract, 2)}) = ${tailSize.contracts} VIX ${tailExpiry} ${tailSize.strike} calls`,
  });

  // Overlay (section 5)
  const structure: OverlayStructure = policy.overlay;
  const overlaySize = withPrefix(
    (f) => f,
    () =>
      sizeOverlay({
        structure,
        condorVega: condor.greeks.vega,
        vegaMatch: split.vegaMatch,
        condorExpiry: c.expiry,
        strike: policy.overlayStrike ?? c.strikes[1],
        backDays: policy.overlayBackDays,
        state: now,
        vxExpiries: monthly,
        kappa: policy.shockKappa,
        strikeOffset: policy.diagonalStrikeOffset,
        minNearDays: policy.diagonalMinDays,
        strikeStep: policy.vixStrikeStep,
      }),
  );
  audit.push({
    rule: 'overlay.size',
    inputs: {
      structure,
      condorVega: condor.greeks.vega,
      vegaMatch: split.vegaMatch,
      unitVega: overlaySize.unitVega,
      unitCost: overlaySize.unitCost,
    },
    effect: `target ${fmt(split.vegaMatch, 3)} × |${fmt(condor.greeks.vega, 2)}| = ${fmt(overlaySize.targetVega, 2)} ${overlaySize.vegaUnit}; round(${fmt(overlaySize.targetVega, 2)} / ${fmt(overlaySize.unitVega, 2)}) = ${plural(overlaySize.units, 'unit')} at $${fmt(overlaySize.unitCost, 2)}`,
  });

  // Budget and cuts (section 7)
  const hb = hedgeBudget(
    {
      maxLoss: condor.maxLoss,
      credit: condor.maxProfit,
      days: condor.days,
      ...(p.portfolio.budget === undefined ? {} : { userBudget: p.portfolio.budget }),
    },
    policy,
  );
  const calendarBudget = hb.budget * split.calendarShare;
  const tailBudget = hb.budget * split.tailShare;
  audit.push({
    rule: 'budget',
    inputs: {
      costCap: hb.costCap,
      irrBudget: hb.irrBudgetRaw,
      userBudget: hb.userBudget ?? 'not given',
      maxHedgeCostRate: policy.maxHedgeCostRate,
      targetIrr: policy.targetIrr,
    },
    effect: `budget $${fmt(hb.budget, 2)} (binding: ${hb.binding}): calendar $${fmt(calendarBudget, 2)}, tail $${fmt(tailBudget, 2)}`,
  });
  if (hb.irrBudgetRaw < 0) {
    warnings.push(
      `The condor alone returns ${fmt(condor.returnOnRisk * 100, 1)}% a year on risk, below the ${fmt(policy.targetIrr * 100, 1)}% target (policy.targetIrr): no hedge budget is left.`,
    );
  }
  const ovCut = cutToBudget(overlaySize.units, overlaySize.unitCost, calendarBudget);
  const units = ovCut.quantity;
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
    coverageAchieved: overlaySize.units === 0 ? 1 : units / overlaySize.units,
  };
  if (ovCut.cut) {
    audit.push({
      rule: 'budget.cut-overlay',
      inputs: { requiredUnits: overlaySize.units, unitCost: overlaySize.unitCost, calendarBudget },
      effect: `overlay cut from ${overlaySize.units} to ${plural(units, 'unit')}; vega covered ${fmt(overlay.coverageAchieved * 100, 1)}% of the target`,
    });
    warnings.push(
      `The calendar overlay needs ${plural(overlaySize.units, 'unit')} ($${fmt(overlaySize.units * overlaySize.unitCost, 0)}) but its part of the budget is $${fmt(calendarBudget, 0)}: cut to ${plural(units, 'unit')}, ${fmt(overlay.coverageAchieved * 100, 1)}% of the vega target.`,
    );
  }
  const unitPremium = tailSize.premium * 100;
  const tailCut = cutToBudget(tailSize.contracts, unitPremium, tailBudget);
  const contracts = tailCut.quantity;
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
      effect: `tail cut from ${tailSize.contracts} to ${contracts} contracts; coverage ${fmt(tail.coverageAchieved, 2)}× the scenario loss (target ${policy.tailCoverage}×)`,
    });
    warnings.push(
      `The tail hedge needs ${tailSize.contracts} VIX calls ($${fmt(tailSize.contracts * unitPremium, 0)}) for ${policy.tailCoverage}× coverage but its part of the budget is $${fmt(tailBudget, 0)}: cut to ${contracts}, covering ${fmt(tail.coverageAchieved, 2)}× the $${fmt(condorLoss, 0)} scenario loss.`,
    );
  }
  const debit = overlay.cost + tail.cost;
  const costRate = hedgeCostRate(debit, condor.maxLoss, condor.days);
  const rorAfter = returnOnRisk(condor.maxProfit, debit, condor.maxLoss, condor.days);
  const budget: PlanBudget = {
    ...hb,
    calendarBudget,
    tailBudget,
    netHedgeDebit: debit,
    requiredDebit: overlay.requiredCost + tail.requiredCost,
    requiredHedgeCostRate: hedgeCostRate(overlay.requiredCost + tail.requiredCost, condor.maxLoss, condor.days),
    hedgeCostRate: costRate,
    withinCostCap: costRate <= policy.maxHedgeCostRate + 1e-12,
    returnOnRiskAfterHedges: rorAfter,
    meetsTargetIrr: rorAfter >= policy.targetIrr - 1e-12,
  };
  audit.push({
    rule: 'budget.result',
    inputs: { netHedgeDebit: debit, hedgeCostRate: costRate, returnOnRiskAfterHedges: rorAfter },
    effect: `hedges cost $${fmt(debit, 2)}: ${fmt(costRate * 100, 2)}% a year of max loss (cap ${fmt(policy.maxHedgeCostRate * 100, 1)}%), return on risk after hedges ${fmt(rorAfter * 100, 1)}% a year`,
  });

  // Capital cap
  const capital = capitalCap(
    {
      maxLossPerCondor: condor.maxLoss / c.quantity,
      hedgeDebitPerCondor: debit / c.quantity,
      capital: p.portfolio.capital,
      quantity: c.quantity,
    },
    policy,
  );
  audit.push({
    rule: 'capital.cap',
    inputs: { capital: p.portfolio.capital, maxRiskPct: policy.maxRiskPct, used: capital.used, limit: capital.limit },
    effect: `risk $${fmt(capital.used, 0)} vs limit $${fmt(capital.limit, 0)}: at most ${capital.maxQuantity} condors fit`,
  });
  if (capital.exceeds) {
    warnings.push(
      `${plural(c.quantity, 'condor')} put $${fmt(capital.used, 0)} at risk, over ${fmt(policy.maxRiskPct * 100, 2)}% of capital ($${fmt(capital.limit, 0)}): reduce to ${plural(capital.maxQuantity, 'condor')}.`,
    );
  }

  // Theta subsidy
  const ratio = tail.theta < 0 ? overlay.theta / Math.abs(tail.theta) : null;
  audit.push({
    rule: 'theta.subsidy',
    inputs: { overlayTheta: overlay.theta, tailTheta: tail.theta },
    effect:
      ratio === null
        ? 'no tail theta to subsidize'
        : `overlay theta $${fmt(overlay.theta, 2)}/day against tail theta $${fmt(tail.theta, 2)}/day: ratio ${fmt(ratio, 2)}`,
  });

  // Historical analogs
  const analogs = HISTORICAL_ANALOGS.map((a): PlanAnalog => {
    const exps = vxExpiriesAfter(a.date, a.vx.length);
    const ats = buildTermStructure({
      valuationDate: a.date,
      vixSpot: a.vix,
      futures: exps.map((e, i) => ({ expiry: e, price: a.vx[i] as number })),
    });
    const remaining = Math.max(0, tailDays - policy.drawdownDays);
    const sf = constantMaturity(ats, remaining);
    const aState = drawdownState(now, () => sf, policy, a.vix, a.vvix / 100);
    const loss = scenarioLoss(condor.legs, now, aState, condor.maxLoss);
    const gain = priceTailCall({
      ...priceArgs,
      stressedFuture: Math.max(sf, 0.01),
      stressVolOfVol: a.vvix / 100,
    }).gainPerContract;
    // null when the call gains nothing at this analog's curve: no number of contracts covers it
    const need = gain > 0 ? (loss === 0 ? 0 : Math.ceil((policy.tailCoverage * loss) / gain - 1e-9)) : null;
    return {
      date: a.date,
      label: a.label,
      vix: a.vix,
      volOfVol: a.vvix / 100,
      stressedFuture: sf,
      condorLoss: loss,
      contracts: need,
      gainPerContract: gain,
      planCoverage: loss > 0 ? (contracts * gain) / loss : 0,
      note:
        need === null
          ? `At this analog's curve (${fmt(sf, 2)} at ${remaining} days) the ${tailSize.strike} call gains nothing: the hedge cannot cover a repeat of ${a.date} from today's levels.`
          : `VIX ${a.vix}, hedge future ${fmt(sf, 2)}: ${need} contracts for ${policy.tailCoverage}× the $${fmt(loss, 0)} loss; the plan's ${contracts} cover ${loss > 0 ? fmt((contracts * gain) / loss, 2) : '0'}×.`,
    };
  });
  audit.push({
    rule: 'tail.analogs',
    inputs: Object.fromEntries(analogs.map((a) => [a.date, a.contracts ?? 'no gain'])),
    effect: `contracts for ${policy.tailCoverage}× coverage under ${analogs.map((a) => `${a.date}: ${a.contracts ?? 'cannot cover'}`).join(', ')}`,
  });

  // Rebalance (section 8)
  let rebalance: Plan['rebalance'];
  if (thenTs !== undefined) {
    const then = thenTs;
    rebalance = withPrefix(
      (f) => (f.startsWith('now.') ? 'market.futures' : f.startsWith('then.') ? 'lastRebalance.futures' : f),
      () => checkRebalance(ts, then, policy),
    );
    audit.push(...rebalance.audit);
  } else {
    rebalance = {
      due: null,
      reason: 'no last rebalance given: pass lastRebalance {date, vix, futures} to check the triggers',
    };
  }

  const book = { condor: condor.legs, overlay: overlay.legs, tail: tail.legs };
  const market: PlanMarket = {
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
    skew: policy.skew,
  };
  return {
    policy,
    valuationDate: date,
    market,
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
    condor: { ...condor, markValue: condorMark.value },
    scenario,
    overlay,
    tail,
    analogs,
    budget,
    capital,
    thetaSubsidy: { overlayTheta: overlay.theta, tailTheta: tail.theta, ratio },
    rebalance,
    book,
    bookGreeks: markBook([...book.condor, ...book.overlay, ...book.tail], now),
    audit,
    warnings,
  };
}
