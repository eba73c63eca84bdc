/**
 * The out-of-sample targets of the calibration (docs/calibration.md): for each
 * starting bucket and horizon whose history has at least {@link MIN_TARGET_CASES} starting days, the
 * median within {@link MEDIAN_TOLERANCE} points; P(VIX > 30) and P(VIX > 40) within a factor
 * {@link PROBABILITY_FACTOR} where history has that many cases above the level; the futures' β at
 * each response tenor within {@link BETA_TOLERANCE}. A forecast is anything that gives those figures:
 * the model's cells, or another period's history read as the forecast (the yardstick a model has to
 * beat).
 */
import { HORIZONS, RESPONSE_TENORS, VIX_BUCKETS, type VixCell } from './calibrationCells';
import { invalidInput } from '../../errors';

/** Fewest history cases (starting days, or days above the level) a target needs. */
export const MIN_TARGET_CASES = 20;
/** Largest gap (VIX points) between a forecast median and history's. */
export const MEDIAN_TOLERANCE = 1.5;
/** Largest ratio, either way, between a forecast probability and history's. */
export const PROBABILITY_FACTOR = 1.5;
/** Largest gap between a forecast β of the constant-maturity future and history's. */
export const BETA_TOLERANCE = 0.1;

/** What a forecast gives for the targets: VIX cells by [bucket][horizon], β by response tenor. */
export interface TargetForecast {
  vix: readonly (readonly Pick<VixCell, 'median' | 'above30' | 'above40'>[])[];
  beta: readonly number[];
}

/** History's side: its VIX cells (with their case counts) and β by response tenor. */
export interface TargetHistory {
  vix: readonly (readonly Pick<VixCell, 'n' | 'median' | 'above30' | 'above40' | 'count30' | 'count40'>[])[];
  beta: readonly number[];
}

/** One target: where, what, the forecast's and history's figures, history's cases, met or not. */
export interface TargetCheck {
  /** `start [lo, hi), h days` or `β of CM(d)`. */
  at: string;
  /** [bucket, horizon] indices into VIX_BUCKETS and HORIZONS; null for β. */
  cell: [number, number] | null;
  figure: 'median' | 'P(VIX > 30)' | 'P(VIX > 40)' | 'beta';
  forecast: number;
  history: number;
  /** History's cases behind the figure (starting days for a median, days above for a probability; β: 0). */
  cases: number;
  met: boolean;
}

/** The {@link TargetCheck}s of a forecast against history, in the report's order (bucket, horizon, figure; then β). */
export function checkTargets(forecast: TargetForecast, history: TargetHistory): TargetCheck[] {
  checkShape('forecast', forecast);
  checkShape('history', history);
  const checks: TargetCheck[] = [];
  VIX_BUCKETS.forEach((b, bi) =>
    HORIZONS.forEach((hz, k) => {
      const h = history.vix[bi]![k]!;
      const f = forecast.vix[bi]![k]!;
      const at = `start [${b[0]}, ${b[1]}), ${hz} days`;
      if (h.n >= MIN_TARGET_CASES) {
        const met = Math.abs(f.median - h.median) <= MEDIAN_TOLERANCE;
        checks.push({ at, cell: [bi, k], figure: 'median', forecast: f.median, history: h.median, cases: h.n, met });
      }
      for (const [figure, fp, hp, cases] of [
        ['P(VIX > 30)', f.above30, h.above30, h.count30],
        ['P(VIX > 40)', f.above40, h.above40, h.count40],
      ] as const) {
        if (cases < MIN_TARGET_CASES) continue;
        // A forecast of 0 against history's ≥ 20 cases misses (the ratio is infinite).
        const met = fp > 0 && Math.max(fp / hp, hp / fp) <= PROBABILITY_FACTOR;
        checks.push({ at, cell: [bi, k], figure, forecast: fp, history: hp, cases, met });
      }
    }),
  );
  RESPONSE_TENORS.forEach((d, k) => {
    const f = forecast.beta[k]!;
    const h = history.beta[k]!;
    checks.push({
      at: `β of CM(${d})`,
      cell: null,
      figure: 'beta',
      forecast: f,
      history: h,
      cases: 0,
      met: Math.abs(f - h) <= BETA_TOLERANCE,
    });
  });
  return checks;
}

/** Rows by VIX_BUCKETS, cells by HORIZONS, β by RESPONSE_TENORS, or an error naming the field. */
function checkShape(name: string, x: TargetForecast | TargetHistory): void {
  const rows = VIX_BUCKETS.length;
  const cols = HORIZONS.length;
  if (!Array.isArray(x.vix) || x.vix.length !== rows || x.vix.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw invalidInput(
      `${name}.vix`,
      'is not one row per starting bucket with one cell per horizon',
      `pass ${rows} rows (VIX_BUCKETS) of ${cols} cells (HORIZONS)`,
    );
  }
  if (!Array.isArray(x.beta) || x.beta.length !== RESPONSE_TENORS.length) {
    throw invalidInput(
      `${name}.beta`,
      'is not one β per response tenor',
      `pass ${RESPONSE_TENORS.length} numbers (RESPONSE_TENORS)`,
    );
  }
}

/**
 * How far a check's forecast lies from the edge of its tolerance, in the forecast's units (VIX
 * points, probability, β): positive either side. A margin under two of the forecast's Monte Carlo
 * standard errors means another seed could flip the verdict.
 */
export function thresholdMargin(c: Pick<TargetCheck, 'figure' | 'forecast' | 'history'>): number {
  if (c.figure === 'median') return Math.abs(Math.abs(c.forecast - c.history) - MEDIAN_TOLERANCE);
  if (c.figure === 'beta') return Math.abs(Math.abs(c.forecast - c.history) - BETA_TOLERANCE);
  return probabilityMargin(c.forecast, c.history);
}

/** Distance of a forecast probability from the nearer end of [history / factor, history · factor]. */
export function probabilityMargin(forecast: number, history: number): number {
  return Math.min(Math.abs(forecast - history / PROBABILITY_FACTOR), Math.abs(forecast - history * PROBABILITY_FACTOR));
}
