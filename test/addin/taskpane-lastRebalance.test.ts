/**
 * The taskpane's last rebalance without a browser: the entry read into `lastRebalance` (blank: not
 * given; prices alone take the monthly VX expiries after its date), what it says of a partly filled
 * or wrong entry and where (never at the Date or the curve of today), the plan input the page sends,
 * and a real held book (2008-01-04 after 2008-01-03) in the orders view and on the hedge sheet: no
 * order, the reason, and the orders deferred to the next rebalance with their net cost.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_FIELDS, PlanInputSchema, formatPath, parseInput, plan, vxExpiriesAfter } from '@alvh/shared';
import {
  BLANK_LAST_REBALANCE,
  lastFutureLine,
  lastRebalanceInput,
  lastRebalanceIssues,
  type LastRebalanceText,
} from '../../addin/src/common/lastRebalance';
import { issueTarget, type FormState } from '../../addin/src/common/planInput';
import { readKeyValueRange, valuesRead } from '../../addin/src/common/selection';
import { presentOrders, presentStructures, sideText } from '../../addin/src/common/hedgeViews';
import { fullPlanInput } from '../../addin/src/taskpane/planExtras';
import { writeHedgeSheet } from '../../addin/src/taskpane/workbookViews';
import { cellAt, mockContext } from './stubs/excelMock';
import { HELD_BOOK } from '../helpers/fixtures';

const state: FormState = { fields: HELD_BOOK.fields, futures: HELD_BOOK.futures, policy: HELD_BOOK.policy };
const entry = (e: Partial<LastRebalanceText>): LastRebalanceText => ({ ...BLANK_LAST_REBALANCE, ...e });
/** The issues of an entry: its own checks first, then the shared schema's on the plan input it makes. */
function issuesOf(e: LastRebalanceText, valuationDate = '2008-01-04'): [string, string][] {
  const own = lastRebalanceIssues(e, valuationDate).map((i): [string, string] => [i.path, i.message]);
  const r = PlanInputSchema.safeParse(fullPlanInput(state, '', undefined, e));
  const schema = r.success
    ? []
    : r.error.issues
        .map((i): [string, string] => [formatPath(i.path), i.message])
        .filter(([p]) => p.startsWith('lastRebalance'));
  return [...own, ...schema];
}

