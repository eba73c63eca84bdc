import { describe, expect, it } from 'vitest';
import { frontier } from '@alvh/shared';
import { parseFrontier } from '../../addin/src/common/frontierViews';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { frontierFailureWords, notOffered } from '../../addin/src/taskpane/frontierRun';
import { RunError } from '../../addin/src/taskpane/jobs';
import { PLAN_INPUT } from '../helpers/fixtures';

describe('the taskpane’s frontier notes', () => {
  it('show the answer’s warnings before its model notes (too few down paths: run more)', () => {
    // 300 paths: about 100 end lower, a CVaR tail of 6 paths, which the answer warns of
    const real = JSON.parse(JSON.stringify(frontier({ plan: PLAN_INPUT, paths: 300, seed: 5 }))) as {
      warnings: string[];
      modelNotes: string[];
    };
    // (the first: the plan's credit against the surface's price of its condor; the last: its mixes gain in the drawdown)
    expect(real.warnings).toHaveLength(3);
    const v = parseFrontier(real as unknown);
    // then the points' CVaR errors, each after its budget and the CVaR it is the error of
    expect(v.notes.slice(0, -1)).toEqual([...real.warnings, ...real.modelNotes]);
    expect(v.notes.at(-1)).toMatch(
      /^CVaR 95 down ± the standard error of its gap to the unhedged book on the same paths, per budget: budget \$[\d,]+, CVaR -?\$[\d,]+ ± \$[\d,]+(; budget \$[\d,]+, CVaR -?\$[\d,]+ ± \$[\d,]+)*\.$/,
    );
    expect(v.notes[0]).toMatch(/^The condor's P&L counts from the credit/);
    expect(v.notes[1]).toMatch(/too few to rank mixes; run more paths/);
    expect(v.notes[2]).toMatch(
      /^From the \$[\d,]+ budget on, the frontier's mix gains more than a tenth of the loss in the drawdown scenario/,
    );
  });
});

describe('the taskpane’s words for a frontier with no ladder of budgets', () => {
  // The example with the condor expiring the next day: the drawdown scenario leaves no loss.
  const raw = planInputFromForm({
    fields: { ...EXAMPLE.fields, condorExpiry: '2025-04-09', credit: '' },
    futures: EXAMPLE.futures,
    policy: {},
    indices: EXAMPLE.indices,
  });
  const refused = ((): Error => {
    try {
      frontier({ plan: raw, paths: 300, seed: 5 });
    } catch (e) {
      return e as Error;
    }
    throw new Error('the frontier answered');
  })();

  it.each([
    ['in the Web Worker', new RunError(refused.message)],
    ['on the cloud', new RunError(`the cloud API answered 422: ${refused.message}`, [], 422)],
  ])('say why nothing is charted and what to change in the form, not the API’s budgets (%s)', (_, e) => {
    expect(refused.message).toMatch(/^budgets: the drawdown scenario leaves the book no loss to cover/);
    const words = frontierFailureWords(e)!;
    expect(words).toBe(
      "Frontier: nothing to chart. The drawdown scenario leaves this book no loss to cover, so the literal rule's hedge costs nothing and there is no range of budgets to score. To chart one, choose a later condor Expiry, or in Policy a larger Drawdown or fewer Drawdown days.",
    );
    expect(words).not.toMatch(/budgets:|\[|JSON|USD/);
  });

  it('say so when no structure can cover the loss, and leave every other error as it is', () => {
    const none = new RunError(
      'budgets: the literal tail costs nothing here (no structure can cover the drawdown loss), so there is no default ladder; pass budgets in USD, e.g. [0, 5000, 10000]',
    );
    expect(frontierFailureWords(none)).toMatch(
      /^Frontier: nothing to chart\. No tail structure can cover the drawdown/,
    );
    expect(frontierFailureWords(new RunError('paths: pass a whole number'))).toBeUndefined();
    expect(frontierFailureWords(new Error('network down'))).toBeUndefined();
  });
});

describe('the taskpane’s words for a frontier the host answered 404', () => {
  const settings = { endpoint: 'https://alvh.example.net/api', functionKey: '' };
  it('with the API’s problem document: the API predates the route', () => {
    expect(notOffered(settings, true)).toBe(
      'alvh.example.net does not offer the frontier (POST /frontier answered 404): update the API, or clear the URL in Settings to run it here.',
    );
  });
  it('without one (an empty 404, another host’s page): a wrong URL or an API before the route, both named', () => {
    expect(notOffered(settings, false)).toBe(
      "Nothing answered at https://alvh.example.net/api/frontier (404): check the URL in Settings (the API's routes are under /api), update the API if it predates the frontier, or clear the URL in Settings to run it here.",
    );
  });
});
