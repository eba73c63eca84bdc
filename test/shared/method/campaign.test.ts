/**
 * The condor's hedge campaign (docs/method.md, "The budget at a re-sizing"): given with positions,
 * a re-size spends each layer's share of the budget set at entry, less what it has paid, plus what
 * its legs held would fetch; the plan hands the campaign back after its orders. On the spike day
 * of 2024-08-05 the five September 20 calls held are rolled into more calls, not sold.
 */
import { describe, expect, it } from 'vitest';
import { plan, PlanInputSchema, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT, PLAN_POSITIONS_LAST_REBALANCE } from '../../helpers/fixtures';
import { input } from './spikeDay';

const HELD_C20 = { strike: 20, expiry: '2024-09-18' };
const CAMPAIGN = { budget: 1673, paid: { overlay: 0, tail: 900 } };

describe('a re-size within the campaign', () => {
  it('rolls the calls held into what their value and the budget left buy, and hands the campaign back', () => {
    const without = plan(input(HELD_C20));
    const p = plan({ ...input(HELD_C20), campaign: CAMPAIGN });
    // without it the day's budget buys none, and the orders sell the five calls
    expect(without.tail.contracts).toBe(0);
    const parts = p.budget.campaign!;
    const held = parts.held.tail;
    // five September 20 calls at their mark on the day (future 30.39): over $5,000
    expect(held).toBeGreaterThan(5000);
    expect(held).toBeCloseTo(-without.orders!.orders.find((o) => o.leg.kind === 'vix')!.cost, 6);
    expect(parts.available.tail).toBeCloseTo(p.split.tailShare * 1673 - 900 + held, 9);
    expect(parts.available.overlay).toBeCloseTo(p.split.calendarShare * 1673, 9);
    expect(p.tail.budget).toBe(parts.available.tail);
    // the tail is cut to what that buys, at the day's strike
    expect(p.tail.contracts).toBe(Math.floor(parts.available.tail / (p.tail.premium * 100) + 1e-9));
    expect(p.tail.contracts).toBeGreaterThan(5);
    const vix = p.orders!.orders.filter((o) => o.leg.kind === 'vix');
    expect(vix.map((o) => [o.side, o.quantity, o.leg.strike])).toEqual([
      ['buy', p.tail.contracts, p.tail.strike],
      ['sell', 5, 20],
    ]);
    // more calls held after: neither sale warning
    expect(p.warnings.filter((w) => /held in the money|fewer VIX call/.test(w))).toEqual([]);
    // the campaign after the orders: what the tail paid grows by the calls bought less those sold
    const c = p.campaign!;
    expect(c.budgetFrom).toBe('campaign');
    expect(c.budget).toBe(1673);
    expect(c.paid.tail).toBeCloseTo(900 + p.tail.cost - held, 6);
    expect(c.paid.tail).toBeLessThanOrEqual(p.split.tailShare * 1673 + 1e-6);
    expect(c.paid.overlay).toBe(0);
    // the cost figures stay the book's as bought today: a campaign's spend is in plan.campaign
    expect(p.budget.netHedgeDebit).toBe(p.overlay.cost + p.tail.cost);
    expect(p.audit.find((a) => a.rule === 'budget.campaign')?.effect).toMatch(
      /^the campaign's \$1,673\.00 budget, set at entry: calendar \$[\d,.]+ = \$[\d,.]+ − \$0\.00 paid \+ \$0\.00 held, tail \$[\d,.]+ = \$824\.93 − \$900\.00 paid \+ \$5,738\.39 held$/,
    );
  });

  it('buys nothing once a layer has paid its share, and sells what the rule no longer asks for', () => {
    const spent = plan({ ...input(), campaign: { budget: 1673, paid: { overlay: 0, tail: 5000 } } });
    expect(spent.budget.campaign!.available.tail).toBe(0);
    expect(spent.tail.contracts).toBe(0);
    expect(spent.orders!.orders.filter((o) => o.leg.kind === 'vix')).toEqual([]);
  });

  it('says nothing of calls sold out of the money: within a campaign the sale is the rule, not a shrinking budget', () => {
    const c35 = { strike: 35, expiry: '2024-10-16' };
    const spent = plan({ ...input(c35), campaign: { budget: 1673, paid: { overlay: 0, tail: 5000 } } });
    const sold = spent.orders!.orders.filter((o) => o.leg.kind === 'vix' && o.side === 'sell');
    expect(sold.map((o) => [o.quantity, o.leg.strike])).toEqual([[5, 35]]);
    expect(spent.warnings.filter((w) => /fewer VIX call|held in the money/.test(w))).toEqual([]);
    // the same orders without the campaign say it
    expect(plan(input(c35)).warnings.filter((w) => /fewer VIX call/.test(w))).toHaveLength(1);
  });

  it('is not offered as the fix of fewer calls where it cannot be read (the VIX call diagonal overlay)', () => {
    const c35 = { ...input({ strike: 35, expiry: '2024-10-16' }) };
    const fewer = (q: PlanInput) => plan(q).warnings.filter((w) => /fewer VIX call/.test(w));
    expect(fewer(c35)[0]).toContain('To keep them, pass the campaign the plan before handed back');
    const diagonal = fewer({ ...c35, policy: { overlay: 'vix-call-diagonal' } });
    expect(diagonal).toHaveLength(1);
    expect(diagonal[0]).toContain('To keep them, leave out the sales');
    expect(diagonal[0]).not.toContain('campaign');
  });

  it('is not read with the VIX call diagonal overlay, whose calls cannot be told from the tail’s, and none comes back', () => {
    const diagonal = { ...input(HELD_C20), policy: { overlay: 'vix-call-diagonal' } } as PlanInput;
    const p = plan({ ...diagonal, campaign: CAMPAIGN });
    expect(p.budget.campaign).toBeUndefined();
    expect(p.warnings).toContain(
      "campaign is not read (it is read with the SPX overlays: the VIX call diagonal's calls cannot be told from the tail's; leave campaign out): today's hedge budget sized the layers, as at an entry.",
    );
    expect(p.audit.some((a) => a.rule === 'budget.campaign')).toBe(false);
    expect(p.campaign).toBeUndefined();
    // sized as with the campaign left out
    const bare = plan(diagonal);
    expect(p.tail.contracts).toBe(bare.tail.contracts);
    expect(p.orders!.orders).toEqual(bare.orders!.orders);
  });

  it('is not read without positions, and says so', () => {
    const { positions: _p, ...bare } = input(HELD_C20);
    const p = plan({ ...bare, campaign: CAMPAIGN });
    expect(p.budget.campaign).toBeUndefined();
    expect(p.warnings).toContain(
      "campaign is not read (it is read with positions, whose hedges held the re-size counts: pass positions, or leave campaign out): today's hedge budget sized the layers, as at an entry.",
    );
    // and it comes back as given: a campaign not read moves nothing, however often it is passed on
    expect(p.campaign).toEqual({ ...CAMPAIGN, budgetFrom: 'campaign' });
    expect(plan({ ...bare, campaign: p.campaign! }).campaign).toEqual(p.campaign);
  });
});

