/**
 * ALVH.PLAN, ORDERS, STRUCTURES and FRONTIER take the day's SPX and VIX option chains as ranges
 * (their `chain` and `vixChain` arguments): the built functions, as Excel loads them, on the
 * 2018-12-24 sheet with chains quoted from known smiles. Each gives the sizing package's answer for
 * the same input with the chains as `market.chain` and `market.vixChain` (the API's), the tail is
 * priced at the VIX chain's own vol, and a bad chain is named by its argument, row and fix.
 */
import {
  black76Price,
  frontier as sharedFrontier,
  isoToExcelSerial,
  parseQuotedata,
  plan,
  type PlanInput,
} from '@alvh/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLAN_2018_12_24, SELECTION_2023_06_09 } from '../helpers/fixtures';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { asRange, spxRows, vixRows, vixVol, type Row } from '../helpers/chains20181224';
import { planSheet20181224 } from './stubs/planSheet';
import { ErrorCode, errorOf, useBuiltFunctions } from './stubs/customFunctions';

const call = useBuiltFunctions();
const M = PLAN_2018_12_24.market;

const SPX = spxRows();
const VIX = vixRows();
const input = (chains: { chain?: Row[]; vixChain?: Row[] }): PlanInput =>
  ({ ...PLAN_2018_12_24, market: { ...M, ...chains } }) as PlanInput;
const value = (out: unknown[][], label: string, after?: string) => {
  const from = after === undefined ? 0 : out.findIndex((r) => r[0] === after);
  return out.slice(from).find((r) => r[0] === label)?.[1];
};
const message = (fn: () => unknown): string => {
  const e = errorOf(fn);
  expect(e.code).toBe(ErrorCode.invalidValue);
  return e.message ?? '';
};

describe('ALVH.PLAN with the chains as ranges', () => {
  const sheet = planSheet20181224();
  const without = plan(input({}));
  const both = plan(input({ chain: SPX, vixChain: VIX }));
  let out: unknown[][] = [];
  beforeAll(() => {
    out = call('PLAN', sheet, null, null, asRange(SPX), asRange(VIX)) as unknown[][];
  });

  it("is the package's plan with market.chain and market.vixChain", () => {
    expect(both.surface.source).toBe('chain');
    expect(both.surface.vixOptions?.source).toBe('chain');
    expect(value(out, 'SPX surface')).toBe(both.surface.describe);
    // the VIX options' source, beside the SPX surface's; no such row on the VVIX rule
    expect(value(out, 'VIX options')).toBe(both.surface.vixOptions?.describe);
    expect(String(value(out, 'VIX options'))).toMatch(/^VIX-option vols from the VIX chain of 2018-12-24: ATM /);
    expect(value(out, 'Credit')).toBe(both.condor.credit);
    expect(value(out, 'Required contracts')).toBe(both.tail.requiredContracts);
    expect(value(out, 'Contracts', 'Tail VIX calls')).toBe(both.tail.contracts);
    expect(value(out, 'Units', 'Calendar overlay')).toBe(both.overlay.units);
    const audit = out.findIndex((r) => r[0] === 'Audit trail');
    expect(out.slice(audit + 1, audit + 1 + both.audit.length).map((r) => r[0])).toEqual(both.audit.map((a) => a.rule));
    expect(out.some((r) => r[0] === 'marks.vixSurface')).toBe(true);
    // the chains move the marks: the condor's credit and the tail's premium are not VIX alone's
    expect(both.condor.credit).not.toBe(without.condor.credit);
    expect(both.tail.premium).not.toBe(without.tail.premium);
  });

  it("prices the tail call at the VIX chain's vol at its strike (Black-76 on the VX future, within 0.5%)", () => {
    const t = both.tail;
    const expected = black76Price({
      type: 'call',
      future: t.future,
      strike: t.strike,
      years: t.daysToExpiry / 365,
      rate: M.rate,
      vol: vixVol(Math.log(t.strike / t.future)),
    });
    // the fit recovers the quotes' smile within a few hundredths of a vol point; the quotes settle
    // at 09:30 on expiry, the plan counts whole days
    expect(Math.abs(t.premium / expected - 1)).toBeLessThan(0.005);
    expect(value(out, 'Premium', 'Tail VIX calls')).toBe(t.premium);
  });

  it('names the chain by its argument in the warnings, never the API field', () => {
    const warnings = out.filter((r) => r[0] === 'warning').map((r) => String(r[1]));
    // the sheet gives no VVIX: the note says the VIX chain's vols are the marks
    expect(warnings.some((w) => w.includes("VIX chain's vols (the vixChain argument)"))).toBe(true);
    expect(warnings.join(' ')).not.toMatch(/market\./);
  });

  it('takes one chain without the other, and an empty range as none', () => {
    const spxOnly = call('PLAN', sheet, null, null, asRange(SPX)) as unknown[][];
    expect(value(spxOnly, 'VIX options')).toBeUndefined();
    const p = plan(input({ chain: SPX }));
    expect(value(spxOnly, 'Credit')).toBe(p.condor.credit);
    expect(value(spxOnly, 'Premium', 'Tail VIX calls')).toBe(without.tail.premium);
    const vixOnly = call('PLAN', sheet, null, null, [[''], ['']], asRange(VIX)) as unknown[][];
    expect(value(vixOnly, 'Credit')).toBe(without.condor.credit);
    expect(value(vixOnly, 'Premium', 'Tail VIX calls')).toBe(plan(input({ vixChain: VIX })).tail.premium);
  });
});

