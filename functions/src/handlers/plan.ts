/**
 * POST /api/plan: the full explained hedge plan. Runs inline on the request thread: a few
 * milliseconds of closed-form work, and the heavy endpoints never share this thread. A chain in
 * `market.chain` is fitted on the worker pool first (handlers/chains.ts), and the plan's orders
 * quoted from its bid / ask. A plan whose market carries a VIX chain is built on the pool whole
 * (handlers/vixChains.ts): the chain's fit is too heavy for the request thread. So is one that
 * still carries a chain as rows (an SPX chain beside a surface): their check against the schema is.
 */
import { plan, planWithQuotes, type Plan, type PlanInput } from '@alvh/shared';
import type { RouteCall } from '../http/route';
import { planWithChainFitted } from './chains';
import { planBuiltOnPool, planOnPool } from './vixChains';

export async function planHandler(body: unknown, call: RouteCall): Promise<Plan> {
  const fitted = await planWithChainFitted(body, call);
  // plan() validates its input with PlanInputSchema and throws field-named errors.
  const p = planBuiltOnPool(fitted.body) ? await planOnPool(fitted.body, call) : plan(fitted.body as PlanInput);
  // The orders carry the chain's bid / ask, as plan() quotes them when it fits the chain itself
  // (none, and a warning, when its quotes were taken at another SPX than market.spx).
  // A chain sent is fitted to market.surface here: the plan's words are those plan() gives the chain.
  const sent =
    fitted.quotes === undefined
      ? p
      : { ...p, warnings: p.warnings.flatMap((w) => asChainSent(w, fitted.atSpx === true)) };
  return planWithQuotes(sent, fitted.quotes);
}

/**
 * A warning of the surface fitted from `market.chain`, as plan() words it on the chain: named by the
 * field sent; the nearest forward's warning read as a table's (`atSpx`, no spot of its own), and
 * none for quotedata, whose Last is its spot and whose marks move with market.spx.
 */
function asChainSent(warning: string, atSpx: boolean): string[] {
  const w = warning.replace(/(?<![\w.])market\.surface(?![\w])/g, 'market.chain');
  if (!w.startsWith("The SPX chain's nearest forward")) return [w];
  return atSpx
    ? [
        w.replace(
          'market.chain has market.spx itself as its spot',
          'market.chain carries no spot of its own and is read at market.spx',
        ),
      ]
    : [];
}
