/**
 * Runs the golden set (golden.ts) and compares it with golden.json. A missing golden.json is a
 * failure: vitest's file snapshot would otherwise write a fresh one outside CI and pass, so a deleted
 * or unchecked-out file would pin nothing. The only way to write it is the regeneration step of
 * golden.ts, `npx vitest run test/shared/golden -u`, which vitest reports to the test as the
 * snapshot update state "all".
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { computeGolden } from './golden';

const goldenFile = new URL('./golden.json', import.meta.url);

describeWithData('the golden set', () => {
  it('plans, stress grids, Monte Carlo runs and replays are unchanged, bit for bit', async () => {
    const updating = expect.getState().snapshotState.snapshotUpdateState === 'all';
    if (!updating && !existsSync(goldenFile)) {
      throw new Error(
        'golden.json is missing: regenerate it with `npx vitest run test/shared/golden -u` and review the diff',
      );
    }
    const g = computeGolden();
    // Every chunking of a run merges to the whole run's bits.
    for (const run of Object.values(g['monteCarlo'] as Record<string, { whole: unknown; chunkings: unknown[] }>)) {
      for (const c of run.chunkings) expect(c).toEqual(run.whole);
    }
    await expect(`${JSON.stringify(g, null, 1)}\n`).toMatchFileSnapshot('./golden.json');
  });
});
