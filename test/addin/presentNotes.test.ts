/**
 * The sentences beside the plan's numbers (addin/src/common/presentRows.ts) say what the number is:
 * each one recomputed here from the plan's own fields, on a plan cut by its budget, a VIX-diagonal
 * overlay and a ladder.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plan, type Plan, type PlanInput } from '@alvh/shared';
import { presentPlan } from '../../addin/src/common/present';
import { formatValue } from '../../addin/src/common/views';
import { PLAN_INPUT } from '../helpers/fixtures';

function row(p: Plan, label: string) {
  const r = presentPlan(p).rows.find((x) => x.label === label);
  if (r === undefined) throw new Error(`no row ${label}`);
  return r;
}

describe('the plan rows explain the numbers beside them', () => {
  const p = plan(PLAN_INPUT);

  it('tail contracts: the budget’s count, the rule’s count under Required contracts', () => {
    expect(p.tail.cut).toBe(true);
    expect(row(p, 'Contracts').value).toBe(p.tail.contracts);
    expect(row(p, 'Contracts').note).toMatch(/tail budget buys of the required contracts/);
    const required = Math.ceil((p.policy.tailCoverage * p.scenario.condorLoss) / p.tail.gainPerContract - 1e-9);
    expect(row(p, 'Required contracts').value).toBe(required);
    expect(row(p, 'Required contracts').note).toBe(
      `ceil(${p.policy.tailCoverage} · scenario loss / gain per contract), before the budget`,
    );
  });

  it('vega match is the target share, the overlay cost is units × the unit cost shown', () => {
    expect(row(p, 'Vega match').note).toMatch(/^the target: .* before rounding and the budget$/);
    expect(row(p, 'Cost').value).toBeCloseTo(p.overlay.units * p.overlay.unitCost, 6);
    expect(row(p, 'Cost').note).toBe(`units · unit cost (${formatValue(p.overlay.unitCost, 'usd')} a unit)`);
    expect(row(p, 'Target vega').value).toBeCloseTo(p.split.vegaMatch * Math.abs(p.condor.markGreeks.vega), 9);
  });

  it('the stressed future names the shock’s κ, which reproduces it', () => {
    expect(row(p, 'Stressed future').note).toContain(`κ = ${p.policy.shockKappa} (policy shockKappa)`);
    const tau = (p.tail.daysToExpiry - p.policy.drawdownDays) / 365;
    const shocked = p.tail.future + (p.scenario.stressedVix - p.market.vix) * Math.exp(-p.policy.shockKappa * tau);
    expect(p.tail.stressedFuture).toBeCloseTo(shocked, 9);
  });

  it('an analog’s gain per contract is shown to the cent', () => {
    const a = p.analogs.find((x) => x.contracts !== null)!;
    const note = presentPlan(p).rows.find((r) => r.label.startsWith(a.date))!.note;
    expect(note).toContain(
      `/ gain $${a.gainPerContract.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} per contract`,
    );
  });

  it('the split reads as whole percents that add to 100 (38.5% / 61.5% read 39% / 62% before)', () => {
    const half: Plan = { ...p, split: { ...p.split, calendarShare: 0.385, tailShare: 0.615 } };
    const view = presentPlan(half);
    expect(view.tiles.find((t) => t.label === 'Split')!.value).toBe('39% / 61%');
    expect(view.headline).toContain('39% calendar / 61% tail');
  });

  it('an analog where the plan’s calls lose says what one loses, with its sign, not "coverage 0.00×"', () => {
    const a = p.analogs[0]!;
    const losing: Plan = {
      ...p,
      tail: { ...p.tail, contracts: 1 },
      analogs: [{ ...a, planCoverage: -0.00158, gainPerContract: -53.78 }],
    };
    const r = presentPlan(losing).rows.find((x) => x.section === 'Historical analogs')!;
    expect(r.note).toContain(
      "the plan's 1 contract loses money there (-$53.78 a contract: the calls end worth less than their premium)",
    );
    expect(r.note).toContain('gain -$53.78 per contract');
  });

  it('a VIX-diagonal overlay’s vega is per VIX point, its target the condor’s vega per vol point', () => {
    const d = plan({ ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, overlay: 'vix-call-diagonal' } });
    expect(d.overlay.vegaUnit).toBe('USD per VIX point');
    // the target is vega match × the condor's vega, a vol-point figure, matched per VIX point
    expect(row(d, 'Target vega').unit).toBe('per vol point');
    expect(row(d, 'Target vega').note).toMatch(/matches it per VIX point/);
    expect(row(d, 'Overlay vega').unit).toBe('per VIX point');
    expect(row(p, 'Target vega').unit).toBe('per vol point');
  });

  it('a ladder: the condor rows are the first’s, the loss and the overlay’s target the ladder’s', () => {
    const input = JSON.parse(
      readFileSync(new URL('../../docs/examples/plan-ladder.json', import.meta.url), 'utf8'),
    ) as PlanInput;
    const l = plan(input);
    expect(l.condors.length).toBeGreaterThan(1);
    expect(row(l, 'Condor loss').value).toBe(l.ladder.scenarioLoss);
    expect(row(l, 'Condor loss').note).toMatch(
      /^the ladder’s: each of the \d+ condors .* at most its own max loss, summed$/,
    );
    expect(row(l, 'Net vega').value).toBe(l.condor.markGreeks.vega);
    expect(row(l, 'Net vega').note).toMatch(/the first condor’s \(the overlay offsets the ladder’s, below\)/);
    expect(l.overlay.targetVega).toBeCloseTo(l.split.vegaMatch * Math.abs(l.ladder.markGreeks.vega), 9);
    expect(row(l, 'Target vega').note).toContain('the ladder’s, on the surface');
  });
});

describe('a broken-wing condor', () => {
  it('shows the side without a break-even in words, not a blank or a number', () => {
    // the call wing 5 points wide under a 10-point credit: above 7100 the P&L stays at +5
    const p = plan({ ...PLAN_INPUT, condor: { ...PLAN_INPUT.condor, strikes: [5700, 5800, 7100, 7105], credit: 10 } });
    expect(p.condor.breakEvens).toEqual({ lower: 5790, upper: null });
    expect(row(p, 'Break-even low').value).toBe(5790);
    expect(row(p, 'Break-even high').value).toBe('none: the credit exceeds the call wing, so this side cannot lose');
  });
});
