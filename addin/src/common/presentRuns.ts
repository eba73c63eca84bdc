/**
 * Adapters from the scenario engines' results to the taskpane's view models: the Monte Carlo run
 * (histogram and statistics) and the stress grid. No maths beyond unit conversion, ordering and
 * binning for the chart.
 */
import { mergeMonteCarlo, summarizeMonteCarlo } from '@alvh/shared';
import type { MonteCarloPartial, MonteCarloSummary, StressGridResult } from '@alvh/shared';
import type { HistogramView, McStatRow, StressView } from './views';

// ---------------------------------------------------------------------------------------------
// Monte Carlo

/**
 * The histogram and the statistics of a run: unhedged condor against the ALVH book. One sign
 * convention: every money figure is P&L in USD at the horizon, a loss negative. VaR and CVaR are
 * shown as the P&L of that tail (−VaR, −CVaR of the summary, which states them as positive losses),
 * so a VaR that is still a gain reads as a positive P&L, never as a negative "loss".
 *
 * The histogram plots the body a risk manager reads: the bins span the 0.5th to the 99.5th
 * percentile of both books together, and the paths beyond are counted in `tails`, not drawn. It is
 * built from the run's per-path P&L (`paths`), which the local worker and the merged cloud chunks
 * carry; without them the summary's full-range histogram is shown as it is.
 */
export function presentMonteCarlo(raw: unknown, paths?: PathPnl): HistogramView {
  const s = raw as MonteCarloSummary;
  const stat = (
    label: string,
    f: (d: MonteCarloSummary['condor']) => number,
    format: McStatRow['format'] = 'usd',
  ): McStatRow => ({
    label,
    condor: f(s.condor),
    alvh: f(s.alvh),
    format,
  });
  const stats: McStatRow[] = [
    stat('Mean P&L (USD)', (d) => d.mean),
    stat('Std. dev. of P&L (USD)', (d) => d.stdev),
    stat('5th percentile P&L (USD)', (d) => d.percentiles['p5'] ?? Number.NaN),
    stat('Median P&L (USD)', (d) => d.percentiles['p50'] ?? Number.NaN),
    stat('VaR 95: P&L at the 5% tail (USD)', (d) => -d.var95),
    stat('CVaR 95: mean P&L of the worst 5% (USD)', (d) => -d.cvar95),
    stat('CVaR 99: mean P&L of the worst 1% (USD)', (d) => -d.cvar99),
    stat('Worst path P&L (USD)', (d) => d.min),
    stat('P(loss): share of paths below 0', (d) => d.probLoss, 'pct'),
    stat('P(max loss): share at the condor max loss', (d) => d.probMaxLoss, 'pct'),
  ].filter((r) => Number.isFinite(r.condor) && Number.isFinite(r.alvh));
  const h = paths ? clippedHistogram([paths.condor, paths.book]) : fullHistogram(s);
  return {
    binLabels: h.centres,
    condor: h.counts[0] ?? [],
    alvh: h.counts[1] ?? [],
    tails: h.tails,
    stats,
    paths: s.paths,
    measure: `${s.measure} measure${s.dynamics === 'sqrt-legacy' ? ', square-root model' : (START_WORDS[s.modelStart] ?? '')}`,
    notes: Array.isArray(s.modelNotes) ? s.modelNotes.filter((n) => typeof n === 'string') : [],
  };
}

/** How the calibrated model's start reads beside the measure (`modelStart` of the summary). */
const START_WORDS: Partial<Record<MonteCarloSummary['modelStart'], string>> = {
  'vix-history': ', factors read from the recent VIX closes',
  'vix-only': ", factors from today's VIX alone",
};

/** Per-path P&L of both books at the horizon, USD, in path order. */
export interface PathPnl {
  condor: ArrayLike<number>;
  book: ArrayLike<number>;
}

interface BinnedView {
  centres: number[];
  counts: number[][];
  tails: HistogramView['tails'];
}

