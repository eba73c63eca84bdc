/**
 * The vol-of-vol signal reads VVIX by default (ALVH-METHOD section 3): on the days of 2007-2026 with
 * VIX up 25% or more, the MACD histogram of VVIX is positive on nearly all of them, that of the
 * VVIX/VIX ratio on few (the ratio falls when VIX jumps).
 */
import { beforeAll, expect, it } from 'vitest';
import { macd, plan, resolvePolicy, volOfVolExpanding } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { cboeSeries, realDayInput } from '../method/realDays';

describeWithData('VVIX against VVIX/VIX on the VIX jump days of 2007-2026', () => {
  let jumps: { date: string; vvix: boolean; ratio: boolean }[];
  beforeAll(() => {
    const vix = cboeSeries('cboe_VIX_History__ManULoreN14.csv');
    const vvix = cboeSeries('cboe_VVIX_History__ManULoreN14.csv');
    const days = [...vix.keys()].filter((d) => vvix.has(d)).sort();
    const hv = macd(days.map((d) => vvix.get(d) as number)).histogram;
    const hr = macd(days.map((d) => (vvix.get(d) as number) / (vix.get(d) as number))).histogram;
    const off = days.length - hv.length;
    // A day's VIX move is from the VIX print before it, which may be a day with no VVIX (Cboe prints
    // VIX on some exchange holidays: 2026-01-19), so a two-session move is not read as one day's.
    const vixDays = [...vix.keys()].sort();
    const before = new Map(vixDays.slice(1).map((d, j) => [d, vixDays[j] as string]));
    jumps = [];
    for (let i = Math.max(1, off); i < days.length; i++) {
      const d = days[i] as string;
      const up = (vix.get(d) as number) / (vix.get(before.get(d) as string) as number) - 1;
      if (up >= 0.25 && d >= '2007-01-01' && d <= '2026-12-31') {
        jumps.push({
          date: d,
          vvix: volOfVolExpanding(hv[i - off] as number),
          ratio: volOfVolExpanding(hr[i - off] as number),
        });
      }
    }
  });

  // MACD(12, 26, 9) over the whole common VIX/VVIX history (from 2006), each day's histogram causal.
  // The ratio's histogram is positive on 7 of 61 (one day's is close enough to 0 that the warm-up
  // can turn it); either way VVIX reads the jumps and the ratio does not.
  it('the table: 61 days (2007-02-27 to 2026-06-05), VVIX histogram positive on 58, the ratio on 7', () => {
    expect(jumps.length).toBe(61);
    expect(jumps[0]!.date).toBe('2007-02-27');
    expect(jumps[60]!.date).toBe('2026-06-05');
    expect(jumps.filter((j) => j.vvix).length).toBe(58);
    expect(jumps.filter((j) => !j.vvix).map((j) => j.date)).toEqual(['2011-08-18', '2018-12-04', '2024-09-03']);
    expect(jumps.filter((j) => j.ratio).length).toBe(7);
  });

  // docs/method.md: ALVH-METHOD's 8 is the count of a ratio series begun in January 2007, still in its
  // warm-up on 2007-03-13 (−0.002 on the whole history, positive on the short one).
  it('the ratio on 8 days when its MACD starts in January 2007: 2007-03-13 is the eighth', () => {
    const vix = cboeSeries('cboe_VIX_History__ManULoreN14.csv');
    const vvix = cboeSeries('cboe_VVIX_History__ManULoreN14.csv');
    const all = [...vix.keys()].filter((d) => vvix.has(d)).sort();
    const ratio = (ds: string[]) => macd(ds.map((d) => (vvix.get(d) as number) / (vix.get(d) as number))).histogram;
    const at = (ds: string[], d: string) => {
      const h = ratio(ds);
      return h[ds.indexOf(d) - (ds.length - h.length)];
    };
    expect(all[0]).toBe('2006-03-06');
    const from2007 = all.filter((d) => d >= '2007-01-01');
    expect(at(all, '2007-03-13')!).toBeCloseTo(-0.0019, 4);
    expect(at(all, '2011-11-09')!).toBeCloseTo(0.0003, 4);
    expect(at(from2007, '2007-03-13')!).toBeGreaterThan(0);
    const byShort = jumps.filter((j) => volOfVolExpanding(at(from2007, j.date) ?? -1)).map((j) => j.date);
    expect(byShort.length).toBe(8);
    expect(byShort.filter((d) => !jumps.find((j) => j.date === d)?.ratio)).toEqual(['2007-03-13']);
  });

  it('the policy defaults to VVIX, and a plan reads the series the policy names', () => {
    expect(resolvePolicy().volOfVolSeries).toBe('vvix');
    const input = realDayInput('2020-03-12').input;
    const byVvix = plan(input);
    const byRatio = plan({ ...input, policy: { volOfVolSeries: 'vvix-vix-ratio' } });
    const { vvixCloses, vvixVixRatio } = input.signals!;
    const last = (xs: number[]) => xs[xs.length - 1] as number;
    expect(byVvix.signals.volOfVolExpanding).toBe(volOfVolExpanding(last(macd(vvixCloses!).histogram)));
    expect(byRatio.signals.volOfVolExpanding).toBe(volOfVolExpanding(last(macd(vvixVixRatio!).histogram)));
    const onlyRatio = plan({ ...input, signals: { ...input.signals, vvixCloses: undefined } } as typeof input);
    expect(onlyRatio.signals.volOfVolExpanding).toBeUndefined();
    expect(
      onlyRatio.warnings.some((w) => w.startsWith("signals.vvixVixRatio is given but policy.volOfVolSeries is 'vvix'")),
    ).toBe(true);
  });
});
