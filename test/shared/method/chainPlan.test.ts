/**
 * The plan on the two real SPX chains (../shared/data): a 10-lot, about-45-day, 16-delta condor
 * 50 points wide. Its model credit must lie within the chain's bid-ask of the condor (shorts sold
 * at the bid and longs bought at the ask, up to shorts at the ask and longs at the bid), with the
 * chain given (the surface fitted to it) and with the Cboe indices only.
 *
 * The chain files carry no VX futures: the plan's curve is a proxy from the day's VIX and VIX3M
 * (30 and 93-day constant maturity, linear in days). It moves only the VIX hedges, not the
 * condor's credit tested here.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bsGreeks, plan, vxExpiriesAfter, type Plan, type PlanInput } from '@alvh/shared';
import { describeWithData } from '../../helpers/marketData';
import { REAL_CHAINS, loadChain, type RealChain } from '../surface/chains';
import { readDataFile } from '../../helpers/marketData';

const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8').replace(
  /\s+/g,
  ' ',
);
const VVIX: Record<string, number> = { '2022-02-04': 124.89, '2023-06-09': 89.7 };
/** The 2023-06-09 file's SPXW 2023-07-21 3950 put, bid and ask (its SPX row: 9.9 / 10.2). */
const SPXW_3950P = [10.2, 10.4] as const;

function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** The condor of the test on a chain: expiry, strikes, and its bid-ask as a credit. */
function condorOn(c: RealChain) {
  const { chain, fit } = loadChain(c);
  const spot = chain.spot as number;
  const quotes = chain.quotes.filter((q) => q.root === 'SPXW');
  const expiries = [...new Set(quotes.map((q) => q.expiry))];
  const expiry = expiries.reduce((best, e) =>
    Math.abs(dayOf(e) - dayOf(c.date) - 45) < Math.abs(dayOf(best) - dayOf(c.date) - 45) ? e : best,
  );
  const years = (dayOf(expiry) - dayOf(c.date)) / 365;
  const at = (type: 'call' | 'put', strike: number) =>
    quotes.find((q) => q.expiry === expiry && q.type === type && q.strike === strike);
  // 16-delta short strikes on the fitted surface, among the strikes quoted on both sides of the wing
  // (every listed strike, 1700 too: the kernel, as the checked vol takes half to twice spot)
  const delta = (type: 'call' | 'put', k: number) =>
    bsGreeks({
      type,
      spot,
      strike: k,
      years,
      vol: fit.surface.volUnchecked(years, k),
      rate: c.rate,
      divYield: c.divYield,
    }).delta;
  const strikes = [...new Set(quotes.filter((q) => q.expiry === expiry).map((q) => q.strike))].sort((a, b) => a - b);
  const pick = (type: 'call' | 'put', wing: number) =>
    strikes
      .filter((k) => at(type, k) !== undefined && at(type, k + wing) !== undefined)
      .reduce((best, k) =>
        Math.abs(Math.abs(delta(type, k)) - 0.16) < Math.abs(Math.abs(delta(type, best)) - 0.16) ? k : best,
      );
  const k2 = pick('put', -50);
  const k3 = pick('call', 50);
  const legs = { k1: at('put', k2 - 50)!, k2: at('put', k2)!, k3: at('call', k3)!, k4: at('call', k3 + 50)! };
  const low = legs.k2.bid + legs.k3.bid - legs.k1.ask - legs.k4.ask;
  const high = legs.k2.ask + legs.k3.ask - legs.k1.bid - legs.k4.bid;
  return {
    spot,
    expiry,
    strikes: [k2 - 50, k2, k3, k3 + 50] as [number, number, number, number],
    low,
    high,
    quote: (type: 'call' | 'put', strike: number, e: string) =>
      quotes.find((q) => q.expiry === e && q.type === type && q.strike === strike),
  };
}

/**
 * The plan's overlay calendar (one unit: short the front put, long the back put) against the
 * chain's SPXW quotes: its model debit per share and its bid-ask (back bid − front ask up to
 * back ask − front bid).
 */
function calendarAgainstChain(p: Plan, k: ReturnType<typeof condorOn>) {
  const front = p.overlay.unitLegs.find((l) => l.quantity < 0);
  const back = p.overlay.unitLegs.find((l) => l.quantity > 0);
  if (front === undefined || back === undefined) throw new Error('the overlay is not a calendar');
  const f = k.quote('put', front.strike, front.expiry);
  const b = k.quote('put', back.strike, back.expiry);
  if (f === undefined || b === undefined) throw new Error(`the chain lists no ${front.strike} put on both expiries`);
  return { model: p.overlay.unitCost / 100, low: b.bid - f.ask, high: b.ask - f.bid };
}

