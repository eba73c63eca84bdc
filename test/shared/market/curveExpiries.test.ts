import { describe, expect, it } from 'vitest';
import { buildTermStructure, plan, vxExpiriesAfter, type CurveInput, type PlanInput } from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';

/** A day's curve with its listed monthly expiries, the first replaced by `first` when given. */
function curve(date: string, vix: number, vx: number[], first?: string): CurveInput {
  const expiries = vxExpiriesAfter(date, vx.length);
  if (first !== undefined) expiries[0] = first;
  return { valuationDate: date, vixSpot: vix, futures: expiries.map((expiry, i) => ({ expiry, price: vx[i]! })) };
}

// Settlements of the quantintell VX file (VIX closes from Cboe).
const MAR_14_2014 = ['2014-03-14', 17.82, [17.7, 17.1, 17.25, 17.65, 18.05, 18.35, 18.65, 18.9]] as const;
const FEB_05_2018 = ['2018-02-05', 37.32, [33.225, 27.975, 24.725, 20.95, 19.375, 19.425, 20.425, 18.925]] as const;

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('buildTermStructure: a mistyped monthly expiry is refused, not read as a weekly', () => {
  it('2014-03-14: the March future (settling Tuesday 2014-03-18, Good Friday rule) typed as the Wednesday', () => {
    const [date, vix, vx] = MAR_14_2014;
    const right = buildTermStructure(curve(date, vix, [...vx]));
    expect(right.f1.expiry).toBe('2014-03-18');
    expect(right.spread).toBeCloseTo(0.6, 12);
    expect(right.regime).toBe('backwardation');
    // Read as a weekly, F1 became April: spread −0.15, 'flat'.
    expect(messageOf(() => buildTermStructure(curve(date, vix, [...vx], '2014-03-19')))).toBe(
      "futures[0].expiry: is 2014-03-19, not the March 2014 VX settlement 2014-03-18; no weekly VX future settles in a monthly's week; pass 2014-03-18 for the March 2014 future",
    );
  });

  it('2018-02-05: the February future (2018-02-14) typed as the Friday after or the Wednesday a week on', () => {
    const [date, vix, vx] = FEB_05_2018;
    expect(buildTermStructure(curve(date, vix, [...vx])).spread).toBeCloseTo(5.25, 12);
    expect(messageOf(() => buildTermStructure(curve(date, vix, [...vx], '2018-02-16')))).toMatch(
      /^futures\[0\]\.expiry: is 2018-02-16, not the February 2018 VX settlement 2018-02-14; .*; pass 2018-02-14 for the February 2018 future$/,
    );
    // 2018-02-21 is a weekly's day, but the February monthly F1 is then missing from the list.
    expect(messageOf(() => buildTermStructure(curve(date, vix, [...vx], '2018-02-21')))).toMatch(
      /^futures\[0\]\.expiry: is 2018-02-21, and the February 2018 VX future \(F1, settling 2018-02-14\) before it is not listed: .*F1 and F2 are the first two monthly contracts.*; add the February 2018 future \(expiry 2018-02-14\) with its price, or correct this expiry to 2018-02-14 if it is that future$/,
    );
  });

  it('with weeklies listed, a missing second monthly (F2) is named at the future after it', () => {
    const c: CurveInput = {
      valuationDate: '2018-02-05',
      vixSpot: 37.32,
      futures: [
        { expiry: '2018-02-07', price: 35 },
        { expiry: '2018-02-14', price: 33.225 },
        { expiry: '2018-04-18', price: 24.725 },
      ],
    };
    expect(messageOf(() => buildTermStructure(c))).toMatch(
      /^futures\[2\]\.expiry: is 2018-04-18, and the March 2018 VX future \(F2, settling 2018-03-21\) before it is not listed: .*; add the March 2018 future \(expiry 2018-03-21\) with its price$/,
    );
  });

  it('monthlies alone: a missing F1 or F2 is refused, not filled by the next contract', () => {
    // 2018-12-24 (quantintell settlements): without February 2019, March would be F2, the spread
    // 3.725 ('steep-backwardation') instead of 2.575 ('backwardation')
    const vx = [25.9, 23.325, 22.175, 21.425, 21.125, 21.1, 21.35, 21.2];
    const full = curve('2018-12-24', 36.07, vx);
    expect(buildTermStructure(full).regime).toBe('backwardation');
    const noF2 = { ...full, futures: full.futures.filter((_, i) => i !== 1) };
    expect(messageOf(() => buildTermStructure(noF2))).toBe(
      'futures[1].expiry: is 2019-03-19, and the February 2019 VX future (F2, settling 2019-02-13) before it is not listed: F1 and F2 are the first two VX futures expiring after the valuation date, so the F1 − F2 spread, the regime and the split would be read off a later contract, and a leg on its expiry priced off the fit; add the February 2019 future (expiry 2019-02-13) with its price',
    );
    const noF1 = { ...full, futures: full.futures.slice(1) };
    expect(messageOf(() => buildTermStructure(noF1))).toMatch(
      /^futures\[0\]\.expiry: is 2019-02-13, and the January 2019 VX future \(F1, settling 2019-01-16\) before it is not listed: .*; add the January 2019 future \(expiry 2019-01-16\) with its price$/,
    );
    // a gap further out leaves F1 and F2 as they are
    const noF3 = { ...full, futures: full.futures.filter((_, i) => i !== 2) };
    expect(buildTermStructure(noF3).spread).toBeCloseTo(2.575, 12);
  });

  it('refuses an expiry on a weekend or an exchange holiday', () => {
    const sat = curve('2019-03-01', 13.57, [14.825, 15.625, 16.125]);
    sat.futures[1]!.expiry = '2019-04-20';
    expect(messageOf(() => buildTermStructure(sat))).toBe(
      "futures[1].expiry: is 2019-04-20, a Saturday: no VX future settles on a day the exchange is closed; pass the contract's final-settlement date (the April 2019 future settles 2019-04-17)",
    );
    const goodFriday = curve('2019-03-01', 13.57, [14.825, 15.625, 16.125]);
    goodFriday.futures[1]!.expiry = '2019-04-19';
    expect(messageOf(() => buildTermStructure(goodFriday))).toMatch(
      /^futures\[1\]\.expiry: is 2019-04-19, an exchange holiday \(Good Friday\): no VX future settles/,
    );
  });

  it('refuses a date no VX future settles on (an SPX expiry typed for the VX one)', () => {
    const c = curve('2020-01-02', 13.78, [14.1, 15.3, 16.2]);
    c.futures[0]!.expiry = '2020-01-17';
    expect(messageOf(() => buildTermStructure(c))).toMatch(
      /^futures\[0\]\.expiry: is 2020-01-17, a Friday, not a VX settlement day \(that week's is 2020-01-15\); pass the contract's final-settlement date \(the January 2020 future settles 2020-01-22\)/,
    );
  });

  it('a plan names the field where the plan sent it', () => {
    const [date, vix, vx] = MAR_14_2014;
    const futures = curve(date, vix, [...vx], '2014-03-19').futures;
    const input: PlanInput = {
      valuationDate: date,
      market: { spx: 1841.13, vix, vvix: 80, rate: 0.001, divYield: 0.02, futures },
      condor: { expiry: '2014-04-17', strikes: [1700, 1750, 1925, 1975], quantity: 1 },
      portfolio: { capital: 1_000_000 },
    };
    expect(messageOf(() => plan(input))).toMatch(/^market\.futures\[0\]\.expiry: is 2014-03-19, not the March 2014/);
  });
});

describe('buildTermStructure: real weekly futures still pass', () => {
  it('weeklies on Wednesdays, and on the Tuesday before a holiday Wednesday', () => {
    // 2018-07-04 (Independence Day) is a Wednesday: that week's weekly settled on Tuesday 2018-07-03.
    const ts = buildTermStructure({
      valuationDate: '2018-06-25',
      vixSpot: 17.33,
      futures: [
        { expiry: '2018-06-27', price: 16.9 },
        { expiry: '2018-07-03', price: 16.5 },
        { expiry: '2018-07-11', price: 16.3 },
        { expiry: '2018-07-18', price: 16.2 },
        { expiry: '2018-08-22', price: 16.4 },
      ],
    });
    expect([ts.f1.expiry, ts.f2.expiry]).toEqual(['2018-07-18', '2018-08-22']);
    expect(() =>
      buildTermStructure({
        valuationDate: '2018-06-25',
        vixSpot: 17.33,
        futures: [
          { expiry: '2018-07-04', price: 16.5 },
          { expiry: '2018-07-18', price: 16.2 },
        ],
      }),
    ).toThrow(/^futures\[0\]\.expiry: is 2018-07-04, an exchange holiday \(Independence Day\)/);
  });
});

describeWithData('buildTermStructure: the Cboe curve download with its weeklies', () => {
  it('takes the 2026-07 curve as listed; F1 and F2 are its first two monthlies', () => {
    const rows = readDataFile('cboe_VIX_FUTURES_CURVE__ManULoreN14.csv')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(','));
    const futures = rows.map((c) => ({ expiry: c[0]!, price: Number(c[2]) }));
    const ts = buildTermStructure({ valuationDate: '2026-07-22', vixSpot: 17, futures });
    expect(ts.points).toHaveLength(13);
    expect([ts.f1.expiry, ts.f2.expiry]).toEqual(['2026-08-19', '2026-09-16']);
    // its first six rows list F1 (2026-08-19) but stop before F2: the spread would be read off two
    // weeklies (0.0000, flat, where the curve's is −0.7113, contango), so the list is refused
    const curve = (n: number) => ({ valuationDate: '2026-07-22', vixSpot: 17.8, futures: futures.slice(0, n) });
    expect(messageOf(() => buildTermStructure(curve(6)))).toBe(
      'futures[5].expiry: is 2026-09-02, the last future listed, before the September 2026 VX future (F2, settling 2026-09-16): with weekly futures in the list F1 and F2 are the first two monthly contracts, and without F2 the F1 − F2 spread, the regime and the split would be read off weeklies; add the September 2026 future (expiry 2026-09-16) with its price',
    );
    expect(buildTermStructure(curve(7)).spread).toBeCloseTo(-0.7113, 10);
    // weeklies alone, ending before F1
    expect(messageOf(() => buildTermStructure(curve(3)))).toMatch(
      /^futures\[2\]\.expiry: is 2026-08-12, the last future listed, before the August 2026 VX future \(F1, settling 2026-08-19\)/,
    );
  });
});

