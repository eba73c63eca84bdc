/**
 * Adapters from the shared package's results to the taskpane's view models: which numbers a trader
 * reads, in what order, with what unit and what sentence beside them. No maths beyond unit
 * conversion and ordering.
 */
import { mergeMonteCarlo, summarizeMonteCarlo } from '@alvh/shared';
import type { MonteCarloPartial, MonteCarloSummary, Plan, Policy, StressGridResult } from '@alvh/shared';
import { formatValue } from './views';
import type { HistogramView, McStatRow, PlanRow, PlanTile, PlanView, StressView, ValueFormat } from './views';

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
  };
}

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
      if (v < low) below[k]!++;
      else if (v > high) above[k]!++;
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
// Plan

/** The value at a dotted path (`condor.breakEvens.lower`), or undefined. */
export function at(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The unit shown after a plan value, by its path (money per vol point or per day). */
const UNITS: Readonly<Record<string, string>> = {
  'overlay.targetVega': 'per vol point',
  'overlay.vega': 'per vol point',
  'overlay.theta': 'per day',
  'condor.greeks.vega': 'per vol point',
  'condor.greeks.theta': 'per day',
  'tail.gainPerContract': 'per contract',
};

/** A row's explanation: fixed text, or text that quotes the policy in force. */
type Note = string | ((q: Policy) => string);
type RowSpec = [label: string, path: string, format: ValueFormat, note: Note];

const pc = (x: number): string => `${Number((x * 100).toFixed(2))}%`;

/** The plan's rows a trader reads, section by section: [label, path in the plan, format, explanation]. */
const PLAN_ROWS: [section: string, rows: RowSpec[]][] = [
  [
    'Budget split',
    [
      ['Calendar share', 'split.calendarShare', 'pct', 'of the hedge budget to the calendar overlay'],
      ['Tail share', 'split.tailShare', 'pct', 'of the hedge budget to the VIX call tail hedge'],
      ['Vega match', 'split.vegaMatch', 'pct', 'overlay |vega| as a share of the condor net vega'],
    ],
  ],
  [
    'Calendar overlay',
    [
      ['Structure', 'overlay.structure', 'text', 'policy "overlay"'],
      ['Units', 'overlay.units', 'integer', 'round(target vega / unit vega), within the calendar budget'],
      ['Required units', 'overlay.requiredUnits', 'integer', 'before the budget'],
      ['Target vega', 'overlay.targetVega', 'usd', 'vega match · |condor net vega|'],
      ['Overlay vega', 'overlay.vega', 'usd', 'achieved'],
      ['Cost', 'overlay.cost', 'usd', 'units · unit debit · 100'],
      ['Theta per day', 'overlay.theta', 'usd', 'the carry that subsidises the tail hedge'],
    ],
  ],
  [
    'Tail VIX calls',
    [
      ['Contracts', 'tail.contracts', 'integer', (q) => `ceil(${q.tailCoverage} · scenario loss / gain per contract)`],
      [
        'Strike',
        'tail.strike',
        'points',
        (q) => `F · (1 + ${pc(q.tailOtmPct)}), rounded up to the ${q.vixStrikeStep}-point grid`,
      ],
      [
        'Expiry',
        'tail.expiry',
        'date',
        (q) => `VX expiry ${q.tailDteMin}-${q.tailDteMax} days out, else the nearest to ${q.tailDteTarget}`,
      ],
      ['Premium', 'tail.premium', 'points', 'Black-76 per VIX call'],
      ['Cost', 'tail.cost', 'usd', 'contracts · premium · 100'],
      ["Today's VX future", 'tail.future', 'points', 'of the hedge expiry'],
      ['Stressed future', 'tail.stressedFuture', 'points', 'after the drawdown, from the curve model'],
      ['Required contracts', 'tail.requiredContracts', 'integer', 'before the budget'],
      ['Gain per contract', 'tail.gainPerContract', 'usd', '(stressed call − premium) · 100'],
      ['Coverage achieved', 'tail.coverageAchieved', 'number', 'tail gain / scenario loss'],
    ],
  ],
  [
    'Costs and caps',
    [
      [
        'Budget',
        'budget.budget',
        'usd',
        (q) =>
          `least of your budget, the ${pc(q.maxHedgeCostRate)} cost cap and the budget that keeps a ${pc(q.targetIrr)} return`,
      ],
      ['Binding limit', 'budget.binding', 'text', 'which of the three set the budget'],
      ['Calendar budget', 'budget.calendarBudget', 'usd', 'budget · calendar share'],
      ['Tail budget', 'budget.tailBudget', 'usd', 'budget · tail share'],
      ['Net hedge debit', 'budget.netHedgeDebit', 'usd', 'overlay + tail'],
      [
        'Hedge cost rate',
        'budget.hedgeCostRate',
        'pct',
        (q) => `annualised over max loss; cap ${pc(q.maxHedgeCostRate)}`,
      ],
      [
        'Return on risk after hedges',
        'budget.returnOnRiskAfterHedges',
        'pct',
        (q) => `annualised; target ${pc(q.targetIrr)}`,
      ],
      [
        'Largest condor quantity',
        'capital.maxQuantity',
        'integer',
        (q) => `fits ${pc(q.maxRiskPct)} of capital at risk`,
      ],
      ['Capital at risk', 'capital.used', 'usd', (q) => `max loss + hedge debit; limit ${pc(q.maxRiskPct)} of capital`],
      [
        'Theta subsidy',
        'thetaSubsidy.ratio',
        'number',
        "overlay theta / |tail theta|: how much of the tail's decay the calendar pays",
      ],
    ],
  ],
  [
    'VIX term structure',
    [
      ['VIX', 'termStructure.vixSpot', 'points', 'spot index, points'],
      ['F1 (front VX future)', 'termStructure.f1.price', 'points', 'first VX future expiring after the date'],
      ['F2 (second VX future)', 'termStructure.f2.price', 'points', 'second VX future'],
      ['Spread F1 − F2', 'termStructure.spread', 'points', 'positive = backwardation (stress priced in the front)'],
      ['Contango (%)', 'termStructure.contangoPct', 'points', '(F2/F1 − 1)·100; negative in backwardation'],
      [
        'Regime',
        'regime',
        'text',
        (q) => `steep-backwardation at a spread ≥ ${q.steepSpread}, flat within ±${q.flatBand} points`,
      ],
      [
        'Mean reversion κ',
        'termStructure.fit.kappa',
        'number',
        'per year, fitted to the curve: F(τ) = θ + (VIX − θ)e^(−κτ)',
      ],
      ['Long-run level θ', 'termStructure.fit.theta', 'points', 'where VIX reverts to'],
    ],
  ],
  [
    'Iron condor',
    [
      ['Credit', 'condor.credit', 'points', 'per share; × 100 × quantity in USD'],
      ['Max profit', 'condor.maxProfit', 'usd', 'credit · 100 · quantity'],
      ['Max loss', 'condor.maxLoss', 'usd', '(widest wing − credit) · 100 · quantity'],
      ['Break-even low', 'condor.breakEvens.lower', 'points', 'short put − credit'],
      ['Break-even high', 'condor.breakEvens.upper', 'points', 'short call + credit'],
      [
        'Short put distance',
        'condor.zPut',
        'number',
        (q) => `standard deviations, ln(S/K2)/(σ√T); passes at ≥ ${q.minShortStrikeSd}`,
      ],
      ['Short call distance', 'condor.zCall', 'number', 'standard deviations, ln(K3/S)/(σ√T)'],
      ['Probability of profit', 'condor.probabilityOfProfit', 'pct', 'lognormal, at expiry'],
      ['Days to expiry', 'condor.days', 'integer', 'calendar days'],
      ['Net vega', 'condor.greeks.vega', 'usd', 'USD per vol point: what the overlay offsets'],
      ['Net theta', 'condor.greeks.theta', 'usd', 'USD per calendar day'],
    ],
  ],
  [
    'Drawdown scenario',
    [
      [
        'SPX after the drawdown',
        'scenario.stressedSpot',
        'points',
        (q) => `SPX × (1 − ${pc(q.drawdown)}) over ${q.drawdownDays} days`,
      ],
      [
        'VIX after the drawdown',
        'scenario.stressedVix',
        'points',
        (q) => (q.stressVix !== undefined ? 'the policy stressVix' : `VIX + ${q.stressVixPerPct} per 1% of drawdown`),
      ],
      ['Condor loss', 'scenario.condorLoss', 'usd', 'repriced at the stressed spot and vol, at most the max loss'],
    ],
  ],
  [
    'Rebalance',
    [
      [
        'Status',
        'rebalance.reason',
        'text',
        (q) => `due after ${q.rebalanceDays} days or a ${pc(q.curveShiftTrigger)} curve shift`,
      ],
    ],
  ],
];

/** A number of the plan as shown; rates in the plan are decimals. */
function planValue(v: unknown, format: ValueFormat): number | string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  void format;
  return undefined;
}

