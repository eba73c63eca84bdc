/**
 * Inputs and results of the option pricing engines. Units: prices in index points, `years` in
 * years ACT/365, `vol` as a decimal (0.18 = 18%), rates and yields continuously compounded decimals.
 */

export type OptionType = 'call' | 'put';

/** A European option on an index paying a continuous dividend yield (Black–Scholes–Merton). */
export interface BsInput {
  type: OptionType;
  /** Spot index level (points). */
  spot: number;
  /** Strike (points). */
  strike: number;
  /** Time to expiry in years (ACT/365). 0 = at expiry. */
  years: number;
  /** Volatility as a decimal (0.18 for 18%). */
  vol: number;
  /** Risk-free rate, continuously compounded decimal. Default 0. */
  rate?: number | undefined;
  /** Dividend yield, continuously compounded decimal. Default 0. */
  divYield?: number | undefined;
}

/** A European option on a futures price (Black-76), e.g. a VIX option on its VX future. */
export interface Black76Input {
  type: OptionType;
  /** Futures price (points). */
  future: number;
  /** Strike (points). */
  strike: number;
  /** Time to expiry in years (ACT/365). */
  years: number;
  /** Volatility of the future as a decimal. */
  vol: number;
  /** Risk-free rate used to discount the payoff, continuously compounded decimal. Default 0. */
  rate?: number | undefined;
}

/**
 * Price and sensitivities of one option (per unit of underlying; multiply by the contract
 * multiplier and signed quantity for dollar Greeks).
 * - `delta`: ∂price/∂underlying (spot for BSM, future for Black-76), per 1 point.
 * - `gamma`: ∂delta/∂underlying, per point.
 * - `vega`: price change for +1 vol point (+0.01 in vol).
 * - `theta`: price change for one calendar day less to expiry (∂price/∂t / 365); usually negative.
 * - `rho`: price change for +1% (+0.01) in the rate (the future held fixed for Black-76).
 */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** Input of {@link bsImpliedVol}: a BSM option with a market price instead of a volatility. */
export interface BsImpliedVolInput {
  type: OptionType;
  /** Option price (points). */
  price: number;
  spot: number;
  strike: number;
  years: number;
  rate?: number | undefined;
  divYield?: number | undefined;
}

/** Input of {@link black76ImpliedVol}: a Black-76 option with a market price. */
export interface Black76ImpliedVolInput {
  type: OptionType;
  /** Option price (points). */
  price: number;
  future: number;
  strike: number;
  years: number;
  rate?: number | undefined;
}
