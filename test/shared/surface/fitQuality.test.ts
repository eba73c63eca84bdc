/**
 * Two checks the fit cannot make on its own: an at-the-money vol no SPX expiry has shown (a
 * wrong valuation date, refused), a table dated on a day no option quoted (refused), and a slice
 * whose marks miss most of its quotes by more than a spread, and a far wing whose marks lie
 * outside most of its quotes (each warned of, with the figures).
 */
import { describe, expect, it } from 'vitest';
import {
  buildSurface,
  fitChainSurface,
  parseChainTable,
  MIN_SPX_ATM_VOL,
  WING_MEDIAN_WIDTHS,
  WING_MIN_QUOTES,
  type ChainRow,
} from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { REAL_CHAINS, loadChain, type RealChain } from './chains';
import { flatVolRows } from './crossedCalendar';

// 3-day and 33-day expiries at 12% and 13%, quoted on 2023-06-09
const ROWS = flatVolRows([
  ['2023-06-12', 3, 0.12],
  ['2023-07-12', 33, 0.13],
]);

describe('a table dated on the wrong day', () => {
  it('a year early: the 3-day expiry read as 368 days out fitted at 1.08%, refused naming valuationDate', () => {
    expect(fitChainSurface(parseChainTable(ROWS, { valuationDate: '2023-06-09' })).slices[0]!.atmVol).toBeCloseTo(
      0.12,
      3,
    );
    expect(() => buildSurface({ chain: ROWS, valuationDate: '2022-06-09' })).toThrow(
      /^valuationDate: is 2022-06-09, and the chain reads an at-the-money vol of 1\.08% for the 2023-06-12 expiry, 368 days after 2022-06-09, under the 3% no SPX expiry has shown: the quotes are not of that date \(the chain's first expiry is 368 days after it\); pass the date the quotes were taken \(check the year\)$/,
    );
    expect(MIN_SPX_ATM_VOL).toBe(0.03);
  });

  it('a Saturday or a holiday (=TODAY() on a weekend) is refused, offering the last session', () => {
    // from Saturday the 3-day expiry reads 2 days out and its vol 12% × √(3/2) = 14.7%
    expect(() => parseChainTable(ROWS, { valuationDate: '2023-06-10' })).toThrow(
      "valuationDate: is 2023-06-10, a Saturday, when no option quotes; pass the date the quotes were taken (2023-06-09 for the last session's)",
    );
    expect(() => parseChainTable(ROWS, { valuationDate: '2023-06-19' })).toThrow(
      /^valuationDate: is 2023-06-19, an exchange holiday \(Juneteenth[^)]*\), when no option quotes; pass the date the quotes were taken \(2023-06-16 for the last session's\)$/,
    );
    // outside the exchange calendar (2000-2040) the date is refused, as a plan's
    expect(() => parseChainTable(ROWS, { valuationDate: '1999-06-12' })).toThrow(
      "valuationDate: is 1999-06-12, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040",
    );
  });
});

describeWithData('slices whose marks miss their quotes', () => {
  it('2022-02-04: the 3-day SPXW slice, 15 of 40 inside and 1.08 spreads off at worst, is named; 2023-06-09 has none', () => {
    const [c2022, c2023] = REAL_CHAINS;
    expect(loadChain(c2022!).fit.surface.warnings.filter((w) => w.includes('the fitted marks'))).toEqual([
      "SPXW 2022-02-07: the fitted marks lie inside the bid-ask for only 15 of its 40 fitted quotes (37.5%); the worst is 0.16 points (1.08 spreads) beyond its quote (4380 put: 1.71 against 1.40/1.55). Check that expiry's quotes; a leg marked there may be off the market by about that much.",
    ]);
    // 2023-09-15 has 38.5% inside, its worst 0.75 spreads off: under a spread, not named
    expect(loadChain(c2023!).fit.surface.warnings.filter((w) => w.includes('the fitted marks'))).toEqual([]);
  });
});

describeWithData('far wings marked outside their quotes', () => {
  it('2022-02-04: the 3-day call wing, every quote under its bid, and the SPX 2023-01-20 put wing are named', () => {
    const [c2022, c2023] = REAL_CHAINS;
    const wings = (c: RealChain) => loadChain(c).fit.surface.warnings.filter((w) => w.includes('wing (under 5 delta)'));
    expect(wings(c2022!)).toEqual([
      "SPXW 2022-02-07: the far call wing (under 5 delta) is marked outside the bid-ask for 14 of its 14 quotes, 14 below the bid and 0 above the ask; the worst, the 4600 call, marks 0.19 against 0.35/0.40 (3.24 spreads beyond), at 11.21% against its mid's 12.36% (1.15 vol points under; up to 4.21 across the wing). The surface marks that wing under the market: price legs there from their quotes.",
      "SPX 2023-01-20: the far put wing (under 5 delta) is marked outside the bid-ask for 9 of its 14 quotes, 0 below the bid and 9 above the ask; the worst, the 1000 put, marks 4.82 against 2.60/3.30 (2.17 spreads beyond), at 66.73% against its mid's 62.77% (3.97 vol points over; up to 6.2 across the wing). The surface marks that wing over the market: price legs there from their quotes.",
    ]);
    // 2023-06-09's 2023-07-31 call wing: 23 of 27 over the ask, by 0.73 spreads at the median
    expect(wings(c2023!)).toEqual([
      "SPXW 2023-07-31: the far call wing (under 5 delta) is marked outside the bid-ask for 23 of its 27 quotes, 0 below the bid and 23 above the ask; the worst, the 4690 call, marks 1.14 against 0.90/1.00 (1.35 spreads beyond), at 10.23% against its mid's 9.97% (0.26 vol points over; up to 0.32 across the wing). The surface marks that wing over the market: price legs there from their quotes.",
    ]);
    expect([WING_MIN_QUOTES, WING_MEDIAN_WIDTHS]).toEqual([5, 0.5]);
  });
});

describe('slices of another root, fitted on request outside the surface', () => {
  // SPXW 3 and 61 days out; the SPX (AM) 2023-07-21 between them is another root's, left out
  const SPXW = flatVolRows([
    ['2023-06-12', 3, 0.12],
    ['2023-08-09', 61, 0.13],
  ]);
  const spx = (vol: number, keep = (_strike: number) => true) =>
    flatVolRows([['2023-07-21', 42, vol]])
      .filter((r) => keep(r.strike))
      .map((r) => ({ ...r, root: 'SPX' }));
  const fit = (rows: readonly ChainRow[]) =>
    fitChainSurface(parseChainTable(rows, { valuationDate: '2023-06-09' }), { fitOtherRoots: true });

  it('one whose at-the-money vol is under the floor does not refuse the surface', () => {
    const f = fit([...SPXW, ...spx(0.025)]);
    const low = f.slices.find((s) => s.root === 'SPX')!;
    expect(low.inSurface).toBe(false);
    expect(low.atmVol).toBeLessThan(MIN_SPX_ATM_VOL);
    expect(f.surface.toData().slices.map((s) => s.expiry)).toEqual(['2023-06-12', '2023-08-09']);
  });

  it('one fitted on five quotes near the money is not warned of: only the surface’s slices are', () => {
    const f = fit([...SPXW, ...spx(0.13, (k) => k >= 4250 && k <= 4350)]);
    const near = f.slices.find((s) => s.root === 'SPX')!;
    expect([near.inSurface, near.quotes]).toEqual([false, 5]);
    expect(f.surface.warnings.filter((w) => w.includes('2023-07-21'))).toEqual([]);
    // the 3-day SPXW slice, on seven quotes, is
    expect(f.surface.warnings.filter((w) => w.includes('the smile is fitted on'))).toHaveLength(1);
    expect(f.surface.warnings[0]).toMatch(/^SPXW 2023-06-12: the smile is fitted on 7 quotes, too few/);
  });
});

describe('a slice whose puts stop short of the 25-delta put', () => {
  // the 61-day slice's puts below a strike left out: 4150 is 24 delta, 4175 28
  const fromPut = (k: number) =>
    buildSurface({
      chain: flatVolRows([
        ['2023-06-12', 3, 0.12],
        ['2023-08-09', 61, 0.13],
      ]).filter((r) => !(r.expiry === '2023-08-09' && r.type === 'put' && r.strike < k)),
      valuationDate: '2023-06-09',
    }).warnings.filter((w) => w.startsWith('SPXW 2023-08-09'));

  it('is warned of at 28 delta, on its 21 quotes; at 24 delta it reaches far enough', () => {
    expect(fromPut(4175)).toEqual([
      expect.stringMatching(
        /^SPXW 2023-08-09: the smile is fitted on 21 quotes, from the 4175 put \(28 delta, K\/F 0\.971\) to the 4675 call \(6 delta, K\/F 1\.087\), short of the 25-delta put\. Marks below 4175/,
      ),
    ]);
    expect(fromPut(4150)).toEqual([]);
  });
});

describe('a slice fitted on few quotes', () => {
  // the 61-day slice quoted every 50 from 4100 to 4500 or 4550, reaching past both 25-deltas
  const upTo = (hi: number) =>
    buildSurface({
      chain: flatVolRows([
        ['2023-06-12', 3, 0.12],
        ['2023-08-09', 61, 0.13],
      ]).filter((r) => r.expiry !== '2023-08-09' || (r.strike >= 4100 && r.strike <= hi && r.strike % 50 === 0)),
      valuationDate: '2023-06-09',
    }).warnings.filter((w) => w.startsWith('SPXW 2023-08-09'));

  it('sets its shape on ten, and is warned of on nine', () => {
    expect(upTo(4550)).toEqual([]);
    expect(upTo(4500)).toEqual([
      expect.stringMatching(
        /^SPXW 2023-08-09: the smile is fitted on 9 quotes, too few to set its shape \(it takes 10\), /,
      ),
    ]);
  });
});
