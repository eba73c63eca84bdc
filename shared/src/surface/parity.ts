/** Forward and discount of one expiry from put-call parity, C − P = D·(F − K), near the money. */
import type { ChainQuote } from './chainQuotes';

/** Pairs used for the parity line. */
const PARITY_PAIRS = 20;

export interface Pair {
  strike: number;
  call?: ChainQuote;
  put?: ChainQuote;
}

export function mid(q: ChainQuote): number {
  return 0.5 * (q.bid + q.ask);
}

/** Forward and discount from the parity line near the money; null when fewer than 3 pairs. */
export function parityForward(pairs: readonly Pair[]): { forward: number; discount: number; pairs: number } | null {
  const both = pairs.filter((p) => p.call && p.put);
  if (both.length < 3) return null;
  let atm = both[0]!;
  for (const p of both) if (Math.abs(mid(p.call!) - mid(p.put!)) < Math.abs(mid(atm.call!) - mid(atm.put!))) atm = p;
  const near = [...both]
    .sort((x, y) => Math.abs(x.strike - atm.strike) - Math.abs(y.strike - atm.strike))
    .slice(0, PARITY_PAIRS);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of near) {
    const w = 1 / (p.call!.ask - p.call!.bid + p.put!.ask - p.put!.bid);
    const x = p.strike;
    const y = mid(p.call!) - mid(p.put!);
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
  }
  const det = sw * sxx - sx * sx;
  if (!(det > 0)) return null;
  const slope = (sw * sxy - sx * sy) / det;
  const intercept = (sy - slope * sx) / sw;
  const discount = -slope;
  if (!(discount > 0.5 && discount < 1.1)) return null;
  return { forward: intercept / discount, discount, pairs: near.length };
}
