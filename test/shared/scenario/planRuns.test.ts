import { describe, expect, it } from 'vitest';
import { markBook, plan, planMarketState } from '@alvh/shared';
import { monteCarloSetup, runMonteCarloChunk, summarizeMonteCarlo, tailTargetAt } from '@alvh/shared';
import { stressGrid } from '@alvh/shared';
import { BOOK, PLAN_INPUT } from '../../helpers/fixtures';

describe('runs from a plan', () => {
  const pl = plan(PLAN_INPUT);
  const part = runMonteCarloChunk({ plan: PLAN_INPUT, paths: 4_000, seed: 11 });
  const s = summarizeMonteCarlo(part);

  it('starts from the plan book and its marks', () => {
    const state = planMarketState(pl.market);
    const hedges = [...pl.book.overlay, ...pl.book.tail];
    expect(part.hedgeDebit).toBeCloseTo(hedges.length ? markBook(hedges, state).value : 0, 6);
    expect(part.tailContracts0).toBe(pl.tail.contracts);
    expect(s.condorMaxLoss).toBeCloseTo(pl.condor.maxLoss, 4);
  });

  it('a rebalance at t = 0 would size the tail exactly as the plan does', () => {
    const setup = monteCarloSetup({ plan: PLAN_INPUT, paths: 10 });
    const t = tailTargetAt(setup, 0, PLAN_INPUT.market.spx, PLAN_INPUT.market.vix)!;
    expect(t.strike).toBe(pl.tail.strike);
    expect(t.required).toBe(pl.tail.requiredContracts);
    expect(t.contracts).toBe(pl.tail.contracts);
  });

  it('a rebalance at t = 0 with the tail expiring inside the drawdown window sizes it as the plan does', () => {
    // a tail 26 days out (2026-12-16) and a drawdown of 30 or 40 days: the call is settled at the
    // stressed curve's value on its expiry, the whole VIX shock passed on and no more
    for (const [drawdownDays, required] of [
      [30, 53],
      [40, 59],
    ] as const) {
      const input = {
        ...PLAN_INPUT,
        policy: { ...PLAN_INPUT.policy, drawdownDays, tailDteMin: 14, tailDteTarget: 20, tailDteMax: 30 },
      };
      const pl = plan(input);
      expect([pl.tail.expiry, pl.tail.daysToExpiry, pl.tail.requiredContracts]).toEqual(['2026-12-16', 26, required]);
      const t = tailTargetAt(monteCarloSetup({ plan: input, paths: 10 }), 0, input.market.spx, input.market.vix)!;
      expect(t.strike).toBe(pl.tail.strike);
      expect(t.required).toBe(required);
      expect(t.contracts).toBe(pl.tail.contracts);
    }
  });

  it('a rebalance where the book loses nothing asks for no calls, even where the call gains nothing', () => {
    // the stressed VIX 30 under a VIX of 45: the call loses in the scenario. SPX 7600, above the
    // call wing, where the drawdown brings the condor back: no loss, so no calls (the plan's rule);
    // SPX 6600, where the condor loses, has no covering size and keeps the tail (null).
    const input = { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, stressVix: 30 } };
    const setup = monteCarloSetup({ plan: input, paths: 10 });
    expect(tailTargetAt(setup, 0, 7600, 45)).toMatchObject({ contracts: 0, required: 0, condorLoss: 0 });
    expect(tailTargetAt(setup, 0, 6600, 45)).toBeNull();
  });

  it('runs the policy along the paths: weekly rebalances and costs', () => {
    expect(s.rebalancesMean).toBeGreaterThanOrEqual(6);
    expect(s.meanTransactionCosts).toBeGreaterThan(0);
  });

  it('the stress grid of a plan counts the condor from its credit: nothing moved today, its mark less the credit', () => {
    const g = stressGrid({ plan: PLAN_INPUT, spxMoves: [0], vixLevels: [17.5], days: [0] });
    expect(g.base.condor).toBe(-pl.ladder.maxProfit);
    expect(g.condor[0]![0]![0]).toBeCloseTo(pl.condor.markValue + pl.condor.maxProfit, 6);
    expect(g.total[0]![0]![0]).toBeCloseTo(g.condor[0]![0]![0]!, 6);
  });

  it('asks for exactly one of plan and book, and the policy inside the plan', () => {
    expect(() => runMonteCarloChunk({ plan: PLAN_INPUT, book: BOOK, paths: 10 })).toThrowError(
      expect.objectContaining({ field: 'book' }),
    );
    expect(() => runMonteCarloChunk({ paths: 10 })).toThrowError(expect.objectContaining({ field: 'book' }));
    expect(() => runMonteCarloChunk({ plan: PLAN_INPUT, policy: {}, paths: 10 })).toThrowError(
      expect.objectContaining({ field: 'policy' }),
    );
  });
});

