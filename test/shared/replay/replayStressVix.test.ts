/**
 * A replay day whose VIX leaves no room for the stressed VIX of the default policy (VIX 280 + 1.5 ×
 * 20 = 310, above 300) is refused naming that day's row, `rows[i].vix`, as a plan names its
 * market.vix (not policy.stressVixPerPct, a field the request never sent), with the plan's fix: a
 * VIX of at most 270, or a fixed policy.stressVix, which replays the history as it is. A policy the
 * request sent is named itself.
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
  it("is named at the row's VIX, with the fix a plan gives for it", () => {
    const r = rows();
    const e = errorOf(() => replay({ rows: r }));
    expect([e.field, e.problem, e.fix]).toEqual([
      'rows[20].vix',
      `is 280 on ${r[20]!.date}: the drawdown's stressed VIX is 310 (VIX + stressVixPerPct × drawdown in %: 280 + 1.5 × 20), above 300`,
      'pass a VIX of at most 270, or set policy.stressVix (at most 300), or a lower policy.drawdown or stressVixPerPct',
    ]);
  });

  it('every row at VIX 300: the first row is named', () => {
    const r = rows().map((x) => ({ ...x, vix: 300, vx: [300, 300, 300, 300] }));
    expect(errorOf(() => replay({ rows: r })).field).toBe('rows[0].vix');
  });

  it('is named at policy.stressVixPerPct when the request sent it', () => {
    const e = errorOf(() => replay({ rows: rows(), policy: { stressVixPerPct: 2 } }));
    expect(e.field).toBe('policy.stressVixPerPct');
    expect(e.fix).toBe(
      'pass policy.stressVix (a fixed stressed VIX, at most 300), or a lower policy.drawdown or stressVixPerPct',
    );
  });

  it('replays with the fixed stressed VIX it suggests', () => {
    expect(() => replay({ rows: rows(), policy: { stressVix: 300 } })).not.toThrow();
  });
});
