/**
 * Adapters from the scenario engines' results to the taskpane's view models: the Monte Carlo run
 * (histogram and statistics) and the stress grid. No maths beyond unit conversion, ordering and
 * binning for the chart.
 */
import { mergeMonteCarlo, reviveMonteCarloPartial, summarizeMonteCarlo } from '@alvh/shared';
import type { BodyHistogram, MonteCarloSummary, StressGridResult } from '@alvh/shared';
import { countWords } from './numbers';
import { formatValue, inMeasure, type HistogramView, type McStatRow, type StressView } from './views';

// ---------------------------------------------------------------------------------------------
// Monte Carlo

/**
 * The histogram and the statistics of a run: unhedged condor against the ALVH book. One sign
 * convention: every money figure is P&L in USD at the horizon, a loss negative. VaR and CVaR are
 * shown as the P&L of that tail (−VaR, −CVaR of the summary, which states them as positive losses),
 * so a VaR that is still a gain reads as a positive P&L, never as a negative "loss".
 *
 * The histogram plots the body a risk manager reads, the summary's `bodyHistogram`: the bins span
 * the 0.5th to the 99.5th percentile of both books together, and the paths beyond are counted in
 * `tails`, not drawn. A summary without it (from an older API) is shown on its full-range histogram.
 */
export function presentMonteCarlo(raw: unknown, valuationDate?: string): HistogramView {
  const s = raw as MonteCarloSummary;
  type Stats = MonteCarloSummary['condor'];
  // Every figure of the paths' distribution names the measure it is in, beside its label.
  const stat = (
    label: string,
    f: (d: Stats) => number,
    format: McStatRow['format'] = 'usd',
    se?: (d: Stats) => unknown,
  ): McStatRow => ({
    label: inMeasure(label, s.measure),
    condor: f(s.condor),
    alvh: f(s.alvh),
    format,
    ...(se ? { stdErrors: [errorOf(se(s.condor)), errorOf(se(s.alvh))] } : {}),
  });
  const stats: McStatRow[] = [
    stat(
      'Mean P&L (USD)',
      (d) => d.mean,
      'usd',
      (d) => d.meanStdError,
    ),
    stat('Std. dev. of P&L (USD)', (d) => d.stdev),
    // two estimators of the 5% tail's edge (docs/scenarios.md, Results): their figures differ
    stat('5th percentile P&L (interpolated, USD)', (d) => d.percentiles['p5'] ?? Number.NaN),
    stat('Median P&L (USD)', (d) => d.percentiles['p50'] ?? Number.NaN),
    stat('VaR 95: P&L of the ⌈5% n⌉-th worst path (USD)', (d) => -d.var95),
    stat(
      'CVaR 95: mean P&L of the worst 5% (USD)',
      (d) => -d.cvar95,
      'usd',
      (d) => d.cvar95StdError,
    ),
    stat('CVaR 99: mean P&L of the worst 1% (USD)', (d) => -d.cvar99),
    stat('Worst path P&L (USD)', (d) => d.min),
    stat(
      'P(loss): share of paths below 0',
      (d) => d.probLoss,
      'pct',
      (d) => d.probLossStdError,
    ),
    // the ALVH book can lose more than the condor's max loss: its paths beyond it count too
    stat('P(max loss): share losing at least the condor max loss', (d) => d.probMaxLoss, 'pct'),
  ].filter((r) => Number.isFinite(r.condor) && Number.isFinite(r.alvh));
  stats.push(...hedgeRows(s));
  const h = s.bodyHistogram ? bodyView(s.bodyHistogram) : fullHistogram(s);
  return {
    binLabels: h.centres,
    condor: h.counts[0] ?? [],
    alvh: h.counts[1] ?? [],
    tails: { ...h.tails, lowest: [s.condor.min, s.alvh.min], highest: [s.condor.max, s.alvh.max] },
    stats,
    paths: s.paths,
    seed: typeof s.seed === 'number' && Number.isFinite(s.seed) ? s.seed : null,
    ...(valuationDate === undefined ? {} : { valuationDate }),
    measure: `${s.measure} measure${s.dynamics === 'sqrt-legacy' ? ', square-root model' : (START_WORDS[s.modelStart] ?? '')}`,
    // The run's own notes first (the book it ran is the plan's, not the positions held), then the model's biases.
    notes: [...stringsOf(s.notes), ...stringsOf(s.modelNotes)],
  };
}

/**
 * What the ALVH book's hedges cost (USD paid: today's debit, the rebalances' net premium, the mean
 * costs) and their effectiveness (CVaR 95 saved per dollar of it, in the run's measure); the
 * unhedged condor has neither (null, "n/a"). A null effectiveness stays a row, "n/a", which the
 * summary's note explains; a summary without the figures (an older API) has no such rows.
 */
function hedgeRows(s: MonteCarloSummary): McStatRow[] {
  const out: McStatRow[] = [];
  if (typeof s.hedgeCost === 'number' && Number.isFinite(s.hedgeCost))
    out.push({
      // the rebalances' premium and the costs are means over the paths: of their measure
      label: `${inMeasure('Hedge cost, paid (USD)', s.measure)}: today's debit + the rebalances' premium + costs`,
      condor: null,
      alvh: s.hedgeCost,
      format: 'usd',
    });
  const e: unknown = s.hedgeEffectiveness;
  if (e === null || (typeof e === 'number' && Number.isFinite(e)))
    out.push({
      label: `Hedge effectiveness (${s.measure} measure): CVaR 95 saved per USD of hedge cost`,
      condor: null,
      alvh: e,
      format: 'number',
      stdErrors: [null, e === null ? null : errorOf(s.hedgeEffectivenessStdError)],
    });
  return out;
}

