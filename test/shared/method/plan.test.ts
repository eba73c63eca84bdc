import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  plan,
  planMarketState,
  spxMonthlyExpiry,
  vxExpiriesAfter,
  type Plan,
  type RebalanceStatus,
} from '@alvh/shared';
import { PlanInputSchema, type PlanInput } from '@alvh/shared';
import { markBook } from '@alvh/shared';
import { isAlvhError } from '@alvh/shared';
import { InputValidationError } from '@alvh/shared';
import { hedgeContext, resolvePolicy } from '@alvh/shared';
import { CALM_PLAN_INPUT, PLAN_2018_12_24 } from '../../helpers/fixtures';

/** A calm synthetic day (a contango curve, VIX 14). */
const input: PlanInput = CALM_PLAN_INPUT;

function allFinite(x: unknown, path = 'plan'): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => allFinite(v, `${path}[${i}]`));
  if (x !== null && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => allFinite(v, `${path}.${k}`));
  return [];
}

function rejection(raw: unknown): { field: string; message: string } {
  try {
    plan(raw as PlanInput);
  } catch (e) {
    if (isAlvhError(e)) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('plan — composition', () => {
  const p: Plan = plan(input);

  it('every number is finite and the shares sum to 1', () => {
    expect(allFinite(p)).toEqual([]);
    expect(p.split.calendarShare + p.split.tailShare).toBeCloseTo(1, 12);
    expect(p.regime).toBe('contango');
  });

  it('the audit trail runs in the method order', () => {
    const rules = p.audit.map((a) => a.rule);
    const order = [
      'curve.regime',
      'split.base',
      'condor.step1',
      'tail.scenario',
      'tail.contracts',
      'overlay.size',
      'budget',
      'budget.result',
      'capital.cap',
      'theta.subsidy',
      'tail.analogs',
    ];
    const idx = order.map((r) => rules.indexOf(r));
    expect(idx.every((i) => i >= 0)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });

  it('the book re-marks from the plan market state to the same value', () => {
    const state = planMarketState(p.market);
    expect(markBook(p.book.condor, state).value).toBeCloseTo(p.condor.markValue, 8);
    expect(p.book.tail).toEqual(p.tail.legs);
    expect(p.book.overlay).toEqual(p.overlay.legs);
  });

  it('the hedges fit the budget and the budget fits the 18% cap', () => {
    expect(p.budget.budget).toBeLessThanOrEqual(p.budget.costCap + 1e-9);
    expect(p.overlay.cost).toBeLessThanOrEqual(p.budget.calendarBudget + 1e-9);
    expect(p.tail.cost).toBeLessThanOrEqual(p.budget.tailBudget + 1e-9);
    expect(p.budget.hedgeCostRate).toBeLessThanOrEqual(0.18 + 1e-12);
    expect(p.budget.netHedgeDebit).toBeCloseTo(p.overlay.cost + p.tail.cost, 9);
  });

  it('a user budget large enough buys the full required hedge', () => {
    const big = plan({
      ...input,
      portfolio: { capital: 1e8, budget: 1e7 },
      policy: { maxHedgeCostRate: 5, targetIrr: 0, tailCoverage: 0.3 },
    });
    // with targetIrr 0 the IRR-preserving budget is the whole credit, which binds before the user's budget
    expect(big.budget.binding).toBe('irr');
    expect(big.budget.budget).toBeCloseTo(big.condor.maxProfit, 9);
    expect(big.tail.cut).toBe(false);
    expect(big.tail.contracts).toBe(big.tail.requiredContracts);
    expect(big.tail.coverageAchieved).toBeGreaterThanOrEqual(0.3);
    expect(big.overlay.units).toBeGreaterThanOrEqual(p.overlay.units);
    // hedges are bought at the model's marks: the book's value is the condor's mark plus what was paid
    expect(big.tail.contracts).toBeGreaterThan(0);
    expect(big.bookGreeks.value).toBeCloseTo(big.condor.markValue + big.overlay.cost + big.tail.cost, 6);
    expect(big.bookGreeks.vixDelta).toBeGreaterThan(0);
    // theta subsidy (section 7): overlay theta per day over the tail's
    expect(big.thetaSubsidy.ratio).toBeCloseTo(big.overlay.theta / Math.abs(big.tail.theta), 12);
    expect(big.tail.theta).toBeLessThan(0);
  });

  it('tighter caps never raise a size', () => {
    const loose = plan({ ...input, policy: { maxHedgeCostRate: 2 } });
    const tight = plan({ ...input, policy: { maxHedgeCostRate: 0.5 } });
    expect(tight.tail.contracts).toBeLessThanOrEqual(loose.tail.contracts);
    expect(tight.overlay.units).toBeLessThanOrEqual(loose.overlay.units);
  });

  it('property: a smaller user budget never buys more overlay units or tail contracts', () => {
    const loose = { maxHedgeCostRate: 5, targetIrr: 0 };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        (b1, b2) => {
          const lo = plan({ ...input, portfolio: { capital: 1e6, budget: Math.min(b1, b2) }, policy: loose });
          const hi = plan({ ...input, portfolio: { capital: 1e6, budget: Math.max(b1, b2) }, policy: loose });
          expect(lo.tail.contracts).toBeLessThanOrEqual(hi.tail.contracts);
          expect(lo.overlay.units).toBeLessThanOrEqual(hi.overlay.units);
          expect(lo.budget.netHedgeDebit).toBeLessThanOrEqual(Math.min(b1, b2) + 1e-6);
          expect(lo.tail.contracts).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('flags a quantity over the capital cap and names the largest that fits', () => {
    const q = plan({ ...input, condor: { ...input.condor!, quantity: 40 } });
    expect(q.capital.exceeds).toBe(true);
    expect(q.warnings.some((w) => w.includes(`reduce to ${q.capital.maxQuantity} condors`))).toBe(true);
  });

  it('other overlay structures size too', () => {
    const lp = plan({ ...input, policy: { overlay: 'spx-long-put', maxHedgeCostRate: 5, targetIrr: 0 } });
    expect(lp.overlay.unitLegs).toHaveLength(1);
    const dg = plan({ ...input, policy: { overlay: 'vix-call-diagonal', maxHedgeCostRate: 5, targetIrr: 0 } });
    expect(dg.overlay.vegaUnit).toBe('USD per VIX point');
    expect(dg.overlay.unitLegs.every((l) => l.kind === 'vix')).toBe(true);
  });

  it('events near the date warn, events in the condor life are listed per kind', () => {
    const events = [
      { date: '2024-01-03', kind: 'FOMC' as const, source: 'minutes' },
      { date: '2024-01-11', kind: 'CPI' as const, source: 'BLS release calendar' },
      { date: '2024-01-31', kind: 'FOMC' as const, source: 'Federal Reserve calendar' },
    ];
    const e = plan({ ...input, signals: { events } });
    expect(e.signals.eventsSource).toBe('shipped and given');
    expect(e.signals.eventRisk).toBe(true);
    expect(e.warnings.some((w) => w.startsWith('Event risk: FOMC on 2024-01-03'))).toBe(true);
    const [fomc, cpi, ppi] = e.signals.eventsInCondorLifeByKind;
    // FOMC: the shipped 2024-01-31 decision is listed once, beside the user's 2024-01-03.
    expect(fomc).toMatchObject({ kind: 'FOMC', covered: true });
    expect(fomc!.events!.map((x) => x.date)).toEqual(['2024-01-03', '2024-01-31']);
    // CPI: the release given is also shipped (the BLS archive): listed once, the shipped one kept.
    expect(cpi).toMatchObject({ kind: 'CPI', covered: true });
    expect(cpi!.events!.map((x) => x.date)).toEqual(['2024-01-11', '2024-02-13']);
    expect(cpi!.events![0]!.source).toMatch(/^U\.S\. Bureau of Labor Statistics, Consumer Price Index/);
    // PPI: nothing given, the shipped releases inside the life.
    expect(ppi).toMatchObject({ kind: 'PPI', covered: true });
    expect(ppi!.events!.map((x) => x.date)).toEqual(['2024-01-12', '2024-02-16']);
    expect(e.warnings.some((w) => w.includes('no event calendar for this date'))).toBe(false);
    // replace: the user's list alone; FOMC is covered only from its first to its last date given.
    const r = plan({ ...input, signals: { events, eventsMode: 'replace' } });
    expect(r.signals.eventsSource).toBe('given');
    expect(r.signals.eventsInCondorLifeByKind[0]!.covered).toBe(false);
    expect(r.warnings).toContain(
      "FOMC, CPI, PPI: no event calendar for this date (the FOMC calendar covers 2024-01-03 to 2024-01-31; the CPI calendar covers 2024-01-11 to 2024-01-11; no PPI dates): event risk from them is not checked near the date or in the condor's life to 2024-02-16; pass their dates from before the valuation date to after 2024-02-16 as your events (signals.events) with the mode 'replace' (signals.eventsMode): your list is then the whole calendar, each kind complete from its first to its last date (dates added to the shipped calendar count for event risk but complete no span).",
    );
  });

  it('without events, the shipped FOMC decisions and CPI/PPI releases are read', () => {
    const e = plan(input);
    expect(e.signals.eventsSource).toBe('shipped');
    expect(e.signals.eventsNearByKind).toEqual([
      { kind: 'FOMC', covered: true, events: [] },
      { kind: 'CPI', covered: true, events: [] },
      { kind: 'PPI', covered: true, events: [] },
    ]);
    expect(e.signals.eventsInCondorLifeByKind.map((k) => [k.kind, k.covered, k.events?.map((x) => x.date)])).toEqual([
      ['FOMC', true, ['2024-01-31']],
      ['CPI', true, ['2024-01-11', '2024-02-13']],
      ['PPI', true, ['2024-01-12', '2024-02-16']],
    ]);
    expect(() => plan({ ...input, signals: { eventsMode: 'replace' } })).toThrow(/eventsMode needs signals\.events/);
  });

  it('a condor whose credit alone misses the return target says no hedge budget is left', () => {
    // a credit of 1 a share on the 50-wide condor: 16.6% a year on risk, under the 25% target
    const thin = plan({ ...input, condor: { ...input.condor!, credit: 1 } });
    expect(thin.budget.irrBudgetRaw).toBeLessThan(0);
    expect(thin.budget.budget).toBe(0);
    expect(thin.warnings).toContain(
      'The condor alone returns 16.6% a year on risk, below the 25% target (policy.targetIrr): no hedge budget is left.',
    );
    // the day's own credit meets the target: not said
    expect(plan(input).warnings.filter((w) => w.includes('no hedge budget is left'))).toEqual([]);
  });

  it('a scenario in which the tail call cannot gain: no contracts, the reason first among the warnings', () => {
    const q = plan({ ...input, policy: { stressVix: 8 } });
    expect(q.tail.noSolution).toMatch(/cannot cover/);
    expect(q.tail.contracts).toBe(0);
    expect(q.tail.requiredContracts).toBe(0);
    expect(q.book.tail).toEqual([]);
    expect(q.warnings[0]).toMatch(/^The tail hedge cannot cover the drawdown/);
  });

  it('a shock speed that leaves the hedge future unmoved is named, and a later expiry is not offered', () => {
    // shockKappa 30 with a tail 300-365 days out: the future takes e^(−30·τ) of the VIX rise, nothing;
    // the fix said "choose a later hedge expiry", which takes less of it still
    const q = plan({ ...input, policy: { shockKappa: 30, tailDteMin: 300, tailDteTarget: 320, tailDteMax: 365 } });
    expect(q.tail.contracts).toBe(0);
    expect(q.warnings[0]).toMatch(
      /; raise the stressed VIX \(policy\.stressVix or policy\.stressVixPerPct\), lower policy\.shockKappa \(at 30 the hedge future, \d+ days from expiry after the drawdown, takes under 0\.1% of the VIX rise\), or lower policy\.tailOtmPct\.$/,
    );
    expect(q.warnings[0]).not.toMatch(/later hedge expiry/);
    // a stressed VIX below today's: no rise for a lower speed to pass on, so it is not offered
    const down = plan({ ...input, policy: { stressVix: 8 } });
    expect(down.warnings[0]).toMatch(
      /; raise the stressed VIX \(policy\.stressVix or policy\.stressVixPerPct\), or lower policy\.tailOtmPct\.$/,
    );
  });

  it('the shock share named in the fix: at most all of the VIX rise, and small shares said to a tenth of a percent', () => {
    // a tail 15 days out and a 20-day drawdown: the future has expired by the scenario's end, it takes
    // the whole rise (0 days left), not more than all of it
    const expired = plan({
      ...input,
      policy: { drawdownDays: 20, tailDteMin: 14, tailDteTarget: 15, tailDteMax: 16, stressVix: 14 },
    });
    expect(expired.tail.daysToExpiry).toBe(15);
    expect(expired.warnings[0]).toContain(
      'lower policy.shockKappa (at 6 the hedge future, 0 days from expiry after the drawdown, takes 100% of the VIX rise)',
    );
    // shockKappa 30, a tail 78 days out: 68 days left after the drawdown pass e^(−30·68/365) = 0.4% of the rise
    const slow = plan({ ...input, policy: { shockKappa: 30, tailDteMin: 60, tailDteTarget: 70, tailDteMax: 90 } });
    expect(slow.tail.daysToExpiry).toBe(78);
    expect(slow.warnings[0]).toContain(
      'lower policy.shockKappa (at 30 the hedge future, 68 days from expiry after the drawdown, takes 0.4% of the VIX rise)',
    );
  });

  it('a tail expiry missing from the futures is priced from the fit, and the plan says so', () => {
    // 2024-02-13: the tail's April future (64 days) is left out, the curve goes on to May
    const q = plan({
      ...input,
      valuationDate: '2024-02-13',
      market: {
        ...input.market,
        futures: [
          { expiry: '2024-02-14', price: 13.9 },
          { expiry: '2024-03-20', price: 15.2 },
          { expiry: '2024-05-22', price: 16.1 },
        ],
      },
      condor: { expiry: '2024-03-15', strikes: [4410, 4460, 5050, 5100], quantity: 4 },
    });
    expect(q.tail.expiry).toBe('2024-04-17');
    expect(q.warnings.some((w) => w.startsWith('The tail expiry 2024-04-17 is not among the futures given'))).toBe(
      true,
    );
    expect(p.warnings.some((w) => w.startsWith('The tail expiry'))).toBe(false);
  });

  it('a last-rebalance curve without its F1 or F2 feeds the curve shift, not the flattening rule', () => {
    // 2023-12-15: F1 is 2023-12-20, no longer listed on 2024-01-02; F1 − F2 of the futures given
    // (2024-01-17 and 2024-02-14) would be a spread of other contracts
    const lastRebalance = {
      date: '2023-12-15',
      vix: 12.3,
      // read as F1 − F2, 17.9 − 15.2 = 2.7 would have fired the flattening rule against today's −1.3
      futures: input.market.futures.map((f, i) => ({ ...f, price: i === 0 ? f.price + 4 : f.price })),
    };
    const q = plan({ ...input, lastRebalance });
    expect(q.audit.some((a) => a.rule === 'split.flattening')).toBe(false);
    expect(q.warnings).toContain(
      "lastRebalance.futures lacks the VX future of 2023-12-20, F1 on 2023-12-15: that day's F1 − F2 spread is not known, so the split's flattening rule does not read it; pass signals.prevSpread, or that future's price on 2023-12-15.",
    );
    // 18 days since 2023-12-15: the days trigger decides, so the shift read past the gap is only noted
    expect(q.rebalance.due).toBe(true);
    expect((q.rebalance as RebalanceStatus).triggers).toEqual(['days', 'curve-shift']);
    expect(q.warnings.some((w) => w.startsWith('The curve shift reads'))).toBe(false);
    expect(q.audit.find((a) => a.rule === 'rebalance.curve-shift')?.inputs).toMatchObject({
      thenTenorsAcrossMissing: '30',
      thenMissing: '2023-12-20',
    });
    // with signals.prevSpread given, no warning: the rule reads the one given
    const given = plan({ ...input, lastRebalance, signals: { prevSpread: 2 } });
    expect(given.warnings.some((w) => w.startsWith('lastRebalance.futures lacks'))).toBe(false);
    expect(given.audit.some((a) => a.rule === 'split.flattening')).toBe(true);
  });

  it("a curve shift read past the last rebalance's missing F1 is said, naming that future and day", () => {
    // 2018-10-17 (quantintell settlements), last rebalance 2018-10-11 whose October future expired
    // today: with it the 30-day value is 19.36 and the shift 11.3%, not due; without it the value
    // reads 20.26 on the line VIX spot → November and the shift 15.3%, due
    const vx = (d: string, p: number[]) => vxExpiriesAfter(d, p.length).map((expiry, i) => ({ expiry, price: p[i]! }));
    const day: PlanInput = {
      valuationDate: '2018-10-17',
      market: {
        spx: 2809.21,
        vix: 17.4,
        rate: 0.022,
        divYield: 0.019,
        futures: vx('2018-10-17', [17.125, 17.175, 17.575, 17.675, 17.875, 17.975, 18.125, 18.25]),
      },
      condor: { expiry: '2018-11-30', strikes: [2500, 2550, 3050, 3100], quantity: 4 },
      portfolio: { capital: 1_000_000 },
    };
    const then = vx('2018-10-11', [21.175, 18.525, 17.925, 18.125, 18.175, 18.325, 18.375, 18.525]);
    const full = plan({ ...day, lastRebalance: { date: '2018-10-11', vix: 24.98, futures: then } });
    expect(full.rebalance.due).toBe(false);
    expect((full.rebalance as RebalanceStatus).shift).toBeCloseTo(0.1133, 4);
    expect(full.warnings.some((w) => w.startsWith('The curve shift reads'))).toBe(false);
    const left = plan({ ...day, lastRebalance: { date: '2018-10-11', vix: 24.98, futures: then.slice(1) } });
    expect(left.rebalance.due).toBe(true);
    expect((left.rebalance as RebalanceStatus).shift).toBeCloseTo(0.1527, 4);
    expect(left.warnings).toContain(
      "The curve shift reads 2018-10-11's 30-day (20.26) constant-maturity value on a straight line from VIX spot to the 2018-11-21 future, past the 2018-10-17 future (F1) that lastRebalance.futures lacks: the curve moved 15.3% (trigger 15%), 5.2% over the other tenors; pass that future's price on 2018-10-11 to read the shift through it.",
    );
    // not due under a 20% trigger: the not-due audit row names the tenors read past the gap
    const loose = plan({
      ...day,
      lastRebalance: { date: '2018-10-11', vix: 24.98, futures: then.slice(1) },
      policy: { curveShiftTrigger: 0.2 },
    });
    expect(loose.rebalance.due).toBe(false);
    expect(loose.audit.find((a) => a.rule === 'rebalance.not-due')?.inputs).toMatchObject({
      tenorDays: 30,
      thenTenorsAcrossMissing: '30',
      thenMissing: '2018-10-17',
    });
  });

  it('a tail window expiry past the futures given is named first, not reported as missing', () => {
    // 2021-12-20 with VX1 and VX2 only: 2022-02-16 (58 days) is in the 45-60-day window, but the
    // tail can only take 2022-01-19 (30 days), a month before the condor
    const short: PlanInput = {
      valuationDate: '2021-12-20',
      market: {
        spx: 4568,
        vix: 22.87,
        vvix: 115,
        rate: 0.001,
        divYield: 0.013,
        futures: [
          { expiry: '2021-12-22', price: 22.5 },
          { expiry: '2022-01-19', price: 24 },
        ],
      },
      condor: { expiry: '2022-02-18', strikes: [3900, 3950, 5100, 5150], quantity: 10 },
      portfolio: { capital: 2_000_000 },
    };
    const q = plan(short);
    expect(q.tail.expiry).toBe('2022-01-19');
    expect(q.warnings[0]).toBe(
      "The futures given end at 2022-01-19, before 2022-02-16 (58 days), the VX expiry in the tail's 45-60-day window: the tail uses 2022-01-19 (30 days) instead, expiring before the condor (2022-02-18), a different hedge in expiry and size. Pass the VX future of 2022-02-16 in market.futures to size the tail on its window.",
    );
    expect(q.warnings.some((w) => w.startsWith('No VX expiry lies'))).toBe(false);
    // with a weekly future inside the window as the last one given, the same
    const weekly = plan({
      ...short,
      market: { ...short.market, futures: [...short.market.futures, { expiry: '2022-02-09', price: 24.5 }] },
    });
    expect(weekly.warnings[0]).toMatch(/^The futures given end at 2022-02-09, before 2022-02-16 \(58 days\)/);
    // with its future the tail is sized on the window's expiry
    const full = plan({
      ...short,
      market: { ...short.market, futures: [...short.market.futures, { expiry: '2022-02-16', price: 24.8 }] },
    });
    expect([full.tail.expiry, full.tail.daysToExpiry]).toEqual(['2022-02-16', 58]);
    expect(full.warnings.some((w) => w.includes("tail's 45-60-day window") || w.startsWith('No VX expiry'))).toBe(
      false,
    );
  });

  it('a curve without its F2 is refused, not read with the next contract as F2', () => {
    // F2 left out, F1 − F3 would be the spread, the regime and the split: the plan names the gap
    const futures = input.market.futures.filter((f) => f.expiry !== '2024-02-14');
    const e = rejection({ ...input, market: { ...input.market, futures } });
    expect(e.field).toBe('market.futures[1].expiry');
    expect(e.message).toMatch(
      /is 2024-03-20, and the February 2024 VX future \(F2, settling 2024-02-14\) before it is not listed: F1 and F2 are the first two VX futures expiring after the valuation date.*; add the February 2024 future \(expiry 2024-02-14\) with its price$/,
    );
  });

  it('without a last rebalance, the rebalance status says what to pass', () => {
    expect(p.rebalance.due).toBeNull();
    expect(p.rebalance.reason).toMatch(/lastRebalance/);
  });

  it('the input schema exports to JSON Schema for the HTTP API', async () => {
    const { z } = await import('zod');
    expect(() => z.toJSONSchema(PlanInputSchema, { io: 'input' })).not.toThrow();
  });
});

describe('plan — a valuation date when no market closes', () => {
  it('warns on a weekend or an exchange holiday, naming the last close; not on a trading day', () => {
    const on = (valuationDate: string) =>
      plan({ ...PLAN_2018_12_24, valuationDate }).warnings.filter((w) => w.startsWith('valuationDate'));
    expect(on('2018-12-22')).toEqual([
      'valuationDate 2018-12-22 is a Saturday, when no market closes: every time to expiry counts from it. If the prices are the closes of 2018-12-21, pass valuationDate 2018-12-21.',
    ]);
    expect(on('2018-12-23')[0]).toMatch(/^valuationDate 2018-12-23 is a Sunday, .* closes of 2018-12-21, /);
    expect(on('2018-12-25')[0]).toMatch(/^valuationDate 2018-12-25 is an exchange holiday, .* closes of 2018-12-24, /);
    expect(on('2018-12-24')).toEqual([]);
  });
});

describe('plan — a valuation date past the condor and the front future', () => {
  it('names the date, not the front future (whose fix, dropping it, never mended a date typed late)', () => {
    // PLAN_2018_12_24: condor expiry 2019-02-15, front VX 2019-01-16
    const at = (valuationDate: string) => {
      try {
        plan({ ...PLAN_2018_12_24, valuationDate });
        return 'planned';
      } catch (e) {
        return isAlvhError(e) ? e.message : String(e);
      }
    };
    expect(at('2019-02-19')).toBe(
      "valuationDate: is 2019-02-19, on or after both the condor's expiry 2019-02-15 and the front VX future's 2019-01-16; check the date: pass the day the prices are of, before both expiries",
    );
    expect(at('2019-02-15')).toMatch(/^valuationDate: is 2019-02-15, on or after both/);
    // the curve sent in any order: its earliest expiry is the front
    const reversed = { ...PLAN_2018_12_24.market, futures: [...PLAN_2018_12_24.market.futures].reverse() };
    let said = '';
    try {
      plan({ ...PLAN_2018_12_24, market: reversed, valuationDate: '2019-02-19' });
    } catch (e) {
      said = isAlvhError(e) ? e.message : String(e);
    }
    expect(said).toMatch(
      /^valuationDate: is 2019-02-19, on or after both the condor's expiry 2019-02-15 and the front VX future's 2019-01-16/,
    );
    // the front future alone past the date: that future is named, as before
    expect(at('2019-01-17')).toMatch(/^market\.futures\[0\]\.expiry: is 2019-01-16, on or before the valuation date/);
  });
});

describe('plan — every rejection names the field and the fix', () => {
  it.each([
    [{ ...input, valuationDate: '2024-02-30' }, 'valuationDate'],
    [{ ...input, market: { ...input.market, vix: 0.132 } }, 'market.vix'],
    [{ ...input, market: { ...input.market, rate: 5.2 } }, 'market.rate'],
    [{ ...input, market: { ...input.market, futures: [{ expiry: '2024-01-17', price: 13.9 }] } }, 'market.futures'],
    [{ ...input, condor: { ...input.condor, strikes: [4460, 4410, 5050, 5100] } }, 'condor.strikes[0]'],
    [{ ...input, condor: { ...input.condor, quantity: 0 } }, 'condor.quantity'],
    [{ ...input, condor: { ...input.condor, vol: 15 } }, 'condor.vol'],
    // a vol of nothing priced no credit and was blamed on condor.credit, a field not sent
    [{ ...input, condor: { ...input.condor, vol: 5e-324 } }, 'condor.vol'],
    [{ ...input, condor: { ...input.condor, vol: undefined, vols: [0.2, 0.18, 0.005, 0.15] } }, 'condor.vols[2]'],
    // a vol of 500% priced a 50-wide condor's credit at 48.87 and its every hedge at 0, unsaid
    [{ ...input, condor: { ...input.condor, vol: 5 } }, 'condor.vol'],
    [{ ...input, condor: { ...input.condor, vol: undefined, vols: [0.2, 0.18, 2.5, 0.15] } }, 'condor.vols[2]'],
    [{ ...input, portfolio: { capital: -1 } }, 'portfolio.capital'],
    [{ ...input, portfolio: { capital: 1e-300 } }, 'portfolio.capital'],
    [{ ...input, portfolio: { capital: 1e308 } }, 'portfolio.capital'],
    [{ ...input, portfolio: { capital: 1e6, budget: 1e308 } }, 'portfolio.budget'],
    [{ ...input, policy: { vegaMatch: 0.8 } }, 'policy.vegaMatch'],
    [{ ...input, policy: { tailCoverag: 2 } }, 'policy'],
    [{ ...input, signals: { rsi: 140 } }, 'signals.rsi'],
    // an RSI typed as a fraction fired the oversold rule over HTTP while Excel refused it
    [{ ...input, signals: { rsi: 0.35 } }, 'signals.rsi'],
    // VVIX 15 built the VIX-option surface at VVIX 20, its bound, in silence
    [{ ...input, market: { ...input.market, vvix: 15 } }, 'market.vvix'],
    [{ ...input, market: { ...input.market, vvix: 450 } }, 'market.vvix'],
    [{ ...input, policy: { vegaMatch: 0.55, vegaMatchCap: 0.45 } }, 'policy.vegaMatch'],
    // the flat band moved above the default steep threshold was blamed on market.policy.steepSpread
    [{ ...input, policy: { flatBand: 4 } }, 'policy.flatBand'],
    [{ ...input, policy: { steepSpread: 0.2 } }, 'policy.steepSpread'],
  ])('%#: %s', (raw, field) => {
    const e = rejection(raw);
    expect(e.field).toBe(field);
    expect(e.message.length).toBeGreaterThan(field.length + 10);
  });

  it('says when RSI or MACD come from a history too short to settle, and not from 100 closes and 108 values on', () => {
    const closes = (n: number) => Array.from({ length: n }, (_, i) => 4700 + 40 * Math.sin(i / 3));
    const vvix = (n: number) => Array.from({ length: n }, (_, i) => 95 + 10 * Math.sin(i / 5));
    const short = plan({ ...input, signals: { spxCloses: closes(30), vvixCloses: vvix(40) } });
    expect(short.warnings.find((w) => w.startsWith('RSI from 30 SPX closes'))).toMatch(/pass 100 or more closes/);
    expect(short.warnings.find((w) => w.startsWith('MACD from 40 values of signals.vvixCloses'))).toMatch(
      /pass 108 or more/,
    );
    const settled = plan({ ...input, signals: { spxCloses: closes(100), vvixCloses: vvix(108) } });
    expect(settled.warnings.filter((w) => /^(RSI|MACD) from/.test(w))).toEqual([]);
    // MACD(12, 26, 9)'s slow EMA keeps 25/27 of its value a day: 0.19% of its seed is left after 108 values
    const macd100 = plan({ ...input, signals: { vvixCloses: vvix(100) } });
    expect(macd100.warnings.find((w) => w.startsWith('MACD from 100 values'))).toMatch(/pass 108 or more/);
  });

  it('the short-history RSI warning follows policy.rsiPeriod: at period 100, 101 closes are no settled RSI', () => {
    const closes = (n: number) => Array.from({ length: n }, (_, i) => 4700 + 40 * Math.sin(i / 3) + i);
    const warned = (n: number, rsiPeriod: number) =>
      plan({ ...input, signals: { spxCloses: closes(n) }, policy: { rsiPeriod } }).warnings.find((w) =>
        w.startsWith('RSI from'),
      );
    // (99/100)^624 = 0.19% of the seed left: 101 + 624 closes
    expect(warned(101, 100)).toMatch(
      /^RSI from 101 SPX closes: at period 100 \(policy\.rsiPeriod\) Wilder's smoothing keeps its start for about 725 closes, .*; pass 725 or more closes\.$/,
    );
    expect(warned(724, 100)).toMatch(/pass 725 or more closes/);
    expect(warned(725, 100)).toBeUndefined();
    // a short period settles sooner: (1/2)^10 is below the tolerance, 3 + 10 closes
    expect(warned(12, 2)).toMatch(/about 13 closes/);
    expect(warned(13, 2)).toBeUndefined();
    expect(warned(99, 14)).toMatch(/at period 14 .*pass 100 or more closes/);
  });

  it('refuses a condor expiry on a weekend or exchange holiday, where no SPX option lists, naming the trading day before', () => {
    // priced as given with a warning, its orders named SPXW contracts no exchange lists
    const refused = (raw: unknown) => {
      const e = rejection(raw);
      expect(e.message.startsWith(`${e.field}: `)).toBe(true);
      return e.message;
    };
    expect(refused({ ...input, condor: { ...input.condor, expiry: '2024-02-17' } })).toBe(
      "condor.expiry: is 2024-02-17, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the trading day before is 2024-02-16",
    );
    // Presidents' Day 2024
    expect(refused({ ...input, condor: { ...input.condor, expiry: '2024-02-19' } })).toMatch(
      /^condor\.expiry: is 2024-02-19, not an exchange trading day, .* the trading day before is 2024-02-16$/,
    );
    const { condor, ...rest } = input;
    expect(refused({ ...rest, condors: [condor, { ...condor, expiry: '2024-01-15' }] })).toMatch(
      /^condors\[1\]\.expiry: is 2024-01-15, not an exchange trading day, .* the trading day before is 2024-01-12$/,
    );
    expect(PlanInputSchema.safeParse({ ...input, condor: { ...input.condor, expiry: '2024-02-17' } }).success).toBe(
      false,
    );
    // the structures' book alike: its put spread is struck at the condor's expiry
    expect(() =>
      hedgeContext({
        valuationDate: input.valuationDate,
        market: { ...input.market, divYield: 0.015 },
        condors: [{ expiry: '2024-02-17', strikes: [4410, 4460, 5050, 5100], quantity: 4 }],
      }),
    ).toThrow(/^condors\[0\]\.expiry: is 2024-02-17, not an exchange trading day/);
  });

  it('never offers a condor expiry on or before the valuation date as the listed one', () => {
    // 2023-12-30 is a Saturday before 2024-01-02: the trading day before it is no fix, the date order is
    expect(rejection({ ...input, condor: { ...input.condor, expiry: '2023-12-30' } }).message).toBe(
      'condor.expiry: is 2023-12-30, not after the valuation date 2024-01-02; pass the condor expiry, a date after the valuation date',
    );
    // Christmas 2018, the day after the valuation date: the trading day before it is that date itself
    expect(rejection({ ...PLAN_2018_12_24, condor: { ...PLAN_2018_12_24.condor, expiry: '2018-12-25' } }).message).toBe(
      "condor.expiry: is 2018-12-25, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the first trading day after the valuation date is 2018-12-26",
    );
    expect(() =>
      hedgeContext({
        valuationDate: '2018-12-24',
        market: PLAN_2018_12_24.market,
        condors: [{ expiry: '2018-12-25', strikes: [1750, 1800, 2850, 2900], quantity: 10 }],
      }),
    ).toThrow(/^condors\[0\]\.expiry: is 2018-12-25, .* the first trading day after the valuation date is 2018-12-26$/);
  });

  it('checks made past the schema name the plan field too', () => {
    expect(rejection({ ...input, condor: { ...input.condor, expiry: '2023-12-29' } }).field).toBe('condor.expiry');
    const unsorted = { ...input, market: { ...input.market, futures: [...input.market.futures].reverse() } };
    expect(rejection(unsorted).field).toMatch(/^market\.futures/);
    // three closes in points: too few for RSI(14), named past the schema
    expect(rejection({ ...input, signals: { spxCloses: [4700, 4710, 4690] } }).field).toBe('signals.spxCloses');
    expect(rejection({ ...input, condor: { ...input.condor, credit: 55 } }).field).toBe('condor.credit');
  });

  it('a last-rebalance curve too short for the shift names lastRebalance.futures', () => {
    const lastRebalance = {
      date: '2023-12-28',
      vix: 12.5,
      futures: [
        { expiry: '2024-01-03', price: 13 },
        { expiry: '2024-01-17', price: 13.5 },
      ],
    };
    expect(rejection({ ...input, lastRebalance }).field).toBe('lastRebalance.futures');
    const stale = { ...lastRebalance, futures: [{ expiry: '2023-12-20', price: 13 }, ...lastRebalance.futures] };
    expect(rejection({ ...input, lastRebalance: stale }).field).toBe('lastRebalance.futures[0].expiry');
  });

  it('schema errors list every issue', () => {
    expect.assertions(3);
    try {
      plan({ ...input, market: { ...input.market, spx: -1, vix: -1 } });
    } catch (e) {
      expect(e).toBeInstanceOf(InputValidationError);
      const paths = (e as InputValidationError).issues.map((i) => i.path);
      expect(paths).toContain('market.spx');
      expect(paths).toContain('market.vix');
    }
  });
});

describe('the plan carries its resolved policy', () => {
  it('defaults when no policy is given, the overrides over the defaults when one is', () => {
    expect(plan(input).policy).toEqual(resolvePolicy());
    const p = plan({ ...input, policy: { tailCoverage: 2.5 } });
    expect(p.policy).toEqual({ ...resolvePolicy(), tailCoverage: 2.5 });
    // What presenters explain is what the plan used.
    expect(p.tail.coverage).toBe(p.policy.tailCoverage);
    const rule = p.audit.find((a) => a.rule === 'tail.contracts');
    expect(rule?.inputs['tailCoverage']).toBe(2.5);
    if (p.tail.noSolution === undefined) expect(rule?.effect).toMatch(/^ceil\(2\.5 × /);
  });
});

describe('a flat curve', () => {
  it('says κ cannot be read from it and θ was fitted, not that the curve could not be fitted', () => {
    const flat = { ...input.market, vix: 15, futures: input.market.futures.map((f) => ({ ...f, price: 15.05 })) };
    const p = plan({ ...input, market: flat });
    expect(p.termStructure.fit.method).toBe('fallback');
    expect(p.termStructure.fit.kappa).toBe(8);
    expect(p.termStructure.fit.rmse).toBeLessThan(0.02);
    const fitWarnings = p.warnings.filter((w) => /κ|fitted/.test(w));
    expect(fitWarnings).toEqual([
      `κ cannot be read from a flat curve (VIX and every future within 0.1 points): κ = 8 (default), θ = ${p.termStructure.fit.theta.toFixed(2)} fitted, rmse 0.015 pts; pass policy.kappa to choose κ.`,
    ]);
    const pinned = plan({ ...input, market: flat, policy: { theta: 15 } });
    expect(pinned.warnings.find((w) => w.startsWith('κ cannot be read'))).toMatch(
      /κ = 8 \(default\), θ = 15 \(policy\.theta\)/,
    );
  });
});

describe("a plan valued in 2040, the exchange calendar's last year", () => {
  // Asking for 12 monthly expiries ran past the calendar and failed on `count`, a field never sent.
  it.each(['2039-12-01', '2040-02-01', '2040-06-01'])('%s plans on its four listed futures', (date) => {
    const expiries = vxExpiriesAfter(date, 4);
    const p = plan({
      valuationDate: date,
      market: {
        spx: 9000,
        vix: 18,
        vvix: 95,
        rate: 0.03,
        divYield: 0.013,
        futures: expiries.map((expiry, i) => ({ expiry, price: 19 + i * 0.6 })),
      },
      // the SPX monthly of the second future's month (its 21st was a Saturday in 2040-01 and 2040-07)
      condor: {
        expiry: spxMonthlyExpiry(Number(expiries[1]!.slice(0, 4)), Number(expiries[1]!.slice(5, 7))),
        strikes: [8000, 8200, 9800, 10000],
        quantity: 3,
      },
      portfolio: { capital: 5_000_000 },
    });
    expect(expiries).toContain(p.tail.expiry);
    expect(allFinite(p)).toEqual([]);
  });

  it("plans with a tail on the calendar's last contract (2040-11), whose future's carry has no next contract", () => {
    const p = plan({
      valuationDate: '2040-09-24',
      market: {
        spx: 9000,
        vix: 18,
        vvix: 95,
        rate: 0.03,
        divYield: 0.013,
        futures: [
          { expiry: '2040-10-17', price: 19 },
          { expiry: '2040-11-21', price: 19.6 },
        ],
      },
      condor: { expiry: '2040-11-16', strikes: [8000, 8200, 9800, 10000], quantity: 3 },
      portfolio: { capital: 5_000_000 },
    });
    expect(p.tail.expiry).toBe('2040-11-21');
    expect(allFinite(p)).toEqual([]);
  });
});

describe('a policy.skew sent with a plan', () => {
  // accepted for old inputs and read by no mark: the same plan with or without it, and now a word
  const skew = { putSlope: 2, callSlope: 0, minRatio: 0.05, maxRatio: 10 };
  const withSkew = plan({ ...input, policy: { skew } });
  const without = plan(input);

  it('changes no figure, and says it is not read and what moves the smile instead', () => {
    expect(withSkew.tail.contracts).toBe(without.tail.contracts);
    expect(withSkew.condor.credit).toBe(without.condor.credit);
    expect(withSkew.bookGreeks).toEqual(without.bookGreeks);
    expect(withSkew.warnings).toContain(
      "policy.skew is not read: every option is marked on the plan's volatility surface (market.surface, a chain, or the Cboe indices: VIX9D, VIX3M, VIX6M and SKEW); leave policy.skew out, or pass market.indices.skew to move the smile.",
    );
    expect(without.warnings.some((w) => w.startsWith('policy.skew'))).toBe(false);
    // an input parsed before it comes (the hosts' path) carries the default skew: no word
    const parsed = plan(PlanInputSchema.parse({ ...input, policy: { tailCoverage: 2 } }));
    expect(parsed.warnings.some((w) => w.startsWith('policy.skew'))).toBe(false);
  });
});
