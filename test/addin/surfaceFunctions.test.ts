/**
 * The BUILT ALVH.SURFACE, ALVH.VOL and the range forms of ALVH.BS and ALVH.BLACK76, loaded as
 * Excel loads them: ranges priced in one call agree with the single-option functions cell by
 * cell, sizes combine as Excel combines ranges, every bad cell is named; SURFACE on a real chain
 * is the sizing package's fit, and VOL on the spill is the fitted surface's vol.
 */
import {
  black76Greeks,
  bsGreeks,
  buildSurface,
  fitChainSurface,
  isoToExcelSerial,
  parseChainTable,
  parseQuotedata,
  yearsToExpiry,
  type Greeks,
} from '@alvh/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf as apiErrorOf } from '../helpers/errors';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { ensureAddinBuilt, ErrorCode, errorOf, loadBuiltFunctions, type CustomFunction } from './stubs/customFunctions';

let fns: Map<string, CustomFunction>;
beforeAll(() => {
  ensureAddinBuilt();
  fns = loadBuiltFunctions();
});
const call = (id: string, ...args: unknown[]) => fns.get(id)!(...args);
const OUTPUTS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const;

/** A deterministic pseudo-random sequence in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Agreement within 1e-12 relative (1e-12 absolute near zero). */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
}

