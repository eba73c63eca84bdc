/**
 * The Monte Carlo of a ladder of condors across expiries (docs/examples/plan-ladder.json): its max
 * loss is the plan's `ladder.maxLoss`, every condor at its worst at its own expiry, and a rebalance
 * sizes the tail on it as the plan does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  monteCarloSetup,
  plan,
  runMonteCarloChunk,
  summarizeMonteCarlo,
  tailTargetAt,
  type PlanInput,
} from '@alvh/shared';
import { BOOK, PLAN_INPUT } from '../../helpers/fixtures';

const LADDER = JSON.parse(readFileSync(join('docs', 'examples', 'plan-ladder.json'), 'utf8')) as PlanInput;
const pl = plan(LADDER);
const part = runMonteCarloChunk({ plan: LADDER, paths: 2000, seed: 3 });
const s = summarizeMonteCarlo(part);

describe('Monte Carlo of a ladder of condors', () => {
  it('reports the max loss the plan reports, every condor at its worst', () => {
    expect(pl.ladder.count).toBe(3);
    expect(part.horizonDays).toBe(60);
    expect(s.condorMaxLoss).toBe(pl.ladder.maxLoss);
    expect(s.condorMaxLoss).toBeCloseTo(65_814.67, 2);
  });

  it('no path loses more than the max loss, and probMaxLoss counts only the paths at it', () => {
    const line = -s.condorMaxLoss * (1 - 1e-9);
    expect(s.condor.min).toBeGreaterThanOrEqual(-s.condorMaxLoss * (1 + 1e-9));
    const atMax = Array.from(part.condor).filter((x) => x <= line).length;
    expect(atMax).toBeGreaterThan(0);
    expect(s.condor.probMaxLoss).toBe(atMax / part.condor.length);
    expect(s.condor.probMaxLoss).toBeLessThan(0.05);
  });

  it('a book of the same legs finds the same max loss from its legs, expiry by expiry', () => {
    const legs = pl.book.condor;
    const m = LADDER.market;
    const book = {
      valuationDate: LADDER.valuationDate,
      spot: m.spx,
      vix: m.vix,
      futures: m.futures,
      rate: m.rate,
      divYield: m.divYield,
      volOfVol: 0.95,
      indices: m.indices,
      condor: legs,
      overlay: [],
      tail: [{ kind: 'vix', type: 'call', strike: 20, expiry: '2027-01-20', quantity: 1 }],
    };
    const b = summarizeMonteCarlo(runMonteCarloChunk({ book, paths: 200, seed: 1, horizonDays: 8 }));
    expect(b.condorMaxLoss).toBeCloseTo(pl.ladder.maxLoss, 6);
    expect(b.condor.probMaxLoss).toBe(0);
  });

  it('a rebalance at t = 0 asks for the tail the plan asks for', () => {
    const t = tailTargetAt(monteCarloSetup({ plan: LADDER, paths: 10 }), 0, LADDER.market.spx, LADDER.market.vix)!;
    expect(pl.scenario.condorLoss).toBeCloseTo(56_279.42, 1);
    expect(t.required).toBe(pl.tail.requiredContracts);
    expect(t.strike).toBe(pl.tail.strike);
  });
});

describe('a single condor', () => {
  it('keeps the max loss it had: the plan figure, or for a book its payoff at expiry below today', () => {
    const p = runMonteCarloChunk({ plan: PLAN_INPUT, paths: 10, seed: 1 });
    expect(p.condorMaxLoss).toBe(plan(PLAN_INPUT).ladder.maxLoss);
    expect(runMonteCarloChunk({ book: BOOK, paths: 10, seed: 1 }).condorMaxLoss).toMatchInlineSnapshot(
      `44901.46643923605`,
    );
  });
});
