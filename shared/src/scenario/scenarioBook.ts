/**
 * Turn a validated book input (legs, spot, VX curve) into the {@link ScenarioBook} the engines
 * run: the term structure is built and fitted by the market module (κ and θ fixed by the policy
 * when it says so), and VIX legs are marked on the listed future of their expiry, else on the
 * fitted model's value.
 */
import { invalidInput } from '../errors';
import { parsePositionsCsv } from '../hedge/positions';
import { usd } from '../method/audit';
import { parseIsoDate } from '../dates';
import {
  buildTermStructure,
  calendarDay,
  futureForExpiry,
  isVxExpiry,
  unlistedExpiry,
  vxExpiryFix,
} from '../market/index';
import { marketSurface, plan, planMarketState, type Plan } from '../method/index';
import { withPrefix } from '../method/planCurve';
import { curveFutureFor, marketVixSurface } from '../method/planVixChain';
import { checkListedStrike, checkSpotAndStrikes, checkVxPrice } from '../validate';
import { OVERLAY_NAMES, resolvePolicy, type Policy } from '../schemas/policy';
import type { ScenarioBookInput } from '../schemas/scenario';
import type { PlanInput } from '../schemas/plan';
import { stateSurfaces, surfacesFromVix, type Leg, type RollableMarket } from '../book/index';

/**
 * A book and the market it is marked in, ready for the engine (hosts build it from a plan): the
 * valuation day's market a grid cell or path rolls ({@link RollableMarket}: its surfaces are the
 * plan's chain, indices or VIX alone, a book's its VIX alone; cells and paths move them to their
 * VIX and spot, Section 2b), SPX today, and the layers.
 */
export interface ScenarioBook extends RollableMarket {
  spot: number;
  /** The listed VX futures of today's curve (the calibrated Monte Carlo's term premium is read from them). */
  futures: readonly { expiry: string; price: number }[];
  condor: readonly Leg[];
  overlay: readonly Leg[];
  tail: readonly Leg[];
  /** The tail layer's budget, USD: a rebalance buys at most what it pays for (none: uncapped). */
  tailBudget?: number;
  /**
   * What the condor was opened at, USD (−credit · 100 · quantity): its P&L and max loss count from
   * here. Default: the model mark at t = 0.
   */
  condorEntryValue?: number;
  /**
   * The condor's max loss, USD: a plan's `ladder.maxLoss` (each condor's (wing − credit) · 100 · n,
   * summed). Default: the entry value less the lowest settlement of the legs of each expiry,
   * summed over the expiries (see the Monte Carlo engine's `prepare`).
   */
  condorMaxLoss?: number;
  /**
   * A plan's condors, in the order of `condor`'s legs: each one's number of legs and max loss,
   * USD. A rebalance then sizes the tail on the drawdown loss of each condor, capped at its own max
   * loss and at its own expiry, summed, as the plan does (method Section 6, a ladder). None: the
   * legs are one position capped at `condorMaxLoss`.
   */
  condorGroups?: readonly { legs: number; maxLoss: number }[];
}

/**
 * The legs of a book as every route takes them (the stress grid, the Monte Carlo): each expires
 * after the valuation date (an expired leg would be valued at a silent 0), holds a whole, non-zero
 * number of contracts, an SPX option expires on an exchange trading day and a VIX option on a VX
 * final-settlement date (no future prices it otherwise), and each strike is on its listed grid
 * (SPX 5 points, VIX half points), as held positions are checked. Throws `invalid_input` naming `book.<layer>[i].<field>`.
 */
export function checkBookLegs(b: Pick<ScenarioBookInput, 'valuationDate' | 'condor' | 'overlay' | 'tail'>): void {
  // within the exchange calendar before any leg is read: a date of 2041 or 9999 is the slip, not every leg's expiry
  const day0 = calendarDay('book.valuationDate', b.valuationDate);
  for (const layer of ['condor', 'overlay', 'tail'] as const) {
    b[layer].forEach((leg, i) => {
      const at = `book.${layer}[${i}]`;
      if (parseIsoDate(`${at}.expiry`, leg.expiry) <= day0) {
        throw invalidInput(
          `${at}.expiry`,
          `is ${leg.expiry}, on or before the valuation date ${b.valuationDate}`,
          'pass legs that expire after the valuation date (remove an expired leg: it has settled)',
        );
      }
      if (!Number.isInteger(leg.quantity) || leg.quantity === 0) {
        throw invalidInput(
          `${at}.quantity`,
          `is ${leg.quantity}, not a whole, non-zero number of contracts`,
          'pass whole contracts held, positive long and negative short (remove a leg of 0)',
        );
      }
      // A VIX strike is a VIX level: 0.5 or 1e308 is a slip (the Monte Carlo answered both with a 200).
      if (leg.kind === 'vix') checkVxPrice(`${at}.strike`, leg.strike, '25');
      if (leg.kind === 'vix' && !isVxExpiry(leg.expiry)) {
        throw invalidInput(
          `${at}.expiry`,
          `is ${leg.expiry}, not a VX final-settlement date, so no VX future prices this VIX option`,
          vxExpiryFix(leg.expiry, b.valuationDate),
        );
      }
      const unlisted = leg.kind === 'spx' ? unlistedExpiry('spx', leg.expiry) : undefined;
      if (unlisted !== undefined)
        throw invalidInput(`${at}.expiry`, `is ${leg.expiry}, ${unlisted.problem}`, unlisted.fix);
      checkListedStrike(`${at}.strike`, leg.kind, leg.strike);
    });
  }
}

