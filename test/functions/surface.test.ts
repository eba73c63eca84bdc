/**
 * POST /api/surface through its handler, with the library's own HttpRequest: the index form runs
 * inline, the chain form on the compute runner (in-process here, as in endpoints.test.ts); both
 * real SPX chains fit as docs/surfaces.md states; every bad chain is a 400 whose message names
 * what is wrong; unknown fields are refused at every depth; the work limits are 422s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute } from './postJson';
import { buildSurface, parseInput, SurfaceRequestSchema } from '@alvh/shared';
import { setComputeRunner } from '../../functions/src/compute';
import { PLAN_EXAMPLE, SURFACE_EXAMPLE } from '../../functions/src/handlers/examples';
import { MAX_CHAIN_CHARS, MAX_CHAIN_ROWS } from '../../functions/src/handlers/surface';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { inlineCompute } from './inlineCompute';
import { CROSSED_CALENDAR, LIFT_WARNING } from '../shared/surface/crossedCalendar';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
type Json = Record<string, any>;

const runner = inlineCompute();
const jobs = runner.jobs;
beforeAll(() => setComputeRunner(runner));
afterAll(() => setComputeRunner(undefined));

async function post(body: unknown): Promise<{ status: number; type: string; json: Json }> {
  const { status, headers, json } = await callRoute('surface', { body });
  return { status, type: headers['content-type']!, json };
}

const HEADER =
  'Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest';

/** One quotedata row: the call's and the put's bid and ask at a strike. */
function row(expiry: string, sym: string, strike: number, cb: number, ca: number, pb: number, pa: number): string {
  const k = String(strike * 1000).padStart(8, '0');
  return `${expiry},${sym}C${k},0,0,${cb},${ca},0,0,0,0,0,${strike.toFixed(2)},${sym}P${k},0,0,${pb},${pa},0,0,0,0,0`;
}

function quotedata(rows: string[], header = HEADER): string {
  return [
    '',
    'Standard & Poors 500 Index,Last: 4000,Change: 1',
    '"Date: March 1 2023, 4:30 PM EST",Bid: 3999,Ask: 4001',
    header,
    ...rows,
  ].join('\n');
}

/** Quotes of one expiry around 4000, with puts unless `puts` is false (then the puts have no bid). */
function expiryRows(expiry: string, sym: string, width = 1, puts = true): string[] {
  const out: string[] = [];
  for (let k = 3700; k <= 4300; k += 50) {
    const call = Math.max(4000 - k, 0) + 60 * Math.exp(-(((k - 4000) / 250) ** 2)) + 2;
    const put = call - (4000 - k);
    out.push(row(expiry, sym, k, call, call + width, puts ? put : 0, puts ? put + width : 0));
  }
  return out;
}

const MAR = expiryRows('Fri Mar 17 2023', 'SPXW230317');
const APR = expiryRows('Fri Apr 21 2023', 'SPXW230421');

