/**
 * What makes a taskpane figure reproducible and readable, alike in the page's view models and the
 * sheets (office-addin-mock): the Monte Carlo's and the frontier's paths, seed and measure in both
 * titles; the frontier's notes on its sheet as on the page; the hedge cost and effectiveness rows
 * (null shown "n/a"); the standard errors ("x ± se" on the page, columns of numbers on the sheet); the structures' cost per unit named as including fees; the stress grid's
 * cell text at its rounding edges; and whole numbers typed with a dot grouping thousands refused
 * with both readings, as USD amounts are.
 */
import { describe, expect, it } from 'vitest';
import { PlanInputSchema, frontier, plan, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import {
  monteCarloInput,
  planInputFromForm,
  policyOverrides,
  typedIssues,
  type FormState,
} from '../../addin/src/common/planInput';
import { countWords, dotGroupedMessage } from '../../addin/src/common/numbers';
import { histogramCaption, presentMonteCarlo } from '../../addin/src/common/presentRuns';
import { presentStructures } from '../../addin/src/common/hedgeViews';
import { frontierColumns, frontierRunWords, parseFrontier } from '../../addin/src/common/frontierViews';
import { formatValue, monteCarloRunWords, statText, stressCellText } from '../../addin/src/common/views';
import { writeMonteCarloSheet } from '../../addin/src/taskpane/workbook';
import { writeFrontierSheet, writeHedgeSheet } from '../../addin/src/taskpane/workbookViews';
import { frontierStart } from '../../addin/src/taskpane/frontierRun';
import { cellAt, mockContext } from './stubs/excelMock';

const state: FormState = { fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy: {}, indices: EXAMPLE.indices };
const input = planInputFromForm(state);
const opts = { stamp: '20250408-101112', supports: () => true };

/** Every text and number written to a sheet, in the order written. */
function written(sheet: ReturnType<typeof mockContext>['sheets'][number]): unknown[] {
  return sheet.ranges.flatMap((r) => ((r.mock['values'] as unknown[][] | undefined) ?? []).flat());
}

describe('the frontier sheet says what the page says', () => {
  // 100 paths: too few end with SPX lower to rank the mixes, a warning the page lists; and the
  // positions, which the frontier does not use.
  const answer = frontier({ plan: { ...input, positions: 'VIX 250521C00033000,1,6.10' }, paths: 100, seed: 3 });
  const view = parseFrontier(JSON.parse(JSON.stringify(answer)));
  const start = frontierStart('');

  it('writes the notes the page lists under the table, one a row', async () => {
    expect(view.notes.some((n) => /too few/.test(n))).toBe(true);
    expect(view.notes.some((n) => /position/i.test(n))).toBe(true);
    const { context, sheets } = mockContext();
    await writeFrontierSheet(context, view, opts, start);
    const cells = written(sheets[0]!);
    for (const n of view.notes) expect(cells).toContain(n);
    expect(cells).toContain('Notes on this run');
    // The chart's data block sits under the notes, not over them.
    const rowOf = (text: string): number[] =>
      [...sheets[0]!.cells.entries()].filter(([, c]) => c.value === text).map(([k]) => Number(k.split(',')[0]));
    const lastNote = Math.max(...view.notes.flatMap(rowOf));
    const chartHeader = rowOf('Hedge cost before fees (USD)');
    expect(chartHeader).toHaveLength(1);
    expect(chartHeader[0]).toBeGreaterThan(lastNote);
  });

  it('names paths, seed, measure and where the model started, as the page title does', async () => {
    const { context, sheets } = mockContext();
    await writeFrontierSheet(context, view, opts, start);
    const run = frontierRunWords(view, start);
    expect(run).toBe("100 paths, seed 3, real-world measure, model started from today's VIX alone");
    expect(cellAt(sheets[0]!, 'A2').value).toContain(`; ${run}`);
  });
});

describe('each risk figure names the measure of its paths beside it, on the page and the sheet', () => {
  const mc = summarizeMonteCarlo(runMonteCarloChunk({ ...monteCarloInput(input, 400, 7), measure: 'risk-neutral' }));
  const view = presentMonteCarlo(JSON.parse(JSON.stringify(mc)), '2025-04-08');

  it('Monte Carlo: every statistic of the paths reads its measure, not only the title', async () => {
    const label = (start: string) => view.stats.find((s) => s.label.startsWith(start))!.label;
    expect(label('Mean P&L')).toBe('Mean P&L (USD, risk-neutral)');
    expect(label('VaR 95')).toBe('VaR 95: P&L of the ⌈5% n⌉-th worst path (USD, risk-neutral)');
    expect(label('CVaR 95')).toBe('CVaR 95: mean P&L of the worst 5% (USD, risk-neutral)');
    expect(label('CVaR 99')).toBe('CVaR 99: mean P&L of the worst 1% (USD, risk-neutral)');
    expect(label('P(loss)')).toBe('P(loss): share of paths below 0 (risk-neutral)');
    for (const s of view.stats) expect(s.label, s.label).toMatch(/risk-neutral/);
    expect(view.stats.map((s) => s.label).join(' ')).not.toMatch(/real-world/);
    // an older API's summary without a measure: the labels as they were
    const bare = presentMonteCarlo({ ...JSON.parse(JSON.stringify(mc)), measure: undefined });
    expect(bare.stats.find((s) => s.label.startsWith('Mean P&L'))!.label).toBe('Mean P&L (USD)');
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, view, opts);
    const table = sheets[0]!.ranges.find((r) => r.address.endsWith(sheets[0]!.tables[0]!.address.split('!').pop()!))!;
    const labels = (table.mock['values'] as unknown[][]).slice(1).map((r) => r[0]);
    expect(labels).toEqual(view.stats.map((s) => s.label));
  });

  it("Frontier: the CVaR 95 down column and the chart's axis, on the page and the sheet", async () => {
    const answer = frontier({ plan: input, paths: 400, seed: 3, measure: 'risk-neutral' });
    const fv = parseFrontier(JSON.parse(JSON.stringify(answer)));
    expect(frontierColumns(fv)[2]).toBe('CVaR 95 down (P&L, USD, risk-neutral)');
    // the scenario columns are no figure of the paths: no measure
    expect(frontierColumns(fv).slice(3, 5)).toEqual(['Drawdown (P&L, USD)', 'Worst analog (P&L, USD)']);
    const { context, sheets } = mockContext();
    await writeFrontierSheet(context, fv, opts, frontierStart(''));
    const cells = written(sheets[0]!);
    expect(cells).toContain('CVaR 95 down (P&L, USD, risk-neutral)');
    expect(cells).toContain(
      'Chart data: what each series costs before fees, then its CVaR 95 down (P&L, USD, risk-neutral)',
    );
    expect(sheets[0]!.charts[0]!.mock.axes.valueAxis.title.text).toBe('CVaR 95 of down paths (P&L, USD, risk-neutral)');
  });
});

