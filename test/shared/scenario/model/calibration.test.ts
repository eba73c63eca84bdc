/**
 * The shipped calibration against the history it was fitted on (1990-2020) and a few out-of-sample
 * cells (2021-2026) that it meets, recomputed here from the data so that a change to the model or to
 * the parameters that breaks them fails. Each model path starts at its day's VIX and at the slow
 * factor the model's filter reads from the closes up to that day, as in `npm run calibrate`.
 * Model cells use fixed seeds; each tolerance is the calibration target, and the Monte Carlo error
 * of each estimate is stated beside it.
 * Also: docs/calibration.md lists the shipped parameters.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import {
  CALIBRATED,
  HORIZONS,
  HORIZON_SLACK_DAYS,
  RESPONSE_TENORS,
  VIX_BUCKETS,
  epochDay,
  filterFactors,
  historyVixCells,
  horizonPairs,
  logVixVariance,
  modelCells,
  modelResponse,
  olsSlope,
  slopeThroughOrigin,
  thin,
  checkTargets,
  historyVixIntervals,
  medianError,
  probabilityMargin,
  slopeError,
  stratifiedShareError,
  thresholdMargin,
  type DayValue,
  type TargetForecast,
} from '@alvh/shared/calibration';
import { buildTermStructure, constantMaturity, parseMarketHistory, vxExpiriesAfter } from '@alvh/shared';
import { historySeries } from '../../../../scripts/calibrateData';
import { describeWithData, readDataFile } from '../../../helpers/marketData';

const docsPath = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs', 'calibration.md');
const P = CALIBRATED.params;

it('docs/calibration.md lists the shipped parameters', () => {
  const doc = readFileSync(docsPath, 'utf8');
  for (const [k, v] of Object.entries(P)) {
    const row = new RegExp(`^\\|\\s*${k}\\s*\\|\\s*([^|\\s]+)\\s*\\|`, 'm').exec(doc);
    expect(row?.[1], k).toBe(String(v));
  }
});

it('a history start whose horizon date lies more than the slack past start + h is left out, as docs/calibration.md says', () => {
  // a 21-day horizon from day 0: its first close on or after day 21 may come at most the slack later
  const at = (days: number[]): DayValue[] => days.map((day) => ({ day, value: 20 }));
  expect(horizonPairs(at([0, 21 + HORIZON_SLACK_DAYS]), 21, 0, 100)).toEqual([[0, 1]]);
  expect(horizonPairs(at([0, 22 + HORIZON_SLACK_DAYS]), 21, 0, 100)).toEqual([]);
  expect(readFileSync(docsPath, 'utf8')).toContain(
    `History leaves out a start whose horizon date lies more than ${HORIZON_SLACK_DAYS} calendar days past start + h (a gap in the closes).`,
  );
});

it('the Monte Carlo errors and the margins that mark a verdict within the noise', () => {
  // One start, 100 paths, 4 hits: the binomial error with the m/(m − 1) correction.
  expect(stratifiedShareError([4], 100)).toBeCloseTo(Math.sqrt((0.04 * 0.96) / 99), 12);
  // Starts that always or never hit add no error.
  expect(stratifiedShareError([0, 100, 0], 100)).toBe(0);
  // The median's error of 0..n−1 spread evenly: about ½√n ranks.
  const n = 10_000;
  expect(medianError(Float64Array.from({ length: n }, (_, i) => i))).toBeCloseTo(0.5 * Math.sqrt(n), 0);
  // A slope through the origin with exact y = 2x has no error.
  expect(slopeError([1, 2, 3], [2, 4, 6], 2)).toBe(0);
  // 3.62% against 5.4455% lies 0.01 points from the edge 5.4455% / 1.5 = 3.6304%; β 0.601 against 0.525, 0.024 from 0.1.
  expect(probabilityMargin(0.0362, 0.054455)).toBeCloseTo(0.000103, 6);
  expect(thresholdMargin({ figure: 'beta', forecast: 0.601, history: 0.525 })).toBeCloseTo(0.024, 12);
  expect(thresholdMargin({ figure: 'median', forecast: 27.5, history: 24.8 })).toBeCloseTo(1.2, 12);
});

it("docs/scenarios.md's 42-day table quotes docs/calibration.md's 42-day cells", () => {
  const report = readFileSync(docsPath, 'utf8');
  const scenarios = readFileSync(resolve(dirname(docsPath), 'scenarios.md'), 'utf8');
  // "model ± error / history (count) ✓" → "model / history": the figures the summary quotes.
  const pair = (cell: string) => {
    const m = /^\s*([\d.]+%?)(?:\s*±\s*[\d.]+)?\s*\/\s*([\d.]+%?)/.exec(cell);
    return m ? `${m[1]} / ${m[2]!.replace(/^0\.00%$/, '0%')}` : cell.trim();
  };
  /** calibration.md's 42-day row of a bucket in one period's table: median, P(VIX > 30), P(VIX > 40). */
  const reportRow = (period: string, bucket: string) => {
    const section = report.split(`## VIX at the horizon, ${period}`)[1]!.split('\n## ')[0]!;
    const row = section.split('\n').find((l) => l.startsWith(`| ${bucket}`) && /^\|[^|]+\|\s*42\s*\|/.test(l));
    const cells = row!.split('|').slice(1, -1);
    return [cells[3]!, cells[6]!, cells[7]!].map(pair);
  };
  const rows = scenarios.split('\n').filter((l) => /^\| \d+-\d+ \| [\d.]+ \/ /.test(l));
  expect(rows).toHaveLength(VIX_BUCKETS.length);
  for (const line of rows) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => pair(c.replace(/\(\d+ cases?\)/, '')));
    const [lo, hi] = cells[0]!.split('-');
    const bucket = `[${lo}, ${hi})`;
    const inn = reportRow('in sample', bucket);
    const out = reportRow('out of sample', bucket);
    expect([cells[1], cells[3], cells[5]], `${bucket} in sample`).toEqual(inn);
    expect([cells[2], cells[4], cells[6]], `${bucket} out of sample`).toEqual(out);
  }
});

