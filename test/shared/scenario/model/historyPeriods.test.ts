/**
 * docs/scenarios.md ("Against history's own noise"): history itself, from VIX 30-50 and 20-30, in
 * 1990-2014, 2015-2020 and 2021-2026, read off Cboe's VIX closes: the relief after 2020 is not in
 * the years before it, so no weighting of the fit's years could learn it.
 */
import { expect, it } from 'vitest';
import { dayFromYmd, isBusinessDay, toIsoDate } from '@alvh/shared';
import { describeWithData, readDataFile } from '../../../helpers/marketData';
import { readFileSync } from 'node:fs';

const doc = readFileSync(new URL('../../../../docs/scenarios.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describeWithData('history from high VIX, by period', () => {
  it('gives the medians and probabilities the doc quotes', () => {
    const closes = readDataFile('cboe_VIX_History__ManULoreN14.csv')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => {
        const c = l.split(',');
        const [m, d, y] = (c[0] as string).split('/').map(Number) as [number, number, number];
        return { day: dayFromYmd(y, m, d), close: Number(c[4]) };
      })
      // Cboe's holiday rows (33, 32 of them from 2022) are no trading days; the exchange calendar starts in 2000
      .filter((r) => toIsoDate(r.day) < '2000-01-01' || isBusinessDay(toIsoDate(r.day)));
    const year = (day: number) => Number(toIsoDate(day).slice(0, 4));
    const at = (lo: number, hi: number, h: number, y0: number, y1: number): number[] => {
      const out: number[] = [];
      let j = 0;
      for (const r of closes) {
        if (r.close < lo || r.close >= hi || year(r.day) < y0 || year(r.day) > y1) continue;
        while (j < closes.length && closes[j]!.day < r.day + h) j++;
        if (j >= closes.length) break;
        const end = closes[j]!;
        if (end.day - (r.day + h) > 7 || year(end.day) > y1) continue;
        out.push(end.close);
      }
      return out;
    };
    const median = (x: number[]) => {
      const s = [...x].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const p30 = (x: number[]) => (100 * x.filter((v) => v > 30).length) / x.length;
    const periods = [
      [1990, 2014],
      [2015, 2020],
      [2021, 2026],
    ] as const;
    const med = periods.map(([a, b]) => [21, 42].map((h) => median(at(30, 50, h, a, b)).toFixed(1)));
    const prob = periods.map(([a, b]) => p30(at(20, 30, 63, a, b)).toFixed(1));
    const n1520 = at(30, 50, 21, 2015, 2020).length;
    // the relief after 2020 is not in 2015-2020: its medians sit above 2021-2026's by 3 points and more
    expect(Number(med[1]![0]) - Number(med[2]![0])).toBeGreaterThan(3);
    expect(doc).toContain(
      `gave 21- and 42-day medians of ${med[0]![0]} and ${med[0]![1]} in 1990-2014 and ${med[1]![0]} and ${med[1]![1]} in 2015-2020 (${n1520} starting days), against ${med[2]![0]} and ${med[2]![1]} in 2021-2026; from VIX 20-30, P(VIX > 30) at 63 days was ${prob[0]}%, ${prob[1]}% and ${prob[2]}%`,
    );
  });
});
