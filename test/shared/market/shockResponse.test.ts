/**
 * How VX futures respond to a VIX move, measured on the real VX curve 2007-04-02..2021-12-23
 * (quantintell VX1..VX8 settlements, each contract dated by the calendar), against the κ fitted to
 * the curve at the start of each move. The tables are generated here and must appear verbatim in
 * docs/method.md, and the method's default shock κ must be the one they measure.
 *
 * A window is 10 rows, 10 trading days (about 14 calendar days; the policy's drawdownDays, the
 * drawdown scenario's length, is 10 calendar days: docs/method.md says what the difference means).
 * For each window the change of the constant-maturity future CM(d) (d = 30, 45, 60 calendar days,
 * the same maturity at both ends) is set against the change of VIX. β = least squares through the origin of ΔCM on ΔVIX (windows with
 * a big move weigh most); the model F(τ) = θ + (VIX − θ)·e^(−κτ) says β = e^(−κτ), so the implied
 * κ = −ln β / τ. Windows overlap; the VIX rises of ≥ 10 points fall in separate episodes (window
 * starts more than 10 trading days apart), and each episode's own β is reported too, so that one
 * crisis does not decide the figure.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { buildTermStructure, constantMaturity, vxExpiriesAfter, type TermStructure } from '@alvh/shared';
import { DEFAULT_SHOCK_KAPPA } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { readVxHistory } from './vxHistory';

const docsPath = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'method.md');

const WINDOW = 10;
const RISE = 10;
const TENORS = [30, 45, 60] as const;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Least-squares slope through the origin. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += x * (ys[i] as number);
    sxx += x * x;
  });
  return sxy / sxx;
}

const impliedKappa = (beta: number, days: number) => -Math.log(beta) / (days / 365);

describeWithData('the response of VX futures to a VIX move, 2007-2021', () => {
  const rows = readVxHistory();
  const curves: TermStructure[] = rows.map((r) =>
    buildTermStructure({
      valuationDate: r.date,
      vixSpot: r.vix,
      futures: vxExpiriesAfter(r.date, 8).map((expiry, i) => ({ expiry, price: r.vx[i] as number })),
    }),
  );
  const cm = TENORS.map((d) => curves.map((c) => constantMaturity(c, d)));
  const starts = Array.from({ length: rows.length - WINDOW }, (_, i) => i);
  const dVix = (i: number) => (rows[i + WINDOW]?.vix as number) - (rows[i]?.vix as number);
  const dCm = (t: number, i: number) => (cm[t]?.[i + WINDOW] as number) - (cm[t]?.[i] as number);
  const fitted = (i: number) => (curves[i] as TermStructure).fit.kappa;

  const rises = starts.filter((i) => dVix(i) >= RISE);
  const episodes: number[][] = [];
  let last = -Infinity;
  for (const i of rises) {
    if (i - last > WINDOW) episodes.push([]);
    (episodes[episodes.length - 1] as number[]).push(i);
    last = i;
  }

  interface Row {
    beta: number;
    kappa: number;
    episodeBeta?: number;
    episodeKappa?: number;
    fittedMedian: number;
    fittedBetaMedian: number;
  }
  const measure = (sel: readonly number[], t: number, withEpisodes: boolean): Row => {
    const d = TENORS[t] as number;
    const beta = slope(
      sel.map(dVix),
      sel.map((i) => dCm(t, i)),
    );
    const row: Row = {
      beta,
      kappa: impliedKappa(beta, d),
      fittedMedian: median(sel.map(fitted)),
      fittedBetaMedian: median(sel.map((i) => Math.exp((-fitted(i) * d) / 365))),
    };
    if (withEpisodes) {
      const eb = median(
        episodes.map((e) =>
          slope(
            e.map(dVix),
            e.map((i) => dCm(t, i)),
          ),
        ),
      );
      row.episodeBeta = eb;
      row.episodeKappa = impliedKappa(eb, d);
    }
    return row;
  };
  const riseRows = TENORS.map((_, t) => measure(rises, t, true));
  const allRows = TENORS.map((_, t) => measure(starts, t, false));

  const f = (x: number | undefined, dp: number) => (x === undefined ? '—' : x.toFixed(dp));
  const line = (label: string, n: string, t: number, r: Row) =>
    `| ${label} | ${n} | ${TENORS[t]} | ${f(r.beta, 3)} | ${f(r.kappa, 2)} | ${f(r.episodeBeta, 3)} | ${f(r.episodeKappa, 2)} | ${f(r.fittedMedian, 2)} | ${f(r.fittedBetaMedian, 3)} |`;
  const responseTable = [
    '| 10-day windows | windows (episodes) | CM days | β pooled | κ implied | β median of episodes | κ implied | fitted κ at start, median | e^(−κ_fit·τ), median |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...riseRows.map((r, t) => line(`VIX up ≥ ${RISE} points`, `${rises.length} (${episodes.length})`, t, r)),
    ...allRows.map((r, t) => line('all', `${starts.length}`, t, r)),
  ].join('\n');

  // Does the fitted κ at the start tell how strongly the 45-day future will respond?
  const T45 = TENORS.indexOf(45);
  const byFit = (lo: number, hi: number) => {
    const sel = rises.filter((i) => fitted(i) >= lo && fitted(i) < hi);
    const beta = slope(
      sel.map(dVix),
      sel.map((i) => dCm(T45, i)),
    );
    return { label: hi === Infinity ? `≥ ${lo}` : `${lo}-${hi}`, n: sel.length, beta, kappa: impliedKappa(beta, 45) };
  };
  const buckets = [byFit(0, 3), byFit(3, 10), byFit(10, 20), byFit(20, Infinity)];

  // Error of each rule's predicted ΔCM(45) = ΔVIX·e^(−κ·45/365), points.
  const rules: { name: string; kappa: (i: number) => number }[] = [
    { name: 'fitted κ (the method text)', kappa: fitted },
    { name: `min(fitted κ, ${DEFAULT_SHOCK_KAPPA})`, kappa: (i) => Math.min(fitted(i), DEFAULT_SHOCK_KAPPA) },
    { name: 'κ = 5', kappa: () => 5 },
    { name: `κ = ${DEFAULT_SHOCK_KAPPA} (default shockKappa)`, kappa: () => DEFAULT_SHOCK_KAPPA },
    { name: 'κ = 8 (fallback of the fit)', kappa: () => 8 },
  ];
  const score = (sel: readonly number[], k: (i: number) => number) => {
    let se = 0;
    let over = 0;
    for (const i of sel) {
      const predicted = dVix(i) * Math.exp((-k(i) * 45) / 365);
      se += (dCm(T45, i) - predicted) ** 2;
      if (predicted > dCm(T45, i)) over++;
    }
    return { rmse: Math.sqrt(se / sel.length), over };
  };
  const scores = rules.map((r) => ({ name: r.name, rise: score(rises, r.kappa), all: score(starts, r.kappa) }));

  const bucketTable = [
    `| fitted κ at start (VIX up ≥ ${RISE}) | windows | β of CM(45) | κ implied |`,
    '|---|---:|---:|---:|',
    ...buckets.map((b) => `| ${b.label} | ${b.n} | ${b.beta.toFixed(3)} | ${b.kappa.toFixed(2)} |`),
  ].join('\n');
  const ruleTable = [
    `| κ mapping the VIX move to CM(45) | rmse, VIX up ≥ ${RISE} (pts) | windows where the rise is overstated | rmse, all windows (pts) |`,
    '|---|---:|---:|---:|',
    ...scores.map(
      (s) => `| ${s.name} | ${s.rise.rmse.toFixed(2)} | ${s.rise.over} of ${rises.length} | ${s.all.rmse.toFixed(2)} |`,
    ),
  ].join('\n');

  it('finds the VIX rises of ≥ 10 points in 10 trading days', () => {
    expect(rows.length).toBe(3711);
    expect(rises.length).toBe(102);
    expect(episodes.length).toBe(22);
    expect(rows[episodes[0]?.[0] as number]?.date).toBe('2007-10-29');
  });

  it('measures a response of about e^(−5τ) to e^(−6τ) at 30-60 days', () => {
    const r45 = riseRows[T45] as Row;
    expect(r45.beta).toBeCloseTo(0.543, 3);
    expect(r45.kappa).toBeGreaterThan(4.5);
    expect(r45.kappa).toBeLessThan(5.5);
    expect(r45.episodeBeta).toBeCloseTo(0.476, 3);
    // every tenor's implied κ, pooled or by episode, lies in 4-7.5
    for (const r of riseRows) {
      expect(r.kappa).toBeGreaterThan(4);
      expect(r.kappa).toBeLessThan(7.5);
      expect(r.episodeKappa as number).toBeGreaterThan(4);
      expect(r.episodeKappa as number).toBeLessThan(7.5);
    }
    // the fitted κ at 10 of these windows is 30, its upper bound; 41 are at 10 or more
    expect(rises.filter((i) => fitted(i) === 30).length).toBe(10);
    expect(rises.filter((i) => fitted(i) >= 10).length).toBe(41);
  });

  it('the fitted κ does not predict the response: every bucket implies κ 3.5-7.5', () => {
    for (const b of buckets) {
      expect(b.n).toBeGreaterThan(10);
      expect(b.kappa).toBeGreaterThan(3.5);
      expect(b.kappa).toBeLessThan(7.5);
    }
  });

  it('a fixed κ near 6 predicts the moves better than the fitted κ, capped or not', () => {
    const by = Object.fromEntries(scores.map((s) => [s.name, s]));
    const fit = by['fitted κ (the method text)'];
    const cap = by[`min(fitted κ, ${DEFAULT_SHOCK_KAPPA})`];
    const fixed = by[`κ = ${DEFAULT_SHOCK_KAPPA} (default shockKappa)`];
    if (!fit || !cap || !fixed) throw new Error('missing rule');
    expect(fixed.rise.rmse).toBeLessThan(cap.rise.rmse);
    expect(cap.rise.rmse).toBeLessThan(fit.rise.rmse);
    expect(fixed.all.rmse).toBeLessThan(cap.all.rmse);
    expect(cap.all.rmse).toBeLessThan(fit.all.rmse);
    // and it overstates the rise in fewer than half of the windows (the tail is not sized on hope)
    expect(fixed.rise.over).toBeLessThan(rises.length / 2);
  });

  it('the default shockKappa is the median episode response at 45 days, rounded', () => {
    expect(DEFAULT_SHOCK_KAPPA).toBe(Math.round(riseRows[T45]?.episodeKappa as number));
  });

  it('is written verbatim in docs/method.md', () => {
    if (process.env['PRINT_TABLES']) console.log(`${responseTable}\n\n${bucketTable}\n\n${ruleTable}`);
    const doc = readFileSync(docsPath, 'utf8');
    for (const table of [responseTable, bucketTable, ruleTable])
      expect(doc, `docs/method.md should contain:\n${table}`).toContain(table);
  });
});