describe('ALVH.PLAN with an ALVH.SURFACE spill as its chain', () => {
  const sheet = planSheet20181224();
  const date = isoToExcelSerial(PLAN_2018_12_24.valuationDate);

  it('marks the plan as on the chain itself, without fitting it again', () => {
    const spill = call('SURFACE', asRange(SPX), date, true) as unknown[][];
    const onSpill = call('PLAN', sheet, null, null, spill) as unknown[][];
    const onChain = call('PLAN', sheet, null, null, asRange(SPX)) as unknown[][];
    // the spill holds the fit's numbers in full, and the plan reads them at the inputs' SPX, where
    // the chain table is fitted: the same marks
    for (const [label, after] of [
      ['Credit', undefined],
      ['Required contracts', undefined],
      ['Units', 'Calendar overlay'],
      ['Premium', 'Tail VIX calls'],
    ] as const)
      expect(value(onSpill, label, after), label).toBe(value(onChain, label, after));
    expect(String(value(onSpill, 'SPX surface'))).toMatch(/^SPX surface from ALVH\.SURFACE spill \(3 expiries\)/);
    // the spill without its header row is the same spill
    expect(value(call('PLAN', sheet, null, null, spill.slice(1)) as unknown[][], 'Credit')).toBe(
      value(onChain, 'Credit'),
    );
  });

  it('refuses a spill of another day, or one without its wing columns, naming the chain argument', () => {
    const spill = call('SURFACE', asRange(SPX), date, true) as unknown[][];
    const later = planSheet20181224().map(([k, v]) => [k, k === 'date' ? v + 3 : v]);
    expect(message(() => call('PLAN', later, null, null, spill))).toBe(
      "chain: is an ALVH.SURFACE spill of 2018-12-24 (its first expiry less its years), not of the inputs' date 2018-12-27; pass the SURFACE spill of the inputs' day's chain, or the chain itself",
    );
    expect(
      message(() =>
        call(
          'PLAN',
          sheet,
          null,
          null,
          spill.map((r) => r.slice(0, 11)),
        ),
      ),
    ).toMatch(/^chain: has 11 columns, not the 17 of an ALVH\.SURFACE spill; select the whole ALVH\.SURFACE spill/);
    const edited = spill.map((r) => [...r]);
    edited[2]![4] = -1;
    // the cell's row in the range as selected, its header row counted
    expect(message(() => call('PLAN', sheet, null, null, edited))).toMatch(/^chain row 3 \(SVI b\): is -1/);
  });

  it("warns that a spill read at another SPX keeps the quotes' marks, in the sheet's words", () => {
    const spill = call('SURFACE', asRange(SPX), date, true) as unknown[][];
    const warnings = (out: unknown[][]) =>
      out
        .filter((r) => r[0] === 'warning' && String(r[1]).startsWith("The SPX chain's nearest forward"))
        .map((r) => String(r[1]));
    expect(warnings(call('PLAN', sheet, null, null, spill) as unknown[][])).toEqual([]);
    const moved = sheet.map(([k, v]) => [k, k === 'spx' ? 2351.1 * 0.98 : v]);
    const [w] = warnings(call('PLAN', moved, null, null, spill) as unknown[][]);
    expect(w).toMatch(
      /^The SPX chain's nearest forward, [\d.]+ on 2019-01-18, implies SPX 2351\.1 at the plan's rate and dividend yield, 2% above the inputs' spx 2304\.078: the chain argument has the inputs' spx itself as its spot, so its marks stay where the options were quoted/,
    );
    // beyond the forward check, the spill is refused at the SPX, with a fix a spill can follow
    const far = sheet.map(([k, v]) => [k, k === 'spx' ? 2200 : v]);
    expect(message(() => call('PLAN', far, null, null, spill))).toMatch(
      /^chain: has its 2019-01-18 forward [\d.]+ 6\.\d% above SPX 2200, 25 days out \(\d+% a year\): another market or SPX mistyped; pass quotes taken at this SPX, or check the inputs' spx$/,
    );
  });

  it("names a spill's cell the API's schema refuses, a spill longer than a surface, and a chain table under a lower-case header", () => {
    const spill = call('SURFACE', asRange(SPX), date, true) as unknown[][];
    // a discount factor of 3 (the API takes at most 2), at the range's fourth row
    const edited = spill.map((r, i) => (i === 3 ? r.map((c, j) => (j === 10 ? 3 : c)) : r));
    expect(message(() => call('PLAN', sheet, null, null, edited))).toMatch(
      /^chain row 4 \(discount\): .*; correct the spill, or pass the chain it was fitted to$/,
    );
    const long = [spill[0]!, ...Array.from({ length: 501 }, () => spill[1]!)];
    expect(message(() => call('PLAN', sheet, null, null, long))).toBe(
      'chain: has 501 rows of an ALVH.SURFACE spill, more than the 500 expiries a surface holds; select the spill alone, one row per expiry',
    );
    // a chain table of 17 columns whose header starts with "expiry" is a chain, not a spill: SURFACE's
    // header is told by its first two labels
    const wide = asRange(SPX).map((r, i) => [
      ...(i === 0 ? r.map((c) => String(c).toLowerCase()) : r),
      ...Array.from({ length: 12 }, (_, j) => (i === 0 ? `note ${j + 1}` : '')),
    ]);
    expect(wide[0]!.length).toBe(17);
    expect(value(call('PLAN', sheet, null, null, wide) as unknown[][], 'Credit')).toBe(
      plan(input({ chain: SPX })).condor.credit,
    );
  });
});

