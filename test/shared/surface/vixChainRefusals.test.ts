/**
 * A VIX chain the VIX-option surface cannot be fitted to, refused for what is wrong with it: every
 * quote without a bid or crossed (not "no VIX option quotes", which it has), or too few strikes in
 * every expiry (the expiries left out named in a short message).
 */
import { describe, expect, it } from 'vitest';
import { parseChainTable, parseQuotedata, plan, vixSurfaceFromChain, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { errorOf } from '../../helpers/errors';
import { vixChainQuotedata, vixChainRows } from '../../helpers/vixChain';

const BASE = PLAN_INPUT as PlanInput;
const V = { valuationDate: BASE.valuationDate };
const withMarket = (market: object): PlanInput => ({ ...BASE, market: { ...BASE.market, ...market } }) as PlanInput;
const TWO_SIDED = /has no usable quote: of 408 quotes, .*; pass a chain with two-sided quotes \(bid > 0, ask > bid;/;

describe('a VIX chain without a two-sided quote', () => {
  const zeroBid = vixChainRows().map((r) => ({ ...r, bid: 0 }));
  const crossed = vixChainRows().map((r) => ({ ...r, bid: r.ask + 1 }));

  it('is refused for its quotes, counted by why, not as a chain without VIX options', () => {
    expect(errorOf(() => vixSurfaceFromChain(parseChainTable(zeroBid, V))).message).toBe(
      'chain: has no usable quote: of 408 quotes, 0 are crossed (bid > ask), 0 locked (bid = ask), 408 without a bid, 0 without an ask and 0 empty; pass a chain with two-sided quotes (bid > 0, ask > bid; an empty or 0 cell is no quote)',
    );
    expect(errorOf(() => vixSurfaceFromChain(parseChainTable(crossed, V))).message).toMatch(
      /^chain: has no usable quote: of 408 quotes, 408 are crossed \(bid > ask\)/,
    );
    // the quotedata layout alike: every bid written 0
    const text = vixChainQuotedata()
      .split('\n')
      .map((line, i) => {
        if (i < 4) return line;
        const c = line.split(',');
        c[4] = c[15] = '0';
        return c.join(',');
      })
      .join('\n');
    expect(errorOf(() => vixSurfaceFromChain(parseQuotedata(text))).message).toMatch(TWO_SIDED);
  });

  it('in market.vixChain, as in market.chain, the plan names the field and the quotes', () => {
    for (const chain of [zeroBid, crossed]) {
      const e = errorOf(() => plan(withMarket({ vixChain: chain })));
      expect([e.field, e.message]).toEqual(['market.vixChain', expect.stringMatching(TWO_SIDED)]);
      expect(e.message).not.toMatch(/no VIX option quotes/);
      // an SPX chain of the same quotes: the same words, at its own field
      const spx = chain.map((r) => ({ ...r, root: 'SPXW', strike: r.strike * 200 }));
      const f = errorOf(() => plan(withMarket({ chain: spx })));
      expect([f.field, f.message]).toEqual(['market.chain', expect.stringMatching(TWO_SIDED)]);
    }
  });
});

describe('a VIX chain with too few strikes in every expiry', () => {
  it('names the first expiry left out and counts the rest, within 255 characters', () => {
    const thin = vixChainRows().filter((r) => r.strike <= 12);
    const expiries = [...new Set(thin.map((r) => r.expiry))];
    expect(expiries.length).toBeGreaterThan(1);
    const e = errorOf(() => vixSurfaceFromChain(parseChainTable(thin, V)));
    expect(e.message).toBe(
      `chain: has 0 expiries of VIX with at least 5 usable strikes (none); a surface needs two or more (left out: VIX ${expiries[0]} and ${expiries.length - 1} more); pass a chain with several listed expiries, each quoted at 5 or more strikes`,
    );
    const p = errorOf(() => plan(withMarket({ vixChain: thin })));
    expect(p.field).toBe('market.vixChain');
    expect(p.message.length).toBeLessThanOrEqual(255);
    // an SPX chain alike, at market.chain
    const spx = thin.map((r) => ({ ...r, root: 'SPXW', strike: r.strike * 200 }));
    const s = errorOf(() => plan(withMarket({ chain: spx })));
    expect([s.field, s.message]).toEqual([
      'market.chain',
      expect.stringMatching(/\(left out: SPXW \S+ and \d+ more\)/),
    ]);
    expect(s.message.length).toBeLessThanOrEqual(255);
  });

  it('names the one left out without "more"', () => {
    const rows = vixChainRows();
    const [a, b] = [...new Set(rows.map((r) => r.expiry))];
    // the first expiry fitted, the next quoted at three strikes only, the third not at all
    const some = rows.filter((r) => r.expiry === a || (r.expiry === b && r.strike <= 12));
    expect(errorOf(() => vixSurfaceFromChain(parseChainTable(some, V))).message).toMatch(
      new RegExp(`has 1 expiry of VIX .*\\(${a}\\); a surface needs two or more \\(left out: VIX ${b}\\); pass`),
    );
  });
});
