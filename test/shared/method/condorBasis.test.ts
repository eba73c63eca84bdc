/**
 * A condor priced at a given vol away from the plan's surface (docs/examples/plan.json, a vol of
 * 16%): the plan says which Greeks are on which basis, and warns when the credit is far from the
 * surface's, as it does for a given credit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markBook, plan, planMarketState, type PlanInput } from '@alvh/shared';

const AT_VOL = JSON.parse(readFileSync(join('docs', 'examples', 'plan.json'), 'utf8')) as PlanInput;
const { vol: _vol, ...CONDOR } = AT_VOL.condor!;
const ON_SURFACE: PlanInput = { ...AT_VOL, condor: CONDOR };
const LADDER = JSON.parse(readFileSync(join('docs', 'examples', 'plan-ladder.json'), 'utf8')) as PlanInput;
const farFromSurface = (p: { warnings: string[] }) =>
  p.warnings.filter((w) => w.includes("differs from the surface's"));

describe('the condor priced at a given vol', () => {
  const pl = plan(AT_VOL);
  const now = planMarketState(pl.market, pl.surface);

  it('gives its Greeks at the given vol, and markGreeks on the surface as bookGreeks', () => {
    expect(pl.condor.legVols).toEqual([0.16, 0.16, 0.16, 0.16]);
    expect(pl.condor.greeks.vega).toBeCloseTo(-668.71, 2);
    expect(pl.condor.greeks.theta).toBeCloseTo(96.57, 2);
    const mark = markBook(pl.book.condor, now);
    const hedges = markBook([...pl.book.overlay, ...pl.book.tail], now);
    for (const k of ['delta', 'gamma', 'vega', 'theta'] as const) {
      expect(pl.condor.markGreeks[k]).toBe(mark[k]);
      expect(pl.ladder.markGreeks[k]).toBe(mark[k]);
      expect(pl.bookGreeks[k]).toBeCloseTo(pl.condor.markGreeks[k] + hedges[k], 9);
    }
    expect(pl.condor.markGreeks.vega).toBeCloseTo(-463.2, 0);
    expect(pl.condor.markGreeks.theta).toBeCloseTo(53.95, 2);
  });

  it("warns that its credit is more than 25% from the surface's, and not for a vol within 25% of it", () => {
    const w = farFromSurface(pl);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('The credit 11.74 priced at the given vol');
    expect(w[0]).toContain("surface's 8.85");
    const near = plan({ ...AT_VOL, condor: { ...CONDOR, vol: 0.14 } });
    const surfaceCredit = -near.condor.markValue / 300;
    expect(Math.abs(near.condor.credit / surfaceCredit - 1)).toBeLessThan(0.25);
    expect(farFromSurface(near)).toEqual([]);
  });

  it('priced on the surface: no such warning, and both Greeks agree', () => {
    const p = plan(ON_SURFACE);
    expect(farFromSurface(p)).toEqual([]);
    for (const k of ['delta', 'gamma', 'vega', 'theta'] as const)
      expect(p.condor.markGreeks[k]).toBeCloseTo(p.condor.greeks[k], 6);
  });

  it("a ladder's markGreeks are the sum of its condors'", () => {
    const l = plan(LADDER);
    for (const k of ['delta', 'gamma', 'vega', 'theta'] as const)
      expect(l.ladder.markGreeks[k]).toBeCloseTo(
        l.condors.reduce((a, c) => a + c.markGreeks[k], 0),
        9,
      );
  });
});
