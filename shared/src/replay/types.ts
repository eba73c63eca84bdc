/**
 * The result types of the historical replay (replay.ts), shared with its summaries (summary.ts).
 */
import type { Regime } from '../market/index';
import type { RebalanceTrigger } from '../method/index';
import type { ReplayAssumptions } from '../schemas/replay';

/** Why a condor's layers were sized: its entry, or the method's rebalance triggers (section 8). */
export type ReplaySizingTrigger = 'entry' | RebalanceTrigger;
export type ReplayLayer = 'condor' | 'overlay' | 'tail';

/** One replayed day. Money in USD; P&L columns are cumulative since the first replayed day. */
export interface ReplayLedgerRow {
  date: string;
  spx: number;
  vix: number;
  vvix: number | null;
  f1: number;
  f2: number;
  /** F1 − F2, points. */
  spread: number;
  regime: Regime;
  rsi: number | null;
  volOfVolExpanding: boolean | null;
  calendarShare: number;
  tailShare: number;
  openCondors: number;
  /** Model value of the open legs of each layer (negative = a liability). */
  condorValue: number;
  overlayValue: number;
  tailValue: number;
  /** Cumulative P&L per layer (cash flows + marks − costs). */
  condorPnl: number;
  overlayPnl: number;
  tailPnl: number;
  /** condorPnl + overlayPnl + tailPnl. */
  alvhPnl: number;
  /** Largest curve shift since the last sizing over the open condors (fraction), null when flat. */
  curveShift: number | null;
  /** Sizings done today: the condor (by expiry) and what triggered it ('entry' when it was opened). */
  sizings: { condor: string; triggers: ReplaySizingTrigger[] }[];
  /** Gross premium paid for hedge legs bought today + today's hedge trading costs (cost per contract, half-spreads of sales). */
  hedgeCost: number;
  /** Trading costs today (all layers): cost per contract + half-spreads. */
  costs: number;
  events: string[];
}

/** One condor from entry to settlement, with its hedges. */
export interface ReplayCampaign {
  opened: string;
  expiry: string;
  /** K1 < K2 < K3 < K4, points. */
  strikes: [number, number, number, number];
  quantity: number;
  /** Credit received at entry, USD (model mid less half-spreads and costs). */
  credit: number;
  /** Hedge budget B for the condor's life (method section 7) and which limit set it. */
  budget: number;
  budgetBinding: 'user' | 'cost-cap' | 'irr';
  /** Settled (false when still open at the end of the replay; P&L then includes its marks). */
  settled: boolean;
  condorPnl: number;
  overlayPnl: number;
  tailPnl: number;
  alvhPnl: number;
  /**
   * Gross premium this campaign paid for hedge legs bought + its hedge trading costs, USD; legs it
   * took over from a settled condor at mid are not bought (they are in its P&L, not here).
   */
  hedgeCost: number;
  /** Every sizing: its triggers, the budget B (USD), what the rules asked for and what was held after the budget cut. */
  sizings: {
    date: string;
    triggers: ReplaySizingTrigger[];
    overlayUnits: number;
    overlayRequired: number;
    tailContracts: number;
    tailRequired: number;
    tailStrike: number | null;
    scenarioLoss: number;
  }[];
}

/** Columns for a chart: one entry per replayed day. */
export interface ReplaySeries {
  date: string[];
  spx: number[];
  vix: number[];
  spread: number[];
  regime: Regime[];
  calendarShare: number[];
  condorPnl: number[];
  alvhPnl: number[];
  overlayPnl: number[];
  tailPnl: number[];
}

export interface ReplayResult {
  from: string;
  to: string;
  /** Days replayed. */
  days: number;
  /**
   * Realised history, no probability measure: every figure (`total`, `years`, `episodes`,
   * `campaigns`, `series`, `ledger`) is what the book made and lost on the one path the rows
   * took, its options marked to model each day on that day's surfaces (no option quotes are in
   * the data). Not a distribution: for probabilities, the Monte Carlo (`measure` real-world).
   */
  measure: 'historical';
  /** Rows in the window that could not be replayed, with the first reasons. */
  skipped: { count: number; first: { date: string; reason: string }[] };
  assumptions: ReplayAssumptions;
  total: ReplayPeriodSummary;
  years: ReplayPeriodSummary[];
  /** Episodes with at least one replayed day (or a settlement after the last one); an episode given without one is named in `notes` (a default one only inside the replayed range); one given outside the window is refused. */
  episodes: ReplayPeriodSummary[];
  campaigns: ReplayCampaign[];
  series: ReplaySeries;
  ledger: ReplayLedgerRow[];
  /**
   * What the figures do not say on their own, one sentence each: first a `from` before the first
   * row or a `to` after the last (the date asked, the row, what was replayed, a condor left open
   * valued at its marks), then legs settled after the last replayed day, episodes without a
   * replayed day, short strikes moved out, rows skipped.
   */
  notes: string[];
}

export interface ReplayPeriodSummary {
  name: string;
  /** First and last replayed day inside the window (a window holding no replayed day, only a settlement on a skipped row after the last one: that row's date, `days` 0). */
  from: string;
  to: string;
  days: number;
  /** P&L over the window, USD: change of the cumulative P&L from the day before `from` to `to`. */
  condorPnl: number;
  overlayPnl: number;
  tailPnl: number;
  alvhPnl: number;
  /** Largest fall of cumulative P&L from a running peak inside the window (peak starts at the window's opening level), USD ≥ 0. */
  condorMaxDrawdown: number;
  alvhMaxDrawdown: number;
  /** Gross premium paid for hedge legs + hedge trading costs, USD. */
  hedgeCost: number;
  /** All trading costs (cost per contract and half-spreads), USD. */
  costs: number;
  condorsOpened: number;
  /** Re-sizings of open condors (entries not counted) and how often each trigger fired. */
  rebalances: number;
  triggers: Record<RebalanceTrigger, number>;
  /** Days in each regime and their share of the window's days. */
  regimeDays: Record<Regime, number>;
  regimeShare: Record<Regime, number>;
}
