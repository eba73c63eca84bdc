/**
 * The layout of every sheet the taskpane writes, from the example day's real results: no chart
 * covers a cell written, nor a row of a line of text (which runs on to the right), and the columns
 * are fitted to the tables and figures only, the title, headings, notes and warnings written after
 * the fit, so that a long sentence cannot widen column A.
 */
import { describe, expect, it } from 'vitest';
import {
  PlanInputSchema,
  fitChainSurface,
  frontier,
  isoToExcelSerial,
  parseChain,
  parseInput,
  parseIsoDate,
  plan,
  runMonteCarloChunk,
  stressGrid,
  summarizeMonteCarlo,
  yearsToExpiry,
} from '@alvh/shared';
import { SURFACE_COLUMNS } from '../../addin/src/common/surfaceColumns';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { monteCarloInput, planInputFromForm, stressInput } from '../../addin/src/common/planInput';
import { presentPlan } from '../../addin/src/common/present';
import { presentMonteCarlo, presentStress } from '../../addin/src/common/presentRuns';
import { presentOrders, presentStructures } from '../../addin/src/common/hedgeViews';
import { parseFrontier } from '../../addin/src/common/frontierViews';
import { presentSurface, smileOf } from '../../addin/src/common/surfaceView';
import { fitSurfaceLocally } from '../../addin/src/taskpane/localRuns';
import { writeMonteCarloSheet, writePlanSheet, writeStressSheet } from '../../addin/src/taskpane/workbook';
import { writeFrontierSheet, writeHedgeSheet, writeSurfaceSheet } from '../../addin/src/taskpane/workbookViews';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { mockContext, parseAddress, type SheetRec } from './stubs/excelMock';
import { ensureAddinBuilt, loadBuiltFunctions } from './stubs/customFunctions';

const raw = planInputFromForm({
  fields: EXAMPLE.fields,
  futures: EXAMPLE.futures,
  policy: {},
  indices: EXAMPLE.indices,
});
const POSITIONS = 'Symbol,Qty,Avg Price\nSPXW 250523P03750,-10,12.50\nVIX 250521C00033000,20,1.35';
const opts = { stamp: '20250408-101112', supports: () => true };
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const LONG = 'A warning of the length the engines write: '.padEnd(300, 'x');

/** Writes a sheet into a fresh mock and returns it. */
async function written(write: (ctx: Excel.RequestContext) => Promise<string>): Promise<SheetRec> {
  const { context, sheets } = mockContext();
  await write(context);
  expect(sheets).toHaveLength(1);
  return sheets[0]!;
}

/**
 * The layout checks, given the sentences the view puts outside its tables (notes, warnings): each
 * written, none in the columns when they were fitted, and none, nor any cell, under a chart.
 */
function checkLayout(sheet: SheetRec, sentences: string[]): void {
  const cells = [...sheet.cells].filter(([, c]) => c.value !== undefined && c.value !== '');
  const values = cells.map(([, c]) => c.value);
  // The fit: once, before the title, the subtitle, the notes and the warnings were written.
  expect(sheet.fits).toHaveLength(1);
  const fit = sheet.fits[0]!;
  for (const s of [...sentences, sheet.cells.get('0,0')?.value, sheet.cells.get('1,0')?.value]) {
    expect(values).toContain(s);
    expect([...fit.values()]).not.toContain(s);
  }
  // What was written after the fit: lines of text in column A.
  const after = cells.filter(([k]) => !fit.has(k)).map(([k]) => k.split(',').map(Number) as [number, number]);
  expect(after.every(([, col]) => col === 0)).toBe(true);
  for (const chart of sheet.charts) {
    const [from, to] = chart.mock.position!.map((a) => parseAddress(a)!);
    const rows = (r: number): boolean => r >= from!.row && r <= to!.row;
    const under = cells
      .map(([k]) => k.split(',').map(Number) as [number, number])
      .filter(([r, c]) => rows(r) && c >= from!.col && c <= to!.col);
    expect(under, `cells under the chart at ${chart.mock.position!.join(':')}`).toEqual([]);
    expect(
      after.filter(([r]) => rows(r)),
      'lines of text beside the chart',
    ).toEqual([]);
  }
}

