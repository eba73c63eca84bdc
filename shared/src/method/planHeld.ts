/**
 * The positions a plan input holds, read once and checked as the plan checks them: listed legs or
 * broker CSV text, each strike a level of its index, no leg settled by the valuation date, and each
 * VIX option on the listed curve. The orders start from them, and a campaign's re-size counts what
 * its hedges among them would fetch (planCampaign.ts).
 */
import type { Leg } from '../book/index';
import { checkLegRoot } from '../hedge/orders';
import {
  SETTLED_FIX,
  SETTLES_TODAY,
  VIX_LISTED_STRIKE_STEP,
  parsePositionsCsv,
  snapToGrid,
  type HeldPosition,
} from '../hedge/positions';
import { unlistedExpiry } from '../market/index';
import { checkListedStrike, checkSpotAndStrikes, checkVxPrice } from '../validate';
import { SPX_STRIKE_STEP } from './condor';
import { invalidInput, isAlvhError } from '../errors';
import type { PlanContext } from './planCurve';
import { fmt, usd } from './audit';

/** The positions of each plan's context, read once: the budget, the strike check and the orders all read them. */
const readPositions = new WeakMap<PlanContext, { leg: Leg; field: string }[]>();

/** The legs held, each with the field a refusal of it names (`positions[i]…` or `positions line N`); none without positions. */
export function heldPositions(ctx: PlanContext): { leg: Leg; field: string }[] {
  const read = readPositions.get(ctx);
  if (read !== undefined) return read;
  const held = readHeld(ctx);
  readPositions.set(ctx, held);
  return held;
}

function readHeld(ctx: PlanContext): { leg: Leg; field: string }[] {
  const { p, date, now } = ctx;
  const heldAt: { leg: Leg; field: string }[] =
    p.positions === undefined
      ? []
      : typeof p.positions === 'string'
        ? parsePositionsCsv(p.positions, { valuationDate: date }).map((h) => {
            checkHeldStrike(`positions line ${h.line}`, h.leg.kind, h.leg.strike, now.spot);
            return { leg: h.leg, field: `positions line ${h.line}` };
          })
        : p.positions.map((l, i) => {
            if (l.expiry < date)
              throw invalidInput(
                `positions[${i}].expiry`,
                `is ${l.expiry}, before the valuation date ${date}`,
                SETTLED_FIX,
              );
            if (l.expiry === date)
              throw invalidInput(
                `positions[${i}].expiry`,
                `is ${l.expiry}, the valuation date: ${SETTLES_TODAY}`,
                SETTLED_FIX,
              );
            const unlisted = unlistedExpiry(l.kind, l.expiry, date);
            if (unlisted !== undefined)
              throw invalidInput(`positions[${i}].expiry`, `is ${l.expiry}, ${unlisted.problem}`, unlisted.fix);
            checkHeldStrike(`positions[${i}].strike`, l.kind, l.strike, now.spot);
            const strike = snapToGrid(l.strike, l.kind === 'spx' ? SPX_STRIKE_STEP : VIX_LISTED_STRIKE_STEP);
            checkLegRoot(`positions[${i}].root`, l);
            const leg: Leg = {
              kind: l.kind,
              type: l.type,
              strike,
              expiry: l.expiry,
              quantity: l.quantity,
              ...(l.root === undefined ? {} : { root: l.root }),
            };
            return { leg, field: `positions[${i}].expiry` };
          });
  checkHeldOnCurve(heldAt, ctx.ts);
  return heldAt;
}

/**
 * A held leg's strike as the broker-CSV form takes it: on the listed grid (SPX 5 points, VIX half
 * points) and a level of its index (an SPX strike within half to twice SPX, a VIX strike in VIX
 * points), so that a typing slip (1e9, 5902, 0.5) is named rather than priced into an order.
 * Checked on listed legs (`positions[i].strike`) and on pasted CSV text (`positions line N`).
 */
