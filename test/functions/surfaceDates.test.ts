/**
 * /api/surface takes its dates within the exchange calendar (2000-2040), as /api/plan does: an
 * index form dated 9999-12-31 named an internal field ("surface.slices[0].expiry: is
 * "+010000-01""), a chain dated 2041 blamed its first row, and rows of year 9999 blamed the
 * valuation date. Each is now a 400 naming the date that is out, with the calendar's years.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainRow } from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { postJson } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const EXAMPLE = JSON.parse(readFileSync(join('docs', 'examples', 'surface.json'), 'utf8')) as {
  valuationDate: string;
  spot: number;
  chain: ChainRow[];
  points: { expiry: string; strike: number }[];
};
const INDICES = {
  spot: 6600,
  rate: 0.04,
  divYield: 0.01,
  indices: { vix: 17.5, vix9d: 16.4, vix3m: 19.3, vix6m: 20.5, skew: 141 },
  points: [{ expiry: '2026-12-18', strike: 6000 }],
};
const outside = (date: string) =>
  `is ${date}, outside the exchange calendar's 2000-01-01..2040-12-31; pass a date from 2000 to 2040`;
/** The example chain moved to `year` (its quotes' date and expiries), without points. */
const chainOf = (year: string) => ({
  valuationDate: `${year}${EXAMPLE.valuationDate.slice(4)}`,
  chain: EXAMPLE.chain.map((r) => ({ ...r, expiry: `${year}${r.expiry.slice(4)}` })),
});

describe('/api/surface dates lie within the exchange calendar', () => {
  it.each(['9999-12-31', '2041-01-02', '1999-12-31', '0001-01-01'])(
    'the index form dated %s: a 400 naming valuationDate',
    async (valuationDate) => {
      const r = await postJson('surface', { ...INDICES, valuationDate });
      expect(r.status).toBe(400);
      expect(r.json.issues).toEqual([{ path: 'valuationDate', message: outside(valuationDate) }]);
    },
  );

  it('the index form on the calendar’s last day still answers', async () => {
    const r = await postJson('surface', { ...INDICES, valuationDate: '2040-12-31', points: [] });
    expect(r.status).toBe(200);
    expect(r.json.expiries.at(-1).expiry).toBe('2041-07-02');
  });

  it.each(['1999', '2041'])('a chain of %s: a 400 naming valuationDate', async (year) => {
    const body = chainOf(year);
    const r = await postJson('surface', body);
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: 'valuationDate', message: outside(body.valuationDate) }]);
  });

  it('a chain row expiring in 9999 (or an Excel serial of 2173): a 400 naming that row, not the valuation date', async () => {
    for (const expiry of ['9999-12-31', 99999] as const) {
      const chain = EXAMPLE.chain.map((r, i) => (i === 2 ? { ...r, expiry } : r));
      const r = await postJson('surface', { ...EXAMPLE, chain });
      expect(r.status).toBe(400);
      const date = expiry === 99999 ? '2173-10-13' : expiry;
      expect(r.json.issues).toEqual([
        {
          path: 'chain[2].expiry',
          message: `is ${date}, more than 100 years after the valuation date ${EXAMPLE.valuationDate}: no option lists that far; check the row's expiry (its year)`,
        },
      ]);
    }
  });

  it('a chain valued late in 2040 whose listing runs past 2040 is fitted whole', async () => {
    // the example chain moved 908 weeks on (weekdays kept): valued 2040-11-02, its last expiry 2041-01-11
    const shift = (iso: string) => new Date(Date.parse(iso) + 908 * 7 * 864e5).toISOString().slice(0, 10);
    const chain = EXAMPLE.chain.map((r) => ({ ...r, expiry: shift(String(r.expiry)) }));
    const last = chain
      .map((r) => r.expiry)
      .sort()
      .at(-1)!;
    const points = EXAMPLE.points.map((p) => ({ ...p, expiry: shift(p.expiry) }));
    const r = await postJson('surface', { ...EXAMPLE, valuationDate: shift(EXAMPLE.valuationDate), chain, points });
    expect(r.status).toBe(200);
    expect(last).toBe('2041-01-11');
    expect(r.json.expiries.map((e: { expiry: string }) => e.expiry)).toContain(last);
  });
});
