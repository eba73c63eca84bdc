/**
 * The taskpane's results in the workbook, through Office.js: one new worksheet per run with a
 * formatted Excel table of the plan and its audit trail, the stress grid as a heatmap, and the
 * Monte Carlo histogram as a chart. Each writer takes a view model and an `Excel.RequestContext`
 * (so tests pass office-addin-mock's context) and returns the new sheet's name.
 *
 * Requirement sets: worksheets, ranges, number formats, tables and charts are ExcelApi 1.1;
 * `autofitColumns` is 1.2 (the lines of text are written after it: {@link Lines}); colour-scale
 * conditional formats are 1.6 (below it, the heatmap is painted cell by cell with `heatColor`; both
 * run white at 0 to full red at −M and full green at +M, M the block's largest |P&L|, so they colour
 * every cell alike).
 */
import { excelFormat, formatValue, heatColor, monteCarloRunWords } from '../common/views';
import type { HistogramView, PlanView, StressView } from '../common/views';
import { newSheet } from './workbookRun';

export interface WorkbookOptions {
  /** A timestamp `YYYYMMDD-HHMMSS` that names the run's sheet and tables ("-2", "_2"… when taken: `newSheet`). */
  stamp: string;
  /** Whether the host supports ExcelApi at this minor version, e.g. `supports('1.6')`. */
  supports: (version: string) => boolean;
}

