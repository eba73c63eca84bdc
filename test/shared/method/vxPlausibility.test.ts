/**
 * A VX future the schema accepts (1 to 500 points) but no settlement has shown: from 5 to under 9 it
 * is warned of, as a VIX below 9 is; under 5 it is refused in every host, as ALVH.PLAN refuses it
 * (22.7497 typed as 2.27497 read the regime, the split and the tail's strike off a price a tenth of
 * the real one), and so is a VIX under 5, before the curve's ratio check blames the futures for it.
 * The lowest settlement of the VX1..VX8 history is 9.875, so neither fires on a real day's curve.
 */
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { describeWithData } from '../../helpers/marketData';
import { readVxHistory } from '../market/vxHistory';

const LOW = /below 9, under any settlement in its history/;

/** PLAN_INPUT with the futures' prices replaced. */
function withPrices(...prices: number[]): PlanInput {
  const futures = PLAN_INPUT.market.futures.map((f, i) => ({ ...f, price: prices[i] ?? f.price }));
  return { ...PLAN_INPUT, market: { ...PLAN_INPUT.market, futures } };
}

describe('plan: a VX future below its record low', () => {
  it('is warned of, naming the first such future, how many more, and the field to check', () => {
    const one = plan(withPrices(18.4, 8.93));
    expect(one.warnings.filter((w) => LOW.test(w))).toEqual([
      'VX future 8.93 (2027-01-20) is below 9, under any settlement in its history (the lowest: 9.875 in 2017): check market.futures are in index points.',
    ]);
    const three = plan(withPrices(8.9, 5, 8.99));
    expect(three.warnings.filter((w) => LOW.test(w))).toEqual([
      'VX futures 8.9 (2026-12-16) and 2 more are below 9, under any settlement in its history (the lowest: 9.875 in 2017): check market.futures are in index points.',
    ]);
  });

  it('under 5 is refused naming the future, and a VIX under 5 naming market.vix, not the futures', () => {
    const refusal = (input: PlanInput): string => errorOf(() => plan(input)).message;
    expect(refusal(withPrices(18.4, 1.93))).toBe(
      'market.futures[1].price: is 1.93: VX futures have never settled below 9.875; pass the price in index points, e.g. 22.75',
    );
    // the ratio check said "market.futures[0].price: is 18.4, 6.1× the VIX spot 3 …"
    expect(refusal({ ...PLAN_INPUT, market: { ...PLAN_INPUT.market, vix: 3 } })).toBe(
      'market.vix: is 3: VIX has never closed below 9; pass VIX in index points (18.5)',
    );
    const last = {
      date: '2026-11-13',
      vix: 4.2,
      futures: [
        { expiry: '2026-11-18', price: 19 },
        { expiry: '2026-12-16', price: 19.5 },
      ],
    };
    expect(refusal({ ...PLAN_INPUT, lastRebalance: last })).toBe(
      'lastRebalance.vix: is 4.2: VIX has never closed below 9; pass VIX in index points (18.5)',
    );
    expect(() => plan(withPrices(5, 5))).not.toThrow();
  });

  it('is silent on a curve from 9 up', () => {
    expect(plan(PLAN_INPUT).warnings.some((w) => LOW.test(w))).toBe(false);
    expect(plan(withPrices(9, 9.5)).warnings.some((w) => LOW.test(w))).toBe(false);
  });
});

describeWithData('the VX settlement history against the bound', () => {
  it('no VX1..VX8 settlement of 2007-2021 is below 9.875, the lowest (VX1 on 2017-12-18)', () => {
    let lowest = { price: Infinity, date: '' };
    for (const row of readVxHistory())
      for (const price of row.vx) if (price < lowest.price) lowest = { price, date: row.date };
    expect(lowest).toEqual({ price: 9.875, date: '2017-12-18' });
  });
});
