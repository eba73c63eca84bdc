import { describe, expect, it } from 'vitest';
import { detectMarketHistoryFormat, mergeMarketHistory, parseCboeFuturesCurve, parseMarketHistory } from '@alvh/shared';
import type { MarketHistoryFormat, MarketRow } from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { errorOf } from '../../helpers/errors';

describe('parseMarketHistory on small texts', () => {
  it('reads Cboe VVIX (m/d/Y) into ISO dates', () => {
    expect(parseMarketHistory('DATE,VVIX\r\n03/16/2020,207.59\r\n3/17/2020,187.6\r\n')).toEqual([
      { date: '2020-03-16', vvix: 207.59, vx: [] },
      { date: '2020-03-17', vvix: 187.6, vx: [] },
    ]);
  });

  it('keeps the VIX open beside the close for Cboe VIX files', () => {
    const rows = parseMarketHistory('DATE,OPEN,HIGH,LOW,CLOSE\n03/16/2020,57.83,83.56,57.83,82.69\n', 'cboe-vix');
    expect(rows).toEqual([{ date: '2020-03-16', vixOpen: 57.83, vix: 82.69, vx: [] }]);
  });

  it('keeps the SPX open beside the close for spx-ohlcv files (the quantintell files have none)', () => {
    const rows = parseMarketHistory(
      'date,open,high,low,close,volume\n2025-04-17,5305.45,5328.31,5255.58,5282.70,4714880000\n',
      'spx-ohlcv',
    );
    expect(rows).toEqual([{ date: '2025-04-17', spxOpen: 5305.45, spx: 5282.7, vx: [] }]);
    const q = parseMarketHistory(
      ',DATE,VIX,VX1,VX2,VX3,VX4,VX5,VX6,VX7,VX8,SP500\n0,2020-04-17,38.15,36.95,33.5,31.8,30.6,29.9,29.3,28.9,28.6,2874.56\n',
    );
    expect(q[0]).not.toHaveProperty('spxOpen');
  });

  it('reads leyhline slots: NA and 0 are gaps, pre-2007-03-26 prices above 50 are rescaled', () => {
    const text =
      '"","date","M1","M2","M3","M4","M5","M6","M7","M8"\n"1",2004-05-21,191,0,208,NA,NA,211,NA,NA\n"2",2007-03-26,13.4,13.8,14.1,14.2,14.28,14.25,NA,14.55\n';
    const rows = parseMarketHistory(text);
    expect(rows[0]?.vx).toEqual([19.1, null, 20.8, null, null, 21.1, null, null]);
    expect(rows[1]?.vx).toEqual([13.4, 13.8, 14.1, 14.2, 14.28, 14.25, null, 14.55]);
  });

  it('reads quantintell cash with empty cells as not yet published', () => {
    const rows = parseMarketHistory(',DATE,VIX9D,VIX,VIX3M,VIX6M,SP500\n0,2008-01-02,,23.17,,24.36,1447.16\n');
    expect(rows).toEqual([{ date: '2008-01-02', vix: 23.17, vix6m: 24.36, spx: 1447.16, vx: [] }]);
  });

  it('a price of 0 is refused with a fix the format accepts', () => {
    // Cboe files have no missing cells: an empty one is no number either, so only removing the row helps
    const vvix = errorOf(() => parseMarketHistory('DATE,VVIX\n01/02/2020,0\n'));
    expect(vvix.message).toMatch(
      /^line 2 \(VVIX\): is 0, but a price must be greater than 0; remove the row \(this format has no missing cells\)/,
    );
    expect(() => parseMarketHistory('DATE,VVIX\n01/02/2020,\n')).toThrow(/not a number/);
    // manumartinb reads an empty cell as a gap: the fix says so, and it parses
    const m = 'Fecha,M1,M2,M3,M4,M5,M6,M7,M8\n2024-08-05,';
    expect(errorOf(() => parseMarketHistory(`${m}0,2,3,4,5,6,7,8\n`)).message).toMatch(
      /remove the row or leave the cell empty$/,
    );
    expect(parseMarketHistory(`${m},2,3,4,5,6,7,8\n`)[0]!.vx[0]).toBeNull();
  });

  it('rejects an OHLC close outside its low-high range: a last line cut inside its close still parses otherwise', () => {
    const cboe = 'DATE,OPEN,HIGH,LOW,CLOSE\n07/21/2026,17.48,17.99,16.86,17.05\n';
    // the last line of the VIX history, cut after the first digit of its close 16.640000
    const cut = errorOf(() => parseMarketHistory(`${cboe}07/22/2026,17.420000,19.490000,16.640000,1`, 'cboe-vix'));
    expect(cut.code).toBe('invalid_input');
    expect(cut.message).toBe(
      "line 3 (CLOSE): is 1, outside the day's low-high range 16.640000..19.490000, so the line is damaged (often cut short inside its last number); " +
        "repair the line from the source (a close within the day's low and high) or remove it",
    );
    expect(errorOf(() => parseMarketHistory(`${cboe}07/22/2026,17.42,19.49,16.64,19.5`, 'cboe-vix9d')).message).toMatch(
      /^line 3 \(CLOSE\): is 19\.5, outside the day's low-high range 16\.64\.\.19\.49/,
    );
    const ohlcv = 'date,open,high,low,close,volume\n2025-04-17,5305.45,5328.31,5255.58,';
    expect(errorOf(() => parseMarketHistory(`${ohlcv}5,4714880000\n`, 'spx-ohlcv')).message).toMatch(
      /^line 2 \(close\): is 5, outside the day's low-high range 5255\.58\.\.5328\.31/,
    );
    // the high and low are read as prices too, and a close on either edge is a close
    expect(() => parseMarketHistory(`${cboe}07/22/2026,17.42,abc,16.64,17`, 'cboe-vix')).toThrow(
      /^line 3 \(HIGH\): is "abc", not a number/,
    );
    expect(parseMarketHistory(`${cboe}07/22/2026,17.42,19.49,16.64,16.64`, 'cboe-vix3m')[1]).toEqual({
      date: '2026-07-22',
      vix3m: 16.64,
      vx: [],
    });
    expect(parseMarketHistory(`${ohlcv}5328.31,1\n`, 'vix-ohlcv')[0]!.vix).toBe(5328.31);
  });

  const bad: [string, string, MarketHistoryFormat | undefined, RegExp][] = [
    ['a word in a price cell', 'DATE,VVIX\n03/16/2020,abc\n', undefined, /^line 2 \(VVIX\): is "abc", not a number/],
    // Number() reads these as 16, 31 and 8: a price nobody wrote
    ['a hexadecimal price', 'DATE,VVIX\n03/16/2020,0x10\n', undefined, /^line 2 \(VVIX\): is "0x10", not a number/],
    [
      'a binary price',
      'Fecha,M1,M2,M3,M4,M5,M6,M7,M8\n2024-08-05,0b11111,2,3,4,5,6,7,8\n',
      undefined,
      /^line 2 \(M1\): is "0b11111", not a number/,
    ],
    [
      'an octal price',
      ',DATE,VIX9D,VIX,VIX3M,VIX6M,SP500\n0,2008-01-02,,0o10,,24.36,1447.16\n',
      undefined,
      /^line 2 \(VIX\): is "0o10"/,
    ],
    [
      'a negative price',
      'Fecha,M1,M2,M3,M4,M5,M6,M7,M8\n2024-08-05,-1,2,3,4,5,6,7,8\n',
      undefined,
      /^line 2 \(M1\): is -1/,
    ],
    [
      'a zero outside leyhline',
      'Fecha,M1,M2,M3,M4,M5,M6,M7,M8\n2024-08-05,0,2,3,4,5,6,7,8\n',
      undefined,
      /^line 2 \(M1\): is 0/,
    ],
    [
      'an ISO date in a Cboe file',
      'DATE,VVIX\n2020-03-16,207\n',
      undefined,
      /^line 2 \(DATE\): is "2020-03-16", not a date; write dates as m\/d\/yyyy/,
    ],
    ['an impossible date', 'DATE,VVIX\n02/30/2020,207\n', undefined, /^line 2 \(DATE\)/],
    [
      'dates out of order',
      'DATE,VVIX\n03/17/2020,1\n03/16/2020,2\n',
      undefined,
      /^line 3 \(DATE\): date 2020-03-16 is before/,
    ],
    [
      'a repeated date',
      'DATE,VVIX\n03/17/2020,1\n03/17/2020,2\n',
      undefined,
      /^line 3 \(DATE\): date 2020-03-17 is repeated/,
    ],
    ['a short line', 'DATE,VVIX\n03/17/2020\n', undefined, /^line 2: has 1 cells, the header has 2/],
    ['an unknown header', 'when,what\n1,2\n', undefined, /^line 1: the header "when,what" is not one of the known/],
    [
      'the Cboe OHLC header without a format',
      'DATE,OPEN,HIGH,LOW,CLOSE\n',
      undefined,
      /^format: .*cboe-vix, cboe-vix3m, cboe-vix9d/,
    ],
    [
      'the date,open header without a format',
      'date,open,high,low,close,volume\n',
      undefined,
      /^format: .*spx-ohlcv, vix-ohlcv/,
    ],
    [
      'a format that does not match the header',
      'DATE,VVIX\n',
      'cboe-skew',
      /^line 1: the header "DATE,VVIX" is not the cboe-skew header/,
    ],
    ['empty text', '', undefined, /^text: is empty/],
  ];
  it.each(bad)('rejects %s, naming the line and column', (_name, text, format, message) => {
    const e = errorOf(() => parseMarketHistory(text, format));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(message);
  });
});

