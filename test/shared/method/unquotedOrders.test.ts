/**
 * Orders priced without a chain are model marks on the surface of the Cboe indices or of VIX alone,
 * whose wings can stand points from the market (docs/surfaces.md): the plan says so beside them and
 * names the chain that would price them off quotes. A plan with the day's chain is not warned
 * (chainPlan.test.ts), nor one that lists no SPX order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';

const EXAMPLE = JSON.parse(readFileSync('docs/examples/plan.json', 'utf8')) as PlanInput;
const UNQUOTED = /^The SPX orders' mids and limits are marks on the surface from /;
const said = (p: ReturnType<typeof plan>): string[] => p.warnings.filter((w) => UNQUOTED.test(w));

describe('SPX orders without a chain', () => {
  it('on the surface of the indices: said once, with the chain to give', () => {
    const p = plan({ ...EXAMPLE, positions: [] });
    expect(p.surface.source).toBe('indices');
    expect(p.orders!.orders.some((o) => o.leg.kind === 'spx')).toBe(true);
    expect(said(p)).toEqual([
      "The SPX orders' mids and limits are marks on the surface from the Cboe volatility indices, not quotes: they can stand points from the market (on 2022-02-04 it marked a 42-day short call at 2.57 against a 0.70 / 0.85 quote). Check each limit against the market before sending, or give the day's SPX chain (market.chain) to price them off its fit and quotes.",
    ]);
  });

  it('on VIX alone: said with that surface named', () => {
    const { indices: _indices, ...market } = EXAMPLE.market;
    const p = plan({ ...EXAMPLE, market, positions: [] });
    expect(p.surface.source).toBe('vix-only');
    expect(said(p)).toHaveLength(1);
    expect(said(p)[0]).toMatch(/from VIX alone, not quotes: .*16\.84 against the chain's 23\.88\)/);
  });

  it('not said without orders, nor when the orders trade VIX options alone', () => {
    expect(said(plan(EXAMPLE))).toEqual([]); // no positions and no rebalance due: no orders
    const first = plan({ ...EXAMPLE, positions: [] });
    const spxHeld = first.book.condor.concat(first.book.overlay);
    const p = plan({ ...EXAMPLE, positions: spxHeld });
    expect(p.orders!.orders.length).toBeGreaterThan(0);
    expect(p.orders!.orders.every((o) => o.leg.kind === 'vix')).toBe(true);
    expect(said(p)).toEqual([]);
  });
});
