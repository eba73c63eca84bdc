/**
 * The hedge views in the page: the tail structures table (best within the budget marked), the
 * order list from the positions held (or, the book held between rebalances, the orders deferred to
 * the next one), and the budget frontier (an SVG chart of downside risk
 * against cost, the plan, the literal rule and the plan's cheapest match marked, and its table).
 */
import type { Plan } from '@alvh/shared';
import { formatValue, inMeasure } from '../common/views';
import { presentOrders, sideText, whyText, type OrdersView, type StructuresView } from '../common/hedgeViews';
import {
  frontierColumns,
  FRONTIER_X,
  frontierRunWords,
  frontierTable,
  type FrontierView,
} from '../common/frontierViews';
import { byId, el, renderNotes, scrollToResult } from './render';
import { drawChart } from './svgChart';
import type { WorkbookOptions } from './workbook';
import { writeHedgeSheet } from './workbookViews';

/** The structures and orders shown, for the "To a sheet" button. */
let shown: { structures: StructuresView; orders: OrdersView | undefined } | undefined;

const usd = (x: number): string => formatValue(x, 'usd');
const pts = (x: number | null): string => (x === null ? '—' : formatValue(x, 'points'));
const ratio = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');

function table(id: string, head: string[], rows: (string | HTMLElement)[][], rowClass?: (i: number) => string): void {
  const t = byId<HTMLTableElement>(id);
  const thead = el('thead');
  const hr = el('tr');
  for (const h of head) hr.append(el('th', { scope: 'col' }, h));
  thead.append(hr);
  const body = el('tbody');
  rows.forEach((r, i) => {
    const tr = el('tr');
    const cls = rowClass?.(i);
    if (cls) tr.className = cls;
    r.forEach((c, j) => {
      const cell = j === 0 ? el('th', { scope: 'row' }) : el('td');
      cell.append(c);
      tr.append(cell);
    });
    body.append(tr);
  });
  t.replaceChildren(thead, body);
}

/**
 * The tail structures side by side and the plan's orders (when positions were pasted or a rebalance
 * is due), with the bid / ask of the chain fitted on the Surface tab (planExtras.ts quotedPlan).
 */
export function renderHedge(s: StructuresView, p: Pick<Plan, 'orders' | 'valuationDate'>): void {
  const orders = presentOrders(p.orders);
  shown = { structures: s, orders };
  byId('structures-title').textContent =
    `(${s.coverageRule}× coverage of the ${usd(s.loss)} drawdown P&L; tail budget ${usd(s.tailBudget)})`;
  byId('structures-summary').textContent = s.summary;
  byId('structures-cover').textContent = s.coverWords;
  byId('structures-notes').replaceChildren(
    ...s.rows.flatMap((r) => (r.noSolution === null ? [] : [el('li', {}, `${r.structure}: ${r.noSolution}`)])),
  );
  table(
    'structures-table',
    [
      'Structure',
      'Units (rule)',
      'Cost incl. fees (USD)',
      'Cost / unit incl. fees (USD)',
      'Coverage',
      'Gain per $ (drawdown)',
      ...s.analogLabels.map((l) => `Gain per $ (${l})`),
      'Within budget',
    ],
    s.rows.map((r) => {
      const name = el('span', { title: r.description }, r.structure);
      const cell = el('span');
      cell.append(name);
      if (r.best) cell.append(el('strong', { class: 'best' }, ' ★ best within budget'));
      return [
        cell,
        r.units === null ? 'cannot cover (below)' : formatValue(r.units, 'integer'),
        r.cost === null ? '—' : usd(r.cost),
        usd(r.premium),
        r.coverage === null ? '—' : formatValue(r.coverage, 'pct'),
        ratio(r.perDollar),
        ...r.analogs.map(ratio),
        `${r.withinBudget.units} unit${r.withinBudget.units === 1 ? '' : 's'}, ${usd(r.withinBudget.cost)}, ${formatValue(r.withinBudget.coverage, 'pct')}`,
      ];
    }),
    (i) => (s.rows[i]?.best ? 'best-row' : ''),
  );
  const box = byId('orders-box');
  box.hidden = orders === undefined;
  if (orders) renderOrders(orders);
  byId('hedge-result').hidden = false;
}

const plural = (n: number): string => `${n} order${n === 1 ? '' : 's'}`;

/**
 * The orders table: the orders to send or, when the book is held between rebalances, none and the
 * orders set aside for the next rebalance (their side "buy to open (deferred)"), as ALVH.ORDERS lists
 * them; a limit outside the quote says so after the why.
 */
