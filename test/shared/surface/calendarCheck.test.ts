/**
 * The calendar check of a chain's fit (chainArbitrage.ts): the repaired total variance must not
 * fall from one slice to the next at a fixed ln(K/F) of each. It used to be an empty list never
 * filled, so /api/surface answered calendar 0 and the taskpane said "no calendar arbitrage" of
 * any surface. The running-maximum repair looks for crossings on a grid of step 0.01; a crossing
 * narrower than that step slips through it and is what the check, on a grid four times finer, finds
 * when it is wider than that grid's step, 0.0025; the doc used to say it found any narrower than
 * 0.01, but a dip 0.0013 wide between two of its points goes unseen, and the doc now says so.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildSurface,
  calendarViolations,
  fitChainSurface,
  makeSpxSurface,
  parseChainTable,
  type SurfaceSlice,
} from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { REAL_CHAINS, loadChain } from './chains';
import { CROSSED_CALENDAR } from './crossedCalendar';

/** A slice at `years` of total variance a + b·√((k − m)² + σ²) on a forward of 4300. */
const slice = (expiry: string, years: number, a: number, b: number, m: number, sigma: number): SurfaceSlice => ({
  expiry,
  root: 'SPXW',
  years,
  forward: 4300,
  discount: 1,
  svi: { a, b, rho: 0, m, sigma },
});

describe('the calendar check', () => {
  it('finds total variance falling from one slice to the next where the repair missed it (a dip 0.004 wide)', () => {
    // the 73-day slice dips to 0.0101 at k = 0.005, between the repair's grid points 0 and 0.01,
    // under the 37-day slice's flat 0.012: on the repair's grid it stands at 0.015, above
    const s = makeSpxSurface({
      valuationDate: '2023-06-09',
      spot: 4300,
      source: 'chain',
      slices: [slice('2023-07-16', 0.1, 0.012, 0, 0, 0.1), slice('2023-08-22', 0.2, 0.01, 1, 0.005, 1e-4)],
      referenceVix: 20,
      warnings: [],
      label: 'a dip between grid points',
    });
    expect(s.sliceVariance(1, 0.005)).toBeCloseTo(0.0101, 12); // not lifted by the repair
    const v = calendarViolations(s);
    expect(v).toHaveLength(1);
    expect(v[0]!.expiry).toBe('2023-08-22');
    expect(v[0]!.atK).toBeCloseTo(0.005, 12);
    expect(v[0]!.gap).toBeCloseTo(0.012 - 0.0101, 12);
  });

  it('misses a crossing narrower than its step, 0.0025, between two of its points, as the doc says', () => {
    // the 73-day slice dips to 0.0103 at k = 0.00125, below 0.012 only for |k − 0.00125| < 0.00066
    // (b = 3; 0.0013 wide): the check's points 0 and 0.0025 stand at 0.01375, above
    const s = makeSpxSurface({
      valuationDate: '2023-06-09',
      spot: 4300,
      source: 'chain',
      slices: [slice('2023-07-16', 0.1, 0.012, 0, 0, 0.1), slice('2023-08-22', 0.2, 0.01, 3, 0.00125, 1e-4)],
      referenceVix: 20,
      warnings: [],
      label: 'a narrow dip between the check points',
    });
    expect(s.sliceVariance(0, 0.00125) - s.sliceVariance(1, 0.00125)).toBeCloseTo(0.0017, 12);
    expect(calendarViolations(s)).toEqual([]);
    const doc = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'surfaces.md'),
      'utf8',
    ).replace(/\s+/g, ' ');
    const step6 = doc.slice(doc.indexOf('6. Calendar arbitrage'), doc.indexOf('7. Between expiries'));
    expect(step6).toContain(
      "is caught when it is wider than 0.0025 in k, and a narrower one can fall between the check's points unseen (a dip 0.0013 wide at k = 0.00125 is)",
    );
    expect(step6).not.toContain('a crossing narrower than that step is caught');
  });

  it('finds none where the repair binds (reported as repaired, not as left)', () => {
    // 31 days at a flat 20%, 61 days at 10%: the repair lifts the later one to the earlier's variance
    const fit = fitChainSurface(parseChainTable(CROSSED_CALENDAR, { valuationDate: '2023-06-09' }));
    expect(fit.arbitrage.calendarRepaired).toHaveLength(1);
    expect(fit.arbitrage.calendar).toEqual([]);
    const r = buildSurface({ chain: CROSSED_CALENDAR, valuationDate: '2023-06-09' });
    expect(r.arbitrage).toEqual({ butterfly: 0, calendar: 0, calendarRepaired: 1 });
  });

  it('is not run with the repair off (VIX-option slices, each on its own future)', () => {
    const fit = fitChainSurface(parseChainTable(CROSSED_CALENDAR, { valuationDate: '2023-06-09' }), {
      calendarRepair: false,
    });
    expect(calendarViolations(fit.surface).length).toBe(1); // the crossing is there, unrepaired
    expect(fit.arbitrage.calendar).toEqual([]);
  });
});

describeWithData('the calendar check on the real chains', () => {
  it.each(REAL_CHAINS.map((c) => [c.date, c] as const))('%s: no calendar arbitrage left', (_d, c) => {
    const { fit } = loadChain(c);
    expect(fit.arbitrage.calendar).toEqual([]);
    // none about the calendar (2022-02-04's one warning is a slice missing its quotes: fitQuality.test.ts)
    expect(fit.surface.warnings.filter((w) => /calendar/i.test(w))).toEqual([]);
  });
});
