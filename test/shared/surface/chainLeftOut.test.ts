/**
 * An expiry a chain lists whose every quote was dropped at import (no bid, crossed, one-sided) is
 * left out of the fit and said so, as an expiry of too few strikes is: in the fit's `skipped`
 * (/api/surface's `leftOut.expiries`), with its quotes counted by why, and in the refusal of a
 * chain with fewer than two fittable expiries (the first left out named, the rest counted).
 */
import { describe, expect, it } from 'vitest';
import { black76Price, buildSurface, parseChainTable, parseQuotedata, vixSurfaceFromChain } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { vixChainRows } from '../../helpers/vixChain';

const DATE = '2023-06-09';
type Row = { expiry: string; strike: number; type: 'call' | 'put'; bid: number; ask: number; root?: string };

/** Two-sided SPXW quotes around each forward, 17 strikes 50 apart, at 20% vol and rate 0 (Black-76). */
function spxRows(slices: { expiry: string; forward: number }[]): Row[] {
  return slices.flatMap(({ expiry, forward }) =>
    Array.from({ length: 17 }, (_, i) => forward - 400 + 50 * i).flatMap((strike) =>
      (['call', 'put'] as const).map((type) => {
        const years = (Date.parse(expiry) - Date.parse(DATE)) / 86_400_000 / 365;
        const p = black76Price({ type, future: forward, strike, years, rate: 0, vol: 0.2 });
        return { expiry, strike, type, bid: +(p * 0.98).toFixed(2), ask: +(p * 1.02 + 0.1).toFixed(2) };
      }),
    ),
  );
}

const crossed = <R extends { bid: number; ask: number }>(r: R): R => ({ ...r, bid: r.ask + 1 });
const oneSided = <R extends { bid: number; ask: number }>(r: R, i: number): R =>
  i % 2 === 0 ? { ...r, bid: 0 } : { ...r, ask: 0 };

describe('an SPX chain expiry with no two-sided quote', () => {
  const slices = [
    { expiry: '2023-07-21', forward: 4300 },
    { expiry: '2023-08-18', forward: 4310 },
    { expiry: '2023-09-15', forward: 4320 },
  ];

  it("is in the fit's left-out expiries, its quotes counted by why", () => {
    const rows = spxRows(slices).map((r, i) => (r.expiry === '2023-08-18' ? oneSided(r, i) : r));
    const answer = buildSurface({ chain: rows, valuationDate: DATE });
    expect(answer.expiries.map((e) => e.expiry)).toEqual(['2023-07-21', '2023-09-15']);
    expect(answer.leftOut?.expiries).toEqual([
      { root: 'SPXW', expiry: '2023-08-18', reason: 'no two-sided quote: 17 without a bid and 17 without an ask' },
    ]);
  });

  it('is named (or counted) in the refusal of a chain with fewer than two fittable expiries', () => {
    const two = spxRows(slices.slice(0, 2)).map((r) => (r.expiry === '2023-08-18' ? crossed(r) : r));
    expect(errorOf(() => buildSurface({ chain: two, valuationDate: DATE })).message).toMatch(
      /has 1 expiry of SPXW with at least 5 usable strikes \(2023-07-21\); a surface needs two or more \(left out: SPXW 2023-08-18\); pass/,
    );
    // one with every quote crossed, one at three strikes: the first named, the other counted
    const three = spxRows(slices)
      .filter((r) => r.expiry !== '2023-09-15' || Math.abs(r.strike - 4320) <= 50)
      .map((r) => (r.expiry === '2023-08-18' ? crossed(r) : r));
    expect(errorOf(() => buildSurface({ chain: three, valuationDate: DATE })).message).toMatch(
      /\(2023-07-21\); a surface needs two or more \(left out: SPXW 2023-08-18 and 1 more\); pass/,
    );
  });
});

describe('a VIX chain expiry with no two-sided quote, in the refusal of fewer than two', () => {
  const V = { valuationDate: '2026-11-20' };
  it('is named, and counted beside another left out', () => {
    const rows = vixChainRows().filter((r) => r.expiry <= '2027-02-17');
    const two = rows.filter((r) => r.expiry <= '2027-01-20').map((r) => (r.expiry === '2027-01-20' ? crossed(r) : r));
    const e = errorOf(() => vixSurfaceFromChain(parseChainTable(two, V)));
    expect(e.message).toMatch(
      /has 1 expiry of VIX with at least 5 usable strikes \(2026-12-16\); a surface needs two or more \(left out: VIX 2027-01-20\); pass/,
    );
    const three = rows
      .filter((r) => r.expiry !== '2027-02-17' || r.strike <= 12)
      .map((r) => (r.expiry === '2027-01-20' ? crossed(r) : r));
    expect(errorOf(() => vixSurfaceFromChain(parseChainTable(three, V))).message).toMatch(
      /\(left out: VIX 2027-01-20 and 1 more\); pass/,
    );
  });

  it('every VIX quote dropped beside kept SPXW ones: refused for the VIX quotes, not as holding no VIX option', () => {
    const vix = vixChainRows().map((r) => ({ ...r, bid: 0 }));
    const spx = vixChainRows()
      .slice(0, 20)
      .map((r) => ({ ...r, root: 'SPXW', strike: r.strike * 200 }));
    const e = errorOf(() => vixSurfaceFromChain(parseChainTable([...vix, ...spx], V)));
    expect(e.message).toMatch(/^chain: has no usable VIX quote: of 408, 0 are crossed .*, 408 without a bid/);
    expect(e.message).not.toMatch(/no VIX option quotes/);
  });
});

describeWithData('the 2023-06-09 chain cut to two expiries, one all crossed', () => {
  it('is refused naming the crossed one as left out', () => {
    const lines = readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv').split(/\r?\n/);
    const cross = (l: string): string => {
      const c = l.split(',');
      c[4] = String(Number(c[5]) + 1);
      c[15] = String(Number(c[16]) + 1);
      return c.join(',');
    };
    const body = lines
      .slice(4)
      .filter((l) => /^\w{3} Jun 1[23] 2023,/.test(l))
      .map((l) => (l.startsWith('Tue Jun 13') ? cross(l) : l));
    const e = errorOf(() => buildSurface({ chain: [...lines.slice(0, 4), ...body].join('\n') }));
    expect(e.message).toMatch(
      /has 1 expiry of SPXW with at least 5 usable strikes \(2023-06-12\); a surface needs two or more \(left out: SPXW 2023-06-13\); pass/,
    );
    // the parser lists the crossed expiry, with no quote kept
    const parsed = parseQuotedata([...lines.slice(0, 4), ...body].join('\n'));
    expect(parsed.listed.find((l) => l.expiry === '2023-06-13')).toMatchObject({ root: 'SPXW', kept: 0 });
  });
});
