import { expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { computeGolden } from './golden';

describeWithData('the golden set', () => {
  it('plans, stress grids, Monte Carlo runs and replays are unchanged, bit for bit', async () => {
    const g = computeGolden();
    // Every chunking of a run merges to the whole run's bits.
    for (const run of Object.values(g['monteCarlo'] as Record<string, { whole: unknown; chunkings: unknown[] }>)) {
      for (const c of run.chunkings) expect(c).toEqual(run.whole);
    }
    await expect(`${JSON.stringify(g, null, 1)}\n`).toMatchFileSnapshot('./golden.json');
  });
});
