/**
 * A chain's strike is a listed strike in index points, 1 to 1,000,000, in every reader (rows
 * through the schema, the plain table as text or rows, quotedata): a strike of 5e-324 or 1e308 is a
 * slip refused naming its row, never fitted or left out; and a parsed chain handed to the fit
 * with such a strike leaves that quote out rather than failing on a name of the pricing code.
 */
import { describe, expect, it } from 'vitest';
import {
  CHAIN_STRIKE_POINTS,
  ChainRowSchema,
  fitChainSurface,
  parseChain,
  parseChainTable,
  parseInput,
  parseQuotedata,
  SurfaceRequestSchema,
  type ChainRow,
} from '@alvh/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf } from '../../helpers/errors';

const FIX = 'pass the strike in index points, from 1 to 1,000,000 (e.g. 4300)';
const OUTSIDE = [5e-324, 1e-320, 1e-308, 1e-300, 0.5, 1_000_000.5, 1e20, 1e308, Number.MAX_VALUE];
/** docs/examples/surface.json: the quotes of 2023-06-09 as rows. */
const SURFACE_EXAMPLE = JSON.parse(readFileSync(join('docs', 'examples', 'surface.json'), 'utf8')) as {
  valuationDate: string;
  chain: ChainRow[];
};
const ROWS = SURFACE_EXAMPLE.chain;
const DATE = { valuationDate: SURFACE_EXAMPLE.valuationDate };

describe('a chain strike outside 1 to 1,000,000 points is a bad row', () => {
  it('the range is the one the refusal states', () => {
    expect(CHAIN_STRIKE_POINTS).toEqual({ min: 1, max: 1_000_000 });
  });

  it('rows through the surface schema: a 400 issue at chain[i].strike', () => {
    for (const strike of OUTSIDE) {
      const chain = ROWS.map((r, i) => (i === 3 ? { ...r, strike } : r));
      const e = errorOf(() => parseInput(SurfaceRequestSchema, { ...SURFACE_EXAMPLE, chain }));
      expect([e.field, e.message]).toEqual(['chain[3].strike', `chain[3].strike: ${FIX}`]);
    }
    for (const strike of [1, 1_000_000]) expect(ChainRowSchema.safeParse({ ...ROWS[0], strike }).success).toBe(true);
  });

  it('the plain table, as rows or as text, names the row and column', () => {
    for (const strike of OUTSIDE) {
      const rows = ROWS.map((r, i) => (i === 3 ? { ...r, strike } : r));
      const e = errorOf(() => parseChainTable(rows, DATE));
      expect([e.field, e.fix]).toEqual(['chain[3].strike', FIX]);
      const text = [
        'expiry,strike,type,bid,ask',
        ...rows.map((r) => [r.expiry, r.strike, r.type, r.bid, r.ask].join(',')),
      ];
      const t = errorOf(() => parseChain(text.join('\n'), DATE));
      expect([t.field, t.fix]).toEqual(['chain line 5 column 2 (strike)', FIX]);
      expect(t.message).toContain('not a strike');
    }
  });

  it('quotedata: the Strike cell is named', () => {
    const text = [
      '',
      'Standard & Poors 500 Index,Last: 4000,Change: 1',
      '"Date: March 1 2023, 4:30 PM EST",Bid: 3999,Ask: 4001',
      'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest',
      'Fri Mar 17 2023,SPXW230317C00000000,0,0,50,51,0,0,0,0,0,5e-324,SPXW230317P00000000,0,0,48,49,0,0,0,0,0',
    ].join('\n');
    const e = errorOf(() => parseQuotedata(text));
    expect([e.field, e.message]).toEqual([
      'chain line 5 column 12 (Strike)',
      `chain line 5 column 12 (Strike): is "5e-324", not a strike; ${FIX}`,
    ]);
  });

  it('a parsed chain fitted with a subnormal or a huge strike leaves that quote out (no implied vol)', () => {
    for (const strike of [5e-324, 1e-320, 1e308, Number.MAX_VALUE]) {
      const parsed = parseChain(ROWS, DATE);
      const before = fitChainSurface(parseChain(ROWS, DATE)).dropped.noImpliedVol;
      parsed.quotes[3]!.strike = strike;
      const fit = fitChainSurface(parsed);
      expect(fit.dropped.noImpliedVol).toBe(before + 1);
      for (const s of fit.slices) {
        for (const x of [s.atmVol, s.rmseVolPts, s.insideSpreadPct, s.wings.quotes])
          expect(Number.isFinite(x)).toBe(true);
      }
    }
  });
});
