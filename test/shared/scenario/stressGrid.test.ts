import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  black76Price,
  buildTermStructure,
  DEFAULT_VIX_LEVEL_COUNT,
  defaultVixLevels,
  resolvePolicy,
  shockFutures,
  stressGrid,
} from '@alvh/shared';
import { vixSurfaceFromVvix } from '@alvh/shared/surface';
import { BOOK } from '../../helpers/fixtures';

describe('stressGrid: a level the shock rule cannot reach', () => {
  // BOOK: VIX 14, the tail's 2024-05-22 future near 17; VIX 80 with those futures is no market of one day
  it("refuses a VIX level that would take a leg's future below 1 point, naming the level and the lowest that works", () => {
    const run = (book: unknown, vixLevels?: number[]) => () =>
      stressGrid({ book, spxMoves: [0], ...(vixLevels === undefined ? {} : { vixLevels }), days: [0] });
    expect(run({ ...BOOK, vix: 80 }, [60, 10])).toThrow(
      /^vixLevels\[1\]: is 10, 70 points below today's VIX of 80: the move would take the 2024-\d\d-\d\d future \([\d.]+ on day 0\) below 1 point; pass VIX levels of at least [\d.]+$/,
    );
    expect(run({ ...BOOK, vix: 250 })).toThrow(
      /^vixLevels: the default ladder's 175, 75 points below .*check that the futures and VIX are of the same day$/,
    );
    expect(run(BOOK, [5, 14])).not.toThrow();
    // a VIX leg in any layer, the condor's included (a book may hold one there)
    const vixPut = { kind: 'vix' as const, type: 'put' as const, strike: 15, expiry: '2024-03-20', quantity: -1 };
    expect(run({ ...BOOK, vix: 80, tail: [], condor: [...BOOK.condor, vixPut] }, [80, 10])).toThrow(
      /^vixLevels\[1\]: is 10, 70 points below today's VIX of 80: the move would take the 2024-03-20 future/,
    );
  });

  it('names the lowest level that works, rounded up to the cent so that it does', () => {
    // the 2024-05-22 future (16) at VIX 80: the least level it takes lies between 22.25 and 22.26;
    // rounded down, the level the refusal offers would be refused in turn
    const run = (vixLevels: number[]) => () =>
      stressGrid({ book: { ...BOOK, vix: 80 }, spxMoves: [0], vixLevels, days: [0] });
    expect(run([60, 10])).toThrow(
      "vixLevels[1]: is 10, 70 points below today's VIX of 80: the move would take the 2024-05-22 future (16 on day 0) below 1 point; pass VIX levels of at least 22.26",
    );
    expect(run([60, 22.26])).not.toThrow();
    expect(run([60, 22.25])).toThrow(/^vixLevels\[1\]: is 22\.25, .*pass VIX levels of at least 22\.26$/);
  });

  it('names the leg where the request holds it, the cell and the state when a surface vol passes what the pricers take', () => {
    // SPX −99% a day before the condor expires: the put's strike 92× the spot, far past the surface's
    // wings (the leg was named "legs[0]", no field of a stress request)
    expect(() => stressGrid({ book: BOOK, spxMoves: [0, -0.99], vixLevels: [20, 100], days: [0, 48] })).toThrow(
      /^book\.condor\[0\]: in the cell spxMoves\[1\] = -0\.99, vixLevels\[1\] = 100, days\[1\] = 48, the SPX put 4700 of 2024-04-19 would be marked at a vol of 609% on 2024-04-18 \(SPX 51, VIX 100\): the state lies beyond what the surface describes; use a milder SPX move or VIX level, or a strike nearer the money$/,
    );
    // a plan's ladder: the condor of the request that holds the leg (the second, 2027-01-04)
    const ladder = JSON.parse(readFileSync(join('docs', 'examples', 'plan-ladder.json'), 'utf8')) as unknown;
    expect(() => stressGrid({ plan: ladder, spxMoves: [-0.99], vixLevels: [200], days: [44] })).toThrow(
      /^plan\.condors\[1\]: in the cell spxMoves\[0\] = -0\.99, vixLevels\[0\] = 200, days\[0\] = 44, the SPX put 5850 of 2027-01-04 would be marked at a vol of \d+%/,
    );
  });
});