function checkHeldStrike(field: string, kind: 'spx' | 'vix', strike: number, spot: number): void {
  if (kind === 'spx') checkSpotAndStrikes('market.spx', spot, [{ field, strike }]);
  else checkVxPrice(field, strike, '25');
  checkListedStrike(field, kind, strike);
}

/**
 * A VIX option held is marked on the VX future of its expiry: one past the last listed future would
 * be priced by extrapolating the curve, which the method rules out (Section 2). Refused naming the
 * position (`positions[i].expiry`, or `positions line N` of a CSV).
 */
function checkHeldOnCurve(
  held: readonly { leg: Leg; field: string }[],
  ts: { points: readonly { expiry: string }[]; valuationDate: string },
): void {
  const last = ts.points[ts.points.length - 1]?.expiry ?? ts.valuationDate;
  for (const { leg, field } of held) {
    if (leg.kind !== 'vix' || leg.expiry <= last) continue;
    throw invalidInput(
      field,
      `${field.startsWith('positions line') ? `holds a VIX option of ${leg.expiry}` : `is ${leg.expiry}`}, after the last listed VX future (${last}): the option is marked on the future of its expiry, and the curve is not extrapolated beyond its last future`,
      `add the VX future of ${leg.expiry} to market.futures`,
    );
  }
}

/**
 * Positions read from broker CSV ({@link parsePositionsCsv}) checked against a market as the plan
 * checks them: each strike a level of its index (an SPX strike within half to twice `spot`) and
 * each VIX option expiring on or before the last listed VX future (`lastFuture`). A check whose
 * market is not given is left to the plan. Throws `invalid_input` naming `positions line N`; the
 * task pane runs it on the Positions box as it is typed.
 */
export function checkHeldAgainstMarket(
  held: readonly HeldPosition[],
  market: { spot?: number; lastFuture?: string },
): void {
  const at = held.map((h) => ({ leg: h.leg, field: `positions line ${h.line}` }));
  const { spot, lastFuture } = market;
  if (spot !== undefined) for (const h of at) checkHeldStrike(h.field, h.leg.kind, h.leg.strike, spot);
  if (lastFuture !== undefined) checkHeldOnCurve(at, { points: [{ expiry: lastFuture }], valuationDate: lastFuture });
}

/**
 * Whether the positions hold the condor: each of its legs, the same contract (whatever its root) on
 * the same side. Positions that cannot be read are not the condor (the orders step names their fault).
 */
export function condorHeld(ctx: PlanContext, legs: readonly Leg[]): boolean {
  if (ctx.p.positions === undefined) return false;
  let held: { leg: Leg; field: string }[];
  try {
    held = heldPositions(ctx);
  } catch (e) {
    // positions refused (the orders step names their fault); any other error is not hidden
    if (isAlvhError(e)) return false;
    throw e;
  }
  const side = (l: Leg) => `${l.kind}|${l.type}|${l.expiry}|${l.strike}|${Math.sign(l.quantity)}`;
  const sides = new Set(held.map((h) => side(h.leg)));
  return legs.every((l) => sides.has(side(l)));
}

/**
 * Whether the positions hold the whole condor: each of its contracts, netted over the legs held
 * (whatever the root), at least the condor's own quantity on its side. A condor held in part (3 of
 * a planned 10) is a resize, an entry, whose figures are not those of the condor held.
 */
export function condorHeldWhole(ctx: PlanContext, legs: readonly Leg[]): boolean {
  if (!condorHeld(ctx, legs)) return false;
  const key = (l: Leg) => `${l.kind}|${l.type}|${l.expiry}|${l.strike}`;
  const net = (ls: readonly Leg[]) => {
    const m = new Map<string, number>();
    for (const l of ls) m.set(key(l), (m.get(key(l)) ?? 0) + l.quantity);
    return m;
  };
  const held = net(heldPositions(ctx).map((h) => h.leg));
  return [...net(legs)].every(([k, q]) => {
    const h = held.get(k) ?? 0;
    return h * q > 0 && Math.abs(h) >= Math.abs(q);
  });
}