describe('a campaign beside a condor that is not the plan’s', () => {
  // the day's condor rolled down (its put spread to 3900/3950) or resized (20 lots), the 10-lot's
  // campaign still in the boxes: an entry, whose campaign opens today, as the replay opens one
  const rolled = {
    ...input(HELD_C20),
    condor: { ...input().condor, strikes: [3900, 3950, 6370, 6420] },
    campaign: CAMPAIGN,
  };
  const resized = { ...input(HELD_C20), condor: { ...input().condor, quantity: 20 }, campaign: CAMPAIGN };
  // the 20-lot held, its campaign in the boxes, resized down to the day's 10-lot
  const down = {
    ...input(HELD_C20),
    positions: (input(HELD_C20).positions as { kind: string; quantity: number }[]).map((l) =>
      l.kind === 'spx' ? { ...l, quantity: 2 * l.quantity } : l,
    ),
    campaign: CAMPAIGN,
  };

  it.each([
    [
      'rolled',
      rolled,
      "the positions hold 0 of the SPX 2024-09-20 3900 put beside the hedges, where the plan's condors hold 10",
    ],
    [
      'resized',
      resized,
      "the positions hold 10 of the SPX 2024-09-20 4170 put beside the hedges, where the plan's condors hold 20",
    ],
    [
      'resized down',
      down,
      "the positions hold 20 of the SPX 2024-09-20 4170 put beside the hedges, where the plan's condors hold 10",
    ],
  ] as const)('%s: is not read, says why, and hands back a campaign opened today', (_what, q, change) => {
    const p = plan(q as PlanInput);
    expect(p.budget.campaign).toBeUndefined();
    expect(p.warnings).toContain(
      `campaign is not read (the condor held is not the plan's: ${change}. A roll, a resize or a new condor is an entry, whose campaign opens today: leave campaign out that day): today's hedge budget sized the layers, as at an entry, and the campaign handed back opens today.`,
    );
    // as with the campaign left out: the same orders, and the entry's campaign
    const { campaign: _c, ...entry } = q;
    const bare = plan(entry as PlanInput);
    expect(p.orders!.orders).toEqual(bare.orders!.orders);
    expect(p.campaign).toEqual({ ...bare.campaign, budgetFrom: 'set today' });
    expect(p.campaign!.budget).toBe(p.budget.budget);
  });

  it('is read beside a ladder held as the plan sized it, whose calendar’s back put is another condor’s contract', () => {
    const { condor, ...rest } = PLAN_INPUT;
    const ladder = {
      ...rest,
      condors: [condor, { expiry: '2027-02-19', strikes: [5700, 5800, 7300, 7400], quantity: 5 }],
    } as PlanInput;
    const day = plan(ladder);
    expect(day.overlay.units).toBeGreaterThan(0);
    const held = [...day.book.condor, ...day.book.overlay, ...day.book.tail];
    const next = { ...ladder, positions: held, lastRebalance: PLAN_POSITIONS_LAST_REBALANCE, campaign: day.campaign! };
    const p = plan(next);
    expect(p.warnings.filter((w) => w.startsWith('campaign is not read'))).toEqual([]);
    expect(p.orders?.orders).toEqual([]);
    expect(p.campaign).toEqual({ ...day.campaign, budgetFrom: 'campaign' });
  });

  it('is read beside the plan’s own book, without a last rebalance: the calendar held is its long leg less its short', () => {
    const day = plan(PLAN_INPUT);
    expect(day.book.overlay.some((l) => l.quantity < 0)).toBe(true);
    const held = [...day.book.condor, ...day.book.overlay, ...day.book.tail];
    const p = plan({ ...PLAN_INPUT, positions: held, campaign: day.campaign! } as PlanInput);
    expect(p.orders?.orders).toEqual([]);
    expect(p.overlay.units).toBe(day.overlay.units);
    // the calendar's value at today's marks, as its cost at entry: not its long leg alone
    expect(p.budget.campaign!.held.overlay).toBeCloseTo(day.overlay.cost, 6);
    expect(p.budget.campaign!.held.tail).toBeCloseTo(day.tail.cost, 6);
    expect(p.campaign).toEqual({ ...day.campaign, budgetFrom: 'campaign' });
  });

  it('is read beside a leg the plan does not size (the orders close it), a VIX put held', () => {
    const p = plan({
      ...input(HELD_C20),
      positions: [
        ...(input(HELD_C20).positions as object[]),
        { kind: 'vix', type: 'put', strike: 15, expiry: '2024-09-18', quantity: 2 },
      ],
      campaign: CAMPAIGN,
    } as PlanInput);
    expect(p.budget.campaign).toBeDefined();
    expect(p.orders!.orders.some((o) => o.leg.kind === 'vix' && o.leg.type === 'put' && o.side === 'sell')).toBe(true);
  });

  it('is read beside the plan’s own condor, the calendar’s short put netted with the condor’s', () => {
    const p = plan({ ...input(HELD_C20), campaign: CAMPAIGN });
    expect(p.budget.campaign).toBeDefined();
    expect(p.warnings.filter((w) => w.startsWith('campaign is not read'))).toEqual([]);
  });
});