describe('a vol of vol or VVIX outside the VIX-option surface is refused, not priced at its bound', () => {
  // the surface is defined for VVIX 20-400; 0.05 to 0.2 all priced as VVIX 20, 4 to 5 as VVIX 400
  it('book.volOfVol outside 0.2-4, naming the field and VVIX/100', () => {
    const grid = (volOfVol: number) => () => stressGrid({ book: { ...BOOK, volOfVol }, spxMoves: [0], days: [0] });
    expect(grid(0.1)).toThrow(
      /^book\.volOfVol: a vol of vol is VVIX\/100, from 0\.2 \(VVIX 20\).*pass 0\.95 for VVIX 95/,
    );
    expect(grid(4.5)).toThrow(/^book\.volOfVol: a vol of vol is VVIX\/100, at most 4 \(VVIX 400\)/);
    const [low, high] = [0.2, 4].map((v) => stressGrid({ book: { ...BOOK, volOfVol: v }, spxMoves: [0], days: [0] }));
    expect(low!.base.tail).toBeLessThan(high!.base.tail);
  });

  it('a plan VVIX or policy vol of vol outside the same range', () => {
    expect(() => resolvePolicy({ stressVolOfVol: 0.1 })).toThrow(/^policy\.stressVolOfVol: .*0\.2 and 4/);
    expect(() => resolvePolicy({ defaultVolOfVol: 4.5 })).toThrow(/^policy\.defaultVolOfVol: .*0\.2 and 4/);
  });
});

