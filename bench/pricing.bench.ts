/**
 * Pricing throughput: BSM and Black-76 price + Greeks (checked API), the unchecked Black kernel,
 * and implied volatility, on a mixed book of strikes and expiries. Figures are per core
 * (single-threaded) and depend on machine load; nothing is asserted.
 */
import {
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  blackFormula,
  bsGreeks,
  bsImpliedVol,
  bsPrice,
  type Black76Input,
  type BsInput,
} from '@alvh/shared';
import { formatRate, opsPerSecond, printRow } from './timing';

function bsBook(): BsInput[] {
  const out: BsInput[] = [];
  for (const strike of [4000, 4500, 4800, 5000, 5200, 5500, 6000])
    for (const days of [1, 7, 30, 91, 365])
      for (const vol of [0.12, 0.2, 0.35])
        out.push({
          type: strike < 5000 ? 'put' : 'call',
          spot: 5000,
          strike,
          years: days / 365,
          vol,
          rate: 0.045,
          divYield: 0.013,
        });
  return out;
}

function vixBook(): Black76Input[] {
  const out: Black76Input[] = [];
  for (const strike of [12, 15, 18, 20, 25, 30, 40, 60])
    for (const days of [7, 30, 61, 91])
      for (const vol of [0.5, 0.9, 1.5])
        out.push({ type: 'call', future: 19, strike, years: days / 365, vol, rate: 0.045 });
  return out;
}

export default async function (): Promise<void> {
  const bs = bsBook();
  const vix = vixBook();

  const bsPriceRate = opsPerSecond(() => {
    let s = 0;
    for (const i of bs) s += bsPrice(i);
    return s;
  }, bs.length);
  printRow(`BSM price (checked), ${bs.length}-option book`, formatRate(bsPriceRate.opsPerSec));

  const bsGreeksRate = opsPerSecond(() => {
    let s = 0;
    for (const i of bs) s += bsGreeks(i).gamma;
    return s;
  }, bs.length);
  printRow('BSM price + Greeks (checked)', formatRate(bsGreeksRate.opsPerSec));

  const b76PriceRate = opsPerSecond(() => {
    let s = 0;
    for (const i of vix) s += black76Price(i);
    return s;
  }, vix.length);
  printRow(`Black-76 price (checked), ${vix.length}-option VIX book`, formatRate(b76PriceRate.opsPerSec));

  const b76GreeksRate = opsPerSecond(() => {
    let s = 0;
    for (const i of vix) s += black76Greeks(i).vega;
    return s;
  }, vix.length);
  printRow('Black-76 price + Greeks (checked)', formatRate(b76GreeksRate.opsPerSec));

  // The kernel as a Monte Carlo or grid loop uses it: precomputed forwards and deviations.
  const n = 4096;
  const fwd = new Float64Array(n);
  const strikes = new Float64Array(n);
  const sd = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    fwd[k] = 19 * Math.exp(0.5 * Math.sin(k));
    strikes[k] = 12 + (k % 40);
    sd[k] = 0.05 + (k % 17) * 0.03;
  }
  const kernelRate = opsPerSecond(() => {
    let s = 0;
    for (let k = 0; k < n; k++) s += blackFormula((k & 1) === 0, fwd[k]!, strikes[k]!, sd[k]!);
    return s;
  }, n);
  printRow('blackFormula kernel (unchecked, undiscounted)', formatRate(kernelRate.opsPerSec));

  const bsIvInputs = bs.map((i) => ({
    type: i.type,
    price: bsPrice(i),
    spot: i.spot,
    strike: i.strike,
    years: i.years,
    rate: i.rate,
    divYield: i.divYield,
  }));
  const bsIvRate = opsPerSecond(() => {
    let s = 0;
    for (const i of bsIvInputs) s += bsImpliedVol(i);
    return s;
  }, bsIvInputs.length);
  printRow('BSM implied vol (checked)', formatRate(bsIvRate.opsPerSec));

  const vixIvInputs = vix.map((i) => ({
    type: i.type,
    price: black76Price(i),
    future: i.future,
    strike: i.strike,
    years: i.years,
    rate: i.rate,
  }));
  const vixIvRate = opsPerSecond(() => {
    let s = 0;
    for (const i of vixIvInputs) s += black76ImpliedVol(i);
    return s;
  }, vixIvInputs.length);
  printRow('Black-76 implied vol (checked)', formatRate(vixIvRate.opsPerSec));
  if (
    !Number.isFinite(
      bsPriceRate.sink +
        bsGreeksRate.sink +
        b76PriceRate.sink +
        b76GreeksRate.sink +
        kernelRate.sink +
        bsIvRate.sink +
        vixIvRate.sink,
    )
  ) {
    console.log('  (non-finite checksum: a pricing function returned NaN or Infinity)');
  }
}
