/**
 * A plan's orders held to the quotes of the chain its surface was fitted to, for a host that fitted
 * the chain itself and sent the plan the surface (the API's request thread, the taskpane's Surface
 * tab), as plan() quotes them when it fits market.chain: each order's bid and ask, a buy's mid
 * capped at the ask and a sell's floored at the bid. Quotes taken at another SPX than the plan marks
 * at bound nothing; the plan then says so in its warnings (hedge/orders.ts quotesAwayFromSpx).
 */
import { quoteFromChain, quoteOrders, quotesAwayFromSpx, type ChainQuoteRow } from '../hedge/orders';
import type { Plan } from './planTypes';

export function planWithQuotes<P extends Pick<Plan, 'orders' | 'valuationDate' | 'surface' | 'market' | 'warnings'>>(
  p: P,
  quotes: readonly ChainQuoteRow[] | undefined,
  words: { chain?: string; spx?: string; taken?: string } = {},
): P {
  if (quotes === undefined || p.orders === undefined) return p;
  if (p.orders.orders.length === 0 && p.orders.deferred === undefined) return p;
  const away = quotesAwayFromSpx(p.surface.data.spot, p.market.spot, words.chain, words.spx, words.taken);
  if (away !== undefined) return { ...p, warnings: [...p.warnings, away] };
  return { ...p, orders: quoteOrders(p.orders, quoteFromChain(quotes), p.valuationDate) };
}