function input(c: RealChain, spot: number, expiry: string, strikes: [number, number, number, number]): PlanInput {
  const { vix, vix3m } = c.indices;
  const futures = vxExpiriesAfter(c.date, 4).map((e) => {
    const d = dayOf(e) - dayOf(c.date);
    return { expiry: e, price: +(vix + ((vix3m - vix) * Math.min(Math.max(d - 30, 0), 63)) / 63).toFixed(2) };
  });
  return {
    valuationDate: c.date,
    market: { spx: spot, vix, vvix: VVIX[c.date] as number, rate: c.rate, divYield: c.divYield, futures },
    condor: { expiry, strikes, quantity: 10 },
    portfolio: { capital: 2_000_000 },
  };
}

describeWithData('the plan on the real SPX chains', () => {
  for (const c of REAL_CHAINS) {
    describe(c.date, () => {
      const k = condorOn(c);
      const base = input(c, k.spot, k.expiry, k.strikes);

      it('with the chain given: the surface is the chain and the credit lies within the condor’s bid-ask', () => {
        const p = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) } });
        expect(p.surface.source).toBe('chain');
        expect(p.surface.date).toBe(c.date);
        expect(p.condor.creditSource).toBe('priced from the surface');
        expect(k.high - k.low).toBeGreaterThan(0);
        expect(p.condor.credit).toBeGreaterThanOrEqual(k.low);
        expect(p.condor.credit).toBeLessThanOrEqual(k.high);
        // no VIX-only warning: the chain has a term structure
        expect(p.warnings.some((w) => w.startsWith('VIX only'))).toBe(false);
        // neither file has a crossed or locked quote: 2022-02-04's one with a bid and ask 0 is
        // one-sided (no ask), no bad data to warn of
        expect(p.warnings.filter((w) => /with the bid at or above the ask/.test(w))).toEqual([]);
        // every SPX option the plan marks lies within the chain's fitted expiries
        expect(p.warnings.filter((w) => w.startsWith('SPX chain:'))).toEqual([]);
        // its orders are priced off the chain's fit and quotes: no word of marks that are not quotes;
        // the same plan without the chain says it of its orders
        const unquoted = (r: Plan) => r.warnings.filter((w) => w.startsWith("The SPX orders' mids and limits"));
        const ordered = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) }, positions: [] });
        expect(ordered.orders!.orders.some((o) => o.leg.kind === 'spx' && o.bid !== undefined)).toBe(true);
        expect(unquoted(ordered)).toEqual([]);
        expect(unquoted(plan({ ...base, positions: [] }))).toHaveLength(1);
      });

      it('with a chain that stops short of the condor: says the marks are extrapolated, not quoted', () => {
        // the file's first four expiries only (days out; 2023-06-09's first is the day's own, left out): the
        // condor's and the overlay's lie beyond
        const lines = readDataFile(c.file).split(/\r?\n/);
        const head = lines.findIndex((l) => l.startsWith('Expiration Date')) + 1;
        const rows = lines.slice(head);
        const firsts = [...new Set(rows.map((l) => l.split(',')[0]!).filter((d) => d !== ''))].slice(0, 4);
        const short = [...lines.slice(0, head), ...rows.filter((l) => firsts.includes(l.split(',')[0]!))].join('\n');
        const p = plan({ ...base, market: { ...base.market, chain: short } });
        const last = p.surface.data.slices.at(-1)!.expiry;
        expect(last < k.expiry).toBe(true);
        const said = p.warnings.filter((w) => w.startsWith('SPX chain:'));
        expect(said).toHaveLength(1);
        expect(said[0]).toMatch(
          new RegExp(
            `^SPX chain: the plan marks SPX options of ${k.expiry}(, [0-9-]+)*, outside the chain's fitted expiries ${p.surface.data.slices[0]!.expiry} to ${last}: their vols are extrapolated: .*, not quoted; pass a chain listing those expiries\\.$`,
          ),
        );
      });

      it('with the chain given: the credit is the one of the fit’s own marks of the four legs', () => {
        // The fit's marks are at the quotes' own time and discount; the plan counts whole days (the
        // 13:40 quotes of 2023-06-09 have 2h20 more to settlement) and discounts at market.rate.
        // Measured: 0.009 (2022) and 0.047 (2023) points apart; on S·e^((r−q)T) the credit was
        // 0.570 and 0.082 away.
        const p = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) } });
        const slice = loadChain(c).fit.slices.find((s) => s.inSurface && s.expiry === k.expiry)!;
        const mark = (type: 'call' | 'put', strike: number) =>
          slice.marks.find((m) => m.type === type && m.strike === strike)!.modelPrice;
        const [k1, k2, k3, k4] = k.strikes;
        const fitCredit = mark('put', k2) + mark('call', k3) - mark('put', k1) - mark('call', k4);
        expect(Math.abs(p.condor.credit - fitCredit)).toBeLessThan(c.date === '2022-02-04' ? 0.02 : 0.06);
      });

      it('with the chain given: the overlay calendar at the short put is priced within its bid-ask', () => {
        const p = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) } });
        expect(p.overlay.structure).toBe('spx-put-calendar');
        expect(p.overlay.unitLegs[0]?.strike).toBe(k.strikes[1]);
        const cal = calendarAgainstChain(p, k);
        expect(cal.high).toBeGreaterThan(cal.low);
        expect(cal.model).toBeGreaterThanOrEqual(cal.low);
        expect(cal.model).toBeLessThanOrEqual(cal.high);
      });

      it('with the indices only: the overlay calendar is priced within its bid-ask', () => {
        const p = plan({
          ...base,
          market: { ...base.market, indices: { vix9d: c.indices.vix9d, vix3m: c.indices.vix3m, skew: c.indices.skew } },
        });
        const cal = calendarAgainstChain(p, k);
        expect(cal.model).toBeGreaterThanOrEqual(cal.low);
        expect(cal.model).toBeLessThanOrEqual(cal.high);
      });

      it('with the indices only: the credit lies within the condor’s bid-ask', () => {
        const p = plan({
          ...base,
          market: { ...base.market, indices: { vix9d: c.indices.vix9d, vix3m: c.indices.vix3m, skew: c.indices.skew } },
        });
        expect(p.surface.source).toBe('indices');
        expect(p.condor.credit).toBeGreaterThanOrEqual(k.low);
        expect(p.condor.credit).toBeLessThanOrEqual(k.high);
      });

      it('a fitted surface passed back (surface.data) gives the same plan as the chain', () => {
        const fromChain = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) } });
        const again = plan({ ...base, market: { ...base.market, surface: fromChain.surface.data } });
        expect(again.condor.credit).toBe(fromChain.condor.credit);
        expect(again.tail.requiredContracts).toBe(fromChain.tail.requiredContracts);
      });

      it('with VIX alone: a flat term structure, and the plan says so', () => {
        const p = plan(base);
        expect(p.surface.source).toBe('vix-only');
        expect(p.warnings.some((w) => w.startsWith('VIX only'))).toBe(true);
        // README quotes these: the credit from VIX alone against the condor's bid-ask that day
        const quoted = { '2022-02-04': 11.43, '2023-06-09': 10.05 } as Record<string, number>;
        expect(p.condor.credit).toBeCloseTo(quoted[c.date]!, 2);
        expect(readme).toContain(
          `${quoted[c.date]!.toFixed(2)} against ${k.low.toFixed(2)}-${k.high.toFixed(2)} on ${c.date}`,
        );
      });
    });
  }

  it('rejects a chain of another day and a chain with a surface, naming the field', () => {
    const c = REAL_CHAINS[0] as RealChain;
    const k = condorOn(c);
    const base = input(c, k.spot, k.expiry, k.strikes);
    const other = readDataFile((REAL_CHAINS[1] as RealChain).file);
    expect(() => plan({ ...base, market: { ...base.market, chain: other } })).toThrow(/market\.chain/);
    const p = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) } });
    expect(() =>
      plan({ ...base, market: { ...base.market, chain: readDataFile(c.file), surface: p.surface.data } }),
    ).toThrow(/market\.surface/);
    expect(() => plan({ ...base, market: { ...base.market, indices: { vix3m: 0.26 } } })).toThrow(/vix3m|VIX3M/);
  });

  it("rejects a fitted surface of another market: its spot far from the plan's SPX", () => {
    const c = REAL_CHAINS[0] as RealChain;
    const k = condorOn(c);
    const base = input(c, k.spot, k.expiry, k.strikes);
    const data = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) } }).surface.data;
    const moved = { ...data, spot: data.spot * 0.7 };
    expect(() => plan({ ...base, market: { ...base.market, surface: moved } })).toThrow(
      /^market\.surface\.spot: is [\d.]+, 30% from market\.spx [\d.]+: a surface of another market/,
    );
    // the surface of the day with SPX 10% higher since its quotes: taken, marked at the new spot
    const later = plan({ ...base, market: { ...base.market, spx: base.market.spx * 1.1, surface: data } });
    expect(later.surface.source).toBe('chain');
  });

  it('refuses a fitted surface edited beyond any mark, naming the slice, not the VIX', () => {
    const c = REAL_CHAINS[0] as RealChain;
    const k = condorOn(c);
    const base = input(c, k.spot, k.expiry, k.strikes);
    const data = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) } }).surface.data;
    // a alone, or b, σ, ρ and m with a as fitted: the slice is named, with its ATM total variance
    const edits: Record<string, number>[] = [
      { a: 2.5 },
      { a: 5 },
      { a: 100 },
      { b: 1, sigma: 8 },
      { b: 0.9, rho: -0.9, m: 9 },
    ];
    for (const edit of edits) {
      const edited = {
        ...data,
        slices: data.slices.map((s, i) => (i === 0 ? { ...s, svi: { ...s.svi, ...edit } } : s)),
      };
      expect(() => plan({ ...base, market: { ...base.market, surface: edited } })).toThrow(
        /^market\.surface\.slices\[0\]\.svi: gives an at-the-money vol of \d+% at 0\.0082 years \(total variance [\d.]+\), above the 500% any mark takes; pass the surface as fitted \(ALVH\.SURFACE or \/api\/surface\)$/,
      );
    }
    // the fitted slices, up to the last, pass: the refusal is of the edit
    expect(plan({ ...base, market: { ...base.market, surface: data } }).surface.source).toBe('chain');
  });
});

