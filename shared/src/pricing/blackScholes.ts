/**
 * Black–Scholes–Merton: European options on an index paying a continuous dividend yield (SPX).
 */
import { blackFormula } from './blackFormula';
import { normCdf, normPdf } from './normalCdf';
import {
  checkLevel,
  checkObject,
  checkOptionalRate,
  checkType,
  checkVolatility,
  checkYears,
  MIN_STDDEV,
} from './_lib/inputs';
import type { BsInput, Greeks } from './types';

interface BsChecked {
  isCall: boolean;
  spot: number;
  strike: number;
  years: number;
  vol: number;
  rate: number;
  divYield: number;
}

function checkBs(i: BsInput): BsChecked {
  checkObject('input', i);
  return {
    isCall: checkType('type', i.type) === 'call',
    spot: checkLevel('spot', i.spot),
    strike: checkLevel('strike', i.strike),
    years: checkYears('years', i.years),
    vol: checkVolatility('vol', i.vol),
    rate: checkOptionalRate('rate', i.rate),
    divYield: checkOptionalRate('divYield', i.divYield),
  };
}

/**
 * Black–Scholes–Merton price of a European option with continuous dividend yield:
 * C = S·e^(−qT)·Φ(d1) − K·e^(−rT)·Φ(d2), P = K·e^(−rT)·Φ(−d2) − S·e^(−qT)·Φ(−d1).
 * `years = 0` gives the intrinsic value; `vol = 0` the discounted intrinsic value of the forward
 * S·e^((r−q)T). Far out-of-the-money prices are computed directly (positive, accurate), see
 * {@link blackFormula}.
 *
 * @param i option: type, spot and strike (points), years (ACT/365), vol (decimal), rate and
 *   divYield (continuously compounded decimals, default 0)
 * @returns price in index points
 * @throws AlvhError `invalid_input` naming the field (negative spot, vol 18 instead of 0.18, ...)
 * @example
 * bsPrice({ type: 'call', spot: 42, strike: 40, years: 0.5, vol: 0.2, rate: 0.1 }); // 4.759422392871536 (Hull: 4.76)
 * @see J. C. Hull, Options, Futures, and Other Derivatives, ch. "The Black–Scholes–Merton model"
 */
export function bsPrice(i: BsInput): number {
  const c = checkBs(i);
  const df = Math.exp(-c.rate * c.years);
  const forward = c.spot * Math.exp((c.rate - c.divYield) * c.years);
  return df * blackFormula(c.isCall, forward, c.strike, c.vol * Math.sqrt(c.years));
}

/**
 * BSM price and Greeks in the package conventions: delta and gamma per 1 point of spot, vega per
 * vol point (0.01), theta per calendar day (∂V/∂t / 365), rho per 1% of the rate (0.01).
 * The dividend yield is held fixed for rho.
 *
 * At zero total deviation (years = 0 or vol = 0) the Greeks are those of the discounted
 * payoff: delta is the step e^(−qT)·1{ITM} (half the step exactly at the forward), gamma is 0 (at
 * the strike it is a Dirac mass, reported as 0), vega takes its limit (positive only exactly at
 * the forward, with years > 0), theta and rho are those of the discounted intrinsic value.
 *
 * @returns {@link Greeks} per unit of underlying (multiply by 100 × quantity for SPX dollars)
 * @throws AlvhError `invalid_input` naming the field
 * @example
 * bsGreeks({ type: 'call', spot: 100, strike: 100, years: 1, vol: 0.2, rate: 0.05 });
 * // { price: 10.450583572185575, delta: 0.6368306511756192, gamma: 0.01876201734584689,
 * //   vega: 0.37524034691693786, theta: -0.01757267820941972, rho: 0.5323248154537635 }
 * @see E. G. Haug, The Complete Guide to Option Pricing Formulas, 2nd ed., §2.1
 */
export function bsGreeks(i: BsInput): Greeks {
  const c = checkBs(i);
  const { spot: S, strike: K, years: T, vol, rate: r, divYield: q } = c;
  const dr = Math.exp(-r * T);
  const dq = Math.exp(-q * T);
  const forward = S * Math.exp((r - q) * T);
  const sd = vol * Math.sqrt(T);
  const price = dr * blackFormula(c.isCall, forward, K, sd);

  let d1: number;
  let d2: number;
  let density: number; // φ(d1)
  let volTerm: number; // S·e^(−qT)·φ(d1)·σ/(2√T)
  let gamma: number;
  if (sd >= MIN_STDDEV) {
    d1 = Math.log(forward / K) / sd + 0.5 * sd;
    d2 = d1 - sd;
    density = normPdf(d1);
    gamma = (dq * density) / (S * sd);
    volTerm = (S * dq * density * vol * vol) / (2 * sd); // σ/(2√T) = σ²/(2σ√T)
  } else {
    d1 = d2 = forward > K ? Infinity : forward < K ? -Infinity : 0;
    density = normPdf(d1);
    gamma = 0;
    volTerm = 0;
  }
  const vegaYear = S * dq * density * Math.sqrt(T);
  let delta: number;
  let thetaYear: number;
  let rhoUnit: number;
  if (c.isCall) {
    const nd1 = normCdf(d1);
    const nd2 = normCdf(d2);
    delta = dq * nd1;
    thetaYear = -volTerm - r * K * dr * nd2 + q * S * dq * nd1;
    rhoUnit = K * T * dr * nd2;
  } else {
    const nd1 = normCdf(-d1);
    const nd2 = normCdf(-d2);
    delta = -dq * nd1;
    thetaYear = -volTerm + r * K * dr * nd2 - q * S * dq * nd1;
    rhoUnit = -K * T * dr * nd2;
  }
  // `+ 0` turns −0 (e.g. rho of a put at expiry) into 0.
  return { price, delta: delta + 0, gamma, vega: vegaYear / 100, theta: thetaYear / 365 + 0, rho: rhoUnit / 100 + 0 };
}