describe('ALVH.BS and ALVH.BLACK76 over ranges', () => {
  const r = rng(7);
  const N = 2000;
  const col = (f: () => number | string) => Array.from({ length: N }, () => [f()]);
  const type = col(() => (r() < 0.5 ? 'call' : 'put'));
  const spot = col(() => 3000 + 3000 * r());
  const strike = spot.map(([s]) => [Math.round((s as number) * (0.6 + 0.8 * r()))]);
  const years = col(() => (r() < 0.02 ? 0 : 1 / 365 + 2 * r()));
  const vol = col(() => 0.05 + 0.8 * r());
  const rate = col(() => 0.06 * r());
  const q = col(() => 0.03 * r());

  it.each(OUTPUTS)('BS %s over 2000 rows equals the single function in every cell (expired rows intrinsic)', (out) => {
    const got = call('BS', type, spot, strike, years, vol, rate, q, out) as number[][];
    expect(got).toHaveLength(N);
    for (let i = 0; i < N; i++) {
      const g: Greeks = bsGreeks({
        type: type[i]![0] as 'call' | 'put',
        spot: spot[i]![0] as number,
        strike: strike[i]![0] as number,
        years: years[i]![0] as number,
        vol: vol[i]![0] as number,
        rate: rate[i]![0] as number,
        divYield: q[i]![0] as number,
      });
      expect(close(got[i]![0]!, g[out]), `row ${i + 1}: ${got[i]![0]} vs ${g[out]}`).toBe(true);
    }
  });

  it('BLACK76 over a range, every output in one call (a row of outputs gives one column each)', () => {
    const F = spot.map(([s]) => [(s as number) / 200]);
    const K = strike.map(([k]) => [(k as number) / 200]);
    const got = call('BLACK76', type, F, K, years, vol, rate, [[...OUTPUTS]]) as number[][];
    expect(got).toHaveLength(N);
    expect(got[0]).toHaveLength(6);
    for (let i = 0; i < N; i++) {
      const g = black76Greeks({
        type: type[i]![0] as 'call' | 'put',
        future: F[i]![0]!,
        strike: K[i]![0]!,
        years: years[i]![0] as number,
        vol: vol[i]![0] as number,
        rate: rate[i]![0] as number,
      });
      OUTPUTS.forEach((o, j) => expect(close(got[i]![j]!, g[o]), `row ${i + 1} ${o}`).toBe(true));
    }
  });

  it('a row of outputs is an axis of its own: one column each for a column of options, never one output per strike', () => {
    const single = (K: number, o: (typeof OUTPUTS)[number]) =>
      bsGreeks({ type: 'call', spot: 42, strike: K, years: 0.5, vol: 0.2, rate: 0.1, divYield: 0 })[o];
    const outputs = [['price', 'delta', 'vega']];
    const got = call('BS', 'call', 42, [[38], [40], [42]], 0.5, 0.2, 0.1, 0, outputs) as number[][];
    [38, 40, 42].forEach((K, i) =>
      (['price', 'delta', 'vega'] as const).forEach((o, j) => expect(close(got[i]![j]!, single(K, o))).toBe(true)),
    );
    // A row of strikes with a row of outputs gave price at 38, delta at 40, vega at 42: refused, naming output.
    const e = errorOf(() => call('BS', 'call', 42, [[38, 40, 42]], 0.5, 0.2, 0.1, 0, outputs));
    expect(e.code).toBe(ErrorCode.invalidValue);
    expect(e.message).toBe(
      'output: is a row of 3 names (one column each) and strike is a 1×3 range across the same columns; pass strike as a column (one option per row), or one output',
    );
    expect(errorOf(() => call('BLACK76', [['call', 'put']], 20, 20, 0.5, 1, 0, [['price', 'delta']])).message).toMatch(
      /^output: is a row of 2 names \(one column each\) and type is a 1×2 range/,
    );
    // A column of outputs gives one row each, against a row of strikes; not against a column.
    const rows = call('BS', 'call', 42, [[38, 40]], 0.5, 0.2, 0.1, 0, [['price'], ['delta']]) as number[][];
    expect(close(rows[1]![0]!, single(38, 'delta')) && close(rows[0]![1]!, single(40, 'price'))).toBe(true);
    expect(
      errorOf(() => call('BS', 'call', 42, [[38], [40]], 0.5, 0.2, 0.1, 0, [['price'], ['delta']])).message,
    ).toMatch(
      /^output: is a column of 2 names \(one row each\) and strike is a 2×1 range down the same rows; pass strike as a row/,
    );
    // One output over a row of strikes, and a row of outputs for one option, are as before.
    expect(call('BS', 'call', 42, [[38, 40]], 0.5, 0.2, 0.1, 0, 'delta')).toEqual([
      [single(38, 'delta'), single(40, 'delta')].map((x) => expect.closeTo(x, 12)),
    ]);
    const one = call('BS', 'call', 42, 40, 0.5, 0.2, 0.1, 0, outputs) as number[][];
    expect(one).toHaveLength(1);
    (['price', 'delta', 'vega'] as const).forEach((o, j) => expect(close(one[0]![j]!, single(40, o))).toBe(true));
  });

  it('a column of strikes against a row of vols gives the table of every pair', () => {
    const got = call('BS', 'put', 5000, [[4500], [5000], [5500]], 0.25, [[0.1, 0.2]]) as number[][];
    expect(got.map((x) => x.length)).toEqual([2, 2, 2]);
    expect(got[1]![1]).toBeCloseTo(
      bsGreeks({ type: 'put', spot: 5000, strike: 5000, years: 0.25, vol: 0.2, rate: 0, divYield: 0 }).price,
      12,
    );
    // Puts rise with the strike and with the vol.
    expect(got[2]![0]).toBeGreaterThan(got[1]![0]!);
    expect(got[0]![1]).toBeGreaterThan(got[0]![0]!);
  });

  it('names the cell of a bad value, and ranges of sizes that do not combine', () => {
    const strikes = [[4500], ['abc'], [5500]];
    let e = errorOf(() => call('BS', 'put', 5000, strikes, 0.25, 0.2));
    expect(e.code).toBe(ErrorCode.invalidValue);
    expect(e.message).toMatch(/^strike\[2\]: is "abc"/);
    e = errorOf(() => call('BS', 'put', 5000, [[4500], [5000]], 0.25, [[0.2], [18]]));
    expect(e.message).toMatch(/^vol\[2\]:.*0\.18/);
    e = errorOf(() => call('BS', 'put', 5000, [[4500], [5000]], 0.25, [[0.2], [0.2], [0.2]]));
    expect(e.message).toMatch(/^vol: is a 3×1 range and strike is 2×1/);
    e = errorOf(() => call('BS', [['put'], ['straddle']], 5000, [[4500], [5000]], 0.25, 0.2));
    expect(e.message).toMatch(/^type\[2\]:/);
    e = errorOf(() => call('BLACK76', 'call', 19, [[20], [21]], 0.2, 1.1, [[0.04], ['']]));
    expect(e.message).toMatch(/^rate\[2\]: is empty/);
  });

  it('a blank cell inside a range of outputs is named, not priced as "price"; one omitted output is "price"', () => {
    const e = errorOf(() => call('BS', 'call', 100, 100, 1, 0.2, 0.05, null, [['price', '', 'delta']]));
    expect(e.code).toBe(ErrorCode.invalidValue);
    expect(e.message).toBe(
      'output[2]: is empty; fill it with one of price, delta, gamma, vega, theta, rho, or select only the names',
    );
    expect(errorOf(() => call('BLACK76', 'call', 20, 20, 0.5, 1, 0, [['delta'], [null]])).message).toMatch(
      /^output\[2\]: is empty/,
    );
    const price = (call('BS', 'call', 100, 100, 1, 0.2, 0.05) as number[][])[0]![0]!;
    expect(price).toBeCloseTo(10.4506, 4);
    expect((call('BS', 'call', 100, 100, 1, 0.2, 0.05, null, '') as number[][])[0]![0]).toBe(price);
    expect((call('BS', 'call', 100, 100, 1, 0.2, 0.05, null, [['']]) as number[][])[0]![0]).toBe(price);
  });
});

