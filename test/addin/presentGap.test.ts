import { describe, expect, it } from 'vitest';
import { frontier, plan } from '@alvh/shared';
import { presentPlan } from '../../addin/src/common/present';
import { PLAN_INPUT } from '../helpers/fixtures';

describe('the plan view states the gap in words', () => {
  const p = plan(PLAN_INPUT);

  it('without a frontier: the literal rule’s cost, what the budget buys, the cheapest way to half the loss', () => {
    const view = presentPlan(p);
    expect(view.gap).toBe(p.structures.summary);
    expect(view.gap).toMatch(
      /^The literal rule \(1\.8× the \$[\d,]+ drawdown loss\) asks for \d+ VIX calls costing \$[\d,]+/,
    );
    expect(view.gap).toMatch(/Covering 50% of the \$[\d,]+ drawdown loss costs \$[\d,]+ with /);
  });

  it('with the frontier of the same input: where the plan sits on it', () => {
    const f = frontier({ plan: PLAN_INPUT, paths: 1000, seed: 3 });
    const view = presentPlan(p, 'taskpane', f);
    expect(view.gap?.startsWith(p.structures.summary)).toBe(true);
    expect(view.gap).toContain('On the budget frontier (1,000 real-world paths, seed 3');
    expect(view.gap).toContain(`$${Math.round(f.plan.cvar95Down).toLocaleString('en-US')} against`);
  });
});
