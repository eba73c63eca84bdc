/**
 * The plan's hedges as a trader acts on them (ALVH-METHOD section 10): ALVH.ORDERS, the orders from
 * the positions held to the plan's legs, and ALVH.STRUCTURES, the five tail structures side by side.
 * Both read the same two-column inputs as ALVH.PLAN.
 */
import {
  invalidInput,
  MAX_POSITION_ROWS,
  readPositions,
  sheetError,
  TOO_MANY_POSITION_ROWS,
  type Leg,
  type Order,
  type Plan,
} from '@alvh/shared';
import { isMissing, widestRow } from './args';
import { excelCall } from './excelErrors';
import { planFromRange } from './plan';
import { addChains, chainWords } from './planChains';
import { checkRowCount } from './rangeSize';
import { presentPlan } from '../common/present';
import { objectCellText } from '../common/views';

export const ORDERS_HEADERS = [
  'side',
  'quantity',
  'contract',
  'expiry',
  'strike',
  'type',
  'held',
  'target',
  'mid (points)',
  'limit on tick (points)',
  'bid (points)',
  'ask (points)',
  'cost at mid (USD)',
  'why',
  'note',
] as const;

export const STRUCTURES_HEADERS = [
  'structure',
  'one unit',
  'premium incl. fees (USD; a future: capital at risk)',
  'value in scenario (USD; a future: its P&L)',
  'gain after fees (USD; a future: P&L less carry and fees)',
  'gain per $',
  'units for the rule (on the gain after fees)',
  'cost for the rule (USD)',
  'units in budget',
  'cost in budget (USD)',
  'coverage in budget',
  ...['per $ 2018-12-24', 'per $ 2020-03-12', 'per $ 2025-04-08'],
] as const;

const LEG_FIELDS = ['', '.kind', '.type', '.strike', '.expiry', '.quantity'];

/**
 * The held legs of the positions argument: broker CSV text in one cell, or rows of symbol, quantity
 * (further columns, such as an average price, are not read; a second option symbol in a row is
 * refused). For rows, `names` learns each leg's row within the range, so that the plan's
 * refusal of `positions[i].strike` names the sheet's row (`positions row 4`), header and blank rows
 * counted. A range of one column (symbols without quantities) is refused as such.
 */
function heldLegs(valuationDate: string, positions: unknown, names: Record<string, string>): Leg[] | string {
  if (isMissing(positions)) return [];
  // the rows' limit from the range's size, before a million rows are read
  checkRowCount('positions', positions, MAX_POSITION_ROWS, 'rows', TOO_MANY_POSITION_ROWS);
  // an error cell (#N/A) as the text Excel shows, which the reader names as a formula's error
  const value = (c: unknown): unknown => objectCellText(c) ?? c;
  const row = (r: unknown[]): unknown[] => (r.some((c) => typeof c === 'object' && c !== null) ? r.map(value) : r);
  const rows: unknown[][] = Array.isArray(positions)
    ? positions.map((r: unknown) => row(Array.isArray(r) ? (r as unknown[]) : [r]))
    : [[value(positions)]];
  // a range selected longer than the positions: its empty rows at the end are no rows
  while (rows.length > 1 && rows[rows.length - 1]!.every(isMissing)) rows.pop();
  const only = rows.length === 1 && rows[0]?.length === 1 ? rows[0][0] : undefined;
  const error = sheetError(only);
  if (error !== undefined)
    throw invalidInput(
      'positions',
      `is ${error} (a formula's error)`,
      'fix the formula, or select the positions range',
    );
  // one cell of text holding a whole export (several lines, or a symbol with its quantity)
  if (typeof only === 'string' && /[\r\n,;\t]/.test(only)) return only;
  // symbols without their quantities (a column, or one cell of a symbol alone): the range, not a line's blank quantity
  if (widestRow(rows) < 2)
    throw invalidInput(
      'positions',
      'has 1 column',
      "select two columns: symbol, then quantity (signed); or paste the broker's CSV text in one cell",
    );
  return readPositions({ valuationDate, positions: rows }).map((h, i) => {
    for (const f of LEG_FIELDS) names[`positions[${i}]${f}`] = `positions row ${h.line}`;
    return h.leg;
  });
}

