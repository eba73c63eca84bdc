/**
 * The figures docs/taskpane.md quotes from the form's example day (2025-04-08) at the run bar's
 * defaults (20,000 paths, seed 42): the engine is bit-reproducible, so a change of model or marks
 * that moves them fails here rather than leaving the page's words behind.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { frontier, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';
import { parseFrontier } from '../../addin/src/common/frontierViews';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { formatValue } from '../../addin/src/common/views';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { frontierPathsProblem, frontierRequest } from '../../addin/src/taskpane/frontierRun';
import { expectDocSays } from '../helpers/docs';

const plan = planInputFromForm({
  fields: EXAMPLE.fields,
  futures: EXAMPLE.futures,
  policy: {},
  indices: EXAMPLE.indices,
});

describe('docs/taskpane.md on the example day, 20,000 paths, seed 42', () => {
  const s = summarizeMonteCarlo(runMonteCarloChunk({ plan, paths: 20_000, seed: 42 }));

  it("quotes the histogram's span as the Monte Carlo sheet writes it", () => {
    const { low, high } = s.bodyHistogram;
    expect(formatValue(low, 'usd')).toBe('-$94,070');
    expectDocSays(
      'taskpane.md',
      `("Bins span ${formatValue(low, 'usd')} to ${formatValue(high, 'usd')} (0.5th-99.5th percentile of both books)`,
    );
  });
});

describe("docs/taskpane.md on the Frontier's path limit", () => {
  it('quotes the most paths the example day takes at 1,000,000 paths, seed 42', () => {
    const body = frontierRequest(plan, { paths: 1_000_000, seed: 42, measure: 'real-world' });
    const most = /^Frontier: at most ([\d,]+) paths/.exec(frontierPathsProblem(body, 1_000_000) ?? '')?.[1];
    expect(most).toBe('135,000');
    expectDocSays('taskpane.md', `"at most ${most} paths", the search binding before the 444,444 paths of its 45 days`);
  });
});

describe("docs/taskpane.md on the frontier notes' errors", () => {
  it('quotes docs/examples/frontier.json’s first bought point as the note writes it', () => {
    const body = JSON.parse(
      readFileSync(new URL('../../docs/examples/frontier.json', import.meta.url), 'utf8'),
    ) as object;
    const note = parseFrontier(JSON.parse(JSON.stringify(frontier(body))) as unknown).notes.at(-1)!;
    const first = /per budget: (budget \$[\d,]+, CVaR -?\$[\d,]+ ± \$[\d,]+);/.exec(note)![1]!;
    expectDocSays('taskpane.md', `("${first}" on docs/examples/frontier.json)`);
  });
});
