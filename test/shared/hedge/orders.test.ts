import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SKEW,
  contractKey,
  ironCondorLegs,
  limitOnTick,
  markFromState,
  legsWithRoots,
  optionRoot,
  SPXW_THIRD_FRIDAY_FROM,
  optionTick,
  ordersFromBook,
  type Leg,
  type MarketState,
  type TargetLeg,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

const state: MarketState = {
  date: '2025-04-08',
  spot: 4982.77,
  vix: 52.33,
  rate: 0.043,
  divYield: 0.014,
  volOfVol: 1.7,
  skew: DEFAULT_SKEW,
  futureFor: (e) => ({ '2025-05-21': 31.43, '2025-06-18': 27.91 })[e] ?? 30,
};
const mark = markFromState(state);

/** A ladder of three 10-lot condors across expiries. */
const ladder: TargetLeg[] = [
  ...ironCondorLegs('2025-05-16', [3700, 3750, 6100, 6150], 10).map((l) => ({ ...l, origin: 'condor 2025-05-16' })),
  ...ironCondorLegs('2025-05-23', [3650, 3700, 6150, 6200], 10).map((l) => ({ ...l, origin: 'condor 2025-05-23' })),
  ...ironCondorLegs('2025-05-30', [3600, 3650, 6200, 6250], 10).map((l) => ({ ...l, origin: 'condor 2025-05-30' })),
];
/** Hedges on top: a put calendar whose short leg is the first condor's short put, VIX calls sized in fractions. */
const hedges: TargetLeg[] = [
  { kind: 'spx', type: 'put', strike: 3750, expiry: '2025-05-16', quantity: -3, origin: 'overlay: spx-put-calendar' },
  { kind: 'spx', type: 'put', strike: 3750, expiry: '2025-06-13', quantity: 3, origin: 'overlay: spx-put-calendar' },
  { kind: 'vix', type: 'call', strike: 33, expiry: '2025-05-21', quantity: 12.6, origin: 'tail: vix-call' },
  { kind: 'vix', type: 'call', strike: 43, expiry: '2025-05-21', quantity: -7.9, origin: 'tail: vix-call-spread' },
];
const target = [...ladder, ...hedges];
const wholeTarget = target.map((l) => ({ ...l, quantity: Math.trunc(l.quantity) }));

/** Net quantity per contract. */
function net(legs: readonly Leg[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of legs) m.set(contractKey(l), (m.get(contractKey(l)) ?? 0) + l.quantity);
  for (const [k, v] of m) if (v === 0) m.delete(k);
  return m;
}

