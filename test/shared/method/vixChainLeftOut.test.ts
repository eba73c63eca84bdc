/**
 * The expiries a VIX chain lists that its fit leaves out, said for what they are: one whose every
 * quote was dropped at import (no bid, crossed) named with the others and counted in the checks
 * before the fit; where their options are marked, or that none is; and the fix the plan gives when
 * it marks one of them.
 */
import { describe, expect, it } from 'vitest';
import { MAX_VIX_CHAIN_EXPIRIES, isBusinessDay, plan, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { vixChainRows } from '../../helpers/vixChain';

const BASE = PLAN_INPUT as PlanInput;
const withVixChain = (vixChain: unknown): PlanInput => ({ ...BASE, market: { ...BASE.market, vixChain } }) as PlanInput;
type Row = ReturnType<typeof vixChainRows>[number];
const zeroBid = (r: Row): Row => ({ ...r, bid: 0 });
const crossed = (r: Row): Row => ({ ...r, bid: r.ask + 0.5 });
const leftOutSaid = (p: { warnings: string[] }) =>
  p.warnings.find((w) => w.includes('left out of the VIX-option surface'));

describe('a VIX chain expiry whose every quote was dropped at import', () => {
  it("is named as left out, its quotes counted by why: the tail's own expiry, marked between its neighbours", () => {
    const tail = plan(withVixChain(vixChainRows())).tail.expiry;
    expect(tail).toBe('2027-01-20');
    for (const [drop, why] of [
      [zeroBid, '102 without a bid'],
      [crossed, '102 crossed'],
    ] as const) {
      const p = plan(withVixChain(vixChainRows().map((r) => (r.expiry === tail ? drop(r) : r))));
      expect(p.tail.expiry).toBe(tail);
      expect(p.surface.vixOptions?.data.slices.map((s) => s.expiry)).not.toContain(tail);
      expect(leftOutSaid(p)).toBe(
        `VIX chain: 1 expiry left out of the VIX-option surface: ${tail} (no two-sided quote: ${why}). Options of those expiries are marked between the fitted ones (interpolated).`,
      );
    }
  });

  it('is counted toward the 40-expiry limit and checked for a trading day, as a quoted one is', () => {
    const days: string[] = [];
    for (let d = Date.UTC(2026, 10, 23); days.length < MAX_VIX_CHAIN_EXPIRIES + 5; d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      if (isBusinessDay(iso)) days.push(iso);
    }
    // the first 6 of 45 with no bid: 39 with a quote, 45 listed
    const rows = vixChainRows(
      undefined,
      days.map((expiry) => ({ expiry, price: 18 })),
      [15, 17, 19, 21, 23],
    ).map((r) => (r.expiry <= days[5]! ? zeroBid(r) : r));
    const e = errorOf(() => plan(withVixChain(rows)));
    expect([e.field, e.message]).toEqual([
      'market.vixChain',
      expect.stringMatching(/lists 45 expiries, more than the 40 a VIX chain may hold/),
    ]);
    // Thanksgiving, every bid 0: refused as the exchange holiday it is, as with bids
    const holiday = vixChainRows(undefined, [{ expiry: '2026-11-26', price: 18 }]).map(zeroBid);
    const h = errorOf(() => plan(withVixChain([...vixChainRows(), ...holiday])));
    expect([h.field, h.message]).toEqual([
      'market.vixChain.expiry',
      expect.stringMatching(/is 2026-11-26, an exchange holiday \(Thanksgiving Day\)/),
    ]);
  });

  it('beside SPX rows that kept their quotes, the VIX rows are refused for their quotes, not as the SPX chain', () => {
    const vix = vixChainRows().map(zeroBid);
    const spx = vixChainRows()
      .slice(0, 20)
      .map((r) => ({ ...r, root: 'SPXW', strike: r.strike * 200 }));
    const e = errorOf(() => plan(withVixChain([...vix, ...spx])));
    expect([e.field, e.message]).toEqual([
      'market.vixChain',
      expect.stringMatching(/^market\.vixChain: has no usable VIX quote: of 408, .*408 without a bid/),
    ]);
    expect(e.message).not.toMatch(/it is the SPX chain/);
    expect(e.message.length).toBeLessThanOrEqual(255);
  });
});

describe('where the options of a left-out expiry are marked', () => {
  it("one after the VX curve's last future: no option of theirs is marked (the plan marks none past it)", () => {
    const curve = [...BASE.market.futures, { expiry: '2027-04-21', price: 20.4 }];
    const thin = vixChainRows(undefined, curve).filter((r) => r.expiry !== '2027-04-21' || r.strike <= 12);
    expect(leftOutSaid(plan(withVixChain(thin)))).toMatch(
      /: 2027-04-21 \(.*\)\. No option of theirs is marked: they settle after the VX curve's last future\.$/,
    );
    // beside one the plan marks, each is said for what it is
    const both = thin.filter((r) => r.expiry !== '2027-03-17' || r.strike <= 12);
    const said = leftOutSaid(plan(withVixChain(both)));
    expect(said).toMatch(/are marked after the last fitted expiry 2027-02-17 \(extrapolated/);
    expect(said).toMatch(/None settling after the VX curve's last future is marked\.$/);
  });

  it('more than five are named to the fifth and the rest counted, the sentence ended once', () => {
    const weeks: string[] = [];
    for (let d = Date.UTC(2026, 10, 24); weeks.length < 8; d += 7 * 86_400_000) {
      weeks.push(new Date(d).toISOString().slice(0, 10));
    }
    const curve = [...weeks.map((expiry) => ({ expiry, price: 19 })), ...BASE.market.futures];
    const thin = vixChainRows(undefined, curve).filter((r) => !weeks.includes(r.expiry) || r.strike <= 12);
    const said = leftOutSaid(plan(withVixChain(thin)));
    expect(said).toMatch(/^VIX chain: 8 expiries left out of the VIX-option surface: /);
    expect(said).toMatch(/a slice\)\); and 3 more\. Options of those expiries are marked /);
    expect(said).not.toMatch(/…/);
  });

  it('the plan marking a listed expiry the fit left out asks for its quotes, not for a chain listing it', () => {
    // a weekly and December fitted; January, the tail's expiry, quoted at three strikes
    const curve = [{ expiry: '2026-12-02', price: 18 }, ...BASE.market.futures.slice(0, 2)];
    const thin = vixChainRows(undefined, curve).filter((r) => r.expiry !== '2027-01-20' || r.strike <= 12);
    const p = plan(withVixChain(thin));
    expect(p.tail.expiry).toBe('2027-01-20');
    const outside = p.warnings.filter((w) => w.includes("outside the chain's fitted expiries"));
    expect(outside).toEqual([
      expect.stringMatching(
        /of 2027-01-20, outside the chain's fitted expiries 2026-12-02 to 2026-12-16: .*; the chain lists that expiry but its fit left it out: pass the quotes the left-out warning's reason names \(a fit needs calls and puts at 5 or more usable strikes\)\.$/,
      ),
    ]);
    expect(outside[0]).not.toMatch(/pass a VIX chain listing/);
    // an expiry the chain does not list keeps its fix
    const later = BASE.market.futures.filter((f) => f.expiry >= '2027-02-17');
    expect(plan(withVixChain(vixChainRows(undefined, later))).warnings).toContainEqual(
      expect.stringMatching(/of 2027-01-20, outside .*; pass a VIX chain listing that expiry\.$/),
    );
  });

  it('an expiry left without puts is said to lack two-sided puts, not puts with a bid, and the fix points at that reason', () => {
    const curve = [{ expiry: '2026-12-02', price: 18 }, ...BASE.market.futures.slice(0, 2)];
    for (const drop of [(r: Row): Row => ({ ...r, ask: 0 }), zeroBid]) {
      const rows = vixChainRows(undefined, curve).map((r) =>
        r.expiry === '2027-01-20' && r.type === 'put' ? drop(r) : r,
      );
      const p = plan(withVixChain(rows));
      expect(leftOutSaid(p)).toContain('2027-01-20 (no two-sided put quote)');
      expect(p.warnings.find((w) => w.includes("outside the chain's fitted expiries"))).toMatch(
        /pass the quotes the left-out warning's reason names/,
      );
    }
  });

  it("another root's expiry on a fitted expiry's date is said to be marked on that expiry, not left without a place", () => {
    // VIXW quoted at two strikes on December's date, beside the whole VIX chain
    const weekly = vixChainRows()
      .filter((r) => r.expiry === '2026-12-16' && (r.strike === 20 || r.strike === 21))
      .map((r) => ({ ...r, root: 'VIXW' }));
    const said = leftOutSaid(plan(withVixChain([...vixChainRows(), ...weekly])));
    expect(said).toMatch(/VIXW? ?2026-12-16|2026-12-16 \(/);
    expect(said).toMatch(/Options of those expiries are marked on the fitted expiry of the same date\.$/);
    expect(said).not.toMatch(/marked {2}|extrapolated/);
  });
});