describe('the Monte Carlo run names its seed and shows the hedge cost and effectiveness', () => {
  const mc = summarizeMonteCarlo(runMonteCarloChunk({ ...monteCarloInput(input, 400, 7), measure: 'real-world' }));
  const view = presentMonteCarlo(JSON.parse(JSON.stringify(mc)), '2025-04-08');

  it('carries the seed, and page and sheet title the run alike: paths, seed, measure', async () => {
    expect(view.seed).toBe(7);
    expect(monteCarloRunWords(view)).toBe(`400 paths, seed 7, ${view.measure}`);
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, view, opts);
    expect(cellAt(sheets[0]!, 'A1').value).toBe(`Monte Carlo P&L, 400 paths, seed 7, ${view.measure}`);
  });

  it('names the estimator of the 5th percentile and of VaR 95, whose figures differ, on the page and the sheet', async () => {
    const p5 = view.stats.find((s) => s.label.startsWith('5th percentile'))!;
    const var95 = view.stats.find((s) => s.label.startsWith('VaR 95'))!;
    expect(p5).toMatchObject({
      label: '5th percentile P&L (interpolated, USD, real-world)',
      alvh: mc.alvh.percentiles['p5'],
    });
    expect(var95).toMatchObject({
      label: 'VaR 95: P&L of the ⌈5% n⌉-th worst path (USD, real-world)',
      alvh: -mc.alvh.var95,
    });
    expect(p5.alvh).not.toBe(var95.alvh);
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, view, opts);
    const table = sheets[0]!.ranges.find((r) => r.address.endsWith(sheets[0]!.tables[0]!.address.split('!').pop()!))!;
    const labels = (table.mock['values'] as unknown[][]).map((r) => r[0]);
    expect(labels).toEqual(expect.arrayContaining([p5.label, var95.label]));
  });

  it('states a VaR 95 that is a gain with the sign its P&L row shows, on the page and the sheet', async () => {
    // the condor keeps its whole credit on the ⌈5% n⌉-th worst path: a P&L of +$5,930, which the
    // note beside the table had called "VaR 95 is −$5,930"
    const var95 = view.stats.find((s) => s.label.startsWith('VaR 95'))!;
    expect(mc.condor.var95).toBeLessThan(0);
    expect(var95.condor).toBe(-mc.condor.var95);
    expect(formatValue(var95.condor as number, 'usd')).toBe('$5,930');
    const note = view.notes.find((n) => n.includes('VaR 95'))!;
    expect(note).toMatch(
      /^The condor's VaR 95 is a gain of \$5,930 and the book's VaR 95 is a gain of \$[\d,]+: fewer than 5% of paths lose money/,
    );
    expect(note).toContain(`the book's VaR 95 is a gain of ${formatValue(var95.alvh as number, 'usd')}`);
    expect(note).not.toMatch(/[−-]\$/);
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, view, opts);
    const cells = written(sheets[0]!);
    expect(cells).toContain(note);
    const table = sheets[0]!.ranges.find((r) => r.address.endsWith(sheets[0]!.tables[0]!.address.split('!').pop()!))!;
    const row = (table.mock['values'] as unknown[][]).find((r) => r[0] === var95.label)!;
    expect(row.slice(1, 3)).toEqual([var95.condor, var95.alvh]);
  });

  it('shows the hedge cost and the effectiveness in the measure, the condor "n/a"', async () => {
    const cost = view.stats.find((s) => s.label.startsWith('Hedge cost'))!;
    const eff = view.stats.find((s) => s.label.startsWith('Hedge effectiveness'))!;
    expect(cost).toMatchObject({ condor: null, alvh: mc.hedgeCost, format: 'usd' });
    expect(eff).toMatchObject({ condor: null, alvh: mc.hedgeEffectiveness });
    expect(eff.label).toContain('real-world measure');
    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, view, opts);
    const table = sheets[0]!.ranges.find((r) => r.address.endsWith(sheets[0]!.tables[0]!.address.split('!').pop()!))!;
    const rows = table.mock['values'] as unknown[][];
    expect(rows.find((r) => r[0] === cost.label)).toEqual([cost.label, 'n/a', mc.hedgeCost, '', '']);
  });

  it('shows the standard errors the summary gives: "x ± se" on the page, numbers in columns of their own on the sheet', async () => {
    const row = (start: string) => view.stats.find((s) => s.label.startsWith(start))!;
    const withErrors: [string, number | null, number | null][] = [
      ['Mean P&L', mc.condor.meanStdError, mc.alvh.meanStdError],
      ['CVaR 95', mc.condor.cvar95StdError, mc.alvh.cvar95StdError],
      ['P(loss)', mc.condor.probLossStdError, mc.alvh.probLossStdError],
      ['Hedge effectiveness', null, mc.hedgeEffectivenessStdError],
    ];
    for (const [start, c, a] of withErrors) expect(row(start).stdErrors, start).toEqual([c, a]);
    expect(mc.hedgeEffectivenessStdError).toBeGreaterThan(0);
    const eff = row('Hedge effectiveness');
    expect(statText(eff.alvh, eff.stdErrors?.[1], eff.format)).toBe(
      `${formatValue(mc.hedgeEffectiveness!, 'number')} ± ${formatValue(mc.hedgeEffectivenessStdError!, 'number')}`,
    );
    const mean = row('Mean P&L');
    expect(statText(mean.alvh, mean.stdErrors?.[1], 'usd')).toMatch(/^-?\$[\d,]+ ± \$[\d,]+$/);
    // no error to show: the figure alone, "n/a" for null
    expect(row('Median').stdErrors).toBeUndefined();
    expect(statText(1234, undefined, 'usd')).toBe('$1,234');
    expect(statText(null, 3, 'usd')).toBe('n/a');

    const { context, sheets } = mockContext();
    await writeMonteCarloSheet(context, view, opts);
    const sheet = sheets[0]!;
    const address = sheet.tables[0]!.address;
    const rows = sheet.ranges.find((r) => r.address === address)!.mock['values'] as unknown[][];
    expect(rows[0]).toEqual([
      'Statistic',
      'Unhedged condor',
      'ALVH book',
      'Unhedged condor, std. error',
      'ALVH book, std. error',
    ]);
    // the figures stay numbers; the errors are numbers beside them, in the row's format
    expect(rows.find((r) => r[0] === eff.label)).toEqual([
      eff.label,
      'n/a',
      mc.hedgeEffectiveness,
      '',
      mc.hedgeEffectivenessStdError,
    ]);
    const r = 1 + view.stats.indexOf(row('P(loss)'));
    expect(rows[r]).toEqual([row('P(loss)').label, mc.condor.probLoss, mc.alvh.probLoss, ...row('P(loss)').stdErrors!]);
    expect(cellAt(sheet, `E${4 + r}`).format).toBe('0.0%');
    expect(rows.find((r) => r[0] === row('Median').label)!.slice(3)).toEqual(['', '']);
  });

  it('names P(max loss) as the share losing at least the condor max loss: the ALVH book can lose more', () => {
    const row = view.stats.find((s) => s.label.startsWith('P(max loss)'))!;
    expect(row.label).toBe('P(max loss): share losing at least the condor max loss (real-world)');
    expect(row).toMatchObject({ condor: mc.condor.probMaxLoss, alvh: mc.alvh.probMaxLoss, format: 'pct' });
  });

  it('shows a null effectiveness as "n/a" beside the note that says why', () => {
    const free = planInputFromForm({ ...state, fields: { ...EXAMPLE.fields, budget: '0' } });
    const s = summarizeMonteCarlo(runMonteCarloChunk({ ...monteCarloInput(free, 200, 1) }));
    expect(s.hedgeEffectiveness).toBeNull();
    const v = presentMonteCarlo(JSON.parse(JSON.stringify(s)));
    expect(v.stats.find((r) => r.label.startsWith('Hedge effectiveness'))).toMatchObject({ alvh: null });
    expect(v.notes.some((n) => n.startsWith('Hedge effectiveness is null'))).toBe(true);
  });
});