function renderOrders(orders: OrdersView): void {
  const d = orders.deferred;
  const n = orders.rows.length;
  byId('orders-title').textContent =
    d !== undefined
      ? `(none; ${plural(d.rows.length)} deferred to the next rebalance, deferred net cost ${usd(d.netCost)}, + debit)`
      : n === 0
        ? '(none: the positions held equal the plan)'
        : `(${plural(n)}; net cost ${usd(orders.netCost)}, + debit)`;
  byId('orders-note').textContent =
    d === undefined
      ? ''
      : `None: ${d.reason}. The orders below would take it to today's sizing: they are set aside for the next rebalance.`;
  const rows = [...orders.rows.map((o) => ({ o, later: false })), ...(d?.rows ?? []).map((o) => ({ o, later: true }))];
  table(
    'orders-table',
    [
      'Leg',
      'Side',
      'Quantity',
      'Model mid (pts)',
      'Limit on tick (pts)',
      'Bid / ask (pts)',
      'Cost at mid (USD, + debit)',
      'Why',
    ],
    rows.map(({ o, later }) => [
      o.leg,
      sideText(o, later),
      formatValue(o.quantity, 'integer'),
      pts(o.mid),
      pts(o.limit),
      o.bid === null && o.ask === null ? '—' : `${pts(o.bid)} / ${pts(o.ask)}`,
      usd(o.cost),
      whyText(o),
    ]),
    (i) => (rows[i]?.later ? 'deferred-row' : ''),
  );
  // No order and none deferred: the title says "none", and a table of headings alone says nothing more.
  byId('orders-table').hidden = rows.length === 0;
}

/**
 * The "To a sheet" button of the structures (Excel only): the structures and orders shown go to a
 * new sheet. A button, not part of the Plan run, so the plan sheet stays one sheet per Plan.
 */
export function wireHedgeSheet(
  toWorkbook: (
    write: (ctx: Excel.RequestContext, opts: WorkbookOptions) => Promise<string>,
  ) => Promise<string | undefined>,
): void {
  byId('hedge-to-sheet').addEventListener('click', () => {
    const now = shown;
    if (!now) return;
    void toWorkbook((ctx, opts) => writeHedgeSheet(ctx, now.structures, now.orders, opts)).then((name) => {
      byId('hedge-note').textContent = name ? `Written to sheet "${name}".` : '';
    });
  });
}

type ChartMarker = NonNullable<Parameters<typeof drawChart>[1]['markers']>[number];

/** The frontier's marked books as chart markers: the plan, the literal rule, the cheapest match of the plan. */
function frontierMarkers(view: FrontierView): ChartMarker[] {
  const { plan, rule } = view;
  const out: ChartMarker[] = [];
  if (plan)
    out.push({ at: { x: plan.cost, y: plan.cvar95Down }, label: 'plan', className: 'mark-plan', shape: 'diamond' });
  if (rule)
    out.push({
      at: { x: rule.cost, y: rule.cvar95Down },
      label: 'literal rule',
      className: 'mark-literal',
      shape: 'diamond',
    });
  if (plan?.match)
    out.push({
      at: { x: plan.match.cost, y: plan.match.cvar95Down },
      label: "plan's risk, least cost",
      className: 'mark-chosen',
      shape: 'ring',
      labelBelow: true, // often beside the plan's own marker: its label goes under, the plan's over
    });
  return out;
}

/**
 * Draws the frontier chart and table; `start` says where its model started (the title's last words):
 * the frontier takes no VIX history, so it starts from today's VIX whatever the closes box holds.
 * The result is brought into view from its title.
 * Every series of the chart is at what it costs before fees: each budget's best mix (its budget is
 * in the table) as the plan, the literal rule and the cheapest match, so they compare on one x.
 */
export function renderFrontier(view: FrontierView, start = ''): void {
  const line = view.points.map((p) => ({ x: p.cost, y: p.cvar95Down }));
  const k = (x: number): string => `${(x / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })}k`;
  drawChart(byId('frontier-chart'), {
    title: `Budget frontier${view.measure ? ` (${view.measure} measure)` : ''}: CVaR 95 of the down paths (P&L, USD) against what the hedges cost before fees (USD): the best mix within each of ${view.points.length} budgets, the plan, the literal rule and the plan's cheapest match`,
    xLabel: FRONTIER_X,
    yLabel: inMeasure('CVaR 95 down, P&L (USD)', view.measure),
    xFormat: k,
    yFormat: k,
    lines: [{ points: line, className: 'frontier-line' }],
    dots: [{ points: line, className: 'frontier-dots', r: 3 }],
    markers: frontierMarkers(view),
  });
  byId('frontier-title').textContent = frontierRunWords(view, start);
  renderNotes('frontier-notes', view.notes);
  const rows = frontierTable(view);
  table(
    'frontier-table',
    [...frontierColumns(view), ''],
    rows.map((r) => r.cells.map((c) => (typeof c === 'number' ? usd(c) : (c ?? '—')))),
    (i) => rows[i]?.className ?? '',
  );
  byId('frontier-result').hidden = false;
  scrollToResult('frontier-result');
}
