/**
 * Regimes of the real VX curve 2007-04-02..2021-12-23 (quantintell VX1..VX8 settlements), with the
 * default policy, and the mean-reversion fit over the same days. The tables are generated here and
 * must appear verbatim in docs/market.md, so the docs cannot drift from the numbers.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { buildTermStructure, vxExpiriesAfter, type Regime, type TermStructure } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { readVxHistory } from './vxHistory';

const docsPath = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'market.md');

interface Run {
  start: string;
  end: string;
  days: number;
}

/** Maximal runs of consecutive rows (trading days) where `pred` holds. */
function runs(dates: string[], pred: (i: number) => boolean): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < dates.length; i++) {
    if (!pred(i)) continue;
    const last = out[out.length - 1];
    if (last && i > 0 && pred(i - 1)) {
      last.end = dates[i] as string;
      last.days++;
    } else out.push({ start: dates[i] as string, end: dates[i] as string, days: 1 });
  }
  return out;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round(q * (s.length - 1))] as number;
}

describeWithData('regimes and fits over the 2007-2021 VX history', () => {
  const rows = readVxHistory();
  const curves: TermStructure[] = rows.map((r) => {
    const expiries = vxExpiriesAfter(r.date, 8);
    return buildTermStructure({
      valuationDate: r.date,
      vixSpot: r.vix,
      futures: expiries.map((expiry, i) => ({ expiry, price: r.vx[i] as number })),
    });
  });
  const dates = rows.map((r) => r.date);
  const n = rows.length;

  const order: Regime[] = ['steep-backwardation', 'backwardation', 'flat', 'contango'];
  const byRegime = order.map((regime) => {
    const rs = runs(dates, (i) => curves[i]?.regime === regime);
    const days = rs.reduce((s, r) => s + r.days, 0);
    const longest = rs.reduce((a, b) => (b.days > a.days ? b : a));
    return { regime, days, episodes: rs.length, longest };
  });
  const inverted = runs(dates, (i) => (curves[i]?.spread as number) > 0);
  const invertedDays = inverted.reduce((s, r) => s + r.days, 0);
  const invertedLongest = inverted.reduce((a, b) => (b.days > a.days ? b : a));
  const inverted5 = inverted.filter((r) => r.days >= 5);

  const regimeTable = [
    '| regime (default policy) | days | share of days | episodes | longest episode (trading days) |',
    '|---|---:|---:|---:|---|',
    ...byRegime.map(
      (r) =>
        `| ${r.regime} | ${r.days} | ${pct(r.days / n)} | ${r.episodes} | ${r.longest.days}: ${r.longest.start}..${r.longest.end} |`,
    ),
    `| F1 > F2 (any backwardation) | ${invertedDays} | ${pct(invertedDays / n)} | ${inverted.length} (${inverted5.length} of ≥ 5 days) | ${invertedLongest.days}: ${invertedLongest.start}..${invertedLongest.end} |`,
  ].join('\n');

  const kappas = curves.map((c) => c.fit.kappa);
  const thetas = curves.map((c) => c.fit.theta);
  const rmses = curves.map((c) => c.fit.rmse);
  const atKappaBound = curves.filter((c) => c.fit.kappa === 0.5 || c.fit.kappa === 30).length;
  const atThetaBound = curves.filter((c) => c.fit.theta === 10 || c.fit.theta === 50).length;
  const q = (xs: number[], d: number): string =>
    [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantile(xs, p).toFixed(d)).join(' | ');
  const fitTable = [
    '| fit over 3711 days | 5% | 25% | median | 75% | 95% |',
    '|---|---:|---:|---:|---:|---:|',
    `| κ (per year) | ${q(kappas, 2)} |`,
    `| θ (points) | ${q(thetas, 2)} |`,
    `| rmse (points) | ${q(rmses, 3)} |`,
  ].join('\n');

  it('covers every day of the file', () => {
    expect(n).toBe(3711);
    expect(byRegime.reduce((s, r) => s + r.days, 0)).toBe(n);
  });

  it('has the curve inverted (F1 > F2) on about 18% of days', () => {
    expect(invertedDays).toBe(660);
    expect(invertedDays / n).toBeCloseTo(0.178, 3);
    // backwardation regimes are F1 − F2 > 0.25; the rest of the inverted days are flat
    const back = byRegime.filter((r) => r.regime.endsWith('backwardation')).reduce((s, r) => s + r.days, 0);
    expect(back).toBe(531);
  });

  it('counts each regime and its episodes', () => {
    expect(byRegime.map((r) => [r.regime, r.days, r.episodes])).toEqual([
      ['steep-backwardation', 93, 17],
      ['backwardation', 438, 103],
      ['flat', 346, 173],
      ['contango', 2834, 127],
    ]);
    // the longest steep backwardation is the 2008 crisis
    expect(byRegime[0]?.longest.start.slice(0, 7)).toBe('2008-10');
  });

  it('fits κ and θ inside the bounds every day, mostly within a fraction of a point', () => {
    expect(curves.every((c) => c.fit.method === 'least-squares')).toBe(true);
    expect(quantile(rmses, 0.5)).toBeLessThan(0.3);
    expect(quantile(rmses, 0.95)).toBeLessThan(1);
    // κ binds at 30 when the futures are flat and VIX sits apart from them (reversion within
    // days), at 0.5 when the futures rise almost linearly for eight months
    expect(curves.filter((c) => c.fit.kappa === 30).length).toBe(302);
    expect(curves.filter((c) => c.fit.kappa === 0.5).length).toBe(319);
    expect(atKappaBound).toBe(621);
    expect(atThetaBound).toBe(6);
  });

  it('is written verbatim in docs/market.md', () => {
    if (process.env['PRINT_TABLES']) console.log(`${regimeTable}\n\n${fitTable}`);
    const doc = readFileSync(docsPath, 'utf8');
    expect(doc, `docs/market.md should contain:\n${regimeTable}`).toContain(regimeTable);
    expect(doc, `docs/market.md should contain:\n${fitTable}`).toContain(fitTable);
    expect(doc).toContain(`κ at a bound on ${atKappaBound} days, θ at a bound on ${atThetaBound} days`);
  });
});
