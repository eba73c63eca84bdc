/**
 * Summaries of a replay ledger over a window of dates: P&L of the unhedged condors and of the ALVH
 * book, per layer, max drawdowns, hedge cost, trading costs, sizings by trigger and time per
 * regime.
 */
import type { Regime } from '../market/index';
import type { RebalanceTrigger } from '../method/index';
import type { ReplayLedgerRow, ReplayPeriodSummary } from './types';

export type { ReplayPeriodSummary } from './types';

const REGIMES: readonly Regime[] = ['steep-backwardation', 'backwardation', 'flat', 'contango'];

/**
 * The cumulative P&L per layer after legs settled on rows skipped after the last ledger row (the
 * replay's closing level when its last expiry day has no VX curve), USD.
 */
export interface ReplayClosing {
  /** The last of those skipped rows. */
  date: string;
  condorPnl: number;
  overlayPnl: number;
  tailPnl: number;
  alvhPnl: number;
}

/**
 * Summary of `ledger` rows dated in [from, to], or null when none is. `closing`, when dated after
 * the ledger's last row and inside the window, is the period's final level (P&L and drawdown); a
 * window holding it but no ledger row (a year whose only rows were skipped, a settlement on one of
 * them) is summarized from the last row's level to it, over 0 days, dated on `closing.date`.
 * @example summarizePeriod(result.ledger, 'Mar 2020', '2020-02-14', '2020-04-17')
 */
export function summarizePeriod(
  ledger: readonly ReplayLedgerRow[],
  name: string,
  from: string,
  to: string,
  closing?: ReplayClosing,
): ReplayPeriodSummary | null {
  let first = -1;
  let lastIdx = -1;
  for (let i = 0; i < ledger.length; i++) {
    const d = (ledger[i] as ReplayLedgerRow).date;
    if (d < from) continue;
    if (d > to) break;
    if (first < 0) first = i;
    lastIdx = i;
  }
  if (first < 0) return closingOnly(ledger, name, from, to, closing);
  const before = first > 0 ? (ledger[first - 1] as ReplayLedgerRow) : null;
  const base = {
    condor: before?.condorPnl ?? 0,
    overlay: before?.overlayPnl ?? 0,
    tail: before?.tailPnl ?? 0,
    alvh: before?.alvhPnl ?? 0,
  };
  const lastRow = ledger[lastIdx] as ReplayLedgerRow;
  const close =
    closing !== undefined && lastIdx === ledger.length - 1 && closing.date > lastRow.date && closing.date <= to
      ? closing
      : undefined;
  const end = close ?? lastRow;
  const regimeDays: Record<Regime, number> = { 'steep-backwardation': 0, backwardation: 0, flat: 0, contango: 0 };
  const triggers: Record<RebalanceTrigger, number> = { days: 0, 'curve-shift': 0 };
  let rebalances = 0;
  let condorsOpened = 0;
  let hedgeCost = 0;
  let costs = 0;
  let peakC = base.condor;
  let peakA = base.alvh;
  let ddC = 0;
  let ddA = 0;
  for (let i = first; i <= lastIdx; i++) {
    const r = ledger[i] as ReplayLedgerRow;
    regimeDays[r.regime]++;
    hedgeCost += r.hedgeCost;
    costs += r.costs;
    for (const z of r.sizings) {
      if (z.triggers.includes('entry')) {
        condorsOpened++;
        continue;
      }
      rebalances++;
      for (const t of z.triggers) if (t !== 'entry') triggers[t]++;
    }
    peakC = Math.max(peakC, r.condorPnl);
    peakA = Math.max(peakA, r.alvhPnl);
    ddC = Math.max(ddC, peakC - r.condorPnl);
    ddA = Math.max(ddA, peakA - r.alvhPnl);
  }
  if (close) {
    ddC = Math.max(ddC, peakC - close.condorPnl);
    ddA = Math.max(ddA, peakA - close.alvhPnl);
  }
  const days = lastIdx - first + 1;
  const regimeShare = Object.fromEntries(REGIMES.map((g) => [g, regimeDays[g] / days])) as Record<Regime, number>;
  return {
    name,
    from: (ledger[first] as ReplayLedgerRow).date,
    to: lastRow.date,
    days,
    condorPnl: end.condorPnl - base.condor,
    overlayPnl: end.overlayPnl - base.overlay,
    tailPnl: end.tailPnl - base.tail,
    alvhPnl: end.alvhPnl - base.alvh,
    condorMaxDrawdown: ddC,
    alvhMaxDrawdown: ddA,
    hedgeCost,
    costs,
    condorsOpened,
    rebalances,
    triggers,
    regimeDays,
    regimeShare,
  };
}

/**
 * A window with no ledger row that holds `closing` (after the ledger's last row): the change from
 * the last row's level to the closing level, over 0 days; null for any other empty window.
 */
function closingOnly(
  ledger: readonly ReplayLedgerRow[],
  name: string,
  from: string,
  to: string,
  closing: ReplayClosing | undefined,
): ReplayPeriodSummary | null {
  const last = ledger[ledger.length - 1];
  if (closing === undefined || last === undefined || closing.date <= last.date) return null;
  if (closing.date < from || closing.date > to) return null;
  const zero = { 'steep-backwardation': 0, backwardation: 0, flat: 0, contango: 0 };
  return {
    name,
    from: closing.date,
    to: closing.date,
    days: 0,
    condorPnl: closing.condorPnl - last.condorPnl,
    overlayPnl: closing.overlayPnl - last.overlayPnl,
    tailPnl: closing.tailPnl - last.tailPnl,
    alvhPnl: closing.alvhPnl - last.alvhPnl,
    condorMaxDrawdown: Math.max(0, last.condorPnl - closing.condorPnl),
    alvhMaxDrawdown: Math.max(0, last.alvhPnl - closing.alvhPnl),
    hedgeCost: 0,
    costs: 0,
    condorsOpened: 0,
    rebalances: 0,
    triggers: { days: 0, 'curve-shift': 0 },
    regimeDays: { ...zero },
    regimeShare: { ...zero },
  };
}