/** A standard error the page can show: a finite number, else null (none given, or an older API's summary without it). */
function errorOf(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** The strings of a list the answer may lack (an older API's summary has no `notes`). */
function stringsOf(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((n): n is string => typeof n === 'string') : [];
}

/** How the calibrated model's start reads beside the measure (`modelStart` of the summary). */
const START_WORDS: Partial<Record<MonteCarloSummary['modelStart'], string>> = {
  'vix-history': ', factors read from the recent VIX closes',
  'vix-only': ", factors from today's VIX alone",
};

interface BinnedView {
  centres: number[];
  counts: number[][];
  tails: Omit<HistogramView['tails'], 'lowest' | 'highest'>;
}

function fullHistogram(s: MonteCarloSummary): BinnedView {
  const edges = s.histogram.edges;
  return {
    centres: edges.slice(0, -1).map((e, i) => Math.round((e + (edges[i + 1] ?? e)) / 2)),
    counts: [s.histogram.counts[0] ?? [], s.histogram.counts[1] ?? []],
    tails: { low: Number.NaN, high: Number.NaN, below: [0, 0], above: [0, 0] },
  };
}

/** The summary's body histogram as the chart reads it: bin centres rounded to the dollar. */
function bodyView(h: BodyHistogram): BinnedView {
  const bins = h.edges.length - 1;
  const width = (h.high - h.low) / bins;
  return {
    centres: Array.from({ length: bins }, (_, b) => Math.round(h.low + (b + 0.5) * width)),
    counts: [h.counts[0] ?? [], h.counts[1] ?? []],
    tails: { low: h.low, high: h.high, below: h.below, above: h.above },
  };
}

/**
 * Cloud chunk answers → the run's summary. Each answer is a mergeable partial, its per-path arrays
 * as JSON arrays: each is checked and restored by the shared reviver (one finite number per path of
 * the chunk, every field present), so a cut or broken answer is refused naming the field, never
 * summarised with missing paths read as 0. A single answer that already is a summary (a
 * summary-only run, `{ summary }`, or the summary itself) is passed through once its shape is
 * checked ({@link monteCarloSummaryOf}).
 */
export function mergeCloudMonteCarlo(answers: readonly unknown[]): MonteCarloSummary {
  const first = answers[0] as Record<string, unknown> | undefined;
  if (answers.length === 1 && first && typeof first === 'object' && !('partial' in first)) {
    return monteCarloSummaryOf(first['summary'] ?? first);
  }
  const parts = answers.map((a) =>
    reviveMonteCarloPartial(a !== null && typeof a === 'object' && 'partial' in a ? a.partial : a),
  );
  return summarizeMonteCarlo(mergeMonteCarlo(parts));
}

/** What of `o` the page reads first and is not there: `keys` that are not arrays, or the books' means. */
function missing(o: unknown, keys: readonly string[], books: readonly string[] = []): string[] {
  const r = (o !== null && typeof o === 'object' ? o : {}) as Record<string, unknown>;
  const out = keys.filter((k) => !Array.isArray(r[k]));
  for (const b of books) {
    const mean = (r[b] as { mean?: unknown } | null | undefined)?.mean;
    if (typeof mean !== 'number') out.push(`${b}.mean`);
  }
  return out;
}

/**
 * `raw` as a Monte Carlo summary, its shape checked where the page reads it first (each book's
 * mean, the paths, a histogram), so that an answer of another shape is refused naming what it lacks.
 */
export function monteCarloSummaryOf(raw: unknown): MonteCarloSummary {
  const s = raw as Partial<MonteCarloSummary> | null;
  const lacks = missing(raw, [], ['condor', 'alvh']);
  if (typeof s?.paths !== 'number') lacks.push('paths');
  if (!Array.isArray(s?.bodyHistogram?.edges) && !Array.isArray(s?.histogram?.edges)) lacks.push('histogram');
  if (lacks.length > 0) throw new Error(`not a Monte Carlo summary: no ${lacks.join(', ')}`);
  return raw as MonteCarloSummary;
}

// ---------------------------------------------------------------------------------------------
// Stress grid

/** `raw` as a stress grid, its shape checked: its axes and matrices are lists, or it is refused naming what it lacks. */
export function stressGridOf(raw: unknown): StressGridResult {
  const lacks = missing(raw, ['spxMoves', 'vixLevels', 'days', 'total']);
  if (lacks.length > 0) throw new Error(`not a stress grid: no ${lacks.join(', ')}`);
  return raw as StressGridResult;
}

function pct(x: number): string {
  const v = Math.round(x * 1000) / 10;
  return `${v > 0 ? '+' : ''}${v}%`;
}

/** The grid's total P&L, one SPX move × VIX level matrix per days-elapsed value. */
export function presentStress(raw: unknown): StressView {
  const g = stressGridOf(raw);
  return {
    title: `${g.valuationDate}, scenarios (no probabilities: the book marked on the surface moved to each cell)`,
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
    notes: stringsOf(g.notes),
  };
}

/**
 * The histogram's caption: the range its bins span and each book's paths they leave out ("unhedged
 * 1 path below, 3 above"), or, with no range (NaN bounds), that the bins span every path.
 */
export function histogramCaption(t: HistogramView['tails']): string {
  const tail = 'P&L at the horizon, a loss is negative.';
  if (!Number.isFinite(t.low)) return `Bins span every path. ${tail}`;
  const paths = countWords('path', 'paths');
  const n = countWords();
  return `Bins span ${formatValue(t.low, 'usd')} to ${formatValue(t.high, 'usd')} (0.5th-99.5th percentile). Not drawn: unhedged ${paths(t.below[0] ?? 0)} below, ${n(t.above[0] ?? 0)} above; ALVH ${n(t.below[1] ?? 0)} below, ${n(t.above[1] ?? 0)} above. ${tail}`;
}
