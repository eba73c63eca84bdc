/**
 * The surface, hedge and frontier views in the workbook, one new sheet per run as the plan, stress
 * and Monte Carlo writers do (workbook.ts): Excel tables with number formats, and an XY scatter
 * chart of the smile shown and of the frontier. ExcelApi 1.1 (tables, charts, number formats).
 */
import { excelFormat, inMeasure } from '../common/views';
import { SURFACE_COLUMNS, surfaceRow } from '../common/surfaceColumns';
import type { SmileView, SurfaceView } from '../common/surfaceView';
import { arbitrageText, leftOutText } from '../common/surfaceView';
import { sideText, type OrdersView, type StructuresView } from '../common/hedgeViews';
import {
  frontierColumns,
  FRONTIER_X,
  frontierChartBlock,
  frontierRunWords,
  frontierTable,
  type FrontierView,
} from '../common/frontierViews';
import {
  addTable,
  blockAddress,
  CHART_ROWS,
  eachRow,
  finish,
  Lines,
  placeChart,
  writeCells,
  writeTitle,
} from './workbook';
import type { WorkbookOptions } from './workbook';
import { newSheet } from './workbookRun';

function bold(lines: Lines, row: number, text: string): void {
  lines.add(row, [text]).format.font.bold = true;
}

/** The number formats of a surface row, in the order of SURFACE_COLUMNS: the expiry a date. */
const SURFACE_FORMATS = [
  'yyyy-mm-dd',
  '#,##0.00',
  '0.00%',
  ...Array<string>(5).fill('0.0000'),
  '0.00',
  '0.0000',
  '0.0000',
];
const WING_FORMATS = ['0.0000', '0.0000', '0.0000'];

/**
 * The surface on a new sheet: the table ALVH.SURFACE spills (its columns and values, one row per
 * expiry, so that its body passed to ALVH.VOL marks as the surface does), and beside it the fit's
 * quality (share inside the bid-ask, quotes, far wings inside the bid-ask), the arbitrage report,
 * and the smile shown in the page (log-moneyness, mid, bid and ask vols, the fit) with an XY
 * scatter chart of it.
 */
export async function writeSurfaceSheet(
  ctx: Excel.RequestContext,
  view: SurfaceView,
  smile: SmileView | undefined,
  opts: WorkbookOptions,
): Promise<string> {
  const { sheet, name, key } = await newSheet(ctx, 'ALVH surface', opts.stamp, [
    'AlvhSurface',
    'AlvhSurfaceFit',
    'AlvhSmile',
  ]);
  const lines = new Lines(sheet);
  writeTitle(lines, `SPX surface: ${view.label}`, arbitrageText(view.arbitrage));
  const top = 3;
  const n = view.expiries.length;
  addTable(
    sheet,
    `AlvhSurface_${key}`,
    top,
    [...SURFACE_COLUMNS],
    view.expiries.map((e) => surfaceRow({ ...e, atmVol: e.atmVol / 100 })),
    eachRow(n, [...SURFACE_FORMATS, ...WING_FORMATS, ...WING_FORMATS]),
  );
  // The fit's quality beside it, one blank column right: not in the SURFACE table, whose body is ALVH.VOL's surface.
  addTable(
    sheet,
    `AlvhSurfaceFit_${key}`,
    top,
    ['Inside bid-ask (%)', 'Quotes', 'Far wings inside bid-ask (%)'],
    view.expiries.map((e) => [e.insideSpreadPct ?? '', e.quotes ?? '', e.wingInsideSpreadPct ?? '']),
    eachRow(n, ['0.0', '#,##0', '0.0']),
    SURFACE_COLUMNS.length + 1,
  );
  let next = top + n + 3;
  const notes = [...view.warnings, leftOutText(view.leftOut)].filter((w) => w !== '');
  if (notes.length > 0) {
    lines.add(next - 1, notes);
    next += notes.length + 1;
  }
  if (smile && smile.points.length > 0) {
    bold(
      lines,
      next - 1,
      `Smile ${smile.expiry} (${smile.root}, forward ${smile.forward.toFixed(2)}): vols in vol points`,
    );
    // ln(K/F) first and the four vol series beside it: an XY scatter takes the first column as x.
    const header = ['ln(K/F)', 'Mid vol', 'Bid vol', 'Ask vol', 'Surface vol', 'Strike'];
    addTable(
      sheet,
      `AlvhSmile_${key}`,
      next,
      header,
      smile.points.map((p) => [p.k, p.mid, p.bid ?? '', p.ask ?? '', p.fit, p.strike]),
      eachRow(smile.points.length, ['0.0000', '0.00', '0.00', '0.00', '0.00', '#,##0']),
    );
    const rows = smile.points.length;
    const chart = sheet.charts.add('XYScatter', sheet.getRange(blockAddress(next, 0, rows + 1, 5)), 'Columns');
    chart.title.text = `Smile ${smile.expiry}: implied vol (vol pts) by log-moneyness`;
    chart.axes.categoryAxis.title.text = 'ln(K / F)';
    chart.axes.valueAxis.title.text = 'Implied vol (vol points)';
    chart.legend.position = 'Bottom';
    placeChart(chart, next, header.length);
  }
  finish(lines, opts);
  await ctx.sync();
  return name;
}

