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
import { WORKSHEET_INPUT } from '../golden/golden';

const read = (name: string) => JSON.parse(readFileSync(join('docs', 'examples', name), 'utf8')) as PlanInput;
const usd = (s: string) => Number(s.replace(/[$,]/g, ''));

it("a ladder over the cap is told to keep N condors across its expiries, at the book's mean risk each", () => {
  const input = read('plan-ladder.json');
  const p = plan(input);
  const w = p.warnings.find((x) => x.includes('at risk, over'))!;
  const m =
    /^(\d+) condors with their hedges \([^)]*\) put (\$[\d,]+) at risk, over 2\.5% of capital \((\$[\d,]+)\): reduce to (\d+) condors across the ladder's expiries \(each counted at the book's mean, (\$[\d,]+) at risk with its hedges\)\.$/.exec(
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

it('says what the risk counts: the condor max loss, the hedge debit and the calendar beyond its debit', () => {
  const one = read('plan.json');
  const p = plan({ ...one, portfolio: { ...one.portfolio, capital: 200_000 } });
  const w = p.warnings.find((x) => x.includes('at risk, over'))!;
  const m =
    /^3 condors with their hedges \((\$[\d,]+) condor max loss, (\$[\d,]+) hedge debit(?:, (\$[\d,]+) the put calendar can lose beyond its debit)?\) put (\$[\d,]+) at risk/.exec(
      w,
    );
  expect(m, w).not.toBeNull();
  const [maxLoss, debit, beyond, used] = [usd(m![1]!), usd(m![2]!), usd(m![3] ?? '0'), usd(m![4]!)];
  expect(maxLoss).toBe(Math.round(p.condor.maxLoss));
  expect(beyond).toBe(Math.round(p.capital.hedgeRiskBeyondDebit)); // no calendar bought here: 0, not said
  // the total said is the sum of the parts said (each in whole dollars), within a dollar of the cap's
  expect(maxLoss + debit + beyond).toBe(used);
  expect(Math.abs(used - p.capital.used)).toBeLessThanOrEqual(1.5);
  // no hedges bought (a budget of 0): the condors' max loss alone, said as such
  const bare = plan({ ...one, portfolio: { ...one.portfolio, capital: 200_000, budget: 0 } });
  expect(bare.warnings.find((x) => x.includes('at risk, over'))).toMatch(/^3 condors put \$[\d,]+ at risk, over/);
});

it('says the cap as a percent of capital to the hundredth: a 1.25% policy is not read as 1.3%', () => {
  const one = read('plan.json');
  const p = plan({ ...one, portfolio: { ...one.portfolio, capital: 200_000 }, policy: { maxRiskPct: 0.0125 } });
  expect(p.warnings.filter((x) => x.includes('at risk, over'))).toEqual([
    '3 condors with their hedges ($26,479 condor max loss, $216 hedge debit) put $26,695 at risk, over 1.25% of capital ($2,500): reduce to 0 condors.',
  ]);
});

describe('orders that open condor legs over the cap', () => {
  const one = read('plan.json');
  const over = { ...one, portfolio: { ...one.portfolio, capital: 600_000 } };
  const ORDERS_OVER =
    "These orders open condor legs over the capital cap (its warning above): plan fewer condors and send that plan's orders, whose hedges are sized for them.";
  const CAP = /at risk, over 2\.5% of capital/;
  const opening = (p: ReturnType<typeof plan>) => p.warnings.filter((w) => w === ORDERS_OVER);

  it("are told so after the cap's own warning, and the audit says it", () => {
    const p = plan({ ...over, positions: [] });
    expect(p.capital.exceeds).toBe(true);
    expect(p.orders!.orders.some((o) => o.effect === 'open' && o.why.startsWith('condor '))).toBe(true);
    expect(opening(p)).toEqual([ORDERS_OVER]);
    expect(p.warnings.findIndex((w) => CAP.test(w))).toBeLessThan(p.warnings.indexOf(ORDERS_OVER));
    expect(p.audit.find((a) => a.rule === 'orders')!.effect).toMatch(/; they open condor legs over the capital cap$/);
    // within the cap: no such words
    const within = plan({ ...one, portfolio: { ...one.portfolio, capital: 10_000_000 }, positions: [] });
    expect(within.capital.exceeds).toBe(false);
    expect(opening(within)).toEqual([]);
    // more of a condor held: 2 of the 3 held, the third opened
    const held2 = plan(over).book.condor.map((l) => ({ ...l, quantity: (l.quantity / 3) * 2 }));
    expect(opening(plan({ ...over, positions: held2 }))).toEqual([ORDERS_OVER]);
  });

  it('a condor held over the cap, its hedges ordered, is not said to open condor legs', () => {
    const held = plan({ ...over, positions: plan(over).book.condor });
    expect(held.capital.exceeds).toBe(true);
    expect(held.orders!.orders.length).toBeGreaterThan(0);
    expect(opening(held)).toEqual([]);
    expect(held.warnings.some((w) => CAP.test(w))).toBe(true);
  });

  it("nor when the put calendar sells the condor's own short put contract, which the orders net into one row", () => {
    // 2021-11-19 with a 50-lot December condor: one calendar sells the 4150 put of 2021-12-17, the
    // condor's short put, so that order's why is "condor 2021-12-17 + overlay: spx-put-calendar"
    const input = {
      ...WORKSHEET_INPUT,
      portfolio: { capital: 5e6 },
      condor: {
        strikes: [4100, 4150, 5300, 5350] as [number, number, number, number],
        quantity: 50,
        expiry: '2021-12-17',
      },
      policy: { maxHedgeCostRate: 5, targetIrr: 0 },
    };
    const held = plan({ ...input, positions: plan(input).book.condor });
    expect(held.capital.exceeds).toBe(true);
    const shared = held.orders!.orders.find((o) => o.why.startsWith('condor ') && o.why.includes(' + overlay'));
    expect(shared).toMatchObject({ side: 'sell', effect: 'open', quantity: 1 });
    expect(opening(held)).toEqual([]);
    // the same plan from nothing held opens the condor
    expect(opening(plan({ ...input, positions: [] }))).toEqual([ORDERS_OVER]);
  });
});

it('says "its hedges" of one condor, and counts the VIX call diagonal at its debit alone', () => {
  const one = read('plan.json');
  const capital = { ...one.portfolio, capital: 100_000 };
  const single = plan({
    ...one,
    condor: { ...one.condor!, quantity: 1 },
    policy: { ...one.policy, maxHedgeCostRate: 1, targetIrr: 0 },
    portfolio: capital,
  });
  expect(single.warnings.find((x) => x.includes('at risk, over'))).toMatch(
    /^1 condor with its hedges \(\$8,826 condor max loss, \$[\d,]+ hedge debit\) put \$[\d,]+ at risk/,
  );
  const diagonal = plan({ ...one, policy: { ...one.policy, overlay: 'vix-call-diagonal' }, portfolio: capital });
  expect(diagonal.overlay.units).toBeGreaterThan(0);
  expect(diagonal.warnings.find((x) => x.includes('at risk, over'))).toBe(
    '3 condors with their hedges ($26,479 condor max loss, $394 hedge debit, the VIX call diagonal at its debit alone) put $26,873 at risk, over 2.5% of capital ($2,500): reduce to 0 condors.',
  );
});
