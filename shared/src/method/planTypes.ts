/**
 * The result types of `plan` (method/plan.ts): one interface per part of the plan.
 */
import type { FuturesQuote, MeanReversionFit, Regime } from '../market/index';
import type { KindEvents, MarketEvent } from '../signals/index';
import type { BookMarks, Leg } from '../book/index';
import type { SpxSurfaceData, SurfaceSource } from '../surface/index';
import type { Policy } from '../schemas/policy';
import type { AuditEntry } from './audit';
import type { SplitResult } from './split';
import type { CondorAnalytics } from './condor';
import type { OverlaySizing } from './overlay';
import type { CapitalCap, HedgeBudget } from './caps';
import type { RebalanceStatus } from './rebalance';
import type { BudgetChoice, CoverCost, StructureSize, TailStructure } from '../hedge/structures';
import type { OrderList } from '../hedge/orders';

/** What a step of the plan returns: its result, its audit rows and its warnings, in order. */
export interface PlanStep<T> {
  result: T;
  audit: AuditEntry[];
  warnings: string[];
}

/**
 * A condor like the one given whose short strikes pass the SD rule (Step 1), priced at the plan's
 * marks: the SPX surface, whatever credit, vol or vols the condor given is priced at.
 */
export interface PassingCondor {
  strikes: [number, number, number, number];
  /** Model credit per share, points. */
  credit: number;
  zPut: number;
  zCall: number;
  /** Max loss of the whole position, USD. */
  maxLoss: number;
}

/** The condor's analytics; when Step 1 fails, the strikes that would pass. */
export type PlanCondor = CondorAnalytics & {
  /**
   * Step 1's σ: the SPX surface's ATM-forward vol at the condor's expiry, decimal. The short
   * strikes' distances are read at it: zPut = ln(S/K2)/(atmVol·√years), zCall = ln(K3/S)/(atmVol·√years).
   */
  atmVol: number;
  passingStrikes?: PassingCondor;
};

/** Dollar Greeks of a position (delta per SPX point, vega per vol point, theta per day). */
export interface DollarGreeks {
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
}

/**
 * One condor of the plan with its mark today, USD, and its Greeks on the same basis (`markGreeks`:
 * the plan's SPX surface, as `bookGreeks`, the stress grid and the Monte Carlo mark it); its
 * `greeks` are at `legVols`, the vols its credit is priced at (a given `vol` or `vols`, else the
 * surface's).
 */
export type PlanCondorMarked = PlanCondor & { markValue: number; markGreeks: DollarGreeks };

/**
 * The plan's condors netted as one book (docs/method.md, "A ladder of condors"): what the later
 * steps read. One condor gives its own figures unchanged.
 */
export interface CondorBook {
  /** The condor legs of every condor, in input order. */
  legs: Leg[];
  /** Condors held, all expiries. */
  quantity: number;
  /** Σ max profit (the credits), USD. */
  maxProfit: number;
  /** Σ max loss, USD. */
  maxLoss: number;
  /** Days to expiry weighted by max loss: Σ maxLoss·days / Σ maxLoss (the budget's horizon). */
  days: number;
  /** maxProfit / maxLoss · 365 / days. */
  returnOnRisk: number;
  /** Σ of each condor's dollar Greeks at its leg vols (the vols its credit is priced at). */
  greeks: DollarGreeks;
  /** Σ of each condor's mark today, USD. */
  markValue: number;
  /** Σ of each condor's dollar Greeks on the surface, the basis of `markValue` and `bookGreeks`. */
  markGreeks: DollarGreeks;
}

/** The ladder summary of a plan: its condors netted as one book, with each one's drawdown loss. */
export interface PlanLadder extends Omit<CondorBook, 'legs'> {
  /** Condors in the book (1 for a single `condor`). */
  count: number;
  /** Each condor's expiry, in input order. */
  expiries: string[];
  /** Days to the last condor's expiry. */
  lastDays: number;
  /** Each condor's loss in the drawdown scenario (`scenario`, measure 'scenario'), capped at its own max loss, USD. */
  scenarioLosses: number[];
  /** Their sum: the book's drawdown loss (= scenario.condorLoss, measure 'scenario'), USD. */
  scenarioLoss: number;
  /** True when every condor passes Step 1's SD check. */
  passesSdCheck: boolean;
  /** The input fields of the condors that fail it (e.g. "condors[2]"). */
  failingSdCheck: string[];
}

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
}