/**
 * A chain table of two expiries `days` after 2023-06-09, quoted from a skewed Black-Scholes smile
 * at 17 strikes about the forward (10 points apart under 10 days, else 50).
 */
function smileTable(days: [number, number]): unknown[][] {
  const quoted = isoToExcelSerial('2023-06-09');
  return [
    ['Expiry', 'Strike', 'Type', 'Bid', 'Ask'],
    ...days.flatMap((d, j) =>
      Array.from({ length: 17 }, (_, i) => 4320 + (d < 10 ? 10 : 50) * (i - 8)).flatMap((K) => {
        const F = 4320 + 13 * j;
        const t = d / 365;
        const v = 0.12 * (1 - 0.9 * Math.log(K / F));
        const c = bsGreeks({ type: 'call', spot: F, strike: K, years: t, vol: v, rate: 0, divYield: 0 }).price;
        const p = c - (F - K);
        return [
          [quoted + d, K, 'C', Math.max(c - 0.1, 0.05), c + 0.1],
          [quoted + d, K, 'P', Math.max(p - 0.1, 0.05), p + 0.1],
        ];
      }),
    ),
  ];
}

describe('ALVH.SURFACE and ALVH.VOL on a small table', () => {
  const table: unknown[][] = [
    ['Expiry', 'Strike', 'Type', 'Bid', 'Ask'],
    ...['2023-07-21', '2023-08-18'].flatMap((expiry, j) =>
      Array.from({ length: 17 }, (_, i) => 3900 + 50 * i).flatMap((K) => {
        const F = 4320 + 13 * j;
        const t = (j === 0 ? 42 : 70) / 365;
        const v = 0.12 * (1 - 0.9 * Math.log(K / F));
        const c = bsGreeks({ type: 'call', spot: F, strike: K, years: t, vol: v, rate: 0, divYield: 0 }).price;
        const p = c - (F - K);
        return [
          [isoToExcelSerial(expiry), K, 'C', Math.max(c - 0.1, 0.05), c + 0.1],
          [isoToExcelSerial(expiry), K, 'P', Math.max(p - 0.1, 0.05), p + 0.1],
        ];
      }),
    ),
    ['', '', '', '', ''],
  ];
  const date = isoToExcelSerial('2023-06-09');
  // a far wing's three cells, as a user's sheet heads them: its third is a width, not a delta
  const WING_HEADERS = [
    'put wing k',
    'put wing beta',
    'put wing width',
    'call wing k',
    'call wing beta',
    'call wing width',
  ];

  it('spills one row per expiry, with a header row on request, equal to the package fit', () => {
    const rows = call('SURFACE', table, date, true) as unknown[][];
    expect(rows[0]).toEqual([
      'expiry',
      'forward',
      'ATM vol',
      'SVI a',
      'SVI b',
      'SVI rho',
      'SVI m',
      'SVI sigma',
      'fit RMSE (vol pts)',
      'years',
      'discount',
      ...WING_HEADERS,
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]![0]).toBe(isoToExcelSerial('2023-07-21'));
    expect(rows[1]![1] as number).toBeCloseTo(4320, 0);
    expect(rows[1]![9] as number).toBeCloseTo(42 / 365, 6);
    expect(rows[1]![8] as number).toBeLessThan(0.5);
  });

  it('VOL on the spill equals VOL on the table, for a column of expiries against a row of strikes', () => {
    const spill = call('SURFACE', table, date) as unknown[][];
    const expiries = [
      [isoToExcelSerial('2023-07-21')],
      [isoToExcelSerial('2023-08-04')],
      [isoToExcelSerial('2023-12-15')],
    ];
    const strikes = [[4000, 4300, 4600]];
    const a = call('VOL', spill, expiries, strikes) as number[][];
    const b = call('VOL', table, expiries, strikes, date) as number[][];
    expect(a.map((x) => x.length)).toEqual([3, 3, 3]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(close(a[i]![j]!, b[i]![j]!)).toBe(true);
    // The smile's skew: the 4000 put wing above the 4600 call wing.
    expect(a[0]![0]).toBeGreaterThan(a[0]![2]!);
    // the spill pasted as CSV text, every number a string, reads as the spill (it was taken for a chain)
    const text = spill.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : c)));
    expect(call('VOL', text, expiries, strikes)).toEqual(a);
    expect(
      errorOf(() =>
        call(
          'VOL',
          text.map((r) => r.slice(0, 11)),
          expiries,
          strikes,
        ),
      ).message,
    ).toMatch(/^surface: has 11 columns, not the 17 of an ALVH.SURFACE spill/);
    // a spill carries its date: the same date is accepted, another one is an error, not ignored
    expect(call('VOL', spill, expiries, strikes, date)).toEqual(a);
    expect(errorOf(() => call('VOL', spill, expiries, strikes, date + 30)).message).toMatch(
      /^valuationDate: is 2023-07-09, but the SURFACE spill is of 2023-06-09/,
    );
    // an edited spill whose SVI is no smile is named at its cell, never read into vols
    const edited = (row: number, col: number, v: number) =>
      spill.map((r, i) => (i === row ? r.map((c, j) => (j === col ? v : c)) : r));
    const vol = (sp: unknown[][]) => errorOf(() => call('VOL', sp, expiries, strikes)).message;
    expect(vol(edited(1, 4, -1))).toMatch(/^surface row 2 \(SVI b\): is -1, but must not be negative/);
    expect(vol(edited(0, 7, -1))).toMatch(/^surface row 1 \(SVI sigma\): is -1, but must be greater than 0/);
    expect(vol(edited(0, 5, 5))).toMatch(/^surface row 1 \(SVI rho\): is 5, outside \[-1, 1\]/);
    expect(vol(edited(0, 3, -1))).toMatch(/^surface row 1 \(SVI a\): is -1: the smile's least total variance/);
    expect(vol(edited(0, 1, 0))).toMatch(/^surface row 1 \(forward\): is 0/);
    // an SVI a of 1e6 is a smile, but one of vols no option is marked at: refused naming the surface
    // (docs/excel.md quotes it)
    const huge = errorOf(() => call('VOL', edited(0, 3, 1e6), expiries, strikes));
    expect(huge.code).toBe(ErrorCode.invalidValue);
    expect(huge.message).toMatch(
      /^surface: gives a vol of 294,796% at 2023-07-21, strike 4000, above the 500% any option is marked at; pass the surface as ALVH.SURFACE spilled it$/,
    );
    expect(huge.message!.length).toBeLessThanOrEqual(200);
    // a put wing whose slope drives total variance below 0 is named at its beta cell
    const wing = spill.map((r, i) =>
      i === 0 ? r.map((c, j) => [c, c, c, c, c, c, c, c, c, c, c, -0.02, -2, 0.01][j] ?? c) : r,
    );
    expect(vol(wing)).toMatch(/^surface row 1 \(put wing beta\): is -2: .*pass a beta above -?\d/);
    // a wing's third cell is its width in log-moneyness, named so (it was "put wing delta")
    const width = spill.map((r, i) =>
      i === 0 ? r.map((c, j) => [c, c, c, c, c, c, c, c, c, c, c, -0.02, 0.1, -1][j] ?? c) : r,
    );
    expect(vol(width)).toMatch(/^surface row 1 \(put wing width\): is -1, but must be greater than 0/);
    // a table written under the former header ("put wing delta", "call wing delta") still reads
    const headed = call('SURFACE', table, date, true) as unknown[][];
    expect(headed[0]!.slice(11)).toEqual(WING_HEADERS);
    const former = [headed[0]!.map((h) => String(h).replace(/ wing width$/, ' wing delta')), ...headed.slice(1)];
    expect(former[0]).toContain('call wing delta');
    expect(call('VOL', former, expiries, strikes)).toEqual(a);
    expect(call('VOL', headed, expiries, strikes)).toEqual(a);
    // a range selected longer than its strikes or expiries names the empty cell and the fix
    expect(errorOf(() => call('VOL', spill, expiries, [[4000, 4300, null]])).message).toBe(
      'strike[3]: is empty; fill it, or select only the strike cells that hold values',
    );
    expect(errorOf(() => call('VOL', spill, [...expiries, ['']], 4300)).message).toBe(
      'expiry[4]: is empty; fill it, or select only the expiry cells that hold values',
    );
    // an expiry past the exchange calendar is refused as every date argument refuses it, not extrapolated
    expect(errorOf(() => call('VOL', spill, 2958465, 4300)).message).toBe(
      "expiry: is 9999-12-31, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040",
    );
    expect(errorOf(() => call('VOL', spill, [[expiries[0]![0]], [isoToExcelSerial('2045-01-02')]], 4300)).message).toBe(
      "expiry[2]: is 2045-01-02, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040",
    );
    expect(call('VOL', spill, isoToExcelSerial('2040-12-21'), 4300)).toEqual([[expect.any(Number)]]);
  });

  it("reads a spill's quote date from its first expiry, whatever the days (24/365·365 is 23.999…)", () => {
    const message = (f: () => unknown) => errorOf(f).message ?? '';
    for (const days of [3, 6, 12, 24, 48]) {
      const spill = call('SURFACE', smileTable([days, days + 28]), date) as unknown[][];
      const at = [[date + days], [date + days + 14]];
      const vols = call('VOL', spill, at, [[4300, 4340]]);
      // the quote date itself and a day either side are taken; two days off is refused, naming 2023-06-09
      for (const near of [date - 1, date, date + 1]) expect(call('VOL', spill, at, [[4300, 4340]], near)).toEqual(vols);
      for (const far of [date - 2, date + 2])
        expect(
          message(() => call('VOL', spill, at, 4300, far)),
          `${days} days`,
        ).toMatch(/^valuationDate: is 2023-06-\d\d, but the SURFACE spill is of 2023-06-09 /);
    }
  });

  it('reads the expiry column headed "Expiration" (a broker\'s or Cboe\'s name), its Excel dates too', () => {
    for (const name of ['Expiration', 'exp date']) {
      const renamed = [
        ['Root', name, 'Strike', 'Type', 'Bid', 'Ask'],
        ...table.slice(1).map((r) => [r[0] === '' ? '' : 'SPXW', ...r]),
      ];
      expect(call('SURFACE', renamed, date)).toEqual(call('SURFACE', table, date));
      expect(call('VOL', renamed, 45128, 4300, date)).toEqual(call('VOL', table, 45128, 4300, date));
    }
  });

  it('reads numbers typed as text in the table under the one rule ("3,950" a strike, "1,234.5" a price)', () => {
    // the cells as a CSV export pastes them: every number text, strikes grouped by thousands
    const typed = table.map((r, i) =>
      i === 0 || r[0] === ''
        ? r
        : [String(r[0]), (r[1] as number).toLocaleString('en-US'), r[2], ` ${String(r[3])} `, String(r[4])],
    );
    expect(typed[1]![1]).toBe('3,900');
    expect(call('SURFACE', typed, date)).toEqual(call('SURFACE', table, date));
    expect(call('VOL', typed, 45128, 4300, date)).toEqual(call('VOL', table, 45128, 4300, date));
    // what the rule does not read is named at its cell, never read as Number() reads it (0xF3C is 3900)
    const cell = (col: number, v: string) => table.map((r, i) => (i === 1 ? r.map((c, j) => (j === col ? v : c)) : r));
    const message = (f: () => unknown) => errorOf(f).message ?? '';
    expect(message(() => call('SURFACE', cell(1, '0xF3C'), date))).toBe(
      'chain row 2 (strike): is "0xF3C", not a number; pass the strike in index points (text such as "4,300" also reads as one)',
    );
    expect(message(() => call('SURFACE', cell(3, '5%'), date))).toMatch(/^chain row 2 \(bid\): is "5%", not a number/);
    expect(message(() => call('VOL', cell(4, '1,5'), 45128, 4300, date))).toMatch(
      /^surface row 2 \(ask\): is "1,5", not a number/,
    );
  });

  it('names what is wrong with a bad chain', () => {
    const message = (f: () => unknown) => errorOf(f).message ?? '';
    expect(message(() => call('SURFACE', table))).toBe(
      'valuationDate: is missing; a plain table carries no date; pass the date of the quotes as an Excel date (a date cell, or a serial such as 45086 for 2023-06-09)',
    );
    expect(isoToExcelSerial('2023-06-09')).toBe(45086);
    expect(message(() => call('VOL', table, 45128, 4300))).toMatch(/^valuationDate: is missing; .* as an Excel date/);
    expect(message(() => call('SURFACE', [table[0]], date))).toMatch(/^chain: has no rows/);
    expect(message(() => call('SURFACE', table.slice(0, 35), date))).toMatch(/^chain:.*expir/);
    const noPuts = table.filter((r) => r[2] !== 'P');
    expect(message(() => call('SURFACE', noPuts, date))).toMatch(/^chain:.*put/);
    const crossed = table.map((r, i) => (i > 0 && r[3] !== '' ? [r[0], r[1], r[2], 1000, 1] : r));
    expect(message(() => call('SURFACE', crossed, date))).toMatch(/crossed/);
    const badHeader = [['expiry', 'strike', 'kind', 'bid', 'ask'], ...table.slice(1)];
    expect(message(() => call('SURFACE', badHeader, date))).toMatch(/^chain line 1:/);
    expect(message(() => call('VOL', badHeader, 45128, 4300, date))).toMatch(/^surface line 1:/);
    // not a chain at all: said so, not blamed on a missing date
    expect(message(() => call('SURFACE', 'abc'))).toMatch(/^chain: is no chain: its first row names none of/);
    expect(message(() => call('VOL', 'abc', 45128, 4300))).toMatch(/^surface: is no chain: .*; select the quotes/);
    // a semicolon CSV in one cell (European Excel): the separator is named, not a missing date
    expect(message(() => call('SURFACE', 'expiry;strike;type;bid;ask\n2023-07-21;4300;put;60,1;60,6'))).toMatch(
      /^chain line 1: is the header "expiry;strike;type;bid;ask", separated by semicolons/,
    );
    // a spill selected without its wing columns, with or without its header row, is said to be one
    // (with its header it was "valuationDate: is missing; a plain table carries no date")
    for (const spill of [call('SURFACE', table, date), call('SURFACE', table, date, true)] as unknown[][][]) {
      const cut = spill.map((r) => r.slice(0, 11));
      expect(message(() => call('VOL', cut, 45128, 4300))).toBe(
        'surface: has 11 columns, not the 17 of an ALVH.SURFACE spill; select the whole ALVH.SURFACE spill (17 columns, expiry to call wing width), with or without its header row',
      );
    }
    // TRANSPOSE of a spill with its header is said to be laid across (it was "valuationDate: is
    // missing" from VOL, and PLAN read its first row as a chain header)
    const headed = call('SURFACE', table, date, true) as unknown[][];
    const across = headed[0]!.map((_, j) => headed.map((r) => r[j]));
    expect(message(() => call('VOL', across, 45128, 4300))).toBe(
      'surface: is an ALVH.SURFACE spill laid across: its column names run down the first column; select the spill as ALVH.SURFACE writes it, one row per expiry (not its TRANSPOSE)',
    );
    expect(message(() => call('VOL', call('SURFACE', table, date), isoToExcelSerial('2023-06-01'), 4300))).toBe(
      'expiry: is 2023-06-01, not after the valuation date 2023-06-09; pass a later expiry',
    );
    // a strike typed in thousands read a vol of 354% from the far wing
    // checked against the surface's spot, as /api/surface checks it: a table or a spill carries none,
    // so it is the nearest expiry's forward
    const spill = call('SURFACE', table, date) as number[][];
    const f = Number(spill[0]![1]!.toFixed(2));
    expect(f).not.toBe(Number(spill[1]![1]!.toFixed(2)));
    for (const surface of [spill, table])
      expect(message(() => call('VOL', surface, 45128, [[4300, 0.43]], surface === table ? date : null))).toBe(
        `strike[2]: is 0.43, far from SPX at ${f}; pass strikes in index points, between ${Number((f / 2).toFixed(2))} and ${Number((2 * f).toFixed(2))} at this SPX`,
      );
  });
});

