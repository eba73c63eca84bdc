/**
 * The replay's trading desk (replayBook.ts): what a hedge trade books as hedge cost. A buy to open
 * books its premium (the half-spread in the fill) and the cost per contract; a sale books the
 * half-spread it pays and the cost per contract, as `hedgeCost` is defined (premium bought +
 * hedge trading costs).
 */
import { describe, expect, it } from 'vitest';
import { parseInput, ReplayInputSchema, type Leg, type MarketRow } from '@alvh/shared';
import { curvePolicyOf, emptyBook, stepClose, stepMarket } from '../../../shared/src/replay/replaySteps';
import {
  newCampaign,
  retarget,
  tradeCash,
  usd,
  type Campaign,
  type ReplayDay,
} from '../../../shared/src/replay/replayBook';
import { markLegs } from '../../../shared/src/book/index';

function tradingDay(assumptions: Record<string, number>, costPerContract: number): ReplayDay {
  const row = { date: '2021-02-01', spx: 4000, vix: 15, vvix: 90, vx: [16, 17, 17.8, 18.4] };
  const v = parseInput(ReplayInputSchema, {
    rows: [row, { ...row, date: '2021-02-02' }],
    assumptions,
    policy: { transactionCostPerContract: costPerContract },
  });
  const m = stepMarket(v.rows[0] as MarketRow, v.policy, v.assumptions, curvePolicyOf(v.policy));
  if (!('day' in m)) throw new Error(m.skip);
  return m.day;
}

const CALL: Leg = { kind: 'vix', type: 'call', strike: 20, expiry: '2021-03-17', quantity: 10 };

describe('hedge cost of a hedge trade', () => {
  it('books the half-spread paid on a sale, and the cost per contract', () => {
    const d = tradingDay({ vixHalfSpread: 0.2 }, 0.65);
    const c = newCampaign(d, { expiry: '2021-03-19', days: 46, strikes: [3500, 3600, 4400, 4500], legs: [] }, 10);
    retarget(d, c, 'tail', [CALL]);
    // the buy: its premium at mid + 0.20, and 10 × $0.65 (USD, to 1e-9)
    expect(Math.abs(d.hedgeCost - -c.cash.tail)).toBeLessThan(1e-9);
    const bought = d.hedgeCost;
    retarget(d, c, 'tail', []);
    // the sale: 0.20 × 10 × 100 = $200 of half-spread and $6.50 of costs
    expect(Math.abs(d.hedgeCost - bought - 206.5)).toBeLessThan(1e-9);
    expect(Math.abs(c.info.hedgeCost - d.hedgeCost)).toBeLessThan(1e-9);
    // the round trip lost exactly the two half-spreads and the costs
    expect(Math.abs(-c.cash.tail - 413)).toBeLessThan(1e-9);
  });

  it('books only the cost per contract on a sale at model mid', () => {
    const d = tradingDay({}, 0.65);
    const c = newCampaign(d, { expiry: '2021-03-19', days: 46, strikes: [3500, 3600, 4400, 4500], legs: [] }, 10);
    retarget(d, c, 'tail', [CALL]);
    const bought = d.hedgeCost;
    retarget(d, c, 'tail', []);
    expect(Math.abs(d.hedgeCost - bought - 6.5)).toBeLessThan(1e-9);
  });
});

describe('a sale of a leg worth less than the half-spread', () => {
  // A VIX C50 of 2021-03-17 with VIX at 15 and the March future at 16 is worth about 0.05 a share at
  // mid, under the 0.20 half-spread: its bid is 0, never below (no buyer is paid to take an option).
  const FAR: Leg = { ...CALL, strike: 50 };

  it('fetches nothing and pays only the cost per contract', () => {
    const d = tradingDay({ vixHalfSpread: 0.2 }, 0.65);
    const mid = (markLegs([FAR], d.state)[0] as { price: number }).price;
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(0.2);
    // selling 10: 10 × 0 × 100 received, 10 × $0.65 paid
    expect(tradeCash(d, [{ ...FAR, quantity: -10 }])).toBeCloseTo(6.5, 9);
    const c = newCampaign(d, { expiry: '2021-03-19', days: 46, strikes: [3500, 3600, 4400, 4500], legs: [] }, 10);
    c.legs.tail = [{ ...FAR }];
    retarget(d, c, 'tail', []);
    expect(c.cash.tail).toBeCloseTo(-6.5, 9);
    // the half-spread given up is the mid itself, not the 0.20 quoted
    expect(d.hedgeCost).toBeCloseTo(10 * mid * 100 + 6.5, 9);
  });
});