describe('the campaign a plan hands back', () => {
  /** An entry's campaign: the day's budget, and the book's cost paid by each layer. */
  const opened = (p: ReturnType<typeof plan>) => ({
    budget: p.budget.budget,
    paid: { overlay: p.overlay.cost, tail: p.tail.cost },
    budgetFrom: 'set today',
  });

  it('opens at an entry with the day\u2019s budget and the book\u2019s cost', () => {
    const p = plan(PLAN_INPUT);
    expect(p.campaign).toEqual(opened(p));
  });

  it('takes in the hedges carried over from the condor before at their marks, as the replay does', () => {
    // an entry (no last rebalance, no campaign) with five calls of the condor before still held
    const { lastRebalance: _last, ...entry } = input(HELD_C20);
    const p = plan(entry);
    expect(p.campaign).toEqual(opened(p));
  });

  it('counts the calendar held as paid back: the overlay paid grows by the new calendar less what the old one fetches', () => {
    // the spike day with two put calendars held (short 2024-09-20, long 2024-10-18 at 4220) and
    // $100 paid by the overlay: the day's plan holds one of them and the orders sell the other, so
    // what the overlay has paid after is 100 + the calendar's cost − what the two held fetch at their marks
    const spike = input();
    const p = plan({
      ...spike,
      positions: [
        ...(spike.positions as object[]),
        { kind: 'spx', type: 'put', strike: 4220, expiry: '2024-09-20', quantity: -2 },
        { kind: 'spx', type: 'put', strike: 4220, expiry: '2024-10-18', quantity: 2 },
      ],
      campaign: { budget: 1673, paid: { overlay: 100, tail: 0 } },
    } as PlanInput);
    const held = p.budget.campaign!.held.overlay;
    expect(held).toBeCloseTo(3875.8103, 3);
    expect(p.overlay.cost).toBeCloseTo(1937.9051, 3);
    const c = p.campaign!;
    expect(c.budgetFrom).toBe('campaign');
    expect(c.paid.overlay).toBeCloseTo(100 + p.overlay.cost - held, 6);
    // the two held fetch more than the one kept costs: the overlay is $1,837.91 in credit
    expect(c.paid.overlay).toBeCloseTo(-1837.9051, 3);
    expect(c.paid.tail).toBeCloseTo(p.tail.cost, 6);
  });

  it('is kept as given on a day the positions get no order, and absent then without one', () => {
    const day = plan(PLAN_INPUT);
    const held = [...day.book.condor, ...day.book.overlay, ...day.book.tail].map((l) => ({
      ...l,
      quantity: Math.trunc(l.quantity),
    }));
    const next = { ...PLAN_INPUT, positions: held, lastRebalance: PLAN_POSITIONS_LAST_REBALANCE };
    const holding = plan(next);
    expect(holding.orders?.orders).toEqual([]);
    expect(holding.campaign).toBeUndefined();
    const given = { budget: 900, paid: { overlay: 10, tail: 300 } };
    expect(plan({ ...next, campaign: given }).campaign).toEqual({ ...given, budgetFrom: 'campaign' });
  });
});

describe('campaign input', () => {
  it.each([
    [{ budget: -1, paid: { overlay: 0, tail: 0 } }, 'campaign.budget', 'pass 0 or a positive number'],
    [{ budget: 1e13, paid: { overlay: 0, tail: 0 } }, 'campaign.budget', 'at most 1e12'],
    [{ budget: 100 }, 'campaign.paid', ''],
    [{ budget: 100, paid: { overlay: 0, tail: 'x' } }, 'campaign.paid.tail', 'number'],
    [{ budget: 100, paid: { overlay: 0, tail: -2e12 } }, 'campaign.paid.tail', 'at least -1e12'],
    [{ budget: 100, paid: { overlay: 0, tail: 0, fees: 1 } }, 'campaign.paid', 'fees'],
  ])('refuses %j naming %s', (campaign, path, words) => {
    const r = PlanInputSchema.safeParse({ ...PLAN_INPUT, campaign });
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join('.') === path);
    expect(issue, JSON.stringify(r.error!.issues)).toBeDefined();
    expect(issue!.message).toContain(words);
  });
});
