/**
 * A condor the positions hold since an earlier day (a campaign or a last rebalance carried),
 * planned without its credit, is priced at today's marks: the plan
 * says its credit, max profit, return on risk and IRR budget are then not the trade's, and asks
 * for the credit received at entry. A condor given its credit, not held, or held on its entry's day
 * (nothing carried), gets no such word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT, PLAN_POSITIONS_LAST_REBALANCE } from '../../helpers/fixtures';

const held = plan(PLAN_INPUT).book.condor.map((l) => ({ ...l, quantity: Math.trunc(l.quantity) }));
const campaign = { budget: 1_000, paid: { overlay: 0, tail: 0 } };
const said = (r: ReturnType<typeof plan>): string[] =>
  r.warnings.filter((w) => w.includes(' is held since an earlier day'));
const { vol: _flat, ...onSurface } = PLAN_INPUT.condor;

describe('a condor held without its credit', () => {
  it('priced at one given vol: says so and asks for condor.credit', () => {
    const r = plan({ ...PLAN_INPUT, positions: held, campaign });
    expect(r.condor.creditSource).toBe('priced from one vol');
    expect(said(r)).toEqual([
      'The condor is held since an earlier day (positions, with a campaign) but its credit is not given: its credit of 10 per share is priced from one vol today, not what it was sold for, and its max profit, return on risk and IRR budget stand on it. Pass condor.credit, the credit received at entry per share (in ALVH.PLAN, the credit row), for the figures of the trade held.',
    ]);
  });

  it('priced on the surface: its credit is what closing it costs', () => {
    const r = plan({
      ...PLAN_INPUT,
      condor: onSurface,
      positions: held,
      lastRebalance: PLAN_POSITIONS_LAST_REBALANCE,
    });
    expect(r.condor.creditSource).toBe('priced from the surface');
    const [w] = said(r);
    expect(w).toMatch(/^The condor is held since an earlier day \(positions, with a last rebalance\) but/);
    expect(w).toContain(
      `its credit of ${Number(r.condor.credit.toFixed(2))} per share is priced from the surface today (what closing it costs), not what it was sold for`,
    );
    // the credit is the surface's price of the condor, which is what buying it back costs
    expect(r.condor.credit * 100 * PLAN_INPUT.condor.quantity).toBeCloseTo(-r.condor.markValue, 6);
  });

  it('is quiet with the credit given, without the condor held, on the entry day, or without positions', () => {
    const given = { ...PLAN_INPUT.condor, credit: 4.1 };
    expect(said(plan({ ...PLAN_INPUT, condor: given, positions: held, campaign }))).toEqual([]);
    expect(said(plan({ ...PLAN_INPUT, positions: held.slice(0, 3), campaign }))).toEqual([]);
    expect(said(plan({ ...PLAN_INPUT, positions: [], campaign }))).toEqual([]);
    // held with nothing carried: the entry's own day, the condor just sold near today's marks
    expect(said(plan({ ...PLAN_INPUT, positions: held }))).toEqual([]);
    expect(said(plan(PLAN_INPUT))).toEqual([]);
  });
});

describe('a condor held in part, or a ladder held', () => {
  it('held in part (3 of 10) is a resize: no held-credit word, and the roll gives no buy-back of 10', () => {
    const part = held.map((l) => ({ ...l, quantity: Math.sign(l.quantity) * 3 }));
    const r = plan({ ...PLAN_INPUT, positions: part, campaign });
    expect(said(r)).toEqual([]);
    const sd = r.warnings.find((w) => w.startsWith("The held condor's short strikes"))!;
    expect(sd).toContain('roll the condor held');
    expect(sd).not.toContain('buying back');
    // the whole condor held: the buy-back is given
    const whole = plan({ ...PLAN_INPUT, positions: held, campaign });
    expect(whole.warnings.find((w) => w.startsWith("The held condor's short strikes"))).toContain(
      'buying back the condor held costs $6,508',
    );
  });

  it('names each ladder condor by its field and its ALVH.PLAN row', () => {
    const ladder = JSON.parse(readFileSync(join('docs', 'examples', 'plan-ladder.json'), 'utf8')) as PlanInput;
    const legs = plan(ladder).book.condor.map((l) => ({ ...l, quantity: Math.trunc(l.quantity) }));
    const condors = ladder.condors!.map(({ credit: _c, ...c }) => c);
    const r = plan({ ...ladder, condors, positions: legs, campaign });
    const w = said(r);
    expect(w).toHaveLength(3);
    expect(w[0]).toMatch(
      /^condors\[0\] \(2026-12-21\): The condor is held since an earlier day .* Pass condors\[0\]\.credit, .*\(in ALVH\.PLAN, the credit row\)/,
    );
    expect(w[1]).toMatch(
      /^condors\[1\] \(2027-01-04\): The condor is held .* Pass condors\[1\]\.credit, .*\(in ALVH\.PLAN, the condor2Credit row\)/,
    );
    expect(w[2]).toContain('(in ALVH.PLAN, the condor3Credit row)');
  });
});
