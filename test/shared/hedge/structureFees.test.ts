import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

const withFee = (fee: number): PlanInput => ({
  ...PLAN_INPUT,
  policy: { ...PLAN_INPUT.policy, transactionCostPerContract: fee },
});

describe('transaction costs: every structure pays them, the plan’s budget counts premiums and says so', () => {
  const free = plan(withFee(0));
  const paid = plan(withFee(5));
  const row = (p: typeof free, name: string) => p.structures.structures.find((r) => r.structure === name)!;

  it('each option structure’s cost and gain carry the fee of each contract it opens, as the vx-future’s do', () => {
    for (const name of ['vix-call', 'vix-call-spread', 'vix-call-ladder', 'spx-put-spread']) {
      const a = row(free, name);
      const b = row(paid, name);
      const contracts = b.legs.reduce((n, l) => n + Math.abs(l.quantity), 0);
      expect(a.fees, name).toBe(0);
      expect(b.fees, name).toBe(5 * contracts);
      expect(b.premium, name).toBeCloseTo(a.premium + 5 * contracts, 9);
      expect(b.gain, name).toBeCloseTo(a.gain - 5 * contracts, 9);
      for (const [k, g] of b.analogs.entries()) expect(g.gain).toBeCloseTo(a.analogs[k]!.gain - 5 * contracts, 9);
    }
    // the vx-future: a round trip of each contract held (here one, held to the condor's expiry)
    expect(row(paid, 'vx-future').fees).toBe(2 * 5);
    expect(row(paid, 'vx-future').gain).toBeCloseTo(row(free, 'vx-future').gain - 10, 9);
  });

  it('the plan’s debit and budget are premiums at model mids; its transaction costs are reported beside them', () => {
    expect(paid.budget.netHedgeDebit).toBe(free.budget.netHedgeDebit);
    expect(paid.tail.contracts).toBe(free.tail.contracts);
    const contracts = [...paid.overlay.legs, ...paid.tail.legs].reduce((n, l) => n + Math.abs(l.quantity), 0);
    expect(contracts).toBeGreaterThan(0);
    expect(paid.budget.transactionCosts).toBe(5 * contracts);
    expect(free.budget.transactionCosts).toBe(0);
    const said = paid.audit.find((a) => a.rule === 'budget.result')!.effect;
    expect(said).toContain(
      `$${(5 * contracts).toFixed(2)} of transaction costs for ${contracts} contracts on top, not counted against the budget`,
    );
  });
});