const ORDER_HEADERS = [
  'Leg',
  'Side',
  'Quantity',
  'Model mid (pts)',
  'Limit on tick (pts)',
  'Bid',
  'Ask',
  'Cost at mid (USD, + debit)',
  'Why',
  'Note',
];

/**
 * The orders under their heading at row `at`: the orders to send, or none when the positions equal
 * the plan; when the book is held between rebalances, none with the reason, and the orders set
 * aside for the next rebalance (side "buy to open (deferred)") with their net cost under them, as
 * ALVH.ORDERS lists them.
 */
function writeOrders(lines: Lines, name: string, at: number, orders: OrdersView): void {
  const sheet = lines.sheet;
  const d = orders.deferred;
  const heading =
    d !== undefined
      ? `Orders: none (${d.reason}); deferred to the next rebalance:`
      : orders.rows.length === 0
        ? 'Orders: none (the positions equal the plan)'
        : 'Orders';
  bold(lines, at - 1, heading);
  const rows = d?.rows ?? orders.rows;
  if (rows.length === 0) return;
  addTable(
    sheet,
    name,
    at,
    ORDER_HEADERS,
    rows.map((o) => [
      o.leg,
      sideText(o, d !== undefined),
      o.quantity,
      o.mid,
      o.limit,
      o.bid ?? '',
      o.ask ?? '',
      o.cost,
      o.why,
      o.note ?? '',
    ]),
    eachRow(rows.length, ['@', '@', '#,##0', '0.00', '0.00', '0.00', '0.00', excelFormat('usd'), '@', '@']),
  );
  if (d === undefined) return;
  const cost = ORDER_HEADERS.indexOf('Cost at mid (USD, + debit)');
  writeCells(
    sheet.getRange(blockAddress(at + rows.length + 1, 0, 1, cost + 1)),
    [['deferred net cost', ...Array.from({ length: cost - 1 }, () => ''), d.netCost]],
    [['@', ...Array.from({ length: cost - 1 }, () => '@'), excelFormat('usd')]],
  );
}

/** The tail structures and, when positions were given, the orders, on a new sheet. */
export async function writeHedgeSheet(
  ctx: Excel.RequestContext,
  structures: StructuresView,
  orders: OrdersView | undefined,
  opts: WorkbookOptions,
): Promise<string> {
  const { sheet, name, key } = await newSheet(ctx, 'ALVH hedge', opts.stamp, ['AlvhStructures', 'AlvhOrders']);
  const lines = new Lines(sheet);
  const date = structures.valuationDate;
  writeTitle(lines, `Tail structures and orders${date ? `, valuation date ${date}` : ''}`, structures.summary);
  const top = 3;
  const rows = structures.rows;
  const usd = excelFormat('usd');
  addTable(
    sheet,
    `AlvhStructures_${key}`,
    top,
    [
      'Structure',
      'Best within budget',
      'Units (rule)',
      'Cost incl. fees (USD)',
      'Cost per unit incl. fees (USD)',
      'Coverage',
      'Gain per $ (drawdown)',
      ...structures.analogLabels.map((l) => `Gain per $ (${l})`),
      'Units within budget',
      'Loss bounded by premium',
      'Why it cannot cover',
    ],
    rows.map((r) => [
      r.structure,
      r.best ? 'yes' : '',
      r.units ?? 'cannot cover',
      r.cost ?? '',
      r.premium,
      r.coverage ?? '',
      r.perDollar,
      ...r.analogs,
      r.withinBudget.units,
      r.lossBoundedByPremium ? 'yes' : 'no',
      r.noSolution ?? '',
    ]),
    eachRow(rows.length, [
      '@',
      '@',
      '#,##0',
      usd,
      usd,
      '0.0%',
      '0.00',
      ...structures.analogLabels.map(() => '0.00'),
      '#,##0',
      '@',
      '@',
    ]),
  );
  if (orders) writeOrders(lines, `AlvhOrders_${key}`, top + rows.length + 3, orders);
  finish(lines, opts);
  await ctx.sync();
  return name;
}

