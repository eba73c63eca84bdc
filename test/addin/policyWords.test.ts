/**
 * A plan's words name a policy field by its JSON path (`policy.defaultVolOfVol`), as the API takes
 * it; ALVH.PLAN names it as its inputs row, the taskpane as its Policy box is labelled.
 */
import { describe, expect, it } from 'vitest';
import { plan, POLICY_FIELDS, type PlanInput } from '@alvh/shared';
import { presentPlan } from '../../addin/src/common/present';
import { policyBoxNames, policyLabel, POLICY_SHOWN, policyRowNames } from '../../addin/src/common/policyWords';
import { PLAN_INPUT } from '../helpers/fixtures';
import { paneText } from '../../addin/src/taskpane/form';

describe('policy fields in the words of each room', () => {
  it('the taskpane names a field by its box label, Excel by its row, other text stays', () => {
    const text = 'at 0.9 (policy.defaultVolOfVol); raise policy.vegaMatch; signals.policy.x and policy.nope stay';
    expect(policyBoxNames(text)).toBe(
      'at 0.9 (Policy "Default vol of vol"); raise Policy "Vega match"; signals.policy.x and policy.nope stay',
    );
    expect(policyRowNames(text)).toBe(
      'at 0.9 (defaultVolOfVol); raise vegaMatch; signals.policy.x and policy.nope stay',
    );
  });

  it('a field the taskpane has no box for keeps its path there', () => {
    const hidden = POLICY_FIELDS.filter((f) => !POLICY_SHOWN.includes(f));
    expect(hidden).toContain('splitKnots');
    expect(policyBoxNames('policy.splitKnots')).toBe('policy.splitKnots');
    expect(policyRowNames('policy.splitKnots')).toBe('splitKnots');
  });

  it('labels read as words, acronyms in capitals', () => {
    expect(policyLabel('targetIrr')).toBe('Target IRR');
    expect(policyLabel('spxVixCorrelation')).toBe('SPX VIX correlation');
    expect(policyLabel('tailOtmPct')).toBe('Tail OTM %');
  });

  it("a plan's warning without VVIX reads as the taskpane's box and as Excel's row", () => {
    const market: Partial<PlanInput['market']> = { ...PLAN_INPUT.market };
    delete market.vvix;
    const p = plan({ ...PLAN_INPUT, market: market as PlanInput['market'] });
    const raw = p.warnings.find((w) => w.includes('(policy.defaultVolOfVol 1.2 × 100)'));
    expect(raw).toBeDefined();
    const pane = presentPlan(p, 'taskpane').warnings;
    const excel = presentPlan(p, 'excel').warnings;
    expect(pane).toContain(raw?.replace('(policy.defaultVolOfVol ', '(Policy "Default vol of vol" '));
    expect(excel).toContain(raw?.replace('(policy.defaultVolOfVol ', '(defaultVolOfVol '));
    expect(pane.concat(excel).some((w) => w.includes('policy.'))).toBe(false);
  });
});

describe("the taskpane's words for the package's messages", () => {
  it('name the curve as the page shows it, and a policy field by its box', () => {
    expect(paneText('add the VX future of 2027-04-21 to market.futures; raise policy.vegaMatch')).toBe(
      'add the VX future of 2027-04-21 to the VX curve; raise Policy "Vega match"',
    );
    // a path into the curve stays for the issue's own target (the row and cell it marks)
    expect(paneText('market.futures[2].price')).toBe('market.futures[2].price');
    // the VIX chain, a box of the Surface tab
    expect(paneText('pass the VIX options as market.vixChain')).toBe('pass the VIX options as the VIX chain box');
    // the SPX chain, fitted on the Surface tab
    expect(paneText("give the day's SPX chain (market.chain) to price them")).toBe(
      "give the day's SPX chain (fit it on the Surface tab) to price them",
    );
  });
});
