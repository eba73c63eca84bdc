/**
 * The capital cap's warning says what its count assumed: for a ladder, the condors to keep are of
 * any expiries, each counted at the book's mean risk with its hedges (which to cut is the trader's
 * choice); for one condor, only the count. The figures are the cap's own: the mean times the
 * condors is the risk stated, and the count kept fits the limit at that mean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
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