/**
 * One order as a row of ORDERS_HEADERS: its side with its effect ("sell to close"), `tag` marking a
 * deferred one; the chain's bid and ask when the plan was given a chain that quotes the contract
 * (blank cells when not), and the note of a limit outside them.
 */
function orderRow(o: Order, tag: string): unknown[] {
  return [
    `${o.side} to ${o.effect}${tag}`,
    o.quantity,
    o.contract,
    o.leg.expiry,
    o.leg.strike,
    o.leg.type,
    o.held,
    o.target,
    o.mid,
    o.limit,
    o.bid ?? '',
    o.ask ?? '',
    o.cost,
    o.rounding === undefined ? o.why : `${o.why} (${o.rounding})`,
    o.note ?? '',
  ];
}

/**
 * The campaign after the orders (the plan's `campaign`), a row per input row of the next plan:
 * campaignBudget, paidOverlay, paidTail, each in the cost column with what it is.
 */
function campaignAfterRows(c: Plan['campaign'], blank: readonly unknown[]): unknown[][] {
  if (c === undefined) return [];
  const paid = 'net premium paid since the entry (buys − sales), these orders filled at mid: correct it with the fills';
  const rows: [string, number, string][] = [
    [
      'campaignBudget',
      c.budget,
      c.budgetFrom === 'set today'
        ? "set today: today's hedge budget opens the condor's campaign"
        : "given: the budget set at the condor's entry",
    ],
    ['paidOverlay', c.paid.overlay, `the overlay's ${paid}`],
    ['paidTail', c.paid.tail, `the tail's ${paid}`],
  ];
  return rows.map(([label, value, why]) => {
    const r = [...blank];
    r[0] = label;
    r[ORDERS_HEADERS.indexOf('cost at mid (USD)')] = value;
    r[ORDERS_HEADERS.indexOf('why')] = why;
    r[ORDERS_HEADERS.indexOf('note')] =
      'the next plan of this condor reads it as its inputs row; leave it out when the condor is opened, rolled or resized';
    return r;
  });
}

/**
 * The orders from the positions held to the plan's legs: buy or sell to open or close, root (held: its own; else the chain's, or SPX on third Fridays, SPXW other days), model mid, limit on the tick (buy down, sell up; within a chain's bid and ask), cost and the rule asking for it.
 * @customfunction ORDERS ORDERS
 * @helpurl https://localhost:3000/help.html#ORDERS
 * @param inputs Two columns, name then value, as ALVH.PLAN reads them.
 * @param positions The legs held: a range of rows symbol (SPXW 250523P03750, VIX 250521C00033000, the OCC form or SPXW 2025-05-23 3750 put), quantity (signed, whole; further columns are not read); or broker CSV text in one cell. Empty: nothing held.
 * @param [chain] The day's SPX option chain as ALVH.PLAN takes it: a range under a header row (expiry, strike, type, bid, ask), a cell of quotedata text or its ALVH.SURFACE spill; the orders' SPX legs are marked on its surface. Empty: the surface of VIX.
 * @param [vixChain] The day's VIX option chain, a range under a header row (root, expiry, strike, type, bid, ask) or a cell of quotedata text, as ALVH.PLAN takes it: the VIX legs are marked on its fit in place of the VVIX rule. Empty: the VVIX rule.
 * @returns Header, one row per order (bid, ask: the chain's quote; note: a limit outside it; none: nothing to trade), the net cost, orders deferred to the next rebalance, the next plan's campaign rows, then warnings.
 */
