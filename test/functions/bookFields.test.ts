/**
 * A book sent to /api/stress or /api/montecarlo is checked the same way on both, and every problem
 * names the field as the client sent it (`book.vix`, `book.tail[0].quantity`), never a variable of
 * the package function behind the route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from './postJson';
import { setComputeRunner } from '../../functions/src/compute';
import {
  MONTECARLO_EXAMPLE,
  PLAN_EXAMPLE,
  REPLAY_EXAMPLE,
  STRESS_EXAMPLE,
} from '../../functions/src/handlers/examples';
import { inlineCompute } from './inlineCompute';
import { errorFromWire, errorToWire } from '../../functions/src/compute/jobs';
import { InvalidFields, checkSpotAndStrikes } from '@alvh/shared';
import { errorOf } from '../helpers/errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, read by the assertions
type Json = Record<string, any>;

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const call = (route: 'stress' | 'montecarlo' | 'plan' | 'replay', body: unknown) => postJson(route, body);

const EXAMPLES = { stress: STRESS_EXAMPLE, montecarlo: MONTECARLO_EXAMPLE } as const;
type Book = (typeof STRESS_EXAMPLE)['book'];

/** The route's example with its book changed by `edit`. */
function withBook(route: keyof typeof EXAMPLES, edit: (b: Book) => Book): unknown {
  const ex = structuredClone(EXAMPLES[route]);
  return { ...ex, book: edit(ex.book) };
}

const tailLeg = (b: Book, leg: Partial<Book['tail'][number]>): Book => ({
  ...b,
  tail: [{ ...b.tail[0]!, ...leg }],
});

describe('one leg validation for a book on every route', () => {
  it.each(['stress', 'montecarlo'] as const)(
    '%s refuses expired, fractional, zero and off-VX-expiry legs',
    async (route) => {
      const cases: [Partial<Book['tail'][number]>, string, RegExp][] = [
        [{ expiry: '2026-01-20' }, 'book.tail[0].expiry', /on or before the valuation date/],
        [{ expiry: '2026-11-20' }, 'book.tail[0].expiry', /on or before the valuation date/],
        [{ quantity: 1.5 }, 'book.tail[0].quantity', /whole, non-zero/],
        [{ quantity: 0 }, 'book.tail[0].quantity', /whole, non-zero/],
        [{ expiry: '2027-01-22' }, 'book.tail[0].expiry', /not a VX final-settlement date/],
        // past the book's last future (2027-03-17) its future was extrapolated from the fitted curve
        [{ expiry: '2027-04-21' }, 'book.tail[0].expiry', /after the last listed VX future \(2027-03-17\)/],
        // a VIX strike that is no VIX level (the Monte Carlo answered these with a 200)
        [{ strike: 1e308 }, 'book.tail[0].strike', /above 500 VIX points/],
        [{ strike: 5e-324 }, 'book.tail[0].strike', /is 5e-324, below 1 VIX point; pass the level in index points/],
        [{ strike: 0.5 }, 'book.tail[0].strike', /looks like a decimal/],
        // off the listed half-point grid, as a held VIX leg is refused
        [{ strike: 22.3 }, 'book.tail[0].strike', /is 22.3, off the VIX 0.5-point strike grid/],
      ];
      for (const [leg, field, problem] of cases) {
        const { status, json } = await call(
          route,
          withBook(route, (b) => tailLeg(b, leg)),
        );
        expect([status, json.field], JSON.stringify(leg)).toEqual([400, field]);
        expect(json.detail).toMatch(problem);
      }
      const ok = await call(route, EXAMPLES[route]);
      expect(ok.status).toBe(200);
    },
  );
});

describe('an SPX leg of a book is checked as a held one', () => {
  it.each(['stress', 'montecarlo'] as const)(
    '%s refuses an expiry that is no trading day and a strike off the 5-point grid',
    async (route) => {
      const cases: [Partial<Book['condor'][number]>, string, RegExp][] = [
        [{ expiry: '2027-01-16' }, 'book.condor[1].expiry', /is 2027-01-16, not an exchange trading day/],
        [{ expiry: '2026-11-26' }, 'book.condor[1].expiry', /is 2026-11-26, not an exchange trading day/],
        [{ strike: 6001 }, 'book.condor[1].strike', /is 6001, off the SPX 5-point strike grid/],
        [{ strike: 6002.5 }, 'book.condor[1].strike', /is 6002.5, off the SPX 5-point strike grid/],
      ];
      for (const [leg, field, problem] of cases) {
        const body = withBook(route, (b) => ({
          ...b,
          condor: b.condor.map((l, i) => (i === 1 ? { ...l, ...leg } : l)),
        }));
        const { status, json } = await call(route, body);
        expect([status, json.field], JSON.stringify(leg)).toEqual([400, field]);
        expect(json.detail).toMatch(problem);
      }
    },
  );
});

