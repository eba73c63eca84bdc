/**
 * The replay's trading desk (replayBook.ts): what a hedge trade books as hedge cost. A buy to open
 * books its premium (the half-spread in the fill) and the cost per contract; a sale books the
 * half-spread it pays and the cost per contract, as `hedgeCost` is defined (premium bought +
 * hedge trading costs).
 */
import { describe, expect, it } from 'vitest';
import { parseInput, ReplayInputSchema, type Leg, type MarketRow } from '@alvh/shared';
import { curvePolicyOf, stepMarket } from '../../../shared/src/replay/replaySteps';
import { newCampaign, retarget, usd, type ReplayDay } from '../../../shared/src/replay/replayBook';

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

describe('the ledger’s dollar amounts', () => {
  it('writes an amount that rounds to zero as $0 whatever its sign, a loss with a true minus', () => {
    expect(usd(-0.3)).toBe('$0');
    expect(usd(-0)).toBe('$0');
    expect(usd(0.4)).toBe('$0');
    expect(usd(-1234.6)).toBe('−$1,235');
    expect(usd(22675)).toBe('$22,675');
  });
});
