/**
 * The taskpane's Office.js path against office-addin-mock: from a plan, a stress grid and a Monte
 * Carlo run (hand-made view models, then the shared engines' real results for the example day),
 * the writers create the right sheets, tables, number formats, heatmap and chart.
 */
import { cellAt, excelInput, mockContext, officeError } from './stubs/excelMock';
import { describe, expect, it } from 'vitest';
import {
  blockAddress,
  columnLetter,
  readSelection,
  writeMonteCarloSheet,
  writePlanSheet,
  writeStressSheet,
} from '../../addin/src/taskpane/workbook';
import { oneAtATime, sheetName, tableKey, workbookWriteError } from '../../addin/src/taskpane/workbookRun';
import type { HistogramView, PlanView, StressView } from '../../addin/src/common/views';
import { excelFormat, formatValue } from '../../addin/src/common/views';
import { PlanInputSchema, parseInput, plan, runMonteCarloChunk, stressGrid, summarizeMonteCarlo } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { monteCarloInput, planInputFromForm, stressInput } from '../../addin/src/common/planInput';
import { presentPlan } from '../../addin/src/common/present';
import { mergeCloudMonteCarlo, presentMonteCarlo, presentStress } from '../../addin/src/common/presentRuns';

const planView: PlanView = {
  date: '2025-04-08',
  tiles: [],
  headline: 'steep-backwardation: 65% calendar / 35% tail',
  rows: [
    { section: 'Curve', label: 'Spread F1 − F2', value: 7.74, format: 'points', note: 'positive = backwardation' },
    { section: 'Split', label: 'Calendar share', value: 0.65, format: 'pct', note: 'from the base knots' },
    { section: 'Tail', label: 'VIX calls', value: 12, format: 'integer', note: 'ceil(1.8 · loss / gain)' },
    { section: 'Tail', label: 'Cost', value: 10450, format: 'usd', note: 'contracts · premium · 100' },
    { section: 'Tail', label: 'Expiry', value: '2025-05-21', format: 'date', note: 'VX expiry 45-60 days out' },
  ],
  audit: [
    { rule: 'base', inputs: 'spread=7.74', effect: 'calendar 0.65' },
    { rule: 'clamp', inputs: 'calendar=0.65', effect: 'none' },
  ],
  warnings: ['hedge cost rate 21% is over the 18% cap'],
};

const stress: StressView = {
  title: 'Stress grid 2025-04-08',
  rowHeader: 'SPX move',
  colHeader: 'VIX',
  rowLabels: ['-20%', '0%', '+5%'],
  colLabels: ['20', '40', '60'],
  slices: [
    {
      label: 'After 0 days (2025-04-08)',
      short: 'today',
      values: [
        [-30000, -20000, -5000],
        [1000, 500, -200],
        [2000, 1500, 100],
      ],
    },
    {
      label: 'After 7 days (2025-04-15)',
      short: '+7 d',
      values: [
        [-25000, -15000, -4000],
        [1500, 800, 0],
        [2500, 1800, 300],
      ],
    },
  ],
  opens: 0,
  notes: [],
};

const hist: HistogramView = {
  binLabels: [-40000, -20000, 0, 20000],
  condor: [50, 100, 600, 250],
  alvh: [10, 90, 650, 250],
  // 1,000 paths of each book in the bins, 5 beyond them: 1,005 paths in all.
  tails: { low: -50000, high: 30000, below: [3, 1], above: [2, 4], lowest: [-61000, -52000], highest: [31500, 34000] },
  paths: 1005,
  seed: 42,
  measure: 'real-world measure',
  notes: [],
  stats: [
    { label: 'Mean', condor: 1200, alvh: 900, format: 'usd' },
    { label: 'P(loss)', condor: 0.2, alvh: 0.18, format: 'pct' },
  ],
};

const raw0 = planInputFromForm({
  fields: EXAMPLE.fields,
  futures: EXAMPLE.futures,
  policy: {},
  indices: EXAMPLE.indices,
});
const all = (_v: string): boolean => true;
const old = (v: string): boolean => Number(v.split('.')[1]) <= 1;

describe("the mock's cells read a string as Excel does", () => {
  it.each([
    ['2025-05-21', undefined, { value: 45798, format: 'm/d/yyyy' }],
    ['5/21/2025', undefined, { value: 45798, format: 'm/d/yyyy' }],
    ['-$40,000', undefined, { value: -40000, format: '$#,##0' }],
    ['+5%', undefined, { value: 0.05, format: '0%' }],
    ['20', '#,##0', { value: 20, format: '#,##0' }],
    ['2025-05-21', '@', { value: '2025-05-21', format: '@' }],
    ['-$40,000', '@', { value: '-$40,000', format: '@' }],
    ['ceil(1.8 · loss / gain)', undefined, { value: 'ceil(1.8 · loss / gain)' }],
    [12, '@', { value: 12, format: '@' }],
  ])('%s in a cell formatted %s', (v, format, stored) => expect(excelInput(v, format)).toEqual(stored));
});

