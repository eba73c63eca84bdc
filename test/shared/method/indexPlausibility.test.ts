/**
 * A Cboe index beside VIX that no market has shown with it: VIX9D, VIX3M or VIX6M more than
 * INDEX_VIX_FACTOR times above or below VIX (the 2025-04-08 VIX9D 67.63 left beside a VIX of 13.83)
 * is warned of, naming the field and the fix; the real closes of every day in the Cboe histories
 * stay within the factor, so the warning never fires on a real day's indices.
 */
import { describe, expect, it } from 'vitest';
import { INDEX_VIX_FACTOR, plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { describeWithData, readDataFile } from '../../helpers/marketData';

const FAR = /is (more than 2× VIX|under 1\/2 of VIX)/;

function withIndices(indices: PlanInput['market']['indices']): PlanInput {
  return { ...PLAN_INPUT, market: { ...PLAN_INPUT.market, vix: 13.83, indices } };
}

describe('plan: a Cboe index far from VIX', () => {
  it('warns of each index more than twice or under half VIX, naming its field and the fix', () => {
    const p = plan(withIndices({ vix9d: 67.63, vix3m: 41.5, vix6m: 6.5, skew: 135.68 }));
    expect(p.warnings.filter((w) => FAR.test(w))).toEqual([
      "VIX9D 67.63 is more than 2× VIX 13.83, which no day's closes have shown: check market.indices.vix9d is the VIX9D close of the valuation date, in index points, or leave it out.",
      "VIX3M 41.5 is more than 2× VIX 13.83, which no day's closes have shown: check market.indices.vix3m is the VIX3M close of the valuation date, in index points, or leave it out.",
      "VIX6M 6.5 is under 1/2 of VIX 13.83, which no day's closes have shown: check market.indices.vix6m is the VIX6M close of the valuation date, in index points, or leave it out.",
    ]);
  });

  it("is silent on the day's own indices (2023-06-09: VIX9D 13.29, VIX3M 16.96) and without any", () => {
    expect(plan(withIndices({ vix9d: 13.29, vix3m: 16.96 })).warnings.some((w) => FAR.test(w))).toBe(false);
    expect(plan(withIndices(undefined)).warnings.some((w) => FAR.test(w))).toBe(false);
  });
});

/** A Cboe history's closes by ISO date. */
function closes(file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readDataFile(file).trim().split('\n').slice(1)) {
    const cells = line.split(',');
    const [m, d, y] = cells[0]!.split('/');
    out.set(`${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`, Number(cells[4]));
  }
  return out;
}

describeWithData('the Cboe histories against the factor', () => {
  it('no day of VIX9D (2011-) or VIX3M (2009-) closed more than the factor from VIX', () => {
    const vix = closes('cboe_VIX_History__ManULoreN14.csv');
    for (const name of ['VIX9D', 'VIX3M']) {
      const ratios = [...closes(`cboe_${name}_History__ManULoreN14.csv`)]
        .filter(([date]) => vix.has(date))
        .map(([date, level]) => level / vix.get(date)!);
      expect(ratios.length, name).toBeGreaterThan(3800);
      expect(Math.max(...ratios), name).toBeLessThan(INDEX_VIX_FACTOR);
      expect(Math.min(...ratios), name).toBeGreaterThan(1 / INDEX_VIX_FACTOR);
    }
  });
});
