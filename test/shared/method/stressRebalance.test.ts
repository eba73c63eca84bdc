import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTermStructure } from '@alvh/shared';
import { drawdownState, scenarioLoss, stressedFuture, stressedVix } from '@alvh/shared';
import { BOOK, PLAN_2018_12_24, QUIET_STATE } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { plan, type PlanInput } from '@alvh/shared';
import { checkRebalance } from '@alvh/shared';
import { resolvePolicy } from '@alvh/shared';
import { DEFAULT_SKEW, ironCondorLegs, markBook, vxExpiriesAfter, type MarketState } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { quantintellRows, realDayInput } from './realDays';

const curve = (date: string, vix: number, prices: number[]) =>
  buildTermStructure(
    {
      valuationDate: date,
      vixSpot: vix,
      futures: ['2024-01-17', '2024-02-14', '2024-03-20', '2024-04-17', '2024-05-22', '2024-06-18'].map((e, i) => ({
        expiry: e,
        price: prices[i] as number,
      })),
    },
    { kappa: 6, theta: 19 },
  );

describe('section 6 — the drawdown scenario', () => {
  const policy = resolvePolicy();
  it('stressed VIX = VIX + 1.5 · 20, or policy.stressVix', () => {
    expect(stressedVix(14, policy)).toBeCloseTo(44, 12);
    expect(stressedVix(14, resolvePolicy({ stressVix: 50 }))).toBe(50);
    expect(stressedVix(14, resolvePolicy({ drawdown: 0.1, stressVixPerPct: 2 }))).toBeCloseTo(34, 12);
  });

  it('refuses a policy whose stressed VIX passes 300, the bound of policy.stressVix, naming the fields to lower', () => {
    expect(stressedVix(120, resolvePolicy({ drawdown: 0.9, stressVixPerPct: 2 }))).toBe(300);
    expect(() => stressedVix(17.5, resolvePolicy({ drawdown: 0.9, stressVixPerPct: 10 }))).toThrow(
      'policy.stressVixPerPct: with drawdown 0.9 gives a stressed VIX of 917.5 (VIX 17.5 + 10 × 90), above 300; lower vix, drawdown or stressVixPerPct, or pass a stressVix of at most 300',
    );
    // by the default rule, the caller's VIX is named (the plan named policy.stressVixPerPct, a field never sent)
    expect(() => stressedVix(290, resolvePolicy({}), undefined, 'market.vix')).toThrow(
      "market.vix: is 290: the drawdown's stressed VIX is 320 (VIX + stressVixPerPct × drawdown in %: 290 + 1.5 × 20), above 300; pass a VIX of at most 270, or set policy.stressVix (at most 300), or a lower policy.drawdown or stressVixPerPct",
    );
    const e = errorOf(() => plan({ ...PLAN_2018_12_24, market: { ...PLAN_2018_12_24.market, vix: 290 } }));
    expect(e.field).toBe('market.vix');
  });

  it('a drawdown whose state the surface cannot mark is refused naming policy.drawdown, not a leg the caller never sent', () => {
    // SPX −90% and VIX 200 a day before the condor expires: its 4700 put is 9 times the fallen SPX
    const now = {
      date: '2024-03-01',
      spot: 5100,
      vix: 14,
      rate: 0.05,
      divYield: 0.014,
      volOfVol: 1,
      futureFor: () => 15,
    };
    const policy = resolvePolicy({ drawdown: 0.9, drawdownDays: 48, stressVix: 200 });
    const stressed = drawdownState(now, () => 15, policy, 200, 1);
    expect(() => scenarioLoss(BOOK.condor, now, stressed, 46_000)).toThrow(
      /^policy\.drawdown: takes SPX to 510 and VIX to 200 on 2024-04-18, where the SPX put 4700 of 2024-04-19 would be marked at a vol of \d+%, beyond what the surface describes; pass a smaller drawdown, or a lower stressed VIX \(stressVix, or stressVixPerPct\)$/,
    );
  });

  it('so is a plan with that drawdown: the scenario step names the policy before it marks the legs', () => {
    // docs/examples/plan.json's condor expires 56 days out: SPX −90% and VIX 300 after 55 days
    // (a day before) left the put wing unmarkable, and the plan named legs[0], never sent
    const example = JSON.parse(
      readFileSync(new URL('../../../docs/examples/plan.json', import.meta.url), 'utf8'),
    ) as PlanInput;
    const e = errorOf(() => plan({ ...example, policy: { drawdown: 0.9, stressVix: 300, drawdownDays: 55 } }));
    expect(e.field).toBe('policy.drawdown');
    expect(e.message).toMatch(/^policy\.drawdown: takes SPX to 660 and VIX to 300 on 2027-01-14, where the SPX put/);
  });

  it('stressed future = F + ΔVIX · e^(−κ τ) with τ left after the drawdown days', () => {
    const ts = curve('2024-01-02', 14, [14.5, 15.2, 16, 16.6, 17, 17.3]);
    expect(stressedFuture(ts, '2024-02-14', 44, 10)).toBeCloseTo(15.2 + 30 * Math.exp((-6 * 33) / 365), 10);
  });

  it('drawdown state and the condor loss, capped at max loss', () => {
    const ts = curve('2024-01-02', 14, [14.5, 15.2, 16, 16.6, 17, 17.3]);
    const now: MarketState = { ...QUIET_STATE, futureFor: () => 15, skew: DEFAULT_SKEW };
    const s = drawdownState(now, ts, policy, 44, 1.2);
    expect(s.date).toBe('2024-01-12');
    expect(s.spot).toBeCloseTo(3760, 9);
    expect(s.vix).toBe(44);
    expect(s.volOfVol).toBe(1.2);
    const legs = ironCondorLegs('2024-02-16', [4350, 4400, 4950, 5000], 1);
    const change = markBook(legs, s).value - markBook(legs, now).value;
    expect(scenarioLoss(legs, now, s, 1e9)).toBeCloseTo(-change, 9);
    expect(scenarioLoss(legs, now, s, 1000)).toBe(1000);
    // SPX up instead: the short-call side loses less than a 20% fall loses on the put side
    expect(scenarioLoss(legs, now, { ...now }, 1e9)).toBe(0);
  });
});