describeWithData('orders of a plan fitted to the 2023-06-09 chain', () => {
  it("carry the chain row's bid / ask of each listed SPX contract, the limit within it; VIX options none", () => {
    const c = REAL_CHAINS[1] as RealChain;
    const { chain } = loadChain(c);
    // the July monthly: new orders go under SPXW (PM-settled, the slice the surface is fitted to)
    // and read the SPXW rows, not the AM-settled SPX ones of the same date
    const base = input(c, chain.spot as number, '2023-07-21', [3950, 4000, 4500, 4550]);
    const p = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) }, positions: [] });
    const spx = p.orders!.orders.filter((o) => o.leg.kind === 'spx');
    expect(spx.map((o) => `${o.contract} ${o.leg.strike} ${o.leg.type}`)).toEqual([
      'SPXW 3950 put',
      'SPXW 4000 put',
      'SPXW 4500 call',
      'SPXW 4550 call',
    ]);
    const rowOf = (root: string, o: (typeof spx)[number]) =>
      chain.quotes.find(
        (q) => q.root === root && q.expiry === o.leg.expiry && q.strike === o.leg.strike && q.type === o.leg.type,
      )!;
    for (const o of spx) {
      const row = rowOf('SPXW', o);
      expect([o.bid, o.ask]).toEqual([row.bid, row.ask]);
      expect([o.bid, o.ask]).not.toEqual([rowOf('SPX', o).bid, rowOf('SPX', o).ask]);
      if (o.side === 'buy') expect(o.limit).toBeLessThanOrEqual(Math.min(o.ask!, o.mid));
      else expect(o.limit).toBeGreaterThanOrEqual(Math.max(o.bid!, o.mid));
    }
    expect(spx[0]).toMatchObject({ side: 'buy', bid: SPXW_3950P[0], ask: SPXW_3950P[1] });
    // a December condor: the chain lists SPX alone there (SPXW third Fridays stop at 2023-10-20), so
    // its orders go under SPX and read the SPX rows, not SPXW, which no exchange listed
    const dec = input(c, chain.spot as number, '2023-12-15', [3800, 3850, 4800, 4850]);
    const far = plan({ ...dec, market: { ...dec.market, chain: readDataFile(c.file) }, positions: [] });
    expect(chain.quotes.some((q) => q.root === 'SPXW' && q.expiry === '2023-12-15')).toBe(false);
    const farSpx = far.orders!.orders.filter((o) => o.leg.kind === 'spx' && o.leg.expiry === '2023-12-15');
    expect(farSpx.map((o) => o.contract)).toEqual(['SPX', 'SPX', 'SPX', 'SPX']);
    for (const o of farSpx) expect([o.bid, o.ask]).toEqual([rowOf('SPX', o).bid, rowOf('SPX', o).ask]);
    // the same condor held as SPX (AM-settled) monthlies: closed, and resized, under SPX at the SPX rows
    const held = 'Symbol,Qty\nSPX 230721P03950,3\nSPX 230721P04000,-3\nSPX 230721C04500,-3\nSPX 230721C04550,3';
    const am = plan({ ...base, market: { ...base.market, chain: readDataFile(c.file) }, positions: held });
    const amSpx = am.orders!.orders.filter((o) => o.leg.kind === 'spx');
    expect(amSpx.length).toBeGreaterThan(0);
    for (const o of amSpx) {
      expect(o.contract).toBe('SPX');
      expect([o.bid, o.ask]).toEqual([rowOf('SPX', o).bid, rowOf('SPX', o).ask]);
    }
    for (const o of p.orders!.orders.filter((x) => x.leg.kind === 'vix')) expect(o).not.toHaveProperty('bid');
    // marked on the same surface without the chain (market.surface), the orders carry no quote
    const bare = plan({ ...base, market: { ...base.market, surface: p.surface.data }, positions: [] });
    expect(bare.orders!.orders.some((o) => 'bid' in o)).toBe(false);
  });
});