/**
 * A VIX leg is marked on the VX future of its expiry: one past the book's last listed future would
 * be priced by extrapolating the curve, which the method rules out (Section 2). Refused naming
 * `book.<layer>[i].expiry`.
 */
function checkVixLegsOnCurve(b: Pick<ScenarioBookInput, 'condor' | 'overlay' | 'tail'>, last: string): void {
  for (const layer of ['condor', 'overlay', 'tail'] as const) {
    b[layer].forEach((leg, i) => {
      if (leg.kind !== 'vix' || leg.expiry <= last) return;
      throw invalidInput(
        `book.${layer}[${i}].expiry`,
        `is ${leg.expiry}, after the last listed VX future (${last}): the VIX option is marked on the future of its expiry, and the curve is not extrapolated beyond its last future`,
        `add the VX future of ${leg.expiry} to book.futures`,
      );
    });
  }
}

export function resolveScenarioBook(b: ScenarioBookInput, policy: Policy): ScenarioBook {
  checkBookLegs(b);
  const curvePolicy: { steepSpread: number; flatBand: number; kappa?: number; theta?: number } = {
    steepSpread: policy.steepSpread,
    flatBand: policy.flatBand,
  };
  if (policy.kappa !== undefined) curvePolicy.kappa = policy.kappa;
  if (policy.theta !== undefined) curvePolicy.theta = policy.theta;
  checkSpotAndStrikes(
    'book.spot',
    b.spot,
    (['condor', 'overlay', 'tail'] as const).flatMap((layer) =>
      b[layer].flatMap((l, i) => (l.kind === 'spx' ? [{ field: `book.${layer}[${i}].strike`, strike: l.strike }] : [])),
    ),
  );
  if (b.volOfVol !== undefined && b.volOfVol <= 0) {
    throw invalidInput(
      'book.volOfVol',
      `is ${b.volOfVol}, but it is the vol VIX options are priced at and must be > 0`,
      'pass the vol of vol as a decimal, e.g. 0.95 for VVIX 95, or leave it out for the policy default',
    );
  }
  // The curve's own field names (vixSpot, futures[0].price) named as the book sends them.
  const ts = withPrefix(
    (f) => (f === 'vixSpot' ? 'book.vix' : `book.${f}`),
    () => buildTermStructure({ valuationDate: b.valuationDate, vixSpot: b.vix, futures: b.futures }, curvePolicy),
  );
  checkVixLegsOnCurve(b, ts.points[ts.points.length - 1]?.expiry ?? b.valuationDate);
  const volOfVol = b.volOfVol ?? policy.defaultVolOfVol;
  return {
    valuationDate: b.valuationDate,
    spot: b.spot,
    vix: b.vix,
    rate: b.rate,
    divYield: b.divYield,
    volOfVol,
    surfaces: stateSurfaces(
      b.valuationDate,
      b.vix,
      volOfVol,
      marketSurface(b.valuationDate, { ...b, spx: b.spot }, 'book', 'spot'),
      marketVixSurface(b.valuationDate, b, curveFutureFor(ts), 'book')?.surface,
    ),
    kappa: ts.fit.kappa,
    theta: ts.fit.theta,
    shockKappa: policy.shockKappa,
    futureFor: (expiry) => futureForExpiry(ts, expiry),
    futures: b.futures,
    condor: b.condor,
    overlay: b.overlay,
    tail: mergeSameContract(b.tail),
    ...(b.tailBudget === undefined ? {} : { tailBudget: b.tailBudget }),
  };
}

/**
 * The plan's tail call held at 0 contracts, for a plan whose budget bought none today: the paths
 * still resize it at each rebalance within the tail budget (calls cheaper after a fall in VIX may
 * fit it then), as they resize a plan that holds one. Without the leg the paths would never hedge,
 * and a plan cut to 0 calls would run as a book with no tail policy at all.
 */
