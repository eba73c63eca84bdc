/**
 * The fits of chain text kept (surface/fitCache.ts): the same text on the same market is fitted
 * once and gives the plan it gave, to the bit; another date (SPX and VIX chains), SPX or VIX is another fit; a chain
 * that is refused is refused every time; the marks the fit does not hold (the VX curve a VIX
 * chain's forwards are checked against) are read afresh; and at most CHAIN_FITS_KEPT are held.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { CHAIN_FITS_KEPT, ChainFits, SPX_CHAIN_FITS, VIX_CHAIN_FITS, plan, type PlanInput } from '@alvh/shared';
import { PLAN_2018_12_24, PLAN_INPUT } from '../../helpers/fixtures';
import { spxRows, vixRows } from '../../helpers/chains20181224';
import { vixChainQuotedata } from '../../helpers/vixChain';
import { errorOf } from '../../helpers/errors';

/** The 2018-12-24 SPX chain as plain CSV text (a table: no spot of its own, so SPX is its spot). */
const SPX_TEXT = [
  'expiry,strike,type,bid,ask',
  ...spxRows().map((r) => `${r.expiry},${r.strike},${r.type},${r.bid},${r.ask}`),
].join('\n');
const spxPlan = (market: Partial<PlanInput['market']> = {}): PlanInput =>
  ({ ...PLAN_2018_12_24, market: { ...PLAN_2018_12_24.market, chain: SPX_TEXT, ...market } }) as PlanInput;
const vixPlan = (vixChain: string, futures = PLAN_INPUT.market.futures): PlanInput =>
  ({ ...PLAN_INPUT, market: { ...PLAN_INPUT.market, futures, vixChain } }) as PlanInput;
/** A plan as JSON: what the API answers, every number to the bit. */
const json = (p: unknown): unknown => JSON.parse(JSON.stringify(p));

beforeEach(() => {
  SPX_CHAIN_FITS.clear();
  VIX_CHAIN_FITS.clear();
});

describe('ChainFits', () => {
  it('makes a fit once per key, keeps the newest few, and keeps no refusal', () => {
    const fits = new ChainFits<number>(2);
    let made = 0;
    const make = (n: number) => () => {
      made++;
      return n;
    };
    expect(fits.get('a', make(1))).toBe(1);
    expect(fits.get('a', make(9))).toBe(1);
    fits.get('b', make(2));
    fits.get('a', make(9)); // a is the newest now: c drops b
    fits.get('c', make(3));
    expect(fits.get('a', make(9))).toBe(1);
    expect(fits.get('b', make(4))).toBe(4);
    expect(made).toBe(4);
    expect(fits.stats()).toEqual({ hits: 3, misses: 4, kept: 2 });
    const boom = () => {
      made++;
      throw new Error('refused');
    };
    expect(() => fits.get('d', boom)).toThrow('refused');
    expect(() => fits.get('d', boom)).toThrow('refused');
    expect(made).toBe(6);
    expect(CHAIN_FITS_KEPT).toBeGreaterThanOrEqual(2);
  });
});