describe('POST /api/surface, index form', () => {
  it('answers the example inline (no compute job), equal to the shared buildSurface', async () => {
    jobs.length = 0;
    const r = await post(SURFACE_EXAMPLE);
    expect(r.status).toBe(200);
    expect(jobs).toEqual([]);
    expect(r.json).toEqual(JSON.parse(JSON.stringify(buildSurface(parseInput(SurfaceRequestSchema, SURFACE_EXAMPLE)))));
    expect(r.json.source).toBe('indices');
    expect(r.json.points).toHaveLength(3);
    // The skew: the 4100 put wing above the 4300 ATM on the same expiry.
    expect(r.json.points[0].vol).toBeGreaterThan(r.json.points[1].vol);
  });

  it('VIX alone: a flat term structure and the warning that says so', async () => {
    const r = await post({ valuationDate: '2023-06-09', spot: 4300, indices: { vix: 14 } });
    expect(r.status).toBe(200);
    expect(r.json.source).toBe('vix-only');
    expect(r.json.warnings.join(' ')).toMatch(/VIX only/);
  });

  it('warns of an index no close has shown beside VIX, as the plan does for the same levels', async () => {
    const r = await post({ valuationDate: '2023-06-09', spot: 4300, indices: { vix: 300, vix9d: 1, vix3m: 280 } });
    expect(r.status).toBe(200);
    expect(r.json.warnings).toContain(
      "VIX9D 1 is under 1/2 of VIX 300, which no day's closes have shown: check indices.vix9d is the VIX9D close of the valuation date, in index points, or leave it out.",
    );
    expect(r.json.warnings.join(' ')).not.toMatch(/VIX3M/);
    // The plan's words, but for the field: the index form holds the indices at `indices`.
    const indices = { vix9d: 40 };
    const plan = await callRoute('plan', {
      body: { ...PLAN_EXAMPLE, market: { ...PLAN_EXAMPLE.market, indices } },
    });
    const planWarning = (plan.json.warnings as string[]).find((w) => w.startsWith('VIX9D 40 is more than 2× VIX 17.5'));
    expect(planWarning).toContain('check market.indices.vix9d is');
    const surface = await post({ valuationDate: '2023-06-09', spot: 4300, indices: { vix: 17.5, ...indices } });
    expect(surface.json.warnings).toContain(planWarning!.replace('market.indices.', 'indices.'));
  });

  it.each([
    ['an unknown top-level field', { ...SURFACE_EXAMPLE, spott: 1 }, '(root)'],
    ['an unknown index', { ...SURFACE_EXAMPLE, indices: { ...SURFACE_EXAMPLE.indices, vxx: 20 } }, 'indices'],
    [
      'an unknown field in a point',
      { ...SURFACE_EXAMPLE, points: [{ expiry: '2023-07-21', strike: 4100, type: 'put' }] },
      'points[0]',
    ],
  ])('400 for %s, named', async (_label, body, path) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(JSON.stringify(r.json.issues)).toMatch(/unknown field/);
  });

  it('400 naming VIX as a decimal and a missing spot', async () => {
    const r = await post({ valuationDate: '2023-06-09', indices: { vix: 0.14 } });
    expect(r.status).toBe(400);
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['spot', 'indices.vix']));
  });

  it('400 for a rate or yield outside the range of the plan (0.5 typed for 0.5% is no 50% carry)', async () => {
    const r = await post({ ...SURFACE_EXAMPLE, rate: 0.5, divYield: -0.06 });
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([
      {
        path: 'rate',
        message: 'is 0.5, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      },
      {
        path: 'divYield',
        message: 'is -0.06, below the lowest rate -0.05; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      },
    ]);
    // a decimal a hair past a limit is echoed in full and told the range, not offered a hundredth of itself
    const hair = await post({ ...SURFACE_EXAMPLE, rate: 0.1 + 0.1 + 0.1 - 0.1, divYield: -0.0500001 });
    expect(hair.json.issues).toEqual([
      {
        path: 'rate',
        message:
          'is 0.20000000000000004, above the highest rate 0.2; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      },
      {
        path: 'divYield',
        message: 'is -0.0500001, below the lowest rate -0.05; rates are decimals from -0.05 to 0.2: pass 0.05 for 5%',
      },
    ]);
    expect((await post({ ...SURFACE_EXAMPLE, rate: 0.2, divYield: -0.05 })).status).toBe(200);
  });

  it('400 for a point past 30 years: its years read above 30, and the last date allowed is named', async () => {
    const point = (expiry: string) => ({ ...SURFACE_EXAMPLE, points: [{ expiry, strike: 4300 }] });
    expect((await post(point('2053-06-01'))).status).toBe(200);
    const r = await post(point('2053-06-02'));
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('points[0].expiry');
    const years = Number(
      /^points\[0\]\.expiry: is 2053-06-02, ([\d.]+) years after the quotes;/.exec(r.json.detail)?.[1],
    );
    expect(years).toBeGreaterThan(30);
    expect(r.json.fix).toBe(
      'pass an expiry at most 30 years out, on or before 2053-06-01 (the surface holds none beyond)',
    );
  });

  it('400 naming a point before the valuation date', async () => {
    const r = await post({ ...SURFACE_EXAMPLE, points: [{ expiry: '2023-06-01', strike: 4300 }] });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('points[0].expiry');
  });
});

describe('POST /api/surface, chain form', () => {
  it('fits docs/examples/surface.json (rows) on the compute runner', async () => {
    jobs.length = 0;
    const r = await post(readFileSync(join('docs', 'examples', 'surface.json'), 'utf8'));
    expect(r.status).toBe(200);
    expect(jobs).toEqual(['surface']);
    expect(r.json.source).toBe('chain');
    expect(r.json.expiries.map((e: Json) => e.expiry)).toEqual(['2023-07-21', '2023-08-18']);
    // The full chain's fit (docs/surfaces.md): forward 4320.76, ATM 11.09% on 2023-07-21.
    expect(r.json.expiries[0].forward).toBeCloseTo(4320.76, -1);
    expect(Math.abs(r.json.expiries[0].atmVol - 0.1109)).toBeLessThan(0.002);
    expect(r.json.arbitrage.butterfly).toBe(0);
    expect(r.json.points).toHaveLength(3);
  });

  it('warns when the calendar repair lifts an expiry above its quotes (the 61-day at 10% behind the 31-day at 20%)', async () => {
    const r = await post({ chain: CROSSED_CALENDAR, valuationDate: '2023-06-09' });
    expect(r.status).toBe(200);
    expect(r.json.arbitrage).toEqual({ butterfly: 0, calendar: 0, calendarRepaired: 1 });
    expect(r.json.warnings).toEqual([LIFT_WARNING]);
  });

  it('reads a CSV table whose expiry column is headed "Expiration", as ALVH.SURFACE does', async () => {
    const csv = (expiry: string) =>
      [
        `${expiry},Strike,Type,Bid,Ask`,
        ...CROSSED_CALENDAR.map((q) => [q.expiry, q.strike, q.type, q.bid, q.ask].join(',')),
      ].join('\n');
    const plain = await post({ chain: csv('Expiry'), valuationDate: '2023-06-09' });
    expect(plain.status).toBe(200);
    const renamed = await post({ chain: csv('Expiration'), valuationDate: '2023-06-09' });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    expect(renamed.json).toEqual(plain.json);
  });

  it('fits a small quotedata text', async () => {
    const r = await post({ chain: quotedata([...MAR, ...APR]) });
    expect(r.status).toBe(200);
    expect(r.json.expiries).toHaveLength(2);
    for (const e of r.json.expiries) {
      expect(e.forward).toBeGreaterThan(3990);
      expect(e.forward).toBeLessThan(4010);
      expect(e.quotes).toBeGreaterThanOrEqual(5);
    }
  });

  it.each([
    ['empty text', { chain: ' \n ' }, /chain/, /empty/],
    [
      'a header that is not the quotedata layout',
      { chain: quotedata([...MAR, ...APR], HEADER.replace('Strike', 'Strik')) },
      /chain/,
      /Strike|header|column/,
    ],
    [
      'a crossed market',
      { chain: quotedata([...MAR, ...APR].map((l) => l.replace(/,0,0,([\d.]+),([\d.]+),/g, ',0,0,9999,$2,'))) },
      /chain/,
      /crossed/,
    ],
    ['one expiry only', { chain: quotedata(MAR) }, /chain/, /expir/],
    [
      'no puts',
      {
        chain: quotedata([
          ...expiryRows('Fri Mar 17 2023', 'SPXW230317', 1, false),
          ...expiryRows('Fri Apr 21 2023', 'SPXW230421', 1, false),
        ]),
      },
      /chain/,
      /put/,
    ],
  ])('400 for %s, with a message naming what is wrong', async (_label, body, field, message) => {
    jobs.length = 0;
    const r = await post(body);
    expect(r.status, JSON.stringify(r.json)).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json.code).toBe('invalid_input');
    expect(r.json.field ?? r.json.issues?.[0]?.path).toMatch(field);
    expect(r.json.detail).toMatch(message);
  });

  it('400 for a valuationDate with quotedata text (the file carries its own date)', async () => {
    jobs.length = 0;
    const r = await post({ chain: quotedata([...MAR, ...APR]), valuationDate: '2023-03-02' });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('valuationDate');
    expect(jobs).toEqual([]);
    // a text of two lines is told what quotedata is dated by, not pointed at a line 3 it lacks
    const short = await post({ chain: 'Expiration Date,Calls\n\u0000', valuationDate: '2023-06-09' });
    expect([short.status, short.json.field]).toEqual([400, 'valuationDate']);
    expect(short.json.detail).toBe(
      'valuationDate: does not apply to quotedata text (a header beginning "Expiration Date"), which Cboe dates by the stamp line above that header ("Date: …"); leave valuationDate out, or send the quotes as a plain table (expiry, strike, type, bid, ask) with their date',
    );
  });

  it('400 naming a text with no table header as such, before asking for its date', async () => {
    const noDate = await post({ chain: 'garbage\nmore' });
    const dated = await post({ chain: 'garbage\nmore', valuationDate: '2023-06-09' });
    for (const r of [noDate, dated]) {
      expect([r.status, r.json.field]).toEqual([400, 'chain line 1']);
      expect(r.json.detail).toBe(
        'chain line 1: is the header "garbage", which has no expiry column; pass a header naming expiry, strike, type, bid and ask (or the Cboe quotedata file unchanged)',
      );
    }
    // a header and no rows, or no text at all, is said too; a table that reads is asked for its date
    expect((await post({ chain: 'expiry,strike,type,bid,ask\n' })).json.detail).toMatch(
      /^chain: has a header \(line 1\) but no option rows/,
    );
    expect((await post({ chain: ',,\n,' })).json.detail).toMatch(/^chain: is empty/);
    const table = await post({ chain: 'expiry,strike,type,bid,ask\n2023-07-21,4300,put,60.1,60.6' });
    expect([table.status, table.json.field]).toEqual([400, 'valuationDate']);
  });

  it('400 for a spot with quotedata text (the file carries its own: its Last)', async () => {
    const r = await post({ chain: quotedata([...MAR, ...APR]), spot: 4010 });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('spot');
    expect(r.json.detail).toMatch(/carries its own spot \(Last: 4000, /);
  });

  it('400 for rows without a valuationDate, and for an unknown field in a row', async () => {
    const rows = [{ expiry: '2023-07-21', strike: 4300, type: 'put', bid: 50, ask: 51 }];
    expect((await post({ chain: rows })).json.field).toBe('valuationDate');
    const r = await post({ chain: [{ ...rows[0], mid: 50.5 }], valuationDate: '2023-06-09' });
    expect(r.status).toBe(400);
    expect(r.json.issues.map((i: { path: string }) => i.path)).toContain('chain[0]');
  });

  it('422 naming the character and row limits, before any work is queued', async () => {
    jobs.length = 0;
    const text = await post({ chain: 'x'.repeat(MAX_CHAIN_CHARS + 1) });
    expect(text.status).toBe(422);
    expect(text.json).toMatchObject({ code: 'limit_exceeded', field: 'chain' });
    expect(text.json.detail).toContain(String(MAX_CHAIN_CHARS));
    const row0 = { expiry: '2023-07-21', strike: 4300, type: 'put', bid: 50, ask: 51 };
    const rows = await post({
      chain: Array.from({ length: MAX_CHAIN_ROWS + 1 }, () => row0),
      valuationDate: '2023-06-09',
    });
    expect(rows.status).toBe(422);
    expect(rows.json.detail).toContain(String(MAX_CHAIN_ROWS));
    expect(jobs).toEqual([]);
  });

  it('422 for chain text of more lines than the row limit (a 2.97 MB table of 85,000 rows ran a minute)', async () => {
    jobs.length = 0;
    const line = '2023-07-21,4300,put,50,51\n';
    const text = 'expiry,strike,type,bid,ask\n' + line.repeat(MAX_CHAIN_ROWS);
    expect(text.length).toBeLessThan(MAX_CHAIN_CHARS);
    const r = await post({ chain: text, valuationDate: '2023-06-09' });
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ code: 'limit_exceeded', field: 'chain' });
    expect(r.json.detail).toContain(`more than ${MAX_CHAIN_ROWS} lines`);
    expect(jobs).toEqual([]);
    // blank lines do not count: the same rows spaced out stay within the limit of lines
    const spaced = await post({
      chain: 'expiry,strike,type,bid,ask\n\n\n' + line.repeat(3),
      valuationDate: '2023-06-09',
    });
    expect(spaced.json.code).not.toBe('limit_exceeded');
    // a header, 39,999 quotes and lines the reader reads as blank rows: commas alone (an empty row
    // as Excel saves it), U+2028, a no-break space, a BOM
    const quotes = line.repeat(MAX_CHAIN_ROWS - 1).split('\n');
    const blanks = ',,,,\n\u2028\n\u00a0\n\ufeff\n';
    const full = await post({
      chain: `expiry,strike,type,bid,ask\n${quotes.slice(0, 100).join('\n')}\n${blanks}${quotes.slice(100).join('\n')}`,
      valuationDate: '2023-06-09',
    });
    expect(full.json.code).not.toBe('limit_exceeded');
    // rows ended by lone CRs count line by line too, as the chain reader reads them
    const mac = await post({ chain: text.replaceAll('\n', '\r'), valuationDate: '2023-06-09' });
    expect([mac.status, mac.json.field]).toEqual([422, 'chain']);
  });

  // The layout test (quotedata or a table?) ran `^[^\S\n]*` with the `m` flag, which crossed a run
  // of CRs or U+2028 from each of them: 200,000 CRs held the request thread (health checks
  // included) 66 s, and the time grows with the square, so these bodies took hours. Read line by
  // line they are the 400 of a table without its header; the test's time limit is only the
  // backstop, nothing here measures time.
  it.each([
    ['CRs', '\r'.repeat(2_000_000)],
    ['U+2028', '\u2028'.repeat(1_300_000)], // 3 bytes each: 3.9 MB, within the body limit
  ])('400 naming chain for a chain of %s and a letter, read in one pass', async (_, blanks) => {
    const r = await post({ chain: blanks + 'x', valuationDate: '2023-06-09' });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('invalid_input');
    expect(r.json.field).toMatch(/^chain line \d+$/);
    expect(r.json.detail).toContain('is the header "x", which has no expiry column');
  });
});