describeWithData('ALVH.SURFACE on a real chain as a range', () => {
  it('2023-06-09: the SPXW table in cells fits as the package fits the same table, and VOL reproduces its vols', () => {
    const chain = parseQuotedata(readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv'));
    const quotes = chain.quotes.filter((x) => x.root === 'SPXW');
    const range: unknown[][] = [
      ['expiry', 'strike', 'type', 'bid', 'ask'],
      ...quotes.map((x) => [isoToExcelSerial(x.expiry), x.strike, x.type, x.bid, x.ask]),
    ];
    const date = isoToExcelSerial('2023-06-09');
    const spill = call('SURFACE', range, date) as number[][];
    const fit = fitChainSurface(
      parseChainTable(
        quotes.map((x) => ({ expiry: x.expiry, strike: x.strike, type: x.type, bid: x.bid, ask: x.ask })),
        { valuationDate: '2023-06-09' },
      ),
    );
    const inSurface = fit.slices.filter((s) => s.inSurface);
    expect(spill).toHaveLength(inSurface.length);
    inSurface.forEach((s, i) => {
      expect(spill[i]![1]).toBe(s.forward);
      expect(spill[i]![2]).toBe(s.atmVol);
      expect(spill[i]![4]).toBe(s.svi.b);
      // the far wings fitted beyond the 5-delta strikes, in the spill's last six cells (empty: none)
      const w = s.svi.putWing;
      expect(spill[i]!.slice(11, 14)).toEqual(w === undefined ? ['', '', ''] : [w.k, w.beta, w.delta]);
      const c = s.svi.callWing;
      expect(spill[i]!.slice(14, 17)).toEqual(c === undefined ? ['', '', ''] : [c.k, c.beta, c.delta]);
    });
    expect(inSurface.filter((s) => s.svi.putWing !== undefined).length).toBeGreaterThan(inSurface.length / 2);
    // 3400 and 3600 lie in the far put wing (below 2 delta at 42 days), 4700 in the call wing
    const k = [[3400, 3600, 3900, 4100, 4300, 4500, 4700]];
    const e = [[isoToExcelSerial('2023-07-21')], [isoToExcelSerial('2023-09-15')]];
    const v = call('VOL', spill, e, k) as number[][];
    const t = [
      fit.surface.slices.find((s) => s.expiry === '2023-07-21')!.years,
      fit.surface.slices.find((s) => s.expiry === '2023-09-15')!.years,
    ];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 7; j++) expect(close(v[i]![j]!, fit.surface.vol(t[i]!, k[0]![j]!))).toBe(true);
  }, 30_000);

  it('2022-02-04 quotedata: VOL on the spill is the fit from the first expiry on; before it the spill, with no spot, differs as docs/excel.md says', () => {
    const text = readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv');
    const spill = call('SURFACE', text) as number[][];
    const s = fitChainSurface(parseQuotedata(text)).surface;
    expect(spill[0]![0]).toBe(isoToExcelSerial('2022-02-07'));
    const at = (iso: string, K: number): [number, number] => {
      const t = yearsToExpiry(s)(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
      return [(call('VOL', spill, isoToExcelSerial(iso), K) as number[][])[0]![0]!, s.vol(t, K)];
    };
    for (const iso of ['2022-02-07', '2022-03-18', '2022-12-30'])
      for (const K of [3800, 4276, 4500]) {
        const [fromSpill, fitted] = at(iso, K);
        expect(close(fromSpill, fitted), `${iso} ${K}`).toBe(true);
      }
    const [fromSpill, fitted] = at('2022-02-05', 4276);
    expect([fromSpill.toFixed(5), fitted.toFixed(5)]).toEqual(['0.29255', '0.29555']);
    expect(s.spot).not.toBe(s.slices[0]!.forward); // the file's Last, not the nearest forward
    const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(
      `On the 2022-02-04 file at expiry 2022-02-05 (before the first, 2022-02-07) and strike 4276 the spill gives ${fromSpill.toFixed(5)} and the fitted surface ${fitted.toFixed(5)}`,
    );
  });

  it('2022-02-04 quotedata: VOL and /api/surface bound a strike by one reference, SPX (the Last 4500.53)', () => {
    // VOL took half to twice the nearest forward (4495.34) and /api/surface half to twice spot:
    // 2249 was a vol in Excel and a 400 from the API, 8995 the other way round
    const text = readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv');
    const expiry = '2022-03-18';
    const api = (...strikes: number[]) =>
      buildSurface({ chain: text, points: strikes.map((strike) => ({ expiry, strike })) });
    const vol = (...strikes: number[]) => call('VOL', [[text]], isoToExcelSerial(expiry), [strikes]) as number[][];
    const refusal = 'far from SPX at 4500.53; pass strikes in index points, between 2250.26 and 9001.06 at this SPX';
    for (const strike of [2249, 9002]) {
      expect([errorOf(() => vol(strike)).message, apiErrorOf(() => api(strike)).message]).toEqual([
        `strike: is ${strike}, ${refusal}`,
        `points[0].strike: is ${strike}, ${refusal}`,
      ]);
    }
    const [inExcel, inApi] = [vol(2251, 8995)[0]!, api(2251, 8995).points.map((p) => p.vol)];
    for (const i of [0, 1]) expect(close(inExcel[i]!, inApi[i]!)).toBe(true);
  });

  it("2023-06-09: VOL refuses the same-day expiry the surface leaves out, in /api/surface's words", () => {
    // Quoted at 13:40 with the 0DTE SPXW settling at 16:00: the fit leaves that slice out, and VOL
    // read 27.3%, 7.4%, 16.8% at 4250, 4300, 4350 off the front extrapolation (market ~20% at 4300).
    const text = readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv');
    const spill = call('SURFACE', [[text]], undefined, true) as unknown[][];
    const today = isoToExcelSerial('2023-06-09');
    for (const surface of [spill, [[text]]]) {
      expect(errorOf(() => call('VOL', surface, [[today]], [[4250, 4300, 4350]])).message).toBe(
        'expiry: is 2023-06-09, not after the valuation date 2023-06-09; pass a later expiry',
      );
      // a range names the cell
      const e = [[isoToExcelSerial('2023-06-12')], [today]];
      expect(errorOf(() => call('VOL', surface, e, 4300)).message).toMatch(
        /^expiry\[2\]: is 2023-06-09, not after the valuation date 2023-06-09; pass a later expiry$/,
      );
    }
    // the day after is read
    const next = call('VOL', spill, [[isoToExcelSerial('2023-06-12')]], [[4300]]) as number[][];
    expect(next[0]![0]).toBeGreaterThan(0.05);
  }, 60_000);

  it('2023-06-09: SPX (AM) and SPXW (PM) of one expiry need a root column; with it the table fits as the package fits it', () => {
    const chain = parseQuotedata(readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv'));
    const row = (x: (typeof chain.quotes)[number]) => [isoToExcelSerial(x.expiry), x.strike, x.type, x.bid, x.ask];
    const date = isoToExcelSerial('2023-06-09');
    // without roots the SPX monthly of 2023-06-16 reads as SPXW and meets the SPXW quote of its strike
    const bare = [['expiry', 'strike', 'type', 'bid', 'ask'], ...chain.quotes.map(row)];
    const e = errorOf(() => call('SURFACE', bare, date));
    expect(e.code).toBe(ErrorCode.invalidValue);
    expect(e.message).toMatch(
      /^chain line \d+: quotes SPXW 2023-06-16 \d+ (call|put) again \(first at chain line \d+\); add a root column \(SPX for AM-settled options, SPXW for PM; a row without one is SPXW\), or remove the repeat$/,
    );
    const rooted = [['root', ...bare[0]!], ...chain.quotes.map((x) => [x.root, ...row(x)])];
    const spill = call('SURFACE', rooted, date) as number[][];
    const fit = fitChainSurface(
      parseChainTable(
        chain.quotes.map((x) => ({
          root: x.root,
          expiry: x.expiry,
          strike: x.strike,
          type: x.type,
          bid: x.bid,
          ask: x.ask,
        })),
        { valuationDate: '2023-06-09' },
      ),
    );
    const inSurface = fit.slices.filter((s) => s.inSurface);
    expect(spill.map((r) => [r[0], r[1], r[2]])).toEqual(
      inSurface.map((s) => [isoToExcelSerial(s.expiry), s.forward, s.atmVol]),
    );
  }, 30_000);
});