/** The SPX surface a plan marked its options on (Section 2b). */
export interface PlanSurface {
  /** 'chain' (fitted to market.chain or given as market.surface), 'indices' or 'vix-only'. */
  source: SurfaceSource;
  /** Its valuation date. */
  date: string;
  /** One line naming it, e.g. "chain of 2022-02-04 16:00 ET (SPXW, 36 expiries)". */
  label: string;
  /** Source, date and ATM vols at 30 and 90 days. */
  describe: string;
  /** Its data (pass as market.surface to re-mark on the same surface). */
  data: SpxSurfaceData;
  /**
   * The VIX-option vols the tail and every VIX option are marked on, when fitted to market.vixChain
   * (source 'chain'). Absent without a VIX chain: VIX options are then marked by the VVIX rule
   * (market.vvix, else policy.defaultVolOfVol), as the plan's warnings and the method say.
   */
  vixOptions?: PlanVixSurface;
}

/** What a plan reports about VIX-option vols fitted to its VIX chain. */
export interface PlanVixSurface {
  source: 'chain';
  /** One line naming it: "VIX chain of 2026-11-20". */
  label: string;
  /** Source and ATM vol at 30 days. */
  describe: string;
  /** The fitted slices, each on its own parity forward. */
  data: SpxSurfaceData;
}

export interface PlanSignals {
  rsi?: number;
  prevSpread?: number;
  /**
   * The last MACD(12, 26, 9) histogram of the policy's vol-of-vol series (`policy.volOfVolSeries`):
   * signals.macdHist as given, else computed from signals.vvixCloses or signals.vvixVixRatio. The
   * value `volOfVolExpanding` is decided from.
   */
  macdHist?: number;
  /** macdHist > 0: the split's vol-of-vol tilt fires. */
  volOfVolExpanding?: boolean;
  /**
   * The slope of the advance/decline line over policy.breadthLookback, issues a day: signals.adSlope
   * as given, else computed from signals.advancers and signals.decliners. The value
   * `breadthDeteriorating` is decided from.
   */
  adSlope?: number;
  /** adSlope < 0: blocks the split's RSI widening. */
  breadthDeteriorating?: boolean;
  /** Events of every kind found within eventWindowDays of the valuation date, in date order. */
  eventsNear: MarketEvent[];
  /** True when an event of any kind is within the window (a kind without a calendar cannot clear it: see eventsNearByKind). */
  eventRisk: boolean;
  /** Per kind (FOMC, CPI, PPI): the events within the window, or "no event calendar for this date" (never a zero count). */
  eventsNearByKind: KindEvents[];
  /** Per kind: the events from the valuation date to the condor's expiry, or "no event calendar for this date". */
  eventsInCondorLifeByKind: KindEvents[];
  /** The calendar used: the shipped one (FOMC decisions 1994-2027, CPI releases 2000-2026, PPI releases from 2000-01-13 to 2026), it with your events added, or your events alone. */
  eventsSource: 'shipped' | 'shipped and given' | 'given';
}

/** The drawdown scenario (section 6): SPX down `drawdown` over `days` with VIX shocked, the condors revalued there. */
export interface PlanScenario {
  /**
   * No probability measure: one chosen move (SPX down `drawdown` over `days`, VIX to
   * `stressedVix`), the book revalued on the surfaces moved there, as /api/stress's cells are.
   * Nothing here is weighted by how likely the move is: for that, the Monte Carlo (`measure`
   * real-world). Every drawdown figure of the plan is in it: `ladder.scenarioLosses` and the
   * tail's stressed values, gain and coverage.
   */
  measure: 'scenario';
  drawdown: number;
  days: number;
  date: string;
  stressedSpot: number;
  stressedVix: number;
  stressVolOfVol: number;
  /** Condor loss in the scenario, USD (≤ max loss; a ladder: Σ of each condor's, each capped at its own). */
  condorLoss: number;
  /** Condor value change in the scenario before the cap at max loss, USD (a ladder: Σ of each condor's). */
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
  /**
   * Vega bought / the vega target: the rounding to whole units included (0 when the target is under
   * half a unit), then the budget's cut; 1 when the target is 0.
   */
  coverageAchieved: number;
}

/**
 * Each layer's value change, USD, from the valuation date to `date` (`days` calendar days later)
 * with SPX and VIX unchanged, the surfaces kept by tenor and the VX futures rolled down the fitted
 * curve: the stress grid's cell at that day, no SPX move and today's VIX, less its day-0 cell (the
 * grid counts the condor from its credit). Theta holds each leg's vol fixed; this carry moves it
 * along the surface's term structure, as the engines do.
 */