describeWithData('POST /api/surface on the real chains', () => {
  it.each([
    // Figures of docs/surfaces.md's tables (forward, ATM vol % of one expiry, slices in the surface:
    // the SPXW expiries, 26 and 36, then the SPX ones after the last of them, 8 and 7).
    ['cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv', 34, '2022-03-18', 4486.91, 20.33],
    ['cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv', 43, '2023-07-21', 4320.76, 11.09],
  ])(
    '%s: every slice, the documented figures, no arbitrage left',
    async (file, slices, expiry, forward, atm) => {
      const r = await post({ chain: readDataFile(file), points: [{ expiry, strike: Math.round(forward / 5) * 5 }] });
      expect(r.status, JSON.stringify(r.json).slice(0, 300)).toBe(200);
      expect(r.json.source).toBe('chain');
      expect(r.json.expiries).toHaveLength(slices);
      const e = r.json.expiries.find((x: Json) => x.expiry === expiry);
      expect(Math.abs(e.forward - forward)).toBeLessThan(0.01);
      expect(Math.abs(e.atmVol * 100 - atm)).toBeLessThan(0.01);
      expect(r.json.arbitrage.butterfly).toBe(0);
      expect(r.json.arbitrage.calendar).toBe(0);
      // The point at the forward is the ATM vol to within the strike rounding (2.5 points).
      expect(Math.abs(r.json.points[0].vol - e.atmVol)).toBeLessThan(0.002);
    },
    30_000,
  );
});