it("docs/scenarios.md's out-of-sample β gaps are docs/calibration.md's differences", () => {
  const report = readFileSync(docsPath, 'utf8');
  const scenarios = readFileSync(resolve(dirname(docsPath), 'scenarios.md'), 'utf8').replace(/\s+/g, ' ');
  const section = report
    .split("## VVIX-VIX elasticity and the futures' response, out of sample")[1]!
    .split('\n## ')[0]!;
  // the table's last column: "0.076 ✓†" → "0.076"
  const differences = RESPONSE_TENORS.map((d) => {
    const row = section.split('\n').find((l) => new RegExp(`^\\|\\s*${d}\\s*\\|`).test(l));
    return /(-?[\d.]+)/.exec(row!.split('|').slice(1, -1).at(-1)!)![1];
  });
  const quoted = /the futures' β at 30, 45 and 60 days \(([\d.]+), ([\d.]+) and ([\d.]+) above/.exec(scenarios);
  expect(quoted?.slice(1)).toEqual(differences);
});

describeWithData('the calibrated model against the VIX history', () => {
  // The trading days' closes, as the calibration reads them (a holiday's row left out).
  const vix: DayValue[] = historySeries(
    parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix'),
    (r) => r.vix,
  );
  const IN = [epochDay('1990-01-02'), epochDay('2020-12-31')] as const;
  const OUT = [epochDay('2021-01-01'), epochDay('2026-07-22')] as const;
  const factors = filterFactors(P, vix);
  const index = new Map(vix.map((x, i) => [x.day, i]));
  const withSlow = (days: number[]) =>
    days.map((d) => {
      const i = index.get(d)!;
      return { vix: vix[i]!.value, slow: factors.slow[i]!, spike: factors.spike[i]! };
    });
  const hin = historyVixCells(vix, IN[0], IN[1]);
  const hout = historyVixCells(vix, OUT[0], OUT[1]);
  // 300 starting values (evenly spaced, so the bucket's mix of levels is history's) × 25 paths =
  // 7,500 paths per cell: the binomial SE of a probability p is √(p(1 − p)/7500) (0.2 points at
  // p = 3.4%, 0.4 at 12%), well inside the factor 1.5 of the target; the median's SE is about 0.1 points.
  const STARTS = 300;
  const model = (startDays: number[][]) =>
    modelCells(
      P,
      startDays.map((s) => withSlow(thin(s, STARTS))),
      [],
      { seed: 101, pathsPerStart: 25 },
    ).vix;
  const min = model(hin.startDays);
  const mout = model(hout.startDays);
  const within = (m: number, h: number, factor: number) => Math.max(m / h, h / m) <= factor;

  it("docs/calibration.md's out-of-sample history counts the trading days alone (a holiday's VIX close starts no cell)", () => {
    const section = readFileSync(docsPath, 'utf8').split('## VIX at the horizon, out of sample')[1]!.split('\n## ')[0]!;
    VIX_BUCKETS.forEach((b, bi) =>
      HORIZONS.forEach((h, k) => {
        const line = section
          .split('\n')
          .find((l) => l.startsWith(`| [${b[0]}, ${b[1]})`) && new RegExp(`^\\|[^|]+\\|\\s*${h}\\s*\\|`).test(l));
        const cells = line!.split('|').slice(1, -1);
        const hc = hout.cells[bi]![k]!;
        expect(Number(cells[2]), `[${b[0]}, ${b[1]}) ${h} days: history starts`).toBe(hc.n);
        expect(/\((\d+)\)/.exec(cells[6]!)?.[1], `[${b[0]}, ${b[1]}) ${h} days: P(VIX > 30) cases`).toBe(
          String(hc.count30),
        );
      }),
    );
  });

  it('in sample (1990-2020): every median within 1.5 points, every P(VIX > 30) with ≥ 20 cases within a factor 1.5', () => {
    VIX_BUCKETS.forEach((b, bi) =>
      HORIZONS.forEach((h, k) => {
        const hc = hin.cells[bi]![k]!;
        const mc = min[bi]![k]!;
        const at = `start VIX [${b[0]}, ${b[1]}), ${h} days`;
        expect(Math.abs(mc.median - hc.median), `${at}: median ${mc.median} vs ${hc.median}`).toBeLessThanOrEqual(1.5);
        if (hc.count30 >= 20) {
          expect(within(mc.above30, hc.above30, 1.5), `${at}: P(>30) ${mc.above30} vs ${hc.above30}`).toBe(true);
        }
      }),
    );
  });

  it('out of sample (2021-2026): the cells it meets stay met', () => {
    // [20, 30) at 21 and 42 days: P(VIX > 30) (50 and 38 cases); [10, 30) medians at every horizon,
    // and the [30, 50) median at 63 days.
    for (const [bi, k] of [
      [2, 0],
      [2, 1],
    ] as const) {
      const hc = hout.cells[bi]![k]!;
      const mc = mout[bi]![k]!;
      expect(hc.count30).toBeGreaterThanOrEqual(20);
      expect(within(mc.above30, hc.above30, 1.5), `P(>30) ${mc.above30} vs ${hc.above30}`).toBe(true);
    }
    for (const bi of [0, 1, 2]) {
      HORIZONS.forEach((_, k) => {
        expect(Math.abs(mout[bi]![k]!.median - hout.cells[bi]![k]!.median)).toBeLessThanOrEqual(1.5);
      });
    }
    // From VIX 30-50 at 63 days (68 starting days, 1,700 paths: the median's error about 0.3 points).
    const high = mout[3]![2]!.median - hout.cells[3]![2]!.median;
    expect(
      Math.abs(high),
      `[30, 50) 63 days: ${mout[3]![2]!.median} vs ${hout.cells[3]![2]!.median}`,
    ).toBeLessThanOrEqual(1.5);
  });

  it('out of sample, the model beats the past read as the forecast: 1990-2020 history meets 8 of the 16 VIX targets', () => {
    // The yardstick of docs/calibration.md: each bucket's 1990-2020 cell as the forecast of 2021-2026.
    // β set equal on both sides: this test is about the VIX cells.
    const vixTargets = (vixCells: TargetForecast['vix']) =>
      checkTargets({ vix: vixCells, beta: [0, 0, 0] }, { vix: hout.cells, beta: [0, 0, 0] }).filter(
        (c) => c.figure !== 'beta',
      );
    const past = vixTargets(hin.cells);
    const ours = vixTargets(mout);
    expect(past).toHaveLength(16);
    expect(past.filter((c) => c.met)).toHaveLength(8);
    // The three it misses that the model misses too (docs/calibration.md): from VIX 30-50 the 21- and
    // 42-day medians, from VIX 20-30 P(VIX > 30) at 63 days.
    const missedBoth = past.filter((c, i) => !c.met && !ours[i]!.met).map((c) => `${c.at} ${c.figure}`);
    expect(missedBoth).toEqual(
      expect.arrayContaining([
        'start [20, 30), 63 days P(VIX > 30)',
        'start [30, 50), 21 days median',
        'start [30, 50), 42 days median',
      ]),
    );
    expect(ours.filter((c) => c.met).length).toBeGreaterThanOrEqual(12);
  });

  it("out of sample, history's own 90% interval (block bootstrap) holds one of the model's misses and none of the other three", () => {
    // docs/calibration.md, "History's own sampling error": from VIX 15-20, P(VIX > 30) at 63 days
    // (model 3.62%, history 5.45%, interval about 1.3-11%) is within history's noise; from VIX 20-30
    // at 63 days P(VIX > 30) (10.4% against an interval ending near 9.2%) and from VIX 30-50 the 21- and
    // 42-day medians (27.5 and 24.8 against intervals ending near 25.9 and 24.0) are not.
    const iv = historyVixIntervals(vix, OUT[0], OUT[1], { draws: 500 });
    const p15 = iv[1]![2]!.above30;
    expect(mout[1]![2]!.above30).toBeGreaterThan(p15[0]);
    expect(mout[1]![2]!.above30).toBeLessThan(p15[1]);
    expect(p15[1] / p15[0], 'the interval of a 33-case probability spans more than a factor 4').toBeGreaterThan(4);
    expect(mout[2]![2]!.above30).toBeGreaterThan(iv[2]![2]!.above30[1]);
    expect(mout[3]![0]!.median).toBeGreaterThan(iv[3]![0]!.median[1]);
    expect(mout[3]![1]!.median).toBeGreaterThan(iv[3]![1]!.median[1]);
    // Every interval holds history's own figure.
    VIX_BUCKETS.forEach((_, bi) =>
      HORIZONS.forEach((_, k) => {
        const h = hout.cells[bi]![k]!;
        const m = iv[bi]![k]!.median;
        expect(h.median).toBeGreaterThanOrEqual(m[0]);
        expect(h.median).toBeLessThanOrEqual(m[1]);
      }),
    );
  });

  it('VVIX rises with VIX as in 2007-2020: the model’s log-log elasticity is history’s within 0.01', () => {
    const vvix = parseMarketHistory(readDataFile('cboe_VVIX_History__ManULoreN14.csv'), 'cboe-vvix');
    const vixByDay = new Map(vix.map((x) => [x.day, x.value]));
    const pairs = vvix
      .map((r) => ({ day: epochDay(r.date), vvix: r.vvix as number }))
      .filter((x) => x.day >= epochDay('2007-01-03') && x.day <= IN[1] && vixByDay.has(x.day));
    const lx = pairs.map((x) => Math.log(vixByDay.get(x.day)!));
    const history = olsSlope(
      lx,
      pairs.map((x) => Math.log(x.vvix)),
    );
    const modelE = olsSlope(
      lx,
      lx.map((x) => 0.5 * Math.log(logVixVariance(P, x))),
    );
    expect(history).toBeGreaterThan(0.1);
    expect(Math.abs(modelE - history)).toBeLessThan(0.01);
  });

  it('the 30/45/60-day futures respond to a 10-point VIX rise within 0.1 of the 2007-2020 β', () => {
    const rows = parseMarketHistory(
      readDataFile('quantintell_vix_futures_VX1-VX8_2007-2021.csv'),
      'quantintell-futures',
    ).filter((r) => r.date <= '2020-12-31');
    const cm = rows.map((r) => {
      const ts = buildTermStructure({
        valuationDate: r.date,
        vixSpot: r.vix as number,
        futures: vxExpiriesAfter(r.date, 8).map((expiry, i) => ({ expiry, price: r.vx[i] as number })),
      });
      return RESPONSE_TENORS.map((d) => constantMaturity(ts, d));
    });
    const dv: number[] = [];
    const dcm: number[][] = RESPONSE_TENORS.map(() => []);
    for (let i = 0; i + 10 < rows.length; i++) {
      const rise = (rows[i + 10]!.vix as number) - (rows[i]!.vix as number);
      if (rise < 10) continue;
      dv.push(rise);
      RESPONSE_TENORS.forEach((_, k) => dcm[k]!.push(cm[i + 10]![k]! - cm[i]![k]!));
    }
    const history = dcm.map((ys) => slopeThroughOrigin(dv, ys));
    // A pin of the shipped seed, not a bound the model meets whatever the seed: the slope is carried
    // by the few windows with the largest jumps, so over a thousand windows its error is still some
    // 0.05. Seeds 206 and 208 miss 0.1 (CM(45) by 0.12, CM(30) by 0.11), and 1,200 paths a start do
    // not cure it (seed 206: CM(30) 0.535 against 0.638). docs/scenarios.md, "Against the
    // simulation's noise".
    const m = modelResponse(
      P,
      withSlow(
        thin(
          rows.map((r) => epochDay(r.date)).filter((d) => index.has(d)),
          400,
        ),
      ),
      { seed: 202, pathsPerStart: 150 },
    );
    expect(m.windows).toBeGreaterThan(500);
    RESPONSE_TENORS.forEach((d, k) => {
      expect(Math.abs(m.beta[k]! - history[k]!), `CM(${d}): ${m.beta[k]} vs ${history[k]}`).toBeLessThanOrEqual(0.1);
    });
  });
});