export interface PlanCarry {
  days: number;
  date: string;
  condor: number;
  overlay: number;
  tail: number;
  total: number;
  /** overlay / |tail|: the share of the tail's decay the overlay pays; null when the tail does not lose. */
  ratio: number | null;
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
  /**
   * No probability measure: the book revalued in the drawdown scenario with this date's VIX, vol of
   * vol and VX curve, one chosen historical state (`condorLoss`, `gainPerContract`, `planCoverage`).
   */
  measure: 'scenario';
  date: string;
  label: string;
  vix: number;
  volOfVol: number;
  /**
   * The analog curve's constant-maturity value at the hedge's remaining days, points (at its last
   * future's days when the hedge lies beyond them, flat there; `note` then says so).
   */
  stressedFuture: number;
  condorLoss: number;
  /** Contracts for the policy coverage under this analog; null when the hedge gains nothing there. */
  contracts: number | null;
  gainPerContract: number;
  /** Gain/loss of the plan's tail contracts under this analog. */
  planCoverage: number;
  note: string;
}

/** USD by layer. */
export interface LayerUsd {
  overlay: number;
  tail: number;
}

/** A campaign read for the day's re-size: what each layer may spend on the position it will hold. */
export interface CampaignParts {
  /** B, set at the condor's entry (campaign.budget). */
  budget: number;
  /** Net premium paid since the entry (campaign.paid). */
  paid: LayerUsd;
  /** What the layer's legs held would fetch at model mids today. */
  held: LayerUsd;
  /** Share of B (today's split) − paid + held, at least 0: the most the layer's new position costs. */
  available: LayerUsd;
}

/** The campaign the plan hands back, to pass as `campaign` to the next plan of the same condor. */
export interface PlanCampaign {
  /** B: the budget given, or today's hedge budget when this plan opens the campaign. */
  budget: number;
  /** Net premium each layer has paid, after the orders of this plan are filled at model mids. */
  paid: LayerUsd;
  /** Whether the budget was given (`campaign`) or set today (an entry). */
  budgetFrom: 'campaign' | 'set today';
}

export interface PlanBudget extends HedgeBudget {
  calendarBudget: number;
  tailBudget: number;
  /**
   * Overlay cost + tail cost, USD: premiums at model mids, the method's net hedge debit (section 7),
   * without transaction costs (`transactionCosts`): the book as bought today, also with a campaign
   * (whose net premium paid is `plan.campaign.paid`), so the cost rate and the return after hedges
   * are those of today's book over the days left.
   */
  netHedgeDebit: number;
  /**
   * What opening the overlay and tail legs held costs in transaction costs, USD:
   * policy.transactionCostPerContract × their contracts. Not in the debit, the cost rate or the
   * budget, which count premiums as the method does (and as the replay and the Monte Carlo size
   * against their budget); the Monte Carlo, the replay and the frontier pay it in their P&L, and the
   * structures count it in their cost per unit.
   */
  transactionCosts: number;
  /** What both layers would cost at their required sizes, USD, and that as an annual rate of max loss. */
  requiredDebit: number;
  requiredHedgeCostRate: number;
  hedgeCostRate: number;
  withinCostCap: boolean;
  /** (credit − debit) / max loss · 365 / days. */
  returnOnRiskAfterHedges: number;
  meetsTargetIrr: boolean;
  /**
   * The campaign the layers were cut to, when one was given with positions: `calendarBudget` and
   * `tailBudget` are then its `available` (each layer's share of the life budget, less what it has
   * paid, plus what its legs held would fetch), not shares of today's `budget`.
   */
  campaign?: CampaignParts;
}

/** One tail structure beside the plan (hedge/structures.ts), USD per unit unless said. */
export interface PlanStructureRow {
  structure: TailStructure;
  description: string;
  /** Option legs of one unit (signed). */
  legs: Leg[];
  /** VX futures of one unit (vx-future). */
  futures: { expiry: string; quantity: number }[];
  /** USD per unit, its transaction costs included (`fees`). */
  premium: number;
  /** The transaction costs in `premium` (policy.transactionCostPerContract per contract opened; a VX contract's round trip). */
  fees: number;
  premiumBasis: 'option premium' | 'capital at risk';
  stressedValue: number;
  gain: number;
  /** Gain in the drawdown scenario per dollar of premium (for vx-future, per dollar of capital at risk). */
  perDollar: number;
  lossBoundedByPremium: boolean;
  /** Units, cost and coverage for the policy's coverage rule; null when the structure cannot cover. */
  size: StructureSize | null;
  noSolution?: string;
  /** Each historical analog: the condor's loss there, the unit's gain and gain per dollar. */
  analogs: { date: string; label: string; loss: number; gain: number; perDollar: number }[];
  /** What the tail budget buys of it (whole units, never more than the rule asks; 0 for vx-future). */
  withinBudget: { units: number; cost: number; protection: number; coverage: number };
}