describe('ORDERS, STRUCTURES and FRONTIER take the same chains', () => {
  const sheet = planSheet20181224();
  it("ORDERS: the orders' mids are the plan's on the chains", () => {
    const out = call('ORDERS', sheet, null, asRange(SPX), asRange(VIX)) as unknown[][];
    // ORDERS holds what its positions argument gives: nothing here
    const orders = plan({ ...input({ chain: SPX, vixChain: VIX }), positions: [] }).orders?.orders ?? [];
    expect(orders.length).toBeGreaterThan(0);
    const mids = out.slice(1, 1 + orders.length).map((r) => r[8]);
    expect(mids).toEqual(orders.map((o) => o.mid));
    // the chain's quote beside each order, and the note of a limit outside it, as the plan gives them
    // (the sheet dropped both: a sell at a limit above the ask read as an order that would fill)
    expect(out[0]!.slice(9, 15)).toEqual([
      'limit on tick (points)',
      'bid (points)',
      'ask (points)',
      'cost at mid (USD)',
      'why',
      'note',
    ]);
    expect(out.slice(1, 1 + orders.length).map((r) => r.slice(9, 15))).toEqual(
      orders.map((o) => [o.limit, o.bid ?? '', o.ask ?? '', o.cost, o.why, o.note ?? '']),
    );
    expect(orders.filter((o) => o.bid !== undefined).length).toBeGreaterThan(0);
    // and not the mids without the chains
    const plain = call('ORDERS', sheet) as unknown[][];
    expect(plain.slice(1, 1 + orders.length).map((r) => r[8])).not.toEqual(mids);
  });

  it("STRUCTURES: each structure's premium is the plan's on the VIX chain", () => {
    const out = call('STRUCTURES', sheet, null, asRange(VIX)) as unknown[][];
    const s = plan(input({ vixChain: VIX })).structures.structures;
    expect(out.slice(1, 1 + s.length).map((r) => [r[0], r[2]])).toEqual(s.map((x) => [x.structure, x.premium]));
  });

  it('FRONTIER: the frontier of the plan on the chains, on the same paths', () => {
    const out = call('FRONTIER', sheet, [[0], [20_000]], 400, 7, asRange(SPX), asRange(VIX)) as unknown[][];
    const f = sharedFrontier({ plan: input({ chain: SPX, vixChain: VIX }), budgets: [0, 20_000], paths: 400, seed: 7 });
    expect(out.slice(1, 3).map((r) => r[7])).toEqual(f.points.map((p) => p.cvar95Down));
  }, 30_000);
});

