/**
 * The figures docs/taskpane.md quotes from the form's example day (2025-04-08) at the run bar's
 * defaults (20,000 paths, seed 42): the engine is bit-reproducible, so a change of model or marks
 * that moves them fails here rather than leaving the page's words behind; and which condor
 * expiring the next day leaves the frontier nothing to chart, and which charts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { frontier, plan as planOf, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';
import { parseFrontier } from '../../addin/src/common/frontierViews';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { formatValue } from '../../addin/src/common/views';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { frontierFailureWords, frontierPathsProblem, frontierRequest } from '../../addin/src/taskpane/frontierRun';
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

describe('docs/taskpane.md on a frontier with nothing to chart', () => {
  /** The example day's condor expiring `expiry`, its strikes `strikes` (K1 to K4) when given. */
  const condor = (expiry: string, strikes?: [string, string, string, string]) =>
    planInputFromForm({
      fields: {
        ...EXAMPLE.fields,
        condorExpiry: expiry,
        credit: '',
        ...(strikes ? { k1: strikes[0], k2: strikes[1], k3: strikes[2], k4: strikes[3] } : {}),
      },
      futures: EXAMPLE.futures,
      policy: {},
      indices: EXAMPLE.indices,
    });
  const words = (input: unknown): string | undefined => {
    try {
      frontier({ plan: input, paths: 300, seed: 5 });
      return undefined;
    } catch (e) {
      return frontierFailureWords(e);
    }
  };

  it('quotes the example day’s condor expiring the next day: settled at the stressed SPX above its short put', () => {
    const nextDay = condor('2025-04-09');
    const s = planOf(nextDay as Parameters<typeof planOf>[0]).scenario;
    expect(s.condorLoss).toBe(0);
    expect(EXAMPLE.fields.k2).toBe('3750');
    expect(s.stressedSpot).toBeGreaterThan(3750);
    expect(words(nextDay)).toMatch(/^Frontier: nothing to chart\. The drawdown scenario leaves this book no loss/);
    expectDocSays(
      'taskpane.md',
      `the example day's condor expiring the next day, 2025-04-09, settles at ${formatValue(s.stressedSpot, 'integer')} (SPX ${s.drawdown * 100}% lower), above its 3750 short put`,
    );
  });

  it('charts a condor expiring the next day whose short put is above the stressed SPX', () => {
    const near = condor('2025-04-09', ['4500', '4600', '5400', '5500']);
    expect(planOf(near as Parameters<typeof planOf>[0]).scenario.condorLoss).toBeGreaterThan(0);
    expect(words(near)).toBeUndefined();
    expectDocSays('taskpane.md', 'with its short put above the stressed SPX it loses, and the frontier charts');
  });
});
