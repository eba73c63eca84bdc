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
  planMarketState,
  resolvePolicy,
  scenarioLoss,
  stressedVix,
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

describe("a rebalance sizes on each condor's drawdown loss, capped at its own, as the plan does", () => {
  // One condor a year out and one expiring inside the 10-day drawdown window.
  const short: PlanInput = {
    ...LADDER,
    condors: [
      { expiry: '2026-11-27', strikes: [6300, 6400, 6800, 6900], quantity: 3 },
      { expiry: '2027-01-19', strikes: [5750, 5850, 7300, 7400], quantity: 2 },
    ],
  };
  const ps = plan(short);

  it('at t = 0 with a condor expiring inside the window: the plan scenario loss, intrinsic at its expiry', () => {
    const t = tailTargetAt(monteCarloSetup({ plan: short, paths: 10 }), 0, short.market.spx, short.market.vix)!;
    // The engine had valued the whole book on day 10 of the later expiry, dropping the first
    // condor's legs (expired by then) from the stressed value: it asked for 21 contracts, the plan 74.
    expect(ps.scenario.condorLoss).toBeCloseTo(41_429.15, 1);
    expect(Math.abs(t.condorLoss - ps.scenario.condorLoss)).toBeLessThan(1e-9 * ps.scenario.condorLoss);
    expect(ps.tail.requiredContracts).toBe(74);
    expect(t.required).toBe(74);
  });

  it("along a path: each condor's loss capped at its own max loss, not the book's at the sum", () => {
    // Day 5, two days before the first condor's expiry, SPX 6600 and VIX 18: that condor is nearly
    // worthless, and the drawdown takes it through its put spread, a loss of 29,701 over its own
    // max loss of 27,988; the second loses 13,801, under its 18,712.
    const day = 5;
    const spot = 6600;
    const vix = 18;
    const t = tailTargetAt(monteCarloSetup({ plan: short, paths: 10 }), day, spot, vix)!;
    const policy = resolvePolicy(short.policy ?? {});
    const state0 = planMarketState(ps.market, ps.surface);
    const date = (n: number) =>
      new Date(Date.parse(`${short.valuationDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const now = { ...state0, date: date(day), spot, vix };
    const stressed = {
      ...now,
      date: date(day + policy.drawdownDays),
      spot: spot * (1 - policy.drawdown),
      vix: stressedVix(vix, policy),
    };
    const raw = ps.condors.map((c) => scenarioLoss(c.legs, now, stressed, Infinity));
    const each = ps.condors.map((c) => scenarioLoss(c.legs, now, stressed, c.maxLoss));
    expect(raw[0]!).toBeGreaterThan(ps.condors[0]!.maxLoss);
    expect(each[0]).toBe(ps.condors[0]!.maxLoss);
    expect(raw[1]!).toBeLessThan(ps.condors[1]!.maxLoss);
    const sum = each[0]! + each[1]!;
    // Capped once at the book's max loss, the sum would be 43,502.68.
    expect(raw[0]! + raw[1]!).toBeLessThan(ps.ladder.maxLoss);
    expect(Math.abs(t.condorLoss - sum)).toBeLessThan(1e-9 * sum);
    expect(sum).toBeCloseTo(41_789.64, 1);
  });
});

describe('a book of legs net short calls', () => {
  it('is refused: its loss has no bound, so it has no max loss (it had one at twice the top strike)', () => {
    const legs = BOOK.condor.map((l) =>
      l.type === 'call' ? { ...l, quantity: l.quantity < 0 ? 2 * l.quantity : l.quantity } : l,
    );
    expect(() => runMonteCarloChunk({ book: { ...BOOK, condor: legs }, paths: 10, seed: 1 })).toThrowError(
      /^book\.condor: is net short \d+ call\(s\) expiring \d{4}-\d{2}-\d{2}: its loss has no bound as SPX rises/,
    );
  });
});

describe('a single condor', () => {
  it('keeps the max loss it had: the plan figure, or for a book its payoff at expiry below today', () => {
    const p = runMonteCarloChunk({ plan: PLAN_INPUT, paths: 10, seed: 1 });
    expect(p.condorMaxLoss).toBe(plan(PLAN_INPUT).ladder.maxLoss);
    expect(runMonteCarloChunk({ book: BOOK, paths: 10, seed: 1 }).condorMaxLoss).toMatchInlineSnapshot(
      `44901.466439235795`,
    );
  });
});