describe('orders from held to target, on a ladder of three condors', () => {
  it('from positions equal to the target, the list is empty', () => {
    const r = ordersFromBook({ valuationDate: state.date, held: wholeTarget, target, mark });
    expect(r.orders).toEqual([]);
    expect(r.netCost).toBe(0);
  });
  it('from no positions, the orders are the (netted, rounded) target legs', () => {
    const r = ordersFromBook({ valuationDate: state.date, held: [], target, mark });
    expect(net(r.orders.map((o) => o.leg))).toEqual(net(wholeTarget));
    // 12 condor contracts + 1 calendar back put + 2 VIX calls; the calendar's short put nets into the condor's
    expect(r.orders).toHaveLength(15);
    const shortPut = r.orders.find((o) => contractKey(o.leg) === 'spx|put|2025-05-16|3750');
    expect(shortPut).toMatchObject({
      side: 'sell',
      quantity: 13,
      why: 'condor 2025-05-16 + overlay: spx-put-calendar',
    });
  });
  it('from the condors held, the orders are the hedges, netted with the condor legs they share', () => {
    const r = ordersFromBook({ valuationDate: state.date, held: ladder, target, mark });
    expect(r.orders.map((o) => [contractKey(o.leg), o.side, o.quantity, o.held, o.target])).toEqual([
      ['spx|put|2025-05-16|3750', 'sell', 3, -10, -13],
      ['spx|put|2025-06-13|3750', 'buy', 3, 0, 3],
      ['vix|call|2025-05-21|33', 'buy', 12, 0, 12],
      ['vix|call|2025-05-21|43', 'sell', 7, 0, -7],
    ]);
  });
  it('rounds fractional targets toward zero, says so, and never flips a sign', () => {
    const r = ordersFromBook({ valuationDate: state.date, held: ladder, target, mark });
    expect(r.orders[2]?.rounding).toBe('tail: vix-call: 12.6 → 12 (toward zero)');
    expect(r.orders[3]?.rounding).toBe('tail: vix-call-spread: -7.9 → -7 (toward zero)');
    expect(r.orders[0]?.rounding).toBeUndefined();
    for (const q of [0.4, -0.4, 0.999, -0.999, 1.5, -1.5, 2.0000001, -2.0000001, 99.99, -99.99]) {
      const t: TargetLeg = { kind: 'vix', type: 'call', strike: 30, expiry: '2025-05-21', quantity: q, origin: 'x' };
      const o = ordersFromBook({ valuationDate: state.date, held: [], target: [t], mark }).orders;
      const whole = o[0]?.target ?? 0;
      expect(Math.abs(whole)).toBeLessThanOrEqual(Math.abs(q));
      expect(whole * q).toBeGreaterThanOrEqual(0);
      expect(Math.abs(q) - Math.abs(whole)).toBeLessThan(1);
    }
  });
  it('closes what is held and not in the target', () => {
    const extra: Leg = { kind: 'vix', type: 'call', strike: 40, expiry: '2025-05-21', quantity: 5 };
    const r = ordersFromBook({ valuationDate: state.date, held: [...wholeTarget, extra], target, mark });
    expect(r.orders).toHaveLength(1);
    expect(r.orders[0]).toMatchObject({
      side: 'sell',
      quantity: 5,
      held: 5,
      target: 0,
      why: 'close: held, not in the target',
    });
  });
  it('applying the orders to the held book gives the target book', () => {
    const held: Leg[] = [
      ...ladder.slice(0, 8),
      { kind: 'vix', type: 'call', strike: 33, expiry: '2025-05-21', quantity: 20 },
    ];
    const r = ordersFromBook({ valuationDate: state.date, held, target, mark });
    expect(net([...held, ...r.orders.map((o) => o.leg)])).toEqual(net(wholeTarget));
  });
  it('prices at the model mid, adds the chain quote when given, and signs the cost', () => {
    const quote = (l: Leg) => (l.kind === 'vix' ? { bid: 1.9, ask: 2.1 } : undefined);
    const r = ordersFromBook({ valuationDate: state.date, held: ladder, target, mark, quote });
    for (const o of r.orders) {
      const root = o.contract === 'VIX' ? {} : { root: o.contract };
      expect(o.mid).toBeCloseTo(mark({ ...o.leg, quantity: 1, ...root }), 12);
      expect(o.cost).toBeCloseTo(o.leg.quantity * o.mid * 100, 9);
      expect(Math.sign(o.cost)).toBe(o.side === 'buy' ? 1 : -1);
    }
    expect(r.orders[2]).toMatchObject({ bid: 1.9, ask: 2.1 });
    expect(r.orders[0]).not.toHaveProperty('bid');
    expect(r.netCost).toBeCloseTo(
      r.orders.reduce((a, o) => a + o.cost, 0),
      9,
    );
  });
  it('rejects a bad mark, a bad quote, fractional holdings and malformed legs by name', () => {
    expect(
      errorOf(() => ordersFromBook({ valuationDate: state.date, held: [], target: hedges, mark: () => Number.NaN }))
        .field,
    ).toBe('mark');
    expect(
      errorOf(() =>
        ordersFromBook({
          valuationDate: state.date,
          held: [],
          target: hedges,
          mark,
          quote: () => ({ bid: 2, ask: 1 }),
        }),
      ).field,
    ).toBe('quote');
    const e = errorOf(() =>
      ordersFromBook({ valuationDate: state.date, held: [{ ...ladder[0]!, quantity: 1.5 }], target, mark }),
    );
    expect(e.field).toBe('held[0].quantity');
    expect(e.message).toMatch(/whole contracts/);
    expect(
      errorOf(() =>
        ordersFromBook({ valuationDate: state.date, held: [], target: [{ ...hedges[0]!, strike: -1 }], mark }),
      ).field,
    ).toBe('target[0].strike');
    expect(
      errorOf(() =>
        ordersFromBook({
          valuationDate: state.date,
          held: [],
          target: [{ ...hedges[0]!, expiry: '2025-02-30' }],
          mark,
        }),
      ).field,
    ).toBe('target[0].expiry');
    expect(errorOf(() => ordersFromBook({ valuationDate: '2025-13-01', held: [], target, mark })).field).toBe(
      'valuationDate',
    );
  });
});