function auditInputs(inputs: unknown): string {
  if (!inputs || typeof inputs !== 'object') return '';
  return Object.entries(inputs as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toFixed(4)) : String(v)}`)
    .join(', ');
}

/** The four answers a trader reads first: the split, the overlay, the tail hedge, the budget. */
function planTiles(p: Plan): PlanTile[] {
  const usd = (x: number): string => formatValue(x, 'usd');
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    {
      label: 'Split',
      value: `${Math.round(p.split.calendarShare * 100)}% / ${Math.round(p.split.tailShare * 100)}%`,
      sub: `calendar / tail · ${p.regime}`,
    },
    {
      label: 'Calendar overlay',
      value: plural(p.overlay.units, 'unit', 'units'),
      sub: `${p.overlay.structure} · ${usd(p.overlay.cost)}${p.overlay.cut ? ' · cut to budget' : ''}`,
    },
    {
      label: 'Tail hedge',
      value: `${plural(p.tail.contracts, 'VIX call', 'VIX calls')}`,
      sub: `${p.tail.strike} strike · ${p.tail.expiry} · ${usd(p.tail.cost)}${p.tail.cut ? ' · cut to budget' : ''}`,
    },
    {
      label: 'Hedge budget',
      value: usd(p.budget.budget),
      sub: `binding: ${p.budget.binding} · spent ${usd(p.budget.netHedgeDebit)}`,
    },
  ];
}

/** A ratio shown to two decimals, never as "-0.00". */
function ratio(x: number): string {
  const t = x.toFixed(2);
  return Number(t) === 0 ? '0.00' : t;
}

/** `n` with its noun in the right number: "1 contract", "3 contracts". */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * How the rebalance triggers are checked where the plan is read: the plan's own reason when it
 * had a last rebalance; otherwise the inputs the user has (ALVH.PLAN's rows lastDate, lastVix,
 * lastVX1…; the taskpane has none, so it points to the worksheet functions).
 */
function rebalanceStatus(p: Plan, host: PlanHost): string {
  if (p.rebalance.due !== null) return p.rebalance.reason;
  return host === 'excel'
    ? 'no last rebalance given: add rows lastDate, lastVix and lastVX1…lastVXn to the inputs to check the triggers'
    : 'no last rebalance given: the taskpane does not take one; check the triggers with ALVH.REBALANCE or ALVH.PLAN (rows lastDate, lastVix, lastVX1…)';
}

/** One historical analog: the contracts the coverage asks for there, and why, and what the plan's contracts do there. */
function analogRow(p: Plan, a: Plan['analogs'][number]): PlanRow {
  const q = p.policy;
  const planned = count(p.tail.contracts, 'contract', 'contracts');
  const verb = p.tail.contracts === 1 ? 'covers' : 'cover';
  const cover =
    a.planCoverage < 0
      ? `the plan's ${planned} lose money there (coverage ${ratio(a.planCoverage)}×: the calls end worth less than their premium)`
      : `the plan's ${planned} ${verb} ${ratio(a.planCoverage)}× of that loss`;
  const why =
    a.contracts === null
      ? `the calls gain nothing at VX ${a.stressedFuture.toFixed(2)}, so no count gives the coverage`
      : `${q.tailCoverage} × condor loss $${Math.round(a.condorLoss).toLocaleString('en-US')} / gain $${Math.round(a.gainPerContract).toLocaleString('en-US')} per contract`;
  return {
    section: 'Historical analogs',
    label: `${a.date} ${a.label}`,
    value: a.contracts ?? 'no gain',
    format: 'integer',
    note: `contracts for ${q.tailCoverage}× coverage at VIX ${a.vix}: ${why}; ${cover}`,
  };
}

