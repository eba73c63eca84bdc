/**
 * Steps of `plan` after the budget (ALVH-METHOD section 10): the five tail structures priced beside
 * the method's literal tail, what the tail budget buys of each, what a stated protection costs, and
 * the orders from the positions held to the plan's legs.
 *
 * Both steps read the plan's own pieces (curve, today's state, condor, legs) and price through the
 * hedge module's marker (markBook by default), so a change of marks flows through unchanged.
 */
import type { Leg } from '../book/index';
import {
  bestWithinBudget,
  compareInContext,
  costsToCover,
  hedgeContextFrom,
  unitsWithinBudget,
  type StructureScore,
} from '../hedge/structures';
import {
  legsWithRoots,
  markFromState,
  netByContract,
  ordersFromBook,
  quoteFromChain,
  type Order,
  type OrderList,
  type ListedRoot,
  type TargetLeg,
} from '../hedge/orders';
import { holdBetweenRebalances, ordersPhrase } from './planHold';
import { inTheMoneyTailSales, tailOutlivesCondors } from './planTailSales';
import { heldPositions } from './planHeld';
import { isSpxMonthly, SPXW_THIRD_FRIDAY_FROM } from '../market/index';
import { fmt, usd, type AuditEntry } from './audit';
import type { CondorAnalytics } from './condor';
import type { CapitalCap } from './caps';
import type { SurfaceSource } from '../surface/spxSurface';
import type { PlanContext } from './planCurve';
import type { PlanBudget, PlanStep, PlanStructureRow, PlanStructures, PlanTail } from './planTypes';

const DEFAULT_COVER = 0.5;

const pct = (x: number) => `${Number((x * 100).toFixed(1))}%`;

/**
 * The tail structures side by side on the plan's book: each sized to the coverage rule, what the
 * tail budget buys of it, the one that buys the most scenario protection within that budget, and
 * what covering `structures.cover` (default 50%) of the drawdown loss costs with each. The literal
 * tail (plan.tail) is unchanged: this step reports beside it.
 */
export function stepStructures(
  ctx: PlanContext,
  condors: CondorAnalytics[],
  tail: PlanTail,
  budget: PlanBudget,
): PlanStep<PlanStructures> {
  const { p, policy, date, ts, now, stressVov } = ctx;
  const opts = p.structures;
  const cover = opts?.cover ?? DEFAULT_COVER;
  const hctx = hedgeContextFrom({
    valuationDate: date,
    policy,
    params: opts?.params ?? { spreadWidth: 10, ladderOtm: [0.25, 0.5, 1] },
    ts,
    now,
    stressVolOfVol: stressVov,
    condors,
  });
  const cmp = compareInContext(hctx);
  const tailBudget = budget.tailBudget;
  const best = bestWithinBudget(hctx, cmp.structures, tailBudget);
  const rows = cmp.structures.map((s): PlanStructureRow => row(s, tailBudget, hctx.loss));
  const toCover = costsToCover(cmp, cover);

  const literal = {
    structure: 'vix-call' as const,
    requiredContracts: tail.requiredContracts,
    requiredCost: tail.requiredCost,
    contracts: tail.contracts,
    cost: tail.cost,
    coverageAchieved: tail.coverageAchieved,
  };
  const rule = `${policy.tailCoverage}× the ${usd(hctx.loss)} drawdown loss`;
  // a book that loses nothing in the scenario needs no tail: the rule asks for none, whatever it gains
  const noLoss = hctx.loss === 0 && tail.noSolution === undefined;
  const literalWords =
    tail.noSolution !== undefined
      ? `The literal rule (${rule}) cannot be met with the tail call: it gains nothing in the scenario.`
      : noLoss
        ? `The literal rule (${rule}) asks for no VIX calls.`
        : `The literal rule (${rule}) asks for ${tail.requiredContracts} VIX calls costing ${usd(tail.requiredCost)}${feeWords(rows, tail)}; the plan holds ${tail.contracts} (${usd(tail.cost)}), ${pct(tail.coverageAchieved)} of the loss.`;
  const budgetWords =
    best === undefined || best.units === 0
      ? `The tail budget of ${usd(tailBudget)} buys no whole unit of any option structure.`
      : `The tail budget of ${usd(tailBudget)} buys the most protection as ${best.units} × ${best.structure} for ${usd(best.cost)}: ${usd(best.protection)} of gain in the scenario, ${pct(best.coverage)} of the loss.`;
  const summary = noLoss ? `${literalWords} ${toCover.words}` : `${literalWords} ${budgetWords} ${toCover.words}`;

  const audit: AuditEntry[] = [
    {
      rule: 'structures.compare',
      inputs: {
        loss: hctx.loss,
        tailCoverage: policy.tailCoverage,
        tailBudget,
        cover,
        ...Object.fromEntries(rows.map((r) => [r.structure, Number(r.perDollar.toFixed(4))])),
      },
      effect: `coverage per dollar in the scenario: ${rows.map((r) => `${r.structure} ${r.size === null ? 'cannot cover' : r.lossBoundedByPremium ? fmt(r.perDollar, 2) : `(${fmt(r.perDollar, 2)} per $ at risk)`}`).join(', ')}; best within the tail budget: ${best === undefined || best.units === 0 ? 'none' : `${best.units} × ${best.structure}`}`,
    },
  ];
  // A structure held to one leg's limit, then the gap in words when the literal tail is cut by the
  // budget, cannot cover, or has no loss to cover (why the plan buys no tail).
  const warnings = [...cmp.warnings, ...(tail.cut || tail.noSolution !== undefined || noLoss ? [summary] : [])];
  return {
    result: {
      measure: 'scenario',
      loss: hctx.loss,
      coverage: policy.tailCoverage,
      tailBudget,
      tailExpiry: cmp.tailExpiry,
      tailFuture: cmp.tailFuture,
      literal,
      structures: rows,
      ...(best === undefined || best.units === 0 ? {} : { bestWithinBudget: best }),
      cover: { coverage: cover, costs: toCover.costs, words: toCover.words },
      summary,
    },
    audit,
    warnings,
  };
}

