import { beforeAll, describe, expect, it } from 'vitest';
import {
  TAIL_STRUCTURES,
  bestWithinBudget,
  buildTermStructure,
  daysBetween,
  compareInContext,
  compareTailStructures,
  costsToCover,
  futureCapitalAtRisk,
  futureImpliedVol,
  futureCarry,
  futureForExpiry,
  hedgeContext,
  markBook,
  markFromState,
  ordersFromBook,
  structureTargetLegs,
  priceStructure,
  sizeStructure,
  sizeTailHedge,
  stressedFuture,
  tailStrike,
  vixOptionVol,
  unitsWithinBudget,
  vxExpiriesAfter,
  POLICY_FIELDS,
  StructureParamsSchema,
  resolvePolicy,
  type HedgeContext,
  type Leg,
  type MarketState,
  type StructureComparison,
  type StructureScore,
} from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { errorOf } from '../../helpers/errors';
import { DOC_DAYS, standardCondorDay } from './days';

describeWithData('tail structures on 2018-12-24 (standard 10-lot 45-DTE condor)', () => {
  let ctx: HedgeContext;
  let cmp: StructureComparison;
  beforeAll(() => {
    ctx = hedgeContext(standardCondorDay('2018-12-24'));
    cmp = compareInContext(ctx, undefined, 5000);
  });

  it('orders the structures by coverage per dollar', () => {
    // on the surface marks (Section 2b) the put spread, which pays its full width at the stressed
    // spot, gains most per dollar; the ladder's far calls come next when VIX goes to 66, and the
    // 10-wide call spread caps the gain below the stressed future
    expect(cmp.structures.map((s) => s.structure)).toEqual([
      'spx-put-spread',
      'vix-call-ladder',
      'vix-call',
      'vix-call-spread',
      'vx-future',
    ]);
    // (each option unit's cost and gain carry its fee, $0.65 a contract: 6.29, 4.07, 3.80, 3.47 before)
    expect(cmp.structures.map((s) => Number(s.perDollar.toFixed(2)))).toEqual([
      6.27,
      4.04,
      3.79,
      3.43,
      expect.any(Number),
    ]);
  });

  it('vix-call is the method tail hedge: the same strike and mid premium as sizeTailHedge, its fee on top', () => {
    const call = cmp.structures.find((s) => s.structure === 'vix-call');
    // the call's vols today and in the scenario from the VIX-option surface at its strike (Section 2b)
    const future = futureForExpiry(ctx.ts, ctx.tailExpiry);
    const sFuture = stressedFuture(
      ctx.ts,
      ctx.tailExpiry,
      ctx.stressedVix,
      ctx.policy.drawdownDays,
      ctx.policy.shockKappa,
    );
    const strike = tailStrike(future, ctx.policy.tailOtmPct, ctx.policy.vixStrikeStep);
    const ref = sizeTailHedge({
      condorLoss: ctx.loss,
      hedgeFuture: future,
      hedgeYears: ctx.tailDays / 365,
      volOfVol: vixOptionVol(ctx.now, ctx.tailDays / 365, strike, future),
      stressedFuture: sFuture,
      stressVolOfVol: vixOptionVol(ctx.stressed, (ctx.tailDays - ctx.policy.drawdownDays) / 365, strike, sFuture),
      rate: ctx.now.rate,
    });
    expect(call?.legs).toEqual([{ kind: 'vix', type: 'call', strike: ref.strike, expiry: '2019-02-13', quantity: 1 }]);
    // the structure's cost and gain carry the $0.65 fee of the contract, which the method's rule leaves out
    expect(call?.fees).toBe(0.65);
    expect(call?.gain).toBeCloseTo(ref.gainPerContract - 0.65, 9);
    expect(call?.premium).toBeCloseTo(ref.premium * 100 + 0.65, 9);
    expect(call?.size?.units).toBe(Math.ceil((1.8 * ctx.loss) / (ref.gainPerContract - 0.65) - 1e-9));
    expect(call?.size?.units).toBe(ref.contracts); // 31 either way on this day
  });

  it('the scenario is the method one: SPX −20% over 10 days, VIX + 30, the condor loss within its max loss', () => {
    expect(ctx.stressedVix).toBeCloseTo(36.07 + 30, 9);
    expect(ctx.stressed.spot).toBeCloseTo(2351.1 * 0.8, 9);
    expect(ctx.loss).toBeGreaterThan(0);
    expect(ctx.loss).toBeLessThanOrEqual(ctx.maxLoss);
    expect(ctx.tailExpiry).toBe('2019-02-13');
  });

  it('the structures are built by their stated rules', () => {
    const by = Object.fromEntries(cmp.structures.map((s) => [s.structure, s]));
    const k1 = by['vix-call']!.legs[0]!.strike;
    expect(k1).toBe(24); // 23.325 · 1.025 = 23.91, up to the 1-point grid
    expect(by['vix-call-spread']!.legs.map((l) => [l.strike, l.quantity])).toEqual([
      [24, 1],
      [34, -1],
    ]);
    // 23.325 · 1.25, · 1.5, · 2 rounded up: 30, 35, 47
    expect(by['vix-call-ladder']!.legs.map((l) => l.strike)).toEqual([30, 35, 47]);
    const condor = ctx.condors[0]!;
    const put = by['spx-put-spread']!.legs;
    expect(put[0]).toMatchObject({ kind: 'spx', type: 'put', strike: condor.legs[1]!.strike, quantity: 1 });
    expect(put[1]).toMatchObject({ strike: 1880, quantity: -1, expiry: condor.legs[1]!.expiry }); // 2351.1 · 0.8 = 1880.9
    expect(by['vx-future']!.futures).toEqual([{ expiry: '2019-02-13', quantity: 1 }]);
  });

  it('vx-future: coverage per dollar of capital at risk, below every option structure here', () => {
    const fut = cmp.structures.find((s) => s.structure === 'vx-future')!;
    expect(fut.premiumBasis).toBe('capital at risk');
    // 99% fall of the 23.325 future over 46 days at its options' implied vol, plus the contango carry and fees
    const vol = futureImpliedVol(ctx.now, ctx.valuationDate, '2019-02-13', 23.325);
    // the ATM vol of the February VIX options on the surface: below VVIX / 100, the 30-day vol of spot VIX
    expect(vol).toBe(vixOptionVol(ctx.now, 51 / 365, 23.325, 23.325));
    expect(vol).toBeLessThan(0.9 * ctx.now.volOfVol);
    const atRisk = futureCapitalAtRisk(23.325, vol, ctx.horizonDays);
    const paid = fut.stressedValue - fut.gain;
    expect(paid).toBeGreaterThan(0);
    expect(paid).toBeLessThan(0.1 * atRisk);
    expect(fut.premium).toBeCloseTo(atRisk + paid, 6);
    // never the $1 of a floored carry: a ratio of the same order as the options', and below them
    expect(fut.perDollar).toBeGreaterThan(0.5);
    expect(fut.perDollar).toBeLessThan(2);
    for (const s of cmp.structures.filter((x) => x.lossBoundedByPremium && x.size !== null))
      expect(fut.perDollar).toBeLessThan(s.perDollar);
    expect(fut.size!.cost).toBeCloseTo(fut.size!.units * fut.premium, 6);
  });

  it('futureCapitalAtRisk is the 99% lognormal fall over the horizon, growing with vol and days', () => {
    expect(futureCapitalAtRisk(20, 1, 365)).toBeCloseTo(20_000 * (1 - Math.exp(-2.3263478740408408)), 6);
    expect(futureCapitalAtRisk(20, 1.2, 45)).toBeGreaterThan(futureCapitalAtRisk(20, 1, 45));
    expect(futureCapitalAtRisk(20, 1, 60)).toBeGreaterThan(futureCapitalAtRisk(20, 1, 45));
    expect(futureCapitalAtRisk(20, 5, 3650)).toBeLessThan(20_000);
  });

  it('the budget buys most protection with the structure that pays most per dollar among the options', () => {
    const best = cmp.bestWithinBudget!;
    expect(best.structure).toBe('spx-put-spread');
    expect(best.cost).toBeLessThanOrEqual(5000);
    for (const s of cmp.structures) {
      if (!s.lossBoundedByPremium || s.size === null) continue;
      expect(unitsWithinBudget(s, 5000, s.size.units) * s.gain).toBeLessThanOrEqual(best.protection + 1e-9);
    }
    expect(bestWithinBudget(ctx, cmp.structures, 0)?.units).toBe(0);
  });

  it('a sized structure becomes labelled target legs and, from nothing held, its orders', () => {
    const spread = cmp.structures.find((s) => s.structure === 'vix-call-spread')!;
    const target = structureTargetLegs(spread, 7);
    expect(target.map((l) => [l.strike, l.quantity, l.origin])).toEqual([
      [24, 7, 'tail: vix-call-spread'],
      [34, -7, 'tail: vix-call-spread'],
    ]);
    const o = ordersFromBook({ valuationDate: ctx.now.date, held: [], target, mark: markFromState(ctx.now) });
    expect(o.orders.map((x) => [x.side, x.quantity, x.why])).toEqual([
      ['buy', 7, 'tail: vix-call-spread'],
      ['sell', 7, 'tail: vix-call-spread'],
    ]);
    // the orders are at model mids; the unit's cost adds the fee of its two contracts
    expect(o.netCost).toBeCloseTo(7 * (spread.premium - spread.fees), 6);
    expect(spread.fees).toBe(2 * 0.65);
  });

  it('says what covering half the loss costs with each structure, cheapest first', () => {
    const { costs, words } = costsToCover(cmp, 0.5);
    const options = costs.filter((c) => c.lossBoundedByPremium);
    expect(options.map((c) => c.cost)).toEqual([...options.map((c) => c.cost)].sort((a, b) => a - b));
    for (const c of options) {
      const s = cmp.structures.find((x) => x.structure === c.structure)!;
      expect(c.units * s.gain).toBeGreaterThanOrEqual(0.5 * cmp.loss - 1e-6);
      expect((c.units - 1) * s.gain).toBeLessThan(0.5 * cmp.loss);
    }
    expect(costs.at(-1)?.structure).toBe('vx-future');
    expect(words).toMatch(/^Covering 50% of the \$20,052 drawdown loss costs \$[\d,]+ with spx-put-spread, /);
    expect(errorOf(() => costsToCover(cmp, 0)).field).toBe('coverage');
  });

  it('a plugged-in mark function prices every option structure', () => {
    const doubled = compareInContext(ctx, (legs, s) => 2 * markValue(legs, s), undefined);
    for (const s of doubled.structures.filter((x) => x.lossBoundedByPremium)) {
      const base = cmp.structures.find((x) => x.structure === s.structure)!;
      // the marks double; the fees do not
      expect(s.fees).toBe(base.fees);
      expect(s.premium - s.fees).toBeCloseTo(2 * (base.premium - base.fees), 9);
      expect(s.gain).toBeCloseTo(2 * (base.gain + base.fees) - base.fees, 9);
      expect(s.size!.units).toBe(Math.ceil((1.8 * ctx.loss) / s.gain - 1e-9));
    }
  });
});