describe('section 8 — rebalancing', () => {
  const then = curve('2024-01-02', 14, [14.5, 15.2, 16, 16.6, 17, 17.3]);
  it.each([
    // date, vix, prices, due, triggers
    ['2024-01-05', 14.2, [14.6, 15.3, 16.1, 16.6, 17, 17.3], false, []],
    ['2024-01-09', 14.2, [14.6, 15.3, 16.1, 16.6, 17, 17.3], true, ['days']],
    ['2024-01-05', 22, [20, 18.5, 18, 17.9, 17.8, 17.7], true, ['curve-shift']],
    ['2024-01-10', 22, [20, 18.5, 18, 17.9, 17.8, 17.7], true, ['days', 'curve-shift']],
  ] as const)('%s VIX %d → due %s by %j', (date, vix, prices, due, triggers) => {
    const r = checkRebalance(curve(date, vix, [...prices]), then);
    expect(r.due).toBe(due);
    expect(r.triggers).toEqual(triggers);
    expect(r.reason.length).toBeGreaterThan(10);
  });

  it('the curve-shift row gives the constant-maturity values it compared', () => {
    const r = checkRebalance(curve('2024-01-05', 22, [20, 18.5, 18, 17.9, 17.8, 17.7]), then);
    const row = r.audit.find((a) => a.rule === 'rebalance.curve-shift');
    const worst = r.byTenor.find((t) => t.days === row?.inputs['tenorDays']);
    expect(worst).toBeDefined();
    expect(row?.inputs).toMatchObject({ cmNow: worst?.now, cmThen: worst?.then });
    expect((worst!.now as number) / (worst!.then as number) - 1).toBeCloseTo(r.shift as number, 12);
  });

  it('the 7-day boundary is inclusive and the shift is compared with 0.15', () => {
    const r = checkRebalance(curve('2024-01-09', 14, [14.5, 15.2, 16, 16.6, 17, 17.3]), then);
    expect(r.daysSince).toBe(7);
    expect(r.triggers).toEqual(['days']);
    const s = checkRebalance(
      curve('2024-01-03', 25, [20, 18.5, 18, 17.9, 17.8, 17.7]),
      then,
      resolvePolicy({ curveShiftTrigger: 0.5 }),
    );
    expect(s.due).toBe(false);
    expect(s.shift).toBeGreaterThan(0.15);
  });

  it('a curve that moved exactly 15% in prices fires the trigger (≥, not > by a rounding)', () => {
    const flat = (date: string, level: number) => curve(date, level, [level, level, level, level, level, level]);
    // 23/20 − 1 is 0.1499999999999999 in binary: still "≥ 15%" (section 8)
    const up = checkRebalance(flat('2024-01-05', 23), flat('2024-01-02', 20));
    expect(up.shift).toBeLessThan(0.15);
    expect(up.triggers).toEqual(['curve-shift']);
    const down = checkRebalance(flat('2024-01-05', 17), flat('2024-01-02', 20));
    expect(down.triggers).toEqual(['curve-shift']);
    // a tick short of it does not fire
    const short = checkRebalance(flat('2024-01-05', 22.95), flat('2024-01-02', 20));
    expect(short.triggers).toEqual([]);
    expect(short.reason).toMatch(/^not due: 3 of 7 days elapsed and the curve moved 14\.7% \(trigger 15%\)$/);
  });

  it('not due: an audit row gives the days since, the largest tenor move and the trigger, as a due one does', () => {
    const r = checkRebalance(curve('2024-01-05', 14.2, [14.6, 15.3, 16.1, 16.6, 17, 17.3]), then);
    expect(r.due).toBe(false);
    const worst = r.byTenor.reduce((a, b) => (Math.abs(b.change) > Math.abs(a.change) ? b : a));
    expect(r.audit).toEqual([
      {
        rule: 'rebalance.not-due',
        inputs: {
          daysSince: 3,
          rebalanceDays: 7,
          shift: r.shift,
          curveShiftTrigger: 0.15,
          tenorDays: worst.days,
          cmNow: worst.now,
          cmThen: worst.then,
        },
        effect: `3 calendar days since the last rebalance (< 7) and the curve moved ${(r.shift! * 100).toFixed(1)}% at ${worst.days} days (< 15%): rebalance not due`,
      },
    ]);
    // a due check keeps only the rows of the triggers that fired
    const due = checkRebalance(curve('2024-01-09', 14.2, [14.6, 15.3, 16.1, 16.6, 17, 17.3]), then);
    expect(due.audit.map((a) => a.rule)).toEqual(['rebalance.days']);
  });

  it('the not-due row reads a shift just below the trigger with the digits the reason gives it', () => {
    const flat = (date: string, level: number) => curve(date, level, [level, level, level, level, level, level]);
    const near = checkRebalance(flat('2024-01-05', 22.998), flat('2024-01-02', 20));
    expect(near.audit[0]?.effect).toBe(
      '3 calendar days since the last rebalance (< 7) and the curve moved 14.99% at 30 days (< 15%): rebalance not due',
    );
  });

  it('a shift just below the trigger never reads as at it: more digits where one decimal would round up to it', () => {
    const flat = (date: string, level: number) => curve(date, level, [level, level, level, level, level, level]);
    // 22.998/20 − 1 = 0.1499: to one decimal "15%", the trigger, though it did not fire
    const near = checkRebalance(flat('2024-01-05', 22.998), flat('2024-01-02', 20));
    expect(near.triggers).toEqual([]);
    expect(near.reason).toBe('not due: 3 of 7 days elapsed and the curve moved 14.99% (trigger 15%)');
    const nearer = checkRebalance(flat('2024-01-05', 22.99998), flat('2024-01-02', 20));
    expect(nearer.reason).toBe('not due: 3 of 7 days elapsed and the curve moved 14.9999% (trigger 15%)');
  });

  it('a last curve too short to compare: due by the days alone once 7 have passed, an error before', () => {
    const short = buildTermStructure(
      {
        valuationDate: '2024-01-16',
        vixSpot: 14,
        futures: [
          { expiry: '2024-01-17', price: 14.5 },
          { expiry: '2024-02-14', price: 15.2 },
        ],
      },
      { kappa: 6, theta: 19 },
    );
    const later = (date: string) =>
      buildTermStructure(
        {
          valuationDate: date,
          vixSpot: 14.2,
          futures: [
            { expiry: '2024-02-14', price: 15.3 },
            { expiry: '2024-03-20', price: 16.1 },
            { expiry: '2024-04-17', price: 16.6 },
          ],
        },
        { kappa: 6, theta: 19 },
      );
    const r = checkRebalance(later('2024-01-23'), short);
    expect(r.due).toBe(true);
    expect(r.triggers).toEqual(['days']);
    expect(r.shift).toBeNull();
    expect(r.byTenor).toEqual([]);
    expect(r.reason).toMatch(
      /rebalance due; the curve shift is not computed: the last rebalance's curve reaches 29 days/,
    );
    expect(() => checkRebalance(later('2024-01-22'), short)).toThrow(
      /^then\.points: reaches 29 days, short of the first compared tenor/,
    );
  });

  it('rejects a last rebalance after the valuation date', () => {
    expect(() => checkRebalance(then, curve('2024-01-09', 14, [14.5, 15.2, 16, 16.6, 17, 17.3]))).toThrow(
      /^lastRebalance\.date:/,
    );
  });
});

