/**
 * The taskpane's surface, hedge and frontier views without a browser: the surface answer checked
 * into a view (and a malformed one refused by field), the smile's implied vols against the shared
 * fit's own marks on the real 2022-02-04 chain, the frontier answer's one parser (losses become
 * P&L), the positions box's line messages, the plan input's extras, the orders and structures from
 * a real plan, and the three new workbook writers against office-addin-mock.
 */
import { describe, expect, it } from 'vitest';
import {
  FrontierInputSchema,
  MAX_FRONTIER_SEARCH_WORK,
  PlanInputSchema,
  SurfaceFromIndicesSchema,
  buildSurface,
  fitChainSurface,
  frontier,
  frontierSearchWork,
  frontierSetup,
  isoToExcelSerial,
  mixWords,
  type FrontierResult,
  parseChain,
  parseChainTable,
  parseInput,
  plan,
  runFrontierChunk,
  sviVariance,
} from '@alvh/shared';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { planInputFromForm } from '../../addin/src/common/planInput';
import type { FormState } from '../../addin/src/common/planInput';
import {
  arbitrageText,
  leftOutText,
  presentSurface,
  smileOf,
  SMILE_MIN_DELTA,
} from '../../addin/src/common/surfaceView';
import { legText, presentOrders, presentStructures } from '../../addin/src/common/hedgeViews';
import {
  FRONTIER_COLUMNS,
  frontierTable,
  markNote,
  parseFrontier,
  savedNote,
} from '../../addin/src/common/frontierViews';
import { checkPositions, fullPlanInput, positionsMarket, positionsNote } from '../../addin/src/taskpane/planExtras';
import { frontierPathsProblem, frontierRequest } from '../../addin/src/taskpane/frontierRun';
import { fitSurfaceLocally } from '../../addin/src/taskpane/localRuns';
import { fittedNote } from '../../addin/src/taskpane/surfaceFit';
import { writeFrontierSheet, writeHedgeSheet, writeSurfaceSheet } from '../../addin/src/taskpane/workbookViews';
import { cellAt, mockContext } from './stubs/excelMock';
import { CROSSED_CALENDAR, LIFT_WARNING } from '../shared/surface/crossedCalendar';

const state: FormState = { fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy: {}, indices: EXAMPLE.indices };
const POSITIONS = 'Symbol,Qty,Avg Price\nSPXW 250523P03750,-10,12.50\nVIX 250521C00033000,20,1.35';
const opts = { stamp: '20250408-101112', supports: () => true };

