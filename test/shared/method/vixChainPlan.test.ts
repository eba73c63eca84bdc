/**
 * market.vixChain: a VIX option chain given with the market replaces the VVIX rule for every VIX
 * option the plan marks. On the example plan's day, a chain quoted by Black-76 on each VX future
 * at a known smile moves the tail call's premium to Black-76 at the chain's vol at its strike, and
 * the plan names the source; without the chain the plan is as before.
 */
import { describe, expect, it } from 'vitest';
import { MAX_VIX_CHAIN_EXPIRIES, black76Price, isBusinessDay, plan, stressGrid, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { vixChainQuotedata, vixChainRows, vixChainVol } from '../../helpers/vixChain';

const BASE = PLAN_INPUT as PlanInput;
const withVixChain = (vixChain: unknown): PlanInput => ({ ...BASE, market: { ...BASE.market, vixChain } }) as PlanInput;
/** A scenario book's market fields, from the example plan's market. */
const marketOfBook = () => {
  const m = BASE.market;
  return {
    valuationDate: BASE.valuationDate,
    spot: m.spx,
    vix: m.vix,
    rate: m.rate,
    divYield: m.divYield,
    futures: m.futures,
  };
};

describe('market.vixChain', () => {
  const without = plan(BASE);

  it("prices the tail call at the chain's vol at its strike (Black-76 on the VX future, within 0.2%)", () => {
    for (const chain of [vixChainRows(), vixChainQuotedata()]) {
      const p = plan(withVixChain(chain));
      const t = p.tail;
      const vol = vixChainVol(Math.log(t.strike / t.future));
      const expected = black76Price({
        type: 'call',
        future: t.future,
        strike: t.strike,
        years: t.daysToExpiry / 365,
        rate: BASE.market.rate,
        vol,
      });
      // the fit recovers the quotes' smile to a few hundredths of a vol point; the quotes settle at
      // 09:30 on expiry, the plan counts whole days: together within 0.2% of the premium (0.06% here)
      expect(Math.abs(t.premium / expected - 1)).toBeLessThan(0.002);
      // and it is not the VVIX 95 rule's premium (about 0.95 at the money at 30 days against 0.6)
      expect(Math.abs(t.premium / without.tail.premium - 1)).toBeGreaterThan(0.05);
    }
  });

  it('names the source of the VIX-option vols in the surface summary and the audit trail', () => {
    const p = plan(withVixChain(vixChainRows()));
    expect(p.surface.vixOptions?.source).toBe('chain');
    expect(p.surface.vixOptions?.label).toBe('VIX chain of 2026-11-20');
    expect(p.surface.vixOptions?.data.slices.map((s) => s.expiry)).toEqual(BASE.market.futures.map((f) => f.expiry));
    const row = p.audit.find((a) => a.rule === 'marks.vixSurface');
    expect(row?.inputs).toEqual({ source: 'chain', label: 'VIX chain of 2026-11-20' });
    // without a VIX chain the answer is as before: no VIX-option source beside the SPX surface's
    expect(without.surface.vixOptions).toBeUndefined();
    expect(without.audit.some((a) => a.rule === 'marks.vixSurface')).toBe(false);
  });

  it('without a VIX chain the plan marks on VVIX as before (the SPX surface untouched with one)', () => {
    const p = plan(withVixChain(vixChainRows()));
    expect(p.surface.data).toEqual(without.surface.data);
    expect(p.condor).toEqual(without.condor);
  });

  it('refuses an SPX chain sent as the VIX chain, and a VIX chain sent as the SPX chain, naming the field', () => {
    const spxRows = vixChainRows().map((r) => ({ ...r, root: 'SPXW', strike: r.strike * 200 }));
    const e = errorOf(() => plan(withVixChain(spxRows)));
    expect(e.field).toBe('market.vixChain');
    expect(e.message).toMatch(/holds SPX options \(roots SPXW\), no VIX option.*market\.chain.*market\.vixChain/);
    const f = errorOf(() => plan({ ...BASE, market: { ...BASE.market, chain: vixChainRows() } } as PlanInput));
    expect(f.field).toBe('market.chain');
    expect(f.message).toMatch(
      /holds VIX options \(roots VIX\), no SPX option.*pass the VIX options as market\.vixChain/,
    );
  });

  it('refuses a VIX chain of another day, and a table whose rows carry no root', () => {
    const stale = vixChainQuotedata().replace('November 20 2026', 'November 19 2026');
    const e = errorOf(() => plan(withVixChain(stale)));
    expect([e.field, e.message]).toEqual([
      'market.vixChain',
      expect.stringMatching(/is the VIX chain of 2026-11-19, not of the valuation date 2026-11-20/),
    ]);
    const noRoot = vixChainRows().map(({ root: _r, ...r }) => r);
    const f = errorOf(() => plan(withVixChain(noRoot)));
    expect([f.field, f.message]).toEqual([
      'market.vixChain',
      expect.stringMatching(/strikes of VIX levels read as SPXW.*give each row of the VIX chain its root \(VIX/),
    ]);
  });

  it('warns of the expiries left out of the VIX-option surface', () => {
    const rows = vixChainRows();
    // the last expiry quoted at three strikes only: too few to fit
    const last = BASE.market.futures.at(-1)!.expiry;
    const thin = rows.filter((r) => r.expiry !== last || (r.strike >= 20 && r.strike <= 22));
    const p = plan(withVixChain(thin));
    expect(p.warnings.join('\n')).toMatch(
      new RegExp(`VIX chain: 1 expiry left out of the VIX-option surface: ${last}`),
    );
    // said as where its options are marked: after the last fitted expiry, extrapolated
    const said = p.warnings.find((w) => w.includes('left out of the VIX-option surface'));
    expect(said).toMatch(/are marked after the last fitted expiry 2027-02-17 \(extrapolated/);
    expect(said).not.toMatch(/between the fitted ones/);
  });

  it('a left-out first expiry is said to be marked before the first fitted one, extrapolated', () => {
    const first = BASE.market.futures[0]!.expiry;
    const thin = vixChainRows().filter((r) => r.expiry !== first || (r.strike >= 20 && r.strike <= 22));
    const said = plan(withVixChain(thin)).warnings.find((w) => w.includes('left out of the VIX-option surface'));
    expect(said).toMatch(
      new RegExp(`: ${first} \\(.*marked before the first fitted expiry 2027-01-20 \\(extrapolated`),
    );
    expect(said).not.toMatch(/between the fitted ones/);
    // one settling on the valuation date is said to be marked nowhere
    const today = vixChainRows()
      .filter((r) => r.expiry === first)
      .map((r) => ({ ...r, expiry: BASE.valuationDate }));
    const gone = plan(withVixChain([...vixChainRows(), ...today])).warnings.find((w) => w.includes('left out'));
    expect(gone).toMatch(/: 2026-11-20 \(.*No option of theirs is marked: they settle by the valuation date\.$/);
  });

  it('a scenario book takes the VIX chain too: its tail marked on it, a refusal naming book.vixChain', () => {
    const book = { ...marketOfBook(), volOfVol: BASE.market.vvix! / 100, ...without.book };
    const grid = { spxMoves: [-0.1, 0], vixLevels: [17.5, 35], days: [0] };
    const on = stressGrid({ ...grid, book: { ...book, vixChain: vixChainRows() } });
    const off = stressGrid({ ...grid, book });
    expect(on.tail).not.toEqual(off.tail);
    expect(on.condor).toEqual(off.condor);
    const spx = vixChainRows().map((r) => ({ ...r, root: 'SPXW', strike: r.strike * 200 }));
    expect(errorOf(() => stressGrid({ ...grid, book: { ...book, vixChain: spx } })).field).toBe('book.vixChain');
  });
});

/** The chain's expiries: the plan's curve and one more, 2027-04-21, after its last future (2027-03-17). */
const BEYOND = [...BASE.market.futures, { expiry: '2027-04-21', price: 20.4 }];

describe('market.vixChain: expiries and their range', () => {
  it('takes a chain listing an expiry after the last VX future (fitted, its forward not checked)', () => {
    const p = plan(withVixChain(vixChainRows(undefined, BEYOND)));
    expect(p.surface.vixOptions?.data.slices.map((s) => s.expiry)).toEqual(BEYOND.map((f) => f.expiry));
    expect(p.warnings.filter((w) => w.startsWith('VIX chain'))).toEqual([]);
    // the expiries the curve covers are still checked: one quoted 20% above its future is said
    const off = BEYOND.map((f) => (f.expiry === '2027-02-17' ? { ...f, price: f.price * 1.2 } : f));
    const warned = plan(withVixChain(vixChainRows(undefined, off))).warnings.filter((w) => w.startsWith('VIX chain'));
    expect(warned).toEqual([expect.stringMatching(/its 2027-02-17 parity forward .* is 20% from the VX future/)]);
    // and a scenario book takes it too
    const book = { ...marketOfBook(), ...p.book, vixChain: vixChainRows(undefined, BEYOND) };
    expect(stressGrid({ spxMoves: [0], vixLevels: [17.5], days: [0], book }).tail).toBeDefined();
  });

  it('refuses an expiry on a day the exchange is closed before fitting, even one too thin to fit', () => {
    // 2027-03-20 is a Saturday; quoted at three strikes, the fit would leave it out
    const sat = vixChainRows(undefined, [{ expiry: '2027-03-20', price: 20 }], [20, 21, 22]);
    const e = errorOf(() => plan(withVixChain([...vixChainRows(), ...sat])));
    expect([e.field, e.message]).toEqual([
      'market.vixChain.expiry',
      expect.stringMatching(/is 2027-03-20, a Saturday: no VIX option expires on a day the exchange is closed/),
    ]);
  });

  it(`refuses more than ${MAX_VIX_CHAIN_EXPIRIES} expiries before fitting, naming the count and the limit`, () => {
    // trading days from 2026-11-23 on, each quoted at three strikes: too thin to fit, so only a
    // check before the fit names the count
    const days: string[] = [];
    for (let d = Date.UTC(2026, 10, 23); days.length < MAX_VIX_CHAIN_EXPIRIES + 1; d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      if (isBusinessDay(iso)) days.push(iso);
    }
    const thin = (n: number) =>
      vixChainRows(
        undefined,
        days.slice(0, n).map((expiry) => ({ expiry, price: 18 })),
        [17, 18, 19],
      );
    const e = errorOf(() => plan(withVixChain(thin(MAX_VIX_CHAIN_EXPIRIES + 1))));
    expect([e.field, e.message]).toEqual([
      'market.vixChain',
      expect.stringMatching(
        new RegExp(`lists ${MAX_VIX_CHAIN_EXPIRIES + 1} expiries, more than the ${MAX_VIX_CHAIN_EXPIRIES}`),
      ),
    ]);
    // at the limit the chain goes to the fit (which refuses it for its thin expiries)
    expect(errorOf(() => plan(withVixChain(thin(MAX_VIX_CHAIN_EXPIRIES)))).message).not.toMatch(/expiries, more than/);
  });

  it("without VVIX, says the chain's vols are the marks (VVIX leaves today's marks as they are)", () => {
    const { vvix: _v, ...market } = BASE.market;
    const noVvix = { ...BASE, market: { ...market, vixChain: vixChainRows() } } as PlanInput;
    const p = plan(noVvix);
    const said = p.warnings.find((w) => w.startsWith('No VVIX given'));
    expect(said).toMatch(/VIX options are marked on the VIX chain's vols \(market\.vixChain\)/);
    expect(said).not.toMatch(/marked on the VIX-option surface of VVIX/);
    // true: the tail's premium is the same at any VVIX (the drawdown at the same vol of vol)
    const at150 = plan({ ...noVvix, market: { ...noVvix.market, vvix: 150 } } as PlanInput);
    expect(at150.tail.premium).toBe(p.tail.premium);
    expect(at150.tail.stressedCallValue).toBe(p.tail.stressedCallValue);
    // with a stress vol of vol the drawdown scales the chain's vols by it over the default's
    const stressed = plan({ ...noVvix, policy: { ...BASE.policy, stressVolOfVol: 1.8 } } as PlanInput);
    expect(stressed.warnings.find((w) => w.startsWith('No VVIX given'))).toMatch(/policy\.stressVolOfVol 1\.8 \/ 1\.2/);
    expect(stressed.tail.stressedCallValue).toBeGreaterThan(p.tail.stressedCallValue);
  });

  it("warns when the plan marks a VIX option outside the chain's fitted expiries", () => {
    // the tail's 2027-01-20 lies before a chain of February and March only
    const later = BASE.market.futures.filter((f) => f.expiry >= '2027-02-17');
    const p = plan(withVixChain(vixChainRows(undefined, later)));
    expect(p.tail.expiry).toBe('2027-01-20');
    expect(p.warnings).toContainEqual(
      expect.stringMatching(
        /VIX chain: the plan marks VIX options of 2027-01-20, outside the chain's fitted expiries 2027-02-17 to 2027-03-17: their vols are extrapolated/,
      ),
    );
    // on the whole chain nothing is said
    expect(plan(withVixChain(vixChainRows())).warnings.join('\n')).not.toMatch(/outside the chain's fitted expiries/);
  });
  it('counts the VIX options its orders trade: a held call closed outside the fitted expiries is said', () => {
    // a chain of January to March covers every leg of the plan; the December call held is sold to
    // close at a vol read off the January slice, and the warning names it (it said nothing before)
    const fromJanuary = BASE.market.futures.filter((f) => f.expiry >= '2027-01-20');
    const held = { kind: 'vix', type: 'call', strike: 25, expiry: '2026-12-16', quantity: 3 };
    const base = withVixChain(vixChainRows(undefined, fromJanuary));
    const outside = (p: { warnings: string[] }) => p.warnings.filter((w) => w.includes("outside the chain's fitted"));
    expect(outside(plan(base))).toEqual([]);
    const p = plan({ ...base, positions: [held] } as PlanInput);
    expect(p.orders?.orders.some((o) => o.leg.kind === 'vix' && o.leg.expiry === '2026-12-16')).toBe(true);
    expect(outside(p)).toEqual([
      expect.stringMatching(
        /^VIX chain: the plan marks VIX options of 2026-12-16, outside the chain's fitted expiries 2027-01-20 to 2027-03-17: their vols are extrapolated.*; pass a VIX chain listing that expiry\.$/,
      ),
    ]);
  });
});
