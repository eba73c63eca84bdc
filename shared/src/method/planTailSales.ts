/**
 * A rebalance that sells VIX calls held in the money. The method resizes the tail to today's budget
 * at a rebalance (section 8), so on a spike day, when the budget buys fewer calls than are held, its
 * orders sell the very calls that protect the book: on 2024-08-05 (VIX 38.57) a book holding five
 * September 20 calls was told to sell all five, with nothing in the warnings. The orders stay as the
 * method sizes them; the warning names what they take off and how to keep it.
 */
import type { Order } from '../hedge/orders';
import { futureForExpiry, type TermStructure } from '../market/index';
import { fmt, usd } from './audit';
import { daysBetween } from '../dates';

/**
 * The warning for the orders' sales of held VIX calls whose strike lies below their expiry's VX
 * future (in the money), when the orders leave fewer VIX calls held than before: how many, which,
 * for how much, the target left, and what keeps them; undefined when they sell none, or when they
 * roll the calls into as many or more (a calm day's roll to the next month is no loss of cover).
 */
export function inTheMoneyTailSales(
  orders: readonly Order[],
  ts: TermStructure,
  campaign: 'read' | 'readable' | 'not readable' = 'readable',
): string | undefined {
  const calls = orders.filter((o) => o.leg.kind === 'vix' && o.leg.type === 'call');
  const sold = calls
    .filter((o) => o.side === 'sell' && o.effect === 'close')
    .map((o) => ({ o, future: futureForExpiry(ts, o.leg.expiry) }))
    .filter(({ o, future }) => future > o.leg.strike);
  // the change in long VIX calls held: each order's long target less its long holding (a contract
  // crossing zero is two orders, held to 0 and 0 to the target; a diagonal's short calls count 0)
  const change = calls.reduce((a, o) => a + Math.max(o.target, 0) - Math.max(o.held, 0), 0);
  if (change >= 0) return undefined;
  // within a campaign the calls held fund the re-size: fewer is what the rule asks for, not the budget
  if (sold.length === 0) return campaign === 'read' ? undefined : fewerCalls(calls, -change, campaign === 'readable');
  const count = sold.reduce((a, { o }) => a + o.quantity, 0);
  const credit = -sold.reduce((a, { o }) => a + o.cost, 0);
  const which = sold
    .map(
      ({ o, future }) =>
        `${o.quantity} × ${o.leg.expiry} ${fmt(o.leg.strike, 1)} (future ${fmt(future, 2)}, target ${o.target})`,
    )
    .join(', ');
  return `The orders sell ${count} VIX call${count === 1 ? '' : 's'} held in the money, for ${usd(credit)} at model mids: ${which}. Today's tail sizing holds ${-change} fewer VIX call${change === -1 ? '' : 's'}, so the rebalance takes off protection the book holds with VIX at ${fmt(ts.vixSpot, 2)}; to keep it, leave those orders out (the calls stay held).`;
}

/** The fewer-calls warning's first fix, where a campaign can be read (not with the VIX call diagonal overlay). */
export const CAMPAIGN_FIX =
  'pass the campaign the plan before handed back (`campaign`: the budget set at entry and what each layer has paid), whose re-size counts them, or ';

/**
 * The warning for orders that leave fewer VIX calls held with none sold in the money: a rebalance
 * re-sizes the tail from nothing within the day's budget, whose cost cap shrinks with the days left,
 * and counts nothing of what the calls held would fetch, so on calm days it sells calls the entry
 * paid for (7 calls to 5 to 2 over the first three weeks of the condor of 2024-07-15). The replay
 * budgets the condor's life instead, as the plan does when given its campaign (docs/method.md, "The
 * budget at a re-sizing"); then this warning is not given.
 */
function fewerCalls(calls: readonly Order[], fewer: number, campaignFix: boolean): string | undefined {
  const sold = calls.filter((o) => o.side === 'sell' && o.effect === 'close');
  if (sold.length === 0) return undefined;
  const credit = -sold.reduce((a, o) => a + o.cost, 0);
  const s = fewer === 1 ? '' : 's';
  return `The orders leave ${fewer} fewer VIX call${s} held, selling calls worth ${usd(credit)} at model mids: a rebalance re-sizes the tail from nothing within today's budget, whose cost cap shrinks with the days left, and counts nothing of what the calls held would fetch. To keep them, ${campaignFix ? CAMPAIGN_FIX : ''}leave out the sales (docs/method.md, "The budget at a re-sizing").`;
}

/**
 * The warning for orders that buy VIX calls (the tail's, or a diagonal's long leg) while every
 * condor expires before the drawdown scenario ends (`policy.drawdownDays` at least its days left)
 * and the calls live on after it longer than the condor has left: most of their life comes after
 * the book they hedge is gone. On 2018-03-27 a condor expiring two days later was hedged with 13
 * VIX calls of 2018-05-16. A 49-day condor under a 60-day drawdown, its tail 12 days longer, is
 * not this case. The orders stay as the method sizes them (a condor that follows may take the
 * calls over); the warning says what they buy and what else to do.
 */
export function tailOutlivesCondors(
  orders: readonly Order[],
  condorExpiries: readonly string[],
  date: string,
  drawdownDays: number,
): string | undefined {
  const last = [...condorExpiries].sort().at(-1);
  if (last === undefined) return undefined;
  const left = daysBetween(date, last);
  if (left > drawdownDays) return undefined;
  const buys = orders.filter(
    (o) =>
      o.leg.kind === 'vix' &&
      o.leg.type === 'call' &&
      o.side === 'buy' &&
      daysBetween(last, o.leg.expiry) > Math.max(left, 0),
  );
  if (buys.length === 0) return undefined;
  const n = buys.reduce((a, o) => a + o.quantity, 0);
  const expiries = [...new Set(buys.map((o) => o.leg.expiry))].sort();
  const outlive = `${daysBetween(last, expiries[0]!)} days${expiries.length > 1 ? ' or more' : ''}`;
  const days = (d: number): string => `${d} day${d === 1 ? '' : 's'}`;
  const condors = condorExpiries.length > 1 ? 'The last condor expires' : 'The condor expires';
  return `${condors} on ${last}, in ${days(left)}, within the drawdown scenario's ${days(drawdownDays)}: the ${n} VIX call${n === 1 ? '' : 's'} these orders buy (${expiries.join(', ')}) ${n === 1 ? 'outlives' : 'outlive'} it by ${outlive}, sized on the scenario that settles the condor at its expiry. Unless a condor that follows takes them over (plan with that condor), leave out those buys and close them with the condor.`;
}