describe('limits on the exchange grid (Cboe: SPX/SPXW 0.05 below 3.00, 0.10 from 3.00; VIX options 0.01/0.05 since 2022-10-03)', () => {
  it('rounds a buy down and a sell up, on the grid of the price region', () => {
    const rows: [Leg['kind'], 'buy' | 'sell', number, string, number, number][] = [
      ['spx', 'buy', 2.12, '2025-04-08', 2.1, 0.05],
      ['spx', 'sell', 2.12, '2025-04-08', 2.15, 0.05],
      ['spx', 'buy', 3.14, '2025-04-08', 3.1, 0.1],
      ['spx', 'sell', 3.14, '2025-04-08', 3.2, 0.1],
      ['spx', 'sell', 2.97, '2025-04-08', 3, 0.1], // 3.00 is on both grids; the step from there is 0.10
      ['spx', 'buy', 47.33, '2025-04-08', 47.3, 0.1],
      ['vix', 'buy', 2.127, '2018-12-24', 2.1, 0.05], // before the penny ticks
      ['vix', 'sell', 3.12, '2022-09-30', 3.2, 0.1],
      ['vix', 'buy', 2.127, '2022-10-03', 2.12, 0.01], // the penny ticks' first day
      ['vix', 'sell', 3.12, '2025-04-08', 3.15, 0.05],
      ['spx', 'buy', 2.3, '2025-04-08', 2.3, 0.05], // 2.3 / 0.05 is 45.999…: still 2.30, not 2.25
      ['vix', 'sell', 0.29, '2025-04-08', 0.29, 0.01], // 0.29 / 0.01 is 28.999…: still 0.29, not 0.30
    ];
    for (const [kind, side, mid, date, limit, tick] of rows) {
      expect([kind, side, mid, date, limitOnTick(kind, side, mid, date)]).toEqual([
        kind,
        side,
        mid,
        date,
        { limit, tick },
      ]);
    }
  });
  it('never goes below one tick: a buy of a 0.02 mid is sent at the exchange minimum', () => {
    expect(limitOnTick('spx', 'buy', 0.02, '2025-04-08')).toEqual({ limit: 0.05, tick: 0.05 });
    expect(limitOnTick('spx', 'sell', 0, '2025-04-08')).toEqual({ limit: 0.05, tick: 0.05 });
    expect(limitOnTick('vix', 'buy', 0.004, '2025-04-08')).toEqual({ limit: 0.01, tick: 0.01 });
  });
  it('over 20,000 mids: on the grid, on the favourable side of the mid, less than one tick away', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const bad: string[] = [];
    for (let j = 0; j < 20_000; j++) {
      const mid = Math.round(rand() * 8 * 10_000) / 10_000;
      const kind = j % 2 === 0 ? 'spx' : 'vix';
      const side = j % 4 < 2 ? 'buy' : 'sell';
      const date = j % 3 === 0 ? '2019-06-03' : '2024-06-03';
      const { limit, tick } = limitOnTick(kind, side, mid, date);
      const step = optionTick(kind, mid, date); // the grid's step where the mid is
      const onGrid = tick === optionTick(kind, limit, date) && Math.abs(limit / tick - Math.round(limit / tick)) < 1e-9;
      const favourable = mid < step || (side === 'buy' ? limit <= mid + 1e-12 : limit >= mid - 1e-12);
      const least = optionTick(kind, 0, date);
      if (!onGrid || !favourable || limit < least - 1e-12 || Math.abs(limit - mid) >= step + 1e-12)
        bad.push(`${kind} ${side} ${mid} ${date}: ${limit} (tick ${tick})`);
    }
    expect(bad).toEqual([]);
  });
  it('every order carries its limit and tick, dated by the valuation date', () => {
    const r = ordersFromBook({ valuationDate: state.date, held: [], target, mark });
    for (const o of r.orders)
      expect({ limit: o.limit, tick: o.tick }).toEqual(limitOnTick(o.leg.kind, o.side, o.mid, state.date));
    const vix = r.orders.find((o) => o.leg.kind === 'vix')!;
    expect(vix.tick).toBe(vix.limit < 3 ? 0.01 : 0.05);
    const old = ordersFromBook({ valuationDate: '2019-01-02', held: [], target, mark }).orders.find(
      (o) => o.leg.kind === 'vix',
    )!;
    expect(old.tick).toBe(old.limit < 3 ? 0.05 : 0.1);
  });
});

