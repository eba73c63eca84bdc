/**
 * View models: what the taskpane shows, in the shape both renderers (the page and the workbook)
 * take. The adapters in `present.ts` build them from the shared package's results; the renderers
 * hold no maths and know nothing of the method.
 */

/** How a number is shown: in the page and as an Excel number format. */
export type ValueFormat = 'usd' | 'pct' | 'points' | 'number' | 'integer' | 'text' | 'date';

/** One line of the plan table: a number with its unit and the sentence that explains it. */
export interface PlanRow {
  section: string;
  label: string;
  value: number | string;
  format: ValueFormat;
  /** What the number is per, shown after it: "per vol point", "per day". */
  unit?: string;
  note: string;
}

export interface AuditRow {
  rule: string;
  inputs: string;
  effect: string;
}

/** A key number shown as a tile above the plan table (the answer first). */
export interface PlanTile {
  label: string;
  value: string;
  sub: string;
}

export interface PlanView {
  /** Valuation date, ISO. */
  date: string;
  tiles: PlanTile[];
  /** One line a trader reads first, e.g. "steep-backwardation: 60% calendar / 40% tail". */
  headline: string;
  /**
   * The gap in words: what the literal rule would cost, what the budget buys, the cheapest way to
   * the stated protection, and where the plan sits on its frontier when one was computed.
   */
  gap?: string;
  rows: PlanRow[];
  audit: AuditRow[];
  warnings: string[];
}

/** The stress grid: total P&L (USD) by SPX move (rows) × VIX level (columns), one slice per horizon. */
export interface StressView {
  title: string;
  rowHeader: string;
  colHeader: string;
  rowLabels: string[];
  colLabels: string[];
  /** One matrix per days-elapsed value: values[row][col], USD; `short` names it on a tab. */
  slices: { label: string; short: string; values: number[][] }[];
  /** The slice shown first: today's (+0 d) when the grid has it, else the first. */
  opens: number;
  /**
   * What the grid does not follow of its input, one sentence each (a plan's positions held: the
   * grid marks the plan's book at today's sizing); empty when there is none.
   */
  notes: string[];
}

/**
 * One statistic of the Monte Carlo run for both books. null: not defined for that book (the
 * unhedged condor has no hedge cost) or for this run (a null hedge effectiveness, whose note says
 * why), shown "n/a".
 */
export interface McStatRow {
  label: string;
  condor: number | null;
  alvh: number | null;
  format: ValueFormat;
  /**
   * The figures' standard errors [condor, ALVH], in the row's unit, where the summary gives them
   * (mean, CVaR 95, P(loss), hedge effectiveness): the page shows "x ± se", the sheet a column of
   * its own. null (or no `stdErrors`): none to show.
   */
  stdErrors?: [number | null, number | null];
}

/** A statistic's cell as the page shows it: "n/a" for null, "x ± se" when it has a finite standard error. */
export function statText(v: number | null, se: number | null | undefined, f: ValueFormat): string {
  if (v === null) return 'n/a';
  return typeof se === 'number' && Number.isFinite(se)
    ? `${formatValue(v, f)} ± ${formatValue(se, f)}`
    : formatValue(v, f);
}

/** The Monte Carlo P&L histogram of the unhedged condor against the ALVH book, on shared bins. */
export interface HistogramView {
  /** Bin labels (the bins' centres, USD), one per count. */
  binLabels: number[];
  condor: number[];
  alvh: number[];
  /**
   * The range the bins span (USD; the 0.5th-99.5th percentile of both books) and the paths of
   * each book [condor, ALVH] below and above it, which the bins leave out. NaN bounds: full range.
   * `lowest` and `highest`: each book's worst and best path P&L (USD), [condor, ALVH].
   */
  tails: { low: number; high: number; below: number[]; above: number[]; lowest: number[]; highest: number[] };
  stats: McStatRow[];
  paths: number;
  /** The run's seed (null from a summary without one): with the paths and the measure, what reproduces it. */
  seed: number | null;
  /** The run's valuation date (ISO), from its input: the summary does not carry it. */
  valuationDate?: string;
  /** The measure every figure is in, as the title shows it (e.g. 'real-world measure'). */
  measure: string;
  /**
   * What the figures say that a reader could miss (the summary's `notes`: first of all that the
   * book run is the plan's, not the positions held), then the calibrated model's known biases from
   * the run's starting VIX (its `modelNotes`), in the order the frontier lists its own.
   */
  notes: string[];
}

/**
 * What a Monte Carlo run is, as the page's and the sheet's titles both say it: "2,000 paths, seed
 * 42, real-world measure, …" (paths, seed and measure reproduce every figure of the run).
 */
export function monteCarloRunWords(view: Pick<HistogramView, 'paths' | 'seed' | 'measure'>): string {
  return runWords(view.paths, view.seed, view.measure);
}

/**
 * A run's paths, seed and the words after them (its measure, where its model started), each left
 * out when unknown (null or ''): "2,000 paths, seed 42, real-world measure". The Monte Carlo's and
 * the frontier's titles, on the page and the sheet.
 */