/**
 * The short strikes that fail the method's `min` SD, as the warning names them: "the put is 1.2 SD
 * from spot", or, across spot (SPX through the short put or call), "2.4 SD in the money (above
 * spot)"; `short` is what the method asks for beside them.
 */
export function failingSides(zPut: number, zCall: number, min: number): { sides: string; short: string } {
  const where = (side: 'put' | 'call', z: number): string =>
    z >= 0
      ? `the ${side} is ${fmt(z, 2)} SD from spot`
      : `the ${side} is ${fmt(-z, 2)} SD in the money (${side === 'put' ? 'above' : 'below'} spot)`;
  const both: [side: 'put' | 'call', z: number][] = [
    ['put', zPut],
    ['call', zCall],
  ];
  const failing = both.filter(([, z]) => z < min);
  const across = failing.some(([, z]) => z < 0);
  return {
    sides: failing.map(([side, z]) => where(side, z)).join(' and '),
    short: across ? `, not the ${min} SD out of the money` : `, inside the ${min} SD`,
  };
}

/**
 * The fix of short strikes inside the method's SD: widen them, or, for a condor held (it has moved
 * there since its entry, and the check is an entry's), roll it, which is a new entry.
 */
export function strikesFix(ctx: PlanContext, legs: readonly Leg[], widen: string): { held: boolean; move: string } {
  const held = condorHeld(ctx, legs);
  return {
    held,
    move: held ? `the check is an entry's: to move ${widen}, roll the condor held (a new entry)` : `widen ${widen}`,
  };
}

/**
 * A roll's net in words: the new condor's credit (USD, all condors) less what buying back the condor
 * held costs at the same marks (`heldValue`, its mark: negative for a short condor). A condor SPX
 * has run through costs near its width to close, so the roll's credit alone reads as if it paid.
 */
export function rollNet(newCredit: number, heldValue: number): string {
  // in whole dollars, as the two figures beside it are said
  const cost = Math.round(Math.max(-heldValue, 0));
  const net = Math.round(newCredit) - cost;
  const sign = net >= 0 ? 'credit' : 'debit';
  return `; buying back the condor held costs ${usd(cost)} at the same marks, so the roll is a net ${sign} of ${usd(Math.abs(net))}`;
}

/** ALVH.PLAN's row of a condor's credit: `credit` for the condor or a ladder's first, `condorNCredit` after. */
function creditRow(field: string): string {
  const i = /^condors\[(\d+)\]$/.exec(field)?.[1];
  return i === undefined || i === '0' ? 'credit' : `condor${Number(i) + 1}Credit`;
}

/**
 * A condor the positions hold (whole) since an earlier day, its credit not given, is priced at
 * today's marks: its credit is then what closing it costs, and the max profit, return on risk and
 * IRR budget built on it are not the trade's. The warning naming the figures and the field to pass
 * (none for a credit given or a condor not held in whole).
 */
export function heldCreditWarnings(
  ctx: PlanContext,
  field: string,
  condor: { legs: readonly Leg[]; credit: number; creditSource: string },
): string[] {
  // held since an earlier day: a campaign or a last rebalance is carried (on the entry's own day
  // the condor was just sold, near today's marks, and the plan opens its campaign)
  const since = ctx.p.campaign !== undefined || ctx.p.lastRebalance !== undefined;
  if (condor.creditSource === 'given' || !since || !condorHeldWhole(ctx, condor.legs)) return [];
  const { credit, creditSource: source } = condor;
  return [
    `The condor is held since an earlier day (positions, with a ${ctx.p.campaign !== undefined ? 'campaign' : 'last rebalance'}) but its credit is not given: its credit of ${fmt(credit, 2)} per share is ${source} today${source === 'priced from the surface' ? ' (what closing it costs)' : ''}, not what it was sold for, and its max profit, return on risk and IRR budget stand on it. Pass ${field}.credit, the credit received at entry per share (in ALVH.PLAN, the ${creditRow(field)} row), for the figures of the trade held.`,
  ];
}
