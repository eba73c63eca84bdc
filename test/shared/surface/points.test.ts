/**
 * The points of /api/surface (buildSurface) are read at the time ALVH.VOL reads them: from the
 * quotes' moment to the settlement. They used t = days/365 from the valuation date, ignoring the
 * quote time and the settlement: the 2023-06-12 4150 put (13:40 quotes, 3.10 days) came out at
 * 16.87% where the slice's own fit marks 16.67%.
 */
import { expect, it } from 'vitest';
import { buildSurface, parseIsoDate, yearsToExpiry } from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { loadChain, REAL_CHAINS } from './chains';

describeWithData('/api/surface points on the 2023-06-09 chain', () => {
  it("a point on a slice's expiry is that slice's own mark (PM SPXW and AM SPX); another expiry runs from the first slice", () => {
    const { fit } = loadChain(REAL_CHAINS[1]!);
    const text = readDataFile(REAL_CHAINS[1]!.file);
    const asked = [
      { expiry: '2023-06-12', strike: 4150 },
      { expiry: '2023-07-21', strike: 4300 },
      { expiry: '2025-12-19', strike: 4500 },
      { expiry: '2023-06-17', strike: 4300 }, // a Saturday: no slice
    ];
    const r = buildSurface({ chain: text, points: asked });
    const markOf = (expiry: string, strike: number) => {
      const s = fit.slices.find((x) => x.inSurface && x.expiry === expiry)!;
      return s.marks.find((m) => m.strike === strike && m.otm)!.modelVol;
    };
    expect(Math.abs(r.points[0]!.vol - markOf('2023-06-12', 4150))).toBeLessThan(1e-12);
    expect(Math.abs(r.points[0]!.vol - 0.1667)).toBeLessThan(0.0005); // was 0.1687
    expect(Math.abs(r.points[1]!.vol - markOf('2023-07-21', 4300))).toBeLessThan(1e-12);
    expect(Math.abs(r.points[2]!.vol - markOf('2025-12-19', 4500))).toBeLessThan(1e-12);
    const first = fit.surface.slices[0]!;
    const t = first.years + (parseIsoDate('e', '2023-06-17') - parseIsoDate('e', first.expiry)) / 365;
    expect(yearsToExpiry(fit.surface)(parseIsoDate('e', '2023-06-17'))).toBe(t);
    expect(r.points[3]!.vol).toBe(fit.surface.vol(t, 4300));
  });
});
