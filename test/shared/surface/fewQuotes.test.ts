/**
 * A slice fitted on a handful of strikes near the money: the five SVI parameters interpolate five
 * quotes exactly, so its error and inside share read perfect while its wings are extrapolated far
 * from the market. The surface warns, naming the slice, its quotes and the strikes they span.
 */
import { expect, it } from 'vitest';
import { buildSurface, MIN_SHAPE_QUOTES, SHAPE_DELTA } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { REAL_CHAINS, loadChain } from './chains';

describeWithData('a slice quoted only near the money', () => {
  it('2022-04-14 at 4400-4600 beside the whole 2022-03-18: fits 5 quotes exactly, and is warned of', () => {
    const { chain } = loadChain(REAL_CHAINS[0]!);
    const near = (q: { expiry: string; strike: number }) =>
      q.expiry === '2022-03-18' ||
      (q.expiry === '2022-04-14' && q.strike >= 4400 && q.strike <= 4600 && q.strike % 50 === 0);
    const rows = chain.quotes
      .filter((q) => q.root === 'SPXW' && near(q))
      .map((q) => ({ expiry: q.expiry, strike: q.strike, type: q.type, bid: q.bid, ask: q.ask }));
    const answer = buildSurface({ chain: rows, valuationDate: '2022-02-04', spot: 4500.53 });
    const few = answer.expiries.find((e) => e.expiry === '2022-04-14')!;
    // a perfect fit of the five quotes, which says nothing of the wings
    expect(few.quotes).toBe(5);
    expect(few.rmseVolPts).toBeLessThan(0.01);
    expect(few.insideSpreadPct).toBe(100);
    expect(MIN_SHAPE_QUOTES).toBe(10);
    expect(SHAPE_DELTA).toBe(0.25);
    const named = answer.warnings.filter((w) => w.includes('2022-04-14'));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(
      /^SPXW 2022-04-14: the smile is fitted on 5 quotes, too few to set its shape \(it takes 10\), from the 4400 put \(40 delta, K\/F 0\.981\) to the 4600 call \(39 delta, K\/F 1\.026\), short of the 25-delta put and call\. Marks below 4400 and above 4600 are extrapolated from those quotes and may be far off the market \(the fit's error and inside share cover only them\)\. Send the whole chain for that expiry, or leave the expiry out\.$/,
    );
    // the whole expiry, fitted on its 273 quotes, is not named
    expect(answer.warnings.filter((w) => w.includes('2022-03-18'))).toEqual([]);
  });

  it('no slice of the two real chains is named: each has 22 or more quotes reaching 11 delta or further on both sides', () => {
    for (const c of REAL_CHAINS) {
      expect(loadChain(c).fit.surface.warnings.filter((w) => w.includes('the smile is fitted on'))).toEqual([]);
    }
  });
});