describe('problems name the field the client sent', () => {
  it.each(['stress', 'montecarlo'] as const)('%s: the book market fields', async (route) => {
    const futures0 = (b: Book, price: number) => ({
      ...b,
      futures: [{ ...b.futures[0]!, price }, ...b.futures.slice(1)],
    });
    const cases: [(b: Book) => Book, string, RegExp][] = [
      [(b) => ({ ...b, vix: 0.175 }), 'book.vix', /looks like a decimal/],
      [(b) => futures0(b, 0.184), 'book.futures[0].price', /looks like a decimal/],
      [(b) => ({ ...b, spot: 1e12 }), 'book.spot', /is 1000000000000, not an SPX level/],
      [(b) => ({ ...b, spot: 1e-8 }), 'book.spot', /not an SPX level/],
      // a decimal point slipped in SPX: every strike misses it, and SPX and the strikes are said to disagree
      [
        (b) => ({ ...b, spot: b.spot * 100 }),
        'book.spot',
        /^book\.spot: SPX \d+(\.\d+)? and the strikes .* disagree, .*; check which was mistyped$/,
      ],
      [(b) => ({ ...b, volOfVol: 0 }), 'book.volOfVol', /a vol of vol is VVIX\/100, from 0\.2/],
      [
        (b) => ({ ...b, condor: [{ ...b.condor[0]!, strike: 1e300 }, ...b.condor.slice(1)] }),
        'book.condor[0].strike',
        /far from SPX/,
      ],
    ];
    for (const [edit, field, problem] of cases) {
      const { status, json } = await call(route, withBook(route, edit));
      expect([status, json.field], field).toEqual([400, field]);
      expect(json.detail).toMatch(problem);
      expect(json.detail).not.toMatch(/NaN/);
    }
  });

  it('plan: market.spx, the condor strikes and expiry, and a last rebalance after today', async () => {
    const p = structuredClone(PLAN_EXAMPLE) as Json;
    const cases: [(x: Json) => void, string, RegExp][] = [
      [(x) => (x.market.spx = 1), 'market.spx', /not an SPX level/],
      [(x) => (x.market.spx = 1e12), 'market.spx', /not an SPX level/],
      [
        (x) => (x.market.spx *= 100),
        'market.spx',
        /^market\.spx: SPX \d+(\.\d+)? and the strikes .* disagree, by about 100×: .*; check which/,
      ],
      [(x) => (x.condor.strikes = [1e300, 2e300, 3e300, 4e300]), 'condor.strikes[0]', /far from SPX/],
      [(x) => (x.condor.expiry = '2099-01-15'), 'condor.expiry', /outside the exchange calendar/],
      [
        (x) => (x.lastRebalance = { date: '2027-01-01', vix: 17, futures: x.market.futures }),
        'lastRebalance.date',
        /after the valuation date/,
      ],
    ];
    for (const [edit, field, problem] of cases) {
      const body = structuredClone(p);
      edit(body);
      const { status, json } = await call('plan', body);
      expect([status, json.field], field).toEqual([400, field]);
      expect(json.detail).toMatch(problem);
    }
  });
});

describe('SPX and strikes that disagree', () => {
  it('a 400 lists both SPX and the first strike, naming neither as the slip', async () => {
    // the strikes typed with an extra zero beside a right SPX (a guess of SPX × 10 sized the hedge 10× too big)
    const p = structuredClone(PLAN_EXAMPLE) as Json;
    p.condor.strikes = (p.condor.strikes as number[]).map((k) => k * 10);
    const { status, json } = await call('plan', p);
    expect([status, json.field]).toEqual([400, 'market.spx']);
    expect(json.detail).toMatch(
      /^market\.spx: SPX [\d.]+ and the strikes .* disagree, by about 10×: .*; check which was mistyped$/,
    );
    expect(json.issues.map((i: Json) => i.path)).toEqual(['market.spx', 'condor.strikes[0]']);
    expect(json.issues[1].message).toBe(json.issues[0].message);
    const book = await call(
      'stress',
      withBook('stress', (b) => ({ ...b, spot: b.spot / 10 })),
    );
    expect(book.status).toBe(400);
    expect(book.json.issues.map((i: Json) => i.path)).toEqual(['book.spot', 'book.condor[0].strike']);
    // a plan inside a scenario request: both named where they sit
    const { book: _, ...run } = structuredClone(MONTECARLO_EXAMPLE);
    const mc = await call('montecarlo', { ...run, plan: p });
    expect(mc.status).toBe(400);
    expect(mc.json.issues.map((i: Json) => i.path)).toEqual(['plan.market.spx', 'plan.condor.strikes[0]']);
  });

  it('a worker thread hands both fields back to the pool', () => {
    const e = errorOf(() =>
      checkSpotAndStrikes('book.spot', 660, [
        { field: 'book.condor[0].strike', strike: 5900 },
        { field: 'book.condor[1].strike', strike: 7300 },
      ]),
    );
    const back = errorFromWire(structuredClone(errorToWire(e)));
    expect(back).toBeInstanceOf(InvalidFields);
    expect([back.message, (back as InvalidFields).issues]).toEqual([e.message, (e as InvalidFields).issues]);
  });
});

