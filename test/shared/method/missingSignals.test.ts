/**
 * A split rule whose signal is not given is not applied, and the size moves with it: one warning
 * names each such rule that could have moved the day's split, with the field (and the ALVH.PLAN
 * row) that gives its signal, and is not shown when every one is given.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { plan, vxExpiriesAfter, type PlanInput } from '@alvh/shared';
import { CALM_PLAN_INPUT } from '../../helpers/fixtures';
import { expectDocSays } from '../../helpers/docs';
import { describeWithData } from '../../helpers/marketData';
import { quantintellRows, realDayInput } from './realDays';

const unread = (warnings: string[]) => warnings.filter((w) => /^Split rules? not applied/.test(w));

describeWithData('2015-08-24 (backwardation, VIX 40.74) with and without its signals', () => {
  let day: PlanInput;
  beforeAll(() => {
    const { signals: _signals, ...rest } = realDayInput('2015-08-24').input;
    day = rest;
  });

  it('without signals: calendar 0.5375 and 1 tail call, and the warning names the four rules and their fields', () => {
    const p = plan(day);
    expect(p.split.calendarShare).toBeCloseTo(0.5375, 12);
    expect(p.tail.contracts).toBe(1);
    expect(unread(p.warnings)).toEqual([
      'Split rules not applied, their signals not given: the RSI widening (signals.rsi), its breadth check (signals.adSlope), the flattening (signals.prevSpread, or lastRebalance), the vol-of-vol tilt (signals.macdHist). With them the calendar share (0.5375 here) can differ: pass them (in ALVH.PLAN, the rsi, adSlope, prevSpread and macdHist rows).',
    ]);
  });

  it("with the day's RSI 18.3 and histogram +8.04 the split is 0.595 and buys no call; the widening's breadth check and the flattening are still named", () => {
    const p = plan({ ...day, signals: { rsi: 18.3, macdHist: 8.04 } });
    expect(p.split.calendarShare).toBeCloseTo(0.595, 12);
    expect(p.tail.contracts).toBe(0);
    expectDocSays(
      'method.md',
      "on 2015-08-24 without signals the calendar share is 0.5375 and the plan buys 1 tail call; with the day's RSI 18.3 and VVIX MACD histogram +8.04 it is 0.595 and buys none.",
    );
    expect(unread(p.warnings)).toEqual([
      "Split rules not applied, their signals not given: the RSI widening's breadth check (signals.adSlope), the flattening (signals.prevSpread, or lastRebalance). With them the calendar share (0.595 here) can differ: pass them (in ALVH.PLAN, the adSlope and prevSpread rows).",
    ]);
  });

  it('one rule left: said in the singular', () => {
    const p = plan({ ...day, signals: { rsi: 18.3, macdHist: 8.04, prevSpread: 1 } });
    expect(unread(p.warnings)).toEqual([
      "Split rule not applied, its signal not given: the RSI widening's breadth check (signals.adSlope). With it the calendar share (0.595 here) can differ: pass it (in ALVH.PLAN, the adSlope row).",
    ]);
  });

  it('every signal given: no such warning', () => {
    const p = plan({ ...day, signals: { rsi: 18.3, macdHist: 8.04, prevSpread: 1, adSlope: 3 } });
    expect(unread(p.warnings)).toEqual([]);
  });

  it('a last rebalance gives the previous spread: the flattening is not named', () => {
    const then = quantintellRows().find((r) => r.date === '2015-08-17')!;
    const lastRebalance = {
      date: then.date,
      vix: then.vix,
      futures: vxExpiriesAfter(then.date, 8).map((expiry, i) => ({ expiry, price: then.vx[i]! })),
    };
    const p = plan({ ...day, lastRebalance, signals: { rsi: 18.3, macdHist: 8.04, adSlope: 3 } });
    expect(p.signals.prevSpread).toBeDefined();
    expect(unread(p.warnings)).toEqual([]);
  });

  it('the RSI above 40: the breadth check cannot fire and is not named', () => {
    const p = plan({ ...day, signals: { rsi: 55, macdHist: 8.04, prevSpread: 1 } });
    expect(p.split.rsiWidened).toBe(false);
    expect(unread(p.warnings)).toEqual([]);
  });
});

describe('a contango day (VIX 13.2) without signals', () => {
  it('names the flattening and the vol-of-vol tilt, not the RSI widening, which needs a backwardation', () => {
    const { signals: _signals, ...input } = CALM_PLAN_INPUT;
    const p = plan(input);
    expect(p.regime).toBe('contango');
    expect(unread(p.warnings)).toEqual([
      'Split rules not applied, their signals not given: the flattening (signals.prevSpread, or lastRebalance), the vol-of-vol tilt (signals.macdHist). With them the calendar share (0.4175 here) can differ: pass them (in ALVH.PLAN, the prevSpread and macdHist rows).',
    ]);
  });

  it('the other vol-of-vol series given is warned about on its own, not named again', () => {
    const ratio = Array.from({ length: 120 }, (_, i) => 6 + Math.sin(i / 5));
    const p = plan({ ...CALM_PLAN_INPUT, signals: { vvixVixRatio: ratio, prevSpread: 0 } });
    expect(p.warnings.some((w) => w.startsWith('signals.vvixVixRatio is given but policy.volOfVolSeries'))).toBe(true);
    expect(unread(p.warnings)).toEqual([]);
  });
});