function tailAtZero(tail: { strike: number; expiry: string }): Leg[] {
  if (!(tail.strike > 0) || !isVxExpiry(tail.expiry)) return [];
  return [{ kind: 'vix', type: 'call', strike: tail.strike, expiry: tail.expiry, quantity: 0 }];
}

/**
 * Whether a plan input's positions hold a leg: an empty list or blank text is nothing held, no book
 * a run could follow instead of the plan's (it said "send the legs held" of a plan holding none).
 */
export function holdsPositions(p: Pick<PlanInput, 'positions' | 'valuationDate'> | undefined): boolean {
  const pos = p?.positions;
  if (pos === undefined) return false;
  // broker text as the plan reads it: a header alone ("Symbol,Quantity") holds no leg either
  return typeof pos === 'string'
    ? pos.trim() !== '' && parsePositionsCsv(pos, { valuationDate: p!.valuationDate }).length > 0
    : pos.length > 0;
}

/**
 * A plan input without its `campaign`: the scenario routes and the frontier run the plan's book at
 * today's sizing, which a campaign read with the positions would re-size (method/planCampaign.ts).
 */
export function withoutCampaign(p: PlanInput): PlanInput {
  const { campaign: _campaign, ...rest } = p;
  return rest;
}

/**
 * What a plan input's `positions`, `lastRebalance` and `campaign` are to a scenario route, which runs the plan's
 * book at today's sizing (`plan(input).book`, entered on the valuation date; the Monte Carlo's
 * rebalance clock starts at day 0) and not the legs held: one sentence naming the fields given and
 * how to run the book held instead (its legs as `book`); none without them.
 */
export function heldBookNotes(p: PlanInput | undefined, route: 'montecarlo' | 'stress'): string[] {
  const held = holdsPositions(p);
  const last = p?.lastRebalance !== undefined;
  const campaign = p?.campaign !== undefined;
  if (!held && !last && !campaign) return [];
  const fields = [
    held ? 'plan.positions' : '',
    last ? 'plan.lastRebalance' : '',
    campaign ? 'plan.campaign' : '',
  ].filter((f) => f !== '');
  const mc = route === 'montecarlo';
  const book = held ? 'the legs held' : 'a book sized at the last rebalance';
  const not = mc && last ? `${book}, nor with the rebalance clock running from the last rebalance's date` : book;
  const runs = mc
    ? "the paths run the plan's book at today's sizing, entered on the valuation date with the rebalance clock at day 0"
    : "the grid marks the plan's book at today's sizing, as entered on the valuation date";
  return [
    `The plan input carries ${fields.length === 3 ? `${fields[0]}, ${fields[1]} and ${fields[2]}` : fields.join(' and ')}, which ${mc ? 'this run does' : 'this grid does'} not follow: ` +
      `${runs}, not ${not}. To ${mc ? 'simulate' : 'stress'} the legs held, send them as book ` +
      '(their condor, overlay and tail legs, with the market) in place of plan.',
  ];
}

/** A plan's hedges in words: "13 VIX calls and 1 put calendar". */
function hedgesInWords(pl: Plan): string {
  const calls = pl.book.tail.reduce((n, l) => n + l.quantity, 0);
  const units = pl.overlay.units;
  const name = OVERLAY_NAMES[pl.overlay.structure];
  return `${calls} VIX call${calls === 1 ? '' : 's'} and ${units} ${name}${units === 1 ? '' : 's'}`;
}

/**
 * When a plan input's campaign re-sizes its hedges (read with the positions held), the hedges the
 * plan answers with and those a scenario route runs (today's sizing, `pl`) can differ: a campaign
 * budget set at the entry can buy 13 VIX calls where today's budget, cut by a loss the condor has
 * since taken, buys none. One sentence giving both counts, so a grid of zero hedge P&L is not read
 * as the plan's; none when they agree or no campaign is read.
 */
export function campaignBookNotes(
  input: PlanInput | undefined,
  pl: Plan | undefined,
  route: 'montecarlo' | 'stress',
): string[] {
  if (input?.campaign === undefined || input.positions === undefined || pl === undefined) return [];
  const withCampaign = withPrefix(
    (f) => `plan.${f}`,
    () => plan(input),
  );
  if (withCampaign.budget.campaign === undefined) return []; // not read (the diagonal overlay)
  const planned = hedgesInWords(withCampaign);
  const run = hedgesInWords(pl);
  if (planned === run) return [];
  const what = route === 'montecarlo' ? 'these paths run' : 'this grid marks';
  return [
    `With its campaign, the plan holds ${planned} (the answer of /api/plan and ALVH.PLAN); ${what} today's sizing, ` +
      `on today's budget of ${usd(pl.budget.budget, 2)} alone: ${run}. To ${route === 'montecarlo' ? 'simulate' : 'stress'} the plan's hedges, ` +
      'send its book (condor, overlay and tail legs, with the market) as book in place of plan.',
  ];
}

