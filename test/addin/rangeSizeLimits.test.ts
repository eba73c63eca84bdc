/**
 * A range over a function's limit is refused from its size, before its cells are read: a whole
 * column (1,048,576 rows) passed to a function held Excel's function runtime for seconds before a
 * limit said no, or with no limit at all. The ranges here are proxies whose cells past the limit
 * throw when read (the ends, where a scan for the values starts, excepted): a refusal that read
 * them would show that error instead of its message. A range selected longer than its data (a
 * whole column holding a few values) is still read as those values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, errorOf, useBuiltFunctions } from './stubs/customFunctions';
import { planSheet20181224 } from './stubs/planSheet';
import { isoToExcelSerial, vxExpiriesAfter } from '@alvh/shared';

const call = useBuiltFunctions();

const ROWS = 1_048_576;
const COLUMNS = 16_384;

/**
 * A range of `length` rows (or cells of a row) given by `at`, whose places from `readable` to the
 * last but one throw when read.
 */
function guarded<T>(length: number, at: (i: number) => T, readable: number): T[] {
  const place = (key: string | symbol) => (typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : undefined);
  return new Proxy(new Array<T>(length), {
    // every place holds a cell, as in a range Excel passes (array methods skip a sparse array's holes)
    has: (target, key) => (place(key) ?? length) < length || Reflect.has(target, key),
    get(target, key, receiver) {
      if (typeof key !== 'string' || !/^\d+$/.test(key)) return Reflect.get(target, key, receiver) as unknown;
      const i = Number(key);
      if (i >= readable && i < length - 1) throw new Error(`place ${i + 1} of ${length} was read`);
      return at(i);
    },
  });
}

/** A column of `rows` cells `cell(i)`, its rows past `readable` unread. */
const column = (rows: number, cell: (i: number) => unknown, readable = 10) => guarded(rows, (i) => [cell(i)], readable);

/** The #VALUE! message of a call (fails when the call answers or gives another error). */
function invalid(id: string, ...args: unknown[]): string {
  const e = errorOf(() => call(id, ...args));
  expect(e.code, e.message).toBe(ErrorCode.invalidValue);
  return e.message ?? '';
}

