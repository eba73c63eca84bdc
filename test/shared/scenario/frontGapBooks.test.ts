import { describe, expect, it } from 'vitest';
import { hedgeContext, plan, runMonteCarloChunk, stressGrid } from '@alvh/shared';
import { BOOK, CALM_PLAN_INPUT } from '../../helpers/fixtures';

// A book, a stress grid and the structures read no F1, F2, spread, regime or split (the Monte
// Carlo's rebalances resize the tail and read the curve shift off the model's state): a missing
// F1 or F2 is a gap as any other there, its expiry priced from the fit. The plan reads them and
// refuses such a curve.
describe('a curve without its F1 or F2 where nothing reads them', () => {
  for (const missing of ['2024-03-20', '2024-04-17']) {
    const book = { ...BOOK, futures: BOOK.futures.filter((f) => f.expiry !== missing) };

    it(`a Monte Carlo and a stress grid of a book without ${missing} run`, () => {
      const mc = runMonteCarloChunk({ book, paths: 20, seed: 1 });
      expect(mc.pathCount).toBe(20);
      const g = stressGrid({ book, spxMoves: [0, -0.1], vixLevels: [20], days: [0] });
      expect(g.total.flat(2).every((x) => Number.isFinite(x))).toBe(true);
    });
  }

  it("the structures' context of a curve without F2 is built; the plan of it is refused", () => {
    const market = {
      ...CALM_PLAN_INPUT.market,
      divYield: 0.015,
      futures: CALM_PLAN_INPUT.market.futures.filter((f) => f.expiry !== '2024-02-14'),
    };
    const ctx = hedgeContext({
      valuationDate: CALM_PLAN_INPUT.valuationDate,
      market,
      condors: [CALM_PLAN_INPUT.condor!],
    });
    expect(ctx.tailExpiry).toBe('2024-02-14');
    expect(Number.isFinite(ctx.tailFuture)).toBe(true);
    expect(() => plan({ ...CALM_PLAN_INPUT, market })).toThrow(/F2, settling 2024-02-14/);
  });
});
