import { describe, expect, it } from 'vitest';
import { MAX_VIX_HISTORY, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';
import { readVixCloses, VixClosesError } from '../../addin/src/common/vixCloses';
import { monteCarloInput } from '../../addin/src/common/planInput';
import { presentMonteCarlo } from '../../addin/src/common/presentRuns';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { describeWithData, readDataFile } from '../helpers/marketData';

describe('readVixCloses: the recent VIX closes pasted into the taskpane', () => {
  it("reads Cboe's VIX_History.csv (header, M/D/YYYY, the CLOSE column)", () => {
    const text = 'DATE,OPEN,HIGH,LOW,CLOSE\n04/03/2025,26.38,30.02,24.93,30.02\n04/04/2025,30.12,45.61,29.99,45.31\n';
    expect(readVixCloses(text, '2025-04-08')).toEqual({
      closes: [
        { date: '2025-04-03', vix: 30.02 },
        { date: '2025-04-04', vix: 45.31 },
      ],
      lines: [2, 3],
      note: '2 closes, 2025-04-03 to 2025-04-04 (column "CLOSE")',
    });
  });

  // Cboe's older file and a web page's copy: the second column is the OPEN, never the close
  const march2020 =
    '03/12/2020,61.46,76.83,59.91,75.47\n03/13/2020,71.31,77.57,55.17,57.83\n03/16/2020,57.83,83.56,57.83,82.69';
  it.each([
    ['Date,VIX Open,VIX High,VIX Low,VIX Close', 'VIX Close'],
    ['Date,Open,High,Low,Close*,Adj Close**', 'Close*'],
    ['Date,Open,High,Low,Adj Close', 'Adj Close'],
  ])('reads the close of an OHLC header that names it otherwise (%s), not the open', (head, column) => {
    const extra = head.split(',').length === 6 ? (row: string) => `${row},${row.split(',')[4]}` : (row: string) => row;
    const text = `${head}\n${march2020.split('\n').map(extra).join('\n')}`;
    const read = readVixCloses(text, '2020-03-17')!;
    expect(read.closes.map((c) => c.vix)).toEqual([75.47, 57.83, 82.69]);
    expect(read.note).toBe(`3 closes, 2020-03-12 to 2020-03-16 (column "${column}")`);
  });

  it('refuses a wider header that names no close column, or two, instead of reading its second column', () => {
    expect(() => readVixCloses(`Date,Open,High,Low,Last\n${march2020}`, '2020-03-17')).toThrow(
      'line 1: the header ("Date", "Open", "High", "Low", "Last") names no close column: name the VIX close\'s column "Close", or paste the date and the close alone',
    );
    expect(() => readVixCloses(`Date,VIX Close,SPX Close\n03/12/2020,75.47,2480.64`, '2020-03-17')).toThrow(
      'line 1: the header names 2 close columns ("VIX Close", "SPX Close"): keep one, or paste the date and the close alone',
    );
    // two columns under any header: the second is the close
    expect(readVixCloses('Date,VIX\n03/12/2020,75.47', '2020-03-17')!.closes).toEqual([
      { date: '2020-03-12', vix: 75.47 },
    ]);
  });

  it("refuses a two-column header naming another index (Cboe's VVIX_History.csv), whatever the levels", () => {
    // 2025-04-07: VVIX 152.63 against VIX 52.33 the next day, within the run's 3-times bound
    for (const head of ['DATE,VVIX', 'Date\tVIX3M', '"DATE","SKEW"', 'date;^VIX9D'])
      expect(() => readVixCloses(`${head}\n04/04/2025,121.31\n04/07/2025,152.63`, '2025-04-08')).toThrow(
        /^VIX closes, line 1: the header's second column is ".+", not VIX: paste VIX closes \(Cboe's VIX_History\.csv, or the date and the VIX close\)$/,
      );
    // a wider header whose close is another index's
    expect(() => readVixCloses('Date,VVIX Close\n04/04/2025,121.31', '2025-04-08')).toThrow(
      /^VIX closes, line 1: the close column is "VVIX Close", not VIX's: paste VIX closes/,
    );
    expect(() =>
      readVixCloses('Date,Open,Close\n04/04/2025,1,121.31'.replace('Close', 'SKEW Close'), '2025-04-08'),
    ).toThrow(/the close column is "SKEW Close", not VIX's/);
    for (const head of ['Date,VIX', 'Date,^VIX', 'Date,Level', 'Date,VIX Index', 'Date,VIX Close'])
      expect(readVixCloses(`${head}\n04/07/2025,46.98`, '2025-04-08')!.closes).toEqual([
        { date: '2025-04-07', vix: 46.98 },
      ]);
  });

  it('refuses day-first dates that read month first as closes months apart, naming the line and the fix', () => {
    // Cboe's 3, 4, 7 and 8 April 2025 written D/M/YYYY: month first, 3 March, 4 April, 7 April, 8 July
    const text = 'Date,Close\n03/04/2025,30.02\n04/04/2025,45.31\n07/04/2025,46.98\n08/04/2025,52.33';
    expect(() => readVixCloses(text, '2025-04-08')).toThrow(
      'VIX closes, line 3: reads as 2025-04-04 month first (M/D/YYYY, as Cboe writes it), 31 days after the close before, while day first the closes are consecutive weekdays: write dates as YYYY-MM-DD',
    );
    // the same days month first are read as they are
    const us = 'Date,Close\n04/03/2025,30.02\n04/04/2025,45.31\n04/07/2025,46.98\n04/08/2025,52.33';
    expect(readVixCloses(us, '2025-04-08')!.closes.map((c) => c.date)).toEqual([
      '2025-04-03',
      '2025-04-04',
      '2025-04-07',
      '2025-04-08',
    ]);
    // a day over 12 first is no month: named as day first
    expect(() => readVixCloses('13/04/2025,30', '2025-04-20')).toThrow(
      'VIX closes, line 1: "13/04/2025" is a date only day first (D/M/YYYY): write dates as YYYY-MM-DD, or M/D/YYYY as Cboe does',
    );
  });

  it('reads a date written with a time of day (as a sheet or pandas writes it), in its cell or the next', () => {
    for (const text of [
      '2025-04-04 00:00:00,45.31\n2025-04-07 00:00:00,46.98',
      '2025-04-04T00:00:00,45.31\n2025-04-07T00:00:00,46.98',
      '2025-04-04 00:00:00\t45.31\n2025-04-07 00:00:00\t46.98',
      '2025-04-04 00:00 45.31\n2025-04-07 00:00 46.98',
      'Date,Close\n4/4/2025 0:00,45.31\n4/7/2025 0:00,46.98',
      // Excel's US date-time, and pandas' with its zone
      'Date,Close\n4/4/2025 12:00:00 AM,45.31\n4/7/2025 12:00:00 AM,46.98',
      '4/4/2025 12:00:00 AM\t45.31\n4/7/2025 12:00:00 AM\t46.98',
      '4/4/2025 12:00:00 AM 45.31\n4/7/2025 12:00:00 AM 46.98',
      '2025-04-04 00:00:00+00:00,45.31\n2025-04-07 00:00:00+00:00,46.98',
    ])
      expect(readVixCloses(text, '2025-04-08')!.closes, text).toEqual([
        { date: '2025-04-04', vix: 45.31 },
        { date: '2025-04-07', vix: 46.98 },
      ]);
  });

  it('reads two columns copied from a sheet (tabs, newest first) and sorts them oldest first', () => {
    const read = readVixCloses('2025-04-08\t52.33\n2025-04-07\t46.98\n\n2025-04-04\t45.31', '2025-04-08');
    expect(read?.closes.map((c) => c.date)).toEqual(['2025-04-04', '2025-04-07', '2025-04-08']);
    expect(read?.closes.at(-1)?.vix).toBe(52.33);
  });

  it('leaves out closes after the valuation date and keeps the latest MAX_VIX_HISTORY, saying so', () => {
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: MAX_VIX_HISTORY + 50 }, (_, i) => `${day(i)},${15 + (i % 7)}`);
    const valuation = day(MAX_VIX_HISTORY + 39); // the last 10 rows are after it
    const read = readVixCloses(rows.join('\n'), valuation)!;
    expect(read.closes).toHaveLength(MAX_VIX_HISTORY);
    expect(read.closes.at(-1)?.date).toBe(valuation);
    expect(read.closes[0]?.date).toBe(day(40));
    expect(read.note).toBe(
      `${MAX_VIX_HISTORY} closes, ${day(40)} to ${valuation}; 10 after the valuation date left out; the latest ${MAX_VIX_HISTORY} of ${MAX_VIX_HISTORY + 40} kept`,
    );
  });

  it('blank text is no history', () => {
    expect(readVixCloses('  \n\n', '2025-04-08')).toBeNull();
  });

  it('a row without a date or without a positive close names its line and the fix', () => {
    const bad = (text: string) => {
      try {
        readVixCloses(text, '2025-04-08');
      } catch (e) {
        expect(e).toBeInstanceOf(VixClosesError);
        return (e as VixClosesError).message;
      }
      throw new Error('no error');
    };
    expect(bad('2025-04-03,30.02\n2025-04-31,31')).toMatch(
      /^VIX closes, line 2: "2025-04-31" is not a date; start each row/,
    );
    expect(bad('2025-04-03,30.02\n2025-04-04,-1')).toMatch(
      /^VIX closes, line 2: the close "-1" is not a positive number/,
    );
    expect(bad('2025-04-03')).toMatch(/^VIX closes, line 1: the close "" is not a positive number/);
    expect(bad('2025-04-09,30')).toMatch(/every close is after the valuation date 2025-04-08/);
  });

  // A close is never a number it might not be: a decimal comma, hexadecimal, a decimal VIX, a
  // third cell or a second close for a date is refused naming its line.
  it.each([
    ['2025-04-07\t46,98', /^VIX closes, line 1: the close "46,98" has a decimal comma: write 46\.98/],
    ['2025-04-07;46,98', /line 1: the close "46,98" has a decimal comma/],
    // typed with a space: never a CSV of "2025-04-07 46" and "98"
    ['2025-04-07 46,98', /^VIX closes, line 1: the close "46,98" has a decimal comma: write 46\.98/],
    // one cell too many, the last two the halves of a decimal comma: the fix is said at once (tabs
    // or semicolons would only meet the decimal comma's refusal)
    [
      '2025-04-04,45.31\n2025-04-07,46,98',
      /^VIX closes, line 2: reads the close 46,98 as two cells, "46" and "98": write 46\.98 with a decimal point$/,
    ],
    [
      'DATE,CLOSE\n2025-04-07,46,98',
      /^VIX closes, line 2: reads the close 46,98 .*: write 46\.98 with a decimal point$/,
    ],
    [
      'DATE,OPEN,HIGH,LOW,CLOSE\n04/07/2025,60.13,60.13,38.57,46,98',
      /^VIX closes, line 2: reads the close 46,98 .*write 46\.98 with a decimal point$/,
    ],
    [
      'DATE,OPEN,HIGH,LOW,CLOSE\n04/07/2025,60,13,60,13,38,57,46,98,1',
      /line 2: has 10 cells .* where the header has 5: paste rows of the header's 5 columns; write decimals with a point, not a comma$/,
    ],
    ['2025-04-07,46.98,x', /line 1: has 3 cells .* where a row has 2: paste the date and the close, .*header row$/],
    ['2025-04-07\t46\t98', /line 1: has 3 cells .* where a row has 2: paste the date and the close, .*header row$/],
    ['2025-04-07,0x2F', /line 1: the close "0x2F" is not a positive number/],
    ['2025-04-07,1e1', /line 1: the close "1e1" is not a positive number/],
    ['2025-04-07,0.4698', /line 1: the close 0\.4698 is outside 1-300: VIX closes are index points/],
    ['2025-04-07,350', /line 1: the close 350 is outside 1-300: VIX closes are index points/],
    [
      '2025-04-04,45.31\n2025-04-07,46.98\n2025-04-04,45.3',
      /^VIX closes, line 3: gives 2025-04-04 again \(line 1 gives it\)/,
    ],
    [
      '2025-03-20,20\n2025-03-21,21',
      /line 2: the latest close, 2025-03-21, is 18 days before the valuation date 2025-04-08/,
    ],
  ])('refuses %j', (text, words) => {
    expect(() => readVixCloses(text, '2025-04-08')).toThrow(words);
  });

  // A message is read in the box under the closes, 255 characters at most: a pasted line of a
  // million characters or cells is quoted cut short, named by its line.
  it('quotes a line of a million characters or cells cut short, naming its line', () => {
    const said = (text: string) => {
      try {
        readVixCloses(text, '2025-04-08');
      } catch (e) {
        if (e instanceof VixClosesError) return e.message;
        throw e;
      }
      throw new Error('the closes were read');
    };
    const cells = (sep: string) => Array.from({ length: 1_000_000 }, (_, i) => i + 1).join(sep);
    const long = 'x'.repeat(1_000_000);
    const cases: [string, RegExp][] = [
      [`2025-04-07,46.98\n${long}`, /^VIX closes, line 2: "x{40}…" is not a date; start each row with YYYY-MM-DD/],
      [`2025-04-07,46.98\n${long} 46.98`, /^VIX closes, line 2: "x{40}…" is not a date/],
      [
        `2025-04-07,46.98\n2025-04-08\t${cells('\t')}`,
        /^VIX closes, line 2: has 1,000,001 cells \("2025-04-08", "1", "2", .*, …\) where a row has 2: paste the date and the close/,
      ],
      [
        `2025-04-07,46.98\n2025-04-08,${cells(',')}`,
        /^VIX closes, line 2: has 1,000,001 cells \(.*, …\) where a row has 2: .*; write decimals with a point, not a comma$/,
      ],
      [
        `Date,${cells(',')}\n2025-04-07,46.98`.replace(/\d+/g, 'n'),
        /^VIX closes, line 1: the header \("Date", "n", "n", .*, …\) names no close column/,
      ],
      [`2025-04-07\t${long}`, /^VIX closes, line 1: the close "x{40}…" is not a positive number/],
      [
        `2025-04-07\t${'4'.repeat(1_000)},5`,
        /^VIX closes, line 1: the close "4{40}…" has a decimal comma: write 4{40}…/,
      ],
      [`2025-04-07\t${'4'.repeat(1_000_000)}`, /^VIX closes, line 1: the close 4{20}… is outside 1-300/],
      // a close split by its decimal comma, each half hundreds of digits: the number is cut too
      [
        `2025-04-07,${'9'.repeat(400)},${'9'.repeat(400)}`,
        /^VIX closes, line 1: reads the close 9{41}… as two cells, "9{20}…" and "9{20}…": write 9{20}….9{20}… with a decimal point$/,
      ],
    ];
    for (const [text, words] of cases) {
      const message = said(text);
      expect(message).toMatch(words);
      expect(message.length, message).toBeLessThanOrEqual(255);
    }
  });

  it('reads quoted CSV cells as a CSV writer quotes them, and lines ended by a lone CR', () => {
    const quoted = '"DATE","CLOSE"\n"06/07/2023","14.2"\n"06/08/2023","13.65"\n';
    const want = [
      { date: '2023-06-07', vix: 14.2 },
      { date: '2023-06-08', vix: 13.65 },
    ];
    expect(readVixCloses(quoted, '2023-06-09')!.closes).toEqual(want);
    const cboe =
      '"DATE","OPEN","HIGH","LOW","CLOSE"\r"06/07/2023","14.5","15","14","14.2"\r"06/08/2023",14,14,13,13.65';
    const read = readVixCloses(cboe, '2023-06-09')!;
    expect([read.closes, read.lines, read.note]).toEqual([
      want,
      [2, 3],
      '2 closes, 2023-06-07 to 2023-06-08 (column "CLOSE")',
    ]);
    expect(readVixCloses('2023-06-07\t"14.2"\r2023-06-08;"13.65"', '2023-06-09')!.closes).toEqual(want);
    // a decimal comma inside quotes stays in its cell, to be refused there; a quote left open is named in its cell
    expect(() => readVixCloses('"06/07/2023","14,2"', '2023-06-09')).toThrow(
      'VIX closes, line 1: the close "14,2" has a decimal comma: write 14.2',
    );
    expect(() => readVixCloses('2023-06-07,14.2\r2023-06-08,"13.65', '2023-06-09')).toThrow(
      'VIX closes, line 2: the close ""13.65" is not a positive number',
    );
  });

  it('names UTF-16 text (a file saved as Unicode Text, read as UTF-8) instead of its first "date"', () => {
    const text = 'DATE,CLOSE\n04/07/2025,46.98\n';
    for (const bom of ['\uFEFF', ''])
      expect(() => readVixCloses(new TextDecoder().decode(Buffer.from(bom + text, 'utf16le')), '2025-04-08')).toThrow(
        new VixClosesError(1, 'the file is UTF-16 text: save it as CSV UTF-8 and load it again'),
      );
  });

  it('never fails with another error while the Date is still being typed (the page would break)', () => {
    for (const typing of ['', '2025-04-0', '2025-13-08', '2025-04-31'])
      try {
        readVixCloses('2025-03-20,20', typing);
      } catch (e) {
        expect(e).toBeInstanceOf(VixClosesError);
      }
  });

  it('says "1 close", and keeps each close\'s pasted line', () => {
    const read = readVixCloses('Date\tVIX\n2025-04-07\t46.98\n\n2025-04-04\t45.31', '2025-04-08')!;
    expect(read.note).toBe('2 closes, 2025-04-04 to 2025-04-07');
    expect(read.lines).toEqual([4, 2]);
    expect(readVixCloses('2025-04-07 46.98', '2025-04-08')!.note).toBe('1 close, 2025-04-07 to 2025-04-07');
  });
});

