/**
 * The plan table's figures as the page shows them: shares of one whole (the calendar's and the
 * tail's of the hedge budget) read as adding up to 100.0%, and the short strikes' distances with
 * the same number of decimals beside each other.
 */
import { describe, expect, it } from 'vitest';
import { plan, type Plan } from '@alvh/shared';
import { presentPlan } from '../../addin/src/common/present';
import type { PlanRow } from '../../addin/src/common/views';
import { planRowTexts } from '../../addin/src/taskpane/planRowText';
import { PLAN_INPUT } from '../helpers/fixtures';

const share = (label: string, value: number): PlanRow => ({
  section: 'Budget split',
  label,
  value,
  format: 'pct',
  note: '',
});

/** The texts of the rows labelled `labels`, of a plan with `edit` made to it. */
function shown(edit: (p: Plan) => void, labels: string[]): string[] {
  const p = plan(PLAN_INPUT);
  edit(p);
  const rows = presentPlan(p, 'taskpane').rows;
  const texts = planRowTexts(rows);
  return labels.map((l) => texts[rows.findIndex((r) => r.label === l)] ?? `no row ${l}`);
}

describe('the plan table as the page shows it', () => {
  it('shows the calendar and tail shares adding up to 100.0%, each rounded half up no more', () => {
    expect(
      planRowTexts([share('Calendar share', 0.4075), share('Tail share', 0.5925), share('Vega match', 0.5)]),
    ).toEqual(['40.8%', '59.2%', '50.0%']);
    for (let k = 0; k <= 1000; k++) {
      const calendar = k / 1000 + 0.0005;
      const [a, b] = planRowTexts([share('Calendar share', calendar), share('Tail share', 1 - calendar)]);
      expect(Number.parseFloat(a!) + Number.parseFloat(b!), `${calendar}`).toBeCloseTo(100, 9);
      expect(Math.abs(Number.parseFloat(b!) - 100 * (1 - calendar)), `${calendar}`).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    // the plan's own split, through the page's rows
    const [cal, tail] = shown(
      (p) => Object.assign(p.split, { calendarShare: 0.4075, tailShare: 0.5925 }),
      ['Calendar share', 'Tail share'],
    );
    expect([cal, tail]).toEqual(['40.8%', '59.2%']);
  });

  it('shows the short put and short call distances to two decimals each', () => {
    expect(
      shown(
        (p) => Object.assign(p.condor, { zPut: 1.524, zCall: 1.1687 }),
        ['Short put distance', 'Short call distance'],
      ),
    ).toEqual(['1.52', '1.17']);
    expect(
      shown((p) => Object.assign(p.condor, { zPut: 2, zCall: 1.5 }), ['Short put distance', 'Short call distance']),
    ).toEqual(['2.00', '1.50']);
  });

  it('shows a dollar figure under $100 with its cents, and whole dollars from $100', () => {
    const usd = (label: string, value: number, unit?: string): PlanRow => ({
      section: 'Calendar overlay',
      label,
      value,
      format: 'usd',
      ...(unit === undefined ? {} : { unit }),
      note: '',
    });
    expect(
      planRowTexts([
        usd('Theta per day', -0.3, 'per day'),
        usd('Theta per day', 3.314, 'per day'),
        usd('Cost', 99.994),
        usd('Cost', -0.004),
        usd('Cost', 100.4),
        usd('Gain per contract', 1012.46, 'per contract'),
      ]),
    ).toEqual(['-$0.30 per day', '$3.31 per day', '$99.99', '$0.00', '$100', '$1,012 per contract']);
    // the plan's own tail theta, through the page's rows
    const [theta] = shown((p) => Object.assign(p.overlay, { theta: 0.3 }), ['Theta per day']);
    expect(theta).toBe('$0.30 per day');
  });
});
