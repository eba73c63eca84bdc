/** The two real SPX chains, parsed and fitted once per test file. */
import {
  fitChainSurface,
  parseQuotedata,
  stateSurfaces,
  type ChainSurfaceFit,
  type Leg,
  type MarketState,
  type ParsedChain,
  type SpxSurface,
} from '@alvh/shared';
import { readDataFile } from '../../helpers/marketData';

export interface RealChain {
  file: string;
  date: string;
  /** Cboe index closes of the day (data README) and the SKEW close. */
  indices: { vix: number; vix9d: number; vix3m: number; skew: number };
  /** Continuously compounded rate and dividend yield assumed for the forward check. */
  rate: number;
  divYield: number;
}

export const REAL_CHAINS: readonly RealChain[] = [
  {
    file: 'cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv',
    date: '2022-02-04',
    indices: { vix: 23.22, vix9d: 21.86, vix3m: 26.25, skew: 129.29 },
    rate: 0.006,
    divYield: 0.0135,
  },
  {
    file: 'cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv',
    date: '2023-06-09',
    indices: { vix: 13.83, vix9d: 13.29, vix3m: 16.96, skew: 152.78 },
    rate: 0.0545,
    divYield: 0.014,
  },
];

const cache = new Map<string, { chain: ParsedChain; fit: ChainSurfaceFit }>();

export function loadChain(c: RealChain): { chain: ParsedChain; fit: ChainSurfaceFit } {
  let v = cache.get(c.file);
  if (!v) {
    const chain = parseQuotedata(readDataFile(c.file));
    v = { chain, fit: fitChainSurface(chain) };
    cache.set(c.file, v);
  }
  return v;
}

/** The market of a chain's day on `surface` (its fit), at `spot` (default the file's Last), vol of vol 1. */
export function chainMarketState(c: RealChain, surface: SpxSurface, spot?: number): MarketState {
  return {
    date: c.date,
    spot: spot ?? (loadChain(c).chain.spot as number),
    vix: c.indices.vix,
    rate: c.rate,
    divYield: c.divYield,
    volOfVol: 1,
    futureFor: () => c.indices.vix,
    surfaces: stateSurfaces(c.date, c.indices.vix, 1, surface),
  };
}

/** One long SPX option. */
export const spxLeg = (type: 'call' | 'put', strike: number, expiry: string): Leg => ({
  kind: 'spx',
  type,
  strike,
  expiry,
  quantity: 1,
});