/** Where a plan is read: a worksheet (ALVH.PLAN) or the taskpane. */
export type PlanHost = 'excel' | 'taskpane';

/**
 * The plan as a trader reads it: tiles, headline, rows with explanations (quoting the policy the
 * plan ran with, `p.policy`), audit trail, warnings.
 */
export function presentPlan(p: Plan, host: PlanHost = 'taskpane'): PlanView {
  const raw: unknown = p;
  const policy = p.policy;
  const rows: PlanRow[] = [];
  for (const [section, specs] of PLAN_ROWS) {
    for (const [label, path, format, note] of specs) {
      const value = path === 'rebalance.reason' ? rebalanceStatus(p, host) : planValue(at(raw, path), format);
      const unit = UNITS[path];
      if (value !== undefined)
        rows.push({
          section,
          label,
          value,
          format,
          ...(unit === undefined ? {} : { unit }),
          note: typeof note === 'string' ? note : note(policy),
        });
    }
  }
  for (const a of p.analogs) rows.push(analogRow(p, a));
  const cal = at(raw, 'split.calendarShare');
  const tail = at(raw, 'split.tailShare');
  const regime = at(raw, 'regime') ?? at(raw, 'termStructure.regime');
  const contracts = at(raw, 'tail.contracts');
  const units = at(raw, 'overlay.units');
  const headline = [
    typeof regime === 'string' ? regime : undefined,
    typeof cal === 'number' && typeof tail === 'number'
      ? `${Math.round(cal * 100)}% calendar / ${Math.round(tail * 100)}% tail`
      : undefined,
    typeof units === 'number' ? `${units} overlay unit${units === 1 ? '' : 's'}` : undefined,
    typeof contracts === 'number' ? `${contracts} VIX call${contracts === 1 ? '' : 's'}` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(' · ');
  const audit = ((at(raw, 'audit') as unknown[] | undefined) ?? []).map((a) => ({
    rule: String(at(a, 'rule') ?? ''),
    inputs: auditInputs(at(a, 'inputs')),
    effect: String(at(a, 'effect') ?? ''),
  }));
  const warnings = ((at(raw, 'warnings') as unknown[] | undefined) ?? []).map(String);
  return { date: String(at(raw, 'valuationDate') ?? ''), tiles: planTiles(p), headline, rows, audit, warnings };
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
