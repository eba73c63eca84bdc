/**
 * market.vixChain: a VIX option chain given with the market replaces the VVIX rule for every VIX
 * option the plan marks. On the example plan's day, a chain quoted by Black-76 on each VX future
 * at a known smile moves the tail call's premium to Black-76 at the chain's vol at its strike, and
 * the plan names the source; without the chain the plan is as before.
 */
import { describe, expect, it } from 'vitest';
import { black76Price, plan, stressGrid, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { vixChainQuotedata, vixChainRows, vixChainVol } from '../../helpers/vixChain';

const BASE = PLAN_INPUT as PlanInput;
const withVixChain = (vixChain: unknown): PlanInput => ({ ...BASE, market: { ...BASE.market, vixChain } }) as PlanInput;

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
  });

  it('a scenario book takes the VIX chain too: its tail marked on it, a refusal naming book.vixChain', () => {
    const m = BASE.market;
    const book = {
      valuationDate: BASE.valuationDate,
      spot: m.spx,
      vix: m.vix,
      rate: m.rate,
      divYield: m.divYield,
      volOfVol: m.vvix! / 100,
      futures: m.futures,
      ...without.book,
    };
    const grid = { spxMoves: [-0.1, 0], vixLevels: [17.5, 35], days: [0] };
    const on = stressGrid({ ...grid, book: { ...book, vixChain: vixChainRows() } });
    const off = stressGrid({ ...grid, book });
    expect(on.tail).not.toEqual(off.tail);
    expect(on.condor).toEqual(off.condor);
    const spx = vixChainRows().map((r) => ({ ...r, root: 'SPXW', strike: r.strike * 200 }));
    expect(errorOf(() => stressGrid({ ...grid, book: { ...book, vixChain: spx } })).field).toBe('book.vixChain');
  });
});
