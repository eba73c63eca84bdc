/**
 * The arithmetic an audit entry writes holds as written: the budget's parts add to the budget in
 * cents, the overlay's round(target / unit) gives the units it states, the tail's ceil(coverage ×
 * loss / gain) the contracts, in grouped dollars; its words say whose vega (a ladder's is the
 * condors' net) and in which unit the target and the match are, and every number has its unit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../docs/examples/${name}.json`, import.meta.url), 'utf8')) as PlanInput;
const effect = (p: ReturnType<typeof plan>, rule: string) => p.audit.find((a) => a.rule === rule)!.effect;
const cents = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);

describe('the audit writes arithmetic that holds', () => {
  const inputs: [string, PlanInput][] = [
    ['plan.json', example('plan')],
    ['plan-ladder.json', example('plan-ladder')],
    ['the fixture', PLAN_INPUT as PlanInput],
    [
      'the fixture, VIX-call diagonal',
      { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, overlay: 'vix-call-diagonal' } },
    ],
  ];

  it.each(inputs)('%s: the budget’s calendar and tail parts add to the budget, to the cent', (_name, input) => {
    const m = /^budget (\$[\d,.]+) \(binding: [^)]+\): calendar (\$[\d,.]+), tail (\$[\d,.]+)$/.exec(
      effect(plan(input), 'budget'),
    );
    expect(m).not.toBeNull();
    expect(cents(m![2]!) + cents(m![3]!)).toBe(cents(m![1]!));
  });

  it.each(inputs)('%s: round(target / unit vega) is the units the overlay states', (_name, input) => {
    const p = plan(input);
    const m = /round\(([\d.]+) \/ ([\d.]+) USD per (?:SPX vol|VIX) point a unit\) = (\d+) units?/.exec(
      effect(p, 'overlay.size'),
    );
    expect(m).not.toBeNull();
    expect(Math.round(Number(m![1]) / Number(m![2]))).toBe(Number(m![3]));
  });

  it.each(inputs)('%s: ceil(coverage × loss / gain) is the contracts, in grouped dollars', (_name, input) => {
    const p = plan(input);
    const m = /^ceil\(([\d.]+) × (\$[\d,]+) loss \/ (\$[\d,]+\.\d\d) gain per contract\) = (\d+) VIX /.exec(
      effect(p, 'tail.contracts'),
    );
    expect(m).not.toBeNull();
    expect(m![2]).toBe(`$${Math.round(p.scenario.condorLoss).toLocaleString('en-US')}`);
    expect(m![3]).toBe(
      `$${p.tail.gainPerContract.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(Number(m![4])).toBe(p.tail.requiredContracts);
    expect(Math.ceil((Number(m![1]) * cents(m![2]!)) / cents(m![3]!))).toBe(p.tail.requiredContracts);
  });

  it.each(inputs)('%s: every number carries its unit: θ in points, the credit per share', (_name, input) => {
    const p = plan(input);
    expect(effect(p, 'curve.fit')).toMatch(/, θ = [\d.]+ pts \(/);
    expect(effect(p, 'condor.step1')).toMatch(/(^|: )credit [\d.]+ per share \(/);
  });

  it('a ladder’s target is the condors’ net vega; a diagonal’s is matched per VIX point', () => {
    expect(effect(plan(example('plan-ladder')), 'overlay.size')).toMatch(
      /^target 0\.5 × \|-[\d.]+\| \(the condors' net vega on the surface, USD per SPX vol point\)/,
    );
    const d = plan(inputs[3]![1]);
    expect(effect(d, 'overlay.size')).toMatch(
      /USD per SPX vol point\) = [\d.]+, matched in USD per VIX point \(the method counts a VIX point as a vol point\)/,
    );
    // a cut diagonal's warning names the diagonal, not a calendar
    expect(d.warnings.some((w) => w.startsWith('The vix-call-diagonal overlay needs'))).toBe(true);
  });
});
