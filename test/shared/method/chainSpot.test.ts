/**
 * Which spot a chain's marks follow. A Cboe quotedata file carries its own quote-time spot (Last):
 * the plan fits it there and moves the marks from Last to the typed SPX (sticky carry, F =
 * SPX·F_chain/Last), whether it is given the chain (`market.chain`) or the surface fitted to it
 * (`market.surface`, as the taskpane sends it). A plain table carries no spot: the typed SPX is its
 * spot. On the 2023-06-09 chain (Last 4300.01) with SPX typed 4298.86, the chain route marked the
 * 4500 call at 7.36 where the surface route gave 7.24: it took the typed SPX for the quotes' spot,
 * so no SPX typed ever moved its marks.
 */
import { describe, expect, it } from 'vitest';
import {
  SurfaceRequestSchema,
  buildSurface,
  parseChain,
  parseInput,
  parseQuotedata,
  plan,
  vxExpiriesAfter,
  type Plan,
  type PlanInput,
} from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { CROSSED_CALENDAR } from '../surface/crossedCalendar';

const FILE = 'cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv';
const DAY = '2023-06-09';

function input(spx: number, market: Record<string, unknown>): PlanInput {
  const futures = vxExpiriesAfter(DAY, 4).map((expiry, i) => ({ expiry, price: [14.3, 16.2, 17.3, 18.1][i]! }));
  return {
    valuationDate: DAY,
    market: { spx, vix: 13.83, vvix: 89.7, rate: 0.05, divYield: 0.015, futures, ...market },
    condor: { expiry: '2023-07-21', strikes: [3900, 4000, 4500, 4600], quantity: 10 },
    portfolio: { capital: 5_000_000 },
    positions: [],
  } as PlanInput;
}

/** The model mid of the order on a leg of the condor. */
function mid(p: Plan, type: 'call' | 'put', strike: number): number {
  const o = p.orders!.orders.find((x) => x.leg.kind === 'spx' && x.leg.type === type && x.leg.strike === strike);
  if (o === undefined) throw new Error(`no order on the ${strike} ${type}`);
  return o.mid;
}

/** A plain table of SPX options near 4300 (no spot of its own): the crossed-calendar fixture as CSV. */
const table = [
  'expiry,strike,type,bid,ask',
  ...CROSSED_CALENDAR.map((r) => [r.expiry, r.strike, r.type, r.bid, r.ask].join(',')),
].join('\n');