describe('the last rebalance entry read into the plan input', () => {
  it('sends nothing when all three are blank, and the prices alone with the monthly VX expiries after its date', () => {
    expect(lastRebalanceInput(entry({ futures: ' \n ' }))).toBeUndefined();
    expect('lastRebalance' in fullPlanInput(state, '', undefined)).toBe(false);
    const got = fullPlanInput(state, HELD_BOOK.positions, undefined, HELD_BOOK.last)['lastRebalance'];
    const expiries = vxExpiriesAfter('2008-01-03', 8);
    expect(expiries.slice(0, 3)).toEqual(['2008-01-16', '2008-02-19', '2008-03-19']);
    expect(got).toEqual({
      date: '2008-01-03',
      vix: 22.49,
      futures: HELD_BOOK.last.futures.split('\n').map((p, i) => ({ expiry: expiries[i], price: Number(p) })),
    });
  });

  it('reads two columns with a header as the curve table reads a paste, and maps each future to its line', () => {
    const e = entry({
      date: '2008-01-03',
      vix: '22.49',
      futures: '\nExpiry\tSettle\n2008-01-16\t23.42\n2008-02-19\t24.52\n\n',
    });
    expect(lastRebalanceInput(e)).toEqual({
      date: '2008-01-03',
      vix: 22.49,
      futures: [
        { expiry: '2008-01-16', price: 23.42 },
        { expiry: '2008-02-19', price: 24.52 },
      ],
    });
    expect([lastFutureLine(e, 0), lastFutureLine(e, 1), lastFutureLine(e, 2)]).toEqual([3, 4, undefined]);
    expect(issuesOf(e)).toEqual([]);
  });

  it('names each blank part of a partly filled entry and how to fix it, at its own field', () => {
    expect(issuesOf(entry({ vix: '22.49' }))).toEqual([
      [
        'lastRebalance.date',
        'is blank: pass the date of the last rebalance (YYYY-MM-DD), or clear the last rebalance (date, VIX and futures all blank)',
      ],
      [
        'lastRebalance.futures',
        "is blank: paste that day's VX futures (expiry and price, or prices alone), or clear the last rebalance (date, VIX and futures all blank)",
      ],
      ['lastRebalance.date', 'pass a date as YYYY-MM-DD'],
      ['lastRebalance.futures', 'pass at least two VX futures of the last rebalance'],
    ]);
    expect(issuesOf(entry({ date: '2008-01-03', futures: '23.42\n24.52' }))).toEqual([
      [
        'lastRebalance.vix',
        'is blank: pass VIX at the last rebalance, or clear the last rebalance (date, VIX and futures all blank)',
      ],
      ['lastRebalance.vix', 'pass a number'],
    ]);
    // one future: the shared schema's words
    expect(issuesOf(entry({ date: '2008-01-03', vix: '22.49', futures: '23.42' }))).toEqual([
      ['lastRebalance.futures', 'pass at least two VX futures of the last rebalance'],
    ]);
  });

  it('says what is wrong in a value: a date after the valuation date, a percentage, a decimal comma, no number, a bad line, a price in the wrong unit', () => {
    const good = { date: '2008-01-03', vix: '22.49', futures: HELD_BOOK.last.futures };
    expect(issuesOf(entry({ ...good, date: '2008-01-07' }))).toEqual([
      [
        'lastRebalance.date',
        'is 2008-01-07, after the valuation date 2008-01-04; pass the date of the last rebalance, on or before the valuation date',
      ],
    ]);
    // the same day is a rebalance done today: the plan takes it, as ALVH.PLAN and the API do
    expect(issuesOf(entry({ ...good, date: '2008-01-04', futures: '24.68\n25.3' }))).toEqual([]);
    expect(issuesOf(entry({ ...good, vix: '22%' }))[0]).toEqual([
      'lastRebalance.vix',
      'is a percentage; give VIX in index points (e.g. 23.18), without %',
    ]);
    expect(issuesOf(entry({ ...good, vix: '22,49' }))[0]).toEqual([
      'lastRebalance.vix',
      'is 22,49: write 22.49 with a decimal point',
    ]);
    // text that is no number: what to type in the box, not the JSON reader's "send the number without quotes"
    for (const vix of ['0x16', 'abc'])
      expect(issuesOf(entry({ ...good, vix }))[0]).toEqual([
        'lastRebalance.vix',
        `is "${vix}", not a number; type VIX at the last rebalance in its points, such as 23.18`,
      ]);
    expect(issuesOf(entry({ ...good, futures: '23.42\n2008-02-19\t24.52\tx' }))[0]).toEqual([
      'lastRebalance.futures',
      'line 2: has 3 cells ("2008-02-19", "24.52", "x"): paste two columns, expiry and price, or one column of prices',
    ]);
    expect(issuesOf(entry({ ...good, date: '', futures: '23.42\n24.52' }))).toContainEqual([
      'lastRebalance.futures',
      "prices alone take the monthly VX expiries after the last rebalance's date: set that date first",
    ]);
    // a price as a fraction: the shared schema's words, at the row (the page shows it by its line)
    expect(issuesOf(entry({ ...good, futures: '23.42\n0.2452' }))).toEqual([
      ['lastRebalance.futures[1].price', 'a VX future is in index points: pass 24.52, not 0.2452'],
    ]);
  });

  it('shows the last rebalance at its own fields, never at the Date, VIX or the curve of today', () => {
    expect(issueTarget('lastRebalance.date')).toEqual({ kind: 'last', part: 'date' });
    expect(issueTarget('plan.lastRebalance.vix')).toEqual({ kind: 'last', part: 'vix' });
    expect(issueTarget('lastRebalance.futures')).toEqual({ kind: 'last', part: 'futures' });
    expect(issueTarget('lastRebalance.futures[2].expiry')).toEqual({
      kind: 'last',
      part: 'futures',
      row: 2,
      cell: 'expiry',
    });
    expect(issueTarget('market.futures[2].price')).toEqual({ kind: 'future', row: 2, cell: 'price' });
    expect(issueTarget('valuationDate')).toEqual({ kind: 'field', name: 'valuationDate' });
  });
});

describe('the last rebalance read from a selected range (Read from selection)', () => {
  it("takes ALVH.PLAN's rows lastDate, lastVix and lastVX1…lastVXn into the entry, prices one a line", () => {
    const got = readKeyValueRange(
      [
        ['date', '2008-01-04'],
        ['lastDate', 39450], // 2008-01-03 as an Excel serial
        ['last VIX', 22.49],
        ['lastVX2', 24.52],
        ['lastVX1', 23.42],
      ],
      POLICY_FIELDS,
    );
    expect(got.unknownKeys).toEqual([]);
    expect(got.last).toEqual({ date: '2008-01-03', vix: '22.49', futures: '23.42\n24.52' });
    expect(lastRebalanceInput(got.last!)).toEqual({
      date: '2008-01-03',
      vix: 22.49,
      futures: [
        { expiry: '2008-01-16', price: 23.42 },
        { expiry: '2008-02-19', price: 24.52 },
      ],
    });
    expect(valuesRead(got)).toBe(5);
    expect(readKeyValueRange([['spx', 1411.63]], POLICY_FIELDS).last).toBeUndefined();
  });

  it('names a gap in the last futures and a row given twice, as ALVH.PLAN does', () => {
    expect(() =>
      readKeyValueRange(
        [
          ['lastVX1', 23.42],
          ['lastVX3', 24.31],
        ],
        POLICY_FIELDS,
      ),
    ).toThrow(/^lastVX2: is missing while lastVX3 is given; give the last futures from lastVX1/);
    expect(() =>
      readKeyValueRange(
        [
          ['lastDate', '2008-01-03'],
          ['last date', '2008-01-02'],
        ],
        POLICY_FIELDS,
      ),
    ).toThrow(/^last date: gives lastDate again \(the row "lastDate" gives it\)/);
  });
});