/**
 * Why the vix-call row asks for another count than the literal rule on the same call: the method
 * sizes on the gain before fees (ALVH-METHOD section 6), the structures on the gain after them, so
 * they compare with the vx-future on the same terms; empty when the counts agree or the calls differ.
 */
function feeWords(rows: readonly PlanStructureRow[], tail: PlanTail): string {
  const r = rows.find((x) => x.structure === 'vix-call');
  const leg = r?.legs[0];
  if (r?.size == null || leg === undefined || r.size.units === tail.requiredContracts) return '';
  if (leg.strike !== tail.strike || leg.expiry !== tail.expiry) return '';
  return ` before fees (the vix-call row asks for ${r.size.units}: it sizes on the gain after the ${usd(r.fees, 2)} fee a contract)`;
}

function row(s: StructureScore, budget: number, loss: number): PlanStructureRow {
  const units = s.size === null || !s.lossBoundedByPremium ? 0 : unitsWithinBudget(s, budget, s.size.units);
  return {
    structure: s.structure,
    description: s.description,
    legs: s.legs,
    futures: s.futures,
    premium: s.premium,
    fees: s.fees,
    premiumBasis: s.premiumBasis,
    stressedValue: s.stressedValue,
    gain: s.gain,
    perDollar: s.perDollar,
    lossBoundedByPremium: s.lossBoundedByPremium,
    size: s.size,
    ...(s.noSolution === undefined ? {} : { noSolution: s.noSolution }),
    analogs: s.analogScores,
    withinBudget: {
      units,
      cost: units * s.premium,
      protection: units * s.gain,
      coverage: loss > 0 ? (units * s.gain) / loss : 0,
    },
  };
}

/**
 * The orders from the positions held to the plan's legs (every condor, overlay, tail), when positions are
 * given or a rebalance is due; mids are the plan's own marks today, bid and ask the quotes of
 * `market.chain` when the plan was fitted to one. Undefined otherwise. Without positions the
 * orders are the whole book, as if nothing were held, and a warning says so; positions text that
 * holds no position rows (blank, or a header alone) is read as nothing held, and a warning says so.
 */