describe('mergeMarketHistory', () => {
  it('takes each field from the first source that has it and whole curves only', () => {
    const a: MarketRow[] = [{ date: '2020-03-16', vix: 82.69, vx: [72.625, 59.15] }];
    const b: MarketRow[] = [
      { date: '2020-03-13', vix: 57.83, spx: 2711.02, vx: [] },
      { date: '2020-03-16', vix: 80, spx: 2386.13, vx: [70, 58, 45] },
    ];
    expect(mergeMarketHistory(a, b)).toEqual([
      { date: '2020-03-13', vix: 57.83, spx: 2711.02, vx: [] },
      { date: '2020-03-16', vix: 82.69, spx: 2386.13, vx: [72.625, 59.15] },
    ]);
  });

  it('adds the SPX open of a later source beside the close of an earlier one', () => {
    const closes: MarketRow[] = [{ date: '2021-01-15', spx: 3768.25, vx: [25.6, 26.5] }];
    const ohlc: MarketRow[] = [{ date: '2021-01-15', spxOpen: 3788.73, spx: 3768.25, vx: [] }];
    expect(mergeMarketHistory(closes, ohlc)).toEqual([
      { date: '2021-01-15', spx: 3768.25, spxOpen: 3788.73, vx: [25.6, 26.5] },
    ]);
  });
});

