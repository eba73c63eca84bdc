/**
 * A chain row whose strike is no listed strike (5e-324, 1e-308, 1e308) is a 400 naming that row's
 * strike and the range to pass, on /api/surface (rows and text), and in a plan's market.chain on
 * /api/plan and /api/frontier; never a name of the pricing code ("x: is NaN").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainRow } from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { MARKET_2023_06_09 } from '../helpers/fixtures';
import { inlineCompute } from './inlineCompute';
import { postJson } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const EXAMPLE = JSON.parse(readFileSync(join('docs', 'examples', 'surface.json'), 'utf8')) as {
  valuationDate: string;
  chain: ChainRow[];
};
const FIX = 'pass the strike in index points, from 1 to 1,000,000 (e.g. 4300)';
const withStrike = (strike: number): ChainRow[] => EXAMPLE.chain.map((r, i) => (i === 0 ? { ...r, strike } : r));
const PLAN = (chain: unknown) => ({
  valuationDate: '2023-06-09',
  market: { ...MARKET_2023_06_09, chain },
  condor: { expiry: '2023-07-21', strikes: [4000, 4050, 4500, 4550], quantity: 10 },
  portfolio: { capital: 2_000_000 },
});

describe('a chain strike that is no listed strike is a 400 naming it', () => {
  for (const strike of [5e-324, 1e-308, 1e-300, 1e308]) {
    it(`strike ${strike}`, async () => {
      const rows = withStrike(strike);
      const surface = await postJson('surface', { ...EXAMPLE, chain: rows });
      expect(surface.status).toBe(400);
      expect(surface.json.issues).toEqual([{ path: 'chain[0].strike', message: FIX }]);

      const text = [
        'expiry,strike,type,bid,ask',
        ...rows.map((r) => [r.expiry, r.strike, r.type, r.bid, r.ask].join(',')),
      ];
      const asText = await postJson('surface', { ...EXAMPLE, chain: text.join('\n') });
      expect(asText.status).toBe(400);
      expect([asText.json.field, asText.json.fix]).toEqual(['chain line 2 column 2 (strike)', FIX]);

      const plan = await postJson('plan', PLAN(rows));
      expect(plan.status).toBe(400);
      expect(plan.json.issues).toEqual([{ path: 'market.chain[0].strike', message: FIX }]);

      const frontier = await postJson('frontier', { plan: PLAN(rows), paths: 2000, seed: 7 });
      expect(frontier.status).toBe(400);
      expect(frontier.json.issues).toEqual([{ path: 'plan.market.chain[0].strike', message: FIX }]);
    });
  }
});