export function stepOrders(
  ctx: PlanContext,
  book: {
    condors: readonly { expiry: string; legs: Leg[] }[];
    overlay: Leg[];
    tail: Leg[];
    /** One unit of the overlay, bought or not: how the hedges held are told apart (planHold.ts). */
    overlayUnit: readonly Leg[];
  },
  rebalanceDue: boolean | null,
  capital: CapitalCap,
): PlanStep<OrderList | undefined> {
  const { p, policy, date, now } = ctx;
  if (p.positions === undefined && rebalanceDue !== true) {
    const why = rebalanceDue === null ? 'no last rebalance (an entry, or the book held unknown)' : 'no rebalance due';
    const effect = `no positions given and ${why}: no orders; pass positions ([] when nothing is held) for the orders to the plan`;
    return {
      result: undefined,
      audit: [{ rule: 'orders', inputs: { rebalanceDue: rebalanceDue ?? 'unknown' }, effect }],
      warnings: [],
    };
  }
  const heldAt = heldPositions(ctx);
  const label =
    (origin: string) =>
    (l: Leg): TargetLeg => ({ ...l, origin });
  // Every SPX leg with the root it trades under: a held one its own, a target one the root its
  // contract or expiry is held under, else the one the chain lists there, else the date's
  // (hedge/orders.ts legsWithRoots).
  const listed = listedRoots(ctx.surface);
  const { held, target } = legsWithRoots(
    heldAt.map((h) => h.leg),
    [
      ...book.condors.flatMap((c) => c.legs.map(label(`condor ${c.expiry}`))),
      ...book.overlay.map(label(`overlay: ${policy.overlay}`)),
      ...book.tail.map(label('tail: vix-call')),
    ],
    listed,
  );
  const overlayUnit = legsWithRoots(held, book.overlayUnit, listed).target;
  // A plan fitted to a chain quotes its orders from it (bid, ask; the limit within them).
  const toPlan = ordersFromBook({
    valuationDate: date,
    held,
    target,
    mark: markFromState(now),
    listed,
    ...(ctx.chainQuotes === undefined ? {} : { quote: quoteFromChain(ctx.chainQuotes) }),
  });
  const {
    list,
    held: hold,
    entry,
  } = holdBetweenRebalances({
    valuationDate: date,
    held,
    condorTarget: target.filter((l) => l.origin.startsWith('condor ')),
    overlayUnit,
    toPlan,
    mark: markFromState(now),
    rebalanceDue,
  });
  const { n, verb } = ordersPhrase(toPlan.orders);
  const warnings = hold
    ? [
        `No rebalance is due and the legs held are the condors and their hedges: hold the book. The ${n} that would take it to today's sizing (net ${toPlan.netCost >= 0 ? 'debit' : 'credit'} ${usd(Math.abs(toPlan.netCost))}) ${verb} set aside, marked deferred, for the next rebalance. The plan's overlay, tail and budget figures are today's sizing, not the book held.`,
      ]
    : p.positions === undefined && list.orders.length > 0
      ? [
          'No positions given: the orders are the whole book, as if nothing were held; pass positions (the legs you hold) for the trades that move your book to the plan.',
        ]
      : typeof p.positions === 'string' && held.length === 0 && list.orders.length > 0
        ? [
            'The positions text holds no position rows: every order opens from zero, as if nothing were held; paste the legs you hold (symbol, signed quantity a line) under the header, or leave positions out.',
          ]
        : [];
  // said only where orders are listed (sent, or set aside): the held legs' roots, and the chain's
  // quotes taken at another SPX, which bound none of them (planCurve.ts)
  if (entry !== undefined) warnings.push(entry);
  const condorTarget = target.filter((l) => l.origin.startsWith('condor '));
  const overCap = list.orders.length > 0 && capital.exceeds && opensCondorLegs(held, condorTarget);
  if (overCap)
    warnings.push(
      "These orders open condor legs over the capital cap (its warning above): plan fewer condors and send that plan's orders, whose hedges are sized for them.",
    );
  const campaign =
    policy.overlay === 'vix-call-diagonal' ? 'not readable' : p.campaign === undefined ? 'readable' : 'read';
  const sales = inTheMoneyTailSales(list.orders, ctx.ts, campaign);
  if (sales !== undefined) warnings.push(sales);
  const late = tailOutlivesCondors(
    list.orders,
    book.condors.map((c) => c.expiry),
    date,
    policy.drawdownDays,
  );
  if (late !== undefined) warnings.push(late);
  if (list.orders.length > 0 || list.deferred !== undefined) {
    const rootless = rootlessMonthlies(p.positions);
    if (rootless !== undefined) warnings.push(rootless);
    if (ctx.quotesAway !== undefined) warnings.push(ctx.quotesAway);
    const unquoted = unquotedSpxOrders(list.orders, ctx.surface.source);
    if (unquoted !== undefined) warnings.push(unquoted);
  }
  const audit: AuditEntry[] = [
    {
      rule: 'orders',
      inputs: { heldLegs: held.length, targetLegs: target.length, rebalanceDue: rebalanceDue ?? 'unknown' },
      effect: hold
        ? `no rebalance is due and the legs held are the condors and their hedges: no order; ${n} to today's sizing deferred to the next rebalance`
        : list.orders.length === 0
          ? 'the positions held equal the plan: no order'
          : `${ordersPhrase(list.orders).n} from held to the plan, net ${list.netCost >= 0 ? 'debit' : 'credit'} ${usd(Math.abs(list.netCost))} at model mids${overCap ? '; they open condor legs over the capital cap' : ''}`,
    },
  ];
  return { result: list, audit, warnings };
}

