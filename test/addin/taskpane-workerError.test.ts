/**
 * What the taskpane's Web Worker reports for a run it could not do: the issues the API's problem
 * document lists for the same error, so a run here names the field and marks its box as a run on
 * the cloud does (the Frontier, which the page sends to the worker with no URL set, included).
 */
import { describe, expect, it } from 'vitest';
import { InvocationContext } from '@azure/functions';
import { frontier, noSolution } from '@alvh/shared';
import { problemFromError } from '../../functions/src/http/problem';
import { workerError } from '../../addin/src/taskpane/jobs';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { EXAMPLE } from '../../addin/src/taskpane/example';

/** What `frontier` throws for the example day's plan with `fields` changed. */
function frontierRefusal(fields: Record<string, string>): unknown {
  const plan = planInputFromForm({
    fields: { ...EXAMPLE.fields, ...fields },
    futures: EXAMPLE.futures,
    policy: {},
    indices: EXAMPLE.indices,
  });
  try {
    frontier({ plan, paths: 200, seed: 1 });
  } catch (e) {
    return e;
  }
  throw new Error('the frontier ran');
}

const apiIssues = (e: unknown) => problemFromError(e, new InvocationContext()).problem.issues;

describe('workerError', () => {
  it("gives a rule of the method that refuses the plan its field, problem and fix, as the API's problem document lists it", () => {
    const e = frontierRefusal({ credit: '150' });
    const m = workerError(e);
    expect(m.issues).toEqual([
      {
        path: 'plan.condor.credit',
        message:
          'is 150.00, at least the wing width 100, so the condor cannot lose; check the strikes and the credit (credit is per share, in index points)',
      },
    ]);
    expect(m.issues).toEqual(apiIssues(e));
    expect(m.message).toBe((e as Error).message);
  });

  it("passes the schema's issues on as they are, as the API lists them", () => {
    const e = frontierRefusal({ spx: '-5' });
    const m = workerError(e);
    expect(m.issues?.[0]?.path).toBe('plan.market.spx');
    expect(m.issues).toEqual(apiIssues(e));
  });

  it('lists no issue for an error the API answers 422 without issues, nor for one that is not a rule', () => {
    const e = noSolution('policy.tailCoverage', 'no structure covers the loss', 'lower the coverage');
    expect(apiIssues(e)).toBeUndefined();
    // its field, as the API's problem document names it, for the page to mark (the paths of a run)
    const problem = problemFromError(e, new InvocationContext()).problem;
    expect(workerError(e)).toEqual({ type: 'error', message: e.message, field: problem.field });
    expect(problem.field).toBe('policy.tailCoverage');
    expect(workerError(new Error('boom'))).toEqual({ type: 'error', message: 'boom' });
    expect(workerError('text')).toEqual({ type: 'error', message: 'text' });
  });
});
