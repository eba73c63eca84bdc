/**
 * The calibration's out-of-sample targets (checkTargets): which cells count, the tolerances at their
 * edges, a zero forecast, and the order of the report.
 */
import { describe, expect, it } from 'vitest';
import {
  BETA_TOLERANCE,
  HORIZONS,
  MEDIAN_TOLERANCE,
  MIN_TARGET_CASES,
  PROBABILITY_FACTOR,
  RESPONSE_TENORS,
  VIX_BUCKETS,
  checkTargets,
  type TargetForecast,
  type TargetHistory,
} from '@alvh/shared/calibration';

type HistoryCell = TargetHistory['vix'][number][number];
type ForecastCell = TargetForecast['vix'][number][number];

/** Every cell the same; `at(bi, k)` overrides one. */
function grid<T>(base: T, at: (bi: number, k: number) => Partial<T> = () => ({})): T[][] {
  return VIX_BUCKETS.map((_, bi) => HORIZONS.map((_, k) => ({ ...base, ...at(bi, k) })));
}

const THIN: HistoryCell = { n: 10, median: 20, above30: 0.1, above40: 0.01, count30: 1, count40: 0 };
const beta = RESPONSE_TENORS.map(() => 0.5);

describe('checkTargets', () => {
  it('counts a median only with ≥ 20 starting days, and a probability only with ≥ 20 cases above the level', () => {
    expect(MIN_TARGET_CASES).toBe(20);
    const history: TargetHistory = {
      vix: grid(THIN, (bi, k) =>
        bi === 1 && k === 2 ? { n: 20, count30: 20, count40: 19 } : bi === 0 && k === 0 ? { n: 19, count30: 25 } : {},
      ),
      beta,
    };
    const forecast: TargetForecast = { vix: grid({ median: 20, above30: 0.1, above40: 0.01 }), beta };
    const checks = checkTargets(forecast, history);
    expect(checks.map((c) => `${c.at} ${c.figure}`)).toEqual([
      'start [10, 15), 21 days P(VIX > 30)',
      'start [15, 20), 63 days median',
      'start [15, 20), 63 days P(VIX > 30)',
      'β of CM(30) beta',
      'β of CM(45) beta',
      'β of CM(60) beta',
    ]);
    expect(checks.every((c) => c.met)).toBe(true);
    expect(checks[1]!.cases).toBe(20);
    expect(checks[0]!.cases).toBe(25);
  });

  it('meets a median within 1.5 points either way and misses beyond', () => {
    expect(MEDIAN_TOLERANCE).toBe(1.5);
    const history: TargetHistory = { vix: grid({ ...THIN, n: 100, median: 20 }), beta };
    for (const [median, met] of [
      [21.5, true],
      [18.5, true],
      [21.5000001, false],
      [18.4999999, false],
    ] as const) {
      const checks = checkTargets({ vix: grid<ForecastCell>({ median, above30: 0.1, above40: 0.01 }), beta }, history);
      const medians = checks.filter((c) => c.figure === 'median');
      expect(medians).toHaveLength(VIX_BUCKETS.length * HORIZONS.length);
      expect(
        medians.every((c) => c.met === met && c.forecast === median && c.history === 20),
        `median ${median}`,
      ).toBe(true);
    }
  });

  it('meets a probability within a factor 1.5 either way; a forecast of zero misses', () => {
    expect(PROBABILITY_FACTOR).toBe(1.5);
    const history: TargetHistory = { vix: grid({ ...THIN, above40: 0.04, count40: 30 }), beta };
    for (const [above40, met] of [
      [0.06, true],
      [0.04 / 1.5, true],
      [0.0601, false],
      [0.0266, false],
      [0, false],
    ] as const) {
      const checks = checkTargets({ vix: grid<ForecastCell>({ median: 20, above30: 0.1, above40 }), beta }, history);
      const p40 = checks.filter((c) => c.figure === 'P(VIX > 40)');
      expect(p40).toHaveLength(VIX_BUCKETS.length * HORIZONS.length);
      expect(
        p40.every((c) => c.met === met),
        `P(VIX > 40) ${above40} vs 0.04`,
      ).toBe(true);
    }
  });

  it('meets β within 0.1 at each tenor', () => {
    expect(BETA_TOLERANCE).toBe(0.1);
    const history: TargetHistory = { vix: grid(THIN), beta: [0.6, 0.5, 0.4] };
    const checks = checkTargets(
      { vix: grid<ForecastCell>({ median: 20, above30: 0.1, above40: 0.01 }), beta: [0.5, 0.39, 0.45] },
      history,
    );
    expect(checks.map((c) => [c.at, c.met])).toEqual([
      ['β of CM(30)', true],
      ['β of CM(45)', false],
      ['β of CM(60)', true],
    ]);
  });

  it('names the field and the shape to pass when a forecast or history has the wrong shape', () => {
    const good: TargetHistory = { vix: grid(THIN), beta };
    const f: TargetForecast = { vix: grid<ForecastCell>({ median: 20, above30: 0.1, above40: 0.01 }), beta };
    expect(() => checkTargets({ ...f, vix: f.vix.slice(1) }, good)).toThrow(/forecast\.vix.*4 rows.*3 cells/);
    expect(() => checkTargets(f, { ...good, vix: good.vix.map((r) => r.slice(1)) })).toThrow(/history\.vix/);
    expect(() => checkTargets({ ...f, beta: [0.5] }, good)).toThrow(/forecast\.beta.*3 numbers/);
  });
});