export function orders(
  inputs: unknown[][],
  positions?: unknown[][],
  chain?: unknown[][],
  vixChain?: unknown[][],
): unknown[][] {
  const names: Record<string, string> = {};
  return excelCall(() => {
    const result = planFromRange(inputs, (raw) => {
      const date = typeof raw['valuationDate'] === 'string' ? raw['valuationDate'] : '';
      raw['positions'] = date === '' ? [] : heldLegs(date, positions, names);
      addChains(raw, chain, vixChain);
    });
    const list = result.orders ?? { orders: [], netCost: 0 };
    const blank: unknown[] = ORDERS_HEADERS.map(() => '');
    const out: unknown[][] = [[...ORDERS_HEADERS]];
    for (const o of list.orders) out.push(orderRow(o, ''));
    const d = list.deferred;
    if (list.orders.length === 0)
      out.push([d === undefined ? 'none: the positions held equal the plan' : `none: ${d.reason}`, ...blank.slice(1)]);
    const net = [...blank];
    net[0] = 'net cost';
    net[ORDERS_HEADERS.indexOf('cost at mid (USD)')] = String(list.netCost) === '-0' ? 0 : list.netCost;
    out.push(net);
    // set aside for the next rebalance: the orders to today's sizing, after the net cost they are not in
    if (d !== undefined) {
      for (const o of d.orders) out.push(orderRow(o, ' (deferred)'));
      const deferredNet = [...blank];
      deferredNet[0] = 'deferred net cost';
      deferredNet[ORDERS_HEADERS.indexOf('cost at mid (USD)')] = d.netCost;
      out.push(deferredNet);
    }
    out.push(...campaignAfterRows(result.campaign, blank));
    // the plan's warnings (a capital cap's "reduce to N condors", the tail cut by its budget), as PLAN shows them
    for (const w of presentPlan(result, 'excel').warnings) {
      const row = [...blank];
      row[0] = 'warning';
      row[1] = chainWords(w);
      out.push(row);
    }
    return out;
  }, names);
}

/**
 * The five tail structures beside the plan (method section 10): each sized to the coverage rule on its gain after fees, scored by gain per dollar in the drawdown scenario and each historical analog, and what the tail budget buys of it.
 * @customfunction STRUCTURES STRUCTURES
 * @helpurl https://localhost:3000/help.html#STRUCTURES
 * @param inputs Two columns, name then value, as ALVH.PLAN reads them.
 * @param [chain] The day's SPX option chain as ALVH.PLAN takes it: a range under a header row (expiry, strike, type, bid, ask), a cell of quotedata text or its ALVH.SURFACE spill; the structures are marked on its surface. Empty: the surface of VIX.
 * @param [vixChain] The day's VIX option chain, a range under a header row (root, expiry, strike, type, bid, ask) or a cell of quotedata text, as ALVH.PLAN takes it: the structures' VIX options are marked on its fit in place of the VVIX rule. Empty: the VVIX rule.
 * @returns A header row, one row per structure (best per dollar first; vx-future after the options, its ratio not comparable), then the best buy within the tail budget, what covering 50% of the loss costs, and the gap in words.
 */
export function structures(inputs: unknown[][], chain?: unknown[][], vixChain?: unknown[][]): unknown[][] {
  return excelCall(() => {
    const s = planFromRange(inputs, (raw) => addChains(raw, chain, vixChain)).structures;
    const width = STRUCTURES_HEADERS.length;
    const line = (label: string, text: string): unknown[] => {
      const r: unknown[] = Array.from({ length: width }, () => '');
      r[0] = label;
      r[1] = text;
      return r;
    };
    const out: unknown[][] = [[...STRUCTURES_HEADERS]];
    for (const r of s.structures) {
      out.push([
        r.structure,
        r.description,
        r.premium,
        r.stressedValue,
        r.gain,
        r.perDollar,
        r.size === null ? 'cannot cover' : r.size.units,
        r.size === null ? '' : r.size.cost,
        r.withinBudget.units,
        r.withinBudget.cost,
        r.withinBudget.coverage,
        ...r.analogs.map((a) => a.perDollar),
      ]);
    }
    const b = s.bestWithinBudget;
    out.push(
      line(
        'best within the tail budget',
        b === undefined ? `nothing: $${Math.round(s.tailBudget)} buys no whole unit` : `${b.units} × ${b.structure}`,
      ),
    );
    out.push(line(`to cover ${Number((s.cover.coverage * 100).toFixed(1))}%`, s.cover.words));
    out.push(line('the gap', s.summary));
    return out;
  });
}