/**
 * Why the condor's P&L is not 0 with nothing moved today when it counts from its entry credit:
 * the credit the plan was sized on (its max profit) is not what the surface prices its condors at
 * today (their `markValue`, summed). Nothing within half a cent in all, nor within the rounding of a typed
 * credit to the cent a share (half a cent × 100 × the contracts of each condor whose credit was
 * `given`; a credit priced from a vol or the surface has no rounding). `paths`: the Monte Carlo and
 * the frontier, whose paths count the condor from the credit; `stress`: the grid.
 */
export function entryCreditNotes(pl: Pick<Plan, 'ladder' | 'condors'>, route: 'paths' | 'stress'): string[] {
  const entry = -pl.ladder.maxProfit;
  let markToday = 0;
  let rounding = 0;
  for (const c of pl.condors) {
    markToday += c.markValue;
    // a condor's first leg, its long put, holds its quantity
    if (c.creditSource === 'given') rounding += 0.5 * Math.abs(c.legs[0]!.quantity);
  }
  if (Math.abs(markToday - entry) <= Math.max(0.005, rounding)) return [];
  const gap = markToday - entry;
  const carries = route === 'stress' ? 'every condor cell includes' : "every path's condor P&L includes";
  const shows = route === 'stress' ? ' (the cell of no move today shows it alone)' : '';
  return [
    `The condor's P&L counts from the credit the plan was sized on, ${usd(-entry, 2)}; today's surface prices closing it at ` +
      `${usd(-markToday, 2)}, so ${carries} the ${gap > 0 ? '+' : ''}${usd(gap, 2)} between them${shows}.`,
  ];
}

/**
 * The book to run and the policy to run it with, from a parsed scenario input: a plan input goes
 * through the method's `plan` (its book, its market state, its policy); a book uses the given
 * policy overrides.
 */
export function scenarioSource(v: {
  plan?: PlanInput | undefined;
  book?: ScenarioBookInput | undefined;
  policy?: unknown;
}): {
  book: ScenarioBook;
  policy: Policy;
  /** The method's plan, when the input is one (its condors' marks and credits: {@link entryCreditNotes}). */
  plan?: Plan;
} {
  if (v.plan !== undefined) {
    // what the method refuses in the plan is named where it sits in this request
    const input = v.plan;
    const pl = withPrefix(
      (f) => `plan.${f}`,
      () => plan(withoutCampaign(input)),
    );
    const policy = resolvePolicy(v.plan.policy ?? {});
    const state = planMarketState(pl.market, pl.surface);
    return {
      policy,
      plan: pl,
      book: {
        valuationDate: pl.valuationDate,
        spot: pl.market.spot,
        vix: pl.market.vix,
        rate: pl.market.rate,
        divYield: pl.market.divYield,
        volOfVol: pl.market.volOfVol,
        surfaces: state.surfaces ?? surfacesFromVix(state),
        kappa: pl.market.kappa,
        theta: pl.market.theta,
        shockKappa: policy.shockKappa,
        futureFor: state.futureFor,
        futures: pl.market.futures,
        condor: pl.book.condor,
        overlay: pl.book.overlay,
        tail: pl.book.tail.length > 0 ? pl.book.tail : tailAtZero(pl.tail),
        tailBudget: pl.tail.budget,
        condorEntryValue: -pl.ladder.maxProfit,
        condorMaxLoss: pl.ladder.maxLoss,
        condorGroups: pl.condors.map((c) => ({ legs: c.legs.length, maxLoss: c.maxLoss })),
      },
    };
  }
  const policy = resolvePolicy(v.policy);
  return { policy, book: resolveScenarioBook(v.book as ScenarioBookInput, policy) };
}

/** Lines of one contract (kind, type, strike, expiry) as one line of their summed quantity, in first-seen order. */
function mergeSameContract(legs: readonly Leg[]): Leg[] {
  const out: Leg[] = [];
  for (const l of legs) {
    const same = out.findIndex(
      (o) => o.kind === l.kind && o.type === l.type && o.strike === l.strike && o.expiry === l.expiry,
    );
    if (same < 0) out.push({ ...l });
    else out[same] = { ...out[same]!, quantity: out[same]!.quantity + l.quantity };
  }
  return out;
}