/**
 * The warning of SPX orders priced without a chain: their mids and limits are marks on the surface
 * of the Cboe indices (or of VIX alone), whose wings can sit points from the market (docs/surfaces.md).
 */
function unquotedSpxOrders(orders: readonly Order[], source: SurfaceSource): string | undefined {
  if (source === 'chain' || !orders.some((o) => o.leg.kind === 'spx')) return undefined;
  const [from, e] =
    source === 'indices'
      ? ['the Cboe volatility indices', 'marked a 42-day short call at 2.57 against a 0.70 / 0.85 quote']
      : ['VIX alone', "marked the 3995 put calendar of 2022-03-18 and 04-14 at 16.84 against the chain's 23.88"];
  return `The SPX orders' mids and limits are marks on the surface from ${from}, not quotes: they can stand points from the market (on 2022-02-04 it ${e}). Check each limit against the market before sending, or give the day's SPX chain (market.chain) to price them off its fit and quotes.`;
}

/**
 * Whether orders to `condorTarget` (the plan's condor legs) open condor legs: a condor contract held
 * less than the condors' own quantity of it, or on the other side (a new condor, more of one held, a
 * roll). Netted by contract, so the calendar's short put, sold on the condor's contract, opens none
 * when the condor is held. Section 7's cap flags a quantity over it; the hedges are sized for the
 * condors given, so the orders trade to them and a warning says the ticket opens risk the cap does
 * not allow (docs/method.md, "The capital cap and the orders").
 */
function opensCondorLegs(held: readonly Leg[], condorTarget: readonly Leg[]): boolean {
  const has = netByContract(held);
  for (const [k, want] of netByContract(condorTarget)) {
    const h = has.get(k) ?? 0;
    if (want !== 0 && (h * want <= 0 || Math.abs(h) < Math.abs(want))) return true;
  }
  return false;
}

/**
 * The SPX root the plan's chain lists on each expiry: its surface's slice there (SPXW where SPXW
 * lists the expiry, SPX on the monthlies beyond); none on a surface of the indices or VIX alone.
 */
function listedRoots(surface: PlanContext['surface']): ListedRoot {
  const byExpiry = new Map<string, 'SPX' | 'SPXW'>();
  if (surface.source === 'chain')
    for (const s of surface.data.slices) if (s.root === 'SPX' || s.root === 'SPXW') byExpiry.set(s.expiry, s.root);
  return (expiry) => byExpiry.get(expiry);
}

/**
 * The warning of held legs given as objects without a root on a third Friday since SPXW listed
 * there too (2017-05-01): they are read as SPX, the AM-settled monthly, and closed under SPX; a
 * trader holding the PM-settled SPXW says so with `root`. Broker text names the root in its symbol.
 */
function rootlessMonthlies(positions: PlanContext['p']['positions']): string | undefined {
  if (positions === undefined || typeof positions === 'string') return undefined;
  const at = positions.flatMap((l, i) =>
    l.kind === 'spx' && l.root === undefined && l.expiry >= SPXW_THIRD_FRIDAY_FROM && isSpxMonthly(l.expiry)
      ? [`positions[${i}]`]
      : [],
  );
  if (at.length === 0) return undefined;
  const shown = at.length > 3 ? `${at.slice(0, 3).join(', ')} and ${at.length - 3} more` : at.join(', ');
  return `${shown}: a third-Friday SPX leg without root is read as SPX (AM-settled) and its orders go under SPX; if you hold the PM-settled SPXW contract, pass root "SPXW" on it.`;
}
