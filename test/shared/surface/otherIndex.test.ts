/**
 * An SPX chain without a root column is read as SPXW, so a table of XSP options (a tenth of SPX) or
 * NDX options (several times SPX) fits as an SPX surface at its own level. Where an SPX level is
 * given beside it (a table's spot, as /api/surface and the taskpane's SPX pass it, or a plan's
 * market.spx), a forward at about a tenth of it or at twice it or more is refused naming XSP or NDX
 * (or the SPX mistyped), and the fit does not offer to leave the spot out, which would fit it
 * silently. Without any SPX level nothing says where SPX stood that day: the table fits as given.
 */
import { describe, expect, it } from 'vitest';
import {
  SurfaceRequestSchema,
  buildSurface,
  fitChainSurface,
  parseChain,
  parseInput,
  plan,
  vxExpiriesAfter,
  type ChainRow,
  type PlanInput,
} from '@alvh/shared';
import { errorOf } from '../../helpers/errors';
import { CROSSED_CALENDAR } from './crossedCalendar';

const DAY = '2023-06-09';

/** The fixture's SPX quotes about 4300, strikes and prices scaled by `f`, without a root column. */
const scaled = (f: number): ChainRow[] =>
  CROSSED_CALENDAR.map((r) => ({ ...r, strike: r.strike * f, bid: r.bid * f, ask: r.ask * f }));
const XSP = scaled(0.1);
const NDX = scaled(3.4);

const fitAt = (rows: ChainRow[], spot?: number) =>
  fitChainSurface(parseChain(rows, { valuationDate: DAY, ...(spot === undefined ? {} : { spot }) }));

describe('a chain at another index’s level, with the SPX level given beside it', () => {
  it('a table at a tenth of the spot is named as XSP options (or the spot mistyped), not told to leave spot out', () => {
    const e = errorOf(() => fitAt(XSP, 4300));
    expect(e.field).toBe('spot');
    expect(e.message).toBe(
      "spot: is 4300, 900% away from the chain's nearest forward 430.00: XSP options (a tenth of SPX), or spot mistyped; pass SPX options (a table without a root column is read as SPXW) and the SPX level at the time of the quotes",
    );
    // an SPX chain with its spot typed ten times too large has the same ratio: both are named
    expect(errorOf(() => fitAt(CROSSED_CALENDAR, 43000)).message).toMatch(
      /: XSP options \(a tenth of SPX\), or spot mistyped; /,
    );
  });

  it('a table at twice the spot or more is named as NDX or another index’s options', () => {
    const e = errorOf(() => fitAt(NDX, 4300));
    expect(e.message).toBe(
      "spot: is 4300, 71% away from the chain's nearest forward 14620.00: NDX or another index's options (3.4× SPX), or spot mistyped; pass SPX options (a table without a root column is read as SPXW) and the SPX level at the time of the quotes",
    );
  });

  it('/api/surface’s fit (buildSurface) answers the same', () => {
    const e = errorOf(() =>
      buildSurface(parseInput(SurfaceRequestSchema, { chain: XSP, valuationDate: DAY, spot: 4300 })),
    );
    expect(e.message).toMatch(/^spot: is 4300, 900% away .*: XSP options \(a tenth of SPX\)/);
  });

  it('a gap that points at no index keeps the plain refusal and its fix', () => {
    expect(errorOf(() => fitAt(CROSSED_CALENDAR, 5400)).message).toBe(
      "spot: is 5400, 26% away from the chain's nearest forward 4300.00; pass the SPX level at the time of the quotes, or leave spot out (the nearest forward is used)",
    );
    // a forward at 2× the spot (8600 against 4300) is named; at 1.9× it is not
    expect(errorOf(() => fitAt(scaled(2), 4300)).message).toMatch(/NDX or another index's options \(2× SPX\)/);
    expect(errorOf(() => fitAt(scaled(1.9), 4300)).message).toMatch(/; pass the SPX level .* or leave spot out/);
  });

  it('without any SPX level the table fits at its own (no SPX history is kept to compare)', () => {
    expect(fitAt(XSP).surface.spot).toBeCloseTo(430, 2);
  });
});

describe('a plan: the chain’s nearest forward against market.spx', () => {
  const input = (chain: ChainRow[]): PlanInput => {
    const futures = vxExpiriesAfter(DAY, 4).map((expiry, i) => ({ expiry, price: [14.3, 16.2, 17.3, 18.1][i]! }));
    return {
      valuationDate: DAY,
      market: { spx: 4300, vix: 13.83, vvix: 89.7, rate: 0.05, divYield: 0.015, futures, chain },
      condor: { expiry: '2023-07-21', strikes: [3900, 4000, 4500, 4600], quantity: 10 },
      portfolio: { capital: 5_000_000 },
      positions: [],
    } as PlanInput;
  };

  it('names XSP and NDX at the chain, keeping the plain words for another gap', () => {
    expect(errorOf(() => plan(input(XSP))).message).toBe(
      "market.chain: has its nearest SPX forward at 430.00, 900% away from market.spx 4300: XSP options (a tenth of SPX), or SPX mistyped; pass this market's chain, or check market.spx",
    );
    expect(errorOf(() => plan(input(NDX))).message).toMatch(
      /^market\.chain: has its nearest SPX forward at 14620\.00, 71% away from market\.spx 4300: NDX or another index's options \(3\.4× SPX\), or SPX mistyped; /,
    );
    expect(errorOf(() => plan(input(scaled(1.5)))).message).toMatch(/: another market's quotes, or SPX mistyped; /);
  });
});