// Every file of the data folder: format detected (or named), row count, first and last row.
const files: [string, MarketHistoryFormat, number, Partial<MarketRow>, Partial<MarketRow>][] = [
  [
    'cboe_VIX_History__ManULoreN14.csv',
    'cboe-vix',
    9234,
    { date: '1990-01-02', vix: 17.24 },
    { date: '2026-07-22', vix: 16.64 },
  ],
  [
    'cboe_VIX3M_History__ManULoreN14.csv',
    'cboe-vix3m',
    4235,
    { date: '2009-09-18', vix3m: 26.54 },
    { date: '2026-07-22', vix3m: 19.54 },
  ],
  [
    'cboe_VIX9D_History__ManULoreN14.csv',
    'cboe-vix9d',
    3909,
    { date: '2011-01-04', vix9d: 16.06 },
    { date: '2026-07-22', vix9d: 14.88 },
  ],
  [
    'cboe_VVIX_History__ManULoreN14.csv',
    'cboe-vvix',
    5066,
    { date: '2006-03-06', vvix: 71.73 },
    { date: '2026-07-22', vvix: 95.55 },
  ],
  [
    'cboe_SKEW_History__ManULoreN14.csv',
    'cboe-skew',
    9189,
    { date: '1990-01-02', skew: 126.09 },
    { date: '2026-07-22', skew: 150.19 },
  ],
  [
    'quantintell_vix_futures_VX1-VX8_2007-2021.csv',
    'quantintell-futures',
    3711,
    { date: '2007-04-02', vix: 14.53, spx: 1424.55 },
    { date: '2021-12-23', vix: 17.96, spx: 4725.79 },
  ],
  [
    'quantintell_vix_cash_VIX9D_VIX_VIX3M_VIX6M_2008-2021.csv',
    'quantintell-cash',
    3521,
    { date: '2008-01-02', vix: 23.17 },
    { date: '2021-12-23', vix3m: 23.24, vix9d: 13.71, vix6m: 26.48 },
  ],
  ['leyhline_vx_M1-M8_settle_2004-2017_MIT.csv', 'leyhline-m1m8', 3305, { date: '2004-03-26' }, { date: '2017-05-11' }],
  [
    'manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv',
    'manumartinb-m1m8',
    44,
    { date: '2024-07-15' },
    { date: '2024-09-13' },
  ],
  [
    'manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv',
    'manumartinb-m1m8',
    54,
    { date: '2025-03-03' },
    { date: '2025-05-16' },
  ],
  [
    'spx_daily_2021-2026__eric-tao.csv',
    'spx-ohlcv',
    1318,
    { date: '2021-01-04', spx: 3700.65, spxOpen: 3764.61 },
    { date: '2026-04-02', spx: 6582.69 },
  ],
  [
    'vix_daily_2021-2026__eric-tao.csv',
    'vix-ohlcv',
    1348,
    { date: '2021-01-04', vix: 26.97, vixOpen: 23.04 },
    { date: '2026-04-06', vix: 24.17 },
  ],
];