function markValue(legs: readonly Leg[], s: MarketState): number {
  return markBook(legs, s).value;
}

describeWithData('invariants on every documented day', () => {
  for (const day of DOC_DAYS) {
    describe(day, () => {
      let ctx: HedgeContext;
      beforeAll(() => {
        ctx = hedgeContext(standardCondorDay(day));
      });
      it('gain = stressed value − premium (vx-future: − the carry and fees paid), in the scenario and each analog; premiums positive', () => {
        for (const s of TAIL_STRUCTURES) {
          const u = priceStructure(ctx, s);
          expect(u.premium).toBeGreaterThan(0);
          expect(u.analogs).toHaveLength(3);
          if (s !== 'vx-future') {
            expect(u.gain).toBe(u.stressedValue - u.premium);
            for (const a of u.analogs) expect(a.gain).toBe(a.value - u.premium);
            // the mark today and the fee of each contract opened
            const contracts = u.legs.reduce((n, l) => n + Math.abs(l.quantity), 0);
            expect(u.fees).toBeCloseTo(0.65 * contracts, 12);
            expect(u.premium).toBeCloseTo(markValue(u.legs, ctx.now) + u.fees, 9);
          } else {
            // its premium is capital at risk (held, not spent) plus what holding costs
            const paid = u.stressedValue - u.gain;
            expect(paid).toBeGreaterThan(0);
            expect(u.premium).toBeCloseTo(
              futureCapitalAtRisk(
                ctx.tailFuture,
                futureImpliedVol(ctx.now, ctx.valuationDate, ctx.tailExpiry, ctx.tailFuture),
                ctx.horizonDays,
              ) + paid,
              6,
            );
            for (const a of u.analogs) expect(a.gain).toBeCloseTo(a.value - paid, 9);
          }
        }
      });
      it('sizes are the fewest units that reach the coverage, monotone in coverage', () => {
        for (const s of TAIL_STRUCTURES) {
          const u = priceStructure(ctx, s);
          if (!(u.gain > 0)) continue;
          let prev = 0;
          for (const cov of [0.25, 0.5, 1, 1.5, 1.8, 2.5, 4]) {
            const z = sizeStructure(u, ctx.loss, cov);
            expect(z.units * u.gain).toBeGreaterThanOrEqual(cov * ctx.loss - 1e-6);
            expect((z.units - 1) * u.gain).toBeLessThan(cov * ctx.loss);
            expect(z.units).toBeGreaterThanOrEqual(prev);
            expect(z.coverageAchieved).toBeGreaterThanOrEqual(cov - 1e-9);
            prev = z.units;
          }
        }
      });
      it('a spread is worth less than its long call; a ladder is the sum of its calls', () => {
        const call = priceStructure(ctx, 'vix-call');
        const spread = priceStructure(ctx, 'vix-call-spread');
        expect(spread.premium).toBeLessThan(call.premium);
        expect(spread.stressedValue).toBeLessThan(call.stressedValue);
        const ladder = priceStructure(ctx, 'vix-call-ladder');
        const parts = ladder.legs.reduce((a, l) => a + markValue([l], ctx.now) + 0.65, 0);
        expect(ladder.premium).toBeCloseTo(parts, 9);
        expect(ladder.legs[0]!.strike).toBeGreaterThan(call.legs[0]!.strike);
      });
      it('spreads never gain more than their width', () => {
        const cs = priceStructure(ctx, 'vix-call-spread');
        expect(cs.stressedValue).toBeLessThanOrEqual(10 * 100);
        const ps = priceStructure(ctx, 'spx-put-spread');
        const width = ps.legs[0]!.strike - ps.legs[1]!.strike;
        expect(width).toBeGreaterThanOrEqual(50);
        expect(ps.stressedValue).toBeLessThanOrEqual(width * 100);
      });
    });
  }
});