describeWithData("the taskpane example's Monte Carlo from the Cboe closes up to its day (2025-04-08)", () => {
  const raw = planInputFromForm({
    fields: EXAMPLE.fields,
    futures: EXAMPLE.futures,
    policy: {},
    indices: EXAMPLE.indices,
  });
  const cboe = readVixCloses(readDataFile('cboe_VIX_History__ManULoreN14.csv'), '2025-04-08')!;

  it('pastes the whole file: the latest 600 closes up to the day, ending at its VIX', () => {
    expect(cboe.closes).toHaveLength(MAX_VIX_HISTORY);
    expect(cboe.closes.at(-1)).toEqual({ date: '2025-04-08', vix: 52.33 });
    expect(cboe.note).toMatch(
      /^600 closes, \d{4}-\d{2}-\d{2} to 2025-04-08 \(column "CLOSE"\); \d+ after the valuation date left out; the latest 600 of \d+ kept$/,
    );
  });

  it("reads the four-day spike out of VIX 21 as jumps: VIX comes back faster than from today's VIX alone", () => {
    const run = (closes?: typeof cboe.closes) =>
      summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw, 2000, 7, undefined, undefined, closes)));
    const alone = run();
    const history = run(cboe.closes);
    expect(alone.modelStart).toBe('vix-only');
    expect(history.modelStart).toBe('vix-history');
    expect(presentMonteCarlo(alone).measure).toBe("real-world measure, factors from today's VIX alone");
    expect(presentMonteCarlo(history).measure).toBe('real-world measure, factors read from the recent VIX closes');
    // Same seed, same draws: only the start differs. The median VIX at the horizon falls by points.
    const p50 = (s: typeof alone) => s.market.vix['p50']!;
    expect(p50(history)).toBeLessThan(p50(alone) - 2);
  });
});