describe('the structures name their costs as including fees', () => {
  it('heads the columns "Cost incl. fees" and "Cost per unit incl. fees" on the sheet: the premium is the mid plus the fees', async () => {
    const p = plan(PlanInputSchema.parse(input));
    const r = p.structures.structures[0]!;
    expect(r.premium).toBeGreaterThan(r.premium - r.fees); // fees included
    const view = presentStructures(p.structures, p.valuationDate);
    // the rule's cost is its units at the per-unit cost, fees included (the summary's is at the mid)
    for (const row of view.rows)
      if (row.units !== null && row.cost !== null) expect(row.cost).toBeCloseTo(row.units * row.premium, 6);
    const { context, sheets } = mockContext();
    await writeHedgeSheet(context, view, undefined, opts);
    const header = (
      sheets[0]!.ranges.find((x) => x.address === sheets[0]!.tables[0]!.address)!.mock['values'] as unknown[][]
    )[0]!;
    expect(header).toContain('Cost incl. fees (USD)');
    expect(header).toContain('Cost per unit incl. fees (USD)');
    expect(header).not.toContain('Cost (USD)');
    expect(header.join(' ')).not.toMatch(/Premium/);
  });
});

describe('stress grid cells', () => {
  it('show whole dollars below $1,000 and thousands from there, rounded once: no "-1000", no "-0"', () => {
    expect(stressCellText(-999.6)).toBe('-1.0k');
    expect(stressCellText(999.5)).toBe('1.0k');
    expect(stressCellText(-0.4)).toBe('0');
    expect(stressCellText(0)).toBe('0');
    expect(stressCellText(-812.4)).toBe('-812');
    expect(stressCellText(1_949)).toBe('1.9k');
    expect(stressCellText(-23_480)).toBe('-23.5k');
  });
});