describe('a bad chain is named by its argument', () => {
  const sheet = planSheet20181224();

  it('names the row and column of a quote cell that is no number', () => {
    const range = asRange(SPX);
    range[3]![3] = 'n/a';
    expect(message(() => call('PLAN', sheet, null, null, range))).toMatch(
      /^chain row 4 \(bid\): is "n\/a", not a number; pass the price in index points/,
    );
    // a formula's error is said as that error, never as a quoted text
    const failed = asRange(SPX);
    failed[5]![4] = '#N/A';
    expect(message(() => call('PLAN', sheet, null, null, failed))).toBe(
      "chain row 6 (ask): is #N/A, a formula's error; fix the formula, or give the value",
    );
  });

  it("blames a chain quoted 15% above the inputs' SPX on the chain or the SPX, not on the dividend yield", () => {
    const high = spxRows().map((r) => ({ ...r, strike: r.strike * 1.15, bid: r.bid * 1.15, ask: r.ask * 1.15 }));
    const text = message(() => call('PLAN', sheet, null, null, asRange(high)));
    expect(text).toMatch(
      /^chain: has its 2019-01-18 forward [\d.]+ 1[45](\.\d)?% above SPX 2351\.1, \d+ days out \(\d+% a year\): another market or SPX mistyped; pass this market's chain, or check the inputs' spx$/,
    );
    expect(text).not.toMatch(/divYield|market\./);
  });

  it("names XSP or NDX options for a table at a tenth of the inputs' SPX or at twice it, whole within a cell's message", () => {
    const at = (f: number) =>
      asRange(spxRows().map((r) => ({ ...r, strike: r.strike * f, bid: r.bid * f, ask: r.ask * f })));
    expect(message(() => call('PLAN', sheet, null, null, at(0.1)))).toBe(
      "chain: has its nearest SPX forward at 235.17, 900% away from the inputs' spx 2351.1: XSP options (a tenth of SPX), or SPX mistyped; pass this market's chain, or check the inputs' spx",
    );
    const ndx = message(() => call('PLAN', sheet, null, null, at(3.4)));
    expect(ndx).toMatch(
      /: NDX or another index's options \(3\.4× SPX\), or SPX mistyped; pass this market's chain, or check the inputs' spx$/,
    );
    expect(ndx.length).toBeLessThanOrEqual(200);
  });

  it('says a VIX table without roots is read as SPXW, and the SPX chain in vixChain is the SPX chain', () => {
    const noRoot = asRange(VIX).map((r) => r.slice(1));
    expect(message(() => call('PLAN', sheet, null, null, null, noRoot))).toBe(
      'vixChain: has strikes of VIX levels read as SPXW: a row without a root is an SPXW option; give each row of the VIX chain its root (VIX, or VIXW for the weeklies), or pass the Cboe quotedata file',
    );
    // and the VIX chain in the chain argument, whole within a cell's message
    expect(message(() => call('PLAN', sheet, null, null, asRange(VIX)))).toBe(
      'chain: holds VIX options (roots VIX), no SPX option: it is a VIX chain; pass the VIX options as the vixChain argument, and the SPX chain (roots SPXW, SPX) as the chain argument',
    );
    expect(message(() => call('PLAN', sheet, null, null, null, asRange(SPX)))).toBe(
      'vixChain: holds SPX options (roots SPXW), no VIX option: it is the SPX chain; pass the SPX chain as the chain argument, and the VIX options (roots VIX, VIXW) as the vixChain argument',
    );
  });

  it('refuses a range with no header naming the columns, and a VIX chain over its row limit', () => {
    expect(message(() => call('PLAN', sheet, null, null, asRange(SPX).slice(1)))).toMatch(
      /^chain: is no chain: its first row names none of expiry, strike, type, bid, ask, and it is no quotedata text; select the quotes with their header row or a cell of quotedata text$/,
    );
    const long = asRange(VIX);
    while (long.length <= 8_001) long.push(long[1]!);
    expect(message(() => call('PLAN', sheet, null, null, null, long))).toBe(
      "vixChain: has 8,001 rows of quotes under its header; pass at most 8,000 chain rows; if it is the day's SPX chain, pass it as the chain argument",
    );
    // the SPX chain's own limit is the API's 40,000: the same rows pass it, and the parser names the repeat
    expect(message(() => call('PLAN', sheet, null, null, long))).toMatch(
      /^chain line 296: quotes VIX 2019-01-16 12 call again \(first at chain line 2\); keep one row per option/,
    );
  });

  it('names a chain error raised in the fit by the argument too (a chain of another day)', () => {
    const moved = asRange(SPX);
    const later = planSheet20181224().map(([k, v]) => [k, k === 'date' ? v + 3 : v]);
    // the chain's expiries are after either day; its quotes, fitted on 2018-12-27, give another plan
    expect(() => call('PLAN', later, null, null, moved)).not.toThrow();
    const past = asRange(SPX).map((r, i) => (i === 0 ? r : [isoToExcelSerial('2018-12-21'), ...r.slice(1)]));
    expect(message(() => call('PLAN', sheet, null, null, past))).toBe(
      'chain line 2 column 1 (expiry): is 2018-12-21, before the valuation date; drop expired options from the chain',
    );
  });
});

