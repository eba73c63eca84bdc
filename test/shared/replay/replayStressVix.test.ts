/**
 * A replay day whose VIX leaves no room for the stressed VIX of policy.stressVixPerPct (VIX 280 +
 * 1.5 × 20 = 310, above 300) is refused naming that day, with the policy's fix: the history's VIX
 * is not the caller's to lower, and a fixed policy.stressVix replays it.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd, isBusinessDay, replay, toIsoDate, type MarketRow } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

function rows(): MarketRow[] {
  const out: MarketRow[] = [];
  for (let d = dayFromYmd(2021, 1, 4); out.length < 60; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    out.push({ date: toIsoDate(d), spx: 4000, vix: 15, vvix: 90, vx: [16, 17, 17.8, 18.4, 18.9, 19.3, 19.6, 19.8] });
  }
  out[20] = { ...out[20]!, vix: 280, vx: out[20]!.vx.map(() => 250) };
  return out;
}

describe('a replay day above the stressed VIX bound', () => {
  it('is named, and the fix is policy.stressVix, not a lower VIX', () => {
    const r = rows();
    const e = errorOf(() => replay({ rows: r }));
    expect(e.field).toBe('policy.stressVixPerPct');
    expect(e.problem).toBe(
      `with drawdown 0.2 gives a stressed VIX of 310 on ${r[20]!.date} (VIX 280 + 1.5 × 20), above 300`,
    );
    expect(e.fix).toBe(
      'pass policy.stressVix (a fixed stressed VIX, at most 300), or a lower policy.drawdown or stressVixPerPct',
    );
  });

  it('replays with the fixed stressed VIX it suggests', () => {
    expect(() => replay({ rows: rows(), policy: { stressVix: 300 } })).not.toThrow();
  });
});