/**
 * The frontier on a new sheet: a table of its points, under it the notes the page shows (what
 * limits the answer, the model's biases from its start), and an XY scatter of downside risk
 * against cost. `start` says where its model started, as the page's title does (frontierStart).
 */
export async function writeFrontierSheet(
  ctx: Excel.RequestContext,
  view: FrontierView,
  opts: WorkbookOptions,
  start = '',
): Promise<string> {
  const { sheet, name, key } = await newSheet(ctx, 'ALVH frontier', opts.stamp, ['AlvhFrontier']);
  const lines = new Lines(sheet);
  const run = frontierRunWords(view, start);
  writeTitle(
    lines,
    'Budget frontier: downside risk against hedge cost',
    `${view.valuationDate ? `Valuation date ${view.valuationDate}; ` : ''}CVaR 95 of the paths where SPX falls, P&L in USD (loss < 0)${run ? `; ${run}` : ''}`,
  );
  const top = 3;
  const rows = frontierTable(view).map((r) => r.cells.map((c) => c ?? ''));
  const usd = excelFormat('usd');
  const header = [...frontierColumns(view), 'Point'];
  addTable(
    sheet,
    `AlvhFrontier_${key}`,
    top,
    header,
    rows,
    eachRow(rows.length, [usd, usd, usd, usd, usd, '@', '@', '@', '@']),
  );
  // Below the table and the chart beside it, so that no line runs on under the chart.
  let at = Math.max(top + rows.length + 1, top + CHART_ROWS) + 2;
  if (view.notes.length > 0) {
    // What limits the answer and the model's biases, under the table as on the page (one sentence a row).
    bold(lines, at - 1, 'Notes on this run');
    lines.add(at, view.notes);
    at += view.notes.length + 2;
  }
  // The chart's own block under the table: x, then one column a series (the frontier, each marked book).
  const block = frontierChartBlock(view);
  bold(
    lines,
    at - 1,
    `Chart data: what each series costs before fees, then its ${inMeasure('CVaR 95 down (P&L, USD)', view.measure)}`,
  );
  const source = sheet.getRange(blockAddress(at, 0, block.rows.length + 1, block.header.length));
  writeCells(
    source,
    [block.header, ...block.rows.map((r) => r.map((c) => c ?? ''))],
    [
      block.header.map(() => '@'),
      ...eachRow(
        block.rows.length,
        block.header.map(() => usd),
      ),
    ],
  );
  sheet.getRange(blockAddress(at, 0, 1, block.header.length)).format.font.bold = true;
  const chart = sheet.charts.add('XYScatter', source, 'Columns');
  chart.title.text = `Downside risk (CVaR 95, P&L) by hedge cost before fees${view.measure ? `, ${view.measure} measure` : ''}`;
  chart.axes.categoryAxis.title.text = FRONTIER_X;
  chart.axes.valueAxis.title.text = inMeasure('CVaR 95 of down paths (P&L, USD)', view.measure);
  // One series a column: the legend names the frontier and the marked books.
  chart.legend.visible = block.header.length > 2;
  chart.legend.position = 'Bottom';
  placeChart(chart, top, header.length);
  finish(lines, opts);
  await ctx.sync();
  return name;
}
