/**
 * The package's messages in the taskpane's words: a path or a policy field's name inside a
 * message reads as the label of its box ("VX 2 expiry", Policy "Tail DTE min", "SPX"), and the
 * surface fitted on the Surface tab is said by its date, not by its data's field names.
 */
import { describe, expect, it } from 'vitest';
import { PlanInputSchema, formatPath } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { issueWords, messageWords } from '../../addin/src/taskpane/issueWords';

/** The labels of the form's boxes the messages below name (read from the page's DOM there). */
const LABELS: Record<string, string> = { 'market.spx': 'SPX', valuationDate: 'Date', 'condor.credit': 'Credit' };
const words = (path: string): string => LABELS[path.replace(/^plan\./, '')] ?? issueWords(path);

/** The schema's messages for the example day with `policy` typed in its Policy boxes. */
function policyIssues(policy: Record<string, string>): string[] {
  const input = planInputFromForm({ fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy, indices: {} });
  const r = PlanInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${formatPath(i.path)}: ${messageWords(i.message, words)}`);
}

describe("the package's messages in the taskpane's words", () => {
  it('names a Cboe index inside a message by its box, as the field messages do', () => {
    expect(messageWords('VIX3M 1.9 is far from VIX: check market.indices.vix3m is the VIX3M close', words)).toBe(
      `VIX3M 1.9 is far from VIX: check ${issueWords('market.indices.vix3m')} is the VIX3M close`,
    );
    expect(issueWords('market.indices.vix3m')).not.toContain('market.');
  });

  it('names a curve row inside a message by its label, as its own box is named', () => {
    expect(messageWords('is 2023-08-16, the same as futures[1].expiry; pass each expiry once', words)).toBe(
      'is 2023-08-16, the same as VX 2 expiry; pass each expiry once',
    );
    expect(messageWords('below market.futures[0].price and plan.market.futures[11].expiry', words)).toBe(
      'below VX 1 price and VX 12 expiry',
    );
    // the last rebalance's futures are not the curve's
    expect(messageWords('lastRebalance.futures[1].price', words)).toBe('lastRebalance.futures[1].price');
  });

  it("names the policy boxes a cross-field refusal compares by their labels, never the policy's names", () => {
    expect(policyIssues({ tailDteMin: '70' })).toContainEqual(
      'policy.tailDteMin: Policy "Tail DTE min" (70) is above Policy "Tail DTE max" (60); pass a window with min ≤ max',
    );
    expect(policyIssues({ minCalendarShare: '0.8' })).toEqual([
      'policy.minCalendarShare: Policy "Min calendar share" (0.8) is above Policy "Max calendar share" (0.75); pass a minimum at or below the maximum',
    ]);
    for (const said of [...policyIssues({ tailDteMin: '70' }), ...policyIssues({ flatBand: '4' })])
      expect(said.replace(/^policy\.\w+: /, '')).not.toMatch(/\b[a-z]+[A-Z]\w*/);
    // words that are not a policy field's name stay, and so does a path the page has no box for
    expect(messageWords('the overlay of policy.splitKnots; vegaMatchy stays', words)).toBe(
      'the overlay of policy.splitKnots; vegaMatchy stays',
    );
  });

  it('names a field of the form inside a message by its label', () => {
    expect(messageWords('is 4400, 2.4% from market.spx 4298.86: a surface of another market', words)).toBe(
      'is 4400, 2.4% from SPX 4298.86: a surface of another market',
    );
  });

  it('says the surface fitted on the Surface tab of another day by its date and the Date box', () => {
    expect(issueWords('market.surface.valuationDate')).toBe('The surface fitted on the Surface tab (its date)');
    expect(
      messageWords(
        'is 2023-06-09, not the valuation date 2025-04-08; pass the surface fitted on the valuation date (or the chain of that day)',
        words,
      ),
    ).toBe("is 2023-06-09, not the Date 2025-04-08; fit the chain of the Date's day on the Surface tab");
  });
});
