import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_2018_12_24, PLAN_INPUT } from '../../helpers/fixtures';

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

describe('the vix-call row against the literal rule on the same call', () => {
  // 2018-12-24: 1.8 × $12,795 over a gain of $1,152.19 before the fee is 19.99 calls (20), after
  // the $0.65 fee 20.0004 (21): the gap sentence gives both counts and why they differ
  const day: PlanInput = PLAN_2018_12_24;
  const vixCall = (p: ReturnType<typeof plan>) => p.structures.structures.find((r) => r.structure === 'vix-call')!;

  it('where the fee tips the ceiling, the summary says the row asks for one more and why', () => {
    const p = plan(day);
    expect(p.tail.requiredContracts).toBe(20);
    expect(vixCall(p).size?.units).toBe(21);
    expect(vixCall(p).legs[0]).toMatchObject({ strike: p.tail.strike, expiry: p.tail.expiry });
    expect(p.structures.summary).toContain(
      'asks for 20 VIX calls costing $6,643 before fees (the vix-call row asks for 21: it sizes on the gain after the $0.65 fee a contract);',
    );
  });

  it('without the fee the counts agree and the summary says nothing of it', () => {
    const p = plan({ ...day, policy: { transactionCostPerContract: 0 } });
    expect(vixCall(p).size?.units).toBe(p.tail.requiredContracts);
    expect(p.structures.summary).not.toContain('vix-call row');
  });
});
