/**
 * Shapes of the VIX futures term structure. Prices in VIX index points, time in calendar days and
 * in years ACT/365 from the valuation date.
 */

/** A listed VX future: its final-settlement date (ISO) and its price in index points. */
export interface FuturesQuote {
  expiry: string;
  price: number;
}

/** What a term structure is built from. */
export interface CurveInput {
  /** ISO date the prices belong to. */
  valuationDate: string;
  /** VIX index level, points (> 0). */
  vixSpot: number;
  /** Listed futures, sorted by expiry, each expiring after the valuation date. */
  futures: FuturesQuote[];
}

/**
 * Curve policy. `steepSpread` and `flatBand` (points) drive the regime; `kappa` (per year) and
 * `theta` (points) fix the mean-reversion fit when given.
 */
export interface CurvePolicy {
  steepSpread: number;
  flatBand: number;
  kappa?: number;
  theta?: number;
}

/** Regimes of the front spread F1 − F2 (positive = backwardation). */
export type Regime = 'steep-backwardation' | 'backwardation' | 'flat' | 'contango';

/** A point on the curve: expiry, calendar days and ACT/365 years from the valuation date, price. */
export interface CurvePoint {
  expiry: string;
  days: number;
  years: number;
  price: number;
}

/**
 * The fitted mean-reverting curve F(τ) = θ + (VIX − θ)·e^(−κτ): κ per year, θ in points, rmse in
 * points over the listed futures. `method` says how κ and θ were obtained and `note` explains it.
 */
export interface MeanReversionFit {
  kappa: number;
  theta: number;
  rmse: number;
  method: 'least-squares' | 'fixed' | 'fallback';
  note: string;
}

/** A validated term structure with its summary numbers. */
export interface TermStructure {
  valuationDate: string;
  vixSpot: number;
  points: CurvePoint[];
  f1: CurvePoint;
  f2: CurvePoint;
  /** F1 − F2, points (positive = backwardation). */
  spread: number;
  /** (F2/F1 − 1)·100, percent. */
  contangoPct: number;
  regime: Regime;
  fit: MeanReversionFit;
  /**
   * The κ (per year) and θ (points) the policy fixed, when it fixed either: those are not fitted, so
   * `fitQuality` names the policy for them rather than the fit. Absent when both are fitted.
   */
  fixed?: { kappa?: number; theta?: number };
}
