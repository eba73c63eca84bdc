/**
 * A condor that settles on the day the next one opens: the tail calls the new campaign buys again
 * are carried over from the settled one at mid (replayBook.ts), not sold and bought back. With
 * vixHalfSpread 0.20 the round trip paid two half-spreads and two costs per contract, and the
 * premium bought back counted again as hedge premium paid.
 */
import { beforeAll, expect, it } from 'vitest';
import { replay, type ReplayResult } from '@alvh/shared';
import { aug2024Rows, describeWithData } from '../../helpers/marketData';

describeWithData('hedge legs carried over from a settled condor to the next (2018, real data)', () => {
  let r: ReplayResult;
  beforeAll(() => {
    const rows = aug2024Rows();
    r = replay({ rows, assumptions: { vixHalfSpread: 0.2, includeLedger: true } });
  });

  it('2024-08-16: of the 4 VIX C19 2024-10-16 the new condor buys, the 2 the settled one holds are carried over', () => {
    const [settled, next] = r.campaigns;
    expect(settled?.sizings.at(-1)).toMatchObject({ date: '2024-08-15', tailContracts: 2, tailStrike: 19 });
    expect(next?.sizings[0]).toMatchObject({ date: '2024-08-16', tailContracts: 4, tailStrike: 19 });
    const day = r.ledger.find((x) => x.date === '2024-08-16');
    expect(day?.events[0]).toMatch(/^settle condor 2024-08-16/);
    // the condor's 40 contracts at $0.65, and 2 calls bought at 0.20 of half-spread and $0.65 each
    // (selling the 2 and buying back 4 paid 6 half-spreads and 6 costs: $149.90)
    expect(day?.costs).toBeCloseTo(40 * 0.65 + 2 * (0.2 * 100 + 0.65), 9);
  });

  it('the campaigns still add up to the total: hedge premium paid, costs in the P&L', () => {
    const sum = (k: 'hedgeCost' | 'alvhPnl' | 'tailPnl') => r.campaigns.reduce((s, c) => s + c[k], 0);
    expect(sum('hedgeCost')).toBeCloseTo(r.total.hedgeCost, 6);
    expect(sum('tailPnl')).toBeCloseTo(r.total.tailPnl, 6);
    expect(sum('alvhPnl')).toBeCloseTo(r.total.alvhPnl, 6);
  });
});