export function runWords(paths: number | null, seed: number | null, ...rest: string[]): string {
  return [paths === null ? '' : `${paths.toLocaleString('en-US')} paths`, seed === null ? '' : `seed ${seed}`, ...rest]
    .filter((x) => x !== '')
    .join(', ');
}

/** An Excel number format for a {@link ValueFormat}. */
export function excelFormat(f: ValueFormat, unit?: string): string {
  if (unit !== undefined && (f === 'usd' || f === 'points')) {
    const u = ` "${unit.replace(/"/g, '')}"`;
    return f === 'usd' ? `$#,##0${u};[Red]-$#,##0${u}` : `#,##0.00${u}`;
  }
  switch (f) {
    case 'usd':
      return '$#,##0;[Red]-$#,##0';
    case 'pct':
      return '0.0%';
    case 'points':
      return '#,##0.00';
    case 'number':
      return '#,##0.0000';
    case 'integer':
      return '#,##0';
    case 'date':
    case 'text':
      return '@';
  }
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** A share as the notes quote it, in percent to at most two decimals: 0.1025 → "10.25%", 0.18 → "18%". */
export const shareWords = (x: number): string => `${Number((x * 100).toFixed(2))}%`;

/**
 * The value as a trader reads it in the page. A figure that rounds to 0 shows without a sign, as a
 * stress cell does: "$0", "0.0%", "0.00", never "-$0" for a theta of -$0.30.
 */
export function formatValue(v: number | string, f: ValueFormat, unit?: string): string {
  if (typeof v === 'string') return v;
  if (unit !== undefined) return `${formatValue(v, f)} ${unit}`;
  // a minus before no digit but zeros: the figure rounded to 0 ("-$∞" keeps its sign)
  return f === 'date' || f === 'text' ? String(v) : signedText(v, f).replace(/^-(?=\D*0[0.,]*\D*$)/, '');
}

function signedText(v: number, f: Exclude<ValueFormat, 'date' | 'text'>): string {
  switch (f) {
    case 'usd':
      return usd.format(v);
    case 'pct':
      return `${(v * 100).toFixed(1)}%`;
    case 'points':
      return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'integer':
      return Math.round(v).toLocaleString('en-US');
    case 'number':
      return v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  }
}

/**
 * A stress-grid cell as the page shows it, and a Monte Carlo bin on its chart: the P&L in whole
 * dollars ("-812", "0") below $1,000 and in thousands with one decimal from there ("-1.0k",
 * "12.4k"); the exact figure is in the cell's tooltip. Rounded once, to the dollar, before the unit is chosen, so -999.6 is "-1.0k", never
 * "-1000", and -0.4 is "0", never "-0".
 */
export function stressCellText(v: number): string {
  const whole = Math.round(v) || 0; // || 0: -0 reads "0"
  return Math.abs(whole) >= 1000 ? `${(whole / 1000).toFixed(1)}k` : String(whole);
}

/**
 * Heatmap colour of a P&L: red for losses, white at 0, green for gains, scaled by the largest
 * magnitude on the grid (the same three-colour scale the workbook's conditional format uses).
 */
export function heatColor(v: number, maxAbs: number): string {
  const t = maxAbs > 0 ? Math.max(-1, Math.min(1, v / maxAbs)) : 0;
  const mix = (a: number, b: number, w: number): number => Math.round(a + (b - a) * w);
  const [r, g, b] =
    t < 0
      ? [mix(255, 248, -t), mix(255, 105, -t), mix(255, 107, -t)]
      : [mix(255, 99, t), mix(255, 190, t), mix(255, 123, t)];
  return `#${[r, g, b]
    .map((x) => x.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;
}

/**
 * A value read from a cell or a JSON document as text: strings as they are, numbers and booleans as
 * String gives them, nothing as '', an error passed as an object as Excel shows it
 * ({@link objectCellText}), anything else as its JSON (so a message shows what was passed).
 */
export function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return '';
  return objectCellText(v) ?? JSON.stringify(v) ?? '';
}

/**
 * What Excel shows for a cell a custom function is passed as an object: a CustomFunctions.Error's
 * `code` (#N/A), a cell value's `basicValue` (an error value's is its code); undefined for any
 * other object, which {@link plainText} gives as its JSON.
 */
export function objectCellText(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o['code'] === 'string' && o['code'].startsWith('#')) return o['code'];
  const basic = o['basicValue'];
  if (typeof o['type'] === 'string' && (typeof basic === 'string' || typeof basic === 'number')) return String(basic);
  return undefined;
}

/**
 * A statistic's label with the measure of its paths in its parentheses ("Mean P&L (USD,
 * real-world)", "P(loss): share of paths below 0 (risk-neutral)"); as it is for a summary that
 * names no measure (an older API's).
 */
export function inMeasure(label: string, measure: unknown): string {
  if (typeof measure !== 'string' || measure === '') return label;
  return label.endsWith(')') ? `${label.slice(0, -1)}, ${measure})` : `${label} (${measure})`;
}