describeWithData('parseMarketHistory on every file of the data folder', () => {
  it.each(files)('%s', (name, format, count, first, last) => {
    const text = readDataFile(name);
    const ambiguous = format.startsWith('cboe-vix') || format.endsWith('-ohlcv');
    if (ambiguous) expect(() => detectMarketHistoryFormat(text)).toThrow(/^format:/);
    else expect(detectMarketHistoryFormat(text)).toBe(format);
    const rows = parseMarketHistory(text, ambiguous ? format : undefined);
    expect(rows.length).toBe(count);
    expect(rows[0]).toMatchObject(first);
    expect(rows[rows.length - 1]).toMatchObject(last);
  });

  it('quantintell VX1 matches the Cboe settlements cited in the data README', () => {
    const rows = parseMarketHistory(readDataFile('quantintell_vix_futures_VX1-VX8_2007-2021.csv'));
    const at = (d: string) => rows.find((r) => r.date === d);
    expect(at('2015-08-24')?.vx[0]).toBe(25.125);
    expect(at('2015-09-01')?.vx[0]).toBe(29.725);
    expect(at('2020-03-16')?.vx.slice(0, 2)).toEqual([72.625, 59.15]);
  });

  it('manumartinb M1 matches the Cboe settlements cited in the data README', () => {
    const rows = parseMarketHistory(readDataFile('manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv'));
    expect(rows.find((r) => r.date === '2024-08-02')?.vx[0]).toBe(21.8527);
    expect(rows.find((r) => r.date === '2024-08-05')?.vx[0]).toBe(32.0986);
  });

  it('leyhline keeps its slots: gaps are null, no price is zero, none is at the 10x scale', () => {
    const rows = parseMarketHistory(readDataFile('leyhline_vx_M1-M8_settle_2004-2017_MIT.csv'));
    const prices = rows.flatMap((r) => r.vx.filter((x): x is number => x !== null));
    expect(Math.min(...prices)).toBeGreaterThan(9);
    expect(Math.max(...prices)).toBeLessThan(90);
    expect(rows.every((r) => r.vx.length === 8)).toBe(true);
    expect(rows[0]?.vx).toEqual([null, 20.27, 20.2, null, 20.06, null, null, 20.89]);
  });
});

describe('parseCboeFuturesCurve', () => {
  it.each([
    [
      'expiration_date,symbol,settlement\n2026-08-20,VX/Q6,19.5\n',
      /^line 2 \(expiration_date\): 2026-08-20 of monthly VX\/Q6 is not a monthly VX expiry; check the row: VX futures and VIX options listed either side expire on 2026-08-19 and 2026-09-16/,
    ],
    ['expiration_date,symbol,settlement\n2026-08-19,SPX,19.5\n', /^line 2 \(symbol\): is "SPX"/],
    ['expiration_date,symbol,settlement\n2026-08-19,VX/Q6,0\n', /^line 2 \(settlement\): is "0"/],
    ['date,price\n', /^line 1: the header "date,price"/],
  ])('rejects %j', (text, message) => {
    expect(() => parseCboeFuturesCurve(text)).toThrow(message);
  });
});

describe('line ends', () => {
  it('reads a lone CR as a line end, as CRLF and LF', () => {
    const lf = 'expiration_date,symbol,settlement\n2026-08-19,VX/Q6,19.5\n2026-09-16,VX/U6,20.1\n';
    const curve = parseCboeFuturesCurve(lf);
    expect(curve.monthly).toHaveLength(2);
    for (const end of ['\r', '\r\n']) expect(parseCboeFuturesCurve(lf.replaceAll('\n', end))).toEqual(curve);
    const history = 'DATE,VVIX\n03/16/2020,207.59\n03/17/2020,181.01\n';
    const rows = parseMarketHistory(history);
    expect(rows).toHaveLength(2);
    for (const end of ['\r', '\r\n']) {
      expect(detectMarketHistoryFormat(history.replaceAll('\n', end))).toBe(detectMarketHistoryFormat(history));
      expect(parseMarketHistory(history.replaceAll('\n', end))).toEqual(rows);
    }
  });
});

describeWithData('parseCboeFuturesCurve on the data folder', () => {
  it('separates the 8 monthly contracts from the 5 weeklies, all dated by the calendar', () => {
    const { monthly, weekly } = parseCboeFuturesCurve(readDataFile('cboe_VIX_FUTURES_CURVE__ManULoreN14.csv'));
    expect(monthly.map((q) => q.expiry)).toEqual([
      '2026-08-19',
      '2026-09-16',
      '2026-10-21',
      '2026-11-18',
      '2026-12-16',
      '2027-01-20',
      '2027-02-17',
      '2027-03-17',
    ]);
    expect(monthly[0]?.price).toBe(19.5133);
    expect(weekly.length).toBe(5);
  });
});
