/**
 * The worksheet of docs/excel.md, on a real day: 2021-11-19 (SPX 4697.96, VIX 17.91, VVIX 113.74,
 * VX1..VX8 settlements from the quantintell history), a 10-lot SPX iron condor expiring
 * 2022-01-21. Each formula is evaluated through the built functions.js as Excel would, and the
 * chain of formulas that sizes the two layers must give the numbers plan() gives for the same day.
 */
import { isoToExcelSerial, plan, vxExpiriesAfter, type Plan } from '@alvh/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAddinBuilt, loadBuiltFunctions, type CustomFunction } from './stubs/customFunctions';

let fns: Map<string, CustomFunction>;
let planned: Plan;

/** Column A and B of the sheet: the inputs as a key/value range (rows 1-21). */
const SHEET: [string, number][] = [
  ['date', isoToExcelSerial('2021-11-19')],
  ['spx', 4697.96],
  ['vix', 17.91],
  ['vvix', 113.74],
  ['rate', 0.001],
  ['divYield', 0.013],
  ['expiry', isoToExcelSerial('2022-01-21')],
  ['k1', 4100],
  ['k2', 4150],
  ['k3', 5300],
  ['k4', 5350],
  ['quantity', 10],
  ['capital', 2_000_000],
  ['VX1', 20.7994],
  ['VX2', 22.7497],
  ['VX3', 23.7091],
  ['VX4', 24.5716],
  ['VX5', 25.2],
  ['VX6', 25.4984],
  ['VX7', 25.7057],
  ['VX8', 25.875],
];
/** B<row> */
const B = (row: number): number => (SHEET[row - 1] as [string, number])[1];
/** B<from>:B<to> as Excel passes a column range. */
const col = (from: number, to: number): number[][] => SHEET.slice(from - 1, to).map(([, v]) => [v]);
/** INDEX(spill, row, column), 1-based. */
const index = (spill: unknown, row: number, column: number): unknown => (spill as unknown[][])[row - 1]?.[column - 1];

function call(id: string, ...args: unknown[]): unknown {
  const fn = fns.get(id);
  if (!fn) throw new Error(`${id} is not registered`);
  return fn(...args);
}

beforeAll(() => {
  ensureAddinBuilt();
  fns = loadBuiltFunctions();
  planned = plan({
    valuationDate: '2021-11-19',
    market: {
      spx: 4697.96,
      vix: 17.91,
      vvix: 113.74,
      rate: 0.001,
      divYield: 0.013,
      futures: vxExpiriesAfter('2021-11-19', 8).map((expiry, i) => ({ expiry, price: B(14 + i) })),
    },
    condor: { expiry: '2022-01-21', strikes: [4100, 4150, 5300, 5350], quantity: 10 },
    portfolio: { capital: 2_000_000 },
  });
});