describeWithData('a plan whose rebalance is not due (2017-05-16, last rebalance 2017-05-12)', () => {
  it('puts the decision and its figures in the audit trail, not only in rebalance.reason', () => {
    const then = quantintellRows().find((r) => r.date === '2017-05-12')!;
    const futures = vxExpiriesAfter(then.date, 8).map((expiry, i) => ({ expiry, price: then.vx[i]! }));
    const p = plan({ ...realDayInput('2017-05-16').input, lastRebalance: { date: then.date, vix: then.vix, futures } });
    expect(p.rebalance.due).toBe(false);
    expect(p.rebalance.reason).toBe('not due: 4 of 7 days elapsed and the curve moved 1.7% (trigger 15%)');
    const rows = p.audit.filter((a) => a.rule.startsWith('rebalance.'));
    expect(rows).toEqual([
      {
        rule: 'rebalance.not-due',
        inputs: expect.objectContaining({ daysSince: 4, rebalanceDays: 7, curveShiftTrigger: 0.15, tenorDays: 60 }),
        effect:
          '4 calendar days since the last rebalance (< 7) and the curve moved 1.7% at 60 days (< 15%): rebalance not due',
      },
    ]);
    expect(rows[0]!.inputs['shift']).toBeCloseTo(0.01667, 5);
    expect(rows[0]!.inputs['cmNow']).toBeCloseTo(13.0607, 4);
    expect(rows[0]!.inputs['cmThen']).toBeCloseTo(13.2821, 4);
    expect('audit' in p.rebalance && p.rebalance.audit).toEqual(rows);
  });
});