describe('hedge legs of a settled condor carried over to a campaign buying them the same day', () => {
  const SPEC = {
    expiry: '2021-03-19',
    days: 46,
    strikes: [3500, 3600, 4400, 4500] as [number, number, number, number],
    legs: [],
  };
  /** A day with vixHalfSpread 0.20 and $0.65 a contract, a settled campaign holding 5 calls, and a new one. */
  function setup(): { d: ReplayDay; old: Campaign; fresh: Campaign; mid: number } {
    const d = tradingDay({ vixHalfSpread: 0.2 }, 0.65);
    const old = newCampaign(d, { ...SPEC, expiry: '2021-02-01' }, 10);
    old.legs.tail = [{ ...CALL, quantity: 5 }];
    d.closing.push(old);
    const mid = (markLegs([CALL], d.state)[0] as { price: number }).price;
    return { d, old, fresh: newCampaign(d, SPEC, 10), mid };
  }

  it('hands the overlap over at mid with no cost, and trades only the difference', () => {
    const { d, old, fresh, mid } = setup();
    retarget(d, fresh, 'tail', [{ ...CALL, quantity: 7 }]);
    expect(old.legs.tail).toEqual([]);
    expect(old.cash.tail).toBeCloseTo(5 * mid * 100, 9);
    // 5 at mid, 2 bought at mid + 0.20 and $0.65 each
    const bought = 2 * (mid + 0.2) * 100 + 2 * 0.65;
    expect(fresh.cash.tail).toBeCloseTo(-(5 * mid * 100 + bought), 9);
    expect(fresh.spent.tail).toBeCloseTo(5 * mid * 100 + bought, 9);
    expect(fresh.legs.tail).toEqual([{ ...CALL, quantity: 7 }]);
    // only the 2 bought are premium paid to the market, and only their half-spread and costs are costs
    expect(d.hedgeCost).toBeCloseTo(bought, 9);
    expect(fresh.info.hedgeCost).toBeCloseTo(bought, 9);
    expect(d.costs).toBeCloseTo(2 * 0.2 * 100 + 2 * 0.65, 9);
    // closing the settled campaign then sells nothing
    const book = emptyBook();
    const events = stepClose(d, book).events;
    expect(d.costs).toBeCloseTo(41.3, 9);
    expect(old.info).toMatchObject({ settled: true, tailPnl: old.cash.tail });
    expect(book.done).toEqual([old]);
    expect(book.closed.tail).toBeCloseTo(5 * mid * 100, 9);
    expect(events).toEqual([`settle condor 2021-02-01: condor $0, ALVH ${usd(5 * mid * 100)}`]);
    expect(d.closing).toEqual([]);
  });

  it('sells what the new campaign does not take at mid − half-spread, less the cost per contract', () => {
    const { d, old, fresh, mid } = setup();
    retarget(d, fresh, 'tail', [{ ...CALL, quantity: 3 }]);
    expect(fresh.cash.tail).toBeCloseTo(-3 * mid * 100, 9);
    expect(d.costs).toBe(0);
    expect(old.legs.tail).toEqual([{ ...CALL, quantity: 2 }]);
    stepClose(d, emptyBook());
    expect(old.cash.tail).toBeCloseTo(3 * mid * 100 + 2 * (mid - 0.2) * 100 - 2 * 0.65, 9);
    expect(d.costs).toBeCloseTo(2 * 0.2 * 100 + 2 * 0.65, 9);
    expect(d.hedgeCost).toBeCloseTo(41.3, 9);
  });

  it('carries nothing over to a trade the other way (a sale of the contract the settled campaign holds)', () => {
    const { d, old, fresh, mid } = setup();
    retarget(d, fresh, 'tail', [{ ...CALL, quantity: -1 }]);
    expect(old.legs.tail).toEqual([{ ...CALL, quantity: 5 }]);
    expect(fresh.cash.tail).toBeCloseTo((mid - 0.2) * 100 - 0.65, 9);
  });
});

describe('the ledger’s dollar amounts', () => {
  it('writes an amount that rounds to zero as $0 whatever its sign, a loss with a true minus', () => {
    expect(usd(-0.3)).toBe('$0');
    expect(usd(-0)).toBe('$0');
    expect(usd(0.4)).toBe('$0');
    expect(usd(-1234.6)).toBe('−$1,235');
    expect(usd(22675)).toBe('$22,675');
  });
});