describe('a book held between rebalances (2008-01-04, the last rebalance 2008-01-03)', () => {
  const raw = fullPlanInput(state, HELD_BOOK.positions, undefined, HELD_BOOK.last);
  const p = plan(parseInput(PlanInputSchema, raw));
  const o = presentOrders(p.orders)!;

  it('sends no order and lists the three orders to today’s sizing as deferred, with the plan’s reason and warning', () => {
    expect((p.rebalance as { due: boolean }).due).toBe(false);
    expect(o.rows).toEqual([]);
    expect(o.netCost).toBe(0);
    const d = o.deferred!;
    expect(d.reason).toBe(p.orders!.deferred!.reason);
    expect(d.reason).toMatch(/^no rebalance is due and the legs held are the condors and their hedges/);
    expect(d.rows.map((r) => [sideText(r, true), r.quantity, r.leg, r.why])).toEqual([
      ['sell to open (deferred)', 1, 'SPX 2008-02-15 1285 put', 'condor 2008-02-15 + overlay: spx-put-calendar'],
      ['buy to open (deferred)', 1, 'SPX 2008-03-20 1285 put', 'overlay: spx-put-calendar'],
      ['buy to open (deferred)', 1, 'VIX 2008-02-19 26 call', 'tail: vix-call'],
    ]);
    expect(d.netCost).toBe(p.orders!.deferred!.netCost);
    expect(d.netCost).toBeCloseTo(1037, 0);
    expect(p.warnings.at(-1)).toMatch(/^No rebalance is due .*: hold the book\. The 3 orders .*net debit \$1,037/);
    // without the last rebalance the plan cannot tell: the same positions get the three orders
    const today = plan(parseInput(PlanInputSchema, fullPlanInput(state, HELD_BOOK.positions, undefined)));
    expect(today.orders!.deferred).toBeUndefined();
    expect(today.orders!.orders.map((x) => [x.side, x.quantity, x.why])).toEqual(
      d.rows.map((r) => [r.side, r.quantity, r.why]),
    );
  });

  it('writes none with the reason, the deferred orders and their net cost to the hedge sheet, as ALVH.ORDERS lists them', async () => {
    const { context, sheets } = mockContext();
    const s = presentStructures(p.structures, p.valuationDate);
    await writeHedgeSheet(context, s, o, { stamp: '20080104-160000', supports: () => true });
    const sheet = sheets[0]!;
    expect(sheet.tables).toHaveLength(2);
    const at = 3 + s.rows.length + 3; // the orders' table starts two rows under the structures'
    expect(cellAt(sheet, `A${at}`).value).toBe(`Orders: none (${o.deferred!.reason}); deferred to the next rebalance:`);
    const table = sheet.ranges.find((r) => r.address === sheet.tables[1]!.address)!.mock;
    const values = table['values'] as unknown[][];
    expect(values.map((r) => r[1])).toEqual([
      'Side',
      'sell to open (deferred)',
      'buy to open (deferred)',
      'buy to open (deferred)',
    ]);
    expect(values[3]!.slice(0, 3)).toEqual(['VIX 2008-02-19 26 call', 'buy to open (deferred)', 1]);
    const below = at + 1 + values.length;
    expect(cellAt(sheet, `A${below}`).value).toBe('deferred net cost');
    expect(cellAt(sheet, `H${below}`).value).toBe(o.deferred!.netCost);
  });
});

describe('a futures box with blank lines between its rows', () => {
  // The trailing blank lines were cut by `(\r?\n\s*)+$`, which splits a run of blank lines between
  // its two parts every way before it finds a row after them: 20 blank CRLF lines took a minute and
  // each one more doubled it, so this entry froze the page. The test's time limit is only the
  // backstop: the lines are counted in microseconds, nothing here measures time.
  it('counts its lines in one pass (40 blank CRLF lines between two rows)', () => {
    const e = entry({ date: '2008-01-03', vix: '22.49', futures: '23.42\r\n' + '\r\n'.repeat(40) + '24.52\r\n \r\n' });
    // a blank line under the first row is a row of the box: the last row is on line 42
    expect([lastFutureLine(e, 0), lastFutureLine(e, 41), lastFutureLine(e, 42)]).toEqual([1, 42, undefined]);
  });
});
