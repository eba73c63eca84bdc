/**
 * A ladder of condors as one book in the plan (ALVH-METHOD section 10, docs/method.md "A ladder of
 * condors"): three condors 30/45/60 days out on 2018-12-24, each planned alone as the reference.
 */
import { describe, expect, it } from 'vitest';
import {
  InputValidationError,
  isAlvhError,
  contractKey,
  frontierSetup,
  plan,
  resolvePolicy,
  type Leg,
  type Plan,
  type PlanInput,
} from '@alvh/shared';
import { realDayInput } from './realDays';
import { describeWithData } from '../../helpers/marketData';

// The day's market comes from the history beside the project: without it the file is skipped.
describeWithData('a ladder of condors on 2018-12-24', () => {
  const day = realDayInput('2018-12-24').input;
  const { condor: _condor, ...noCondor } = day;
  type Condor = NonNullable<PlanInput['condor']>;

  /** 30, 45 and 60 days out (2019-01-23, 2019-02-07, 2019-02-22: SPXW expiries), wings of 50 points. */
  const LADDER: Condor[] = [
    { expiry: '2019-01-23', strikes: [1900, 1950, 2750, 2800], quantity: 10 },
    { expiry: '2019-02-07', strikes: [1800, 1850, 2850, 2900], quantity: 5 },
    { expiry: '2019-02-22', strikes: [1700, 1750, 2950, 3000], quantity: 3 },
  ];
  const ladderInput: PlanInput = { ...noCondor, condors: LADDER };
  const book = plan(ladderInput);
  /** Each condor planned alone on the same day: the reference for its own figures. */
  const alone = LADDER.map((c) => plan({ ...noCondor, condor: c }));
  const policy = resolvePolicy(day.policy);
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

  function rejection(raw: unknown): { path: string; message: string }[] {
    try {
      plan(raw as PlanInput);
    } catch (e) {
      if (e instanceof InputValidationError) return e.issues.map((i) => ({ path: i.path, message: i.message }));
      if (isAlvhError(e)) return [{ path: e.field, message: `${e.problem}; ${e.fix}` }];
      throw e;
    }
    throw new Error('expected a rejection');
  }

  function legsOf(p: Plan): Leg[] {
    return [...p.book.condor, ...p.book.overlay, ...p.book.tail];
  }

  describe('plan of a ladder of three condors', () => {
    it('reports each condor with its own analytics, the first as plan.condor', () => {
      expect(book.condors).toHaveLength(3);
      book.condors.forEach((c, i) => expect(c).toEqual(alone[i]!.condor));
      expect(book.condor).toEqual(book.condors[0]);
      expect(book.ladder.count).toBe(3);
      expect(book.ladder.expiries).toEqual(LADDER.map((c) => c.expiry));
      expect(book.ladder.quantity).toBe(18);
      expect(book.book.condor).toHaveLength(12);
    });

    it("nets the Greeks: the book's equal the sum of the condors'", () => {
      for (const g of ['delta', 'gamma', 'vega', 'theta'] as const) {
        const want = sum(alone.map((p) => p.condor.greeks[g]));
        expect(book.ladder.greeks[g]).toBeCloseTo(want, 9);
        expect(Math.abs(book.ladder.greeks[g])).toBeGreaterThan(0);
      }
      expect(book.ladder.markValue).toBeCloseTo(sum(alone.map((p) => p.condor.markValue)), 6);
    });

    it('the drawdown loss is the sum of each condor’s scenario loss capped at its own max loss', () => {
      const losses = alone.map((p) => p.scenario.condorLoss);
      alone.forEach((p) => expect(p.scenario.condorLoss).toBeLessThanOrEqual(p.condor.maxLoss + 1e-9));
      expect(book.ladder.scenarioLosses).toEqual(losses);
      expect(book.scenario.condorLoss).toBeCloseTo(sum(losses), 6);
      expect(book.ladder.scenarioLoss).toBe(book.scenario.condorLoss);
      // the structures and the plan see the same book loss
      expect(book.structures.loss).toBeCloseTo(book.scenario.condorLoss, 6);
      // capping each condor is not capping the sum: the book loss is at most the sum of the max losses
      expect(book.scenario.condorLoss).toBeLessThanOrEqual(book.ladder.maxLoss + 1e-9);
    });

    it('budgets on the sum of max losses and credits over the max-loss-weighted days', () => {
      const maxLoss = sum(alone.map((p) => p.condor.maxLoss));
      const credit = sum(alone.map((p) => p.condor.maxProfit));
      const days = sum(alone.map((p) => p.condor.maxLoss * p.condor.days)) / maxLoss;
      expect(book.ladder.maxLoss).toBeCloseTo(maxLoss, 6);
      expect(book.ladder.maxProfit).toBeCloseTo(credit, 6);
      expect(book.ladder.days).toBeCloseTo(days, 9);
      expect(days).toBeGreaterThan(30);
      expect(days).toBeLessThan(61);
      expect(book.budget.costCap).toBeCloseTo(policy.maxHedgeCostRate * maxLoss * (days / 365), 6);
      expect(book.budget.irrBudgetRaw).toBeCloseTo(credit - policy.targetIrr * maxLoss * (days / 365), 6);
      expect(book.ladder.lastDays).toBe(60);
    });

    it('sizes the overlay to the net vega and the tail to the book’s drawdown loss', () => {
      expect(book.overlay.targetVega).toBeCloseTo(book.split.vegaMatch * Math.abs(book.ladder.greeks.vega), 6);
      const t = book.tail;
      expect(t.noSolution).toBeUndefined();
      const target = policy.tailCoverage * book.scenario.condorLoss;
      expect(t.requiredContracts * t.gainPerContract).toBeGreaterThanOrEqual(target - 1e-6);
      expect((t.requiredContracts - 1) * t.gainPerContract).toBeLessThan(target);
      // a bigger book than any of its condors asks for more calls than any one alone
      for (const p of alone) expect(t.requiredContracts).toBeGreaterThanOrEqual(p.tail.requiredContracts);
    });

    it('runs the analogs on the whole book', () => {
      book.analogs.forEach((a, i) => {
        expect(a.condorLoss).toBeCloseTo(sum(alone.map((p) => p.analogs[i]!.condorLoss)), 6);
      });
    });

    it('checks Step 1 on each condor and names the ones that fail', () => {
      expect(book.ladder.failingSdCheck).toEqual(
        LADDER.flatMap((_, i) => (alone[i]!.condor.passesSdCheck ? [] : [`condors[${i}]`])),
      );
      const tight: Condor = { expiry: '2019-02-07', strikes: [2200, 2250, 2450, 2500], quantity: 2 };
      const p = plan({ ...noCondor, condors: [LADDER[0]!, tight] });
      expect(p.condors[1]!.passesSdCheck).toBe(false);
      expect(p.ladder.passesSdCheck).toBe(false);
      expect(p.ladder.failingSdCheck).toContain('condors[1]');
      expect(p.warnings.some((w) => w.startsWith("condors[1] (2019-02-07): The condor's short strikes"))).toBe(true);
    });
  });

  describe('orders of a ladder', () => {
    it('from no positions equal the plan’s legs: all three condors, the overlay and the tail', () => {
      const p = plan({ ...ladderInput, positions: [] });
      const want = new Map<string, number>();
      for (const l of legsOf(p)) want.set(contractKey(l), (want.get(contractKey(l)) ?? 0) + Math.trunc(l.quantity));
      const orders = p.orders!.orders;
      expect(orders).toHaveLength([...want.values()].filter((q) => q !== 0).length);
      for (const o of orders) {
        const q = want.get(contractKey(o.leg))!;
        expect(o.side).toBe(q > 0 ? 'buy' : 'sell');
        expect(o.quantity).toBe(Math.abs(q));
        expect(o.target).toBe(q);
      }
      const spxExpiries = new Set(orders.filter((o) => o.leg.kind === 'spx').map((o) => o.leg.expiry));
      for (const c of LADDER) expect(spxExpiries.has(c.expiry)).toBe(true);
      expect(p.book.tail.length + p.book.overlay.length).toBeGreaterThan(0);
      for (const l of [...p.book.overlay, ...p.book.tail]) {
        expect(orders.some((o) => contractKey(o.leg) === contractKey(l))).toBe(true);
      }
      expect(orders.filter((o) => o.why.startsWith('condor')).map((o) => o.why)).toEqual(
        expect.arrayContaining(LADDER.map((c) => expect.stringContaining(c.expiry))),
      );
    });

    it('from positions equal to the target are empty', () => {
      const held = legsOf(book).map((l) => ({ ...l, quantity: Math.trunc(l.quantity) }));
      expect(plan({ ...ladderInput, positions: held }).orders).toEqual({ orders: [], netCost: 0 });
    });

    it('never flip a sign by rounding: each order takes the held quantity to the whole target', () => {
      // a leg held at 0 is left out: positions hold whole, non-zero contracts
      const held = legsOf(book)
        .map((l, i) => ({ ...l, quantity: ((i % 5) - 2) * 3 }))
        .filter((l) => l.quantity !== 0);
      const orders = plan({ ...ladderInput, positions: held }).orders!.orders;
      for (const o of orders) {
        expect(Number.isInteger(o.quantity) && o.quantity > 0).toBe(true);
        expect(o.held + (o.side === 'buy' ? o.quantity : -o.quantity)).toBe(o.target);
        const legs = legsOf(book).filter((l) => contractKey(l) === contractKey(o.leg));
        const target = sum(legs.map((l) => Math.trunc(l.quantity)));
        // across zero, two orders: the close of what is held (to 0), then the open of the target
        const last = orders.filter((x) => contractKey(x.leg) === contractKey(o.leg)).at(-1)!;
        expect(last.target).toBe(target);
        if (o !== last) expect([o.effect, o.target, last.effect, last.held]).toEqual(['close', 0, 'open', 0]);
        if (target !== 0) expect(Math.sign(last.target)).toBe(Math.sign(sum(legs.map((l) => l.quantity))));
      }
    });
  });

  describe('condor or condors', () => {
    it('one condor in condors gives the plan of the same condor in condor, bit for bit', () => {
      const one = plan({ ...noCondor, condors: [day.condor!] });
      const single = plan(day);
      const { ladder: l1, ...r1 } = one;
      const { ladder: l2, ...r2 } = single;
      expect(r1).toEqual(r2);
      expect({ ...l1, failingSdCheck: [] }).toEqual({ ...l2, failingSdCheck: [] });
      expect(JSON.stringify(r1)).toBe(JSON.stringify(r2));
    });

    it('a single condor that fails Step 1 is named by the field it was given in', () => {
      const tight: Condor = { expiry: '2019-02-07', strikes: [2200, 2250, 2450, 2500], quantity: 2 };
      const one = plan({ ...noCondor, condors: [tight] });
      const single = plan({ ...noCondor, condor: tight });
      expect(one.ladder.passesSdCheck).toBe(false);
      expect(one.ladder.failingSdCheck).toEqual(['condors[0]']);
      expect(single.ladder.failingSdCheck).toEqual(['condor']);
      expect({ ...one.ladder, failingSdCheck: [] }).toEqual({ ...single.ladder, failingSdCheck: [] });
    });

    it('a single condor’s book is the condor’s own figures', () => {
      const p = plan(day);
      expect(p.condors).toEqual([p.condor]);
      expect(p.ladder.maxLoss).toBe(p.condor.maxLoss);
      expect(p.ladder.days).toBe(p.condor.days);
      expect(p.ladder.greeks).toEqual(p.condor.greeks);
      expect(p.ladder.scenarioLoss).toBe(p.scenario.condorLoss);
    });

    it('rejects both, neither, an empty or an over-long ladder, naming the field and the fix', () => {
      expect(rejection({ ...day, condors: LADDER })).toEqual([
        { path: 'condors', message: expect.stringMatching(/either condor .* or condors .*not both/) },
      ]);
      expect(rejection(noCondor)).toEqual([{ path: 'condor', message: expect.stringContaining('condors [') }]);
      expect(rejection({ ...noCondor, condors: [] })).toEqual([
        { path: 'condors', message: expect.stringContaining('at least one condor') },
      ]);
      expect(rejection({ ...noCondor, condors: Array.from({ length: 13 }, () => LADDER[0]) })).toEqual([
        { path: 'condors', message: expect.stringContaining('at most 12 condors') },
      ]);
      const bad = rejection({ ...noCondor, condors: [LADDER[0], { ...LADDER[1], strikes: [1850, 1800, 2850, 2900] }] });
      expect(bad).toEqual([
        { path: 'condors[1].strikes[0]', message: expect.stringContaining('pass strikes in increasing order') },
      ]);
      // a condor's own checks (past its expiry) name its place in the ladder
      const expired = rejection({ ...noCondor, condors: [LADDER[0], { ...LADDER[1], expiry: '2018-12-21' }] });
      expect(expired).toEqual([{ path: 'condors[1].expiry', message: expect.any(String) }]);
    });
  });

  describe('the frontier of a ladder', () => {
    it('prices the whole book: its drawdown and analog losses, max loss and paths on every condor', () => {
      const s = frontierSetup({ plan: ladderInput, paths: 200, seed: 1 });
      expect(s.frame.loss).toBeCloseTo(book.scenario.condorLoss, 6);
      expect(s.frame.maxLoss).toBeCloseTo(book.ladder.maxLoss, 6);
      s.frame.analogs.forEach((a, i) => expect(a.loss).toBeCloseTo(book.analogs[i]!.condorLoss, 6));
      expect(s.mc.book.condor).toEqual(book.book.condor);
    });
  });
});