describe('whole numbers with thousands grouped by a dot', () => {
  it('refuse the condor quantity "1.000", naming both readings, never 1 contract', () => {
    const s = { ...state, fields: { ...EXAMPLE.fields, quantity: '1.000' } };
    expect((planInputFromForm(s)['condor'] as { quantity: unknown }).quantity).toBe('1.000');
    expect(PlanInputSchema.safeParse(planInputFromForm(s)).success).toBe(false);
    expect(typedIssues(s)).toEqual([
      { path: 'condor.quantity', message: 'is 1.000: write 1000 for 1,000 contracts, or 1 for 1 contract' },
    ]);
    for (const quantity of ['1', '1,000', '10']) {
      const ok = { ...state, fields: { ...EXAMPLE.fields, quantity } };
      expect(typedIssues(ok)).toEqual([]);
      expect((planInputFromForm(ok)['condor'] as { quantity: unknown }).quantity).toBe(
        Number(quantity.replace(',', '')),
      );
    }
  });

  it("refuse a policy's whole-number field the same way; its decimals keep theirs", () => {
    const s = { ...state, policy: { tailDteMin: '1.000', tailCoverage: '1.800' } };
    expect(policyOverrides(s.policy)).toEqual({ tailDteMin: '1.000', tailCoverage: 1.8 });
    expect(typedIssues(s)).toEqual([{ path: 'policy.tailDteMin', message: 'is 1.000: write 1 for 1' }]);
  });

  it('offer a count its whole reading alone: "1.500" is 1,500 contracts, never 1.5 contracts, which it refuses', () => {
    const said = (fields: Partial<FormState['fields']>, policy: Record<string, string> = {}) =>
      typedIssues({ ...state, fields: { ...EXAMPLE.fields, ...fields }, policy });
    expect(said({ quantity: '1.500' })).toEqual([
      { path: 'condor.quantity', message: 'is 1.500: write 1500 for 1,500 contracts' },
    ]);
    expect(said({ quantity: '18.888' })).toEqual([
      { path: 'condor.quantity', message: 'is 18.888: write 18888 for 18,888 contracts' },
    ]);
    expect(said({}, { tailDteMin: '50.125' })).toEqual([
      { path: 'policy.tailDteMin', message: 'is 50.125, not a number it takes: write a whole number from 1 to 365' },
    ]);
    // the run bar's counts alike; an amount keeps its decimal reading
    expect(dotGroupedMessage('1.500', countWords('path', 'paths'))).toBe('is 1.500: write 1500 for 1,500 paths');
    expect(dotGroupedMessage('20.000', countWords('path', 'paths'))).toBe(
      'is 20.000: write 20000 for 20,000 paths, or 20 for 20 paths',
    );
    expect(said({ budget: '1.500' })).toEqual([
      { path: 'portfolio.budget', message: 'is 1.500: write 1500 for $1,500, or 1.5 for $1.5' },
    ]);
  });

  it("offer a count only the readings inside its field's range, or the range itself", () => {
    const said = (fields: Partial<FormState['fields']>, policy: Record<string, string> = {}) =>
      typedIssues({ ...state, fields: { ...EXAMPLE.fields, ...fields }, policy }).map((i) => i.message);
    const quantity = 'not a number it takes: write a whole number of contracts from 1 to 100,000';
    expect(said({ quantity: '-1.000' })).toEqual([`is -1.000, ${quantity}`]);
    expect(said({ quantity: '100.001' })).toEqual([`is 100.001, ${quantity}`]);
    expect(said({}, { drawdownDays: '10.000' })).toEqual(['is 10.000: write 10 for 10']);
    expect(said({}, { rsiPeriod: '1.000' })).toEqual([
      'is 1.000, not a number it takes: write a whole number from 2 to 100',
    ]);
    // the run bar's paths take 100 to 1,000,000: 20,000 paths, never 20
    const paths = countWords('path', 'paths', { lo: 100, hi: 1_000_000 });
    expect(dotGroupedMessage('20.000', paths)).toBe('is 20.000: write 20000 for 20,000 paths');
    expect(dotGroupedMessage('2.000.000', paths)).toBe(
      'is 2.000.000, not a number it takes: write a whole number of paths from 100 to 1,000,000',
    );
  });
});

describe('the Monte Carlo histogram caption', () => {
  const tails = { low: -50_000, high: 30_000, lowest: [0, 0], highest: [0, 0] };
  it('counts the paths the bins leave out in the singular or plural', () => {
    expect(histogramCaption({ ...tails, below: [1, 0], above: [2, 1] })).toBe(
      'Bins span -$50,000 to $30,000 (0.5th-99.5th percentile). Not drawn: unhedged 1 path below, 2 above; ALVH 0 below, 1 above. P&L at the horizon, a loss is negative.',
    );
    expect(histogramCaption({ ...tails, below: [1_200, 3], above: [0, 0] })).toMatch(
      /^Bins span .* Not drawn: unhedged 1,200 paths below, 0 above; ALVH 3 below, 0 above\./,
    );
  });
  it('says the bins span every path when they have no range', () => {
    expect(histogramCaption({ ...tails, low: Number.NaN, high: Number.NaN, below: [0, 0], above: [0, 0] })).toBe(
      'Bins span every path. P&L at the horizon, a loss is negative.',
    );
  });
});