/** The tail structures side by side (ALVH-METHOD section 10), beside the literal tail. */
export interface PlanStructures {
  /**
   * No probability measure: every gain, loss and coverage here is read in the drawdown scenario
   * (`scenario`) or at a historical analog (`analogs`), the book revalued there.
   */
  measure: 'scenario';
  /** The condor's loss in the drawdown scenario, USD. */
  loss: number;
  /** The coverage rule (policy.tailCoverage). */
  coverage: number;
  /** The tail's part of the hedge budget, USD: what every structure competes for. */
  tailBudget: number;
  tailExpiry: string;
  tailFuture: number;
  /** The method's literal tail (plan.tail): what the rule asks and what the plan holds. */
  literal: {
    structure: 'vix-call';
    requiredContracts: number;
    requiredCost: number;
    contracts: number;
    cost: number;
    coverageAchieved: number;
  };
  /** Sorted by coverage per dollar among the option structures; vx-future after; those that cannot cover last. */
  structures: PlanStructureRow[];
  /** The option structure buying the most scenario protection within the tail budget (absent when none fits). */
  bestWithinBudget?: BudgetChoice;
  /** What covering `coverage` × the drawdown loss costs with each structure, cheapest option first. */
  cover: { coverage: number; costs: CoverCost[]; words: string };
  /** The gap in words: the literal rule's cost, what the budget buys, the cheapest way to the stated protection. */
  summary: string;
}

export interface Plan {
  valuationDate: string;
  /**
   * The resolved policy the plan was built with (defaults and overrides): presenters read the rules'
   * parameters here. (`@hidden` keeps it out of the generated result schema, which describes it from
   * the policy's zod schema instead.)
   * @hidden
   */
  policy: Policy;
  market: PlanMarket;
  /** The SPX surface every option mark of the plan reads (Section 2b). */
  surface: PlanSurface;
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
  /** The condor given, or the first condor of a ladder (the anchor of the overlay): its own figures. */
  condor: PlanCondorMarked;
  /** Every condor of the book with its own analytics and Step 1 check (one for a single `condor`). */
  condors: PlanCondorMarked[];
  /** The condors netted as one book: what the budget, the overlay, the tail and the capital cap read. */
  ladder: PlanLadder;
  scenario: PlanScenario;
  overlay: PlanOverlay;
  tail: PlanTail;
  analogs: PlanAnalog[];
  budget: PlanBudget;
  capital: CapitalCap;
  /**
   * Overlay theta against the tail's, USD/day: `ratio` = overlay / |tail|, null when the tail does not
   * decay (tail theta ≥ 0, e.g. no tail held, or both 0), and `note` then says why.
   */
  thetaSubsidy: { overlayTheta: number; tailTheta: number; ratio: number | null; note?: string };
  /** Each layer's value change over one day on the surface, SPX and VIX unchanged ({@link PlanCarry}). */
  carry: PlanCarry;
  rebalance: RebalanceStatus | { due: null; reason: string };
  book: { condor: Leg[]; overlay: Leg[]; tail: Leg[] };
  /** Value and dollar Greeks of the whole book (condor + overlay + tail) now, from {@link markBook}. */
  bookGreeks: BookMarks;
  /** The tail structures side by side, what the tail budget buys, the gap in words. */
  structures: PlanStructures;
  /**
   * The orders from the positions held to the plan's legs, at the plan's marks: present when
   * `positions` are given or a rebalance is due.
   */
  orders?: OrderList;
  /**
   * The condor's hedge campaign after this plan's orders (filled at model mids): pass it as
   * `campaign` to the next plan of the same condor. Absent on a day the book is held without a
   * campaign given, and with the VIX call diagonal overlay and positions.
   */
  campaign?: PlanCampaign;
  audit: AuditEntry[];
  warnings: string[];
}