describe('the exchange root of an order', () => {
  it('is SPX on the third Friday and SPXW on any other day, unless the chain lists SPXW there; VIX for VIX options', () => {
    const r = ordersFromBook({ valuationDate: state.date, held: [], target, mark });
    const roots = new Map(r.orders.map((o) => [`${o.leg.kind} ${o.leg.expiry}`, o.contract]));
    expect(Object.fromEntries(roots)).toEqual({
      'spx 2025-05-16': 'SPX', // the third Friday of May 2025: SPX lists there at every horizon
      'spx 2025-05-23': 'SPXW',
      'spx 2025-05-30': 'SPXW',
      'spx 2025-06-13': 'SPXW', // the calendar's back put on a weekly
      'vix 2025-05-21': 'VIX',
    });
    // a chain whose fitted slice on the third Friday is SPXW (PM-settled, the marks' settlement)
    const listed = (e: string) => (e === '2025-05-16' ? ('SPXW' as const) : undefined);
    const onChain = ordersFromBook({ valuationDate: state.date, held: [], target, mark, listed });
    expect(onChain.orders.filter((o) => o.leg.expiry === '2025-05-16').map((o) => o.contract)).toEqual(
      Array(onChain.orders.filter((o) => o.leg.expiry === '2025-05-16').length).fill('SPXW'),
    );
    expect(SPXW_THIRD_FRIDAY_FROM).toBe('2017-05-01');
    // the monthly moved to the Thursday before a Good Friday holiday
    expect(optionRoot('spx', '2014-04-17')).toBe('SPX');
    expect(optionRoot('spx', '2014-04-18')).toBe('SPXW');
    expect(optionRoot('vix', '2025-05-21')).toBe('VIX');
    expect(() => optionRoot('spx', '2025-13-01')).toThrow(/expiry/);
  });

  const put = (strike: number, quantity: number, root?: 'SPX' | 'SPXW'): Leg => ({
    kind: 'spx',
    type: 'put',
    strike,
    expiry: '2025-05-16',
    quantity,
    ...(root === undefined ? {} : { root }),
  });
  const tagged = (l: Leg): TargetLeg => ({ ...l, origin: 'condor 2025-05-16' });

  it('closes a held contract under the root it is held under, never as the other settlement', () => {
    // held SPXW (PM) on the third Friday, target none: bought back as SPXW, not SPX
    const pm = ordersFromBook({ valuationDate: state.date, held: [put(5000, -3, 'SPXW')], target: [], mark });
    expect(pm.orders.map((o) => [o.contract, o.side, o.effect, o.quantity])).toEqual([['SPXW', 'buy', 'close', 3]]);
    // held SPX (AM): bought back as SPX
    const am = ordersFromBook({ valuationDate: state.date, held: [put(5000, -3, 'SPX')], target: [], mark });
    expect(am.orders.map((o) => [o.contract, o.side, o.effect])).toEqual([['SPX', 'buy', 'close']]);
    // SPX and SPXW of one strike are two contracts: they do not net
    const both = ordersFromBook({
      valuationDate: state.date,
      held: [put(5000, -3, 'SPX'), put(5000, 3, 'SPXW')],
      target: [],
      mark,
    });
    expect(both.orders.map((o) => [o.contract, o.side])).toEqual([
      ['SPX', 'buy'],
      ['SPXW', 'sell'],
    ]);
  });

  it("resizes a book held as SPX (AM) monthlies in them: a target takes its contract's, else its expiry's root", () => {
    const r = ordersFromBook({
      valuationDate: state.date,
      held: [put(5000, -3, 'SPX'), put(4950, 3, 'SPX')],
      target: [tagged(put(5000, -5)), tagged(put(4950, 5)), tagged(put(4900, 2))],
      mark,
    });
    expect(r.orders.map((o) => [o.contract, o.leg.strike, o.quantity, o.effect])).toEqual([
      ['SPX', 5000, 2, 'open'],
      ['SPX', 4950, 2, 'open'],
      ['SPX', 4900, 2, 'open'], // not held: the root the expiry is held under
    ]);
    // the same book held as SPXW nets to the same sizes under SPXW, even where the chain lists SPX
    const w = ordersFromBook({
      valuationDate: state.date,
      held: [put(5000, -3, 'SPXW'), put(4950, 3, 'SPXW')],
      target: [tagged(put(5000, -3)), tagged(put(4950, 3))],
      mark,
      listed: () => 'SPX',
    });
    expect(w.orders).toEqual([]);
    // a held leg typed without root is its date's: SPX on the third Friday
    expect(legsWithRoots([put(5000, -3)], []).held[0]!.root).toBe('SPX');
    // both roots held on the expiry: a new contract there takes the listed one, else the date's
    const both = [put(5000, -3, 'SPX'), put(4950, 3, 'SPXW')];
    expect(legsWithRoots(both, [tagged(put(4900, 1))]).target[0]!.root).toBe('SPX');
    expect(legsWithRoots(both, [tagged(put(4900, 1))], () => 'SPXW').target[0]!.root).toBe('SPXW');
    // VIX legs carry no root
    expect(legsWithRoots([], [{ ...tagged(put(1, 1)), kind: 'vix' as const }]).target[0]).not.toHaveProperty('root');
  });

  it("refuses a root that does not list there, naming the leg's field", () => {
    const weekly = { ...put(5000, -1, 'SPX'), expiry: '2025-05-23' };
    expect(() => ordersFromBook({ valuationDate: state.date, held: [weekly], target: [], mark })).toThrow(
      /held\[0\]\.root: is "SPX" \(the AM-settled monthly, expiring on 2025-05-16\) on expiry 2025-05-23.*SPXW/,
    );
    const vix = {
      kind: 'vix' as const,
      type: 'call' as const,
      strike: 30,
      expiry: '2025-05-21',
      quantity: 1,
      root: 'SPXW' as const,
    };
    expect(() => ordersFromBook({ valuationDate: state.date, held: [], target: [tagged(vix)], mark })).toThrow(
      /target\[0\]\.root: is "SPXW" on a VIX leg/,
    );
    // SPXW listed no third Friday before 2017-05-01 (the PM-settled options were SPXPM)
    const pm2008 = { ...put(1200, -1, 'SPXW'), expiry: '2008-08-15' };
    expect(() => ordersFromBook({ valuationDate: '2008-07-01', held: [pm2008], target: [], mark })).toThrow(
      /held\[0\]\.root: is "SPXW" on the monthly expiry 2008-08-15: SPXW listed no third-Friday options before 2017-05-01/,
    );
  });
});