describeWithData('the spot a quotedata chain’s marks follow', () => {
  const text = readDataFile(FILE);
  // the taskpane's Surface tab and /api/surface fit the file as it is: at its Last
  const data = buildSurface(parseInput(SurfaceRequestSchema, { chain: text })).data;

  it('the surface keeps the file’s Last as its spot', () => {
    expect(data.spot).toBe(4300.0098);
  });

  for (const spx of [4298.86, 4200, 4400]) {
    it(`at SPX ${spx}: market.chain marks as market.surface fitted to the same file`, () => {
      const chain = plan(input(spx, { chain: text }));
      const surface = plan(input(spx, { surface: data }));
      for (const [type, k] of [
        ['call', 4500],
        ['put', 4000],
      ] as const)
        expect(mid(chain, type, k)).toBeCloseTo(mid(surface, type, k), 10);
      expect(chain.condor.credit).toBeCloseTo(surface.condor.credit, 10);
      expect(chain.surface.data.spot).toBe(4300.0098);
    });
  }

  it('the typed SPX moves the marks: 7.24 / 12.64 at 4298.86, the 4500 call 1.51 at 4200 and 29.25 at 4400', () => {
    const at = (spx: number) => plan(input(spx, { chain: text }));
    const p = at(4298.86);
    expect(mid(p, 'call', 4500)).toBeCloseTo(7.24, 2);
    expect(mid(p, 'put', 4000)).toBeCloseTo(12.64, 2);
    expect(mid(at(4200), 'call', 4500)).toBeCloseTo(1.51, 2);
    expect(mid(at(4400), 'call', 4500)).toBeCloseTo(29.25, 2);
  });

  it('says when the typed SPX moves the marks more than 0.5% from the quotes, by either route', () => {
    const moved = (p: Plan) => p.warnings.filter((w) => w.includes('the plan moves its marks'));
    expect(moved(plan(input(4500.53, { chain: text })))).toEqual([
      "market.chain was quoted at SPX 4300.01, and the plan moves its marks to market.spx 4500.53, 4.7% above it, each vol kept at its moneyness: a what-if on that day's surface, not its quotes. If market.spx is mistyped, pass the SPX of the quotes.",
    ]);
    expect(moved(plan(input(4250, { surface: data })))[0]).toMatch(
      /^market\.surface was quoted at SPX 4300\.01, and the plan moves its marks to market\.spx 4250, 1\.2% below it/,
    );
    // the day's close, 0.03% from the quotes' Last, and a table (no spot of its own): nothing to say
    expect(moved(plan(input(4298.86, { chain: text })))).toEqual([]);
    expect(moved(plan(input(4310, { chain: table })))).toEqual([]);
  });

  it('a chain quoted more than 20% from the typed SPX is refused as another market’s, as its surface is', () => {
    expect(() => plan(input(3500, { chain: text }))).toThrow(
      /^market\.chain: is quoted at SPX 4300\.01 \(its Last\), 22\.9% from market\.spx 3500: a chain of another market/,
    );
    expect(() => plan(input(3500, { surface: data }))).toThrow(/^market\.surface\.spot: is 4300\.0098, 22\.9% from/);
  });

  it('/api/surface refuses a spot with quotedata text, which carries its own', () => {
    expect(() => buildSurface(parseInput(SurfaceRequestSchema, { chain: text, spot: 4298.86 }))).toThrow(
      /^spot: does not apply to this quotedata text, which carries its own spot \(Last: 4300\.01, /,
    );
  });
});

describe('the spot of a plain table', () => {
  it('is the spot given (the typed SPX), a table carrying none', () => {
    expect(parseChain(table, { valuationDate: DAY }).spot).toBeNull();
    expect(parseChain(table, { valuationDate: DAY, spot: 4298.86 }).spot).toBe(4298.86);
  });

  it('in a plan: the typed SPX, and the marks are those of its surface fitted at that SPX', () => {
    for (const spx of [4298.86, 4310]) {
      const p = plan(input(spx, { chain: table }));
      expect(p.surface.data.spot).toBe(spx);
      const req = { chain: table, valuationDate: DAY, spot: spx };
      const data = buildSurface(parseInput(SurfaceRequestSchema, req)).data;
      const q = plan(input(spx, { surface: data }));
      expect(mid(p, 'call', 4500)).toBeCloseTo(mid(q, 'call', 4500), 10);
      expect(mid(p, 'put', 4000)).toBeCloseTo(mid(q, 'put', 4000), 10);
    }
  });
});

describe('a chain whose forwards are far from the spot it is read at', () => {
  it("a table 5-20% from the typed SPX is refused at market.chain, not as the trader's dividend yield", () => {
    // the forwards near 4300 read at SPX 3850 are a carry of over 100% a year: the marks would take
    // that as a dividend yield of -100% and refuse market.divYield, a field set right
    let text = '';
    try {
      plan(input(3850, { chain: table }));
    } catch (e) {
      text = (e as Error).message;
    }
    expect(text).toMatch(
      /^market\.chain: has its 2023-\d\d-\d\d forward 4\d{3}(\.\d+)? 1[12](\.\d)?% above SPX 3850, \d+ days out \(\d+% a year\): another market or SPX mistyped; pass this market's chain, or check market\.spx$/,
    );
    expect(text).not.toMatch(/divYield/);
    // 20% or more away, the fit's own refusal, named at the chain too (its "leave spot out" is not for a plan)
    expect(() => plan(input(3400, { chain: table }))).toThrow(
      /^market\.chain: has its nearest SPX forward at 4\d{3}(\.\d+)?, \d\d% away from market\.spx 3400: another market's quotes, or SPX mistyped; pass this market's chain, or check market\.spx$/,
    );
  });

  it('a fitted surface whose spot is not its forwards’ is refused at market.surface', () => {
    const data = buildSurface(
      parseInput(SurfaceRequestSchema, { chain: table, valuationDate: DAY, spot: 4298.86 }),
    ).data;
    expect(() => plan(input(3950, { surface: { ...data, spot: 3900 } }))).toThrow(
      /^market\.surface: has its 2023-\d\d-\d\d forward 4\d{3}(\.\d+)? 10(\.\d)?% above its spot 3900, \d+ days out .*; pass the surface fitted to this market's quotes/,
    );
    // a surface whose spot is SPX itself (fitted to a table at SPX, or Excel's SURFACE spill) is
    // checked against SPX, and pointed at quotes taken at that SPX
    expect(() => plan(input(3900, { surface: { ...data, spot: 3900 } }))).toThrow(
      /^market\.surface: has its 2023-\d\d-\d\d forward 4\d{3}(\.\d+)? 10(\.\d)?% above SPX 3900, \d+ days out .*; pass quotes taken at this SPX, or check market\.spx$/,
    );
    // a spot within a cent-level carry of the forwards, as every real chain's, passes
    expect(() => plan(input(4298.86, { surface: data }))).not.toThrow();
  });
});

describe('a chain read at an SPX its forwards do not imply', () => {
  const stale = (p: Plan) => p.warnings.filter((w) => w.startsWith("The SPX chain's nearest forward"));

  it('warns that a table keeps its quotes’ marks at an SPX 1% off, and says nothing at its own', () => {
    expect(stale(plan(input(4298.86, { chain: table })))).toEqual([]);
    const [w, ...rest] = stale(plan(input(4250, { chain: table })));
    expect(rest).toEqual([]);
    expect(w).toMatch(
      /^The SPX chain's nearest forward, 4\d{3}(\.\d+)? on 2023-\d\d-\d\d, implies SPX 4\d{3}(\.\d+)? at the plan's rate and dividend yield, \d\.\d% above market\.spx 4250: market\.chain carries no spot of its own and is read at market\.spx, so its marks stay where the options were quoted/,
    );
    // the same table's surface, fitted at 4250 and given as market.surface: the same words at that field
    const data = buildSurface(parseInput(SurfaceRequestSchema, { chain: table, valuationDate: DAY, spot: 4250 })).data;
    expect(stale(plan(input(4250, { surface: data })))[0]).toMatch(
      /4250: market\.surface has market\.spx itself as its spot, so its marks stay/,
    );
  });
});

describeWithData('quotedata read at another SPX', () => {
  const staleOf = (p: Plan) => p.warnings.filter((w) => w.startsWith("The SPX chain's nearest forward"));

  it('moves its marks from its Last: no warning at 1% off', () => {
    expect(staleOf(plan(input(4250, { chain: readDataFile(FILE) })))).toEqual([]);
  });

  it('carries its own spot even when the Last is typed as SPX and sits 0.7% from its forwards: no warning', () => {
    // the file's Last edited to 4270, 0.7% below its forwards, and typed as SPX: the spot is the
    // file's own (equal to SPX by the number, not read at it), so nothing is said of a table
    const text = readDataFile(FILE).replace('Last: 4300.0098', 'Last: 4270');
    expect(staleOf(plan(input(4270, { chain: text })))).toEqual([]);
  });

  it('a table of the long expiries alone is not read against a flat carry: no warning', () => {
    // 2022-02-04's expiries from 2022-12-30 (329 days) on: at a flat rate 0.25% and yield 1.35%
    // their forwards imply an SPX 0.7% above the close, the quotes' own carry, not a stale spot
    const DAY22 = '2022-02-04';
    const quotes = parseQuotedata(readDataFile('cboe_spx_quotedata_2022-02-04__Luca-Castelli.csv')).quotes.filter(
      (q) => (q.root === 'SPXW' && q.expiry >= '2022-12-01') || (q.root === 'SPX' && q.expiry > '2022-12-30'),
    );
    const table = [
      'root,expiry,strike,type,bid,ask',
      ...quotes.map((q) => [q.root, q.expiry, q.strike, q.type, q.bid, q.ask].join(',')),
    ].join('\n');
    const futures = vxExpiriesAfter(DAY22, 4).map((expiry, i) => ({ expiry, price: [24.6, 25.4, 25.9, 26.2][i]! }));
    const p = plan({
      valuationDate: DAY22,
      market: { spx: 4500.53, vix: 23.22, vvix: 110, rate: 0.0025, divYield: 0.0135, futures, chain: table },
      condor: { expiry: '2022-03-18', strikes: [3900, 4000, 4900, 5000], quantity: 10 },
      portfolio: { capital: 5_000_000 },
      positions: [],
    } as PlanInput);
    const first = p.surface.data.slices[0]!;
    expect([first.expiry, Math.round(first.years * 365)]).toEqual(['2022-12-30', 329]);
    const implied = first.forward * Math.exp(-(0.0025 - 0.0135) * first.years);
    expect(implied / 4500.53 - 1).toBeGreaterThan(0.005);
    expect(staleOf(p)).toEqual([]);
  });
});
