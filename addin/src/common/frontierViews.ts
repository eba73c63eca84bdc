/**
 * The budget frontier of `POST /api/frontier` as the taskpane and its sheet show it: the answer
 * checked field by field (a host of another version says which field it lacks), its points and
 * marked books with risks as P&L (USD, a loss negative), the table and the chart's block.
 */
import { matchNoise, mixWords } from '@alvh/shared';
import { formatValue, inMeasure, runWords } from './views';

/** One point of the frontier: risks as P&L (USD, a loss negative). */
export interface FrontierPointView {
  budget: number;
  /**
   * What the budget's mix costs, USD: its premium at model marks, at most the budget, BEFORE the
   * opening fees (paid beyond it, in the P&L), as the marked books' costs are.
   */
  cost: number;
  structure: string;
  /**
   * The answer's `split` as a percent: a label, the least overlay cap of the run's `splits` that
   * admits the mix, not its division of the budget (the tail may use any of the rest).
   */
  split: string;
  /** What the overlay units cost as a percent of the budget (premium before fees); null at a budget of 0. */
  overlayShare: string | null;
  /** What the budget buys, in words ("2 overlay + 3 × vix-call-spread"). */
  mix: string;
  /** −cvar95Down: the mean P&L of the worst 5% of the Monte Carlo paths where SPX falls. */
  cvar95Down: number;
  /**
   * The answer's `cvarSavedStdError`: the standard error of the CVaR's gap to the unhedged book's
   * on the same paths, USD; null when the answer has none (a tail under 2 paths, an older host).
   */
  savedStdError: number | null;
  /** −drawdownLoss, −worstAnalogLoss. */
  drawdown: number;
  worstAnalog: number | null;
}

/** A marked book on the frontier's paths: the plan as sized, or the literal rule uncapped. */
export interface FrontierMarkView {
  /** The table's and the chart's label. */
  label: string;
  /** What its hedges cost, USD (a debit positive), before the opening fees as the points' costs. */
  cost: number;
  mix: string;
  /** P&L, as the points' (a loss negative). */
  cvar95Down: number;
  /** As a point's: the standard error of the CVaR's gap to the unhedged book's on the same paths. */
  savedStdError: number | null;
  drawdown: number;
  worstAnalog: number | null;
  /**
   * The cheapest mix of the frontier's kind that leaves no more CVaR (its cost, CVaR as P&L, words),
   * if any, with the standard error of its gap to the marked book and whether the gap is under two of
   * them (absent from an older host's answer: read as not within noise).
   */
  match: { cost: number; cvar95Down: number; mix: string; gapStdError?: number | null; withinNoise?: boolean } | null;
}

export interface FrontierView {
  /** The answer's valuation date (ISO); absent from an answer without it. */
  valuationDate?: string;
  points: FrontierPointView[];
  /** The plan's own hedges as sized (the answer's `plan`). */
  plan: FrontierMarkView | undefined;
  /** The literal rule uncapped (the answer's `rule`). */
  rule: FrontierMarkView | undefined;
  paths: number | null;
  seed: number | null;
  measure: string;
  /**
   * What limits the answer (its `warnings`: too few down paths, units searched in steps, hedges
   * that raise the CVaR), then the calibrated model's known biases from the run's starting VIX (its
   * `modelNotes`), then the points' CVaR errors by budget (when the answer carries them).
   */
  notes: string[];
}

function bad(field: string, problem: string): never {
  throw new Error(
    `the frontier answer's ${field} ${problem}; the host and this page disagree on its shape: update the add-in`,
  );
}

