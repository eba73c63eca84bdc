/**
 * A synthetic VIX option chain of the example plan's day (PLAN_INPUT, 2026-11-20): each expiry of
 * its VX curve quoted on its own future by Black-76 at a known smile, as rows with root VIX or as
 * Cboe quotedata text.
 */
import { black76Price, yearsToSettlement } from '@alvh/shared';
import { PLAN_INPUT } from './fixtures';

/** The chain's vol at log-moneyness k = ln(K/F): 60% at the money, a call skew of 0.3 per unit k. */
export const VIX_CHAIN_ATM = 0.6;
export const vixChainVol = (k: number): number => VIX_CHAIN_ATM * (1 + 0.3 * k);

type Row = { expiry: string; strike: number; type: 'call' | 'put'; bid: number; ask: number; root: string };

/** Bid and ask around a model price: 0.02 either side (the bid at least 0.01). */
const around = (p: number): [number, number] => [Math.max(0.01, p - 0.02), p + 0.02];

/** An expiry of the chain and the VX future its options are quoted on. */
export type VixChainExpiry = { expiry: string; price: number };

/**
 * The quotes of the chain: strikes 10 to 60 (or `strikes`), at `vol` of k, on every VX expiry of
 * the plan's curve (or of `curve`, which may list expiries the plan's futures do not).
 */
export function vixChainQuotes(
  vol: (k: number) => number = vixChainVol,
  curve: readonly VixChainExpiry[] = PLAN_INPUT.market.futures,
  strikes: readonly number[] = Array.from({ length: 51 }, (_, i) => 10 + i),
) {
  const date = PLAN_INPUT.valuationDate;
  const rate = PLAN_INPUT.market.rate;
  const out: { expiry: string; strike: number; call: [number, number]; put: [number, number] }[] = [];
  for (const { expiry, price: future } of curve) {
    const years = yearsToSettlement(date, 960, expiry, 'AM');
    for (const strike of strikes) {
      const v = vol(Math.log(strike / future));
      const p = (type: 'call' | 'put') => black76Price({ type, future, strike, years, rate, vol: v });
      out.push({ expiry, strike, call: around(p('call')), put: around(p('put')) });
    }
  }
  return out;
}

/** The chain as plain-table rows (root VIX); `curve` and `strikes` as {@link vixChainQuotes}. */
export function vixChainRows(
  vol?: (k: number) => number,
  curve?: readonly VixChainExpiry[],
  strikes?: readonly number[],
): Row[] {
  return vixChainQuotes(vol, curve, strikes).flatMap((q) => [
    { expiry: q.expiry, strike: q.strike, type: 'call' as const, bid: q.call[0], ask: q.call[1], root: 'VIX' },
    { expiry: q.expiry, strike: q.strike, type: 'put' as const, bid: q.put[0], ask: q.put[1], root: 'VIX' },
  ]);
}

const HEADER =
  'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The chain as Cboe quotedata text of 2026-11-20 16:15 ET, root VIX; `curve`, `strikes` as {@link vixChainQuotes}. */
export function vixChainQuotedata(
  vol?: (k: number) => number,
  curve?: readonly VixChainExpiry[],
  strikes?: readonly number[],
): string {
  const rows = vixChainQuotes(vol, curve, strikes).map((q) => {
    const d = new Date(`${q.expiry}T00:00:00Z`);
    const cboe = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
    const sym = `VIX${q.expiry.slice(2).replaceAll('-', '')}`;
    const k = String(q.strike * 1000).padStart(8, '0');
    const [cb, ca] = q.call.map((x) => x.toFixed(4));
    const [pb, pa] = q.put.map((x) => x.toFixed(4));
    return `${cboe},${sym}C${k},0,0,${cb},${ca},0,0,0,0,0,${q.strike.toFixed(2)},${sym}P${k},0,0,${pb},${pa},0,0,0,0,0`;
  });
  return [
    '',
    'CBOE Volatility Index,Last: 17.50,Change: 0.10',
    '"Date: November 20 2026, 4:15 PM EST",Bid: 0,Ask: 0',
    HEADER,
    ...rows,
  ].join('\n');
}
