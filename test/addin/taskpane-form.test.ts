/**
 * The taskpane's pure parts: a key/value range read from the workbook, a curve pasted from a sheet,
 * form text to plan input, zod issue paths to the fields that show them, and the settings checks.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_FIELDS } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { chunkPaths, workerError } from '../../addin/src/taskpane/jobs';
import { decimalFromText, numberFromText, wholeFromText } from '../../addin/src/common/numbers';
import {
  TYPED_EVENT_SOURCE,
  eventsFromText,
  issueTarget,
  percentIssues,
  numberOrText,
  planInputFromForm,
  typedIssues,
} from '../../addin/src/common/planInput';
import {
  PastedCurveError,
  parsePastedCurve,
  readKeyValueRange,
  unknownKeysError,
} from '../../addin/src/common/selection';
import { PlanInputSchema, formatPath, parseInput, plan } from '@alvh/shared';
import { API_ROUTES, browserSettingsStore, checkEndpoint } from '../../addin/src/taskpane/settings';
import { routes } from '../../functions/src/routes';
import { excelFormat, formatValue, heatColor } from '../../addin/src/common/views';
import { errorOf } from '../helpers/errors';
import { issuesSaid } from '../../addin/src/taskpane/form';

describe('readKeyValueRange', () => {
  it('reads fields by name or alias, Excel dates, VX1..VXn with their expiries, and policy overrides', () => {
    const got = readKeyValueRange(
      [
        ['Date', 45755], // 2025-04-08 as an Excel serial
        ['SPX', 4982.77],
        ['VIX', 52.33],
        ['Short put', 3800],
        ['condor expiry', '2025-05-23'],
        ['VX2', 31.4333],
        ['VX1', 39.1728],
        ['tailCoverage', 2],
        ['', ''],
        ['colour', 'blue'],
      ],
      POLICY_FIELDS,
    );
    expect(got.fields).toEqual({
      valuationDate: '2025-04-08',
      spx: '4982.77',
      vix: '52.33',
      k2: '3800',
      condorExpiry: '2025-05-23',
    });
    expect(got.futures).toEqual([
      { expiry: '2025-04-16', price: '39.1728' },
      { expiry: '2025-05-21', price: '31.4333' },
    ]);
    expect(got.policy).toEqual({ tailCoverage: '2' });
    expect(got.unknownKeys).toEqual(['colour']);
  });

  it('takes keys that are dates as futures expiries', () => {
    const got = readKeyValueRange(
      [
        [45854, 26.17], // 2025-07-16
        ['2025-05-21', 31.43],
      ],
      [],
    );
    expect(got.futures).toEqual([
      { expiry: '2025-05-21', price: '31.43' },
      { expiry: '2025-07-16', price: '26.17' },
    ]);
  });

  it('names the key, never a TypeError: VX0 or VX13, a name given twice, a curve given two ways', () => {
    const base: unknown[][] = [
      ['date', '2025-04-08'],
      ['VX1', 39.17],
    ];
    const reject = (extra: unknown[][]): string => {
      try {
        readKeyValueRange([...base, ...extra], POLICY_FIELDS);
      } catch (e) {
        expect(e).not.toBeInstanceOf(TypeError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(reject([['VX0', 20]])).toMatch(
      /^VX0: numbers a future 0; number the VX futures from VX1 \(the front month\) to VX12/,
    );
    expect(reject([['VX 13', 20]])).toMatch(/^VX 13: /);
    expect(reject([['vx.1', 20]])).toMatch(/^vx\.1: gives VX1 again \(the row "VX1" gives it\)/);
    expect(
      reject([
        ['spot', 5000],
        ['SPX', 5000],
      ]),
    ).toMatch(/^SPX: gives spx again/);
    expect(
      reject([
        ['tail coverage', 2],
        ['tailCoverage', 2],
      ]),
    ).toMatch(/^tailCoverage: gives tailCoverage again/);
    expect(reject([['2025-05-21', 31]])).toMatch(/^2025-05-21: .*give the curve one way/);
  });

  it('reads the Cboe indices beside VIX (VIX9D, VIX3M, VIX6M, SKEW) as indices, never as unknown keys', () => {
    const got = readKeyValueRange(
      [
        ['VIX', 52.33],
        ['VIX9D', 67.63],
        ['vix 3m', 41.5],
        ['Skew', '135.68'],
        ['VIX1Y', 40],
      ],
      POLICY_FIELDS,
    );
    expect(got.fields).toEqual({ vix: '52.33' });
    expect(got.indices).toEqual({ vix9d: '67.63', vix3m: '41.5', skew: '135.68' });
    expect(got.unknownKeys).toEqual(['VIX1Y']);
    expect(() =>
      readKeyValueRange(
        [
          ['SKEW', 130],
          ['skew', 131],
        ],
        [],
      ),
    ).toThrow(/^skew: gives SKEW again \(the row "SKEW" gives it\)/);
  });

  it('a misspelled key is an error in the API’s words, with the keys named', () => {
    const got = readKeyValueRange([['budgte', 100]], POLICY_FIELDS);
    expect(got.unknownKeys).toEqual(['budgte']);
    expect(unknownKeysError(got.unknownKeys).message).toMatch(/^inputs: unknown field "budgte": check the spelling/);
  });

  it('says what to select when the range is not two columns, and asks for a date before VXn', () => {
    expect(() => readKeyValueRange([[1], [2]], [])).toThrow(/select two columns/);
    expect(() => readKeyValueRange([['VX1', 20]], [])).toThrow(/add a "date" row/);
  });
});

describe('the example day', () => {
  it('is 2025-04-08 with the VX curve on the monthly expiries after it', () => {
    expect(EXAMPLE.fields.valuationDate).toBe('2025-04-08');
    expect(EXAMPLE.futures.map((f) => f.expiry)).toEqual([
      '2025-04-16',
      '2025-05-21',
      '2025-06-18',
      '2025-07-16',
      '2025-08-20',
      '2025-09-17',
      '2025-10-22',
      '2025-11-19',
    ]);
    expect(EXAMPLE.futures[0]!.price).toBe('39.1728');
  });

  it('opens with the credit the plan itself gives the condor, so no credit warning greets a newcomer', () => {
    const input = planInputFromForm({
      fields: EXAMPLE.fields,
      futures: EXAMPLE.futures,
      policy: {},
      indices: EXAMPLE.indices,
    });
    const p = plan(parseInput(PlanInputSchema, input));
    expect(Math.abs(p.condor.credit - p.condor.modelCredit!)).toBeLessThan(0.01);
    expect(p.warnings.join(' ')).not.toMatch(/differs from the model/);
  });

  it('gives the Cboe indices of the day, so the plan marks its options on the surface of the indices', () => {
    expect(EXAMPLE.indices).toEqual({ vix9d: '67.63', vix3m: '41.50', vix6m: '', skew: '135.68' });
    const input = planInputFromForm({
      fields: EXAMPLE.fields,
      futures: EXAMPLE.futures,
      policy: {},
      indices: EXAMPLE.indices,
    });
    expect((input['market'] as Record<string, unknown>)['indices']).toEqual({
      vix9d: 67.63,
      vix3m: 41.5,
      skew: 135.68,
    });
    const p = plan(parseInput(PlanInputSchema, input));
    expect(p.surface.source).toBe('indices');
    expect(p.warnings.join(' ')).not.toMatch(/VIX only/);
  });
});

describe('parsePastedCurve', () => {
  it('reads tab-separated (expiry, price) rows and a single column of prices', () => {
    expect(parsePastedCurve('2025-04-16\t39.17\r\n45798\t31.43\n')).toEqual([
      { expiry: '2025-04-16', price: '39.17' },
      { expiry: '2025-05-21', price: '31.43' },
    ]);
    expect(parsePastedCurve('39.17\n31.43')).toEqual([{ price: '39.17' }, { price: '31.43' }]);
    // a lone CR (classic Mac line ends) ends a line too: it was one line "39.17\r31.43"
    expect(parsePastedCurve('39.17\r31.43\r')).toEqual([{ price: '39.17' }, { price: '31.43' }]);
  });

  it('reads a CSV, semicolons, US dates, and skips a header row', () => {
    expect(parsePastedCurve('Expiry;Settle\n2025-04-16;39.17\n5/21/2025;31.43')).toEqual([
      { expiry: '2025-04-16', price: '39.17' },
      { expiry: '2025-05-21', price: '31.43' },
    ]);
    expect(parsePastedCurve('2025-04-16,39.17\n45798,31')).toEqual([
      { expiry: '2025-04-16', price: '39.17' },
      { expiry: '2025-05-21', price: '31' },
    ]);
  });

  it('keeps every row in its month: an error value or a blank line is a row, only a line of words is a header', () => {
    expect(parsePastedCurve('#N/A\r\n20.1\r\n21.3\r\n')).toEqual([
      { price: '#N/A' },
      { price: '20.1' },
      { price: '21.3' },
    ]);
    expect(parsePastedCurve('2025-05-21\t#N/A\n2025-06-18\t20.1')).toEqual([
      { expiry: '2025-05-21', price: '#N/A' },
      { expiry: '2025-06-18', price: '20.1' },
    ]);
    expect(parsePastedCurve('20.1\n\n21.3\n\n')).toEqual([{ price: '20.1' }, { price: '' }, { price: '21.3' }]);
    expect(parsePastedCurve('n/a\n20.1')).toEqual([{ price: 'n/a' }, { price: '20.1' }]);
    expect(parsePastedCurve('Settle\n20.1')).toEqual([{ price: '20.1' }]);
  });

  // A decimal comma must never become a price of its integer part (39,1728 read as 39) or a
  // thousands-grouped one (18,125 as 18125): each is refused naming its line.
  it.each([
    ['2025-04-16\t39,1728', 1, /the price "39,1728" has a decimal comma: write 39\.1728/],
    ['39.17\n31,43', 2, /the price "31,43" has a decimal comma: write 31\.43/],
    ['18,125', 1, /decimal comma: write 18\.125/],
    ['2025-04-16;39,17', 1, /write 39\.17/],
    // typed with a space: the comma is the price's, not a CSV's (it read as a price of 17)
    ['2025-04-16 39,17', 1, /the price "39,17" has a decimal comma: write 39\.17/],
    [
      '2025-04-16,39,17',
      1,
      /^Pasted curve, line 1: reads the price 39,17 as two cells, "39" and "17": write 39\.17 with a decimal point$/,
    ],
    [
      '39.17\n2025-04-16,39,17,5',
      2,
      /has 4 cells .*or one column of prices; write decimals with a point, not a comma$/,
    ],
    ['2025-04-16,39.17,x', 1, /has 3 cells .*or one column of prices$/],
    ['2025-04-16\t39.17\tx', 1, /has 3 cells/],
  ])('refuses %j at line %i', (text, line, words) => {
    let err: unknown;
    try {
      parsePastedCurve(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PastedCurveError);
    expect((err as PastedCurveError).line).toBe(line);
    expect((err as PastedCurveError).message).toMatch(words);
  });

  const curveMessage = (text: string): string => {
    try {
      parsePastedCurve(text);
    } catch (e) {
      if (e instanceof PastedCurveError) return e.message;
      throw e;
    }
    throw new Error('the curve was read');
  };

  // The pane shows the message with ". Nothing was pasted." after it, and a message stays within
  // 255 characters: a line of a million cells is quoted by its first cells, each cut short.
  it.each([
    [
      'tabs',
      '\t',
      /^Pasted curve, line 2: has 1,000,000 cells \("0", "1", "2", .*, …\): paste two columns, expiry and price, or one column of prices$/,
    ],
    [
      'commas',
      ',',
      /^Pasted curve, line 2: has 1,000,000 cells \("0", "1", "2", .*, …\): .*; write decimals with a point, not a comma$/,
    ],
  ])('quotes a pasted line of a million cells split by %s cut short', (_, sep, words) => {
    const text = `39.17\n${Array.from({ length: 1_000_000 }, (_x, i) => i).join(sep)}`;
    const message = curveMessage(text);
    expect(message).toMatch(words);
    expect(`${message}. Nothing was pasted.`.length).toBeLessThanOrEqual(255);
    // a cell of a million characters, too
    const long = curveMessage(`2025-04-16\t${'x'.repeat(1_000_000)}\tx`);
    expect(long).toMatch(/^Pasted curve, line 1: has 3 cells \("2025-04-16", "x{16}…", "x"\)/);
    expect(long.length).toBeLessThanOrEqual(200);
    const comma = curveMessage(`2025-04-16\t${'9'.repeat(1_000_000)},5`);
    expect(comma).toMatch(/^Pasted curve, line 1: the price "9{40}…" has a decimal comma: write 9{40}…/);
    expect(comma.length).toBeLessThanOrEqual(255);
    // a price split by its decimal comma, each half hundreds of digits: the number is cut too
    const split = curveMessage(`45798,${'9'.repeat(400)},${'9'.repeat(400)}`);
    expect(split).toMatch(
      /^Pasted curve, line 1: reads the price 9{41}… as two cells, "9{20}…" and "9{20}…": write 9{20}….9{20}… with a decimal point$/,
    );
    expect(`${split}. Nothing was pasted.`.length).toBeLessThanOrEqual(255);
  });
});

describe('form text → plan input', () => {
  it.each([
    ['4982.77', 4982.77],
    ['5,000,000', 5_000_000],
    ['4.3%', 0.043],
    // exactly the decimal typed, not its quotient by 100 (1.3 / 100 is 0.013000000000000001)
    ['1.3%', 0.013],
    ['14.2%', 0.142],
    ['1.5e-2%', 0.00015],
    ['-1.5e-2', -0.015],
    ['4,5', '4,5'],
    ['12,34.5', '12,34.5'],
    ['', undefined],
    ['abc', 'abc'],
  ])('%j reads as %j', (text, value) => expect(numberOrText(text)).toEqual(value));

  it('builds the nested input from the example day, omitting empty optional fields', () => {
    const raw = planInputFromForm({
      fields: { ...EXAMPLE.fields, budget: '' },
      futures: EXAMPLE.futures,
      policy: { tailCoverage: '2' },
    });
    expect(raw['valuationDate']).toBe('2025-04-08');
    const market = raw['market'] as Record<string, unknown>;
    expect(market['spx']).toBe(4982.77);
    expect((market['futures'] as unknown[])[0]).toEqual({ expiry: '2025-04-16', price: 39.1728 });
    expect(raw['portfolio']).toEqual({ capital: 5_000_000 });
    expect(raw['policy']).toEqual({ tailCoverage: 2 });
  });

  it('drops the blank curve rows at its end, keeps one between futures for the schema to name', () => {
    const blank = { expiry: ' ', price: '' };
    const futures = (rows: { expiry: string; price: string }[]) =>
      (planInputFromForm({ fields: EXAMPLE.fields, futures: rows, policy: {} })['market'] as { futures: unknown[] })
        .futures;
    expect(futures([...EXAMPLE.futures, blank, blank])).toHaveLength(EXAMPLE.futures.length);
    expect(futures([EXAMPLE.futures[0]!, blank, EXAMPLE.futures[1]!])).toEqual([
      { expiry: EXAMPLE.futures[0]!.expiry, price: Number(EXAMPLE.futures[0]!.price) },
      {},
      { expiry: EXAMPLE.futures[1]!.expiry, price: Number(EXAMPLE.futures[1]!.price) },
    ]);
  });

  it('refuses a percentage in a price, a strike, a count or an amount, and reads it in a rate', () => {
    const state = {
      fields: { ...EXAMPLE.fields, credit: '1.3%', budget: '5%', rate: '4.3%' },
      futures: [{ expiry: '2025-04-16', price: '39%' }],
      policy: { tailCoverage: '180%', maxHedgeCostRate: '18%', curveShiftTrigger: '15%', rebalanceDays: '7%' },
      indices: { skew: '140%' },
    };
    const raw = planInputFromForm(state);
    expect((raw['condor'] as { credit: unknown }).credit).toBe('1.3%');
    expect((raw['market'] as { rate: unknown }).rate).toBe(0.043);
    expect(raw['policy']).toEqual({
      tailCoverage: 1.8,
      maxHedgeCostRate: 0.18,
      curveShiftTrigger: 0.15,
      rebalanceDays: '7%',
    });
    expect(percentIssues(state).map((i) => i.path)).toEqual([
      'condor.credit',
      'portfolio.budget',
      'market.futures[0].price',
      'market.indices.skew',
      'policy.rebalanceDays',
    ]);
  });

  it('refuses a USD amount with its thousands grouped by a dot, naming both readings; prices and vols keep their decimals', () => {
    const state = {
      fields: { ...EXAMPLE.fields, budget: '40.000', capital: '25.000', vix: '52.330', credit: '1.300' },
      futures: EXAMPLE.futures.map((r, i) => (i === 0 ? { ...r, price: '39.173' } : r)),
      policy: {},
    };
    const raw = planInputFromForm(state);
    expect((raw['market'] as { futures: { price: unknown }[] }).futures[0]!.price).toBe(39.173);
    expect(raw['portfolio']).toEqual({ capital: '25.000', budget: '40.000' }); // never $25 and $40
    expect((raw['market'] as { vix: unknown }).vix).toBe(52.33);
    expect((raw['condor'] as { credit: unknown }).credit).toBe(1.3);
    expect(typedIssues(state)).toEqual([
      { path: 'portfolio.capital', message: 'is 25.000: write 25000 for $25,000, or 25 for $25' },
      { path: 'portfolio.budget', message: 'is 40.000: write 40000 for $40,000, or 40 for $40' },
    ]);
    const refused = PlanInputSchema.safeParse(raw);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['portfolio.capital', 'portfolio.budget']);
    // A box holds text: "18.888" again is no fix, so the decimal reading is offered as text the box
    // reads back as that amount ("5000.125" was offered $5,000,125 alone, never $5,000.125).
    const said = (budget: string): unknown => typedIssues({ ...state, fields: { ...EXAMPLE.fields, budget } });
    expect(said('18.888')).toEqual([
      { path: 'portfolio.budget', message: 'is 18.888: write 18888 for $18,888, or 18.8880 for $18.888' },
    ]);
    expect(said('5000.125')).toEqual([
      { path: 'portfolio.budget', message: 'is 5000.125: write 5000125 for $5,000,125, or 5,000.125 for $5,000.125' },
    ]);
    for (const [typed, amount] of [
      ['18.8880', 18.888],
      ['5,000.125', 5000.125],
    ] as const) {
      expect(said(typed)).toEqual([]);
      expect(
        (
          planInputFromForm({ ...state, fields: { ...EXAMPLE.fields, budget: typed } })['portfolio'] as {
            budget: unknown;
          }
        ).budget,
      ).toBe(amount);
    }
    // Grouped by commas, plain, or with cents: read as written.
    for (const budget of ['40,000', '40000', '40000.50', '12.5']) {
      const ok = { ...state, fields: { ...EXAMPLE.fields, budget } };
      expect(typedIssues(ok)).toEqual([]);
      expect((planInputFromForm(ok)['portfolio'] as { budget: unknown }).budget).toBe(Number(budget.replace(',', '')));
    }
  });

  it('refuses an amount with several dot groups, naming the number to write ("2.000.000" said only "pass a number")', () => {
    const state = { fields: { ...EXAMPLE.fields, capital: '2.000.000' }, futures: EXAMPLE.futures, policy: {} };
    expect((planInputFromForm(state)['portfolio'] as { capital: unknown }).capital).toBe('2.000.000');
    expect(typedIssues(state)).toEqual([
      { path: 'portfolio.capital', message: 'is 2.000.000: write 2000000 for $2,000,000' },
    ]);
  });

  it('a dot-grouped refusal of a long text stays within 255 characters: the text and its readings cut', () => {
    // "1" and 300 zeros, then ".000": the refusal repeated the whole text, 1,449 characters in Capital
    const long = `1${'0'.repeat(300)}.000`;
    const fields = { ...EXAMPLE.fields, capital: long, quantity: long };
    const issues = typedIssues({ fields, futures: EXAMPLE.futures, policy: { drawdownDays: long } });
    const typed = `is 1${'0'.repeat(39)}…`;
    const dollars = `$1,${'000,'.repeat(6)}000…`;
    expect(issues).toEqual([
      {
        path: 'portfolio.capital',
        message: `${typed}: write 1${'0'.repeat(29)}… for ${dollars}, or 1e+300 for ${dollars}`,
      },
      {
        path: 'condor.quantity',
        message: `${typed}, not a number it takes: write a whole number of contracts from 1 to 100,000`,
      },
      { path: 'policy.drawdownDays', message: `${typed}, not a number it takes: write a whole number from 0 to 60` },
    ]);
    for (const { message } of issues) expect(message.length).toBeLessThanOrEqual(255);
  });

  it('says to write a decimal point for a decimal comma, and never reads "0,043" as 43', () => {
    const state = {
      fields: { ...EXAMPLE.fields, vix: '52,33', rate: '0,043', capital: '5,000,000' },
      futures: EXAMPLE.futures.map((r, i) => (i === 1 ? { ...r, price: '30,5' } : r)),
      policy: { tailCoverage: '1,8' },
      indices: { skew: '135,68' },
    };
    const raw = planInputFromForm(state);
    expect((raw['market'] as { rate: unknown }).rate).toBe('0,043');
    expect((raw['market'] as { vix: unknown }).vix).toBe('52,33');
    expect((raw['portfolio'] as { capital: unknown }).capital).toBe(5_000_000); // grouped by commas: read
    expect(numberOrText('0,043')).toBe('0,043');
    expect(typedIssues(state)).toEqual([
      { path: 'market.vix', message: 'is 52,33: write 52.33 with a decimal point' },
      { path: 'market.rate', message: 'is 0,043: write 0.043 with a decimal point' },
      { path: 'market.futures[1].price', message: 'is 30,5: write 30.5 with a decimal point' },
      { path: 'market.indices.skew', message: 'is 135,68: write 135.68 with a decimal point' },
      { path: 'policy.tailCoverage', message: 'is 1,8: write 1.8 with a decimal point' },
    ]);
  });

  it('names text that is no number in a number box with what to type there, never "send the number without quotes"', () => {
    const boxes = ['spx', 'vix', 'vvix', 'rate', 'divYield', 'k1', 'k2', 'k3', 'k4', 'credit', 'capital', 'budget'];
    const paths = [
      'market.spx',
      'market.vix',
      'market.vvix',
      'market.rate',
      'market.divYield',
      'condor.strikes[0]',
      'condor.strikes[1]',
      'condor.strikes[2]',
      'condor.strikes[3]',
      'condor.credit',
      'portfolio.capital',
      'portfolio.budget',
      'market.futures[0].price',
      'market.indices.vix9d',
      'market.indices.vix3m',
      'market.indices.vix6m',
      'market.indices.skew',
    ];
    for (const text of ['0x10', 'abc', '--3', 'Infinity', '4500 pts']) {
      const state = {
        fields: { ...EXAMPLE.fields, ...Object.fromEntries(boxes.map((b) => [b, text])) },
        futures: EXAMPLE.futures.map((r, i) => (i === 0 ? { ...r, price: text } : r)),
        policy: {},
        indices: { vix9d: text, vix3m: text, vix6m: text, skew: text },
      };
      const issues = typedIssues(state);
      expect(issues.map((i) => i.path)).toEqual(paths);
      for (const i of issues) {
        expect(i.message, i.path).toMatch(new RegExp(`^is "${text}", not a number; type .+, such as \\S+`));
        expect(i.message).not.toMatch(/quotes|pass a number/);
      }
    }
    const said = (fields: Record<string, string>, indices = {}) =>
      typedIssues({ fields: { ...EXAMPLE.fields, ...fields }, futures: EXAMPLE.futures, policy: {}, indices }).map(
        (i) => i.message,
      );
    expect(said({ spx: ' 0x10 ' })).toEqual([
      'is "0x10", not a number; type the SPX level in index points, such as 4982.77',
    ]);
    expect(said({ rate: 'abc' })).toEqual([
      'is "abc", not a number; type the rate as a decimal or a percentage, such as 0.043 or 4.3%',
    ]);
    expect(said({ k2: '--3' })).toEqual(['is "--3", not a number; type the strike in index points, such as 4500']);
    expect(said({}, { skew: '0x8C' })).toEqual(['is "0x8C", not a number; type SKEW in its points, such as 135.68']);
    // a long text is cut; a decimal comma and a misplaced percentage keep their own words, said once
    expect(said({ budget: 'forty thousand dollars a year' })).toEqual([
      'is "forty thousand dolla…", not a number; type the budget in USD, such as 40000',
    ]);
    expect(said({ credit: '1,5' })).toEqual(['is 1,5: write 1.5 with a decimal point']);
    expect(said({ credit: '1.3%' })).toEqual([
      'is a percentage; give it in index points a contract (e.g. 1.30), without %',
    ]);
    // numbers, blanks and percentages in a rate are no issue
    expect(said({ spx: '5,000', vix: '1e1', rate: '4.3%', divYield: '', budget: '' })).toEqual([]);
  });

  it('says what to type in a blank box the plan needs, as for text that is no number', () => {
    const said = (fields: Record<string, string>, policy: Record<string, string> = {}) =>
      typedIssues({ fields: { ...EXAMPLE.fields, ...fields }, futures: EXAMPLE.futures, policy, indices: {} }).map(
        (i) => `${i.path}: ${i.message}`,
      );
    expect(said({ spx: '', vix: '  ', k3: '', capital: '', rate: '' })).toEqual([
      'market.spx: is blank; type the SPX level in index points, such as 4982.77',
      'market.vix: is blank; type VIX in its points, such as 18.5',
      'market.rate: is blank; type the rate as a decimal or a percentage, such as 0.043 or 4.3%',
      'condor.strikes[2]: is blank; type the strike in index points, such as 4500',
      'portfolio.capital: is blank; type the capital in USD, such as 5000000',
    ]);
    // optional boxes and boxes with a default stay blank with no word
    expect(said({ vvix: '', credit: '', budget: '', divYield: '' })).toEqual([]);
    // every blank box the schema refuses is one of them: none is left with "pass a number" alone
    const blanks = Object.fromEntries(Object.keys(EXAMPLE.fields).map((k) => [k, '']));
    const state = { fields: { ...EXAMPLE.fields, ...blanks }, futures: EXAMPLE.futures, policy: {}, indices: {} };
    const r = PlanInputSchema.safeParse(planInputFromForm(state));
    const bare = r.success
      ? []
      : r.error.issues.filter((i) => i.message === 'pass a number').map((i) => formatPath(i.path));
    expect(bare.length).toBeGreaterThan(0);
    const typed = new Set(typedIssues(state).map((i) => i.path));
    for (const path of bare) expect(typed.has(path), path).toBe(true);
  });

  it('says a policy fraction typed as a percentage without % both ways: "is 18; a rate: type 0.18 or 18%"', () => {
    const said = (policy: Record<string, string>) =>
      typedIssues({ fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy, indices: {} }).map(
        (i) => `${i.path}: ${i.message}`,
      );
    expect(said({ maxHedgeCostRate: '18', tailCoverage: '180', targetIrr: '25' })).toEqual([
      'policy.maxHedgeCostRate: is 18; a rate: type 0.18 or 18%',
      'policy.tailCoverage: is 180; a decimal: type 1.8 or 180%',
      'policy.targetIrr: is 25; a rate: type 0.25 or 25%',
    ]);
    // in range, a percentage, out of range either way, or a box in points: the schema's words
    expect(said({ maxHedgeCostRate: '3', tailCoverage: '18%', targetIrr: '0.2' })).toEqual([]);
    expect(said({ maxHedgeCostRate: '900', stressVix: '18' })).toEqual([]);
    // a correlation, between -1 and 1, typed in percent without its sign, either way
    expect(said({ spxVixCorrelation: '-70' })).toEqual([
      'policy.spxVixCorrelation: is -70; a decimal: type -0.7 or -70%',
    ]);
    expect(said({ spxVixCorrelation: '70' })).toEqual(['policy.spxVixCorrelation: is 70; a decimal: type 0.7 or 70%']);
    expect(said({ spxVixCorrelation: '-0.7' })).toEqual([]);
    // the page takes what the message says to type
    const read = (field: string, typed: string) =>
      (
        PlanInputSchema.parse(
          planInputFromForm({
            fields: EXAMPLE.fields,
            futures: EXAMPLE.futures,
            policy: { [field]: typed },
            indices: {},
          }),
        ).policy as Record<string, unknown> | undefined
      )?.[field];
    for (const typed of ['-0.7', '-70%']) expect(read('spxVixCorrelation', typed), typed).toBe(-0.7);
    for (const typed of ['0.18', '18%']) expect(read('maxHedgeCostRate', typed), typed).toBe(0.18);
    // a vol of vol is VVIX / 100, not a percentage: 120 is left to the schema, which names VVIX points
    expect(said({ defaultVolOfVol: '120' })).toEqual([]);
    expect(() => read('defaultVolOfVol', '120')).toThrow(
      /is 120, which looks like VVIX points; pass 1\.2, VVIX \/ 100/,
    );
  });

  it('reads paths and seed grouped by commas by the same rule: "0,100" and "000,100" are not 100', () => {
    expect(wholeFromText('20,000')).toBe(20_000);
    expect(wholeFromText('1,000,000')).toBe(1_000_000);
    expect(wholeFromText('0100')).toBe(100); // ungrouped digits: a leading zero is only a zero
    for (const t of ['0,100', '000,100', '00,100,000', '0,043']) expect(wholeFromText(t), t).toBeUndefined();
  });

  // `\d+\.?\d*` split a run of digits between its two parts every way: 20,000 digits and a letter
  // took 0.2 s and the time grows with the square, so this text took hours. The test's time limit
  // is only the backstop: the text is refused in milliseconds, nothing here measures time.
  it('reads a number box in one pass: 5,000,000 digits and a letter are no number', () => {
    const text = '1'.repeat(5_000_000) + 'x';
    expect(numberFromText(text)).toBeUndefined();
    expect(decimalFromText(text)).toBeUndefined();
    expect(numberFromText('1'.repeat(300) + '.5')).toBe(Number('1'.repeat(300) + '.5'));
  });

  it('reads paths and seed as the page reads Capital: "1e5" is 100000, as 1e6 is a capital of 1,000,000', () => {
    expect(numberFromText('1e6')).toBe(1_000_000);
    expect(wholeFromText('1e5')).toBe(100_000);
    expect(wholeFromText(' 1.5E4 ')).toBe(15_000);
    expect(wholeFromText('100000.0')).toBe(100_000);
    // not whole, a percentage, hexadecimal or blank: no count
    for (const t of ['1e-1', '100.5', '5%', '500%', '0x10', '', '1e400']) expect(wholeFromText(t), t).toBeUndefined();
  });

  it.each([
    ['valuationDate', { kind: 'field', name: 'valuationDate' }],
    ['market.spx', { kind: 'field', name: 'spx' }],
    ['market.futures[2].price', { kind: 'future', row: 2, cell: 'price' }],
    ['market.futures', { kind: 'futures' }],
    ['market.surface.valuationDate', { kind: 'surface', part: 'valuationDate' }],
    ['market.surface', { kind: 'surface', part: '' }],
    ['market.vixChain', { kind: 'vixChain', part: '' }],
    ['market.vixChain line 3 column 2 (strike)', { kind: 'vixChain', part: 'line 3 column 2 (strike)' }],
    ['plan.market.vixChain', { kind: 'vixChain', part: '' }],
    ['plan.market.spx', { kind: 'field', name: 'spx' }],
    ['plan.condor.strikes[1]', { kind: 'field', name: 'k2' }],
    ['condor.strikes[2]', { kind: 'field', name: 'k3' }],
    ['condor.quantity', { kind: 'field', name: 'quantity' }],
    ['portfolio.capital', { kind: 'field', name: 'capital' }],
    ['policy.tailCoverage', { kind: 'policy', name: 'tailCoverage' }],
    ['market.indices.vix3m', { kind: 'index', name: 'vix3m' }],
    ['something.else', { kind: 'form' }],
  ])('issue at %s shows at %j', (path, target) => expect(issueTarget(path)).toEqual(target));

  it('marks SPX and K1 when every strike misses SPX on one side: either may be the slip', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ spx: '498277' }, /^SPX 498277 and the strikes 3650 to 6700 disagree, by about 100×: /],
      // the strikes with an extra zero beside a right SPX: SPX is not blamed alone
      [{ k1: '36500', k2: '37500', k3: '64000', k4: '67000' }, /^SPX 4982\.77 and the strikes 36500 to 67000 disagree/],
    ];
    for (const [edit, said] of cases) {
      const fields = { ...EXAMPLE.fields, ...edit };
      const input = planInputFromForm({ fields, futures: EXAMPLE.futures, policy: {}, indices: EXAMPLE.indices });
      const e = errorOf(() => plan(parseInput(PlanInputSchema, input)));
      const issues = (e as { issues?: readonly { path: string; message: string }[] }).issues ?? [];
      expect(issues.map((i) => issueTarget(i.path))).toEqual([
        { kind: 'field', name: 'spx' },
        { kind: 'field', name: 'k1' },
      ]);
      for (const i of issues) expect(i.message).toMatch(said);
      expect(`${e.problem}; ${e.fix}`).toMatch(/; check which was mistyped$/);
      // a run in the worker hands the pane both issues, as the API's problem document lists them
      expect(workerError(e).issues).toEqual(issues);
      // and the error box says the message once, after both fields
      const words = (path: string): string => (issueTarget(path) as { name: string }).name.toUpperCase();
      expect(issuesSaid(issues, words)).toBe(`SPX, K1: ${issues[0]?.message}`);
      expect(issuesSaid([...issues, { path: 'vix', message: 'is 0' }], words)).toMatch(/^SPX, K1: .*; VIX: is 0$/);
    }
  });
});

describe('the events box', () => {
  it('reads one event a line (date, kind, optional source) into signals.events, with the mode', () => {
    expect(eventsFromText('2024-07-11 cpi BLS release calendar\n\n 2024-07-12, PPI \n')).toEqual([
      { date: '2024-07-11', kind: 'CPI', source: 'BLS release calendar' },
      { date: '2024-07-12', kind: 'PPI', source: TYPED_EVENT_SOURCE },
    ]);
    const state = {
      fields: { ...EXAMPLE.fields, credit: '', budget: '', vvix: '' } as Parameters<
        typeof planInputFromForm
      >[0]['fields'],
      futures: EXAMPLE.futures,
      policy: {},
    };
    expect(planInputFromForm(state)['signals']).toBeUndefined();
    const raw = planInputFromForm({ ...state, events: '2025-04-10 CPI BLS', eventsMode: 'replace' });
    expect(raw['signals']).toEqual({
      events: [{ date: '2025-04-10', kind: 'CPI', source: 'BLS' }],
      eventsMode: 'replace',
    });
    // A bad line is named by the shared schema and shown at the box.
    expect(() => parseInput(PlanInputSchema, planInputFromForm({ ...state, events: '2025-04-10 NFP' }))).toThrow(
      /signals\.events\[0\]\.kind/,
    );
    expect(issueTarget('signals.events[1].kind')).toEqual({ kind: 'events', line: 1 });
    expect(issueTarget('signals.eventsMode')).toEqual({ kind: 'events' });
  });
});

describe('settings', () => {
  it('accepts an empty endpoint (run here) or an http(s) URL, trimming the trailing slash', () => {
    const page = 'https://localhost:3000';
    expect(checkEndpoint('', page)).toEqual({ value: '' });
    expect(checkEndpoint(' https://alvh.example.net/api/ ', page)).toEqual({ value: 'https://alvh.example.net/api' });
    expect(checkEndpoint('alvh.example.net', page)).toHaveProperty('error');
    expect(checkEndpoint('ftp://x/api', page)).toEqual({ error: 'use an https:// URL' });
    // http only to the page's own origin: the page's CSP would block any other
    expect(checkEndpoint('http://alvh.example.net/api', page)).toEqual({
      error: 'use an https:// URL: this page calls https hosts and its own origin (https://localhost:3000) only',
    });
    expect(checkEndpoint('http://localhost:3000/api', 'http://localhost:3000')).toEqual({
      value: 'http://localhost:3000/api',
    });
    expect(checkEndpoint('https://alvh.example.net/', page)).toEqual({
      error: "add the API's path: https://alvh.example.net/api (its routes are under /api)",
    });
    expect(checkEndpoint('https://alvh.example.net//', page)).toHaveProperty('error');
  });

  // `/\/+$/` tried every slash of a run to its end: 100,000 slashes took 19 s and the time grows with
  // the square, so this URL froze the page for half an hour. The test's time limit is only the
  // backstop: nothing here measures time.
  it('cuts the trailing slashes in one pass (a path of 1,000,000 slashes and a letter)', () => {
    const url = `https://alvh.example.net/api${'/'.repeat(1_000_000)}x`;
    expect(checkEndpoint(url, 'https://localhost:3000')).toEqual({ value: url });
  });

  it("refuses a route's URL (Azure's Get function URL): a query, a fragment, a user name or a route's name", () => {
    const page = 'https://localhost:3000';
    const key = 'put the key in Function key, not ?code= or in the URL';
    // the page adds `/stress` to what is saved: `…/montecarlo?code=…/stress` would be the Monte Carlo's
    expect(checkEndpoint('https://h.net/api/montecarlo?code=SECRET', page)).toEqual({
      error: `pass the API's base URL (https://h.net/api) alone; ${key}`,
    });
    for (const url of [
      'https://h.net/api?code=abc',
      'https://h.net/api/?x=1',
      'https://h.net/api#x',
      'https://h.net/api?',
    ])
      expect(checkEndpoint(url, page)).toEqual({ error: `pass the API's base URL (https://h.net/api) alone; ${key}` });
    expect(checkEndpoint('https://user:pw@h.net/api', page)).toEqual({
      error: `pass the API's base URL (https://h.net/api) alone; ${key}`,
    });
    expect(checkEndpoint('https://h.net/api/montecarlo', page)).toEqual({
      error: `drop "/montecarlo": pass the API's base URL, https://h.net/api; the page adds each route's name to it`,
    });
    expect(checkEndpoint('https://h.net/api/Stress/', page)).toEqual({
      error: `drop "/Stress": pass the API's base URL, https://h.net/api; the page adds each route's name to it`,
    });
    for (const route of API_ROUTES) expect(checkEndpoint(`https://h.net/api/${route}`, page)).toHaveProperty('error');
    // every route of the API's table, and nothing else
    expect([...API_ROUTES].sort()).toEqual(routes.map((r) => r.route).sort());
    // trailing slashes are dropped from the path, the host's case from the origin
    expect(checkEndpoint('HTTPS://H.NET/api///', page)).toEqual({ value: 'https://h.net/api' });
  });

  const page = 'https://localhost:3000';

  it('keeps settings in storage, and in memory where storage is missing', async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as unknown as Storage;
    const a = browserSettingsStore(storage, page);
    await a.save({ endpoint: 'https://x/api', functionKey: 'k' });
    expect(browserSettingsStore(storage, page).load()).toEqual({
      settings: { endpoint: 'https://x/api', functionKey: 'k' },
      dropped: '',
    });
    const b = browserSettingsStore(undefined, page);
    expect(b.load()).toEqual({ settings: { endpoint: '', functionKey: '' }, dropped: '' });
    await b.save({ endpoint: 'https://y/api', functionKey: '' });
    expect(b.load().settings.endpoint).toBe('https://y/api');
  });

  it('drops a stored URL the page would refuse at Save, keeping the key, and says why', () => {
    const data = new Map([
      ['alvh.settings', JSON.stringify({ endpoint: 'alvh.azurewebsites.net/api', functionKey: 'k' })],
    ]);
    const storage = { getItem: (k: string) => data.get(k) ?? null } as unknown as Storage;
    expect(browserSettingsStore(storage, page).load()).toEqual({
      settings: { endpoint: '', functionKey: 'k' },
      dropped:
        'The saved API URL "alvh.azurewebsites.net/api" is not used: pass a full URL such as https://alvh.azurewebsites.net/api, or leave it empty to run here. Runs go here until a URL is saved.',
    });
    // one saved by an older page, with a trailing slash, is used as Save would keep it
    data.set('alvh.settings', JSON.stringify({ endpoint: 'https://h.net/api/', functionKey: '' }));
    expect(browserSettingsStore(storage, page).load().settings.endpoint).toBe('https://h.net/api');
  });
});

describe('formats and colours', () => {
  it('formats values for the page and for Excel', () => {
    expect(formatValue(-12345.6, 'usd')).toBe('-$12,346');
    expect(formatValue(0.6, 'pct')).toBe('60.0%');
    expect(excelFormat('pct')).toBe('0.0%');
  });

  it('shows a figure that rounds to 0 without a sign, as a stress cell does', () => {
    // a theta of -$0.30 a day, an overlay vega of -$0.02 a VIX point: "$0", never "-$0"
    expect(formatValue(-0.3, 'usd', 'per day')).toBe('$0 per day');
    expect(formatValue(-0.02, 'usd')).toBe('$0');
    expect(formatValue(-0, 'usd')).toBe('$0');
    expect(formatValue(-0.0004, 'pct')).toBe('0.0%');
    expect(formatValue(-0.004, 'points')).toBe('0.00');
    expect(formatValue(-0.00001, 'number')).toBe('0');
    expect(formatValue(-0.4, 'integer')).toBe('0');
    // a figure that does not round to 0 keeps its sign
    expect(formatValue(-0.6, 'usd')).toBe('-$1');
    expect(formatValue(-0.0006, 'pct')).toBe('-0.1%');
    expect(formatValue(-0.006, 'points')).toBe('-0.01');
    expect(formatValue(-0.00006, 'number')).toBe('-0.0001');
    expect(formatValue(-1000.2, 'usd')).toBe('-$1,000');
    expect(formatValue(-Infinity, 'usd')).toBe('-$∞');
    expect(formatValue(-7, 'text')).toBe('-7');
  });

  it('colours losses red, zero white and gains green', () => {
    expect(heatColor(-10, 10)).toBe('#F8696B');
    expect(heatColor(0, 10)).toBe('#FFFFFF');
    expect(heatColor(10, 10)).toBe('#63BE7B');
  });

  it('splits paths into chunks that cover them once', () => {
    expect(chunkPaths(5000, 2000)).toEqual([
      [0, 2000],
      [2000, 2000],
      [4000, 1000],
    ]);
  });
});