describe('addresses and names', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (i, letter) => expect(columnLetter(i)).toBe(letter));

  it('addresses a block and a single cell', () => {
    expect(blockAddress(3, 0, 6, 4)).toBe('A4:D9');
    expect(blockAddress(0, 2, 1, 1)).toBe('C1');
  });

  it('makes sheet names Excel accepts', () => {
    const n = sheetName('ALVH plan [a/b]: x?', '20250408-101112');
    expect(n.length).toBeLessThanOrEqual(31);
    expect(n).not.toMatch(/[[\]:*?/\\]/);
    // The second of a run, of the longest kind, keeps its whole time within 31 characters.
    expect(sheetName('ALVH frontier', '20250408-101112', 2)).toBe('ALVH frontier 20250408-101112-2');
    expect([tableKey('20250408-101112'), tableKey('20250408-101112', 3)]).toEqual([
      '20250408_101112',
      '20250408_101112_3',
    ]);
  });
});

describe('two writes within the same second', () => {
  const stamp = '20250408-101112';
  const opts = { stamp, supports: all };

  it('the mock refuses a sheet name a sheet has, as Excel does, at the sync', async () => {
    const { context, sheets } = mockContext([], { sheets: ['alvh PLAN 20250408-101112'] });
    context.workbook.worksheets.add('ALVH plan 20250408-101112');
    await expect(context.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    expect(sheets).toHaveLength(0);
  });

  it('names the second sheet "-2" and its tables "_2" instead of failing', async () => {
    const { context, sheets } = mockContext();
    const first = await writePlanSheet(context, planView, opts);
    const second = await writePlanSheet(context, planView, opts);
    expect([first, second]).toEqual(['ALVH plan 20250408-101112', 'ALVH plan 20250408-101112-2']);
    expect(sheets.map((s) => s.tables.map((t) => t.mock.name))).toEqual([
      ['AlvhPlan_20250408_101112', 'AlvhAudit_20250408_101112'],
      ['AlvhPlan_20250408_101112_2', 'AlvhAudit_20250408_101112_2'],
    ]);
    // A third, of another kind, has its own name; one whose table key a table still ends with moves on.
    expect(await writeStressSheet(context, stress, opts)).toBe('ALVH stress 20250408-101112');
    const { context: c2 } = mockContext([], { tables: ['AlvhMcHist_20250408_101112'] });
    expect(await writeMonteCarloSheet(c2, hist, opts)).toBe('ALVH MC 20250408-101112-2');
  });

  it('one at a time: two writes started together never pick the same name', async () => {
    const { context } = mockContext();
    const inTurn = oneAtATime();
    const names = await Promise.all([
      inTurn(() => writePlanSheet(context, planView, opts)),
      inTurn(() => writePlanSheet(context, planView, opts)),
    ]);
    expect(names).toEqual(['ALVH plan 20250408-101112', 'ALVH plan 20250408-101112-2']);
    // Without the queue the two read the names before either adds its sheet: Excel refuses the second.
    const { context: c2 } = mockContext();
    await expect(
      Promise.all([writePlanSheet(c2, planView, opts), writePlanSheet(c2, planView, opts)]),
    ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    // A job that fails does not stop the next.
    await expect(inTurn(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(inTurn(() => Promise.resolve(1))).resolves.toBe(1);
  });
});

describe("a failed workbook write says what to do, with Excel's text as the detail", () => {
  it.each([
    ['InvalidOperationInCellEditMode', /^Excel is editing a cell\. Press Enter or Esc/],
    ['AccessDenied', /structure is protected or the file is read-only\. Unprotect it \(Review > Protect Workbook\)/],
    ['ItemAlreadyExists', /Run again: the next free name is taken/],
    ['ApiNotFound', /Update Office/],
    ['GeneralException', /^Excel could not write the results to a sheet; they are shown here\. Run again/],
  ])('%s', (code, todo) => {
    const m = workbookWriteError(officeError(code, 'Excel said this.'));
    expect(m).toMatch(todo);
    expect(m.endsWith(`(Excel: ${code}: Excel said this.)`)).toBe(true);
  });

  it('an error without a code (or not an Error) keeps its text as the detail', () => {
    expect(workbookWriteError(new Error('boom'))).toMatch(/; they are shown here\. .*\(Excel: boom\)$/);
    expect(workbookWriteError('odd')).toMatch(/\(Excel: odd\)$/);
  });
});

describe('writePlanSheet', () => {
  it('adds a sheet with the plan table, per-row number formats, the audit table and the warnings', async () => {
    const { context, sheets } = mockContext();
    const name = await writePlanSheet(context, planView, { stamp: '20250408-101112', supports: all });
    expect(sheets.map((s) => s.name)).toEqual([name]);
    const sheet = sheets[0]!;
    expect(name).toBe('ALVH plan 20250408-101112');
    expect(sheet.activated).toBe(true);
    expect(sheet.autofit).toBe(true);

    expect(sheet.tables.map((t) => [t.address, t.hasHeaders, t.mock.name])).toEqual([
      ['A4:D9', true, 'AlvhPlan_20250408_101112'],
      ['A12:C14', true, 'AlvhAudit_20250408_101112'],
    ]);
    const body = sheet.ranges.find((r) => r.address === 'A4:D9')!.mock;
    expect(body['values'][0]).toEqual(['Section', 'Item', 'Value', 'Explanation']);
    expect(body['values'][3]).toEqual(['Tail', 'VIX calls', 12, 'ceil(1.8 · loss / gain)']);
    expect(['C5', 'C6', 'C7', 'C8', 'C9'].map((a) => cellAt(sheet, a).format)).toEqual([
      '#,##0.00',
      '0.0%',
      '#,##0',
      '$#,##0;[Red]-$#,##0',
      '@',
    ]);
    // The date row holds the ISO text as written: its '@' was set before the value, else Excel
    // would have stored the serial 45798 and shown it as that number.
    expect(cellAt(sheet, 'C9')).toEqual({ value: '2025-05-21', format: '@' });
    expect(cellAt(sheet, 'C8')).toEqual({ value: 10450, format: '$#,##0;[Red]-$#,##0' });
    const title = sheet.ranges.find((r) => r.address === 'A1')!.mock;
    expect(title['values']).toEqual([['ALVH plan 2025-04-08']]);
    expect(title['format'].font.bold).toBe(true);
    const warnings = sheet.ranges.find((r) => r.address === 'A16:A17')!.mock;
    expect(warnings['values']).toEqual([['Warnings'], ['hedge cost rate 21% is over the 18% cap']]);
  });

  it('skips autofit where ExcelApi 1.2 is missing', async () => {
    const { context, sheets } = mockContext();
    await writePlanSheet(context, planView, { stamp: '1', supports: (v) => v === '1.1' });
    expect(sheets[0]!.autofit).toBe(false);
  });
});

describe('writeStressSheet', () => {
  it('writes one block per horizon with headers and a red-white-green colour scale on each', async () => {
    const { context, sheets } = mockContext();
    await writeStressSheet(context, stress, { stamp: '20250408-101112', supports: all });
    const sheet = sheets[0]!;
    expect(sheet.name).toBe('ALVH stress 20250408-101112');
    expect(sheet.ranges.find((r) => r.address === 'A4')!.mock['values']).toEqual([['After 0 days (2025-04-08)']]);
    const header = sheet.ranges.find((r) => r.address === 'A5:D5')!.mock;
    expect(header['values']).toEqual([['SPX move \\ VIX', '20', '40', '60']]);
    // Row labels kept as the text shown ("+5%", not 0.05 shown as 5%).
    expect(sheet.ranges.find((r) => r.address === 'A6:A8')!.mock['values']).toEqual([['-20%'], ['0%'], ['+5%']]);
    expect(header['format'].fill.color).toBe('#1F4E79');
    const first = sheet.ranges.find((r) => r.address === 'B6:D8')!;
    expect(first.mock['values']).toEqual(stress.slices[0]!.values);
    expect(first.mock['numberFormat'][0]).toEqual([
      '$#,##0;[Red]-$#,##0',
      '$#,##0;[Red]-$#,##0',
      '$#,##0;[Red]-$#,##0',
    ]);
    expect(first.cfs).toHaveLength(1);
    expect(first.cfs[0]!.type).toBe('ColorScale');
    // Symmetric about 0 at the block's largest |P&L| (30,000): a $2,000 gain is a pale green, as
    // pale as a $2,000 loss is red, and the same colours as the fill without ExcelApi 1.6.
    expect(first.cfs[0]!.mock.colorScale.criteria).toEqual({
      minimum: { type: 'Number', formula: '-30000', color: '#F8696B' },
      midpoint: { type: 'Number', formula: '0', color: '#FFFFFF' },
      maximum: { type: 'Number', formula: '30000', color: '#63BE7B' },
    });
    expect(sheet.ranges.find((r) => r.address === 'A11')!.mock['values']).toEqual([['After 7 days (2025-04-15)']]);
    const second = sheet.ranges.find((r) => r.address === 'B13:D15')!;
    expect(second.mock['values']).toEqual(stress.slices[1]!.values);
    expect(second.cfs).toHaveLength(1);
    expect(second.cfs[0]!.mock.colorScale.criteria).toMatchObject({
      minimum: { formula: '-25000' },
      maximum: { formula: '25000' },
    });
  });

  it("writes the grid's notes below the last block, and no notes row without them", async () => {
    const note = 'The plan input carries plan.positions, which this grid does not follow: …';
    const { context, sheets } = mockContext();
    await writeStressSheet(context, { ...stress, notes: [note] }, { stamp: '1', supports: all });
    const ranges = sheets[0]!.ranges;
    expect(ranges.find((r) => r.address === 'A18:A19')!.mock['values']).toEqual([['Notes on this grid'], [note]]);
    const plain = mockContext();
    await writeStressSheet(plain.context, stress, { stamp: '1', supports: all });
    expect(plain.sheets[0]!.ranges.some((r) => r.address.startsWith('A18'))).toBe(false);
  });

  it('paints the cells itself where conditional formats (ExcelApi 1.6) are missing', async () => {
    const { context, sheets } = mockContext();
    await writeStressSheet(context, stress, { stamp: '1', supports: old });
    const sheet = sheets[0]!;
    expect(sheet.ranges.find((r) => r.address === 'B6:D8')!.cfs).toHaveLength(0);
    expect(sheet.ranges.find((r) => r.address === 'B6')!.mock['format'].fill.color).toBe('#F8696B');
    expect(sheet.ranges.find((r) => r.address === 'C7')!.mock['format'].fill.color).toMatch(/^#F[0-9A-F]{5}$/);
  });
});

describe('writeMonteCarloSheet', () => {
  it('writes the statistics and histogram tables and a clustered column chart of the histogram', async () => {
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, hist, { stamp: '20250408-101112', supports: all });
    const sheet = sheets[0]!;
    // the statistics with a standard-error column for each book (blank where a row has none)
    expect(sheet.tables.map((t) => t.address)).toEqual(['A4:E6', 'A9:C13', 'A15:C20']);
    const histTable = sheet.ranges.find((r) => r.address === 'A9:C13')!.mock;
    expect(histTable['values'][0]).toEqual(['P&L bin (USD)', 'Unhedged condor', 'ALVH book']);
    expect(histTable['values'][1]).toEqual(['-$40,000', 50, 10]);
    // Text in '@' cells, set before the labels were written: categories, not a third series.
    expect(cellAt(sheet, 'A10')).toEqual({ value: '-$40,000', format: '@' });
    expect(cellAt(sheet, 'A12')).toEqual({ value: '$0', format: '@' });
    expect(['B5', 'C5', 'B6', 'C6'].map((a) => cellAt(sheet, a).format)).toEqual([
      '$#,##0;[Red]-$#,##0',
      '$#,##0;[Red]-$#,##0',
      '0.0%',
      '0.0%',
    ]);
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0]!;
    expect(chart.type).toBe('ColumnClustered');
    expect(chart.seriesBy).toBe('Columns');
    // The chart's source is the histogram table's range (its address is unloaded in the mock).
    expect(sheet.ranges.find((r) => r.mock === chart.source)!.address).toBe('A9:C13');
    expect(chart.mock.title.text).toMatch(/unhedged condor vs ALVH book/);
    // Beside the histogram table from its header row, one blank column right of its three columns.
    expect(chart.mock.position).toEqual(['E9', 'N29']);
    expect(chart.mock.legend.position).toBe('Bottom');
    expect(chart.mock.axes.categoryAxis.title.text).toMatch(/P&L .*USD/);
    expect(chart.mock.axes.valueAxis.title.text).toBe('Paths');
    // No notes, no notes block.
    expect(sheet.ranges.some((r) => r.address.startsWith('A22'))).toBe(false);
  });

  it('says what the bins span and counts the paths beyond them, so the counts add up to the paths', async () => {
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, hist, { stamp: '20250408-101112', supports: all });
    const sheet = sheets[0]!;
    expect(cellAt(sheet, 'A8').value).toBe(
      'Bins span -$50,000 to $30,000 (0.5th-99.5th percentile of both books); the paths beyond are counted below the table',
    );
    expect(sheet.tables[2]!.mock.name).toBe('AlvhMcTails_20250408_101112');
    const tails = sheet.ranges.find((r) => r.address === 'A15:C20')!.mock['values'] as unknown[][];
    expect(tails).toEqual([
      ['Paths beyond the bins', 'Unhedged condor', 'ALVH book'],
      ['Paths in the bins', 1000, 1000],
      ['Paths below -$50,000 (not in the bins)', 3, 1],
      ['Paths above $30,000 (not in the bins)', 2, 4],
      ['Lowest path P&L (USD)', -61000, -52000],
      ['Highest path P&L (USD)', 31500, 34000],
    ]);
    for (const col of [1, 2]) {
      expect((tails[1]![col] as number) + (tails[2]![col] as number) + (tails[3]![col] as number)).toBe(hist.paths);
    }
    expect(cellAt(sheet, 'B19').format).toBe('$#,##0;[Red]-$#,##0');
    // A histogram over every path (an API without the body histogram) says so and counts none beyond.
    const { context: c2, sheets: s2 } = mockContext();
    const full = { ...hist, tails: { ...hist.tails, low: Number.NaN, high: Number.NaN, below: [0, 0], above: [0, 0] } };
    await writeMonteCarloSheet(c2, full, { stamp: '1', supports: all });
    expect(cellAt(s2[0]!, 'A8').value).toBe('Bins span every path');
    expect(cellAt(s2[0]!, 'A17').value).toBe('Paths below the bins');
  });

  it("names the run's valuation date under the title when the view has it", async () => {
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, { ...hist, valuationDate: '2025-04-08' }, { stamp: '1', supports: all });
    expect(cellAt(sheets[0]!, 'A2')).toEqual({
      value: 'Valuation date 2025-04-08: unhedged condor against the ALVH book',
      format: '@',
    });
    const { context: c2, sheets: s2 } = mockContext();
    await writeMonteCarloSheet(c2, hist, { stamp: '1', supports: all });
    expect(cellAt(s2[0]!, 'A2').value).toBe('Unhedged condor against the ALVH book');
    // The summary carries no date: the caller gives the run's.
    const summary = summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw0, 40, 3)));
    expect(presentMonteCarlo(summary, '2025-04-08').valuationDate).toBe('2025-04-08');
    expect('valuationDate' in presentMonteCarlo(summary)).toBe(false);
  });

  it("writes the model's notes below the histogram table, one sentence a row", async () => {
    const { context, sheets } = mockContext();
    const notes = ['From VIX 30-50 the first bias.', 'And the second.'];
    await writeMonteCarloSheet(context, { ...hist, notes }, { stamp: '1', supports: all });
    const sheet = sheets[0]!;
    // Four bins: the tails table ends on row 20 and the chart beside the histogram on row 29; one row
    // left free under the chart, the heading on row 31, the notes below it.
    expect(sheet.ranges.find((r) => r.address === 'A31:A33')!.mock['values']).toEqual([
      ['Notes on this run'],
      [notes[0]],
      [notes[1]],
    ]);
  });
});

