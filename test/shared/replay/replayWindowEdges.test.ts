/**
 * The capital refusal's two figures (the cap and the least risk of one condor) never read the same.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd, isBusinessDay, replay, toIsoDate } from '@alvh/shared';
import type { MarketRow } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

/** Market days from `from` to `to`, both included, with a fixed SPX, VIX and contango VX curve. */
function flatRows(from: string, to: string): MarketRow[] {
  const rows: MarketRow[] = [];
  for (let d = dayFromYmd(...(from.split('-').map(Number) as [number, number, number])); toIsoDate(d) <= to; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    rows.push({ date: toIsoDate(d), spx: 4000, vix: 15, vvix: 90, vx: [16, 17, 17.8, 18.4, 18.9, 19.3, 19.6, 19.8] });
  }
  return rows;
}

describe('the capital refusal', () => {
  const rows = flatRows('2021-01-04', '2021-03-31');
  const refusal = (capital: number) => errorOf(() => replay({ rows, assumptions: { capital } })).message;
  const figures = (m: string) => {
    const cap = /of it, (\$[\d,.]+)\) fits no condor/.exec(m)?.[1];
    const risk = /one condor risks at least (\$[\d,.]+) \(/.exec(m)?.[1];
    return { cap, risk };
  };

  it('prints cents when the cap and the least risk round to the same dollar, whole dollars otherwise', () => {
    const least = Number(/capital of at least \$([\d,]+)/.exec(refusal(1000))![1]!.replaceAll(',', ''));
    // one dollar short of the least capital: a cap within 2.5 cents of the risk
    const near = figures(refusal(least - 1));
    expect(near.cap).toBe(
      `$${((least - 1) * 0.025).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(near.risk).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(near.cap).not.toBe(near.risk);
    const far = figures(refusal(1000));
    expect(far).toEqual({ cap: '$25', risk: expect.stringMatching(/^\$\d,\d{3}$/) as unknown });
  });
});