describe('buildTermStructure: a list that stops before F2', () => {
  it('two monthly futures, the least input, still build; a weekly after F1 alone does not', () => {
    const ts = buildTermStructure(curve('2019-12-20', 12.51, [14.775, 16.425]));
    expect([ts.f1.expiry, ts.f2.expiry, ts.spread]).toEqual(['2020-01-22', '2020-02-19', 14.775 - 16.425]);
    expect(() =>
      buildTermStructure({
        valuationDate: '2019-12-20',
        vixSpot: 12.51,
        futures: [
          { expiry: '2020-01-22', price: 14.775 },
          { expiry: '2020-01-29', price: 15 },
        ],
      }),
    ).toThrow(
      /^futures\[1\]\.expiry: is 2020-01-29, the last future listed, before the February 2020 VX future \(F2, settling 2020-02-19\)/,
    );
  });
});

describe('buildTermStructure: the F1 gap named where its cause is', () => {
  const APR_08_2025 = ['2025-04-08', 46.98, [39.17, 32.3, 29.5]] as const;

  it('the April future typed as the weekly 2025-04-09 is named at its own expiry (it blamed the May future)', () => {
    const [date, vix, vx] = APR_08_2025;
    expect(buildTermStructure(curve(date, vix, [...vx])).f1.expiry).toBe('2025-04-16');
    expect(messageOf(() => buildTermStructure(curve(date, vix, [...vx], '2025-04-09')))).toBe(
      'futures[0].expiry: is 2025-04-09, a weekly VX settlement day, and the April 2025 VX future (F1, settling 2025-04-16) is not listed; if this is the April 2025 future, correct its expiry to 2025-04-16; else add the April 2025 future (expiry 2025-04-16) with its price',
    );
  });

  it('a valuation date a year before the futures points at the date, not at a future to add', () => {
    const [, vix, vx] = APR_08_2025;
    const futures = vxExpiriesAfter('2025-04-08', 3).map((expiry, i) => ({ expiry, price: vx[i]! }));
    expect(messageOf(() => buildTermStructure({ valuationDate: '2024-04-08', vixSpot: vix, futures }))).toBe(
      "futures[0].expiry: is 2025-04-16, the first future listed, 373 days after the valuation date 2024-04-08: the front VX future always settles within about 35 days, so the futures are of a later day than the valuation date; check the valuation date (its year) against the futures' dates, or pass the futures of 2024-04-08",
    );
    // a curve that starts a month late is still a gap to fill
    expect(
      messageOf(() => buildTermStructure({ valuationDate: '2025-04-08', vixSpot: vix, futures: futures.slice(1) })),
    ).toMatch(
      /^futures\[0\]\.expiry: is 2025-05-21, and the April 2025 VX future \(F1, settling 2025-04-16\) before it is not listed/,
    );
  });
});
