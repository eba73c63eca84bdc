/**
 * The condor's hedge campaign (docs/method.md, "The budget at a re-sizing"): the budget B of section
 * 7 set once, at the condor's entry, for its whole life, and the net premium each layer has paid
 * since. Given with the positions, a re-size spends each layer's share of B less what it has paid,
 * plus what its legs held would fetch at model mids, as the replay and the Monte Carlo do: a calm
 * week's shrinking cost cap and a spike's dearer calls no longer sell the calls the entry paid for.
 * The plan hands the campaign back after its orders, to pass to the next plan.
 */
import { OPTION_MULTIPLIER, type Leg } from '../book/index';
import { contractKey, markFromState, netByContract } from '../hedge/orders';
import { optionRoot } from '../market/index';
import type { ParsedPlanInput } from '../schemas/plan';
import { usd } from './audit';
import type { PlanContext } from './planCurve';
import { heldPositions } from './planHeld';
import { heldHedges } from './planHold';
import type { SplitResult } from './split';
import type { OverlayStructure } from '../schemas/policy';
import type { CampaignParts, LayerUsd, PlanCampaign, PlanStep } from './planTypes';

/** A leg as a contract, whatever root it is held under (the layers' legs carry none). */
const bare = ({ root: _root, ...leg }: Leg): Leg => leg;

/**
 * What a campaign given meets in the positions: what the hedges among the legs held (planHold.ts
 * `heldHedges`) would fetch at model mids, by layer (the tail's long VIX calls, the overlay's SPX
 * units); or why it is not read, and whether the book is an entry whose campaign opens today.
 */
export type HeldLayers = { values: LayerUsd } | { notRead: string; entry: boolean };

/** A contract in words, as the orders name it: "SPXW 2024-09-20 5100 put". */
const contractWords = (l: Leg): string => `${optionRoot(l.kind, l.expiry)} ${l.expiry} ${l.strike} ${l.type}`;

/**
 * The first of the plan's condor contracts at which the legs held, less their hedges, are not the
 * condors' quantity (netted by contract: the calendar's short put shares the condor's), in words;
 * undefined where every one is. Other legs held do not count: the orders close them.
 */
function condorChange(held: readonly Leg[], hedges: readonly Leg[], condorLegs: readonly Leg[]): string | undefined {
  const kept = netByContract(hedges, -1, netByContract(held));
  for (const [k, want] of netByContract(condorLegs)) {
    const have = kept.get(k) ?? 0;
    if (have !== want) {
      const leg = condorLegs.find((l) => contractKey(l) === k) as Leg;
      return `the positions hold ${have} of the ${contractWords(leg)} beside the hedges, where the plan's condors hold ${want}`;
    }
  }
  return undefined;
}

/**
 * {@link HeldLayers} of the positions: undefined without a campaign. Not read without positions,
 * with the VIX call diagonal overlay (whose calls cannot be told from the tail's), and when the
 * condor held is not the plan's (a roll, a resize, a new condor: an entry, as the replay opens one).
 */
export function heldLayerValues(
  ctx: PlanContext,
  condorLegs: readonly Leg[],
  overlayUnit: readonly Leg[],
): HeldLayers | undefined {
  // only a campaign reads them: a plan with positions and none marks nothing more
  if (ctx.p.campaign === undefined) return undefined;
  if (ctx.p.positions === undefined)
    return {
      notRead: 'it is read with positions, whose hedges held the re-size counts: pass positions, or leave campaign out',
      entry: false,
    };
  if (ctx.policy.overlay === 'vix-call-diagonal')
    return {
      notRead:
        "it is read with the SPX overlays: the VIX call diagonal's calls cannot be told from the tail's; leave campaign out",
      entry: false,
    };
  const held = heldPositions(ctx).map((h) => bare(h.leg));
  const condor = condorLegs.map(bare);
  const hedges = heldHedges(held, condor, overlayUnit.map(bare));
  const changed = condorChange(held, hedges, condor);
  if (changed !== undefined)
    return {
      notRead: `the condor held is not the plan's: ${changed}. A roll, a resize or a new condor is an entry, whose campaign opens today: leave campaign out that day`,
      entry: true,
    };
  const mark = markFromState(ctx.now);
  const value = (legs: readonly Leg[]) => legs.reduce((a, l) => a + mark(l) * l.quantity * OPTION_MULTIPLIER, 0);
  return {
    values: {
      overlay: value(hedges.filter((l) => l.kind === 'spx')),
      tail: value(hedges.filter((l) => l.kind === 'vix' && l.type === 'call' && l.quantity > 0)),
    },
  };
}