/** 2024-03-01: SPX 5100, VIX 14 and its four VX futures. */
const MARCH_2024 = {
  spx: 5100,
  vix: 14,
  vvix: 90,
  rate: 0.05,
  divYield: 0.014,
  futures: [
    { expiry: '2024-03-20', price: 14.6 },
    { expiry: '2024-04-17', price: 15.4 },
    { expiry: '2024-05-22', price: 16.0 },
    { expiry: '2024-06-18', price: 16.5 },
  ],
};

describe('a structure that gains nothing cannot cover', () => {
  const input = {
    valuationDate: '2024-03-01',
    market: MARCH_2024,
    condors: [
      { expiry: '2024-04-19', strikes: [4700, 4750, 5400, 5450] as [number, number, number, number], quantity: 10 },
    ],
    // a "drawdown" in which VIX falls: no VIX call can gain
    policy: { stressVix: 10 },
  };
  it('sizeStructure throws no_solution naming the structure', () => {
    const ctx = hedgeContext(input);
    const u = priceStructure(ctx, 'vix-call');
    expect(u.gain).toBeLessThanOrEqual(0);
    const e = errorOf(() => sizeStructure(u, ctx.loss, 1.8));
    expect(e.code).toBe('no_solution');
    expect(e.field).toBe('vix-call');
    expect(e.message).toMatch(/^vix-call: long VIX .* gains nothing and cannot cover the loss/);
  });
  it('its fix names only fields a caller can set (no policy field picks the structure)', () => {
    const ctx = hedgeContext(input);
    for (const s of ['vix-call', 'vix-call-spread', 'vix-call-ladder'] as const) {
      const e = errorOf(() => sizeStructure(priceStructure(ctx, s), ctx.loss, 1.8));
      expect(e.message).not.toMatch(/tailStructure|another tail structure/);
      expect(e.fix).toMatch(/^buy one of the other structures compared that can cover/);
      for (const [, f] of e.fix.matchAll(/policy\.(\w+)/g)) expect(POLICY_FIELDS, f).toContain(f);
      for (const [, f] of e.fix.matchAll(/structures\.params\.(\w+)/g))
        expect(Object.keys(StructureParamsSchema.shape), f).toContain(f);
    }
    expect(() => resolvePolicy({ tailStructure: 'vix-call-spread' })).toThrow(/unknown policy field "tailStructure"/);
  });
  it('the comparison keeps it, without a size, after those that cover', () => {
    const c = compareTailStructures(input);
    const dead = c.structures.filter((s) => s.size === null);
    expect(dead.length).toBeGreaterThan(0);
    expect(dead.every((s) => s.noSolution?.includes('cannot cover'))).toBe(true);
    const firstDead = c.structures.findIndex((s) => s.size === null);
    expect(c.structures.slice(firstDead).every((s) => s.size === null)).toBe(true);
  });
  it('a unit the marks price at nothing is reported, never divided by', () => {
    const c = compareInContext(hedgeContext(input), () => 0);
    for (const s of c.structures.filter((x) => x.lossBoundedByPremium)) {
      expect(s.size).toBeNull();
      expect(s.noSolution).toMatch(/is worth \$0.00 today on the model, so it has no coverage per dollar/);
      expect(s.perDollar).toBe(0);
      for (const a of s.analogScores) expect(Number.isFinite(a.perDollar)).toBe(true);
    }
    expect(c.structures.at(-1)?.size).toBeNull();
  });
  it('the loss of a ladder of condors is the sum of the condors’ losses', () => {
    const one = hedgeContext(input);
    const two = hedgeContext({
      ...input,
      condors: [input.condors[0]!, { ...input.condors[0]!, expiry: '2024-04-26' }],
    });
    const second = hedgeContext({ ...input, condors: [{ ...input.condors[0]!, expiry: '2024-04-26' }] });
    expect(two.loss).toBeCloseTo(one.loss + second.loss, 6);
    expect(two.maxLoss).toBeCloseTo(one.maxLoss + second.maxLoss, 6);
    expect(two.horizonDays).toBe(second.horizonDays);
  });
  it('rejects bad input naming the field', () => {
    expect(errorOf(() => hedgeContext({ ...input, condors: [] })).field).toBe('condors');
    expect(errorOf(() => hedgeContext({ ...input, market: { ...input.market, vix: -14 } })).field).toBe('market.vix');
    // VVIX typed as a decimal was blamed on legs[0] at a vol of 1819%, a field never sent
    const decimalVvix = errorOf(() => hedgeContext({ ...input, market: { ...input.market, vvix: 1.12 } }));
    expect(decimalVvix.field).toBe('market.vvix');
    expect(decimalVvix.message).toMatch(/pass 95, not 0\.95/);
    // VVIX 15 is in points already: told the range, not to pass 95 for 0.95
    const lowVvix = errorOf(() => hedgeContext({ ...input, market: { ...input.market, vvix: 15 } }));
    expect([lowVvix.field, lowVvix.message]).toEqual([
      'market.vvix',
      'market.vvix: is 15, below 20; VVIX is in index points: pass a level from 20 to 400, e.g. 95',
    ]);
    expect(errorOf(() => hedgeContext({ ...input, policy: { tailCoverage: -1 } })).field).toBe('policy.tailCoverage');
    expect(errorOf(() => hedgeContext({ ...input, params: { spreadWidth: 0 } })).field).toBe('params.spreadWidth');
    const late = { ...input.condors[0]!, strikes: [4750, 4700, 5400, 5450] as [number, number, number, number] };
    expect(errorOf(() => hedgeContext({ ...input, condors: [input.condors[0]!, late] })).field).toBe(
      'condors[1].strikes',
    );
    const past = { ...input.condors[0]!, expiry: '2024-02-16' };
    expect(errorOf(() => hedgeContext({ ...input, condors: [past] })).field).toBe('condors[0].expiry');
    const unsorted = [...input.market.futures].reverse();
    expect(errorOf(() => hedgeContext({ ...input, market: { ...input.market, futures: unsorted } })).field).toMatch(
      /^market\.futures/,
    );
  });
});

