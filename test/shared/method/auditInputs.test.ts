/**
 * An audit row's inputs are the numbers its rule read: from them alone a trader recomputes the
 * plan's figure the row decided (the histogram that fired the vol-of-vol tilt, the slope that
 * blocked the RSI widening).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  breadthState,
  computeSplit,
  macd,
  plan,
  splitFromFutures,
  volOfVolExpanding,
  type AuditEntry,
  type Plan,
  type PlanInput,
} from '@alvh/shared';
import { readFileSync } from 'node:fs';
import { CALM_PLAN_INPUT, PLAN_2018_12_24, PLAN_INPUT } from '../../helpers/fixtures';
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from './realDays';

const row = (audit: readonly AuditEntry[], rule: string): AuditEntry['inputs'] => {
  const a = audit.find((x) => x.rule === rule);
  expect(a, rule).toBeDefined();
  return (a as AuditEntry).inputs;
};
const last = (xs: number[]) => xs[xs.length - 1] as number;

/** A VVIX that rises at the end (its MACD histogram above 0) and breadth that falls. */
const vvix = Array.from({ length: 120 }, (_, i) => 95 + 10 * Math.sin(i / 5) + (i > 110 ? 2 * (i - 110) : 0));
const advancers = Array.from({ length: 30 }, (_, i) => 1800 - 20 * i);
const decliners = Array.from({ length: 30 }, () => 1500);

describe('the signals that decide the split, in the plan and its audit', () => {
  it('computed from histories: the histogram and the A/D slope are the plan’s and the rows’', () => {
    const p = plan({ ...CALM_PLAN_INPUT, signals: { vvixCloses: vvix, advancers, decliners } });
    const h = last(macd(vvix).histogram);
    const slope = breadthState(advancers, decliners, p.policy.breadthLookback).slope;
    expect(h).toBeGreaterThan(0);
    expect(slope).toBeLessThan(0);
    expect(p.signals.macdHist).toBe(h);
    expect(p.signals.adSlope).toBe(slope);
    const s = row(p.audit, 'signals');
    expect(s['macdHist']).toBe(h);
    expect(s['adSlope']).toBe(slope);
    const v = row(p.audit, 'split.vol-of-vol');
    expect(v['macdHist']).toBe(h);
    expect(volOfVolExpanding(v['macdHist'] as number)).toBe(true);
  });

  it('given as values: they are read as given', () => {
    const p = plan({ ...CALM_PLAN_INPUT, signals: { macdHist: 0.0003, adSlope: -12.5 } });
    expect(p.signals).toMatchObject({ macdHist: 0.0003, adSlope: -12.5, volOfVolExpanding: true });
    expect(row(p.audit, 'signals')).toMatchObject({ macdHist: 0.0003, adSlope: -12.5 });
    expect(row(p.audit, 'split.vol-of-vol')['macdHist']).toBe(0.0003);
    expect(p.audit.find((a) => a.rule === 'split.vol-of-vol')?.effect).toMatch(/MACD histogram of VVIX 0\.0003 > 0/);
    // not given: the row says so
    const q = plan({ ...CALM_PLAN_INPUT, signals: {} });
    expect(row(q.audit, 'signals')).toMatchObject({ macdHist: 'not given', adSlope: 'not given' });
    expect(q.signals.macdHist).toBeUndefined();
  });

  it('the slope that blocks the RSI widening is in its row', () => {
    const p = plan({ ...PLAN_2018_12_24, signals: { rsi: 30, advancers, decliners } } as PlanInput);
    const b = row(p.audit, 'split.rsi-widening-blocked');
    expect(b['adSlope']).toBe(p.signals.adSlope);
    expect(b['adSlope']).toBeLessThan(0);
  });

  it('computeSplit: a value decides its signal, and a signal that contradicts its value is refused', () => {
    const s = computeSplit({ spread: 4, regime: 'steep-backwardation', macdHist: 0.2 });
    expect(row(s.audit, 'split.vol-of-vol')['macdHist']).toBe(0.2);
    const b = computeSplit({ spread: 4, regime: 'steep-backwardation', rsi: 30, adSlope: -3 });
    expect(row(b.audit, 'split.rsi-widening-blocked')['adSlope']).toBe(-3);
    expect(() =>
      computeSplit({ spread: 4, regime: 'steep-backwardation', volOfVolExpanding: false, macdHist: 1 }),
    ).toThrow('volOfVolExpanding: is false, but macdHist 1 gives true (expanding above 0)');
    // ALVH.SPLIT's engine records the values it was given
    const f = splitFromFutures({ vx1: 20, vx2: 16, rsi: 30, macdHist: 0.5, adSlope: -2 });
    expect(row(f.audit, 'split.rsi-widening-blocked')['adSlope']).toBe(-2);
    expect(f.audit.some((a) => a.rule === 'split.vol-of-vol')).toBe(true);
  });
});

