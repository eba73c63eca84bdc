/**
 * The taskpane's orders quoted from the chain fitted on the Surface tab: the page sends the plan the
 * fitted surface (market.surface), not the chain, and keeps the chain's quotes beside it, so its
 * Orders table and the hedge sheet show each listed contract's bid / ask as the plan fitted to the
 * chain itself gives them (the real 2023-06-09 chain).
 */
import { afterEach, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { presentOrders } from '../../addin/src/common/hedgeViews';
import { keepSurface, quotedPlan } from '../../addin/src/taskpane/planExtras';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { MARKET_2023_06_09 } from '../helpers/fixtures';
import { REAL_CHAINS, loadChain, type RealChain } from '../shared/surface/chains';

const c = REAL_CHAINS[1] as RealChain;

afterEach(() => keepSurface(undefined));

describeWithData('the orders on the page after a chain is fitted on the Surface tab (2023-06-09)', () => {
  const input = (market: Record<string, unknown>): PlanInput => ({
    valuationDate: c.date,
    market: { ...MARKET_2023_06_09, ...market },
    condor: { expiry: '2023-07-21', strikes: [3950, 4000, 4500, 4550], quantity: 10 },
    portfolio: { capital: 2_000_000 },
    positions: [],
  });

  it("carry the chain's bid / ask, as the plan fitted to the chain gives them", () => {
    const { chain } = loadChain(c);
    const onChain = plan(input({ chain: readDataFile(c.file) }));
    // the surface the page keeps is the chain's fit, as the plan fits it
    const surface = onChain.surface.data;
    const page = plan(input({ surface }));
    expect(presentOrders(quotedPlan(page).orders)!.rows.every((r) => r.bid === null)).toBe(true);

    keepSurface(surface as Parameters<typeof keepSurface>[0], chain.quotes);
    const rows = presentOrders(quotedPlan(page).orders)!.rows;
    const spx = rows.filter((r) => r.leg.startsWith('SPX'));
    expect(spx).toHaveLength(4);
    expect(spx.every((r) => r.bid !== null && r.ask !== null && r.ask > r.bid)).toBe(true);
    expect(rows.map((r) => [r.leg, r.bid, r.ask, r.limit])).toEqual(
      presentOrders(onChain.orders)!.rows.map((r) => [r.leg, r.bid, r.ask, r.limit]),
    );

    expect(quotedPlan(page).warnings).toEqual(page.warnings);

    // the form's SPX 1% below the chain's Last: the marks move with it, the quotes do not, so none
    // bounds an order, and the plan says so (as plan() and the API do: test/shared/method/chainPlan)
    const lower = plan(input({ surface, spx: 4255.87 }));
    const moved = quotedPlan(lower);
    expect(presentOrders(moved.orders)!.rows.every((r) => r.bid === null && r.note === null)).toBe(true);
    expect(moved.warnings.slice(lower.warnings.length)).toEqual([
      "The orders carry no bid or ask: the chain's quotes were fitted at SPX 4300.01, 1.0% above SPX 4255.87, where the plan marks; limits are the model mids on the grid. For limits within the quotes, pass SPX at the chain's Last or a chain taken at this SPX.",
    ]);

    // the Surface tab cleared: no quote kept, none shown
    keepSurface(undefined);
    expect(presentOrders(quotedPlan(page).orders)!.rows.every((r) => r.bid === null)).toBe(true);
  });
});
