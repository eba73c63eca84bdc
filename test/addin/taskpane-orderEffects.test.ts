/**
 * The taskpane's orders as a broker takes them: each side with its effect ("sell to close", "sell to
 * open"), a contract held on the other side of zero as two rows, and a limit outside the quote
 * noted after the why on the page and in the hedge sheet's Note column.
 */
import { describe, expect, it } from 'vitest';
import { plan, quoteOrders, type Leg } from '@alvh/shared';
import { presentOrders, presentStructures, sideText, whyText } from '../../addin/src/common/hedgeViews';
import { writeHedgeSheet } from '../../addin/src/taskpane/workbookViews';
import { mockContext } from './stubs/excelMock';
import { PLAN_INPUT } from '../helpers/fixtures';

const { expiry, strikes } = PLAN_INPUT.condor;
const shortPut = strikes[1];
const held: Leg[] = [
  { kind: 'spx', type: 'put', strike: strikes[0], expiry, quantity: 10 },
  // long 2 of the put the plan is short 12 of (the condor's 10 and the overlay calendar's short leg)
  { kind: 'spx', type: 'put', strike: shortPut, expiry, quantity: 2 },
  { kind: 'spx', type: 'call', strike: strikes[2], expiry, quantity: -10 },
  { kind: 'spx', type: 'call', strike: strikes[3], expiry, quantity: 10 },
];
const p = plan({ ...PLAN_INPUT, positions: held });
const mid = p.orders!.orders.find((o) => o.leg.strike === shortPut && o.leg.expiry === expiry)!.mid;
// the short put quoted below its model mid: a sell's limit at the mid is above the ask
const quoted = quoteOrders(
  p.orders!,
  (l) =>
    l.strike === shortPut && l.expiry === expiry && l.type === 'put' ? { bid: mid - 0.6, ask: mid - 0.2 } : undefined,
  p.valuationDate,
);
const view = presentOrders(quoted)!;
const puts = view.rows.filter((r) => r.leg.endsWith(`${expiry} ${shortPut} put`));
const NOTE = /^limit above the ask: a patient order, fills only if the market moves up to it/;

describe('the orders in the page and the hedge sheet', () => {
  it('say buy / sell to open or to close, a contract across zero in two rows whose costs add to the net', () => {
    expect(puts.map((r) => [sideText(r, false), r.quantity, r.held, r.target])).toEqual([
      ['sell to close', 2, 2, 0],
      ['sell to open', 12, 0, -12],
    ]);
    expect(sideText(puts[0]!, true)).toBe('sell to close (deferred)');
    expect(view.rows.filter((r) => r.leg.startsWith('VIX')).map((r) => sideText(r, false))).toEqual(['buy to open']);
    expect(view.rows.reduce((a, r) => a + r.cost, 0)).toBeCloseTo(view.netCost, 6);
  });

  it('note a limit above the ask after the why, leave the others and the limits and costs as they are', () => {
    for (const r of puts) {
      expect(r.note).toMatch(NOTE);
      expect(whyText(r)).toBe(`${r.why}. Note: ${r.note}`);
      expect(r.limit).toBeGreaterThan(r.ask!);
    }
    const others = view.rows.filter((r) => !puts.includes(r));
    expect(others.every((r) => r.note === null && whyText(r) === r.why)).toBe(true);
    expect(view.rows.map((r) => [r.limit, r.cost])).toEqual(
      presentOrders(p.orders)!.rows.map((r) => [r.limit, r.cost]),
    );
  });

  it('the hedge sheet has the side with its effect and a Note column', async () => {
    const { context, sheets } = mockContext();
    const s = presentStructures(p.structures, p.valuationDate);
    await writeHedgeSheet(context, s, view, { stamp: '20261120-160000', supports: () => true });
    const sheet = sheets[0]!;
    const table = sheet.ranges.find((r) => r.address === sheet.tables[1]!.address)!.mock;
    const values = table['values'] as unknown[][];
    const head = values[0]!;
    expect(head.at(-1)).toBe('Note');
    const rows = values.slice(1).filter((r) => String(r[0]).endsWith(`${expiry} ${shortPut} put`));
    expect(rows.map((r) => [r[head.indexOf('Side')], r[head.indexOf('Quantity')]])).toEqual([
      ['sell to close', 2],
      ['sell to open', 12],
    ]);
    for (const r of rows) expect(String(r.at(-1))).toMatch(NOTE);
    expect(values.slice(1).filter((r) => r.at(-1) === '')).toHaveLength(values.length - 1 - rows.length);
  });
});
