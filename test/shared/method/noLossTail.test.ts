import { expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { plan, type PlanInput } from '@alvh/shared';
import { realDayInput } from './realDays';

describeWithData('a book that loses nothing in the drawdown scenario', () => {
  // 2019-06-14 with a 1% drawdown and no VIX stress: the condor loses $0, and the tail call (the
  // future unmoved) would lose its decay. The rule asks for 0 calls: nothing to cover, not a hedge
  // that cannot cover.
  const input: PlanInput = { ...realDayInput('2019-06-14').input, policy: { drawdown: 0.01, stressVixPerPct: 0 } };
  const p = plan(input);

  it('asks for no calls, without a no-solution or a "raise the stressed VIX" warning', () => {
    expect(p.scenario.condorLoss).toBe(0);
    expect(p.tail.gainPerContract).toBeLessThan(0);
    expect(p.tail).toMatchObject({ requiredContracts: 0, contracts: 0, cost: 0 });
    expect(p.tail.noSolution).toBeUndefined();
    expect(p.warnings.join('\n')).not.toMatch(/cannot cover|gains nothing|raise the stressed VIX/);
  });

  it('says why in the warnings and the audit', () => {
    expect(p.warnings.at(-1)).toBe(
      'The literal rule (1.8× the $0 drawdown loss) asks for no VIX calls. The book loses nothing in the drawdown scenario: there is no loss to cover.',
    );
    expect(p.structures.summary).toBe(p.warnings.at(-1));
    expect(p.audit.find((a) => a.rule === 'tail.contracts')?.effect).toBe(
      'no contracts: the book loses nothing in the drawdown scenario',
    );
  });

  it('sizes every compared structure at 0 units: none "cannot cover" a loss of 0', () => {
    for (const s of p.structures.structures) {
      expect(s.size, s.structure).toMatchObject({ units: 0, requiredUnits: 0, cost: 0 });
      expect(s.noSolution, s.structure).toBeUndefined();
    }
    expect(p.audit.find((a) => a.rule === 'structures.compare')?.effect).not.toMatch(/cannot cover/);
  });
});