describe('the why of an order that closes what is held beyond its target', () => {
  // the condor held with its calendar's short front put on the condor's own short put contract
  // (held -13), the calendar dropped: the one order on that contract buys back the calendar's 3
  const held: Leg[] = wholeTarget.filter((l) => l.kind === 'spx').map(({ origin: _o, ...l }) => l);
  const noCalendar = wholeTarget.filter((l) => !l.origin.startsWith('overlay'));
  const list = ordersFromBook({ valuationDate: state.date, held, target: noCalendar, mark });
  const on = (strike: number, expiry: string) =>
    list.orders.find((o) => o.leg.strike === strike && o.leg.expiry === expiry)!;

  it('names the target and the quantity closed beyond it, not the condor alone', () => {
    const front = on(3750, '2025-05-16');
    expect([front.side, front.quantity, front.held, front.target]).toEqual(['buy', 3, -13, -10]);
    expect(front.why).toBe('condor 2025-05-16 targets -10: close the 3 held beyond it');
  });

  it('keeps the plain words for a contract not in the target, and for one opened or added to', () => {
    expect(on(3750, '2025-06-13').why).toBe('close: held, not in the target');
    const more = ordersFromBook({ valuationDate: state.date, held: [], target: noCalendar, mark });
    expect(more.orders.find((o) => o.leg.strike === 3750 && o.leg.expiry === '2025-05-16')!.why).toBe(
      'condor 2025-05-16',
    );
  });
});