describeWithData('the surface view on the real 2022-02-04 chain', () => {
  const text = readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv');
  const chain = parseChain(text);
  const fit = fitChainSurface(chain);
  const answer = fitSurfaceLocally({ chain: text });
  const view = presentSurface(JSON.parse(JSON.stringify(answer)) as unknown);

  it('shows what buildSurface answers: ATM vols in vol points, the fit figures, the arbitrage counts', () => {
    expect(answer).toEqual(buildSurface({ chain: text }));
    const slices = fit.slices.filter((s) => s.inSurface);
    expect(view.expiries.map((e) => e.expiry)).toEqual(slices.map((s) => s.expiry));
    for (const [i, s] of slices.entries()) {
      expect(view.expiries[i]!.atmVol).toBeCloseTo(100 * s.atmVol, 10);
      expect(view.expiries[i]!.rmseVolPts).toBe(s.rmseVolPts);
      expect(view.expiries[i]!.svi).toEqual(s.svi);
    }
    expect(view.arbitrage).toEqual({
      butterfly: fit.arbitrage.butterfly.length,
      calendar: fit.arbitrage.calendar.length,
      calendarRepaired: fit.arbitrage.calendarRepaired.length,
    });
    expect(arbitrageText(view.arbitrage)).toMatch(/^no butterfly arbitrage in any slice; no calendar arbitrage/);
  });

  it('marks each smile quote at the implied vol the shared fit gives its mid (1e-8 vol points), and draws its SVI slice', () => {
    for (const i of [0, 5, view.expiries.length - 1]) {
      const row = view.expiries[i]!;
      const smile = smileOf(chain, row);
      const slice = fit.slices.find((s) => s.inSurface && s.expiry === row.expiry)!;
      // the last expiry is an SPX one (AM-settled), after the last SPXW expiry: its own quotes and time
      expect([row.root, smile.root]).toEqual([slice.root, slice.root]);
      if (i === view.expiries.length - 1) expect(slice.root).toBe('SPX');
      expect(smile.years).toBeCloseTo(slice.years, 14);
      expect(smile.points.length).toBeGreaterThan(10);
      const marks = new Map(slice.marks.filter((m) => m.otm).map((m) => [`${m.type}${m.strike}`, m]));
      for (const p of smile.points) {
        const m = marks.get(`${p.type}${p.strike}`)!;
        expect(Math.abs(p.mid - 100 * m.midVol!)).toBeLessThan(1e-8);
        expect(Math.abs(m.delta)).toBeGreaterThan(SMILE_MIN_DELTA * 0.5);
        // the bid's vol is below the mid's, the ask's above (where they have one)
        if (p.bid !== null) expect(p.bid).toBeLessThan(p.mid);
        if (p.ask !== null) expect(p.ask).toBeGreaterThan(p.mid);
      }
      // puts below the forward, calls at and above it, sorted by log-moneyness
      expect(smile.points.every((p) => (p.type === 'put' ? p.k < 0 : p.k >= 0))).toBe(true);
      expect(smile.points.map((p) => p.k)).toEqual([...smile.points.map((p) => p.k)].sort((a, b) => a - b));
      const c = smile.curve[60]!;
      expect(c.ownVol).toBeCloseTo(100 * Math.sqrt(sviVariance(row.svi, c.k) / smile.years), 12);
    }
  });

  it('draws the surface every mark uses (the calendar-repaired slice), not the raw SVI, and the raw beside it where they differ', () => {
    const slices = fit.slices.filter((s) => s.inSurface);
    let lifted = 0;
    view.expiries.forEach((row, j) => {
      const smile = smileOf(chain, row);
      const slice = slices[j]!;
      // the quotes' surface vols are the fit's own marks (repaired), and the curve is that slice
      for (const p of smile.points) {
        const m = slice.marks.find((x) => x.otm && x.type === p.type && x.strike === p.strike)!;
        expect(Math.abs(p.fit - 100 * m.modelVol)).toBeLessThan(1e-9);
      }
      for (const c of [smile.curve[0]!, smile.curve[60]!, smile.curve[120]!]) {
        const w = fit.surface.sliceVariance(j, c.k);
        expect(Math.abs(c.vol - 100 * Math.sqrt(w / slice.years))).toBeLessThan(1e-9);
      }
      if (smile.repairVolPts > 0.05) lifted++;
    });
    // SPX 2023-01-20 (k = -0.81, in the far put wing): the raw SVI drawn 0.49 vol points below the marks
    const row = view.expiries.find((e) => e.expiry === '2023-01-20')!;
    expect(smileOf(chain, row).repairVolPts).toBeCloseTo(0.49, 2);
    expect(lifted).toBeGreaterThan(0);
  });

  it('lists the expiries the fit left out in one line, with its reason: the page, its note and the sheet', async () => {
    expect(view.leftOut).toEqual(fit.skipped);
    expect(view.leftOut).toHaveLength(11);
    const line = leftOutText(view.leftOut);
    expect(line).toBe(
      '11 expiries of the chain left out: SPX 2022-02-18, 2022-03-18, 2022-04-14, 2022-05-20, 2022-06-17, 2022-07-15, ' +
        '2022-08-19, 2022-09-16, 2022-10-21, 2022-11-18, 2022-12-16 — another root: the surface takes the SPXW ' +
        'expiries, and SPX only after the last of them (2022-12-30).',
    );
    expect(fittedNote({ text, view, chain, kept: true }, '2022-02-04', undefined)).toMatch(
      /^Fitted 34 expiries \(11 of the chain's left out: see below\)\. /,
    );
    const { context, sheets } = mockContext();
    await writeSurfaceSheet(context, view, undefined, opts);
    // below the surface's warnings, a row each (2022-02-04 has three: its 3-day slice misses its quotes and its call wing's, and the SPX 2023-01-20 put wing its quotes)
    expect(cellAt(sheets[0]!, `A${view.expiries.length + 6 + view.warnings.length}`).value).toBe(line);
  });

  it('writes the table and the smile shown, with an XY scatter of it, to a sheet', async () => {
    const { context, sheets } = mockContext();
    const smile = smileOf(chain, view.expiries[3]!);
    const name = await writeSurfaceSheet(context, view, smile, opts);
    expect(name).toBe('ALVH surface 20250408-101112');
    const sheet = sheets[0]!;
    // 2022-02-04 has three warnings, its 3-day slice missing its quotes, then its call wing and the
    // SPX 2023-01-20 put wing missing theirs (its one quote with a bid and no ask is left out and
    // counted, not warned about as crossed): the smile's table follows the surface's after the
    // warnings and the expiries left out
    expect(view.warnings).toHaveLength(3);
    expect(view.warnings[0]).toMatch(/^SPXW 2022-02-07: the fitted marks lie inside the bid-ask for only 15 of its 40/);
    const smileTop = view.expiries.length + 12;
    expect(sheet.tables.map((t) => t.address)).toEqual([
      `A4:Q${4 + view.expiries.length}`,
      `S4:U${4 + view.expiries.length}`,
      `A${smileTop}:F${smileTop + smile.points.length}`,
    ]);
    // warnings and the expiries left out sit between the tables, a row each and a blank row after them
    const warned = mockContext();
    await writeSurfaceSheet(warned.context, { ...view, warnings: ['one', 'two'] }, smile, opts);
    expect(warned.sheets[0]!.tables.map((t) => t.address)[2]).toBe(
      `A${smileTop - 1}:F${smileTop - 1 + smile.points.length}`,
    );
    const bare = mockContext();
    await writeSurfaceSheet(bare.context, { ...view, warnings: [], leftOut: [] }, smile, opts);
    expect(bare.sheets[0]!.tables.map((t) => t.address)[2]).toBe(
      `A${smileTop - 5}:F${smileTop - 5 + smile.points.length}`,
    );
    expect(sheet.charts.map((c) => c.type)).toEqual(['XYScatter']);
    expect(sheet.charts[0]!.mock.axes.valueAxis.title.text).toBe('Implied vol (vol points)');
    const table = sheet.ranges.find((r) => r.address === `A4:Q${4 + view.expiries.length}`)!.mock;
    // as ALVH.SURFACE spills it: the ATM vol a decimal, the expiry an Excel date (shown as one)
    expect((table['values'] as unknown[][])[1]![2]).toBeCloseTo(view.expiries[0]!.atmVol / 100, 14);
    view.expiries.forEach((e, i) =>
      expect(cellAt(sheet, `A${5 + i}`)).toEqual({ value: isoToExcelSerial(e.expiry), format: 'yyyy-mm-dd' }),
    );
  });

  it("gives each quote's SVI fit vol at its own ln(K/F), as the shared fit marks it, not at the drawn curve's nearest point", async () => {
    const row = view.expiries.find((e) => e.expiry === '2022-12-30')!;
    const smile = smileOf(chain, row);
    const slice = fit.slices.find((s) => s.inSurface && s.expiry === row.expiry)!;
    const { context, sheets } = mockContext();
    await writeSurfaceSheet(context, view, smile, opts);
    const sheet = sheets[0]!;
    const top = sheet.tables[2]!.address.match(/^A(\d+):/)![1]!;
    smile.points.forEach((p, i) => {
      const mark = slice.marks.find((m) => m.otm && m.type === p.type && m.strike === p.strike)!;
      const cell = cellAt(sheet, `E${Number(top) + 1 + i}`).value as number;
      expect(cell, `${p.type} ${p.strike}`).toBeCloseTo(100 * mark.modelVol, 10);
      expect(cell).toBeCloseTo(100 * Math.sqrt(sviVariance(row.svi, p.k) / smile.years), 10);
    });
    // The 4625 call: SVI 20.071 against a mid of 20.109 (the curve's nearest grid point read 19.868).
    const at = smile.points.findIndex((p) => p.strike === 4625 && p.type === 'call');
    expect(smile.points[at]!.mid).toBeCloseTo(20.109, 3);
    expect(cellAt(sheet, `E${Number(top) + 1 + at}`).value).toBeCloseTo(20.0712, 4);
  });
});

describe('the surface view of a chain quoting a later expiry below an earlier one', () => {
  const answer = fitSurfaceLocally({ chain: CROSSED_CALENDAR, valuationDate: '2023-06-09' });
  const view = presentSurface(JSON.parse(JSON.stringify(answer)) as unknown);
  const chain = parseChainTable(CROSSED_CALENDAR, { valuationDate: '2023-06-09' });

  it("shows the repair's warning, and draws the 61-day expiry where the surface marks it (14.26%), not at its quotes' 10%", () => {
    expect(view.warnings).toEqual([LIFT_WARNING]);
    const row = view.expiries[1]!;
    expect(row.atmVol).toBeCloseTo(14.26, 2);
    const smile = smileOf(chain, row);
    const atm = smile.curve.reduce((a, c) => (Math.abs(c.k) < Math.abs(a.k) ? c : a));
    expect(atm.vol).toBeCloseTo(14.26, 1);
    expect(atm.ownVol).toBeCloseTo(10, 1);
    expect(smile.repairVolPts).toBeCloseTo(4.26, 1);
    for (const p of smile.points) expect(p.fit - p.mid).toBeGreaterThan(3.5);
    // the first expiry is not lifted: one line
    expect(smileOf(chain, view.expiries[0]!).repairVolPts).toBe(0);
  });
});

describe('presentSurface refuses a malformed answer by field', () => {
  const good = {
    source: 'chain',
    label: 'chain of 2025-04-08',
    warnings: [],
    expiries: [
      {
        expiry: '2025-05-16',
        forward: 5000,
        discount: 0.99,
        atmVol: 0.2,
        svi: { a: 0.001, b: 0.05, rho: -0.7, m: 0.01, sigma: 0.1 },
        rmseVolPts: null,
        insideSpreadPct: null,
        quotes: null,
      },
    ],
    arbitrage: { butterfly: 0, calendar: 0, calendarRepaired: 2 },
    data: { slices: [{ expiry: '2025-05-16', years: 0.1041 }] },
  };
  it('reads the good one (vol points, nulls kept, the years of the surface slice)', () => {
    const v = presentSurface(good);
    expect(v.expiries[0]!.atmVol).toBeCloseTo(20, 12);
    expect(v.expiries[0]!.years).toBe(0.1041);
    expect(v.expiries[0]!.rmseVolPts).toBeNull();
    expect(arbitrageText(v.arbitrage)).toMatch(/2 slices raised to the earlier slice's total variance/);
    expect(v.leftOut).toEqual([]);
  });
  it('reads the expiries left out, and says them a root and reason at a time', () => {
    const leftOut = [
      { root: 'SPX', expiry: '2025-05-16', reason: 'another root' },
      { root: 'SPXW', expiry: '2025-04-08', reason: "settles at the quotes' time (none left)" },
      { root: 'SPX', expiry: '2025-06-20', reason: 'another root' },
    ];
    const v = presentSurface({ ...good, leftOut: { quotes: {}, expiries: leftOut } });
    expect(v.leftOut).toEqual(leftOut);
    expect(leftOutText(v.leftOut)).toBe(
      "3 expiries of the chain left out: SPX 2025-05-16, 2025-06-20 — another root; SPXW 2025-04-08 — settles at the quotes' time (none left).",
    );
    expect(leftOutText(v.leftOut.slice(1, 2))).toMatch(/^1 expiry of the chain left out: SPXW 2025-04-08 — /);
    expect(presentSurface({ ...good, leftOut: null }).leftOut).toEqual([]);
  });
  it.each([
    [{ ...good, expiries: [] }, /expiries is missing or empty/],
    [{ ...good, expiries: [{ ...good.expiries[0], forward: null }] }, /expiries\[0\]\.forward is null, not a number/],
    [{ ...good, expiries: [{ ...good.expiries[0], svi: { a: 1 } }] }, /expiries\[0\]\.svi\.b is undefined/],
    [{ ...good, data: undefined }, /answer's data is not an object/],
    [
      { ...good, data: { slices: [{ expiry: '2025-05-23', years: 0.1 }] } },
      /data\.slices\[0\]\.expiry is not 2025-05-16/,
    ],
    [{ ...good, data: { slices: [{ expiry: '2025-05-16' }] } }, /data\.slices\[0\]\.years is undefined/],
    ['text', /\(answer\) is not an object/],
    [
      { ...good, leftOut: { expiries: [{ root: 'SPX', expiry: '2025-05-16' }] } },
      /leftOut\.expiries\[0\]\.reason is not text/,
    ],
  ])('%#: %s', (raw, message) => {
    expect(() => presentSurface(raw)).toThrow(message);
  });
});

describe('parseFrontier', () => {
  // A real answer, as the host sends it (JSON): the contract, not a shape the page imagines.
  const real = JSON.parse(
    JSON.stringify(frontier({ plan: planInputFromForm(state), paths: 2_000, seed: 5 })),
  ) as FrontierResult;
  const answer = {
    points: [
      {
        budget: 10_000,
        structure: 'vix-call-spread',
        split: 0.5,
        tailUnits: 3,
        overlayUnits: 2,
        cost: 9_400,
        cvar95Down: 39_000,
        drawdownLoss: 31_000,
        worstAnalogLoss: 38_000,
      },
      {
        budget: 0,
        structure: null,
        split: { calendarShare: 0.6, tailShare: 0.4 },
        tailUnits: 0,
        overlayUnits: 0,
        cost: 0,
        cvar95Down: 61_000,
        drawdownLoss: 52_000,
        worstAnalogLoss: null,
      },
    ],
    paths: 20_000,
    seed: 7,
    measure: 'real-world',
  };
  it('reads a real answer: every budget, the plan as sized and the literal rule with their matches, losses as P&L', () => {
    const v = parseFrontier(real);
    expect(v.valuationDate).toBe(real.valuationDate);
    expect(v.points.map((p) => p.budget)).toEqual(real.points.map((p) => p.budget));
    v.points.forEach((p, i) => {
      const r = real.points[i]!;
      expect(p.cost).toBe(r.cost);
      expect(p.cvar95Down).toBe(-r.cvar95Down);
      expect(p.drawdown).toBe(-r.drawdownLoss);
      expect(p.mix).toBe(mixWords(r));
    });
    expect(v.plan).toEqual({
      label: 'plan as sized',
      cost: real.plan.cost,
      mix: mixWords({ ...real.plan, tailUnits: real.plan.tailContracts, structure: 'vix-call' }),
      cvar95Down: -real.plan.cvar95Down,
      savedStdError: real.plan.cvarSavedStdError,
      drawdown: -real.plan.drawdownLoss,
      worstAnalog: -real.plan.worstAnalogLoss,
      match:
        real.plan.matchedBy === null
          ? null
          : {
              cost: real.plan.matchedBy.cost,
              cvar95Down: -real.plan.matchedBy.cvar95Down,
              mix: mixWords(real.plan.matchedBy),
              gapStdError: real.plan.matchedBy.gapStdError,
              withinNoise: real.plan.matchedBy.withinNoise,
            },
    });
    expect(v.rule?.label).toBe(`literal rule (uncapped, ${real.rule.tailContracts} VIX calls)`);
    expect(v.rule?.cost).toBe(real.rule.cost);
    expect([v.paths, v.seed, v.measure]).toEqual([2_000, 5, 'real-world']);
    // The table: one row a budget with what its mix costs (before fees), then the plan and the rule
    // with their cost (no budget) and what matches them.
    const rows = frontierTable(v);
    expect(rows).toHaveLength(real.points.length + 2);
    expect(rows.slice(0, -2).map((r) => r.cells.slice(0, 3))).toEqual(
      real.points.map((p) => [p.budget, p.cost, -p.cvar95Down]),
    );
    expect(rows.slice(-2).map((r) => r.cells.slice(0, 3))).toEqual([
      [null, real.plan.cost, -real.plan.cvar95Down],
      [null, real.rule.cost, -real.rule.cvar95Down],
    ]);
    expect(rows.at(-2)!.cells[8]).toMatch(
      /^plan as sized; (the cheapest mix that does as well costs \$[\d,]+ before fees \(.+\)|no mix)/,
    );
    expect(rows.at(-1)!.cells[8]).toMatch(/^literal rule \(uncapped, \d+ VIX calls\)/);
  });
  it('charts the plan, the literal rule and the match beside the frontier in the sheet, one series a column', async () => {
    const v = parseFrontier(real);
    const { context, sheets } = mockContext();
    await writeFrontierSheet(context, v, opts);
    const sheet = sheets[0]!;
    const chart = sheet.charts[0]!;
    expect(chart.type).toBe('XYScatter');
    expect(chart.seriesBy).toBe('Columns');
    const block = chart.source['values'] as (number | string)[][];
    const names = ['Plan', 'Literal rule', ...(v.plan!.match ? ["Plan's risk, least cost"] : [])];
    expect(block[0]).toEqual(['Hedge cost before fees (USD)', 'Frontier (best mix within each budget)', ...names]);
    expect(chart.mock.axes.categoryAxis.title.text).toBe('Hedge cost before fees (USD)');
    // Every row: x and exactly one series' y; the budgets' mixes in the frontier's column, each mark
    // in its own, every one at what it costs (a budget's mix, not the budget: one x for all).
    const body = block.slice(1);
    expect(body).toHaveLength(v.points.length + names.length);
    for (const r of body) expect(r.slice(1).filter((c) => c !== '')).toHaveLength(1);
    expect(body.slice(0, v.points.length).map((r) => [r[0], r[1]])).toEqual(
      v.points.map((p) => [p.cost, p.cvar95Down]),
    );
    const marks = [v.plan!, v.rule!, ...(v.plan!.match ? [v.plan!.match] : [])];
    marks.forEach((m, i) => {
      const r = body[v.points.length + i]!;
      expect([r[0], r[2 + i]]).toEqual([m.cost, m.cvar95Down]);
    });
    expect(chart.mock.legend).toMatchObject({ visible: true, position: 'Bottom' });
    // The block sits under the table, not inside it.
    const table = sheet.tables[0]!.address;
    const source = sheet.ranges.find((r) => r.mock === chart.source)!.address;
    expect(source).toMatch(/^A\d+:[C-E]\d+$/);
    expect(Number(/(\d+)$/.exec(table)![1])).toBeLessThan(Number(/^A(\d+)/.exec(source)![1]));
  });

  it('sorts by budget, states the losses as P&L, reads a split given as shares', () => {
    const v = parseFrontier(answer);
    expect(v.points.map((p) => p.budget)).toEqual([0, 10_000]);
    expect(v.points[0]).toMatchObject({
      cvar95Down: -61_000,
      drawdown: -52_000,
      worstAnalog: null,
      split: '60% / 40%',
      mix: 'no hedge',
      structure: 'none',
    });
    expect(v.points[1]).toMatchObject({
      // the least overlay cap that admits the mix, not a division of the budget ("50% calendar")
      split: '50%',
      // no overlayShare and no components to work it out from: unknown, not guessed
      overlayShare: null,
      cvar95Down: -39_000,
      mix: '2 overlay + 3 × vix-call-spread',
    });
    expect([v.plan, v.rule]).toEqual([undefined, undefined]);
    expect([v.paths, v.seed, v.measure]).toEqual([20_000, 7, 'real-world']);
    expect(v.notes).toEqual([]);
  });
  it("shows the overlay's actual share of the budget beside the split, which is only the least cap that admits the mix", () => {
    expect(FRONTIER_COLUMNS.slice(6)).toEqual([
      'Overlay premium (share of budget)',
      'Split: least overlay cap admitting the mix (share of budget)',
    ]);
    const v = parseFrontier(real);
    const rows = frontierTable(v);
    real.points.forEach((p, i) => {
      const [share, split] = rows[i]!.cells.slice(6, 8);
      expect(share).toBe(p.overlayShare === null ? null : `${Math.round(p.overlayShare * 100)}%`);
      expect(split).toBe(`${Math.round(p.split * 100)}%`);
    });
    expect(rows.slice(-2).map((r) => r.cells.slice(6, 8))).toEqual([
      ['', ''],
      ['', ''],
    ]);
    // an answer from before overlayShare: worked out from the overlay component's premium
    const older = { ...answer, components: [{ name: 'overlay', premium: 2_000 }] };
    expect(parseFrontier(older).points.map((p) => p.overlayShare)).toEqual([null, '40%']);
    // an overlay bought is never shown as 0%: a premium of 1 where 2,000 gave 40%
    const tiny = { ...older, components: [{ name: 'overlay', premium: 1 }] };
    expect(parseFrontier(tiny).points.map((p) => p.overlayShare)).toEqual([null, '<1%']);
  });
  it('says the cheapest match costs before fees, as every frontier cost is', () => {
    const m = {
      label: 'plan as sized',
      cost: 548,
      mix: '1 × vix-call',
      cvar95Down: -1,
      savedStdError: null,
      drawdown: -1,
      worstAnalog: null,
    };
    expect(markNote({ ...m, match: { cost: 547, cvar95Down: -1, mix: '1 × spx-put-spread' } })).toBe(
      'plan as sized; the cheapest mix that does as well costs $547 before fees (1 × spx-put-spread)',
    );
    expect(markNote({ ...m, match: null })).toBe('plan as sized; no mix up to the top budget does as well');
  });
  it('gives each bought row its CVaR error and says when the cheapest match is within noise', () => {
    const v = parseFrontier({
      ...answer,
      points: [
        { ...answer.points[0], cvarSavedStdError: 133.6 },
        { ...answer.points[1], cvarSavedStdError: 0 },
      ],
      plan: {
        cost: 527,
        overlayUnits: 0,
        tailContracts: 2,
        cvar95Down: 43_081,
        cvarSavedStdError: 134,
        drawdownLoss: 40_000,
        worstAnalogLoss: 42_000,
        matchedBy: {
          budget: 439,
          structure: 'vix-call-spread',
          split: 0,
          cost: 439,
          overlayUnits: 0,
          tailUnits: 4,
          cvar95Down: 43_078,
          gapStdError: 43.7,
          withinNoise: true,
        },
      },
    });
    const rows = frontierTable(v);
    // the points' errors in one note, each after its budget and its CVaR, so no budget reads as a
    // CVaR (the point that buys nothing has no gap to err)
    expect(rows[0]!.cells[8]).toBe('');
    expect(rows[1]!.cells[8]).toBe('');
    expect(v.notes).toEqual([
      'CVaR 95 down ± the standard error of its gap to the unhedged book on the same paths, per budget: budget $10,000, CVaR -$39,000 ± $134.',
    ]);
    expect(rows[2]!.cells[8]).toBe(
      'plan as sized; the cheapest mix that does as well costs $439 before fees (4 × vix-call-spread), within noise: ' +
        'its CVaR is $3 lower, under 2 standard errors of $44, so the two cannot be told apart on these paths: either could be lower; ' +
        'CVaR gap to unhedged ± $134 (standard error on the same paths)',
    );
  });
  it('says why a bought point reads ± $0: the hedge moves every tail path by the same amount', () => {
    // the example day (2025-04-08, 20,000 paths, seed 42): the put spreads' tail paths all sit at the
    // condor's max loss and the spreads' full payout, so no run of paths moves the gap
    const v = parseFrontier({ ...answer, points: [answer.points[0], { ...answer.points[0], cvarSavedStdError: 0 }] });
    expect(v.notes.at(-1)).toMatch(
      /CVaR -\$[\d,]+ ± \$0\. ± \$0: the hedge changes each of the worst 5% of down paths by the same amount \(as at the condor's max loss and a hedge's full payout\), so no path moves the gap\.$/,
    );
    expect(savedNote({ savedStdError: 0, mix: '4 × spx-put-spread' })).toBe(
      "CVaR gap to unhedged ± $0 (standard error on the same paths; the hedge changes each of the worst 5% of down paths by the same amount (as at the condor's max loss and a hedge's full payout), so no path moves the gap)",
    );
  });
  it("keeps the answer's model notes (text only)", () => {
    const v = parseFrontier({ ...answer, modelNotes: ['From VIX 30-50 a bias.', 7, null] });
    expect(v.notes).toEqual(['From VIX 30-50 a bias.']);
  });
  it.each([
    [{}, /frontier answer's points is missing or empty/],
    [{ points: [{ ...answer.points[0], cvar95Down: 'x' }] }, /points\[0\]\.cvar95Down is "x", not a number/],
    [{ points: [{ ...answer.points[0], budget: null }] }, /points\[0\]\.budget is null/],
    [{ points: [{ ...answer.points[0], cost: undefined }] }, /points\[0\]\.cost is undefined/],
    [[1], /\(answer\) is not an object/],
    [{ ...answer, plan: { cost: 1, cvar95Down: 'x' } }, /plan\.cvar95Down is "x", not a number/],
    [{ ...answer, rule: 3 }, /frontier answer's rule is not an object/],
  ])('refuses %#', (raw, message) => {
    expect(() => parseFrontier(raw)).toThrow(message);
  });
  it('asks the host for the plan input with the Monte Carlo paths, seed and measure, as the frontier reads them', () => {
    const body = frontierRequest(planInputFromForm(state), { paths: 20_000, seed: 42, measure: 'risk-neutral' });
    expect(body).toMatchObject({ paths: 20_000, seed: 42, measure: 'risk-neutral' });
    expect(FrontierInputSchema.parse(body)).toMatchObject({ paths: 20_000, seed: 42, measure: 'risk-neutral' });
  });

  it('names the most paths one frontier run takes for this condor, in words, before a run the host would refuse', () => {
    const run = { seed: 42, measure: 'real-world' } as const;
    const body = (paths: number) => frontierRequest(planInputFromForm(state), { ...run, paths });
    expect(frontierPathsProblem(body(20_000), 20_000)).toBeUndefined();
    const said = frontierPathsProblem(body(1_000_000), 1_000_000)!;
    // On the example day the search of the mixes binds first (it named the 444,444 paths of the
    // 45 days, and a run of those was refused once it had run them all).
    const m =
      /^Frontier: at most ([\d,]+) paths for this condor \(the search for each budget's best mix of hedges[^)]*\); lower the paths to \1 or fewer\.$/.exec(
        said,
      );
    expect(m, said).not.toBeNull();
    const most = Number(m![1]!.replace(/,/g, ''));
    expect(most).toBeGreaterThan(20_000);
    expect(most).toBeLessThan(444_444);
    expect(said).not.toMatch(/firstPath|pathCount|mergeFrontier|chunk/);
    // The number is the run's own limit: that many paths pass its check and its search.
    expect(() => frontierSetup(body(most))).not.toThrow();
    expect(frontierSearchWork(runFrontierChunk(body(most))).work).toBeLessThanOrEqual(MAX_FRONTIER_SEARCH_WORK);
    expect(frontierPathsProblem(body(most), most)).toBeUndefined();
    expect(frontierPathsProblem(body(most + 1), most + 1)).toBe(said);
    // An input refused for another reason is left to the run, which names its field.
    expect(frontierPathsProblem({ ...body(1_000_000), seed: -1 }, 1_000_000)).toBeUndefined();
  });

  it("names a long condor's path-steps limit by its days to expiry, where that binds before the search", () => {
    const far = { ...state, fields: { ...state.fields, condorExpiry: '2026-06-18' } };
    const body = frontierRequest(planInputFromForm(far), { seed: 42, measure: 'real-world', paths: 1_000_000 });
    const said = frontierPathsProblem(body, 1_000_000)!;
    const m =
      /^Frontier: at most ([\d,]+) paths for this condor \(its (\d+) days to expiry[^)]*\); lower the paths to \1 or fewer\.$/.exec(
        said,
      );
    expect(m, said).not.toBeNull();
    const most = Number(m![1]!.replace(/,/g, ''));
    expect(() => frontierSetup({ ...body, paths: most })).not.toThrow();
    expect(() => frontierSetup({ ...body, paths: most + 1 })).toThrow(/over the limit/);
  });
});

describe('the positions box and the plan input extras', () => {
  it('names each bad line with its fix, and counts the good ones', () => {
    expect(checkPositions('', '2025-04-08')).toEqual({ count: 0, messages: [] });
    expect(checkPositions(POSITIONS, '2025-04-08')).toEqual({ count: 2, messages: [], market: false });
    const bad = checkPositions(`${POSITIONS}\nSPXW 250523P03752,5,1\nVIX 250521C00033000,ten,1`, '2025-04-08');
    expect(bad.count).toBe(0);
    expect(bad.messages).toHaveLength(2);
    expect(bad.messages[0]).toMatch(/^line 4: .*off the SPX 5-point strike grid; pass a listed strike/);
    expect(bad.messages[1]).toMatch(/^line 5: quantity "ten" is not a whole, non-zero number of contracts/);
    // two positions on one line: the second was not read, and the plan ordered it again
    expect(checkPositions('SPXW 250523P03750,10,SPXW 250523P03800,-10', '2025-04-08').messages).toEqual([
      'line 1: column 3 holds another option symbol (SPXW 250523P03800); put one position a line (symbol, quantity)',
    ]);
    // a header alone or blank cells: no word was shown, and the plan ordered the whole book
    for (const text of ['Symbol,Quantity\n', ',,\n,,\n']) {
      const none = checkPositions(text, '2025-04-08');
      expect(none).toEqual({ count: 0, messages: [], noRows: true });
      expect(positionsNote(none)).toMatch(
        /^0 positions read: the box holds no position rows, so every order opens from zero/,
      );
    }
    expect(positionsNote(checkPositions('', '2025-04-08'))).toBe('');
    expect(positionsNote(checkPositions(POSITIONS, '2025-04-08'))).toMatch(/^2 positions read; checked/);
    expect(checkPositions(POSITIONS, '')).toEqual({
      count: 0,
      messages: ['set the Date (YYYY-MM-DD) first: positions are checked against it'],
    });
  });

  it("checks them against the form's SPX and VX futures as the plan does, and says so", () => {
    const market = positionsMarket(state);
    expect(market.spot).toBe(4982.77);
    expect(market.lastFuture).toBe(state.futures[state.futures.length - 1]?.expiry);
    expect(checkPositions(POSITIONS, '2025-04-08', market)).toEqual({ count: 2, messages: [], market: true });
    // a strike slip the plan refuses was counted "1 position read"
    const slip = checkPositions('SPXW 250523P500,2,1.95', '2025-04-08', market);
    expect(slip.count).toBe(0);
    expect(slip.messages[0]).toMatch(/^line 1: is 500, far from SPX/);
    const late = checkPositions('VIX 261216C00030000,2,1.95', '2025-04-08', market);
    expect(late.messages[0]).toMatch(/^line 1: holds a VIX option of 2026-12-16, after the last listed VX future/);
    // the fix names the page's VX curve, not the API's market.futures
    expect(late.messages[0]).toMatch(/; add the VX future of 2026-12-16 to the VX curve$/);
    // without the form's market, the count says the plan checks it
    expect(checkPositions('SPXW 250523P500,2,1.95', '2025-04-08')).toEqual({ count: 1, messages: [], market: false });
    const blank = positionsMarket({
      ...state,
      fields: { ...state.fields, spx: '' },
      futures: [{ expiry: '', price: '30' }],
    });
    expect(blank).toEqual({});
  });

  it('sends the positions when the box holds any, and a fitted surface as market.surface', () => {
    const bare = fullPlanInput(state, '  ', undefined);
    expect(bare).toEqual(planInputFromForm(state));
    const withPositions = fullPlanInput(state, POSITIONS, undefined);
    expect(withPositions['positions']).toBe(POSITIONS);
    expect('surface' in (withPositions['market'] as object)).toBe(false);
    // the surface a fit answers (its data form) goes back as the plan's market.surface and parses
    const fitted = buildSurface(
      parseInput(SurfaceFromIndicesSchema, {
        valuationDate: (bare as { valuationDate: string }).valuationDate,
        spot: 4700,
        indices: { vix: 18, vix3m: 20 },
      }),
    );
    const withSurface = fullPlanInput(state, POSITIONS, fitted.data);
    expect((withSurface['market'] as { surface?: unknown }).surface).toBe(fitted.data);
    const r = PlanInputSchema.safeParse(withSurface);
    expect(r.success ? [] : r.error.issues.filter((i) => i.path[0] === 'market')).toEqual([]);
  });

  it("sends the VIX chain box's text as market.vixChain beside the fitted surface, and none when it is blank", () => {
    const table = 'root,expiry,strike,type,bid,ask\nVIX,2025-04-16,40,call,3.1,3.3';
    expect('vixChain' in (fullPlanInput(state, '', undefined, undefined, ' \n ')['market'] as object)).toBe(false);
    const m = fullPlanInput(state, '', undefined, undefined, table)['market'] as Record<string, unknown>;
    expect(m['vixChain']).toBe(table);
    expect(m['spx']).toBe((planInputFromForm(state)['market'] as Record<string, unknown>)['spx']);
    const fitted = buildSurface(
      parseInput(SurfaceFromIndicesSchema, { valuationDate: '2025-04-08', spot: 4700, indices: { vix: 18 } }),
    );
    const both = fullPlanInput(state, '', fitted.data, undefined, table)['market'] as Record<string, unknown>;
    expect([both['surface'], both['vixChain']]).toEqual([fitted.data, table]);
  });
});

describe('orders and structures from the example day’s plan with positions', () => {
  const p = plan(parseInput(PlanInputSchema, { ...planInputFromForm(state), positions: POSITIONS }));

  it('lists every order of the plan with its contract, side, whole quantity, mid and cost', () => {
    const v = presentOrders(p.orders)!;
    expect(v.rows).toHaveLength(p.orders!.orders.length);
    expect(v.netCost).toBe(p.orders!.netCost);
    for (const [i, o] of p.orders!.orders.entries()) {
      expect(v.rows[i]).toMatchObject({
        leg: `${o.contract} ${o.leg.expiry} ${o.leg.strike} ${o.leg.type}`,
        side: o.side,
        quantity: o.quantity,
        mid: o.mid,
        limit: o.limit,
        cost: o.cost,
      });
      expect(Number.isInteger(v.rows[i]!.quantity) && v.rows[i]!.quantity > 0).toBe(true);
    }
    expect(legText({ kind: 'vix', type: 'call', expiry: '2025-05-21', strike: 33 })).toBe('VIX 2025-05-21 33 call');
    // an SPX leg under its own root, else its date's: SPX on a third Friday, SPXW on any other day
    expect(legText({ kind: 'spx', type: 'put', expiry: '2025-05-16', strike: 4000 })).toBe('SPX 2025-05-16 4000 put');
    expect(legText({ kind: 'spx', type: 'put', expiry: '2025-05-16', strike: 4000, root: 'SPXW' })).toBe(
      'SPXW 2025-05-16 4000 put',
    );
    expect(presentOrders(undefined)).toBeUndefined();
  });

  it('shows the structures side by side, the drawdown loss as P&L and exactly one best within budget', () => {
    const v = presentStructures(p.structures);
    expect(v.rows.map((r) => r.structure)).toEqual(p.structures.structures.map((s) => s.structure));
    expect(v.loss).toBeLessThan(0);
    expect(v.loss).toBe(-p.structures.loss);
    expect(v.rows.filter((r) => r.best).map((r) => r.structure)).toEqual(
      p.structures.bestWithinBudget ? [p.structures.bestWithinBudget.structure] : [],
    );
    expect(v.analogLabels).toHaveLength(p.analogs.length);
    for (const r of v.rows) expect(r.analogs).toHaveLength(v.analogLabels.length);
    // What covering costs is said once: under the table only when the summary above does not say it.
    expect(p.structures.cover.words.length).toBeGreaterThan(0);
    expect(v.coverWords).toBe(p.structures.summary.includes(p.structures.cover.words) ? '' : p.structures.cover.words);
    expect(`${v.summary} ${v.coverWords}`.split(p.structures.cover.words)).toHaveLength(2);
  });

  it('writes the structures and orders to one sheet, and the frontier to another with its chart', async () => {
    const { context, sheets } = mockContext();
    const s = presentStructures(p.structures, p.valuationDate);
    const o = presentOrders(p.orders);
    await writeHedgeSheet(context, s, o, opts);
    await writeFrontierSheet(
      context,
      parseFrontier({
        valuationDate: '2025-04-08',
        points: [
          { budget: 0, structure: 'none', split: 0.6, cost: 0, cvar95Down: 100, drawdownLoss: 90, worstAnalogLoss: 95 },
          {
            budget: 50,
            structure: 'vix-call',
            split: 0.6,
            cost: 45,
            cvar95Down: 80,
            drawdownLoss: 70,
            worstAnalogLoss: 75,
          },
        ],
      }),
      opts,
    );
    expect(sheets.map((x) => x.name)).toEqual(['ALVH hedge 20250408-101112', 'ALVH frontier 20250408-101112']);
    // Each names the valuation date: the plan's, the frontier answer's.
    expect(p.valuationDate).toBe('2025-04-08');
    expect(cellAt(sheets[0]!, 'A1').value).toBe('Tail structures and orders, valuation date 2025-04-08');
    expect(cellAt(sheets[1]!, 'A2').value).toMatch(/^Valuation date 2025-04-08; CVaR 95 of the paths where SPX falls/);
    expect(sheets[0]!.tables).toHaveLength(2);
    const orders = sheets[0]!.ranges.find((r) => r.address === sheets[0]!.tables[1]!.address)!.mock;
    expect((orders['values'] as unknown[][]).length).toBe(o!.rows.length + 1);
    const frontier = sheets[1]!.ranges.find((r) => r.address === 'A4:I6')!.mock;
    const values = frontier['values'] as unknown[][];
    expect(values[0]!.slice(0, 3)).toEqual(['Budget (USD)', 'Cost before fees (USD)', 'CVaR 95 down (P&L, USD)']);
    expect(values[1]!.slice(0, 4)).toEqual([0, 0, -100, -90]);
    expect(values[2]!.slice(0, 2)).toEqual([50, 45]);
    expect(sheets[1]!.charts.map((c) => c.type)).toEqual(['XYScatter']);
    // No marked books: the frontier alone, no legend.
    expect((sheets[1]!.charts[0]!.source['values'] as unknown[][])[0]).toEqual([
      'Hedge cost before fees (USD)',
      'Frontier (best mix within each budget)',
    ]);
    expect(sheets[1]!.charts[0]!.mock.legend).toMatchObject({ visible: false });
  });
});