describe('no chart covers a table, and long sentences do not set the column widths', () => {
  const input = parseInput(PlanInputSchema, raw);
  const p = plan(input);

  it('the plan sheet', async () => {
    const view = { ...presentPlan(p), warnings: [...presentPlan(p).warnings, LONG] };
    checkLayout(await written((c) => writePlanSheet(c, view, opts)), view.warnings);
  });

  it('the stress sheet', async () => {
    const held = { ...raw, positions: [{ kind: 'vix', type: 'call', strike: 30, expiry: '2025-05-21', quantity: 2 }] };
    const view = presentStress(json(stressGrid(stressInput(held))));
    expect(view.notes.length).toBeGreaterThan(0);
    checkLayout(await written((c) => writeStressSheet(c, view, opts)), view.notes);
  });

  it('the Monte Carlo sheet', async () => {
    const mc = summarizeMonteCarlo(runMonteCarloChunk({ ...monteCarloInput(raw, 400, 7), measure: 'real-world' }));
    const view = presentMonteCarlo(json(mc), '2025-04-08');
    expect(view.notes.length).toBeGreaterThan(0);
    const sheet = await written((c) => writeMonteCarloSheet(c, view, opts));
    expect(sheet.charts).toHaveLength(1);
    checkLayout(sheet, view.notes);
  });

  it('the hedge sheet', async () => {
    const held = plan(parseInput(PlanInputSchema, { ...raw, positions: POSITIONS }));
    const structures = presentStructures(held.structures, held.valuationDate);
    const sheet = await written((c) => writeHedgeSheet(c, structures, presentOrders(held.orders), opts));
    checkLayout(sheet, []);
  });

  it('the frontier sheet', async () => {
    const view = parseFrontier(json(frontier({ plan: { ...raw, positions: POSITIONS }, paths: 100, seed: 3 })));
    expect(view.notes.some((n) => n.length > 160)).toBe(true);
    const sheet = await written((c) => writeFrontierSheet(c, view, opts, 'x'));
    expect(sheet.charts).toHaveLength(1);
    checkLayout(sheet, view.notes);
  });
});

describeWithData('the surface sheet on the real 2022-02-04 chain', () => {
  it('keeps its chart off the tables and its warnings out of the fit', async () => {
    const text = readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv');
    const view = { ...presentSurface(json(fitSurfaceLocally({ chain: text }))), warnings: [LONG] };
    const smile = smileOf(parseChain(text), view.expiries[0]!);
    const sheet = await written((c) => writeSurfaceSheet(c, view, smile, opts));
    expect(sheet.charts).toHaveLength(1);
    checkLayout(sheet, view.warnings);
  });

  it('writes the table ALVH.SURFACE spills, whose body ALVH.VOL reads as the fitted surface, far wings included', async () => {
    const text = readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv');
    const view = presentSurface(json(fitSurfaceLocally({ chain: text })));
    const sheet = await written((c) => writeSurfaceSheet(c, view, undefined, opts));
    const address = sheet.tables[0]!.address;
    const [header, ...body] = sheet.ranges.find((r) => r.address === address)!.mock['values'] as unknown[][];
    expect(header).toEqual([...SURFACE_COLUMNS]);
    expect(body).toHaveLength(view.expiries.length);
    // the fit's quality beside it, one blank column right, out of the body ALVH.VOL reads
    expect(sheet.tables[1]!.address).toBe(`S4:U${4 + body.length}`);
    // 2022-12-30, in the far wings (the put wing from ln(K/F) = -0.35): K = 2300, where the five SVI
    // numbers alone gave 41.23 vol points for the surface's 43.30 (K = 1900, 45.37 for 49.66, is
    // below the half of the forward ALVH.VOL reads), and K = 6000 in the call wing
    const fit = fitChainSurface(parseChain(text)).surface;
    const t = yearsToExpiry(fit)(parseIsoDate('expiry', '2022-12-30'));
    // ALVH.VOL as Excel loads it, from the built functions
    ensureAddinBuilt();
    const vol = loadBuiltFunctions().get('VOL')!;
    const [put, call] = (vol(body, [[isoToExcelSerial('2022-12-30')]], [[2300, 6000]]) as number[][])[0]!;
    expect(Math.abs(put! - fit.vol(t, 2300))).toBeLessThan(1e-12);
    expect(Math.abs(call! - fit.vol(t, 6000))).toBeLessThan(1e-12);
    expect(put).toBeCloseTo(0.433, 3);
  });
});