describeWithData('2018-02-02: the histogram that fired the vol-of-vol tilt is in the plan', () => {
  let p: Plan;
  let input: PlanInput;
  beforeAll(() => {
    input = realDayInput('2018-02-02', { history: 250 }).input;
    p = plan(input);
  });
  it('plan.signals.macdHist is the MACD histogram of the VVIX closes, and the rows give it', () => {
    const h = last(macd(input.signals?.vvixCloses as number[]).histogram);
    expect(p.signals.macdHist).toBe(h);
    expect(p.signals.volOfVolExpanding).toBe(h > 0);
    expect(row(p.audit, 'signals')['macdHist']).toBe(h);
    expect(row(p.audit, 'split.vol-of-vol')['macdHist']).toBe(h);
  });
  it('read from the VVIX/VIX ratio, the ratio’s histogram', () => {
    const r = plan({ ...input, policy: { volOfVolSeries: 'vvix-vix-ratio' } });
    const h = last(macd(input.signals?.vvixVixRatio as number[]).histogram);
    expect(r.signals.macdHist).toBe(h);
    expect(row(r.audit, 'signals')['macdHist']).toBe(h);
  });
});

describe('split.flattening: the shift from its row', () => {
  it('min(maxShift, shiftPerPt × flattening) is the shift, and the words say where the spread went', () => {
    const base = computeSplit({ spread: -5, regime: 'contango' }).calendarShare;
    const s = computeSplit({ spread: -5, regime: 'contango', prevSpread: 10 });
    const a = s.audit.find((x) => x.rule === 'split.flattening') as AuditEntry;
    const i = a.inputs as Record<string, number>;
    expect(i['flattening']).toBe(15);
    const shift = Math.min(i['flatteningMaxShift'] as number, (i['flatteningShiftPerPt'] as number) * 15);
    expect(base - s.calendarShare).toBeCloseTo(shift, 12);
    // in contango now: the spread fell, no backwardation flattened
    expect(a.effect).toMatch(
      /^the spread fell by 15 pts \(10 → −5\): move min\(0\.1, 0\.04 × 15\) = 0\.1 from calendar/,
    );
    // below the cap the per-point rate sets it
    const t = computeSplit({ spread: 3, regime: 'backwardation', prevSpread: 4 });
    const b = t.audit.find((x) => x.rule === 'split.flattening') as AuditEntry;
    expect(b.inputs['flatteningShiftPerPt']).toBe(0.04);
    expect(b.effect).toMatch(/^the spread fell by 1 pt \(4 → 3\): move min\(0\.1, 0\.04 × 1\) = 0\.04 /);
  });
});

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../docs/examples/${name}.json`, import.meta.url), 'utf8')) as PlanInput;

describe('condor.step1: the SD check from its row', () => {
  const inputs: [string, PlanInput][] = [
    ['the fixture', PLAN_INPUT as PlanInput],
    ['plan.json', example('plan')],
    ['plan-ladder.json', example('plan-ladder')],
    ['2018-12-24', PLAN_2018_12_24 as PlanInput],
  ];
  it.each(inputs)('%s: z = ln(K/S)/(atmVol·√years) is each row’s zPut and zCall', (_name, input) => {
    const p = plan(input);
    const rows = p.audit.filter((a) => a.rule === 'condor.step1');
    expect(rows).toHaveLength(p.condors.length);
    rows.forEach((r, i) => {
      const c = p.condors[i]!;
      const [, k2, k3] = (input.condors?.[i] ?? input.condor)!.strikes;
      const { spot, atmVol, years, zPut, zCall } = r.inputs as Record<string, number>;
      expect(spot).toBe(p.market.spot);
      expect(atmVol).toBe(c.atmVol);
      expect(years).toBe(c.days / 365);
      const sd = atmVol! * Math.sqrt(years!);
      expect(Math.log(spot! / k2!) / sd).toBeCloseTo(zPut!, 12);
      expect(Math.log(k3! / spot!) / sd).toBeCloseTo(zCall!, 12);
      expect(zPut).toBe(c.zPut);
      expect(r.effect).toContain(`(σ ${Number((atmVol! * 100).toFixed(2))}% over ${c.days} days)`);
    });
    expect(p.condor.atmVol).toBe(p.condors[0]!.atmVol);
  });
});

describe('budget: the caps from their row', () => {
  it.each([
    ['the fixture', PLAN_INPUT as PlanInput],
    ['plan.json', example('plan')],
    ['plan-ladder.json', example('plan-ladder')],
    ['2018-12-24', PLAN_2018_12_24 as PlanInput],
  ] as [string, PlanInput][])('%s: costCap and irrBudget from max loss, credit and days', (_name, input) => {
    const p = plan(input);
    const i = row(p.audit, 'budget') as Record<string, number>;
    const { maxLoss, credit, days } = i as { maxLoss: number; credit: number; days: number };
    expect(maxLoss).toBe(p.ladder.maxLoss);
    expect(credit).toBe(p.ladder.maxProfit);
    // one condor: its days; a ladder: days weighted by max loss
    expect(days).toBe(p.ladder.days);
    if (p.condors.length === 1) expect(days).toBe(p.condor.days);
    expect(i['costCap']).toBeCloseTo(p.policy.maxHedgeCostRate * maxLoss * (days / 365), 9);
    expect(i['costCap']).toBe(p.budget.costCap);
    expect(i['irrBudgetRaw']).toBeCloseTo(credit - p.policy.targetIrr * maxLoss * (days / 365), 9);
    expect(i['irrBudget']).toBe(Math.max(0, i['irrBudgetRaw'] as number));
    expect(i['irrBudget']).toBe(p.budget.irrBudget);
  });

  it('an IRR budget below 0: the row’s irrBudgetRaw is negative, its irrBudget the floored 0 the plan holds', () => {
    const p = plan({ ...(PLAN_INPUT as PlanInput), policy: { ...PLAN_INPUT.policy, targetIrr: 5 } });
    const i = row(p.audit, 'budget');
    expect(i['irrBudgetRaw']).toBeLessThan(0);
    expect(i['irrBudget']).toBe(0);
    expect(p.budget.irrBudget).toBe(0);
  });
});

describe('the inputs that decide a row are in it', () => {
  it('split.rsi-widening names the breadth it checked; split.flattening where the previous spread came from', () => {
    const r = computeSplit({ spread: 2, regime: 'backwardation', rsi: 30, adSlope: 4, prevSpread: 3 });
    expect(row(r.audit, 'split.rsi-widening')).toMatchObject({ breadthDeteriorating: false, adSlope: 4 });
    expect(row(r.audit, 'split.flattening')).toMatchObject({ prevSpread: 3, prevSpreadFrom: 'given' });
    const bare = computeSplit({ spread: 2, regime: 'backwardation', rsi: 30 });
    expect(row(bare.audit, 'split.rsi-widening')).toMatchObject({
      breadthDeteriorating: 'not given',
      adSlope: 'not given',
    });
    const p = plan({ ...CALM_PLAN_INPUT, signals: { prevSpread: 1 } });
    expect(row(p.audit, 'split.flattening')).toMatchObject({ prevSpreadFrom: 'signals.prevSpread' });
    const lastRebalance = { date: '2023-12-28', vix: 12.5, futures: CALM_PLAN_INPUT.market.futures };
    const q = plan({
      ...CALM_PLAN_INPUT,
      lastRebalance: {
        ...lastRebalance,
        futures: lastRebalance.futures.map((f, i) => ({ ...f, price: i === 0 ? f.price + 2 : f.price })),
      },
    });
    expect(row(q.audit, 'split.flattening')).toMatchObject({ prevSpreadFrom: 'lastRebalance 2023-12-28: its F1 − F2' });
  });

  it('overlay.size gives the calendar strike and where it came from; tail.contracts the tail policy', () => {
    const p = plan(CALM_PLAN_INPUT);
    expect(row(p.audit, 'overlay.size')).toMatchObject({ strike: 4460, strikeFrom: "the condor's short put" });
    expect(p.audit.find((a) => a.rule === 'overlay.size')?.effect).toContain("; strike 4460, the condor's short put");
    const q = plan({ ...CALM_PLAN_INPUT, policy: { overlayStrike: 4500 } });
    expect(row(q.audit, 'overlay.size')).toMatchObject({ strike: 4500, strikeFrom: 'policy.overlayStrike' });
    expect(row(p.audit, 'tail.contracts')).toMatchObject({
      tailOtmPct: p.policy.tailOtmPct,
      vixStrikeStep: p.policy.vixStrikeStep,
      tailDteMin: 45,
      tailDteTarget: 52,
      tailDteMax: 60,
    });
  });
});