describe("a long future's carry on the listed curve", () => {
  const curve = (date: string, prices: number[]) =>
    buildTermStructure({
      valuationDate: date,
      vixSpot: 18,
      futures: vxExpiriesAfter(date, prices.length).map((expiry, i) => ({ expiry, price: prices[i]! })),
    });

  it('of the last listed future, held short of its expiry, needs no contract past it', () => {
    // 2021-11-19, VIX 18, VX1 2021-12-22 (33 days) 20.8, VX2 2022-01-19 (61 days) 22.7: held 30
    // days, the January contract has 31 days left, on the curve 18 + (20.8 − 18)·31/33 = 20.6303
    const ts = curve('2021-11-19', [20.8, 22.7]);
    expect(() => futureForExpiry(ts, '2022-02-16')).toThrow(/after the last listed future/);
    expect(futureCarry(ts, '2022-01-19', 30)).toBeCloseTo((22.7 - (18 + (2.8 * 31) / 33)) * 1000, 6);
  });

  it("of the calendar's last contract (2040-11) asks for no December 2040 contract", () => {
    // asked for the December 2040 contract and failed on count, a field no user sends; held 30 of
    // its 58 days, it rolls down to the curve at 28 days: 19 + 0.6·5/35
    const ts = curve('2040-09-24', [19, 19.6]);
    expect(ts.points.map((p) => p.expiry)).toEqual(['2040-10-17', '2040-11-21']);
    expect(futureCarry(ts, '2040-11-21', 30)).toBeCloseTo((19.6 - (19 + (0.6 * 5) / 35)) * 1000, 6);
  });
});