describeWithData('ALVH.PLAN on the real 2023-06-09 SPXW chain as a range', () => {
  it("gives the API's credit, and the same from the chain's ALVH.SURFACE spill", () => {
    const quotes = parseQuotedata(readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv')).quotes.filter(
      (q) => q.root === 'SPXW',
    );
    const range: unknown[][] = [
      ['expiry', 'strike', 'type', 'bid', 'ask'],
      ...quotes.map((q) => [isoToExcelSerial(q.expiry), q.strike, q.type, q.bid, q.ask]),
    ];
    const sheet = SELECTION_2023_06_09.map(([k, v]) => [k, v]);
    const onChain = call('PLAN', sheet, null, null, range) as unknown[][];
    const spill = call('SURFACE', range, isoToExcelSerial('2023-06-09'), true) as unknown[][];
    const onSpill = call('PLAN', sheet, null, null, spill) as unknown[][];
    const api = plan({
      valuationDate: '2023-06-09',
      market: {
        spx: 4298.86,
        vix: 13.83,
        rate: 0.05,
        divYield: 0.015,
        futures: [
          { expiry: '2023-06-21', price: 14.3 },
          { expiry: '2023-07-19', price: 16.2 },
          { expiry: '2023-08-16', price: 17.3 },
          { expiry: '2023-09-20', price: 18.1 },
        ],
        chain: quotes.map((q) => ({ expiry: q.expiry, strike: q.strike, type: q.type, bid: q.bid, ask: q.ask })),
      },
      condor: { expiry: '2023-07-21', strikes: [3900, 4000, 4500, 4600], quantity: 10 },
      portfolio: { capital: 5_000_000 },
    } as PlanInput);
    expect(api.surface.describe).toMatch(/^SPX surface from chain of 2023-06-09/);
    expect(value(onChain, 'SPX surface')).toBe(api.surface.describe);
    expect(value(onChain, 'Credit')).toBe(api.condor.credit);
    expect(value(onSpill, 'Credit')).toBe(api.condor.credit);
    expect(value(onSpill, 'Premium', 'Tail VIX calls')).toBe(api.tail.premium);
  }, 60_000);
});