describe('the worksheet of docs/excel.md (2021-11-19)', () => {
  it('sizes the calendar overlay and the tail hedge with formulas, as plan() does', () => {
    // D2 =ALVH.SPLIT(B14,B15)
    const [[calendarShare, tailShare]] = call('SPLIT', B(14), B(15)) as [[number, number]];
    expect(calendarShare).toBe(planned.split.calendarShare);
    expect(tailShare).toBe(planned.split.tailShare);

    // D3 =INDEX(ALVH.CONDOR(B1,B2,B3,B7,B8:B11,B12,,B5,B6),15,2)   condor vega, USD per vol point
    const condor = call('CONDOR', B(1), B(2), B(3), B(7), col(8, 11), B(12), null, B(5), B(6));
    expect(index(condor, 15, 1)).toBe('vega (USD per vol point)');
    const vega = index(condor, 15, 2) as number;
    expect(vega).toBe(planned.condor.greeks.vega);

    // D4 =ALVH.CONDORLOSS(B1,B2,B3,B7,B8:B11,B12,,B5,B6)
    const loss = call('CONDORLOSS', B(1), B(2), B(3), B(7), col(8, 11), B(12), null, B(5), B(6)) as number;
    expect(loss).toBe(planned.scenario.condorLoss);

    // D5 =ALVH.TAILEXPIRY(B1)   the plan's tail expiry: 45-60 days out, else the one nearest 52
    const hedgeExpiry = call('TAILEXPIRY', B(1)) as number;
    expect(hedgeExpiry).toBe(isoToExcelSerial(planned.tail.expiry));

    // D6 =ALVH.STRESSFUTURE(B1,B3,B14:B21,D5)   → D6:F6
    const [[stressed, future]] = call('STRESSFUTURE', B(1), B(3), col(14, 21), hedgeExpiry) as [
      [number, number, number],
    ];
    expect(stressed).toBe(planned.tail.stressedFuture);
    expect(future).toBe(planned.tail.future);

    // D7 =ALVH.VIXVOL(B4,(D5-B1)/365,CEILING(E6*1.025,1),E6)      the call's vol today
    // E7 =ALVH.VIXVOL(B4,(D5-B1-10)/365,CEILING(E6*1.025,1),D6)   its vol at the drawdown's end
    const days = hedgeExpiry - B(1);
    const callStrike = Math.ceil(future * 1.025);
    const volToday = call('VIXVOL', B(4), days / 365, callStrike, future) as number;
    const volStressed = call('VIXVOL', B(4), (days - 10) / 365, callStrike, stressed) as number;
    const marks = planned.audit.find((a) => a.rule === 'tail.contracts')!.inputs;
    expect(callStrike).toBe(planned.tail.strike);
    expect(volToday).toBe(marks.volToday);
    expect(Math.abs(volStressed - (marks.volStressed as number))).toBeLessThan(1e-12);

    // D8 =ALVH.TAILSIZE(D4,E6,(D5-B1)/365,D7,D6,,,B5,,E7)   → D8:G8
    const [[contracts, strike, premium, gain]] = call(
      'TAILSIZE',
      loss,
      future,
      days / 365,
      volToday,
      stressed,
      null,
      null,
      B(5),
      null,
      volStressed,
    ) as [[number, number, number, number]];
    // the plan's marks, so the plan's tail: the same size, strike, premium and gain
    expect(contracts).toBe(planned.tail.requiredContracts);
    expect(strike).toBe(planned.tail.strike);
    expect(premium).toBe(planned.tail.premium);
    expect(Math.abs(gain - planned.tail.gainPerContract)).toBeLessThan(1e-9);

    // D9 =INDEX(ALVH.OVERLAY(B1,B2,B3,B7,B9,D3,,,,B5,B6),2,2)   overlay units (short put strike, vega match 0.5)
    const overlay = call('OVERLAY', B(1), B(2), B(3), B(7), B(9), vega, null, null, null, B(5), B(6));
    expect(index(overlay, 2, 1)).toBe('units');
    expect(index(overlay, 2, 2)).toBe(planned.overlay.requiredUnits);

    // D10 =ALVH.PLAN(A1:B21)   the plan after the budget and caps of section 7
    const out = call('PLAN', SHEET) as unknown[][];
    const row = (label: string, after: string) =>
      out.slice(out.findIndex((r) => r[0] === after)).find((r) => r[0] === label)?.[1];
    expect(row('Required contracts', 'Tail VIX calls')).toBe(contracts);
    expect(row('Contracts', 'Tail VIX calls')).toBe(planned.tail.contracts);
    expect(row('Required units', 'Calendar overlay')).toBe(planned.overlay.requiredUnits);
    expect(row('Units', 'Calendar overlay')).toBe(planned.overlay.units);

    // Sheet2!A1 =ALVH.STRUCTURES(Sheet1!A1:B21)   the five tail structures beside the plan's call
    const table = call('STRUCTURES', SHEET) as unknown[][];
    const structureRows = table.slice(1, 6);
    const callRow = structureRows.find((r) => r[0] === 'vix-call');
    expect(callRow?.[6]).toBe(contracts);
    // its cost per unit: the call's mid and the fee of the contract (policy.transactionCostPerContract)
    expect(callRow?.[2]).toBeCloseTo(planned.tail.premium * 100 + planned.policy.transactionCostPerContract, 9);
    expect(structureRows.map((r) => r[0])).toEqual(planned.structures.structures.map((r) => r.structure));

    // Sheet2!A12 =ALVH.ORDERS(Sheet1!A1:B21, A20:C23)   from the condor held (symbol, quantity, average price)
    const held = planned.book.condor.map((l) => [
      `SPXW ${l.expiry.slice(2).replaceAll('-', '')}${l.type === 'put' ? 'P' : 'C'}${String(l.strike).padStart(5, '0')}`,
      l.quantity,
      1,
    ]);
    const orders = call('ORDERS', SHEET, held) as unknown[][];
    // the budget of this condor (3.05 points of credit) buys 2 tail calls and no calendar unit:
    // with the condor held, the one order is to buy those calls
    expect(planned.overlay.units).toBe(0);
    expect(planned.tail.contracts).toBe(2);
    const netRow = orders.findIndex((r) => r[0] === 'net cost');
    expect(orders.slice(1, netRow).map((r) => r.slice(0, 6))).toEqual([
      ['buy to open', 2, 'VIX', '2022-01-19', 24, 'call'],
    ]);
    expect(orders[netRow]?.[12]).toBeCloseTo(planned.tail.cost, 9);
    // the limit: a buy's mid rounded down on the 2021 VIX grid (0.10 from 3.00): 3.0226 → 3.00
    expect(orders[1]?.[8]).toBeCloseTo(3.0226, 4);
    expect(orders[1]?.[9]).toBe(3);
    // the campaign after the order, opened at the day's budget, the tail having paid for the calls
    expect(orders.slice(netRow + 1, netRow + 4).map((r) => [r[0], r[12]])).toEqual([
      ['campaignBudget', planned.budget.budget],
      ['paidOverlay', 0],
      ['paidTail', planned.tail.cost],
    ]);
    expect(orders.slice(netRow + 4).map((r) => r[1])).toEqual(
      planned.warnings.map((w) => w.replace(/policy\.(\w+)/g, '$1')),
    );
    // twice the long put held (SPXW, PM-settled, on the January monthly): the 10 too many are sold
    // to close as SPXW, the contract held, not as the AM-settled SPX of that date
    const twice = held.map((r, i) => (i === 0 ? [r[0], (r[1] as number) * 2, 1] : r));
    const extra = (call('ORDERS', SHEET, twice) as unknown[][]).filter((r) => r[3] === '2022-01-21');
    expect(extra.map((r) => r.slice(0, 3))).toEqual([['sell to close', 10, 'SPXW']]);
  });

  it('states the figures docs/excel.md shows', () => {
    expect(planned.termStructure.regime).toBe('contango');
    expect(planned.split.calendarShare).toBeCloseTo(0.4012, 4);
    expect(planned.condor.greeks.vega).toBeCloseTo(-492.64, 2);
    expect(planned.condor.credit).toBeCloseTo(3.0508, 4);
    expect(planned.condor.maxLoss).toBeCloseTo(46949.18, 2);
    expect(planned.scenario.condorLoss).toBeCloseTo(34557.05, 2);
    expect(planned.tail.expiry).toBe('2022-01-19');
    expect(planned.tail.stressedFuture).toBeCloseTo(35.722, 3);
    expect(planned.tail.requiredContracts).toBe(68);
    expect(planned.tail.strike).toBe(24);
    expect(planned.tail.premium).toBeCloseTo(3.0226, 4);
    expect(planned.tail.gainPerContract).toBeCloseTo(917.04, 2);
    const marks = planned.audit.find((a) => a.rule === 'tail.contracts')!.inputs;
    expect(marks.volToday).toBeCloseTo(0.9542, 4);
    expect(marks.volStressed).toBeCloseTo(0.8538, 4);
    expect(planned.overlay.requiredUnits).toBe(2);
    expect(planned.overlay.unitVega).toBeCloseTo(144.17, 2);
    expect(planned.overlay.unitCost).toBeCloseTo(1093.4, 2);
    expect(planned.budget.budget).toBeCloseTo(1024.93, 2);
    expect(planned.budget.binding).toBe('irr');
    expect(planned.tail.contracts).toBe(2);
    expect(planned.overlay.units).toBe(0);
    expect(planned.condor.zPut).toBeCloseTo(2.06, 2);
    expect(planned.condor.zCall).toBeCloseTo(2.0, 2);
  });
});