describe('readSelection', () => {
  it('loads the selected range before reading it (unloaded values read as an error string)', async () => {
    const { context } = mockContext([
      ['date', 45755],
      ['spx', 4982.77],
    ]);
    const unloaded = context.workbook.getSelectedRange().values;
    expect(unloaded).toBe('Error, property was not loaded');
    await expect(readSelection(context)).resolves.toEqual([
      ['date', 45755],
      ['spx', 4982.77],
    ]);
  });
});

describe('from the example day: plan(), stressGrid() and a Monte Carlo run through the presenters to sheets', () => {
  const raw = planInputFromForm({
    fields: EXAMPLE.fields,
    futures: EXAMPLE.futures,
    policy: {},
    indices: EXAMPLE.indices,
  });
  const input = parseInput(PlanInputSchema, raw);
  const p = plan(input);

  it('writes every plan row and audit entry, with the numbers the plan computed', async () => {
    const view = presentPlan(p);
    expect(view.date).toBe('2025-04-08');
    // The headline names the surface that marked the options when the plan carries one.
    const marked = (surface: unknown) => presentPlan({ ...p, surface } as typeof p).headline;
    expect(marked({ source: 'chain', label: 'chain of 2023-06-09 13:40 ET (SPXW, 36 expiries)' })).toMatch(
      / · marks: chain of 2023-06-09 13:40 ET \(SPXW, 36 expiries\)$/,
    );
    // VIX alone is labelled as one of the Cboe indices; the headline says its term structure is flat.
    const vixAlone = { source: 'vix-only', date: '2021-11-19', label: 'Cboe indices of 2021-11-19 (VIX)' };
    expect(marked(vixAlone)).toMatch(/ · marks: VIX of 2021-11-19 only \(flat term structure\)$/);
    // plan() always names its surface, so the headline ends with it; without one, no marks part.
    expect(view.headline).toMatch(/ · marks: Cboe indices of 2025-04-08 \(VIX9D, VIX, VIX3M, SKEW 135.68\)$/);
    const flat = plan(
      parseInput(PlanInputSchema, planInputFromForm({ fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy: {} })),
    );
    expect(flat.surface?.source).toBe('vix-only');
    expect(presentPlan(flat).headline).toMatch(/ · marks: VIX of 2025-04-08 only \(flat term structure\)$/);
    expect(marked(undefined)).not.toContain('marks:');
    expect(view.tiles.map((t) => t.label)).toEqual(['Split', 'Calendar overlay', 'Tail hedge', 'Hedge budget']);
    const row = (label: string) => view.rows.find((r) => r.label === label);
    expect(row('Spread F1 − F2')?.value).toBeCloseTo(39.1728 - 31.4333, 10);
    expect(row('Calendar share')?.value).toBe(p.split.calendarShare);
    expect(row('Contracts')?.value).toBe(p.tail.contracts);
    expect(row('Max loss')?.value).toBe(p.condor.maxLoss);
    expect(view.audit).toHaveLength(p.audit.length);

    const { context, sheets } = mockContext();
    await writePlanSheet(context, view, { stamp: '20250408-101112', supports: all });
    const sheet = sheets[0]!;
    const n = view.rows.length;
    // Header on row 4, one row per plan row; the audit table two rows below its heading.
    expect(sheet.tables.map((t) => t.address)).toEqual([`A4:D${4 + n}`, `A${n + 7}:C${n + 7 + p.audit.length}`]);
    const body = sheet.ranges.find((r) => r.address === `A4:D${4 + n}`)!.mock;
    expect(body['values']).toHaveLength(n + 1);
    // Every value as the plan gave it: dates stay ISO text, numbers stay numbers.
    const dates = view.rows.filter((r) => r.format === 'date');
    expect(dates.length).toBeGreaterThan(0);
    view.rows.forEach((r, i) => expect(cellAt(sheet, `C${5 + i}`).value, r.label).toBe(r.value));
  });

  it('shows money Greeks with their unit: "$-469 per vol point", in the page and as the cell format', () => {
    const view = presentPlan(p);
    const vega = view.rows.find((r) => r.label === 'Net vega')!;
    expect(vega.unit).toBe('per vol point');
    expect(formatValue(vega.value, vega.format, vega.unit)).toMatch(/^-?\$[\d,]+ per vol point$/);
    expect(excelFormat(vega.format, vega.unit)).toBe('$#,##0 "per vol point";[Red]-$#,##0 "per vol point"');
    expect(view.rows.find((r) => r.label === 'Net theta')?.unit).toBe('per day');
    expect(formatValue(236, 'usd', 'per vol point')).toBe('$236 per vol point');
  });

  it('explains each number with the policy the plan ran with', () => {
    const overrides = { tailCoverage: 2.5, maxHedgeCostRate: 0.2 };
    const view = presentPlan(plan({ ...input, policy: overrides }));
    const note = (label: string) => view.rows.find((r) => r.label === label)?.note;
    expect(note('Required contracts')).toBe('ceil(2.5 · scenario loss / gain per contract), before the budget');
    for (const r of view.rows.filter((r) => r.section === 'Historical analogs')) {
      expect(r.note).toContain('contracts for 2.5× coverage');
      expect(r.note).not.toMatch(/-0\.00/);
    }
    expect(note('Hedge cost rate')).toBe('annualised over max loss; cap 20%');
    expect(presentPlan(p).rows.find((r) => r.label === 'Hedge cost rate')?.note).toBe(
      'annualised over max loss; cap 18%',
    );
  });

  it('writes one heatmap block per horizon of the stress grid', async () => {
    const grid = stressGrid(stressInput(raw));
    const view = presentStress(grid);
    // A grid of chosen scenarios, not of outcomes weighted by a measure: its title says so.
    expect(grid.measure).toBe('scenario');
    expect(view.title).toBe(
      `${grid.valuationDate}, scenarios (no probabilities: the book marked on the surface moved to each cell)`,
    );
    expect(view.slices.map((s) => s.label)).toEqual(
      grid.days.map((d, i) => `after ${d} day${d === 1 ? '' : 's'} (${grid.dates[i]})`),
    );
    expect(view.slices[0]!.values).toEqual(grid.total[0]);
    // Today's slice opens first, wherever the grid lists it.
    expect(view.slices[view.opens]!.short).toBe('today');
    const later = presentStress(stressGrid({ ...stressInput(raw), days: [7, 0, 21] }));
    expect(later.opens).toBe(1);
    expect(later.slices[1]!.short).toBe('today');
    expect(presentStress(stressGrid({ ...stressInput(raw), days: [7, 21] })).opens).toBe(0);
    // A plan without positions or a last rebalance: no note (the example's credit is the surface's
    // price rounded to the cent, $4.23 off on 10 condors, within their half cent a share); with
    // positions, the grid's note is shown.
    expect(view.notes).toEqual([]);
    const held = presentStress(
      stressGrid({
        ...stressInput({
          ...raw,
          positions: [{ kind: 'vix', type: 'call', strike: 30, expiry: '2025-05-21', quantity: 2 }],
        }),
        days: [0],
      }),
    );
    expect(held.notes).toEqual([expect.stringMatching(/^The plan input carries plan\.positions, which this grid/)]);
    // The default VIX axis spans both sides of today's VIX.
    expect(Math.min(...grid.vixLevels)).toBeLessThan(input.market.vix);
    expect(Math.max(...grid.vixLevels)).toBeGreaterThan(input.market.vix);
    const { context, sheets } = mockContext();
    await writeStressSheet(context, view, { stamp: '1', supports: all });
    const cfs = sheets[0]!.ranges.flatMap((r) => r.cfs);
    expect(cfs.map((c) => c.type)).toEqual(grid.days.map(() => 'ColorScale'));
    // Each block's scale ends at ± its largest |P&L|, as the fill without ExcelApi 1.6 does.
    cfs.forEach((c, i) => {
      const m = Math.max(...view.slices[i]!.values.flat().map(Math.abs));
      expect(c.mock.colorScale.criteria).toMatchObject({
        minimum: { type: 'Number', formula: `-${m}` },
        maximum: { type: 'Number', formula: `${m}` },
      });
    });
  });

  it('merges cloud chunk answers (typed arrays sent as JSON arrays) into the one-run summary, bit for bit', () => {
    const whole = summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw, 400, 7)));
    // As the API sends them: { partial, summary } with every typed array as a plain array.
    const wire = (first: number, count: number): unknown =>
      JSON.parse(
        JSON.stringify({ partial: runMonteCarloChunk(monteCarloInput(raw, 400, 7, first, count)) }, (_k, v: unknown) =>
          ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
        ),
      );
    expect(mergeCloudMonteCarlo([wire(0, 150), wire(150, 150), wire(300, 100)])).toEqual(whole);
    expect(mergeCloudMonteCarlo([wire(0, 151), wire(151, 249)])).toEqual(whole);
    // One chunk is merged too; a summary-only answer, or a bare summary, passes through.
    expect(mergeCloudMonteCarlo([wire(0, 400)])).toEqual(whole);
    expect(mergeCloudMonteCarlo([{ summary: whole }])).toBe(whole);
    expect(mergeCloudMonteCarlo([whole])).toBe(whole);
  });

  it('refuses a chunk answer with a per-path array cut short, a null in it or one missing, naming the field', () => {
    type Wire = { partial: Record<string, unknown> & { book: unknown[] } };
    const wire = (first: number, count: number): Wire =>
      JSON.parse(
        JSON.stringify({ partial: runMonteCarloChunk(monteCarloInput(raw, 40, 7, first, count)) }, (_k, v: unknown) =>
          ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
        ),
      ) as Wire;
    const short = wire(20, 20);
    short.partial.book.length = 12; // eight paths missing: they read as 0 before
    expect(() => mergeCloudMonteCarlo([wire(0, 20), short])).toThrowError(
      expect.objectContaining({ field: 'book', problem: 'has 12 values for 20 paths' }),
    );
    const withNull = wire(20, 20);
    withNull.partial.book[3] = null; // read as 0 before
    expect(() => mergeCloudMonteCarlo([wire(0, 20), withNull])).toThrowError(
      expect.objectContaining({ field: 'book[3]' }),
    );
    const noVix = wire(20, 20);
    delete noVix.partial['vixEnd']; // a bare TypeError before
    expect(() => mergeCloudMonteCarlo([wire(0, 20), noVix])).toThrowError(expect.objectContaining({ field: 'vixEnd' }));
  });

  it('plots the 0.5th-99.5th percentile body of both books and counts the paths beyond', () => {
    const partial = runMonteCarloChunk(monteCarloInput(raw, 2000, 11));
    const summary = summarizeMonteCarlo(partial);
    const view = presentMonteCarlo(summary);
    const { low, high, below, above } = view.tails;
    for (const [k, series] of [partial.condor, partial.book].entries()) {
      const counts = k === 0 ? view.condor : view.alvh;
      // Every path is either in a bin or counted in a tail, never both, never lost.
      expect(counts.reduce((a, b) => a + b, 0) + below[k]! + above[k]!).toBe(2000);
      // beyond an edge by more than rounding (a path at the max loss a few ulps below it is binned)
      const tol = 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
      expect(below[k]).toBe(series.filter((x) => x < low - tol).length);
      expect(above[k]).toBe(series.filter((x) => x > high + tol).length);
    }
    // Of the 4,000 pooled P&Ls, about 0.5% lie on each side (ties on a max-loss spike may add a few).
    const out = below.reduce((a, b) => a + b, 0) + above.reduce((a, b) => a + b, 0);
    expect(out).toBeLessThanOrEqual(Math.ceil(4000 * 0.01) + 2);
    expect(low).toBeGreaterThanOrEqual(Math.min(summary.condor.min, summary.alvh.min));
    expect(high).toBeLessThanOrEqual(Math.max(summary.condor.max, summary.alvh.max));
    expect(view.binLabels).toHaveLength(40);
    expect(view.binLabels[0]).toBeGreaterThan(low);
    expect(view.binLabels[39]).toBeLessThan(high);
  });

  it("lists a Monte Carlo run's own notes before the model's biases, as the frontier does", () => {
    const summary = summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw, 200, 7)));
    const view = presentMonteCarlo({
      ...summary,
      notes: ['The plan input carries plan.positions: the paths run the plan’s book.'],
      modelNotes: ['From VIX 30-50 the model leans high.'],
    });
    expect(view.notes).toEqual([
      'The plan input carries plan.positions: the paths run the plan’s book.',
      'From VIX 30-50 the model leans high.',
    ]);
  });

  it('charts the histogram of a Monte Carlo run: both books on the same bins', async () => {
    const summary = summarizeMonteCarlo(runMonteCarloChunk(monteCarloInput(raw, 400, 7)));
    const view = presentMonteCarlo(summary);
    expect(view.paths).toBe(400);
    expect(view.measure).toBe("real-world measure, factors from today's VIX alone");
    expect(view.binLabels).toHaveLength(summary.bodyHistogram.edges.length - 1);
    const { below, above } = view.tails;
    expect(view.condor.reduce((a, b) => a + b, 0) + below[0]! + above[0]!).toBe(400);
    expect(view.alvh.reduce((a, b) => a + b, 0) + below[1]! + above[1]!).toBe(400);
    // A summary from an API without the body histogram is drawn on its full range, every path binned.
    const { bodyHistogram: _body, ...older } = summary;
    const full = presentMonteCarlo(older);
    expect(full.binLabels).toHaveLength(summary.histogram.edges.length - 1);
    expect(full.condor.reduce((a, b) => a + b, 0)).toBe(400);
    expect(full.tails.low).toBeNaN();
    // One sign convention: P&L, a loss negative (the summary states VaR and CVaR as positive losses).
    expect(view.stats.find((s) => s.label.startsWith('CVaR 95'))).toMatchObject({
      condor: -summary.condor.cvar95,
      alvh: -summary.alvh.cvar95,
    });
    expect(view.stats.find((s) => s.label.startsWith('VaR 95'))).toMatchObject({
      condor: -summary.condor.var95,
      alvh: -summary.alvh.var95,
    });
    for (const s of view.stats) expect(s.label, 'every statistic names its unit').toMatch(/USD|share/);

    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, view, { stamp: '1', supports: all });
    const sheet = sheets[0]!;
    const bins = view.binLabels.length;
    // Statistics table from row 4, the histogram table's header three rows below its end.
    const histTop = 3 + view.stats.length + 3;
    expect(sheet.tables[1]!.address).toBe(`A${histTop + 1}:C${histTop + 1 + bins}`);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.ranges.find((r) => r.mock === sheet.charts[0]!.source)!.address).toBe(
      `A${histTop + 1}:C${histTop + 1 + bins}`,
    );
    // Under the histogram, the paths beyond its bins: with the binned ones, every path of each book.
    const tailsTop = histTop + 1 + bins + 2;
    expect(sheet.tables[2]!.address).toBe(`A${tailsTop}:C${tailsTop + 5}`);
    const tails = sheet.ranges.find((r) => r.address === sheet.tables[2]!.address)!.mock['values'] as number[][];
    for (const col of [1, 2]) expect(tails[1]![col]! + tails[2]![col]! + tails[3]![col]!).toBe(400);
    expect(tails[4]!.slice(1)).toEqual([summary.condor.min, summary.alvh.min]);
    expect(tails[5]!.slice(1)).toEqual([summary.condor.max, summary.alvh.max]);
  });
});