describe('stressGrid', () => {
  const g = stressGrid({
    book: BOOK,
    spxMoves: [-0.2, -0.05, 0, 0.05],
    vixLevels: [14, 20, 30, 45],
    days: [0, 10, 49],
  });

  it('has the axes and the [day][move][level] shape', () => {
    expect(g.dates).toEqual(['2024-03-01', '2024-03-11', '2024-04-19']);
    expect(g.total).toHaveLength(3);
    expect(g.total[0]).toHaveLength(4);
    expect(g.total[0]![0]).toHaveLength(4);
  });

  it('is 0 with nothing moved today, and the total is the sum of its parts everywhere', () => {
    expect(g.total[0]![2]![0]).toBeCloseTo(0, 6);
    expect(g.tail[0]![2]![0]).toBeCloseTo(0, 6);
    for (let d = 0; d < 3; d++)
      for (let m = 0; m < 4; m++)
        for (let l = 0; l < 4; l++) {
          expect(g.total[d]![m]![l]).toBeCloseTo(g.condor[d]![m]![l]! + g.overlay[d]![m]![l]! + g.tail[d]![m]![l]!, 8);
        }
  });

  it('at the condor expiry a 20% fall costs the condor its max loss (wing 50 × 100 × 10 − credit)', () => {
    const credit = -g.base.condor;
    expect(g.condor[2]![0]![1]).toBeCloseTo(-(50 * 100 * 10 - credit), 6);
    // ... and between the short strikes it keeps the whole credit.
    expect(g.condor[2]![2]![1]).toBeCloseTo(credit, 6);
  });

  it('reprices the tail on the shocked future (shockFutures with the policy shockKappa at day 0)', () => {
    const ts = buildTermStructure({ valuationDate: BOOK.valuationDate, vixSpot: BOOK.vix, futures: BOOK.futures });
    const may = shockFutures(ts, 30, resolvePolicy().shockKappa).find((p) => p.expiry === '2024-05-22')!;
    const leg = BOOK.tail[0]!;
    // VIX options on the VIX-option surface of the book's vol of vol (1.0: VVIX 100), at their own future
    const vols = vixSurfaceFromVvix(BOOK.valuationDate, 100);
    const price = (f: number) =>
      black76Price({
        type: 'call',
        future: f,
        strike: leg.strike,
        years: 82 / 365,
        vol: vols.vol(82 / 365, leg.strike, f),
        rate: BOOK.rate,
      });
    const want = (price(may.price) - price(16.0)) * 100 * leg.quantity;
    expect(g.tail[0]![2]![2]).toBeCloseTo(want, 6);
  });

  it('tail P&L rises with VIX at every SPX move and day', () => {
    for (const day of g.tail)
      for (const row of day) for (let l = 1; l < row.length; l++) expect(row[l]!).toBeGreaterThan(row[l - 1]!);
  });

  it('throws limit_exceeded naming the limit, and invalid_input naming a bad field', () => {
    const many = Array.from({ length: 200 }, (_, i) => -0.5 + i * 0.005);
    expect(() =>
      stressGrid({ book: BOOK, spxMoves: many, vixLevels: many.map((_, i) => 10 + i / 2), days: [0] }),
    ).toThrowError(expect.objectContaining({ code: 'limit_exceeded', field: 'spxMoves' }));
    expect(() => stressGrid({ book: BOOK, spxMoves: [-20] })).toThrowError(
      expect.objectContaining({ field: 'spxMoves[0]' }),
    );
  });

  it('marks a book on the SPX surface of its indices when given, naming book.* when they are wrong', () => {
    const alone = stressGrid({ book: BOOK, spxMoves: [-0.1, 0, 0.1], vixLevels: [14, 30], days: [0, 7] });
    // VIX9D below VIX and VIX3M above (contango): the condor's near expiry reads a lower ATM vol
    const indices = { vix9d: 12.5, vix3m: 16, vix6m: 17.5, skew: 150 };
    const withIndices = stressGrid({
      book: { ...BOOK, indices },
      spxMoves: [-0.1, 0, 0.1],
      vixLevels: [14, 30],
      days: [0, 7],
    });
    expect(withIndices.base.condor).not.toBe(alone.base.condor);
    // today's cell is today's mark on either surface: P&L 0 at no move, today's VIX, day 0
    expect(withIndices.total[0]![1]![0]).toBeCloseTo(0, 9);
    for (const g of [alone, withIndices]) for (const v of g.total.flat(2)) expect(Number.isFinite(v)).toBe(true);
    expect(() => stressGrid({ book: { ...BOOK, indices: { vix3m: 0.16 } } })).toThrowError(
      expect.objectContaining({ field: 'book.indices.vix3m' }),
    );
  });

  it('uses a default VIX ladder on both sides of today', () => {
    expect(stressGrid({ book: BOOK, days: [0] }).vixLevels).toEqual([9.8, 11.9, 14, 19, 24, 34, 54]);
    // A VIX-52 day: levels below today as well as above (not 47.33-92.33), in increasing order.
    const high = defaultVixLevels(52.33);
    expect(high).toEqual([36.63, 44.48, 52.33, 57.33, 62.33, 72.33, 92.33]);
    for (const vix of [9, 14, 25, 52.33, 80]) {
      const l = defaultVixLevels(vix);
      expect(Math.min(...l)).toBeLessThan(vix);
      expect(Math.max(...l)).toBeGreaterThan(vix);
      expect(l).toContain(Math.round(vix * 100) / 100);
      expect([...l].sort((a, b) => a - b)).toEqual(l);
    }
    // The count the stress endpoint checks its limits with before the book is known.
    expect(DEFAULT_VIX_LEVEL_COUNT).toBe(7);
    for (const vix of [1, 1.2, 1.5, 14, 200])
      expect(defaultVixLevels(vix).length).toBeLessThanOrEqual(DEFAULT_VIX_LEVEL_COUNT);
    expect(defaultVixLevels(1).length).toBeLessThan(DEFAULT_VIX_LEVEL_COUNT);
    // at VIX 1 the levels below it fall under 1 point and are left out; today's 1 itself stays
    expect(defaultVixLevels(1)).toEqual([1, 6, 11, 21, 41]);
  });

  it('holds the default ladder at 200, the most a given level may be: unique and increasing', () => {
    expect(defaultVixLevels(180)).toEqual([126, 153, 180, 185, 190, 200]);
    expect(defaultVixLevels(300)).toEqual([200]);
    expect(defaultVixLevels(199.99)).toEqual([139.99, 169.99, 199.99, 200]);
    // the ladder a grid answers with goes back as explicit levels without a 400
    const book = { ...BOOK, vix: 190 };
    const g = stressGrid({ book, spxMoves: [0], days: [0] });
    expect(g.vixLevels).toEqual([133, 161.5, 190, 195, 200]);
    expect(stressGrid({ book, spxMoves: [0], days: [0], vixLevels: g.vixLevels }).total).toEqual(g.total);
  });
});

