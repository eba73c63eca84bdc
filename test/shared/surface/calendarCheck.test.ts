/**
 * The calendar check of a chain's fit (chainArbitrage.ts): the repaired total variance must not
 * fall from one slice to the next at a fixed ln(K/F) of each. It used to be an empty list never
 * filled, so /api/surface answered calendar 0 and the taskpane said "no calendar arbitrage" of
 * any surface. The running-maximum repair looks for crossings on a grid of step 0.01; a crossing
 * narrower than that step slips through it and is what the check, on a grid four times finer, finds.
 */
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
    expect(fit.surface.warnings).toEqual([]);
  });
});