describe('replay rows in the wrong unit', () => {
  const rows = REPLAY_EXAMPLE.rows;
  const edit = (f: (r: (typeof rows)[number], i: number) => object) => ({ ...REPLAY_EXAMPLE, rows: rows.map(f) });

  it('VIX or VX as decimals, SPX out of range: a 400 naming the row field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [edit((r) => ({ ...r, vix: r.vix / 100 })), 'rows[0].vix', /index points: pass 15\.5, not 0\.155/],
      [edit((r) => ({ ...r, vx: r.vx.map((p) => p / 100) })), 'rows[0].vx[0]', /index points/],
      [edit((r, i) => (i === 5 ? { ...r, spx: 1e300 } : r)), 'rows[5].spx', /SPX is in index points/],
      // a close of 0.5 (answered with a 200 and a loss of $109,338, or blamed on assumptions.wingWidthPct)
      [edit((r, i) => (i === 29 ? { ...r, spx: 0.5 } : r)), 'rows[29].spx', /pass a level from 100 to 1,000,000/],
      [edit((r, i) => (i === 0 ? { ...r, spx: 0.5 } : r)), 'rows[0].spx', /pass a level from 100 to 1,000,000/],
      [edit((r, i) => (i === 29 ? { ...r, spx: 5e-324 } : r)), 'rows[29].spx', /pass a level from 100 to 1,000,000/],
      // a date that is no calendar date is named at its row, not as a bare "date"
      [edit((r, i) => (i === 3 ? { ...r, date: '2026-02-30' } : r)), 'rows[3].date', /not a calendar date/],
    ];
    for (const [body, field, problem] of cases) {
      const { status, json } = await call('replay', body);
      expect([status, json.code, json.field], field).toEqual([400, 'invalid_input', field]);
      expect(json.detail).toMatch(problem);
    }
  });

  it('a window outside the rows says so', async () => {
    const last = rows[rows.length - 1]!.date;
    const after = await call('replay', { ...REPLAY_EXAMPLE, from: '2027-01-01' });
    expect([after.status, after.json.field]).toEqual([400, 'from']);
    expect(after.json.detail).toBe(
      `from: is 2027-01-01, after the last row (${last}); pass a from on or before ${last}, or send rows up to 2027-01-01`,
    );
    const before = await call('replay', { ...REPLAY_EXAMPLE, to: '2025-01-01' });
    expect([before.status, before.json.field]).toEqual([400, 'to']);
  });
});

describe('plausibility of a plan the schema accepts', () => {
  it('warns of a VIX below its record low or far from the front future', async () => {
    const p = structuredClone(PLAN_EXAMPLE) as Json;
    delete p.market.indices;
    p.market.vix = 5;
    const { status, json } = await call('plan', p);
    expect(status).toBe(200);
    const warnings = (json.warnings as string[]).join('\n');
    expect(warnings).toMatch(/VIX 5(\.00)? is below 9, under any close in its history/);
    expect(warnings).toMatch(/VIX 5(\.00)? is far from the front VX future 18\.4/);
    // at VIX 1 (the futures 18-20× it) the VIX is refused as the slip, under 5 as every host refuses it
    p.market.vix = 1;
    const slip = await call('plan', p);
    expect([slip.status, slip.json.field, slip.json.detail]).toEqual([
      400,
      'market.vix',
      'market.vix: is 1: VIX has never closed below 9; pass VIX in index points (18.5)',
    ]);
    const calm = await call('plan', PLAN_EXAMPLE);
    expect((calm.json.warnings as string[]).join('\n')).not.toMatch(/record low|far from the front VX future|below 9/);
  });

  it('explains a theta-subsidy ratio that is null', async () => {
    const p = structuredClone(PLAN_EXAMPLE) as Json;
    p.portfolio.budget = 0;
    const { status, json } = await call('plan', p);
    expect(status).toBe(200);
    // With no budget the plan holds no hedge: both thetas are 0, and the null ratio says why.
    expect(json.thetaSubsidy).toEqual({
      overlayTheta: 0,
      tailTheta: 0,
      ratio: null,
      note: "no ratio: the tail's theta is $0.00/day, so there is no tail decay for the overlay's $0.00/day to pay",
    });
    expect((await call('plan', PLAN_EXAMPLE)).json.thetaSubsidy.note).toBeUndefined();
  });
});
