/**
 * A signal given both as a value (rsi, macdHist, adSlope) and as the history it is computed from
 * (spxCloses, vvixCloses or vvixVixRatio, advancers and decliners): the value given is read, and a
 * warning names both, the value the history gives and whether the rule reads it the same way.
 */
import { describe, expect, it } from 'vitest';
import { breadthState, macd, plan, rsi, type PlanInput } from '@alvh/shared';
import { CALM_PLAN_INPUT } from '../../helpers/fixtures';

/** A calm synthetic day (a contango curve, VIX 14). */
const input: PlanInput = CALM_PLAN_INPUT;

const last = (xs: number[]) => xs[xs.length - 1] as number;
const shown = (x: number) => String(Number(x.toPrecision(4)));
const closes = Array.from({ length: 150 }, (_, i) => 4700 + 40 * Math.sin(i / 3) + 0.8 * i);
const falling = closes.map((c, i) => c - 3 * i);
const vvix = Array.from({ length: 120 }, (_, i) => 95 + 10 * Math.sin(i / 5));
const adv = Array.from({ length: 30 }, (_, i) => Math.round(1500 + 300 * Math.sin(i / 2)));
const dec = Array.from({ length: 30 }, () => 1500);

describe('a signal given as a value and as its history', () => {
  it('RSI: the rsi given is read, and the warning gives the closes’ RSI and its side of the rule', () => {
    const fromCloses = last(rsi(closes));
    expect(shown(fromCloses)).toBe('48.24'); // the example of docs/method.md
    const p = plan({ ...input, signals: { rsi: 50, spxCloses: closes } });
    expect(p.signals.rsi).toBe(50);
    expect(p.warnings).toContain(
      `signals.rsi (50) and signals.spxCloses are both given: the plan reads the rsi given; the 150 closes give RSI(14) ${shown(fromCloses)}, on the same side of the RSI < 40 rule. Pass one of them.`,
    );
    const down = last(rsi(falling));
    expect(down).toBeLessThan(40);
    const q = plan({ ...input, signals: { rsi: 50, spxCloses: falling } });
    expect(q.warnings.find((w) => w.startsWith('signals.rsi (50)'))).toMatch(
      `give RSI(14) ${shown(down)}, on the other side of the RSI < 40 rule`,
    );
    // one of them alone: no such warning
    expect(plan({ ...input, signals: { spxCloses: closes } }).warnings.join()).not.toMatch(/both given/);
    expect(plan({ ...input, signals: { spxCloses: closes } }).signals.rsi).toBe(fromCloses);
  });

  it('MACD: the macdHist given is read, and the warning gives the histogram of the policy’s series', () => {
    const h = last(macd(vvix).histogram);
    const p = plan({ ...input, signals: { macdHist: -h, vvixCloses: vvix } });
    expect(p.signals.volOfVolExpanding).toBe(-h > 0);
    expect(p.warnings).toContain(
      `signals.macdHist (${shown(-h)}) and signals.vvixCloses are both given: the plan reads the macdHist given; the 120 values give a histogram of ${shown(h)}, on the other side of the vol-of-vol rule (expanding above 0). Pass one of them.`,
    );
  });

  it('breadth: the adSlope given is read, and the warning gives the slope of the counts', () => {
    const slope = breadthState(adv, dec).slope;
    const p = plan({ ...input, signals: { adSlope: slope < 0 ? -1 : 1, advancers: adv, decliners: dec } });
    expect(p.signals.breadthDeteriorating).toBe(slope < 0);
    expect(p.warnings).toContain(
      `signals.adSlope (${slope < 0 ? -1 : 1}) and signals.advancers and decliners are both given: the plan reads the adSlope given; the 30 days give a slope of ${shown(slope)} issues a day, on the same side of the breadth rule (deteriorating below 0). Pass one of them.`,
    );
  });

  it('a history given beside its value is still checked, naming its field', () => {
    expect(() => plan({ ...input, signals: { rsi: 50, spxCloses: [4700, 4710, 4690] } })).toThrow(
      /^signals\.spxCloses: has 3 values, but a 14-period RSI needs at least 15/,
    );
  });
});