describe('the budget buy', () => {
  /** A scored structure with only what the budget reads: its premium, gain, the rule's units and whether its loss is bounded. */
  const scored = (
    structure: StructureScore['structure'],
    premium: number,
    gain: number,
    units: number,
    lossBoundedByPremium = true,
  ): StructureScore =>
    ({
      structure,
      premium,
      gain,
      lossBoundedByPremium,
      size: { units, requiredUnits: units, cost: units * premium, coverageAchieved: 0 },
    }) as unknown as StructureScore;
  const ctx = { loss: 6000 } as HedgeContext;

  it('of two structures of equal protection takes the cheaper', () => {
    // $1,000 buys 10 of the $100 calls (10 · 300 = 3,000 of protection for $1,000) and the 10 the
    // rule asks of the $90 spreads (10 · 300 = 3,000 for $900): the same protection, $100 less
    const best = bestWithinBudget(
      ctx,
      [scored('vix-call', 100, 300, 10), scored('vix-call-spread', 90, 300, 10)],
      1000,
    );
    expect(best).toEqual({
      structure: 'vix-call-spread',
      budget: 1000,
      units: 10,
      cost: 900,
      protection: 3000,
      coverage: 0.5,
    });
  });

  it('never spends it on a future, whose loss a premium budget does not bound', () => {
    // 100 futures at $10 of carry would "protect" 100,000 on $1,000; the call's 10 units protect 3,000
    const best = bestWithinBudget(
      ctx,
      [scored('vx-future', 10, 1000, 100, false), scored('vix-call', 100, 300, 10)],
      1000,
    );
    expect(best?.structure).toBe('vix-call');
    expect(best?.protection).toBe(3000);
    expect(bestWithinBudget(ctx, [scored('vx-future', 10, 1000, 100, false)], 1000)).toBeUndefined();
  });
});