/**
 * The campaign read for today's re-size, with its audit row; or why a campaign given is not read
 * (no positions, or the VIX call diagonal overlay), said in a warning, today's budget sizing the
 * layers instead.
 */
export function campaignParts(
  p: ParsedPlanInput,
  layers: HeldLayers | undefined,
  split: Pick<SplitResult, 'calendarShare' | 'tailShare'>,
): PlanStep<CampaignParts | undefined> {
  const c = p.campaign;
  if (c === undefined || layers === undefined) return { result: undefined, audit: [], warnings: [] };
  if ('notRead' in layers) {
    const opens = layers.entry ? ', and the campaign handed back opens today' : '';
    return {
      result: undefined,
      audit: [],
      warnings: [
        `campaign is not read (${layers.notRead}): today's hedge budget sized the layers, as at an entry${opens}.`,
      ],
    };
  }
  const held = layers.values;
  const avail = (share: number, paid: number, value: number) => Math.max(0, share * c.budget - paid + value);
  const available = {
    overlay: avail(split.calendarShare, c.paid.overlay, held.overlay),
    tail: avail(split.tailShare, c.paid.tail, held.tail),
  };
  const words = (share: number, paid: number, value: number, a: number) =>
    `${usd(a, 2)} = ${usd(share * c.budget, 2)} − ${usd(paid, 2)} paid + ${usd(value, 2)} held`;
  return {
    result: { budget: c.budget, paid: { ...c.paid }, held, available },
    audit: [
      {
        rule: 'budget.campaign',
        inputs: {
          budget: c.budget,
          paidOverlay: c.paid.overlay,
          paidTail: c.paid.tail,
          heldOverlay: held.overlay,
          heldTail: held.tail,
          calendarShare: split.calendarShare,
          tailShare: split.tailShare,
        },
        effect: `the campaign's ${usd(c.budget, 2)} budget, set at entry: calendar ${words(split.calendarShare, c.paid.overlay, held.overlay, available.overlay)}, tail ${words(split.tailShare, c.paid.tail, held.tail, available.tail)}`,
      },
    ],
    warnings: [],
  };
}

/**
 * The campaign after this plan's orders, filled at model mids: each layer's paid grows by what its
 * new position costs less what its legs held fetch (the orders move one to the other). Opened
 * without one (an entry), it pays the whole book at its marks, hedges carried over from the condor
 * before included, as the replay's new campaign takes them in. Kept as given on a day the
 * positions get no order (held as they are, or already the plan's) and when it is not read (no
 * positions); undefined on a day of no order without a campaign given, whose budget is not known,
 * and with positions whose hedges are not told by layer (the VIX call diagonal overlay).
 */
export function campaignAfter(
  p: ParsedPlanInput,
  overlay: OverlayStructure,
  todayBudget: number,
  cost: LayerUsd,
  layers: HeldLayers | undefined,
  bookHeld: boolean,
): PlanCampaign | undefined {
  // a campaign given beside a condor that is not the plan's is an entry's: left as not given
  const c = layers !== undefined && 'notRead' in layers && layers.entry ? undefined : p.campaign;
  // the diagonal's hedges held cannot be split by layer: no campaign to hand back with positions
  if (p.positions !== undefined && overlay === 'vix-call-diagonal') return undefined;
  // a campaign given and not read (no positions), or no trade today: nothing of it moved
  if (c !== undefined && (bookHeld || layers === undefined || 'notRead' in layers))
    return { budget: c.budget, paid: { ...c.paid }, budgetFrom: 'campaign' };
  if (c === undefined) {
    // an entry takes in the hedges held at their marks, as the replay's new campaign does: it pays the book
    return bookHeld ? undefined : { budget: todayBudget, paid: { ...cost }, budgetFrom: 'set today' };
  }
  const h = (layers as { values: LayerUsd }).values;
  return {
    budget: c.budget,
    paid: { overlay: c.paid.overlay + cost.overlay - h.overlay, tail: c.paid.tail + cost.tail - h.tail },
    budgetFrom: 'campaign',
  };
}
