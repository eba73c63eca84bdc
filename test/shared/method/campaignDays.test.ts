/**
 * A trader's month with the plan (docs/method.md, "The budget at a re-sizing"): the condor the
 * replay opens on 2024-07-15, planned every market day to its expiry with the book of the day
 * before as positions, the last rebalance and the campaign the plan handed back, each day's orders
 * filled at model mids. The VIX calls held after each sizing are the replay's, through the August
 * 2024 spike; without the campaign the plan sells them as its budget shrinks.
 */
import { beforeAll, expect, it } from 'vitest';
import { datedCurve, plan, replay, type Leg, type MarketRow, type PlanInput } from '@alvh/shared';
import { replayHistory } from '../../../scripts/replayData';
import { describeWithData } from '../../helpers/marketData';

type Campaign = NonNullable<PlanInput['campaign']>;
const key = (l: Leg) => `${l.kind}|${l.type}|${l.expiry}|${l.strike}`;

/** Each sizing day of the condor with the VIX calls held after its orders: "8 × 2024-09-18 17". */
function month(rows: MarketRow[], withCampaign: boolean) {
  const rep = replay({ rows, from: '2024-07-15', to: '2024-08-15', assumptions: { includeLedger: false } });
  const c = rep.campaigns[0]!;
  const held = new Map<string, Leg>();
  const condorLegs: Leg[] = [
    { kind: 'spx', type: 'put', strike: c.strikes[0]!, expiry: c.expiry, quantity: c.quantity },
    { kind: 'spx', type: 'put', strike: c.strikes[1]!, expiry: c.expiry, quantity: -c.quantity },
    { kind: 'spx', type: 'call', strike: c.strikes[2]!, expiry: c.expiry, quantity: -c.quantity },
    { kind: 'spx', type: 'call', strike: c.strikes[3]!, expiry: c.expiry, quantity: c.quantity },
  ];
  for (const l of condorLegs) held.set(key(l), l);
  let lastRebalance: PlanInput['lastRebalance'];
  let campaign: Campaign | undefined;
  const sized: Record<string, string> = {};
  const days = rows.filter((r) => r.date >= '2024-07-15' && r.date <= '2024-08-15');
  for (const row of days) {
    const past = rows.filter((r) => r.date <= row.date);
    const futures = datedCurve(row).futures;
    const p = plan({
      valuationDate: row.date,
      market: {
        spx: row.spx!,
        vix: row.vix!,
        vvix: row.vvix!,
        rate: 0.01,
        divYield: 0.018,
        futures,
        indices: { vix9d: row.vix9d!, vix3m: row.vix3m!, skew: row.skew! },
      },
      condor: { expiry: c.expiry, strikes: c.strikes as [number, number, number, number], quantity: c.quantity },
      portfolio: { capital: 10_000_000 },
      signals: {
        spxCloses: past
          .filter((r) => r.spx !== undefined)
          .slice(-250)
          .map((r) => r.spx!),
        vvixCloses: past
          .filter((r) => r.vvix !== undefined)
          .slice(-250)
          .map((r) => r.vvix!),
      },
      positions: [...held.values()],
      ...(lastRebalance === undefined ? {} : { lastRebalance }),
      ...(withCampaign && campaign !== undefined ? { campaign } : {}),
    });
    for (const o of p.orders!.orders) {
      const q = (held.get(key(o.leg))?.quantity ?? 0) + o.leg.quantity;
      if (q === 0) held.delete(key(o.leg));
      else held.set(key(o.leg), { ...o.leg, quantity: q });
    }
    if (p.campaign !== undefined) campaign = { budget: p.campaign.budget, paid: p.campaign.paid };
    if (lastRebalance === undefined || p.rebalance.due === true) {
      lastRebalance = { date: row.date, vix: row.vix!, futures };
      sized[row.date] = [...held.values()]
        .filter((l) => l.kind === 'vix')
        .map((l) => `${l.quantity} × ${l.expiry} ${l.strike}`)
        .join(', ');
    }
  }
  const replayed = Object.fromEntries(
    c.sizings.map((s) => [s.date, s.tailContracts === 0 ? '' : `${s.tailContracts} × ? ${s.tailStrike}`]),
  );
  return { sized, replayed };
}

describeWithData('a month of plans with the campaign passed back', () => {
  let rows: MarketRow[];
  beforeAll(() => {
    rows = replayHistory().y2024.rows;
  });

  it('holds the replay’s VIX calls after every sizing, through the spike', () => {
    const { sized, replayed } = month(rows, true);
    // the same sizing days, and at each the replay's count and strike (the expiry the plan names)
    expect(Object.keys(sized)).toEqual(Object.keys(replayed));
    for (const d of Object.keys(sized)) expect(sized[d]!.replace(/ × \S+ /, ' × ? '), d).toBe(replayed[d]);
    expect(sized['2024-08-05']).toBe('22 × 2024-09-18 32');
  });

  it('sells them without it, as the day’s budget shrinks', () => {
    const { sized } = month(rows, false);
    expect(sized['2024-07-29']).toBe('2 × 2024-09-18 17');
    expect(sized['2024-08-05']).toBe('');
  });
});
