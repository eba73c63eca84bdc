/**
 * The capital cap's warning says what its count assumed: for a ladder, the condors to keep are of
 * any expiries, each counted at the book's mean risk with its hedges (which to cut is the trader's
 * choice); for one condor, only the count. The figures are the cap's own: the mean times the
 * condors is the risk stated, and the count kept fits the limit at that mean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';

const read = (name: string) => JSON.parse(readFileSync(join('docs', 'examples', name), 'utf8')) as PlanInput;
const usd = (s: string) => Number(s.replace(/[$,]/g, ''));

it("a ladder over the cap is told to keep N condors across its expiries, at the book's mean risk each", () => {
  const input = read('plan-ladder.json');
  const p = plan(input);
  const w = p.warnings.find((x) => x.includes('at risk, over'))!;
  const m =
    /^(\d+) condors put (\$[\d,]+) at risk, over 2\.5% of capital \((\$[\d,]+)\): reduce to (\d+) condors across the ladder's expiries \(each counted at the book's mean, (\$[\d,]+) at risk with its hedges\)\.$/.exec(
      w,
    );
  expect(m, w).not.toBeNull();
  const [n, used, limit, keep, each] = [Number(m![1]), usd(m![2]!), usd(m![3]!), Number(m![4]), usd(m![5]!)];
  expect(n).toBe(input.condors!.reduce((s, c) => s + c.quantity, 0));
  expect(Math.abs(each * n - used)).toBeLessThanOrEqual(n); // rounded to dollars
  expect(keep).toBe(p.capital.maxQuantity);
  expect(keep * each).toBeLessThanOrEqual(limit);
  expect((keep + 1) * each).toBeGreaterThan(limit);
});

it('one condor over the cap is told the count alone', () => {
  const one = read('plan.json');
  const p = plan({ ...one, portfolio: { ...one.portfolio, capital: 200_000 } });
  const w = p.warnings.find((x) => x.includes('at risk, over'));
  expect(w).toMatch(/: reduce to \d+ condors?\.$/);
});

describe('orders that open condor legs over the cap', () => {
  const one = read('plan.json');
  const over = { ...one, portfolio: { ...one.portfolio, capital: 600_000 } };
  const ORDERS_OVER = /^These orders open condor legs beyond the capital cap: /;

  it('are told so, with the risk, the limit and the count to plan for a ticket within it', () => {
    const p = plan({ ...over, positions: [] });
    expect(p.capital.exceeds).toBe(true);
    expect(p.orders!.orders.some((o) => o.effect === 'open' && o.why.startsWith('condor '))).toBe(true);
    const fmt = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
    const n = p.capital.maxQuantity;
    expect(n).toBeGreaterThan(0);
    expect(p.warnings.filter((w) => ORDERS_OVER.test(w))).toEqual([
      `These orders open condor legs beyond the capital cap: the plan's condors put ${fmt(p.capital.used)} at risk where ${fmt(p.capital.limit)} is allowed. To open within it, plan ${n} condor${n === 1 ? '' : 's'} in all (the condor's quantity) and send that plan's orders, sized for them.`,
    ]);
    expect(p.audit.find((a) => a.rule === 'orders')!.effect).toMatch(
      new RegExp(`; they open condor legs beyond the capital cap \\(${n} condors? fits?\\)$`),
    );
    // the count it names gives a plan within the cap, whose orders are not warned of
    const within = plan({ ...over, condor: { ...over.condor!, quantity: n }, positions: [] });
    expect(within.capital.exceeds).toBe(false);
    expect(within.warnings.some((w) => ORDERS_OVER.test(w))).toBe(false);
  });

  it('no condor fitting is said as such; a condor held over the cap, its hedges ordered, is not warned of opening', () => {
    const none = plan({ ...over, portfolio: { ...over.portfolio, capital: 1_000 }, positions: [] });
    expect(none.capital.maxQuantity).toBe(0);
    expect(none.warnings.find((w) => ORDERS_OVER.test(w))).toMatch(
      /To open within it, no condor fits: raise portfolio\.capital or policy\.maxRiskPct, or do not open it\.$/,
    );
    const held = plan({ ...over, positions: plan(over).book.condor });
    expect(held.capital.exceeds).toBe(true);
    expect(held.orders!.orders.every((o) => !(o.effect === 'open' && o.why.startsWith('condor ')))).toBe(true);
    expect(held.warnings.some((w) => ORDERS_OVER.test(w))).toBe(false);
    expect(held.warnings.some((w) => /at risk, over 2\.5% of capital/.test(w))).toBe(true);
  });
});