describe('stressGrid: days on or after a leg’s expiry', () => {
  const req = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../docs/examples/stress.json'), 'utf8'),
  ) as Record<string, unknown>;
  const settled = (days: number[]) => stressGrid({ ...req, days }).notes.filter((n) => n.includes('settlement'));

  it('says from which day the cells hold legs at their settlement, and which legs (the rows read flat from there)', () => {
    // the example's condor expires 2027-01-15 (56 days), its overlay legs 2026-12-16 and 2027-01-20
    expect(settled([0, 70])).toEqual([
      "From day 70 (2027-01-29) the grid's days fall on or after the expiry of legs of the book (the condor's legs of 2027-01-15 (day 56); the overlay's legs of 2026-12-16 (day 26), 2027-01-20 (day 61); the tail's legs of 2027-01-20 (day 61)): from their expiry those cells hold them at their settlement, intrinsic at the cell’s SPX or VIX, not a mark, so their rows no longer move with the days.",
    ]);
    // in any order, from the earliest such day: the condor's expiry day is settled too
    expect(settled([70, 0, 56])[0]).toMatch(/^From day 56 \(2027-01-15\) the grid's days fall on or after/);
    const g = stressGrid({ ...req, days: [56, 70] });
    expect(g.condor[1]).toEqual(g.condor[0]);
    // a grid day on an expiry itself holds those legs settled: day 26 the overlay's front put
    expect(settled([0, 26])).toEqual([
      "From day 26 (2026-12-16) the grid's days fall on or after the expiry of legs of the book (the overlay's legs of 2026-12-16 (day 26)): from their expiry those cells hold them at their settlement, intrinsic at the cell’s SPX or VIX, not a mark, so their rows no longer move with the days.",
    ]);
    // and a last day on the condor's expiry names the condor's legs beside the overlay's
    expect(settled([0, 56])).toEqual([
      "From day 56 (2027-01-15) the grid's days fall on or after the expiry of legs of the book (the condor's legs of 2027-01-15 (day 56); the overlay's legs of 2026-12-16 (day 26)): from their expiry those cells hold them at their settlement, intrinsic at the cell’s SPX or VIX, not a mark, so their rows no longer move with the days.",
    ]);
    // before every expiry: nothing to say
    expect(settled([0, 7, 21])).toEqual([]);
    // a leg of no quantity (a plan's tail that its budget buys none of) is not held: not named
    const plan = JSON.parse(readFileSync(join(import.meta.dirname, '../../../docs/examples/plan.json'), 'utf8')) as {
      portfolio: Record<string, unknown>;
    };
    const noTail = { ...plan, portfolio: { ...plan.portfolio, budget: 0 } };
    const note = stressGrid({ plan: noTail, spxMoves: [0], vixLevels: [17.5], days: [0, 70] }).notes.find((n) =>
      n.includes('settlement'),
    );
    expect(note).toMatch(/^From day 70 \(2027-01-29\) .*\(the condor's legs of 2027-01-15 \(day 56\)\)/);
    expect(note).not.toMatch(/tail/);
  });
});

describe("stressGrid: the plan's own drawdown cell", () => {
  const input = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../docs/examples/plan.json'), 'utf8'),
  ) as Record<string, unknown>;
  const said = (days: number[]) =>
    stressGrid({ plan: input, spxMoves: [-0.2, 0], vixLevels: [47.5, 20], days }).notes.filter((n) =>
      n.startsWith("In the plan's own drawdown cell"),
    );

  it('says why the tail there differs from what the plan sized it on (the curve rolled down over the days)', () => {
    const g = stressGrid({ plan: input, spxMoves: [-0.2], vixLevels: [47.5], days: [10] });
    // the example: 1 call sized on a gain of $1,012.46, $990.09 in the grid's cell
    expect(g.tail[0]![0]![0]).toBeCloseTo(990.09, 2);
    expect(said([0, 10])).toEqual([
      "In the plan's own drawdown cell (SPX −20%, VIX 47.5, day 10) the tail's P&L is $990, where the plan sized it on $1,012 (1 × $1,012 a call): the grid rolls the VX curve down the fitted curve over the 10 days, which the plan's drawdown does not.",
    ]);
    // a grid without that cell has nothing to compare
    expect(said([0, 7])).toEqual([]);
  });

  it('says so for a difference of $2, more than the dollar a reader reads as rounding, and nothing where they agree', () => {
    // a 1-day drawdown: the curve rolls one day down, the tail's $841.29 against the $843 it was sized on
    const oneDay = { ...input, policy: { drawdownDays: 1 } };
    const g = stressGrid({ plan: oneDay, spxMoves: [-0.2], vixLevels: [47.5], days: [1] });
    expect(g.tail[0]![0]![0]).toBeCloseTo(841.29, 2);
    expect(g.notes.filter((n) => n.startsWith("In the plan's own drawdown cell"))).toEqual([
      "In the plan's own drawdown cell (SPX −20%, VIX 47.5, day 1) the tail's P&L is $841, where the plan sized it on $843 (1 × $843 a call): the grid rolls the VX curve down the fitted curve over the 1 days, which the plan's drawdown does not.",
    ]);
    // a drawdown of 0 days: no roll, the same vol of vol, the cell is what the plan sized on ($826.45)
    const today = { ...input, policy: { drawdownDays: 0 } };
    const g0 = stressGrid({ plan: today, spxMoves: [-0.2], vixLevels: [47.5], days: [0] });
    expect(g0.tail[0]![0]![0]).toBeCloseTo(826.45, 2);
    expect(g0.notes.filter((n) => n.startsWith("In the plan's own drawdown cell"))).toEqual([]);
  });
});
