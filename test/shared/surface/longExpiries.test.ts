/**
 * The surface beyond SPXW's listings: by default the SPX-root (AM-settled) expiries settling after
 * the last SPXW expiry join the surface at their own settlement time. On 2023-06-09 the SPXW
 * surface ended at 293 days and was flat at 15.22% beyond, while the SPX quotes of 343 days to
 * 4.5 years stood at 16.8-18.1%: none of their 256 body quotes was priced inside its bid-ask.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MAX_WING_DELTA, SurfaceDataSchema, blackFormula, fitChainSurface } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { loadChain, REAL_CHAINS } from './chains';

describeWithData('SPX expiries after the last SPXW expiry', () => {
  const rc = REAL_CHAINS[1]!; // 2023-06-09

  it('2023-06-09: the Dec-2025 4500 put (397.80 / 409.40) is priced inside its quote, not 12% under it', () => {
    const { fit } = loadChain(rc);
    const s = fit.surface;
    const dec25 = s.slices.find((x) => x.expiry === '2025-12-19')!;
    expect(dec25.root).toBe('SPX');
    // AM settlement: the 09:30 open of 2025-12-19, from 13:40 on 2023-06-09
    expect(dec25.years * 365).toBeCloseTo(924 - (13 + 40 / 60 - 9.5) / 24, 6);
    const vol = s.vol(dec25.years, 4500);
    const price = dec25.discount * blackFormula(false, dec25.forward, 4500, vol * Math.sqrt(dec25.years));
    expect(price).toBeGreaterThanOrEqual(397.8);
    expect(price).toBeLessThanOrEqual(409.4);
    expect(vol).toBeGreaterThan(0.175); // the SPXW-only surface gave 16.04%
  });

  it('2023-06-09: 251 of the 256 body quotes of 343 days to 4.5 years are priced inside their bid-ask (were 0), as docs/surfaces.md says', () => {
    const { fit } = loadChain(rc);
    const inside = (from: string): [number, number] => {
      const marks = fit.slices
        .filter((x) => x.inSurface && x.root === 'SPX' && x.expiry >= from)
        .flatMap((x) => x.marks)
        .filter((m) => m.otm && m.midVol !== null && Math.abs(m.delta) >= 0.1);
      return [marks.filter((m) => m.modelPrice >= m.bid && m.modelPrice <= m.ask).length, marks.length];
    };
    const spx = fit.slices.filter((x) => x.inSurface && x.root === 'SPX');
    expect(spx.map((x) => x.expiry)).toEqual([
      '2024-04-19',
      '2024-05-17',
      '2024-06-21',
      '2024-12-20',
      '2025-12-19',
      '2026-12-18',
      '2027-12-17',
    ]);
    expect((spx[1]!.years * 365).toFixed(1)).toBe('342.8');
    expect(inside('2024-05-17')).toEqual([251, 256]);
    expect(inside('2024-04-19')).toEqual([306, 316]);
    const doc = readFileSync(new URL('../../../docs/surfaces.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(
      '251 of those 256 body quotes lie inside their bid-asks (the quotes of the six SPX expiries 2024-05-17 to 2027-12-17, 343 calendar days out, 342.8 to the 09:30 settlement, to 4.5 years; out of the money, with a mid implied vol, |delta| ≥ 0.10 on the fitted surface; with the SPX expiry of 2024-04-19, 315 days out, 306 of 316)',
    );
  });

  it('lists the SPX expiries it leaves out (those within SPXW range) as another root; explicit roots keep their meaning', () => {
    const { chain, fit } = loadChain(rc);
    const spxw = fit.surface.slices.filter((x) => x.root === 'SPXW');
    const last = spxw.at(-1)!;
    expect(last.expiry).toBe('2024-03-28');
    const spxLeftOut = fit.skipped.filter((x) => x.root === 'SPX');
    expect(spxLeftOut.map((x) => x.expiry)).toContain('2024-03-15');
    for (const x of spxLeftOut) {
      expect(x.reason).toBe(
        'another root: the surface takes the SPXW expiries, and SPX only after the last of them (2024-03-28)',
      );
    }
    expect(fit.surface.label).toBe('chain of 2023-06-09 13:40 ET (SPXW + SPX after 2024-03-28, 43 expiries)');
    const only = fitChainSurface(chain, { roots: ['SPXW'] });
    expect(only.surface.slices.map((x) => x.root)).toEqual(spxw.map(() => 'SPXW'));
    expect(only.surface.slices.map((x) => x.expiry)).toEqual(spxw.map((x) => x.expiry));
    expect(only.skipped.find((x) => x.expiry === '2025-12-19')?.reason).toBe(
      'another root: the surface takes the SPXW expiries (pass roots to choose others)',
    );
  });

  it('both surfaces pass back as data: no wing wider than the data form carries (a 3.5-year slice took 12.8)', () => {
    for (const c of REAL_CHAINS) {
      const { fit } = loadChain(c);
      expect(SurfaceDataSchema.safeParse(fit.surface.toData()).success).toBe(true);
      for (const x of fit.surface.slices) {
        expect(x.svi.putWing?.delta ?? 0).toBeLessThanOrEqual(MAX_WING_DELTA);
        expect(x.svi.callWing?.delta ?? 0).toBeLessThanOrEqual(MAX_WING_DELTA);
      }
    }
  });

  it('the stretch limits C docs/surfaces.md step 7 states (±0.01): 1.35 and 3.69, SPXW alone 9.14 and 7.31', () => {
    const [c2022, c2023] = REAL_CHAINS as [(typeof REAL_CHAINS)[number], (typeof REAL_CHAINS)[number]];
    for (const [c, all, spxw] of [
      [c2022, 1.35, 9.14],
      [c2023, 3.69, 7.31],
    ] as const) {
      const { chain, fit } = loadChain(c);
      expect(Math.abs(fit.surface.stretchLimit() - all)).toBeLessThan(0.01);
      const alone = fitChainSurface(chain, { roots: ['SPXW'] }).surface;
      expect(Math.abs(alone.stretchLimit() - spxw)).toBeLessThan(0.01);
    }
  });
});