function fullHistogram(s: MonteCarloSummary): BinnedView {
  const edges = s.histogram.edges;
  return {
    centres: edges.slice(0, -1).map((e, i) => Math.round((e + (edges[i + 1] ?? e)) / 2)),
    counts: [s.histogram.counts[0] ?? [], s.histogram.counts[1] ?? []],
    tails: { low: Number.NaN, high: Number.NaN, below: [0, 0], above: [0, 0] },
  };
}

/** The q-quantile (0-1) of an ascending array, linear interpolation (type 7). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  const a = sorted[i] ?? Number.NaN;
  const b = sorted[Math.min(i + 1, sorted.length - 1)] ?? a;
  return a + (h - i) * (b - a);
}

/** Bins of the histogram view. */
export const VIEW_BINS = 40;

/** Equal bins over the 0.5th-99.5th percentile of all series together; what falls outside is counted. */
export function clippedHistogram(series: readonly ArrayLike<number>[], bins = VIEW_BINS): BinnedView {
  const pooled = Float64Array.from(series.flatMap((x) => Array.from(x))).sort();
  let low = quantileSorted(pooled, 0.005);
  let high = quantileSorted(pooled, 0.995);
  if (!(high > low)) high = low + 1;
  const width = (high - low) / bins;
  const below: number[] = [];
  const above: number[] = [];
  const counts = series.map((x, k) => {
    const c = new Array<number>(bins).fill(0);
    below[k] = 0;
    above[k] = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v < low) below[k]++;
      else if (v > high) above[k]++;
      else c[Math.min(bins - 1, Math.floor((v - low) / width))]!++;
    }
    return c;
  });
  if (pooled.length === 0) low = high = Number.NaN;
  return {
    centres: Array.from({ length: bins }, (_, b) => Math.round(low + (b + 0.5) * width)),
    counts,
    tails: { low, high, below, above },
  };
}

/** A finished Monte Carlo run as the taskpane shows it: the summary and, when known, the per-path P&L. */
export interface McRun {
  summary: MonteCarloSummary;
  paths?: PathPnl;
}

/**
 * Cloud chunk answers → one run. Each answer is a mergeable partial (typed arrays arrive as JSON
 * arrays and are restored); a single answer that is already a summary is passed through.
 */
export function mergeCloudMonteCarlo(answers: readonly unknown[]): McRun {
  const first = answers[0] as Record<string, unknown> | undefined;
  if (answers.length === 1 && first && 'histogram' in first) return { summary: first as unknown as MonteCarloSummary };
  const parts = answers.map((a) => {
    const o = ((a as Record<string, unknown>)['partial'] ?? a) as Record<string, unknown>;
    const f64 = (k: string): Float64Array => Float64Array.from((o[k] as number[] | undefined) ?? []);
    return {
      ...o,
      condor: f64('condor'),
      book: f64('book'),
      costs: f64('costs'),
      tailContracts: f64('tailContracts'),
      rebalances: Uint16Array.from((o['rebalances'] as number[] | undefined) ?? []),
    } as unknown as MonteCarloPartial;
  });
  const merged = mergeMonteCarlo(parts);
  return { summary: summarizeMonteCarlo(merged), paths: { condor: merged.condor, book: merged.book } };
}

// ---------------------------------------------------------------------------------------------
// Stress grid

function pct(x: number): string {
  const v = Math.round(x * 1000) / 10;
  return `${v > 0 ? '+' : ''}${v}%`;
}

/** The grid's total P&L, one SPX move × VIX level matrix per days-elapsed value. */
export function presentStress(raw: unknown): StressView {
  const g = raw as StressGridResult;
  return {
    title: g.valuationDate,
    rowHeader: 'SPX move',
    colHeader: 'VIX',
    rowLabels: g.spxMoves.map(pct),
    colLabels: g.vixLevels.map((v) => String(Math.round(v * 100) / 100)),
    slices: g.days.map((d, i) => ({
      label: `after ${d} day${d === 1 ? '' : 's'} (${g.dates[i] ?? ''})`,
      short: d === 0 ? 'today' : `+${d} d`,
      values: g.total[i] ?? [],
    })),
    opens: Math.max(0, g.days.indexOf(0)),
  };
}