describe('tail resizing', () => {
  it('a plan whose budget buys no call today still resizes its tail along the paths, as one that holds a call does', () => {
    // 3% a year of max loss leaves a tail budget ($208) under one call ($216): the plan holds 0.
    const input = { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, maxHedgeCostRate: 0.03 } };
    expect(plan(input).tail.contracts).toBe(0);
    const part = runMonteCarloChunk({ plan: input, paths: 1_000, seed: 5 });
    const s = summarizeMonteCarlo(part);
    expect(part.tailContracts0).toBe(0);
    expect(s.rebalancesMean).toBeGreaterThanOrEqual(6);
    // calls bought where VIX fell and they came within the budget
    expect(Math.max(...part.tailContracts)).toBeGreaterThan(0);
    expect(s.tailContractsEndMean).toBeGreaterThan(0.1);
    // nothing bought at t = 0, but the calls the paths buy are premium paid: the ratio is over them
    // (the tail starts empty, so what is put in is what was bought less what was sold)
    expect(part.hedgeDebit).toBe(0);
    expect(s.meanTailOutlay).toBeGreaterThan(0);
    expect(s.hedgeCost).toBeCloseTo(s.meanTailOutlay + s.meanTransactionCosts, 9);
    expect(s.hedgeEffectiveness).toBeCloseTo((s.condor.cvar95 - s.alvh.cvar95) / s.hedgeCost, 12);
    expect(s.notes).toContainEqual(
      expect.stringMatching(
        /^The plan holds no VIX call today \(its budget buys none\); rebalancing buys 0\.\d\d on average.*\(hedge effectiveness counts the net premium they cost along the paths in the hedge cost\)\.$/,
      ),
    );
    // no premium paid at all (no call bought on any path): commissions alone, so no ratio to report
    const none = summarizeMonteCarlo({ ...part, tailOutlay: new Float64Array(part.pathCount) });
    expect(none.hedgeEffectiveness).toBeNull();
    expect(none.notes.find((n) => n.startsWith('The plan holds no VIX call today'))).toMatch(
      /\(hedge effectiveness: none to report\)\.$/,
    );
  });

  it('the tail budget caps purchases: none left buys less than an open budget, a vast one changes nothing', () => {
    const open = runMonteCarloChunk({ book: BOOK, paths: 500, seed: 3 });
    const none = runMonteCarloChunk({ book: { ...BOOK, tailBudget: 0 }, paths: 500, seed: 3 });
    const vast = runMonteCarloChunk({ book: { ...BOOK, tailBudget: 1e12 }, paths: 500, seed: 3 });
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(Math.max(...open.tailContracts)).toBeGreaterThan(BOOK.tail[0]!.quantity);
    expect(mean(none.tailContracts)).toBeLessThan(mean(open.tailContracts));
    expect(Array.from(vast.book)).toEqual(Array.from(open.book));
  });

  it('without the policy the book stays fixed', () => {
    const fixed = runMonteCarloChunk({ book: BOOK, paths: 500, seed: 3, rebalance: false });
    expect(Array.from(fixed.rebalances).every((r) => r === 0)).toBe(true);
    expect(Array.from(fixed.tailContracts).every((c) => c === BOOK.tail[0]!.quantity)).toBe(true);
  });
});
