/**
 * The taskpane's Campaign boxes without a browser: read into the plan input's `campaign` when any of
 * the three is filled (blank: not given), what a partly filled or mistyped set says and in which box
 * (never the Hedge budget), the words its issues are named by, and the plan they give on the spike
 * day of 2024-08-05 with the calls held.
 */
import { describe, expect, it } from 'vitest';
import { PlanInputSchema, formatPath, plan, type PlanInput } from '@alvh/shared';
import { BLANK_CAMPAIGN, campaignIssues, type CampaignText } from '../../addin/src/common/campaign';
import { issueTarget, type FormState } from '../../addin/src/common/planInput';
import { fullPlanInput } from '../../addin/src/taskpane/planExtras';
import { issueWords } from '../../addin/src/taskpane/issueWords';
import { HELD_BOOK } from '../helpers/fixtures';
import { input } from '../shared/method/spikeDay';

const state: FormState = { fields: HELD_BOOK.fields, futures: HELD_BOOK.futures, policy: HELD_BOOK.policy };
const boxes = (c: Partial<CampaignText>): CampaignText => ({ ...BLANK_CAMPAIGN, ...c });
const sent = (c: CampaignText) => fullPlanInput(state, '', undefined, undefined, '', c)['campaign'];

/** The issues of the boxes: their own checks first, then the schema's, each with the box it shows in. */
function issuesOf(c: CampaignText): [string, string, string][] {
  const r = PlanInputSchema.safeParse(fullPlanInput(state, '', undefined, undefined, '', c));
  return [
    ...campaignIssues(c),
    ...(r.success ? [] : r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))),
  ].map((i) => {
    const t = issueTarget(i.path);
    return [t.kind === 'campaign' ? t.part : t.kind, issueWords(i.path), i.message];
  });
}

describe('the Campaign boxes', () => {
  it('blank: no campaign; filled: the three figures in USD, text numbers read, a negative paid kept', () => {
    expect(sent(BLANK_CAMPAIGN)).toBeUndefined();
    expect(sent(boxes({ campaignBudget: ' 1,673 ', paidOverlay: '-250.5', paidTail: '900' }))).toEqual({
      budget: 1673,
      paid: { overlay: -250.5, tail: 900 },
    });
    expect(issuesOf(boxes({ campaignBudget: '1,673', paidOverlay: '-250.5', paidTail: '900' }))).toEqual([]);
  });

  it('a partly filled set names each blank box, with the fix, and nothing else', () => {
    const said = issuesOf(boxes({ campaignBudget: '1673', paidTail: '900' }));
    expect(said[0]).toEqual([
      'paidOverlay',
      'Campaign paid by the overlay',
      'is blank: type what the overlay has paid since the entry in USD, as the plan before handed it back, or clear the three Campaign boxes (an entry)',
    ]);
    expect(new Set(said.map((s) => s[0]))).toEqual(new Set(['paidOverlay']));
  });

  it('refuses what does not read as USD in its own box, never in the Hedge budget', () => {
    const said = (c: Partial<CampaignText>) =>
      issuesOf(boxes({ campaignBudget: '1673', paidOverlay: '0', paidTail: '900', ...c }))[0];
    expect(said({ paidTail: '5%' })?.slice(0, 1)).toEqual(['paidTail']);
    expect(said({ paidTail: '5%' })?.[2]).toMatch(/^is a percentage; give it in USD/);
    expect(said({ campaignBudget: '40.000' })?.[2]).toMatch(/^is 40\.000/);
    expect(said({ campaignBudget: '40.000' })?.[0]).toBe('campaignBudget');
    expect(said({ paidOverlay: '12,5' })?.[2]).toBe('is 12,5: write 12.5 with a decimal point');
    expect(said({ paidOverlay: 'abc' })?.[2]).toMatch(/^is "abc", not a number; type what the overlay has paid/);
    // the schema's own range, in the budget's box
    expect(said({ campaignBudget: '-5' })?.slice(0, 2)).toEqual(['campaignBudget', 'Campaign budget']);
  });

  it('with the positions re-sizes within the campaign, as the plan input with it does', () => {
    const i = input({ strike: 20, expiry: '2024-09-18' });
    const campaign = { budget: 1673, paid: { overlay: 0, tail: 900 } };
    const p = plan({ ...i, campaign } as PlanInput);
    expect(p.budget.campaign?.available.tail).toBeGreaterThan(5000);
    expect(issueTarget('campaign.budget')).toEqual({ kind: 'campaign', part: 'campaignBudget' });
    expect(issueTarget('plan.campaign.paid.tail')).toEqual({ kind: 'campaign', part: 'paidTail' });
    expect(issueTarget('portfolio.budget')).toEqual({ kind: 'field', name: 'budget' });
  });
});
