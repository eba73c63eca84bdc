/**
 * `@alvh/shared/replay`: market history (parse, merge, date the VX curve), the standard condor and
 * the historical replay with its summaries. The replay's daily steps, campaign book and layer
 * sizing (replaySteps.ts, replayBook.ts, sizing.ts) stay inside.
 */
export {
  MARKET_HISTORY_FORMATS,
  detectMarketHistoryFormat,
  mergeMarketHistory,
  parseMarketHistory,
  type MarketHistoryFormat,
  type MarketRow,
} from './marketHistory';
export { datedCurve, type DatedCurveOptions } from './datedCurve';
export { parseCboeFuturesCurve } from './futuresCurve';
export { condorExpiry, standardCondor, type StandardCondor, type StandardCondorSpec } from './condor';
export { summarizePeriod } from './summary';
export { replay, replayWithinWorkLimit } from './replay';
export { replayedRowCount } from './replayWindow';
export type {
  ReplayCampaign,
  ReplayLayer,
  ReplayLedgerRow,
  ReplayPeriodSummary,
  ReplayResult,
  ReplaySeries,
  ReplaySizingTrigger,
} from './types';