describe('ALVH.BS and ALVH.BLACK76 price at most 100,000 cells in one call', () => {
  const fix = 'price at most 100,000 cells in one call (a chain in parts)';

  it('a whole column of strikes is refused naming strike, its size and the cells, none read', () => {
    expect(
      invalid(
        'BS',
        'put',
        5000,
        column(ROWS, () => 4000),
        0.25,
        0.2,
      ),
    ).toBe(`strike: is a 1,048,576×1 range: a result of 1,048,576 cells; ${fix}`);
    expect(
      invalid(
        'BLACK76',
        'call',
        column(100_001, () => 20),
        25,
        0.1,
        1.2,
      ),
    ).toBe(`future: is a 100,001×1 range: a result of 100,001 cells; ${fix}`);
  });

  it('docs/excel.md gives the message of a whole column holding a few strikes, and of one full of them', () => {
    const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8').replace(/\s+/g, ' ');
    const example = doc.indexOf('`=ALVH.BS("put", 5000, A:A, 0.25, 0.2)`');
    expect(example).toBeGreaterThan(0);
    // A:A with strikes in A1:A3: its first empty cell is named, the one to end the selection before
    const few = invalid(
      'BS',
      'put',
      5000,
      column(ROWS, (i) => (i < 3 ? 4000 + 50 * i : null)),
      0.25,
      0.2,
    );
    expect(few).toBe('strike[4]: is empty; fill it, or select only the strike cells that hold values');
    const said = [...doc.slice(example).matchAll(/`(strike[^`]*)`/g)].map((m) => m[1]);
    expect(said[0]).toBe(few);
    // a column whose last cell holds a strike is refused by its size, as the page says next
    expect(said[1]).toBe(`strike: is a 1,048,576×1 range: a result of 1,048,576 cells; ${fix}`);
  });

  it('a column against a row names both (10,000 strikes × 1,000 vols), none read', () => {
    const vols = [guarded(1000, () => 0.2, 10)];
    expect(
      invalid(
        'BS',
        'put',
        5000,
        column(10_000, () => 4000),
        0.25,
        vols,
      ),
    ).toBe(`strike: is a 10,000×1 range and vol a 1×1,000 range: a result of 10,000,000 cells; ${fix}`);
  });

  it('exactly 100,000 strikes are priced, a cell each', () => {
    const strikes = Array.from({ length: 100_000 }, (_, i) => [3000 + (i % 4000)]);
    const prices = call('BS', 'put', 5000, strikes, 0.25, 0.2) as number[][];
    expect(prices.length).toBe(100_000);
    expect(prices.every((row) => row.length === 1 && typeof row[0] === 'number')).toBe(true);
  });

  it('a whole sheet of strikes is refused as its size, not "Invalid typed array length"', () => {
    const sheet = guarded(ROWS, () => guarded(COLUMNS, () => 4000, 10), 10);
    expect(invalid('BS', 'put', 5000, sheet, 0.25, 0.2)).toBe(
      `strike: is a 1,048,576×16,384 range: a result of 17,179,869,184 cells; ${fix}`,
    );
  });
});

describe('series over their limit are refused from their size', () => {
  it("ALVH.RSI and ALVH.MACD take at most 10,000 values, as the plan's signal histories", () => {
    expect(
      invalid(
        'RSI',
        column(ROWS, (i) => 4000 + (i % 7)),
      ),
    ).toBe('closes: has 1,048,576 closes; pass at most 10,000 closes, the most recent');
    expect(
      invalid(
        'MACD',
        column(10_001, (i) => 100 + (i % 5)),
      ),
    ).toBe('values: has 10,001 values; pass at most 10,000 values, the most recent');
  });

  it('exactly 10,000 closes are taken, a blank cell below them not counted', () => {
    const closes = Array.from({ length: 10_000 }, (_, i): unknown[] => [4000 + ((i * 37) % 101)]);
    const rsi = call('RSI', closes) as number[][];
    expect(typeof rsi[0]![0]).toBe('number');
    // a 10,001-cell selection whose last cell is empty holds the same 10,000 closes
    expect(call('RSI', [...closes, [null]])).toEqual(rsi);
  });

  it('a whole column holding a few closes at its top is still those closes', () => {
    const closes = Array.from({ length: 500 }, (_, i) => 4000 + ((i * 37) % 101));
    const whole = guarded(ROWS, (i) => [closes[i] ?? null], ROWS);
    expect(call('RSI', whole)).toEqual(
      call(
        'RSI',
        closes.map((c) => [c]),
      ),
    );
  });

  it('ALVH.ADSLOPE: a whole column is refused unread, naming the argument, not a valid first cell', () => {
    expect(
      invalid(
        'ADSLOPE',
        column(ROWS, () => 1000),
        column(ROWS, () => 900),
      ),
    ).toBe('advancers: has 1,048,576 cells from the first day to the last; pass at most 10,000 days, the most recent');
  });

  it('ALVH.ADSLOPE counts the days read: a day blank in both is skipped, not counted against the 10,000', () => {
    // `days` days of advancers and decliners, with the rows at `blank` (from 0) empty in both
    const ranges = (days: number, blank: readonly number[]) => {
      const adv = Array.from({ length: days }, (_, i): unknown[] => [1000 + ((i * 37) % 101)]);
      const dec = Array.from({ length: days }, (_, i): unknown[] => [900 + ((i * 53) % 97)]);
      for (const at of blank) {
        adv.splice(at, 0, [null]);
        dec.splice(at, 0, [null]);
      }
      return [adv, dec] as const;
    };
    const slope = call('ADSLOPE', ...ranges(10_000, []));
    expect(typeof slope).toBe('number');
    expect(call('ADSLOPE', ...ranges(10_000, [100, 200]))).toBe(slope);
    expect(invalid('ADSLOPE', ...ranges(10_001, [100, 200]))).toBe(
      'advancers: has 10,001 days; pass at most 10,000 days, the most recent',
    );
  });

  it('ALVH.CONDOR takes four strikes: a whole column of them is refused unread', () => {
    expect(
      invalid(
        'CONDOR',
        44519,
        4697.96,
        17.91,
        44582,
        column(ROWS, (i) => 4000 + i),
        10,
      ),
    ).toBe(
      'strikes: has 1,048,576 cells from the first strike to the last; select four strikes: long put, short put, short call, long call',
    );
  });

  it('the VX futures of CURVE, STRESSFUTURE and REBALANCE: at most 120, unread', () => {
    const fix = 'pass at most 120 VX futures, the monthly contracts';
    const futures = column(ROWS, () => 20);
    expect(invalid('CURVE', 44519, 17.91, futures)).toBe(`futures: has 1,048,576 prices; ${fix}`);
    expect(invalid('STRESSFUTURE', 44519, 17.91, futures, 44600)).toBe(`futures: has 1,048,576 prices; ${fix}`);
    const eight = Array.from({ length: 8 }, () => [20]);
    expect(invalid('REBALANCE', 44519, 17.91, eight, 44512, 18, futures)).toBe(
      `lastFutures: has 1,048,576 prices; ${fix}`,
    );
  });

  it('CURVE with expiries counts the futures read: a place blank in both is skipped', () => {
    const fix = 'pass at most 120 VX futures, the monthly contracts';
    // `n` futures and their expiries, with the places at `blank` (from 0) empty in both
    const ranges = (n: number, blank: readonly number[]) => {
      const vx = Array.from({ length: n }, (_, i): unknown[] => [20 + i / 100]);
      // the calendar gives 120 expiries; a 121st date is refused before the curve is built
      const dates = vxExpiriesAfter('2021-11-19', Math.min(n, 120)).map(isoToExcelSerial);
      const ex = Array.from({ length: n }, (_, i): unknown[] => [dates[i] ?? dates[119]! + 30 * (i - 119)]);
      for (const at of blank) {
        vx.splice(at, 0, [null]);
        ex.splice(at, 0, [null]);
      }
      return [vx, ex] as const;
    };
    const full = call('CURVE', 44519, 17.91, ...ranges(120, []));
    expect(call('CURVE', 44519, 17.91, ...ranges(120, [10, 20]))).toEqual(full);
    expect(invalid('CURVE', 44519, 17.91, ...ranges(121, [10, 20]))).toBe(`futures: has 121 prices; ${fix}`);
    const [vx, ex] = ranges(121, [10, 20]);
    expect(invalid('STRESSFUTURE', 44519, 17.91, vx, 44600, null, null, null, ex)).toBe(
      `futures: has 121 prices; ${fix}`,
    );
    // a whole column of them is still refused unread
    expect(
      invalid(
        'CURVE',
        44519,
        17.91,
        column(ROWS, () => 20),
        column(ROWS, () => 44600),
      ),
    ).toBe(`futures: has 1,048,576 cells from the first price to the last; ${fix}`);
  });

  it('ALVH.FRONTIER takes at most 50 budgets, unread', () => {
    expect(
      invalid(
        'FRONTIER',
        planSheet20181224(),
        column(ROWS, (i) => 1000 * (i + 1)),
      ),
    ).toBe('budgets: has 1,048,576 budgets; pass at most 50 budgets');
  });
});

describe('tables over their limit are refused from their height', () => {
  it('ALVH.SURFACE takes at most 40,000 chain rows, as the API: a whole column is refused unread', () => {
    const chain = guarded(
      ROWS,
      (i) => (i === 0 ? ['expiry', 'strike', 'type', 'bid', 'ask'] : [45000, 4000, 'C', 1, 2]),
      10,
    );
    expect(invalid('SURFACE', chain, 44900)).toBe(
      'chain: has 1,048,575 rows under its header down to the last quote; pass at most 40,000 chain rows',
    );
  });

  it('ALVH.SURFACE reads a chain whose last quote is exactly 100,000 rows under its header', () => {
    // a header, a quote, empty rows, and a quote on row 100,000 under the header: within the bound
    // on the rows read, so the chain is parsed (its type "X" refused at once by the parser)
    const chain = (under: number) => {
      const rows: unknown[][] = [
        ['expiry', 'strike', 'type', 'bid', 'ask'],
        [45000, 4000, 'X', 1, 2],
      ];
      while (rows.length < under) rows.push([null, null, null, null, null]);
      rows.push([45000, 4100, 'C', 1, 2]);
      return rows;
    };
    expect(invalid('SURFACE', chain(100_000), 44900)).toBe(
      'chain line 2 column 3 (type): is "X", not an option type; pass call or put (C or P)',
    );
    expect(invalid('SURFACE', chain(100_001), 44900)).toBe(
      'chain: has 100,001 rows under its header down to the last quote; pass at most 40,000 chain rows',
    );
  });

  it('ALVH.SURFACE and ALVH.VOL count the quotes: an empty row between them is not a chain row', () => {
    // a header, `quotes` rows of quotes and an empty row in their middle; a type the parser
    // refuses at once, so a chain within the limit is answered by the parser
    const table = (quotes: number) => {
      const rows: unknown[][] = [['expiry', 'strike', 'type', 'bid', 'ask']];
      for (let i = 0; i < quotes; i++) rows.push([45000, 4000 + i, 'X', 1, 2]);
      rows.splice(quotes / 2, 0, [null, null, null, null, null]);
      return rows;
    };
    const limit = 'has 40,001 rows of quotes under its header; pass at most 40,000 chain rows';
    const parsed = 'line 2 column 3 (type): is "X", not an option type; pass call or put (C or P)';
    expect(invalid('SURFACE', table(40_000), 44900)).toBe(`chain ${parsed}`);
    expect(invalid('VOL', table(40_000), 44910, 4000, 44900)).toBe(`surface ${parsed}`);
    expect(invalid('SURFACE', table(40_001), 44900)).toBe(`chain: ${limit}`);
    // VOL's chain is its surface argument
    expect(invalid('VOL', table(40_001), 44910, 4000, 44900)).toBe(`surface: ${limit}`);
  });

  it('ALVH.ORDERS: more than 10,000 rows of positions are refused as such, not as "CSV text or rows"', () => {
    const row = ['SPXW 190215P01750000', 1];
    expect(
      invalid(
        'ORDERS',
        planSheet20181224(),
        guarded(100_001, () => row, 10),
      ),
    ).toBe('positions: has 100,001 rows; pass at most 10,000 rows');
  });

  it('ALVH.PLAN: events are rows, at most 10,000; inputs at most 1,000 rows; both unread', () => {
    const events = guarded(ROWS, () => [44519, 'CPI'], 10);
    expect(invalid('PLAN', planSheet20181224(), events)).toBe(
      'events: has 1,048,576 rows down to the last event; pass at most 10,000 events, a row each',
    );
    const inputs = guarded(ROWS, (i) => [`k${i}`, 1], 10);
    expect(invalid('PLAN', inputs)).toBe('inputs: has 1,048,576 rows; pass at most 1,000 rows of names and values');
  });

  it('ALVH.PLAN counts the events: an empty row before or between them is not an event', () => {
    // `n` events with empty rows at `blank` (from 0)
    const events = (n: number, blank: readonly number[]) => {
      const rows: unknown[][] = Array.from({ length: n }, () => [43454, 'CPI', 'x']);
      for (const at of blank) rows.splice(at, 0, [null, null, null]);
      return rows;
    };
    const sheet = planSheet20181224();
    const plan = call('PLAN', sheet, events(10_000, []));
    expect(call('PLAN', sheet, events(10_000, [0]))).toEqual(plan);
    expect(call('PLAN', sheet, events(10_000, [5_000]))).toEqual(plan);
    expect(invalid('PLAN', sheet, events(10_001, [0, 5_000]))).toBe(
      'events: has 10,001 events; pass at most 10,000 events, a row each',
    );
  });

  it('ALVH.PLAN: inputs selected down a whole column are read as the rows that hold them', () => {
    const sheet = planSheet20181224();
    const whole = guarded(ROWS, (i) => sheet[i] ?? [null, null], ROWS);
    expect(call('PLAN', whole)).toEqual(call('PLAN', sheet));
  });
});

describe('ALVH.PLAN names an error cell as the error it is', () => {
  it('a vix of #N/A is the error #N/A, not the text "#N/A"', () => {
    const sheet: unknown[][] = planSheet20181224();
    sheet[2] = ['vix', { code: '#N/A' }];
    expect(invalid('PLAN', sheet)).toBe("inputs vix: is #N/A, a formula's error; fix the formula, or give the value");
  });
});