describeWithData('tail structures built off the default grid (2018-12-24)', () => {
  it("a spread's short call is at least the width above the long, rounded up to the grid", () => {
    // the long call is 24 (23.325 · 1.025 = 23.91 up to the 1-point grid); 24 + 2.5 = 26.5, up to the grid: 27
    const ctx = hedgeContext({ ...standardCondorDay('2018-12-24'), params: { spreadWidth: 2.5, ladderOtm: [0.25] } });
    const legs = priceStructure(ctx, 'vix-call-spread').legs;
    expect(legs.map((l) => [l.strike, l.quantity])).toEqual([
      [24, 1],
      [27, -1],
    ]);
    expect(legs[1]!.strike - legs[0]!.strike).toBeGreaterThanOrEqual(2.5);
  });

  it('a future held exactly to its expiry is one contract, paying one round trip of fees', () => {
    const ctx = hedgeContext(standardCondorDay('2018-12-24'));
    const fee = ctx.policy.transactionCostPerContract;
    const d = daysBetween(ctx.valuationDate, ctx.tailExpiry); // 51 days to 2019-02-13
    // held to its last day it settles: one contract opened and closed
    expect(priceStructure({ ...ctx, horizonDays: d }, 'vx-future').fees).toBeCloseTo(2 * fee, 12);
    // a day more and it is rolled into the next contract: two round trips
    expect(priceStructure({ ...ctx, horizonDays: d + 1 }, 'vx-future').fees).toBeCloseTo(4 * fee, 12);
  });
});

describe('the put spread of a ladder of condors', () => {
  it('protects the put side of the condor that loses most in the scenario, whatever their order', () => {
    const market = MARCH_2024;
    const small = {
      expiry: '2024-04-19',
      strikes: [4600, 4650, 5400, 5450] as [number, number, number, number],
      quantity: 1,
    };
    const large = {
      expiry: '2024-04-19',
      strikes: [4700, 4750, 5400, 5450] as [number, number, number, number],
      quantity: 10,
    };
    const alone = (c: typeof small) => hedgeContext({ valuationDate: '2024-03-01', market, condors: [c] }).loss;
    // the 10-lot loses more than the 1-lot in SPX −20% (5,100 → 4,080, below both put sides)
    expect(alone(large)).toBeGreaterThan(alone(small));
    for (const condors of [
      [small, large],
      [large, small],
    ]) {
      const ctx = hedgeContext({ valuationDate: '2024-03-01', market, condors });
      // long the 10-lot's short put, short the stressed spot 4,080 (below its long put, 4,700) on the 5-point grid
      expect(priceStructure(ctx, 'spx-put-spread').legs.map((l) => [l.strike, l.quantity])).toEqual([
        [4750, 1],
        [4080, -1],
      ]);
    }
  });
});
