import { describe, expect, it } from 'vitest';
import {
  InputValidationError,
  compareTailStructures,
  isAlvhError,
  plan,
  type Leg,
  type Plan,
  type PlanInput,
} from '@alvh/shared';
import { realDayInput } from './realDays';
import { standardCondorDay } from '../hedge/days';
import { errorOf } from '../../helpers/errors';
import { describeWithData } from '../../helpers/marketData';

// The day's market comes from the history beside the project: without it the file is skipped.
describeWithData('structures and orders on 2018-12-24', () => {
  const day = realDayInput('2018-12-24').input;
  const base = plan(day);

  /** A leg as a broker symbol in the OCC form (root, yymmdd, C/P, strike in thousandths). */
  function symbol(l: Leg): string {
    const root = l.kind === 'vix' ? 'VIX' : 'SPXW';
    const d = l.expiry.slice(2).replaceAll('-', '');
    const k = String(Math.round(l.strike * 1000)).padStart(8, '0');
    return `${root.padEnd(6, ' ')}${d}${l.type === 'call' ? 'C' : 'P'}${k}`;
  }

  function planLegs(p: Plan): Leg[] {
    return [...p.book.condor, ...p.book.overlay, ...p.book.tail].map((l) => ({
      ...l,
      quantity: Math.trunc(l.quantity),
    }));
  }

  function rejection(raw: PlanInput): { path: string; message: string }[] {
    try {
      plan(raw);
    } catch (e) {
      if (e instanceof InputValidationError) return e.issues.map((i) => ({ path: i.path, message: i.message }));
      if (isAlvhError(e)) return [{ path: e.field, message: `${e.problem}; ${e.fix}` }];
      throw e;
    }
    throw new Error('expected a rejection');
  }

  describe('plan.structures (2018-12-24, a 1.5 SD condor, policy defaults)', () => {
    const s = base.structures;

    it('prices the method call as the literal tail: same strike and mid premium, its fee on top, the same contracts here', () => {
      const call = s.structures.find((r) => r.structure === 'vix-call');
      const fee = base.policy.transactionCostPerContract;
      expect(call?.legs[0]?.strike).toBe(base.tail.strike);
      expect(call?.fees).toBe(fee);
      expect(call?.premium).toBeCloseTo(base.tail.premium * 100 + fee, 6);
      expect(call?.gain).toBeCloseTo(base.tail.gainPerContract - fee, 6);
      expect(call?.size?.units).toBe(base.tail.requiredContracts);
      expect(s.literal).toEqual({
        structure: 'vix-call',
        requiredContracts: base.tail.requiredContracts,
        requiredCost: base.tail.requiredCost,
        contracts: base.tail.contracts,
        cost: base.tail.cost,
        coverageAchieved: base.tail.coverageAchieved,
      });
      expect(s.loss).toBeCloseTo(base.scenario.condorLoss, 6);
    });

    it('lists the five structures, the option structures by coverage per dollar, vx-future after them', () => {
      expect(s.structures.map((r) => r.structure).sort()).toEqual(
        ['spx-put-spread', 'vix-call', 'vix-call-ladder', 'vix-call-spread', 'vx-future'].sort(),
      );
      const options = s.structures.filter((r) => r.lossBoundedByPremium && r.size !== null);
      for (let i = 1; i < options.length; i++)
        expect(options[i - 1]?.perDollar).toBeGreaterThanOrEqual(options[i]?.perDollar as number);
      expect(s.structures.findIndex((r) => r.structure === 'vx-future')).toBeGreaterThanOrEqual(options.length);
      for (const r of s.structures) expect(r.analogs).toHaveLength(3);
    });

    it('names the structure that buys the most scenario protection within the tail budget, and never overspends', () => {
      expect(s.tailBudget).toBeCloseTo(base.budget.tailBudget, 9);
      const best = s.bestWithinBudget;
      expect(best).toBeDefined();
      for (const r of s.structures) {
        expect(r.withinBudget.cost).toBeLessThanOrEqual(s.tailBudget + 1e-6);
        if (r.size !== null) expect(r.withinBudget.units).toBeLessThanOrEqual(r.size.units);
        expect(r.withinBudget.protection).toBeLessThanOrEqual((best?.protection ?? 0) + 1e-9);
      }
      expect(best?.protection).toBeCloseTo(
        (s.structures.find((r) => r.structure === best?.structure)?.withinBudget.protection as number) ?? NaN,
        9,
      );
    });

    it('states the gap in words: the literal rule, what the budget buys, and what covering 50% costs', () => {
      expect(s.cover.coverage).toBe(0.5);
      expect(s.summary).toContain(`asks for ${base.tail.requiredContracts} VIX calls`);
      expect(s.summary).toContain('Covering 50% of the');
      expect(s.summary).toContain(s.cover.words);
      if (base.tail.cut) expect(base.warnings).toContain(s.summary);
      const options = s.cover.costs.filter((c) => c.lossBoundedByPremium);
      for (let i = 1; i < options.length; i++)
        expect(options[i - 1]?.cost).toBeLessThanOrEqual(options[i]?.cost as number);
    });

    it('a stated protection costs no less for a larger share of the loss (each structure)', () => {
      const quarter = plan({ ...day, structures: { cover: 0.25 } }).structures.cover.costs;
      for (const c of quarter) {
        const half = s.cover.costs.find((x) => x.structure === c.structure);
        expect(half?.cost).toBeGreaterThanOrEqual(c.cost);
      }
    });

    it('leaves the literal plan unchanged', () => {
      const other = plan({ ...day, structures: { cover: 1, params: { spreadWidth: 5 } } });
      expect(other.tail).toEqual(base.tail);
      expect(other.overlay).toEqual(base.overlay);
      expect(other.budget).toEqual(base.budget);
    });

    it('rejects a bad stated protection naming the field', () => {
      expect(rejection({ ...day, structures: { cover: 0 } })[0]?.path).toBe('structures.cover');
      expect(rejection({ ...day, structures: { cover: 0.5, params: { spreadWidth: 0 } } })[0]?.path).toBe(
        'structures.params.spreadWidth',
      );
    });

    it('prices a ladder over the documented offsets [0, 5], and refuses one outside naming its index', () => {
      const p = plan({ ...day, structures: { cover: 0.5, params: { spreadWidth: 10, ladderOtm: [0.5, 1, 2, 5] } } });
      const ladder = p.structures.structures.find((r) => r.structure === 'vix-call-ladder');
      // F 23.325: 1.5, 2, 3 and 6 times it, rounded up to the 1-point grid
      expect(ladder?.legs.map((l) => l.strike)).toEqual([35, 47, 70, 140]);
      expect(ladder?.size?.units).toBeGreaterThan(0);
      expect(p.tail).toEqual(base.tail);
      const bad = rejection({
        ...day,
        structures: { cover: 0.5, params: { spreadWidth: 10, ladderOtm: [0.5, 1, 6] } },
      });
      expect(bad[0]?.path).toBe('structures.params.ladderOtm[2]');
      expect(bad[0]?.message).toMatch(/offsets ≤ 5/);
    });
  });

  describe('plan.orders: positions in, orders out', () => {
    it('is absent without positions when no rebalance is due', () => {
      expect(base.rebalance.due).not.toBe(true);
      expect(base.orders).toBeUndefined();
      expect(base.audit.find((a) => a.rule === 'orders')?.effect).toMatch(
        /^no positions given and (no last rebalance \(an entry, or the book held unknown\)|no rebalance due): no orders; pass positions \(\[\] when nothing is held\)/,
      );
    });

    it('from no positions, lists the plan legs (whole contracts, the plan marks as mid)', () => {
      const p = plan({ ...day, positions: [] });
      const legs = planLegs(p).filter((l) => l.quantity !== 0);
      expect(p.orders?.orders.map((o) => o.leg)).toEqual(legs);
      for (const o of p.orders?.orders ?? []) {
        expect(o.held).toBe(0);
        expect(o.side).toBe(o.leg.quantity > 0 ? 'buy' : 'sell');
        expect(o.cost).toBeCloseTo(o.leg.quantity * o.mid * 100, 9);
      }
      const value = p.orders?.orders.reduce((a, o) => a + o.cost, 0) ?? NaN;
      expect(p.orders?.netCost).toBeCloseTo(value, 6);
      expect(p.orders?.orders[0]?.why).toBe(`condor ${day.condor!.expiry}`);
    });

    it('from positions equal to the target, as legs or as broker CSV, the list is empty', () => {
      const legs = planLegs(base).filter((l) => l.quantity !== 0);
      expect(plan({ ...day, positions: legs }).orders).toEqual({ orders: [], netCost: 0 });
      const csv = ['Symbol,Quantity,Avg Price', ...legs.map((l) => `${symbol(l)},${l.quantity},1.00`)].join('\n');
      expect(plan({ ...day, positions: csv }).orders).toEqual({ orders: [], netCost: 0 });
    });

    it('takes a held strike a hair off the grid as the listed strike: one contract, no order', () => {
      // 2300.000000001 passed the grid check but kept its own key: an order to close it and one to buy 2300
      const legs = planLegs(base).filter((l) => l.quantity !== 0);
      const [first, ...rest] = legs as [Leg, ...Leg[]];
      const off = [{ ...first, strike: first.strike + 1e-9 }, ...rest];
      expect(plan({ ...day, positions: off }).orders).toEqual({ orders: [], netCost: 0 });
      const csv = ['Symbol,Quantity,Avg Price', ...off.map((l) => `${symbol(l)},${l.quantity},1.00`)];
      csv[1] = csv[1]!
        .replace(/(\d{8}),/, (_, k: string) => `${Number(k) / 1000}.000000001,`)
        .replace(/^(\w+)\s+/, '$1 ');
      expect(plan({ ...day, positions: csv.join('\n') }).orders).toEqual({ orders: [], netCost: 0 });
    });

    it('closes what is held and not in the plan, and trades only the difference', () => {
      const legs = planLegs(base).filter((l) => l.quantity !== 0);
      const extra: Leg = { kind: 'vix', type: 'call', strike: 40, expiry: base.tail.expiry, quantity: 3 };
      const first = legs[0] as Leg;
      const held = [{ ...first, quantity: first.quantity + 2 }, ...legs.slice(1), extra];
      const orders = plan({ ...day, positions: held }).orders?.orders ?? [];
      expect(orders).toHaveLength(2);
      expect(orders[0]?.leg).toEqual({ ...first, quantity: -2 });
      expect(orders[1]).toMatchObject({ side: 'sell', quantity: 3, why: 'close: held, not in the target' });
    });

    it('closes a held leg under the root it gives, and refuses one that does not list on its expiry', () => {
      const legs = planLegs(base).filter((l) => l.quantity !== 0);
      // a put on the February monthly (2019-02-15), not in the plan, held as SPX (AM) or as SPXW (PM)
      const extra: Leg = { kind: 'spx', type: 'put', strike: 2000, expiry: '2019-02-15', quantity: -2 };
      const closeOf = (root: 'SPX' | 'SPXW' | undefined) =>
        plan({
          ...day,
          positions: [...legs, { ...extra, ...(root === undefined ? {} : { root }) }],
        }).orders!.orders.filter((o) => o.leg.expiry === '2019-02-15');
      expect(closeOf('SPX').map((o) => [o.contract, o.side, o.effect, o.quantity])).toEqual([
        ['SPX', 'buy', 'close', 2],
      ]);
      expect(closeOf('SPXW').map((o) => o.contract)).toEqual(['SPXW']);
      // without root: its date's, SPX on the third Friday, and a warning asks for root "SPXW" if that is held
      expect(closeOf(undefined).map((o) => o.contract)).toEqual(['SPX']);
      const rootless = plan({ ...day, positions: [...legs, extra] }).warnings.filter((w) => w.includes('without root'));
      expect(rootless).toEqual([
        `positions[${legs.length}]: a third-Friday SPX leg without root is read as SPX (AM-settled) and its orders go under SPX; if you hold the PM-settled SPXW contract, pass root "SPXW" on it.`,
      ]);
      expect(plan({ ...day, positions: [...legs, { ...extra, root: 'SPX' }] }).warnings.join(' ')).not.toMatch(
        /without root/,
      );
      // the broker's symbol says it too
      const csv = `Symbol,Qty\n${legs.map((l) => `${symbol(l)},${l.quantity}`).join('\n')}\nSPX 190215P02000,-2`;
      const fromCsv = plan({ ...day, positions: csv }).orders!.orders.filter((o) => o.leg.expiry === '2019-02-15');
      expect(fromCsv.map((o) => [o.contract, o.side, o.effect])).toEqual([['SPX', 'buy', 'close']]);
      const r = rejection({ ...day, positions: [{ ...extra, expiry: '2019-02-08', root: 'SPX' }] })[0];
      expect(`${r?.path}: ${r?.message}`).toMatch(
        /^positions\[0\]\.root: is "SPX" \(the AM-settled monthly, expiring on 2019-02-15\) on expiry 2019-02-08; pass "SPXW"/,
      );
      expect(rejection({ ...day, positions: [{ ...extra, root: 'SPY' } as unknown as Leg] })[0]?.path).toBe(
        'positions[0].root',
      );
    });

    it('rejects bad positions naming the line and the fix', () => {
      const bad = 'Symbol,Quantity,Avg Price\nVIX   190213C00024000,5,2.10\nSPXW  190208P01943000,-10,3.2\n';
      const issues = rejection({ ...day, positions: bad });
      expect(issues[0]?.path).toBe('positions line 3');
      expect(issues[0]?.message).toMatch(/grid|strike/i);
      const expired: Leg = { kind: 'spx', type: 'put', strike: 2300, expiry: '2018-12-21', quantity: 1 };
      expect(rejection({ ...day, positions: [expired] })[0]?.path).toBe('positions[0].expiry');
      // on the valuation date a leg settles (an AM-settled one at the open): it is left out, not bought at a mid
      const today = rejection({ ...day, positions: [{ ...expired, expiry: day.valuationDate }] })[0];
      expect(`${today?.path}: ${today?.message}`).toMatch(
        /^positions\[0\]\.expiry: is 2018-12-24, the valuation date: .*leave out legs that have settled/,
      );
      const line = rejection({ ...day, positions: 'SPX 190118P02300,1,5\nSPXW 181224P02300,1,1' })[0];
      expect(`${line?.path}: ${line?.message}`).toMatch(/^positions line 2: .*expires on the valuation date/);
      expect(rejection({ ...day, positions: [{ ...expired, expiry: '2019-01-18', quantity: 1.5 }] })[0]?.path).toBe(
        'positions[0].quantity',
      );
    });

    it('takes held legs only at strikes the CSV form takes: listed, and a level of their index', () => {
      const leg = (kind: 'spx' | 'vix', strike: number): Leg => ({
        kind,
        type: kind === 'spx' ? 'put' : 'call',
        strike,
        expiry: kind === 'spx' ? '2019-01-18' : base.tail.expiry,
        quantity: 3,
      });
      const refused = (l: Leg) => {
        const i = rejection({ ...day, positions: [leg('spx', 2300), l] })[0];
        return `${i?.path}: ${i?.message}`;
      };
      // an order to sell puts struck at a billion, at a mid of 993,875,219 points, was answered with a 200
      expect(refused(leg('spx', 1e9))).toMatch(/^positions\[1\]\.strike: is 1000000000, far from SPX/);
      expect(refused(leg('spx', 2302))).toMatch(/^positions\[1\]\.strike: is 2302, off the SPX 5-point strike grid/);
      expect(refused(leg('vix', 0.5))).toMatch(/^positions\[1\]\.strike: is 0\.5, which looks like a decimal/);
      expect(refused(leg('vix', 1e21))).toMatch(/^positions\[1\]\.strike: is 1e\+21, above 500 VIX points/);
      expect(refused(leg('vix', 24.2))).toMatch(/^positions\[1\]\.strike: is 24\.2, off the VIX 0\.5-point/);
      expect(plan({ ...day, positions: [leg('spx', 2300), leg('vix', 24.5)] }).orders).toBeDefined();
    });

    it('takes held legs only on dates their options list, as the CSV form does, naming the leg', () => {
      const spx: Leg = { kind: 'spx', type: 'put', strike: 2300, expiry: '2019-01-18', quantity: 3 };
      const vix: Leg = { kind: 'vix', type: 'call', strike: 30, expiry: base.tail.expiry, quantity: 2 };
      const refused = (l: Leg) => {
        const i = rejection({ ...day, positions: [spx, l] })[0];
        return `${i?.path}: ${i?.message}`;
      };
      // a VIX weekly has no VX future to price it; no SPX option expires on a Saturday
      expect(refused({ ...vix, expiry: '2019-01-23' })).toMatch(
        /^positions\[1\]\.expiry: is 2019-01-23, not a VX final-settlement date.*expire on 2019-01-16 and 2019-02-13: pass one of those/,
      );
      // December's 2018-12-19 had expired by the valuation date 2018-12-24: not offered
      expect(refused({ ...vix, expiry: '2018-12-26' })).toMatch(
        /; the next VX futures and VIX options listed after the valuation date expire on 2019-01-16: pass that date$/,
      );
      expect(refused({ ...spx, expiry: '2019-01-19' })).toMatch(
        /^positions\[1\]\.expiry: is 2019-01-19, not an exchange trading day/,
      );
      expect(refused({ ...spx, expiry: '2041-01-18' })).toMatch(/^positions\[1\]\.expiry: is 2041-01-18, outside/);
      expect(plan({ ...day, positions: [spx, vix] }).orders).toBeDefined();
    });

    it('refuses a VIX option held past the last listed future, whose future would be extrapolated', () => {
      const vix: Leg = { kind: 'vix', type: 'call', strike: 30, expiry: '2019-09-18', quantity: 2 };
      const last = day.market.futures[day.market.futures.length - 1]!.expiry;
      expect(last).toBe('2019-08-21');
      const i = rejection({ ...day, positions: [vix] })[0];
      expect(`${i?.path}: ${i?.message}`).toBe(
        'positions[0].expiry: is 2019-09-18, after the last listed VX future (2019-08-21): the option is marked on the future of its expiry, and the curve is not extrapolated beyond its last future; add the VX future of 2019-09-18 to market.futures',
      );
      const csv = rejection({ ...day, positions: 'VIX 190918C00030000,2,1' })[0];
      expect(`${csv?.path}: ${csv?.message}`).toMatch(
        /^positions line 1: holds a VIX option of 2019-09-18, after the last listed VX future \(2019-08-21\)/,
      );
    });

    it('takes pasted CSV positions only at strikes that are a level of their index, naming the line', () => {
      // a slip of one digit (4100 typed 41500) was bought as an SPX 41500 put for $36,805,407
      const refused = (csv: string) => {
        const i = rejection({ ...day, positions: csv })[0];
        return `${i?.path}: ${i?.message}`;
      };
      expect(refused('SPX 190118P02300,10,5\nSPXW 190118P23000,-10,6')).toMatch(
        /^positions line 2: is 23000, far from SPX/,
      );
      expect(refused('Symbol,Qty,Price\n\nVIX 190213C00000500,1,1')).toMatch(
        /^positions line 3: is 0\.5, which looks like a decimal/,
      );
      expect(plan({ ...day, positions: 'SPX 190118P02300,10,5\nVIX 190213C00024500,1,1' }).orders).toBeDefined();
    });
  });

  describe('strikes the plan prices and trades are listed ones, as a held leg’s must be', () => {
    const said = (raw: PlanInput) => {
      const i = rejection(raw)[0];
      return `${i?.path}: ${i?.message}`;
    };
    const condor = day.condor!;

    it('refuses a condor strike off the SPX 5-point grid, naming it (the same leg held is refused so)', () => {
      // 1941 was priced as "long SPX 2019-02-08 1941 put" with orders, and refused as a position
      expect(said({ ...day, condor: { ...condor, strikes: [condor.strikes[0], 1941, 2850, 2900] } })).toBe(
        'condor.strikes[1]: is 1941, off the SPX 5-point strike grid; pass a listed strike (a multiple of 5)',
      );
      const ladder = {
        ...day,
        condor: undefined,
        condors: [condor, { ...condor, strikes: [1745, 1795, 2852.5, 2905] }],
      };
      expect(said(ladder as PlanInput)).toMatch(
        /^condors\[1\]\.strikes\[2\]: is 2852\.5, off the SPX 5-point strike grid/,
      );
      // a hair off a listed strike is that strike
      const [k1, k2, k3, k4] = condor.strikes;
      const hair = plan({ ...day, condor: { ...condor, strikes: [k1, k2 + 1e-9, k3, k4] } });
      expect(hair.condor.maxLoss).toBeCloseTo(base.condor.maxLoss, 3);
    });

    it('refuses an overlay strike off the SPX grid and a diagonal offset off the VIX half-point grid', () => {
      // a calendar at 1942.7 and a VIX 25.3 short call were sized and ordered
      expect(said({ ...day, policy: { overlayStrike: 1942.7 } })).toBe(
        'policy.overlayStrike: is 1942.7, off the SPX 5-point strike grid; pass a listed strike (a multiple of 5), or leave it out',
      );
      expect(said({ ...day, policy: { overlay: 'vix-call-diagonal', diagonalStrikeOffset: 2.3 } })).toMatch(
        /^policy\.diagonalStrikeOffset: is 2\.3, off the VIX 0\.5-point strike grid/,
      );
      const p = plan({ ...day, policy: { overlayStrike: 1945 } });
      expect(p.overlay.unitLegs.every((l) => l.strike === 1945)).toBe(true);
      const d = plan({ ...day, policy: { overlay: 'vix-call-diagonal', diagonalStrikeOffset: 2.5 } });
      const [long, short] = d.overlay.unitLegs;
      expect(short!.strike - long!.strike).toBe(2.5);
    });

    it('the structures’ own input refuses it too, naming the condor', () => {
      const s = standardCondorDay('2018-12-24');
      const c0 = s.condors[0]!;
      const e = errorOf(() =>
        compareTailStructures({
          ...s,
          condors: [{ ...c0, strikes: [c0.strikes[0], c0.strikes[1] + 1, c0.strikes[2], c0.strikes[3]] }],
        }),
      );
      expect(e.field).toBe('condors[0].strikes[1]');
      expect(e.message).toMatch(/off the SPX 5-point strike grid; pass a listed strike \(a multiple of 5\)/);
    });
  });
});