/** Office's own check, `Office.context.requirements.isSetSupported('ExcelApi', v)`; false outside Office. */
export function officeSupports(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/** `YYYYMMDD-HHMMSS` in local time. */
export function runStamp(d: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a block from 0-based (row, col), `rows` × `cols` cells. */
export function blockAddress(row: number, col: number, rows: number, cols: number): string {
  const a = `${columnLetter(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? a : `${a}:${columnLetter(col + cols - 1)}${row + rows}`;
}

const HEADER_FILL = '#1F4E79';
const TITLE_COLOR = '#1F4E79';

/** A value the writers put in a cell: a number, or text ('' leaves the cell empty). */
export type Cell = string | number;

/**
 * Writes `values` into `range` after setting its number formats. The order matters: Excel reads a
 * string written to `Range.values` as typed input, so in a General cell "2025-05-21" becomes the
 * date serial 45798 (and shows as 45798 once '@' is set after it) and "-$40,000" the number -40000,
 * while a cell already formatted as text ('@') keeps the string as written (office-js issue #229).
 * Dates are written as ISO text in '@' cells rather than as serials: they then read exactly as in
 * the page, in every locale, and nothing on these sheets computes with them.
 */
export function writeCells(range: Excel.Range, values: Cell[][], formats: string[][]): void {
  range.numberFormat = formats;
  range.values = values;
}

/** Text cells: formatted '@', then written, so no line is read as a number or a date. */
export function writeText(range: Excel.Range, rows: string[][]): void {
  writeCells(
    range,
    rows,
    rows.map((r) => r.map(() => '@')),
  );
}

/** The same number formats on each of `rows` rows: one a column. */
export function eachRow(rows: number, columns: string[]): string[][] {
  return Array.from({ length: rows }, () => columns);
}

/**
 * The lines of text in column A outside the tables and figures (title, headings, notes, warnings),
 * written by {@link finish} once the columns are fitted. Excel fits a column to every cell in it,
 * whatever range is fitted (office-js issue #1017): a 400-character note written before the fit
 * would widen column A to its limit and push the figures and the chart off screen; written after
 * it, each line runs on over the empty cells to its right.
 */
export class Lines {
  private readonly todo: [Excel.Range, string[][]][] = [];

  constructor(readonly sheet: Excel.Worksheet) {}

  /** `texts` down column A from 0-based `row`, one a row; the range, to format now. */
  add(row: number, texts: string[]): Excel.Range {
    const range = this.sheet.getRange(blockAddress(row, 0, texts.length, 1));
    this.todo.push([range, texts.map((t) => [t])]);
    return range;
  }

  write(): void {
    for (const [range, rows] of this.todo) writeText(range, rows);
  }
}

export function writeTitle(lines: Lines, title: string, subtitle: string): void {
  const t = lines.add(0, [title]);
  t.format.font.bold = true;
  t.format.font.size = 14;
  t.format.font.color = TITLE_COLOR;
  const s = lines.add(1, [subtitle]);
  s.format.font.italic = true;
  s.format.font.color = '#595959';
}

/** Rows a chart takes (about 400 pixels at the default height) and columns (about 640). */
export const CHART_ROWS = 21;
const CHART_COLUMNS = 10;

/**
 * Places `chart` from 0-based `row`, one blank column right of a block `columns` wide starting in
 * column A, so that it covers none of the block's cells.
 */
export function placeChart(chart: Excel.Chart, row: number, columns: number): void {
  const left = columns + 1;
  chart.setPosition(blockAddress(row, left, 1, 1), blockAddress(row + CHART_ROWS - 1, left + CHART_COLUMNS - 1, 1, 1));
}

/**
 * An Excel table at 0-based `row` and `column` (A by default): the header (text) and the body with
 * `formats`, one per body cell (by default text for a string, General for a number), set before the
 * values ({@link writeCells}).
 */
export function addTable(
  sheet: Excel.Worksheet,
  name: string,
  row: number,
  header: string[],
  body: Cell[][],
  formats: string[][] = body.map((r) => r.map((v) => (typeof v === 'string' ? '@' : 'General'))),
  column = 0,
): Excel.Table {
  const address = blockAddress(row, column, body.length + 1, header.length);
  writeCells(sheet.getRange(address), [header, ...body], [header.map(() => '@'), ...formats]);
  const table = sheet.tables.add(address, true);
  table.name = name;
  table.style = 'TableStyleMedium2';
  return table;
}

/** Fits the columns to the tables and figures written so far, then writes the `lines` ({@link Lines}). */
export function finish(lines: Lines, opts: WorkbookOptions): void {
  if (opts.supports('1.2')) lines.sheet.getUsedRange().format.autofitColumns();
  lines.write();
  lines.sheet.activate();
}

/**
 * The plan on a new sheet: title, the plan table (section, item, value, explanation) with a number
 * format per row, then the audit trail table and the warnings.
 */
export async function writePlanSheet(
  ctx: Excel.RequestContext,
  view: PlanView,
  opts: WorkbookOptions,
): Promise<string> {
  const { sheet, name, key } = await newSheet(ctx, 'ALVH plan', opts.stamp, ['AlvhPlan', 'AlvhAudit']);
  const lines = new Lines(sheet);
  writeTitle(lines, `ALVH plan ${view.date}`, view.headline);

  const top = 3;
  addTable(
    sheet,
    `AlvhPlan_${key}`,
    top,
    ['Section', 'Item', 'Value', 'Explanation'],
    view.rows.map((r) => [r.section, r.label, r.value, r.note]),
    // A date row's value is ISO text in a '@' cell (its format), set before the value is written.
    view.rows.map((r) => ['@', '@', excelFormat(r.format, r.unit), '@']),
  );
  if (view.rows.length > 0) {
    sheet.getRange(blockAddress(top + 1, 2, view.rows.length, 1)).format.horizontalAlignment = 'Right';
  }

  let next = top + view.rows.length + 3;
  if (view.audit.length > 0) {
    lines.add(next - 1, ['Audit trail (rules that fired, in order)']).format.font.bold = true;
    addTable(
      sheet,
      `AlvhAudit_${key}`,
      next,
      ['Rule', 'Inputs', 'Effect'],
      view.audit.map((a) => [a.rule, a.inputs, a.effect]),
    );
    next += view.audit.length + 3;
  }
  if (view.warnings.length > 0) {
    const w = lines.add(next - 1, ['Warnings', ...view.warnings]);
    w.format.font.color = '#9C0006';
    sheet.getRange(blockAddress(next - 1, 0, 1, 1)).format.font.bold = true;
  }
  finish(lines, opts);
  await ctx.sync();
  return name;
}

/**
 * The stress grid on a new sheet: SPX move down the rows, VIX level across, total P&L in USD,
 * coloured as a heatmap (a three-colour scale, red for losses through white at 0 to green, on a
 * scale symmetric about 0: ±M, M the block's largest |P&L|).
 */
export async function writeStressSheet(
  ctx: Excel.RequestContext,
  view: StressView,
  opts: WorkbookOptions,
): Promise<string> {
  const { sheet, name } = await newSheet(ctx, 'ALVH stress', opts.stamp);
  const lines = new Lines(sheet);
  writeTitle(lines, view.title, `${view.rowHeader} down, ${view.colHeader} across; total book P&L in USD`);

  const rows = view.rowLabels.length;
  const cols = view.colLabels.length;
  let top = 3;
  for (const slice of view.slices) {
    lines.add(top, [slice.label]).format.font.bold = true;
    const header = sheet.getRange(blockAddress(top + 1, 0, 1, cols + 1));
    // Text: a General cell would turn the VIX labels into numbers and "+5%" into 5%.
    writeText(header, [[`${view.rowHeader} \\ ${view.colHeader}`, ...view.colLabels]]);
    header.format.font.bold = true;
    header.format.font.color = '#FFFFFF';
    header.format.fill.color = HEADER_FILL;
    const labels = sheet.getRange(blockAddress(top + 2, 0, rows, 1));
    writeText(
      labels,
      view.rowLabels.map((l) => [l]),
    );
    labels.format.font.bold = true;

    const body = sheet.getRange(blockAddress(top + 2, 1, rows, cols));
    writeCells(
      body,
      slice.values,
      slice.values.map((r) => r.map(() => excelFormat('usd'))),
    );
    const maxAbs = Math.max(0, ...slice.values.flat().map(Math.abs));
    if (opts.supports('1.6')) {
      // Ends at ±M, not at the lowest and highest values: with Lowest/Highest a +$3.8k best cell
      // would be as deep a green as a −$24k worst cell is red. (M = 0: every cell is 0 and white.)
      const m = String(maxAbs > 0 ? maxAbs : 1);
      const cf = body.conditionalFormats.add('ColorScale');
      cf.colorScale.criteria = {
        minimum: { type: 'Number', formula: `-${m}`, color: '#F8696B' },
        midpoint: { type: 'Number', formula: '0', color: '#FFFFFF' },
        maximum: { type: 'Number', formula: m, color: '#63BE7B' },
      };
    } else {
      slice.values.forEach((r, i) =>
        r.forEach((v, j) => {
          sheet.getRange(blockAddress(top + 2 + i, 1 + j, 1, 1)).format.fill.color = heatColor(v, maxAbs);
        }),
      );
    }
    top += rows + 4;
  }
  if (view.notes.length > 0) {
    // What the grid does not follow of its input (a plan's positions held), below the slices.
    lines.add(top, ['Notes on this grid', ...view.notes]);
  }
  finish(lines, opts);
  await ctx.sync();
  return name;
}

/**
 * What the histogram leaves out, as a table at 0-based `row` (its rows: returned): the paths of
 * each book in the bins, below and above them, and each book's lowest and highest path P&L; so the
 * counts add up to the run's paths on the sheet itself.
 */
function writeTails(sheet: Excel.Worksheet, view: HistogramView, row: number, key: string): number {
  const t = view.tails;
  const cut = Number.isFinite(t.low);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const body: [string, number | undefined, number | undefined, string][] = [
    ['Paths in the bins', sum(view.condor), sum(view.alvh), '#,##0'],
    [
      cut ? `Paths below ${formatValue(t.low, 'usd')} (not in the bins)` : 'Paths below the bins',
      t.below[0],
      t.below[1],
      '#,##0',
    ],
    [
      cut ? `Paths above ${formatValue(t.high, 'usd')} (not in the bins)` : 'Paths above the bins',
      t.above[0],
      t.above[1],
      '#,##0',
    ],
    ['Lowest path P&L (USD)', t.lowest[0], t.lowest[1], excelFormat('usd')],
    ['Highest path P&L (USD)', t.highest[0], t.highest[1], excelFormat('usd')],
  ];
  addTable(
    sheet,
    `AlvhMcTails_${key}`,
    row,
    ['Paths beyond the bins', 'Unhedged condor', 'ALVH book'],
    body.map(([label, c, a]) => [label, c ?? '', a ?? '']),
    body.map(([, , , f]) => ['@', f, f]),
  );
  return body.length + 1;
}

/**
 * The Monte Carlo run on a new sheet: a statistics table for both books (with the standard errors
 * the summary gives, a column each), the histogram table
 * (bin centre, unhedged condor count, ALVH book count) under a line saying what the bins span, a
 * clustered column chart of it, and a table of the paths beyond the bins (the 0.5th-99.5th
 * percentile body leaves some out) with each book's lowest and highest path P&L.
 */
export async function writeMonteCarloSheet(
  ctx: Excel.RequestContext,
  view: HistogramView,
  opts: WorkbookOptions,
): Promise<string> {
  const { sheet, name, key } = await newSheet(ctx, 'ALVH MC', opts.stamp, ['AlvhMcStats', 'AlvhMcHist', 'AlvhMcTails']);
  const lines = new Lines(sheet);
  writeTitle(
    lines,
    `Monte Carlo P&L, ${monteCarloRunWords(view)}`,
    `${view.valuationDate ? `Valuation date ${view.valuationDate}: u` : 'U'}nhedged condor against the ALVH book`,
  );

  const top = 3;
  addTable(
    sheet,
    `AlvhMcStats_${key}`,
    top,
    ['Statistic', 'Unhedged condor', 'ALVH book', 'Unhedged condor, std. error', 'ALVH book, std. error'],
    // The standard errors as numbers in columns of their own (blank where the summary gives none),
    // so that the figures stay numbers: the page shows them "x ± se".
    view.stats.map((s) => [
      s.label,
      s.condor ?? 'n/a',
      s.alvh ?? 'n/a',
      ...(s.stdErrors ?? [null, null]).map((e) => e ?? ''),
    ]),
    view.stats.map((s) => [
      '@',
      ...[s.condor, s.alvh, ...(s.stdErrors ?? [null, null])].map((v) => (v === null ? '@' : excelFormat(s.format))),
    ]),
  );

  const histTop = top + view.stats.length + 3;
  const n = view.binLabels.length;
  const t = view.tails;
  lines.add(histTop - 1, [
    Number.isFinite(t.low)
      ? `Bins span ${formatValue(t.low, 'usd')} to ${formatValue(t.high, 'usd')} (0.5th-99.5th percentile of both books); the paths beyond are counted below the table`
      : 'Bins span every path',
  ]);
  const histHeader = ['P&L bin (USD)', 'Unhedged condor', 'ALVH book'];
  addTable(
    sheet,
    `AlvhMcHist_${key}`,
    histTop,
    histHeader,
    // Bin labels as text in '@' cells (a General cell would read "-$40,000" as the number -40000),
    // so the chart takes them as categories rather than as a third series.
    view.binLabels.map((b, i) => [formatValue(b, 'usd'), view.condor[i] ?? 0, view.alvh[i] ?? 0]),
    eachRow(n, ['@', '#,##0', '#,##0']),
  );

  const data = sheet.getRange(blockAddress(histTop, 0, n + 1, histHeader.length));
  const chart = sheet.charts.add('ColumnClustered', data, 'Columns');
  chart.title.text = `P&L at the condor expiry: unhedged condor vs ALVH book (${view.measure})`;
  chart.legend.position = 'Bottom';
  chart.axes.categoryAxis.title.text = 'P&L at the horizon (USD, bin centre)';
  chart.axes.valueAxis.title.text = 'Paths';
  // Beside the histogram it plots: the line above the table runs on to the right without passing under it.
  placeChart(chart, histTop, histHeader.length);
  const tailsTop = histTop + n + 2;
  const tailRows = writeTails(sheet, view, tailsTop, key);
  if (view.notes.length > 0) {
    // The model's known biases from this start and what the figures say, below the tails table and
    // the chart (one sentence a row).
    lines.add(Math.max(tailsTop + tailRows, histTop + CHART_ROWS) + 1, ['Notes on this run', ...view.notes]);
  }
  finish(lines, opts);
  await ctx.sync();
  return name;
}

/** The selected range's values (for "Read from selection"). */
export async function readSelection(ctx: Excel.RequestContext): Promise<unknown[][]> {
  const range = ctx.workbook.getSelectedRange();
  range.load('values');
  await ctx.sync();
  return range.values as unknown[][];
}