describe('the SPX chain of a plan', () => {
  it('fits the same text once: the second plan is the first to the bit', () => {
    const first = plan(spxPlan());
    expect(SPX_CHAIN_FITS.stats()).toEqual({ hits: 0, misses: 1, kept: 1 });
    const second = plan(spxPlan());
    expect(SPX_CHAIN_FITS.stats()).toEqual({ hits: 1, misses: 1, kept: 1 });
    expect(json(second)).toEqual(json(first));
    // and a fresh fit gives it too
    SPX_CHAIN_FITS.clear();
    expect(json(plan(spxPlan()))).toEqual(json(first));
    expect(first.surface.source).toBe('chain');
  });

  it('fits again for another SPX (a table is fitted at SPX) or VIX, and keeps both', () => {
    const base = plan(spxPlan());
    const moved = plan(spxPlan({ spx: 2360 }));
    expect(SPX_CHAIN_FITS.stats().misses).toBe(2);
    expect(moved.surface.data.spot).toBe(2360);
    expect(base.surface.data.spot).toBe(2351.1);
    plan(spxPlan({ vix: 30 }));
    expect(SPX_CHAIN_FITS.stats()).toEqual({ hits: 0, misses: 3, kept: 3 });
    // rows (the API's JSON form) are not kept: each request's rows are new objects
    plan({ ...spxPlan(), market: { ...PLAN_2018_12_24.market, chain: spxRows() } } as PlanInput);
    expect(SPX_CHAIN_FITS.stats().kept).toBe(3);
  });

  it('refuses a chain every time it is refused, naming the field, and keeps nothing of it', () => {
    // VIX options sent as the SPX chain: refused after the parse, before the fit
    const vix = vixChainQuotedata();
    const wrong = { ...PLAN_INPUT, market: { ...PLAN_INPUT.market, chain: vix } } as PlanInput;
    for (let i = 0; i < 2; i++) expect(errorOf(() => plan(wrong)).field).toBe('market.chain');
    expect(SPX_CHAIN_FITS.stats()).toEqual({ hits: 0, misses: 2, kept: 0 });
  });
});

describe('a table of another date', () => {
  // a table is dated by the plan's valuation date: the same text on 2018-12-26 is another fit
  const VIX_TEXT = [
    'root,expiry,strike,type,bid,ask',
    ...vixRows().map((r) => `${r.root},${r.expiry},${r.strike},${r.type},${r.bid},${r.ask}`),
  ].join('\n');
  const on = (valuationDate: string): PlanInput =>
    ({ ...spxPlan(), valuationDate, market: { ...spxPlan().market, vixChain: VIX_TEXT } }) as PlanInput;

  it('is fitted afresh, SPX and VIX alike: the plan is that of a fresh fit, not of the first date', () => {
    const first = plan(on('2018-12-24'));
    const later = plan(on('2018-12-26'));
    expect(SPX_CHAIN_FITS.stats()).toEqual({ hits: 0, misses: 2, kept: 2 });
    expect(VIX_CHAIN_FITS.stats()).toEqual({ hits: 0, misses: 2, kept: 2 });
    SPX_CHAIN_FITS.clear();
    VIX_CHAIN_FITS.clear();
    expect(json(later)).toEqual(json(plan(on('2018-12-26'))));
    // and the two dates' marks differ: a fit kept across dates would have shown
    expect(later.tail.premium).not.toBe(first.tail.premium);
    expect(later.condor.credit).not.toBe(first.condor.credit);
  });
});

describe('the VIX chain of a plan', () => {
  it('fits the same text once, and checks each plan’s own VX curve against its forwards', () => {
    const text = vixChainQuotedata();
    const first = plan(vixPlan(text));
    const again = plan(vixPlan(text));
    expect(VIX_CHAIN_FITS.stats()).toEqual({ hits: 1, misses: 1, kept: 1 });
    expect(json(again)).toEqual(json(first));
    expect(first.warnings.filter((w) => w.startsWith('VIX chain'))).toEqual([]);
    // the same chain against a curve 20% higher at 2027-02-17: the fit is kept, the warning is this plan's
    const off = PLAN_INPUT.market.futures.map((f) => (f.expiry === '2027-02-17' ? { ...f, price: f.price * 1.2 } : f));
    const warned = plan(vixPlan(text, off)).warnings.filter((w) => w.startsWith('VIX chain'));
    expect(VIX_CHAIN_FITS.stats().hits).toBe(2);
    expect(warned).toEqual([
      expect.stringMatching(/its 2027-02-17 parity forward 19\.9 is 16\.7% from the VX future 23\.88/),
    ]);
    // and the first plan's answer is unchanged by it
    expect(json(plan(vixPlan(text)))).toEqual(json(first));
  });
});
