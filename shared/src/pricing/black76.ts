/**
 * Black-76: European options on a futures price (VIX options on the VX future of the same expiry).
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
import type { Black76Input, Greeks } from './types';

interface B76Checked {
  isCall: boolean;
  future: number;
  strike: number;
  years: number;
  vol: number;
  rate: number;
}

function checkB76(i: Black76Input): B76Checked {
  checkObject('input', i);
  return {
    isCall: checkType('type', i.type) === 'call',
    future: checkLevel('future', i.future),
    strike: checkLevel('strike', i.strike),
    years: checkYears('years', i.years),
    vol: checkVolatility('vol', i.vol),
    rate: checkOptionalRate('rate', i.rate),
  };
}

/**
 * Black-76 price: e^(−rT)·[F·Φ(d1) − K·Φ(d2)] for a call, e^(−rT)·[K·Φ(−d2) − F·Φ(−d1)] for a put,
 * d1 = ln(F/K)/(σ√T) + σ√T/2. `years = 0` gives the intrinsic value; `vol = 0` the discounted
 * intrinsic value.
 *
 * @param i option: type, future and strike (points), years (ACT/365), vol (decimal), rate
 *   (continuously compounded decimal, default 0)
 * @returns price in index points
 * @throws AlvhError `invalid_input` naming the field
 * @example
 * black76Price({ type: 'put', future: 20, strike: 20, years: 4 / 12, vol: 0.25, rate: 0.09 }); // 1.1166414565589433 (Haug: 1.11664145656)
 * @see F. Black (1976); E. G. Haug, The Complete Guide to Option Pricing Formulas, 2nd ed., §1.1.5
 */
export function black76Price(i: Black76Input): number {
  const c = checkB76(i);
  return Math.exp(-c.rate * c.years) * blackFormula(c.isCall, c.future, c.strike, c.vol * Math.sqrt(c.years));
}

/**
 * Black-76 price and Greeks: delta and gamma per 1 point of the future, vega per vol point (0.01),
 * theta per calendar day (/365, the future held fixed), rho per 1% of the rate (the future held
 * fixed, so rho = −T·price/100). Zero total deviation is handled as in {@link bsGreeks}.
 *
 * @returns {@link Greeks} per unit of the future (multiply by 100 × quantity for VIX option dollars)
 * @throws AlvhError `invalid_input` naming the field
 * @example
 * black76Greeks({ type: 'call', future: 20, strike: 25, years: 0.1, vol: 0.9, rate: 0.04 }).delta; // 0.25947970226559963
 * @see E. G. Haug, The Complete Guide to Option Pricing Formulas, 2nd ed., §2.1
 */
export function black76Greeks(i: Black76Input): Greeks {
  const c = checkB76(i);
  const { future: F, strike: K, years: T, vol, rate: r } = c;
  const dr = Math.exp(-r * T);
  const sd = vol * Math.sqrt(T);
  const price = dr * blackFormula(c.isCall, F, K, sd);
  let d1: number;
  let density: number;
  let gamma: number;
  let volTerm: number; // e^(−rT)·F·φ(d1)·σ/(2√T)
  if (sd >= MIN_STDDEV) {
    d1 = Math.log(F / K) / sd + 0.5 * sd;
    density = normPdf(d1);
    gamma = (dr * density) / (F * sd);
    volTerm = (dr * F * density * vol * vol) / (2 * sd);
  } else {
    d1 = F > K ? Infinity : F < K ? -Infinity : 0;
    density = normPdf(d1);
    gamma = 0;
    volTerm = 0;
  }
  const delta = c.isCall ? dr * normCdf(d1) : -dr * normCdf(-d1);
  const vegaYear = dr * F * density * Math.sqrt(T);
  const thetaYear = r * price - volTerm;
  const rhoUnit = -T * price;
  // `+ 0` turns −0 (e.g. rho of a put at expiry) into 0.
  return { price, delta: delta + 0, gamma, vega: vegaYear / 100, theta: thetaYear / 365 + 0, rho: rhoUnit / 100 + 0 };
}
