/**
 * Option pricing in cells: ALVH.BS, ALVH.BLACK76 and ALVH.IV call the pricing core of the sizing
 * package. Greeks follow it: vega per vol point (0.01), theta per calendar day, rho per 1% (0.01).
 */
import {
  bsGreeks,
  bsImpliedVol,
  bsPrice,
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  invalidInput,
  type Greeks,
} from '@alvh/shared';
import { choiceArg, numberArg, optionalNumber, optionTypeArg } from './args';
import { excelCall } from './excelErrors';

const OUTPUTS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const satisfies readonly (keyof Greeks)[];

/**
 * Black-Scholes-Merton value or Greek of a European option (SPX options).
 * @customfunction BS BS
 * @helpurl https://localhost:3000/help.html#BS
 * @param type "call" or "put" (also "c" or "p").
 * @param spot Underlying price, index points.
 * @param strike Strike, index points.
 * @param years Time to expiry in years ACT/365 (days/365); 0 gives intrinsic value.
 * @param vol Implied volatility as a decimal (0.18 for 18%).
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05); default 0.
 * @param [divYield] Dividend yield, continuously compounded decimal (0.015); default 0.
 * @param [output] "price" (default), "delta" (per point), "gamma" (per point), "vega" (per vol point), "theta" (per calendar day) or "rho" (per 1%).
 * @returns The option value in index points, or the chosen Greek.
 */
export function bs(
  type: unknown,
  spot: unknown,
  strike: unknown,
  years: unknown,
  vol: unknown,
  rate?: unknown,
  divYield?: unknown,
  output?: unknown,
): number {
  return excelCall(() => {
    const input = {
      type: optionTypeArg('type', type),
      spot: numberArg('spot', spot),
      strike: numberArg('strike', strike),
      years: numberArg('years', years),
      vol: numberArg('vol', vol),
      rate: optionalNumber('rate', rate) ?? 0,
      divYield: optionalNumber('divYield', divYield) ?? 0,
    };
    const out = choiceArg('output', output, OUTPUTS);
    return out === 'price' ? bsPrice(input) : bsGreeks(input)[out];
  });
}

/**
 * Black-76 value or Greek of a European option on a future (VIX options on the VX future).
 * @customfunction BLACK76 BLACK76
 * @helpurl https://localhost:3000/help.html#BLACK76
 * @param type "call" or "put" (also "c" or "p").
 * @param future Futures price, index points.
 * @param strike Strike, index points.
 * @param years Time to expiry in years ACT/365 (days/365); 0 gives intrinsic value.
 * @param vol Implied volatility of the future as a decimal (1.2 for 120%).
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05); default 0.
 * @param [output] "price" (default), "delta" (per point of the future), "gamma", "vega" (per vol point), "theta" (per calendar day) or "rho" (per 1%).
 * @returns The option value in index points, or the chosen Greek.
 */
export function black76(
  type: unknown,
  future: unknown,
  strike: unknown,
  years: unknown,
  vol: unknown,
  rate?: unknown,
  output?: unknown,
): number {
  return excelCall(() => {
    const input = {
      type: optionTypeArg('type', type),
      future: numberArg('future', future),
      strike: numberArg('strike', strike),
      years: numberArg('years', years),
      vol: numberArg('vol', vol),
      rate: optionalNumber('rate', rate) ?? 0,
    };
    const out = choiceArg('output', output, OUTPUTS);
    return out === 'price' ? black76Price(input) : black76Greeks(input)[out];
  });
}

/**
 * Implied volatility of a European option from its price, Black-Scholes-Merton or Black-76.
 * @customfunction IV IV
 * @helpurl https://localhost:3000/help.html#IV
 * @param type "call" or "put" (also "c" or "p").
 * @param price Option price, index points.
 * @param underlying Spot (model "bs") or futures price (model "black76"), index points.
 * @param strike Strike, index points.
 * @param years Time to expiry in years ACT/365 (days/365), greater than 0.
 * @param [rate] Risk-free rate, continuously compounded decimal (0.05); default 0.
 * @param [divYield] Dividend yield, continuously compounded decimal; default 0 (model "bs" only).
 * @param [model] "bs" (default) or "black76".
 * @returns Implied volatility as a decimal (0.18 for 18%); #NUM! when no volatility gives the price.
 */
export function iv(
  type: unknown,
  price: unknown,
  underlying: unknown,
  strike: unknown,
  years: unknown,
  rate?: unknown,
  divYield?: unknown,
  model?: unknown,
): number {
  return excelCall(
    () => {
      const common = {
        type: optionTypeArg('type', type),
        price: numberArg('price', price),
        strike: numberArg('strike', strike),
        years: numberArg('years', years),
        rate: optionalNumber('rate', rate) ?? 0,
      };
      const q = optionalNumber('divYield', divYield);
      if (choiceArg('model', model, ['bs', 'black76']) === 'bs') {
        return bsImpliedVol({ ...common, spot: numberArg('underlying', underlying), divYield: q ?? 0 });
      }
      if (q !== undefined && q !== 0) {
        throw invalidInput(
          'divYield',
          'does not apply to model "black76"',
          'leave divYield empty for options on futures',
        );
      }
      return black76ImpliedVol({ ...common, future: numberArg('underlying', underlying) });
    },
    { spot: 'underlying', future: 'underlying' },
  );
}