function num(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${where}.${key}`, `is ${JSON.stringify(v)}, not a number`);
  return v;
}

/** A share as a whole percent; one above 0 that rounds to 0% reads "<1%" (an overlay bought is never "0%"). */
const percent = (v: number): string => (v > 0 && v < 0.005 ? '<1%' : `${Math.round(v * 100)}%`);

function splitText(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return percent(v);
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') {
    const c = (v as Record<string, unknown>)['calendarShare'];
    const t = (v as Record<string, unknown>)['tailShare'];
    if (typeof c === 'number' && typeof t === 'number') return `${Math.round(c * 100)}% / ${Math.round(t * 100)}%`;
  }
  return '';
}

function obj(raw: unknown, where: string): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad(where, 'is not an object');
  return raw as Record<string, unknown>;
}

function count(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** A mix in words, as the Excel function and the plan's paragraph say it (shared `mixWords`). */
function mix(o: Record<string, unknown>, tailKey: string, structure: string | null): string {
  return mixWords({ overlayUnits: count(o, 'overlayUnits'), tailUnits: count(o, tailKey), structure });
}

/** An optional standard error of the answer (null when absent or not a number). */
function stdErrorOf(o: Record<string, unknown>, key: string): number | null {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function worstOf(o: Record<string, unknown>, where: string): number | null {
  const worst = o['worstAnalogLoss'];
  return worst === undefined || worst === null ? null : -num(o, 'worstAnalogLoss', where);
}

/**
 * The overlay's share of the budget: the answer's `overlayShare`, or (an answer from before it)
 * the overlay units at the overlay component's premium over the budget; null at a budget of 0 or
 * when neither is there.
 */
function overlayShareOf(o: Record<string, unknown>, budget: number, overlayPremium: number | null): string | null {
  const given = o['overlayShare'];
  if (typeof given === 'number' && Number.isFinite(given)) return percent(given);
  if (given === null || budget <= 0 || overlayPremium === null) return null;
  return percent((count(o, 'overlayUnits') * overlayPremium) / budget);
}

function framePoint(raw: unknown, where: string, overlayPremium: number | null): FrontierPointView {
  const o = obj(raw, where);
  const structure = typeof o['structure'] === 'string' ? o['structure'] : null;
  const budget = num(o, 'budget', where);
  return {
    budget,
    cost: num(o, 'cost', where),
    structure: structure ?? 'none',
    split: splitText(o['split']),
    overlayShare: overlayShareOf(o, budget, overlayPremium),
    mix: mix(o, 'tailUnits', structure),
    // The host states losses as positive amounts (as /api/montecarlo's cvar95): the page shows P&L.
    cvar95Down: -num(o, 'cvar95Down', where),
    savedStdError: stdErrorOf(o, 'cvarSavedStdError'),
    drawdown: -num(o, 'drawdownLoss', where),
    worstAnalog: worstOf(o, where),
  };
}

/** A marker of the answer (`plan`, `rule`: the tail is VIX calls), its losses as P&L; undefined when absent. */
function frameMark(
  raw: unknown,
  where: string,
  label: (tailContracts: number) => string,
): FrontierMarkView | undefined {
  if (raw === undefined || raw === null) return undefined;
  const o = obj(raw, where);
  const m = o['matchedBy'];
  let match: FrontierMarkView['match'] = null;
  if (m !== undefined && m !== null) {
    const mo = obj(m, `${where}.matchedBy`);
    const structure = typeof mo['structure'] === 'string' ? mo['structure'] : null;
    match = {
      cost: num(mo, 'cost', `${where}.matchedBy`),
      cvar95Down: -num(mo, 'cvar95Down', `${where}.matchedBy`),
      mix: mix(mo, 'tailUnits', structure),
      gapStdError: stdErrorOf(mo, 'gapStdError'),
      withinNoise: mo['withinNoise'] === true,
    };
  }
  return {
    label: label(count(o, 'tailContracts')),
    cost: num(o, 'cost', where),
    mix: mix(o, 'tailContracts', 'vix-call'),
    cvar95Down: -num(o, 'cvar95Down', where),
    savedStdError: stdErrorOf(o, 'cvarSavedStdError'),
    drawdown: -num(o, 'drawdownLoss', where),
    worstAnalog: worstOf(o, where),
    match,
  };
}

/**
 * The answer of `POST /api/frontier` (or of the frontier run here) read defensively, the one place
 * its shape is known: `{ points: [{ budget, structure, split, overlayShare?, tailUnits, overlayUnits, cost,
 * cvar95Down, drawdownLoss, worstAnalogLoss }], components?, plan?, rule? ({ cost, overlayUnits, tailContracts, cvar95Down,
 * drawdownLoss, worstAnalogLoss, matchedBy }), paths?, seed?, measure?, warnings?, modelNotes? }`. The losses
 * (positive amounts) become P&L (negative); a missing or non-finite number is an error naming the
 * field.
 */
export function parseFrontier(raw: unknown): FrontierView {
  const o = obj(raw, '(answer)');
  if (!Array.isArray(o['points']) || o['points'].length === 0) bad('points', 'is missing or empty');
  const comps = Array.isArray(o['components']) ? (o['components'] as unknown[]) : [];
  const overlay = comps.find(
    (c): c is Record<string, unknown> =>
      c !== null && typeof c === 'object' && (c as Record<string, unknown>)['name'] === 'overlay',
  );
  const premium = overlay?.['premium'];
  const overlayPremium = typeof premium === 'number' && Number.isFinite(premium) ? premium : null;
  const points = (o['points'] as unknown[]).map((p, i) => framePoint(p, `points[${i}]`, overlayPremium));
  points.sort((a, b) => a.budget - b.budget);
  const intOrNull = (k: string): number | null => {
    const v = o[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const date = o['valuationDate'];
  return {
    ...(typeof date === 'string' ? { valuationDate: date } : {}),
    points,
    plan: frameMark(o['plan'], 'plan', () => 'plan as sized'),
    rule: frameMark(o['rule'], 'rule', (n) => `literal rule (uncapped, ${n} VIX calls)`),
    paths: intOrNull('paths'),
    seed: intOrNull('seed'),
    measure: typeof o['measure'] === 'string' ? o['measure'] : '',
    notes: [...texts(o['warnings']), ...texts(o['modelNotes']), ...pointErrors(points)],
  };
}

/**
 * The points' CVaR errors as one note, each after its budget and the CVaR it is the error of: "CVaR
 * 95 down ± the standard error of its gap to the unhedged book on the same paths, per budget: budget
 * $1,086, CVaR -$24,170 ± $291; …" (the points that buy something and carry one; none from an
 * answer without them), so the table's rows stay one figure a cell.
 */
function pointErrors(points: readonly FrontierPointView[]): string[] {
  const each = points.flatMap((p) =>
    p.savedStdError === null || p.mix === 'no hedge'
      ? []
      : [
          `budget ${formatValue(p.budget, 'usd')}, CVaR ${formatValue(p.cvar95Down, 'usd')} ± ${formatValue(p.savedStdError, 'usd')}`,
        ],
  );
  return each.length === 0
    ? []
    : [
        `CVaR 95 down ± the standard error of its gap to the unhedged book on the same paths, per budget: ${each.join('; ')}.` +
          (points.some((p) => p.savedStdError === 0 && p.mix !== 'no hedge') ? ` ± $0: ${ONE_PNL}.` : ''),
      ];
}

/** The strings of a list (none when it is not one). */
function texts(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * What a frontier run is, as the page's and the sheet's titles both say it: "2,000 paths, seed 7,
 * real-world measure, model started from today's VIX alone" (paths, seed and measure reproduce its
 * points; `start` says where its model started, '' when unsaid).
 */
export function frontierRunWords(view: Pick<FrontierView, 'paths' | 'seed' | 'measure'>, start = ''): string {
  return runWords(view.paths, view.seed, view.measure === '' ? '' : `${view.measure} measure`, start);
}

/**
 * A marked book's note: its label, the cheapest mix of the frontier that leaves no more CVaR (and
 * when the two are within the paths' noise), then its CVaR's standard error ({@link savedNote}).
 */
export function markNote(m: FrontierMarkView): string {
  const match = m.match;
  const words =
    match === null
      ? `${m.label}; no mix up to the top budget does as well`
      : `${m.label}; the cheapest mix that does as well costs ${formatValue(match.cost, 'usd')} before fees (${match.mix})` +
        // the answer's losses are the view's P&L with the other sign
        matchNoise({
          cvar95Down: -m.cvar95Down,
          matchedBy: {
            cvar95Down: -match.cvar95Down,
            gapStdError: match.gapStdError ?? null,
            withinNoise: match.withinNoise === true,
          },
        });
  const se = savedNote(m);
  return se === '' ? words : `${words}; ${se}`;
}

/**
 * A book's CVaR error in words, "CVaR gap to unhedged ± $134 (standard error)", or '' when the
 * answer has none, or for a point that buys nothing (no gap to have an error).
 */
export function savedNote(b: Pick<FrontierPointView, 'savedStdError' | 'mix'>): string {
  if (b.savedStdError === null || b.mix === 'no hedge') return '';
  return b.savedStdError === 0
    ? `CVaR gap to unhedged ± $0 (standard error on the same paths; ${ONE_PNL})`
    : `CVaR gap to unhedged ± ${formatValue(b.savedStdError, 'usd')} (standard error on the same paths)`;
}

/**
 * Why a CVaR gap's standard error is $0: the influence of every path on the gap is the same, so no
 * resample or other run of paths moves it; the hedge changes each of the worst 5% of down paths by
 * the same amount (on the taskpane's example day, each at the condor's max loss and the put
 * spreads' full payout).
 */
const ONE_PNL =
  "the hedge changes each of the worst 5% of down paths by the same amount (as at the condor's max loss and a hedge's full payout), so no path moves the gap";

/**
 * The frontier table's column headings, the page's and the sheet's: costs before fees, risks as P&L
 * (USD); the CVaR 95 down, a figure of the paths, names their measure ({@link frontierColumns}).
 */
export const FRONTIER_COLUMNS = [
  'Budget (USD)',
  'Cost before fees (USD)',
  'CVaR 95 down (P&L, USD)',
  'Drawdown (P&L, USD)',
  'Worst analog (P&L, USD)',
  'Bought',
  'Overlay premium (share of budget)',
  'Split: least overlay cap admitting the mix (share of budget)',
] as const;

/** {@link FRONTIER_COLUMNS} with the measure of the view's paths in the CVaR's heading ("CVaR 95 down (P&L, USD, real-world)"). */
export function frontierColumns(view: Pick<FrontierView, 'measure'>): string[] {
  return FRONTIER_COLUMNS.map((c) => (c === 'CVaR 95 down (P&L, USD)' ? inMeasure(c, view.measure) : c));
}

/**
 * The frontier's table, one row a budget and then the plan and the literal rule (no budget: null):
 * [budget, what the mix costs before fees, CVaR 95 down, drawdown, worst analog (null: none), what
 * it buys, the overlay's share of the budget, split, note], numbers as P&L in USD, each with its row class. The page formats the
 * numbers, the sheet writes them as they are.
 */
export function frontierTable(view: FrontierView): { cells: (number | string | null)[]; className: string }[] {
  return [
    ...view.points.map((p) => ({
      cells: [p.budget, p.cost, p.cvar95Down, p.drawdown, p.worstAnalog, p.mix, p.overlayShare, p.split, ''],
      className: '',
    })),
    ...[
      { m: view.plan, className: 'best-row' },
      { m: view.rule, className: 'literal-row' },
    ].flatMap(({ m, className }) =>
      m === undefined
        ? []
        : [{ cells: [null, m.cost, m.cvar95Down, m.drawdown, m.worstAnalog, m.mix, '', '', markNote(m)], className }],
    ),
  ];
}

/** The frontier chart's x, the page's and the sheet's: every series is placed at what it costs. */
export const FRONTIER_X = 'Hedge cost before fees (USD)';

/**
 * The frontier chart's data, as the sheet charts it: the first column {@link FRONTIER_X} (the x
 * axis: each budget's best mix and each marked book at what it costs), then one column a series,
 * the frontier's CVaR 95 down on the budgets' rows and each marked book's (the plan, the literal
 * rule, the cheapest mix with the plan's risk) on its own row, null elsewhere (an empty cell the
 * chart skips). Only the marks the answer has get a column.
 */
export function frontierChartBlock(view: FrontierView): { header: string[]; rows: (number | null)[][] } {
  const named: { name: string; at: { cost: number; cvar95Down: number } | null | undefined }[] = [
    { name: 'Plan', at: view.plan },
    { name: 'Literal rule', at: view.rule },
    { name: "Plan's risk, least cost", at: view.plan?.match },
  ];
  const marks = named.flatMap((m) => (m.at ? [{ name: m.name, at: m.at }] : []));
  const row = (x: number, series: number, y: number): (number | null)[] => {
    const r: (number | null)[] = Array.from({ length: 2 + marks.length }, () => null);
    r[0] = x;
    r[series] = y;
    return r;
  };
  return {
    header: [FRONTIER_X, 'Frontier (best mix within each budget)', ...marks.map((m) => m.name)],
    rows: [
      ...view.points.map((p) => row(p.cost, 1, p.cvar95Down)),
      ...marks.map((m, i) => row(m.at.cost, 2 + i, m.at.cvar95Down)),
    ],
  };
}
