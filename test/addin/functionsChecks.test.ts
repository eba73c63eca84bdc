/**
 * The BUILT custom functions' plausibility checks: arguments the sizing package would take but a
 * trader never means (a percentage typed as a ratio, days typed as years, a VX price off by 10×,
 * an expired front leg), each rejected naming the argument with the value and the fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustomFunctionsError, ErrorCode, errorOf, useBuiltFunctions } from './stubs/customFunctions';
import { planSheet20181224 } from './stubs/planSheet';
import { isoToExcelSerial } from '@alvh/shared';
import { black76ClosedForm, bsmClosedForm } from '../helpers/closedForm';

const call = useBuiltFunctions();

/** The #VALUE! message of a call (fails when the call answers or gives another error). */
function invalid(id: string, ...args: unknown[]): string {
  const e = errorOf(() => call(id, ...args));
  expect(e.code, e.message).toBe(ErrorCode.invalidValue);
  expect((e.message ?? '').length).toBeLessThanOrEqual(200);
  return e.message ?? '';
}

// The documented 2021-11-19 sheet (docs/excel.md): condor loss, VX of the hedge expiry, 61 days, VVIX/100.
const LOSS = 34557.05;
const HEDGE_F = 22.7497;
const YEARS = 61 / 365;
const VVOL = 1.1374;
const STRESSED_F = 35.7223;

describe('ALVH.TAILSIZE plausibility', () => {
  it('names hedgeYears when the hedge expires today or before, and bounds rate as every market function', () => {
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, -1, VVOL, STRESSED_F)).toBe(
      'hedgeYears: is -1, not after today; pass the years to the hedge expiry, (expiry − today)/365, above 0',
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 0, VVOL, STRESSED_F)).toMatch(
      /^hedgeYears: is 0: the hedge expires today/,
    );
    // 0.5 for a rate bought more contracts than 0 did: a slip, refused as CONDOR refuses it
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, 0.5)).toMatch(
      /^rate: is 0\.5, outside -0\.05 to 0\.2/,
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, -0.9)).toMatch(/^rate: is -0\.9/);
  });

  it('bounds coverage like the policy tailCoverage and flags a percentage', () => {
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, 180)).toBe(
      'coverage: is 180, which looks like a percentage; pass 1.8 for 180% (times the loss)',
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, 0.05)).toMatch(
      /^coverage: is 0\.05, outside 0\.1 to 10; pass a number from 0\.1 to 10/,
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, 2000)).toMatch(/^coverage: is 2000, outside/);
    // 18 is more likely 1.8 with its point lost than 18%: 0.18 would cover a tenth of that, so the range is said
    for (const c of [11, 18, 99])
      expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, c)).toBe(
        `coverage: is ${c}, outside 0.1 to 10; pass a number from 0.1 to 10 (times the loss)`,
      );
    const ok = call('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, 10) as number[][];
    expect(ok[0]![0]).toBeGreaterThan(0);
  });

  it('refuses a condor loss no book reaches, naming it (1e308 gave a #NUM! naming nothing)', () => {
    expect(invalid('TAILSIZE', 1e308, HEDGE_F, YEARS, VVOL, STRESSED_F)).toMatch(
      /^condorLoss: is 1e\+308 USD, above 1e\+15; pass the condor's loss in the drawdown scenario in USD/,
    );
  });

  it('refuses more than 100,000 calls, as OVERLAY, CONDOR and ORDERS refuse a leg that large (1e12 sized 1,961,418,624)', () => {
    expect(invalid('TAILSIZE', 1e12, HEDGE_F, YEARS, VVOL, STRESSED_F)).toBe(
      "condorLoss: is 1000000000000 USD: its 1.8× cover needs 1.96e+9 calls gaining $918 each, over 100,000 a leg; pass the condor's drawdown loss in USD (ALVH.CONDORLOSS), or a lower coverage",
    );
    expect(invalid('TAILSIZE', 2.6e7, HEDGE_F, YEARS, VVOL, STRESSED_F, 10)).toMatch(/^condorLoss: .* its 10× cover/);
    // a call that gains next to nothing is the stressed future's doing, named as the no-gain case is
    expect(invalid('TAILSIZE', 1e5, HEDGE_F, YEARS, VVOL, 23.41)).toMatch(
      /^stressedFuture: is 23\.41: the 24 call gains \$0\.\d+ there, so little that the cover needs [\d.]+e\+5 calls, over 100,000 a leg/,
    );
    const [[most]] = call('TAILSIZE', 5e7, HEDGE_F, YEARS, VVOL, STRESSED_F) as [[number]];
    expect(most).toBeLessThanOrEqual(100_000);
  });

  it('checks stressedFuture as a VX price, as hedgeFuture', () => {
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, 5000)).toMatch(
      /^stressedFuture: is 5000, above 500 VIX points/,
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, 0.357)).toMatch(
      /^stressedFuture: is 0\.357, which looks like a decimal, not VIX points; pass the level in index points/,
    );
    // a stressed future below today's: #N/A whose fix names this function's arguments, whole
    const e = errorOf(() => call('TAILSIZE', LOSS, 60, YEARS, VVOL, STRESSED_F));
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message).toMatch(
      /^stressedFuture: the 62 call costs 10\.24 and is worth 0\.90 at the stressed future 35\.72: it gains nothing; raise stressedFuture, or pass a later expiry or a lower otmPct$/,
    );
  });

  it('rejects days typed as years and a drawdown longer than the hedge', () => {
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 61, VVOL, STRESSED_F)).toBe(
      'hedgeYears: is 61, more than 2 years for a VIX option, which looks like days; pass years: days/365 (61/365 = 0.1671)',
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, null, 10)).toBe(
      "horizonYears: is 10, longer than hedgeYears 0.1671; pass the drawdown's length in years: days/365 (10/365 = 0.0274)",
    );
    // 60 days is still past a hedge of 0.1 years: the fix says both
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 0.1, VVOL, STRESSED_F, null, null, null, 60)).toBe(
      "horizonYears: is 60, longer than hedgeYears 0.1; pass the drawdown's length in years: days/365 (60/365 = 0.1644), and a later hedge expiry (hedgeYears) or a shorter drawdown (horizonYears)",
    );
    // 1 year, or a fraction, is no count of days: the fix is a later hedge or a shorter drawdown
    for (const h of [1, 1.5])
      expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, null, h)).toBe(
        `horizonYears: is ${h}, longer than hedgeYears 0.1671; pass a later hedge expiry (hedgeYears) or a shorter drawdown (horizonYears)`,
      );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, null, 0.2)).toMatch(
      /^horizonYears: is 0\.2, longer than hedgeYears 0\.1671; pass a later hedge expiry/,
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 5 / 365, VVOL, STRESSED_F)).toMatch(
      /^horizonYears: is its default 10\/365, longer than hedgeYears 0\.0137/,
    );
    // past the longest hedge (2 years) no later hedge holds the drawdown: only a shorter one is offered
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 0.1, VVOL, STRESSED_F, null, null, null, 2.5)).toBe(
      'horizonYears: is 2.5, longer than hedgeYears 0.1; pass a shorter drawdown (horizonYears), up to hedgeYears 0.1: no later hedge holds it (VIX options run 2 years at most)',
    );
    // days are read only up to the longest hedge's 730: past them no count is a drawdown in days
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 2, VVOL, STRESSED_F, null, null, null, 730)).toBe(
      "horizonYears: is 730, longer than hedgeYears 2; pass the drawdown's length in years: days/365 (730/365 = 2)",
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 2, VVOL, STRESSED_F, null, null, null, 800)).toBe(
      'horizonYears: is 800, longer than hedgeYears 2; pass a shorter drawdown (horizonYears), up to hedgeYears 2: no later hedge holds it (VIX options run 2 years at most)',
    );
    expect(invalid('TAILSIZE', 34557, 22.75, YEARS, 1.14, 35.72, null, null, null, 1e308)).toBe(
      'horizonYears: is 1e+308, longer than hedgeYears 0.1671; pass a shorter drawdown (horizonYears), up to hedgeYears 0.1671: no later hedge holds it (VIX options run 2 years at most)',
    );
    // a whole 2 is days typed as years even beside a 2-year hedge it would fit as years
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, 2, VVOL, STRESSED_F, null, null, null, 2)).toBe(
      "horizonYears: is 2, which looks like days: as years the drawdown lasts the whole hedge (hedgeYears 2); pass the drawdown's length in years: days/365 (2/365 = 0.005479)",
    );
    // A horizon equal to the hedge's life is the edge: the call is valued at intrinsic then.
    expect(
      (call('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, null, YEARS) as number[][])[0],
    ).toHaveLength(4);
  });

  it('hints VVIX typed for its decimal only where the value is a VVIX level', () => {
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, 110, STRESSED_F)).toBe(
      'volOfVol: is 110, outside 0.04 to 5; pass the vol as a decimal: VVIX/100, 1.1 for VVIX 110',
    );
    // 5.5 and 0.011 are no VVIX level: the range, not "0.055 for VVIX 5.5"
    const range =
      "pass the vol as a decimal from 0.04 to 5: ALVH.VIXVOL's at the strike, or VVIX/100 (1.1 for VVIX 110)";
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, 5.5, STRESSED_F)).toBe(
      `volOfVol: is 5.5, outside 0.04 to 5; ${range}`,
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, 0.011, STRESSED_F)).toBe(
      `volOfVol: is 0.011, outside 0.04 to 5; ${range}`,
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, null, null, 450)).toBe(
      `stressVolOfVol: is 450, outside 0.04 to 5; ${range}`,
    );
  });

  it('takes every vol ALVH.VIXVOL gives, and VIXVOL refuses one above the 500% the plan marks at', () => {
    // 4.75 (VVIX 300, 5 days) was refused as outside 0.2 to 4 with the fix to type VVIX/100; 0.177 (VVIX 20) too
    const high = call('VIXVOL', 300, 5 / 365, 31, 30) as number;
    const low = call('VIXVOL', 20, 45 / 365, 20, 20) as number;
    expect([high, low].map((v) => Number(v.toFixed(3)))).toEqual([4.75, 0.177]);
    // docs/excel.md quotes both with their inputs
    const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(
      `${low.toFixed(3)} at VVIX 20 45 days out at the money (strike 20 on a 20 future) and ${high.toFixed(2)} at VVIX 300 five days out, strike 31 on a 30 future`,
    );
    const sized = call('TAILSIZE', 10000, 30, 5 / 365, high, 60, null, null, null, 2 / 365) as number[][];
    expect(sized[0]![0]).toBeGreaterThan(0);
    expect((call('TAILSIZE', LOSS, HEDGE_F, YEARS, low, STRESSED_F) as number[][])[0]![0]).toBeGreaterThan(0);
    // 7.98 at a day out: the plan refuses to mark the call there, so VIXVOL names the strike
    expect(invalid('VIXVOL', 400, 1 / 365, 15, 10)).toBe(
      "strike: is 15, where the VIX-option surface's vol is 798% at 1 day (VVIX 400, future 10), beyond the 500% an option is marked at; pass a strike nearer the future, a longer time, or a lower VVIX",
    );
  });

  it('bounds otmPct and strikeStep like the policy', () => {
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, 2.5)).toMatch(
      /^otmPct: is 2\.5, which looks like a percentage; pass 0\.025 for 2\.5%/,
    );
    // 1 meant 1% and bought 339 calls struck at twice the future (on a 16 future); 50% is the most taken
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, 1)).toBe(
      'otmPct: is 1, which looks like a percentage; pass 0.01 for 1% (a decimal: 0.025 is 2.5% above the future)',
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, 0.6)).toBe(
      'otmPct: is 0.6, outside 0 to 0.5; pass a number from 0 to 0.5 (a decimal: 0.025 is 2.5% above the future)',
    );
    expect((call('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, 0.5) as number[][])[0]![1]).toBe(35);
    expect(invalid('PLAN', rows('', [['tailOtmPct', 1]]))).toBe(
      'inputs tailOtmPct: is 1, which looks like a percentage; pass 0.01 for 1%',
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, null, null, null, 100)).toMatch(
      /^strikeStep: is 100, outside 0\.5 to 10; pass a number from 0\.5 to 10 VIX points/,
    );
    // as policy.vixStrikeStep: a step of 0.01 struck the call at a strike no exchange lists
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, null, null, null, null, null, 0.75)).toMatch(
      /^strikeStep: is 0\.75, off the half-point grid.*multiple of 0\.5/,
    );
  });
});

describe('ALVH.OVERLAY plausibility', () => {
  const day = 44519; // 2021-11-19
  it('rejects a condor expiry on or before the valuation date (the front leg has expired)', () => {
    expect(invalid('OVERLAY', day, 4697.96, 17.91, day - 3, 4150, -288)).toMatch(
      /^condorExpiry: is 2021-11-16, not after the valuation date 2021-11-19; pass the condor's expiry/,
    );
    expect(invalid('OVERLAY', day, 4697.96, 17.91, day, 4150, -288)).toMatch(/^condorExpiry: is 2021-11-19, not after/);
  });

  it('refuses a condor expiry on a weekend or exchange holiday, as CONDOR refuses it (it sized on a day of time value that does not exist)', () => {
    for (const [serial, date, before] of [
      [44578, '2022-01-17', '2022-01-14'], // Martin Luther King Jr. Day
      [44583, '2022-01-22', '2022-01-21'], // a Saturday
      [44666, '2022-04-15', '2022-04-14'], // Good Friday
    ] as const)
      expect(invalid('OVERLAY', day, 4697.96, 17.91, serial, 4150, -492.64)).toBe(
        `condorExpiry: is ${date}, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the trading day before is ${before}`,
      );
    expect((call('OVERLAY', day, 4697.96, 17.91, 44582, 4150, -492.64) as unknown[][])[1]![0]).toBe('units');
  });

  it('offers the first trading day after the valuation date when the one before a closed expiry is the valuation date', () => {
    // 2021-11-20 is the Saturday after the valuation date, a Friday
    expect(invalid('OVERLAY', day, 4697.96, 17.91, day + 1, 4150, -492.64)).toBe(
      "condorExpiry: is 2021-11-20, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the first trading day after the valuation date is 2021-11-22",
    );
  });

  it('checks the strike against SPX before the 5-point grid, as CONDOR checks its strikes', () => {
    const far = (k: number) =>
      `strike: is ${k}, far from SPX at 4697.96; pass strikes in index points, between 2348.98 and 9395.92 at this SPX`;
    // a date typed for the strike was sent to the grid, and a negative one there too unless a multiple of 5
    for (const k of [44519, -1, -5]) expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, k, -492.64)).toBe(far(k));
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 4151, -492.64)).toBe(
      'strike: is 4151, off the SPX 5-point strike grid; pass a listed strike (a multiple of 5)',
    );
  });

  it('bounds vegaMatch and backDays to the policy ranges', () => {
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 4150, -288, 0.9)).toBe(
      'vegaMatch: is 0.9, outside 0.4 to 0.6; pass a number from 0.4 to 0.6',
    );
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 4150, -288, 50)).toBe(
      'vegaMatch: is 50, which looks like a percentage; pass 0.5 for 50%',
    );
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 4150, -288, null, null, 400)).toBe(
      'backDays: is 400, outside 1 to 365; pass a number from 1 to 365 calendar days',
    );
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 4150, -288, null, null, 2.5)).toMatch(
      /^backDays: is 2\.5, not a whole number; pass a whole number from 1 to 365/,
    );
    // one day after a monthly front: the back put is the next listed expiry, the February monthly
    // (no weekly is listed that far from 2021-11-19), never the front itself
    const one = call('OVERLAY', day, 4697.96, 17.91, 44582, 4150, -288, null, null, 1) as unknown[][];
    expect(one.filter((r) => String(r[0]).startsWith('leg')).map((r) => r[1])).toEqual([
      '-1 SPX 2022-01-21 4150 put',
      '+1 SPX 2022-02-18 4150 put',
    ]);
  });

  it('rejects a strike far from SPX: a calendar 90% out of the money sized into 152 million units', () => {
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 415, -492.64, null, null, null, 0.001, 0.013)).toMatch(
      /^strike: is 415, far from SPX at 4697\.96; pass strikes in index points/,
    );
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 41500, -492.64)).toMatch(/^strike: is 41500, far from SPX/);
    expect(invalid('OVERLAY', day, 4.69796, 17.91, 44582, 4150, -492.64)).toMatch(
      /^spot: is 4\.69796, not an SPX level/,
    );
  });

  it('refuses a unit of next to no vega, or one bought for a credit, naming the strike (#N/A)', () => {
    // 2× SPX: 0.058 vega a unit, 4,296 units for the target; 6000, above the forward at 4% and 1%:
    // a credit of $1,445.63 a unit, the put's carry
    const exp = isoToExcelSerial('2022-01-21');
    const na = (k: number) => {
      const e = errorOf(() => call('OVERLAY', day, 4697.96, 17.91, exp, k, -500, null, null, null, 0.04, 0.01));
      expect(e.code, e.message).toBe(ErrorCode.notAvailable);
      expect((e.message ?? '').length).toBeLessThanOrEqual(200);
      return e.message ?? '';
    };
    expect(na(9395)).toMatch(
      /^structure: one spx-put-calendar unit has a vega of 0\.058 USD per SPX vol point, under 1: .*; choose a strike nearer SPX \(strike\), or another overlay structure$/,
    );
    expect(na(6000)).toMatch(
      /^structure: one spx-put-calendar unit brings in a credit of \$1,445\.63 .*; choose a strike at or below SPX's forward \(strike\), or another overlay structure$/,
    );
  });

  it('names condorVega, not the strike, when a sane unit meets a vega no condor has', () => {
    expect(invalid('OVERLAY', day, 4697.96, 17.91, 44582, 4150, -1e9)).toMatch(
      /^condorVega: is -1000000000: its target \(5\.00e\+8\) needs [\d.]+e\+6 units of vega 1[34]\d, over 100,000 a leg; pass the condor's net vega in USD per vol point/,
    );
  });
});

describe('ALVH.CONDOR, CONDORLOSS: SPX and rates as ALVH.PLAN takes them', () => {
  const strikes = [[4100, 4150, 5100, 5150]];
  it('rejects SPX off by 10× or 1000×, which gave a max loss of $4.5e-10 or a condor loss of 0', () => {
    expect(invalid('CONDOR', 44519, 4.69796, 17.91, 44582, strikes, 10)).toMatch(
      /^spot: is 4\.69796, not an SPX level/,
    );
    // every strike misses SPX on one side: SPX and the strikes disagree, neither taken for the slip
    expect(invalid('CONDOR', 44519, 46979.6, 17.91, 44582, strikes, 10)).toBe(
      'spot: SPX 46979.6 and the strikes 4100 to 5150 disagree, by about 10×: strikes at this SPX lie from 23489.8 to 93959.2; these fit an SPX from 2575 to 8200; check which was mistyped',
    );
    expect(invalid('CONDORLOSS', 44519, 46979.6, 17.91, 44582, strikes, 10)).toMatch(
      /^spot: SPX 46979\.6 and the strikes 4100 to 5150 disagree, .*; check which was mistyped$/,
    );
    // the strikes with an extra zero beside a right SPX: the same words, no SPX guessed from them
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 44582, [[41000, 41500, 51000, 51500]], 10)).toMatch(
      /^spot: SPX 4697\.96 and the strikes 41000 to 51500 disagree, by about 10×: .*; these fit an SPX from 25750 to 82000; check which was mistyped$/,
    );
  });

  it('names the argument, not an internal field: a year typed for a date, a VIX beyond the surface', () => {
    expect(invalid('CONDOR', 2021, 4697.96, 17.91, 44582, strikes, 10)).toMatch(
      /^valuationDate: is 1905-07-13, outside the exchange calendar's 2000-01-01\.\.2040-12-31/,
    );
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 2022, strikes, 10)).toMatch(/^expiry: is 1905-07-14, outside/);
    expect(invalid('CONDOR', 44519, 4697.96, 350, 44582, strikes, 10)).toMatch(/^vix: /);
    // 2040-12-21: the overlay's back leg falls in 2041, past the calendar
    expect(invalid('OVERLAY', 44519, 4697.96, 17.91, 51491, 4150, -288)).toMatch(
      /^condorExpiry: is 2040-12-21: the overlay's back leg, 30 days later, falls past/,
    );
  });

  it('rejects a rate of 1 (1% typed as a percentage) and rates beyond the market range', () => {
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 1)).toBe(
      'rate: is 1, outside -0.05 to 0.2; pass rates as decimals: 0.01 for 1%, not 1',
    );
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 0.5)).toMatch(
      /^rate: is 0\.5, outside -0\.05 to 0\.2; pass a rate between/,
    );
    // a decimal a hair past a limit: echoed in full and told the range, as the hosts' schemas do
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 0.1 + 0.1 + 0.1 - 0.1)).toBe(
      'rate: is 0.20000000000000004, outside -0.05 to 0.2; pass a rate between -0.05 and 0.2 (0.05 for 5%)',
    );
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 0, -0.0500001)).toBe(
      'divYield: is -0.0500001, outside -0.05 to 0.2; pass a rate between -0.05 and 0.2 (0.05 for 5%)',
    );
    expect(invalid('CONDORLOSS', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 0.001, 1.3)).toMatch(
      /^divYield: is 1\.3/,
    );
    expect(invalid('BS', 'call', 4500, 4500, 0.1, 0.2, 1)).toMatch(
      /^rate: is 1, which looks like a percentage; pass rates as decimals: 0\.01/,
    );
  });
});

describe('ALVH.CONDORLOSS: a condor held through the drawdown', () => {
  it('refuses a condor that expires before the drawdown ends, as STRESSFUTURE refuses such a hedge', () => {
    const strikes = [[4100], [4150], [5300], [5350]];
    const loss = (expiry: number, drawdownDays: unknown = null) =>
      ['CONDORLOSS', 44519, 4697.96, 17.91, expiry, strikes, 10, null, 0.001, 0.013, null, drawdownDays] as const;
    // it gave 49,939.24, the max loss at SPX −20% on day 10, for a condor settled on day 5
    expect(invalid(...loss(44524))).toBe(
      'expiry: is 2021-11-24, 5 days out, before the 10-day drawdown ends; pass a condor expiring after the drawdown ends, or a shorter drawdownDays',
    );
    expect(invalid(...loss(44524, 6))).toMatch(/^expiry: is 2021-11-24, 5 days out, before the 6-day drawdown ends/);
    // expiring on the drawdown's last day, it settles in the scenario
    expect(call(...loss(44524, 5))).toBeGreaterThan(0);
    expect(call(...loss(44529))).toBeGreaterThan(0);
  });
});

describe('ALVH.CONDOR, CONDORLOSS: the quantity a plan takes', () => {
  it('refuses more than 100,000 condors, naming the quantity, where 1e15 gave a max loss of 4.7e18 USD', () => {
    const args = (q: number) => [44519, 4697.96, 17.91, 44582, [[4100], [4150], [5300], [5350]], q];
    // the counts grouped; 1e308, no safe whole number, as sent
    const sent = { '100,001': 100_001, '1,000,000,000,000,000': 1e15, '1e+308': 1e308 };
    for (const [shown, q] of Object.entries(sent))
      expect(invalid('CONDOR', ...args(q))).toBe(
        `quantity: is ${shown}; pass at most 100,000 condors, as a plan takes`,
      );
    expect(invalid('CONDORLOSS', ...args(1e15))).toBe(
      'quantity: is 1,000,000,000,000,000; pass at most 100,000 condors, as a plan takes',
    );
    expect(call('CONDOR', ...args(100_000))).toBeDefined();
  });
});

describe('ALVH.BS, BLACK76 and IV: years and the vol domain', () => {
  it('rejects more than 10 years as days typed for years, naming the cell in a range', () => {
    expect(invalid('BS', 'call', 42, 40, 63, 0.2)).toBe(
      'years: is 63, more than 10 years for an option, which looks like days; pass years: days/365 (63/365 = 0.1726)',
    );
    expect(invalid('BLACK76', 'call', 22.75, 24, [[61 / 365], [61]], 1.1)).toMatch(/^years\[2\]: is 61, more than 10/);
    expect(invalid('IV', 'call', 4.76, 42, 40, 63)).toMatch(/^years: is 63, more than 10 years/);
    // a 14-day option typed in days (it priced at 20 times the 14-day value)
    expect(invalid('BS', 'call', 4500, 4500, 14, 0.2)).toMatch(/^years: is 14, more than 10 years/);
    expect((call('BS', 'call', 42, 40, 10, 0.2) as number[][])[0]![0]).toBeGreaterThan(0);
  });

  it('a vol or rate a hundred times too large is offered x/100 only where BS takes x/100', () => {
    expect(invalid('BS', 'call', 42, 40, 0.5, 20)).toBe(
      'vol: is 20, which looks like a percentage; pass volatility as a decimal: 0.2, not 20',
    );
    // 5 to 10: 6% typed as 6, or a real vol above 500%; both readings, neither steered to
    expect(invalid('BS', 'call', 42, 40, 0.5, 6)).toBe(
      'vol: is 6, above 5, the 500% limit; if you meant 6%, pass 0.06; a vol above 500% is outside what the pricing accepts',
    );
    const range = 'pass volatility as a decimal from 0 to 5 (0.18 for 18%)';
    expect(invalid('BS', 'call', 42, 40, 0.5, 600)).toBe(`vol: is 600, above 5 (500%); ${range}`);
    expect(invalid('BS', 'call', 42, 40, 0.5, '1e3')).toBe(`vol: is 1000, above 5 (500%); ${range}`);
    expect(invalid('BLACK76', 'call', 20, 20, 0.5, [[1.1], ['5,000']])).toBe(
      `vol[2]: is 5000, above 5 (500%); ${range}`,
    );
    expect(invalid('BS', 'call', 42, 40, 0.5, 0.2, 1e13)).toBe(
      'rate: is 10000000000000, not between -1 and 1; pass rates as decimals between -1 and 1 (0.05 for 5%)',
    );
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 44582, [[4100, 4150, 5300, 5350]], 10, null, 30)).toBe(
      'rate: is 30, outside -0.05 to 0.2; pass a rate between -0.05 and 0.2 (0.05 for 5%)',
    );
  });

  it('IV gives #N/A naming price when the price carries no time value, and refuses years 0', () => {
    // 0.0002 years deep in the money: the time value at vol 1.5 is below one ulp of the price
    const price = (call('BS', 'call', 4000, 2441, 0.0002, 1.5, 0.02, 0.018) as number[][])[0]![0]!;
    let e = errorOf(() => call('IV', 'call', price, 4000, 2441, 0.0002, 0.02, 0.018));
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message).toBe(
      "price: is 1558.995364, its intrinsic value 1558.995364 to a double's precision: it carries no time value, so no vol can be read from it; pass the price of an option with time value",
    );
    e = errorOf(() => call('IV', 'call', 0, 4000, 6000, 0.1));
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message).toMatch(/^price: is 0, its intrinsic value 0 to a double's precision: it carries no time value/);
    // Black-76 at its discounted intrinsic value (BLACK76 at vol 0)
    const atIntrinsic = (call('BLACK76', 'put', 20, 21.5, 0.1, 0, 0.05) as number[][])[0]![0]!;
    e = errorOf(() => call('IV', 'put', atIntrinsic, 20, 21.5, 0.1, 0.05, null, 'black76'));
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message).toMatch(/^price: is 1\.492518719, its intrinsic value 1\.492518719 to a double's precision/);
    expect(invalid('IV', 'call', 2, 42, 40, 0)).toBe(
      'years: is 0: at expiry an option is worth its intrinsic value whatever the vol; pass the time to expiry in years, above 0 (days/365)',
    );
    expect(invalid('IV', 'call', 2.5, 20, 20, 0, null, null, 'black76')).toMatch(/^years: is 0: at expiry/);
    expect(call('IV', 'call', 4.759422392871535, 42, 40, 0.5, 0.1)).toBeCloseTo(0.2, 12);
  });

  it('IV gives #N/A saying so for a vol above the 5 (500%) that BS takes, so its answers always price back', () => {
    const e = errorOf(() => call('IV', 'call', 41, 42, 40, 0.5));
    expect(e.code).toBe(ErrorCode.notAvailable);
    expect(e.message).toMatch(/^price: implies a volatility of 6\.37, above the 5 \(500%\)/);
    // a vol of many digits is said in three significant ones, never spelled out
    const tiny = errorOf(() => call('IV', 'call', 4.76, 42, 40, 1e-300, 0.1));
    expect(tiny.code).toBe(ErrorCode.notAvailable);
    expect(tiny.message).toMatch(/^price: implies a volatility of 2\.25e\+149, above the 5 \(500%\)/);
    // just above the bound, enough digits to read above it (three gave "5, above the 5")
    const edge = ((call('BS', 'call', 100, 100, 0.1, 5) as number[][])[0]![0] as number) + 0.001;
    expect(errorOf(() => call('IV', 'call', edge, 100, 100, 0.1)).message).toMatch(
      /^price: implies a volatility of 5\.0\d*[1-9], above the 5 \(500%\)/,
    );
    const v = call('IV', 'call', 30, 42, 40, 0.5) as number;
    expect(v).toBeLessThanOrEqual(5);
    expect(((call('BS', 'call', 42, 40, 0.5, v) as number[][])[0]![0] as number) - 30).toBeCloseTo(0, 6);
  });
});

describe('messages name the argument with its value and the fix', () => {
  const strikes = [[4100], [4150], [5300], [5350]];
  it('a range where one cell is expected is named by its size', () => {
    expect(invalid('SPLIT', [[20], [21]], 22)).toBe('vx1: is a 2×1 range; pass a single cell');
    expect(invalid('IV', 'call', [[4.76, 4]], 42, 40, 0.5)).toBe('price: is a 1×2 range; pass a single cell');
    expect(invalid('VXEXPIRY', [[44621], [44652]])).toBe('contractMonth: is a 2×1 range; pass a single cell');
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, STRESSED_F, [[1.8], [2]])).toMatch(
      /^coverage: is a 2×1 range/,
    );
    expect(call('VXEXPIRY', [[44621]])).toBe(44635);
  });

  it('policy-bounded arguments give the value and the percentage hint, without form wording', () => {
    expect(invalid('CONDORLOSS', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 0.001, 0.013, 20)).toBe(
      'drawdown: is 20, which looks like a percentage; pass 0.2 for 20% (a decimal: 0.2 is a 20% fall)',
    );
    expect(invalid('STRESSFUTURE', 44519, 17.91, [[20.8], [22.7]], 44580, null, null, null, null, 0)).toBe(
      'shockKappa: is 0, outside 0.5 to 30; pass a number from 0.5 to 30 per year',
    );
    expect(invalid('STRESSFUTURE', 44519, 17.91, [[20.8], [22.7]], 44580, null, 2.5)).toMatch(
      /^drawdownDays: is 2\.5, not a whole number; pass a whole number from 0 to 60 calendar days/,
    );
    expect(invalid('CONDORLOSS', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 0, 0, null, null, 500)).toMatch(
      /^stressVix: is 500, outside 1 to 300/,
    );
    // a stressed VIX typed as a decimal is named with its level, as vix is
    expect(invalid('CONDORLOSS', 44519, 4697.96, 0.66, 44582, strikes, 10)).toBe(
      'vix: is 0.66; pass VIX in index points: 66, not 0.66',
    );
    expect(invalid('CONDORLOSS', 44519, 4697.96, 17.91, 44582, strikes, 10, null, 0, 0, null, null, 0.66)).toBe(
      'stressVix: is 0.66; pass the stressed VIX in index points: 66, not 0.66',
    );
    expect(invalid('STRESSFUTURE', 44519, 17.91, [[20.8], [22.7]], 44580, null, null, '0.4791')).toBe(
      'stressVix: is 0.4791; pass the stressed VIX in index points: 47.91, not 0.4791',
    );
    // below 0.05 no level is guessed
    expect(invalid('STRESSFUTURE', 44519, 17.91, [[20.8], [22.7]], 44580, null, null, 0.01)).toBe(
      'stressVix: is 0.01, outside 1 to 300; pass a number from 1 to 300 VIX points',
    );
  });

  it('dates: numeric text is a serial; past 9999-12-31 is named, not an internal field', () => {
    expect(call('VXEXPIRY', '44621')).toBe(44635);
    // only plain digits: percent, grouped, exponent or fractional text is no serial (PLAN refuses "43,511")
    for (const text of ['4500000%', '45,000', '4.5e4', '45000.75'])
      expect(invalid('VXEXPIRY', text)).toBe(
        `contractMonth: is ${JSON.stringify(text)}, not a date; pass a date cell, ISO text such as "2020-03-16", or a serial such as 43906`,
      );
    // a serial cell with a time of day is its day, as before
    expect(call('VXEXPIRY', 44621.75)).toBe(44635);
    expect(invalid('CONDOR', 44519, 4697.96, 17.91, 2958495, strikes)).toMatch(
      /^expiry: is 2958495, after 9999-12-31 \(serial 2958465\)/,
    );
    expect(invalid('CONDOR', 2958465, 4697.96, 17.91, 2958495, strikes)).toMatch(
      /^valuationDate: is 9999-12-31, outside the exchange calendar/,
    );
  });
});

describe('BS and BLACK76 ranges', () => {
  it('name an empty cell of a range selected longer than its data with the fix to select only the data', () => {
    expect(invalid('BS', 'put', 5000, [[4900], [5000], [null]], 0.25, 0.2)).toBe(
      'strike[3]: is empty; fill it, or select only the strike cells that hold values',
    );
    expect(invalid('BLACK76', 'call', 24, 25, 0.1, [[1.1, '']])).toBe(
      'vol[2]: is empty; fill it, or select only the vol cells that hold values',
    );
    // a single empty cell is the argument empty, as before
    expect(invalid('BS', 'put', 5000, null, 0.25, 0.2)).toMatch(/^strike: is empty; pass a number/);
  });

  it('name an empty cell of a table by its row, then its column', () => {
    expect(
      invalid(
        'BS',
        'call',
        100,
        [
          [90, 100, 110],
          [95, 105, ''],
        ],
        1,
        0.2,
      ),
    ).toBe('strike[2,3]: is empty; fill it, or select only the strike cells that hold values');
  });

  it('spill each price in the cell of its strike and vol: a column against a row is the table of every pair', () => {
    // rate and divYield left out are 0; the textbook formulas are the check, cell by cell
    const bs = call('BS', 'call', 100, [[90], [110]], 1, [[0.2, 0.3]]) as number[][];
    const strikes = [90, 110];
    const vols = [0.2, 0.3];
    expect(bs.map((row) => row.length)).toEqual([2, 2]);
    strikes.forEach((k, r) =>
      vols.forEach((v, c) => expect(bs[r]![c]).toBeCloseTo(bsmClosedForm('call', 100, k, 1, v, 0, 0), 12)),
    );
    expect(bs[0]![0]).toBeCloseTo(13.589108116054796, 12);
    expect(bs[0]![1]).toBeCloseTo(17.01287990184971, 12);
    expect(bs[1]![0]).toBeCloseTo(4.292010941409885, 12);
    expect(bs[1]![1]).toBeCloseTo(8.141012048964207, 12);
    // three rows by two columns: a result whose rows and columns differ in number
    const futures = [18, 20, 22];
    const b76 = call(
      'BLACK76',
      'put',
      futures.map((f) => [f]),
      20,
      0.25,
      [vols],
      0.04,
    ) as number[][];
    expect(b76.map((row) => row.length)).toEqual([2, 2, 2]);
    futures.forEach((f, r) =>
      vols.forEach((v, c) => expect(b76[r]![c]).toBeCloseTo(black76ClosedForm('put', f, 20, 0.25, v, 0.04), 12)),
    );
  });
  it('take the default for an optional range whose cells are all empty, whatever its size', () => {
    // an empty rate range was refused ("fill it, or select only the rate cells that hold values")
    const strikes = [[4000], [4100]];
    const bs = call('BS', 'call', 4000, strikes, 0.25, 0.2);
    expect(call('BS', 'call', 4000, strikes, 0.25, 0.2, [[null], ['']])).toEqual(bs);
    expect(call('BS', 'call', 4000, strikes, 0.25, 0.2, [[null], [null], [null]], [['', null]])).toEqual(bs);
    expect(call('BS', 'call', 4000, strikes, 0.25, 0.2, null, null, [[null, null]])).toEqual(bs);
    const b76 = call('BLACK76', 'call', 20, strikes, 0.2, 1);
    expect(call('BLACK76', 'call', 20, strikes, 0.2, 1, [[null], [null]])).toEqual(b76);
    // a range with a value is read cell by cell: a blank among values is still named
    expect(invalid('BS', 'call', 4000, strikes, 0.25, 0.2, [[0.05], [null]])).toMatch(/^rate\[2\]: is empty; /);
  });
});

describe('a series number written with spaces between its digit groups', () => {
  it('is asked to be written without them, not told to fill a gap', () => {
    // "4 120" (or with a no-break space, as some locales group thousands) was told "fill the gap"
    const closes = Array.from({ length: 119 }, (_, i) => [4000 + i]);
    expect(invalid('RSI', [...closes, ['4 120']])).toBe(
      'closes[120]: is "4 120", not a number; write 4120 without the space',
    );
    expect(invalid('RSI', [...closes, ['4\u00a0120.5']])).toMatch(
      /^closes\[120\]: .*; write 4120\.5 without the space$/,
    );
    expect(invalid('RSI', [...closes, ['1 004 120']])).toMatch(/; write 1004120 without the spaces$/);
    // other text is still a gap or a cell outside the numbers
    expect(invalid('RSI', [...closes, ['4 apples']])).toMatch(/; fill the gap or select only numbers$/);
    // digits apart that do not read as thousands groups are two numbers in one cell, not one to join
    for (const cell of ['4120 4121', '17 18', '4 12', '4 1200', '4120.5 1'])
      expect(invalid('RSI', [...closes, [cell]])).toBe(
        `closes[120]: is ${JSON.stringify(cell)}, not a number; fill the gap or select only numbers`,
      );
  });
});

describe('a cell passed as an error object', () => {
  it('is said as Excel shows it (#N/A), never "[object Object]"', () => {
    const na = new CustomFunctionsError(ErrorCode.notAvailable);
    const closes = Array.from({ length: 120 }, (_, i) => [4000 + i]);
    expect(invalid('RSI', [...closes.slice(0, 50), [na], ...closes.slice(50)])).toBe(
      'closes[51]: is #N/A, not a number; fill the gap or select only numbers',
    );
    expect(invalid('BS', 'put', 5000, [[4900], [na]], 0.25, 0.2)).toMatch(/^strike\[2\]: is #N\/A, not a number; /);
    // a cell value (a data type) by its basic value; PLAN's rows too
    const plan = planSheet20181224().map((r) => (r[0] === 'spx' ? ['spx', na] : r));
    expect(invalid('PLAN', plan)).toBe("inputs spx: is #N/A, a formula's error; fix the formula, or give the value");
  });

  it('in a single-value argument passes through as Excel’s own functions pass it, with a message where Excel shows one', () => {
    const na = new CustomFunctionsError(ErrorCode.notAvailable);
    const passed = errorOf(() => call('VXEXPIRY', na));
    expect([passed.code, passed.message]).toEqual([
      ErrorCode.notAvailable,
      "contractMonth: is #N/A, a formula's error; fix the formula, or give the value",
    ]);
    // a code a function may not return (#REF!) is #VALUE! naming it; a data type's error by its basic value
    expect(invalid('SPLIT', { type: 'Error', basicValue: '#REF!' }, 20)).toBe(
      "vx1: is #REF!, a formula's error; fix the formula, or give the value",
    );
    // #DIV/0! and #NUM! pass as themselves (Excel shows no message with them)
    const div = errorOf(() => call('IV', 'call', { type: 'Error', basicValue: '#DIV/0!' }, 42, 40, 0.5));
    expect([div.code, div.message]).toEqual([ErrorCode.divisionByZero, undefined]);
    // in a range argument of one cell too (BS and BLACK76 take a range in every argument): #N/A, not
    // "spot: is #N/A, not a number"; a larger range names the cell it reads
    for (const spot of [na, [[na]]]) {
      const bs = errorOf(() => call('BS', 'call', spot, 5000, 0.25, 0.2));
      expect([bs.code, bs.message]).toEqual([
        ErrorCode.notAvailable,
        "spot: is #N/A, a formula's error; fix the formula, or give the value",
      ]);
    }
    expect(errorOf(() => call('BLACK76', 'call', 20, 22, 0.1, [[{ type: 'Error', basicValue: '#NUM!' }]])).code).toBe(
      ErrorCode.invalidNumber,
    );
    // the first argument in error is named, whatever follows
    expect(invalid('SPLIT', 20, new CustomFunctionsError(ErrorCode.invalidValue, 'x'), 'bad')).toBe(
      "vx2: is #VALUE!, a formula's error; fix the formula, or give the value",
    );
  });
});

/** The 2018-12-24 inputs of ALVH.PLAN without the row `drop`, with `extra` rows added. */
const rows = (drop: string, extra: unknown[][] = []): unknown[][] => [
  ...planSheet20181224().filter((r) => r[0] !== drop),
  ...extra,
];

describe('ALVH.PLAN: a row missing, empty or wrong', () => {
  it('a range laid across two rows (names in the first) is named as transposed, not read as rows', () => {
    const sheet = planSheet20181224();
    const across = [sheet.map(([k]) => k), sheet.map(([, v]) => v)];
    expect(invalid('PLAN', across)).toBe(
      `inputs: is 2 rows of ${sheet.length} columns, its names across the first row; lay the names down the first column and the values down the second (copy, then Paste Special ▸ Transpose)`,
    );
    // two rows of name and value (a short sheet) are still rows
    expect(invalid('PLAN', sheet.slice(0, 2))).toMatch(/^inputs \w+: is missing/);
    // the empty row selected below the values is left out: still names across the first row
    const blank = sheet.map(() => null);
    expect(invalid('PLAN', [...across, blank])).toBe(
      `inputs: is 3 rows of ${sheet.length} columns, its names across the first row; lay the names down the first column and the values down the second (copy, then Paste Special ▸ Transpose)`,
    );
    // two names PLAN reads across the first row are transposed too
    expect(
      invalid('PLAN', [
        ['date', 'spx'],
        [43458, 2351.1],
      ]),
    ).toMatch(/^inputs: is 2 rows of 2 columns, its names across the first row; /);
  });
  it('says which, with the value, and the policy range with the percentage hint', () => {
    expect(invalid('PLAN', rows('spx'))).toBe('inputs spx: is missing; add a row spx (pass a number)');
    // an empty date row is empty, as an empty expiry row is, not missing
    for (const empty of [null, '', '  '])
      expect(invalid('PLAN', rows('date', [['date', empty]]))).toBe(
        'inputs date: is empty; fill in its value: pass a date as YYYY-MM-DD',
      );
    expect(invalid('PLAN', rows('date', [['As of', null]]))).toBe(
      'inputs As of: is empty; fill in its value: pass a date as YYYY-MM-DD',
    );
    // a missing row is asked for by the name the help and the docs give it, not the form's field
    expect(invalid('PLAN', rows('expiry'))).toBe(
      'inputs expiry: is missing; add a row expiry (pass a date as YYYY-MM-DD)',
    );
    // a TRUE or FALSE cell is said as Excel shows it, as every function says it (it echoed 'is "true"')
    const swap = (key: string, value: unknown) => planSheet20181224().map((r) => (r[0] === key ? [key, value] : r));
    expect(invalid('PLAN', swap('spx', true))).toBe('inputs spx: is TRUE, not a number; pass a number');
    expect(invalid('PLAN', swap('quantity', false))).toMatch(/^inputs quantity: is FALSE, not a number; pass a whole/);
    expect(invalid('PLAN', rows('', [['tailCoverage', true]]))).toMatch(
      /^inputs tailCoverage: is TRUE, not a number; /,
    );
    // every issue of a row names it as a missing one is asked for: expiry, not the form's condorExpiry
    expect(invalid('PLAN', swap('expiry', true))).toMatch(/^inputs expiry: is TRUE, not a date; pass a date/);
    // the date row is read before the schema (the VX1…VXn rows' expiries count from it): said alike
    expect(invalid('PLAN', swap('date', true))).toBe(
      'inputs date: is TRUE, not a date; pass a date as YYYY-MM-DD, e.g. 2020-03-16',
    );
    // with no VX rows the date row is read by the schema: named alike, date, not valuationDate
    expect(
      invalid(
        'PLAN',
        swap('date', false).filter((r) => !/^VX\d/.test(String(r[0]))),
      ),
    ).toMatch(/^inputs date: is FALSE, not a date; pass a date as YYYY-MM-DD/);
    expect(invalid('BS', 'call', true, 40, 0.5, 0.2)).toMatch(/^spot: is TRUE, not a number; /);
    const undated = planSheet20181224().filter((r) => r[0] !== 'date' && !/^VX\d/.test(String(r[0])));
    expect(invalid('PLAN', undated)).toMatch(/^inputs date: is missing; add a row date \(/);
    // the other issues are counted after the row's fix, not inside its parentheses
    expect(invalid('PLAN', [['date', 44519]])).toMatch(
      /^inputs spx: is missing; add a row spx \(pass a number\) \(and \d+ more issues\)$/,
    );
    // A schema's message says its own fix: the form's "correct the field and try again" stays out of cells.
    const many = invalid('PLAN', rows('quantity', [['quantity', 1e6]]));
    expect(many).toMatch(/^inputs quantity: .*100,000/);
    expect(many).not.toMatch(/correct the field/);
    expect(many.match(/pass a whole number of condors/g)).toHaveLength(1); // its remedy, said once
    // strikes out of order: the first strike not above the one before is named (k4, not k1)
    expect(invalid('PLAN', rows('k4', [['k4', 1790]]))).toMatch(
      /^inputs k4: pass strikes in increasing order.*they are 1750, 1800, 2850, 1790/,
    );
    // A serial past Excel's last date names the row (it gave an internal "Invalid time value").
    expect(invalid('PLAN', rows('date', [['date', 1e9]]))).toMatch(/^inputs date: is 1000000000, after 9999-12-31/);
    // a date past the condor's expiry: VX1… are numbered from the date, so none has expired, and the
    // condor's expiry row is named with the date it is not after
    expect(invalid('PLAN', rows('date', [['date', '2019-02-19']]))).toBe(
      'inputs expiry: is 2019-02-15, not after the valuation date 2019-02-19; pass the condor expiry, a date after the valuation date',
    );
    expect(invalid('PLAN', rows('expiry', [['expiry', 1e308]]))).toMatch(
      /^inputs expiry: is 1e\+308, after 9999-12-31/,
    );
    expect(invalid('PLAN', rows('spx', [['spx', '']]))).toMatch(/^inputs spx: is empty; fill in its value/);
    expect(invalid('PLAN', rows('spx', [['spx', 'n/a']]))).toMatch(/^inputs spx: is "n\/a"; pass a number/);
    expect(invalid('PLAN', rows('', [['tailCoverage', 180]]))).toBe(
      'inputs tailCoverage: is 180, which looks like a percentage; pass 1.8 for 180%',
    );
    expect(invalid('PLAN', rows('', [['tailCoverage', 18]]))).toBe(
      'inputs tailCoverage: is 18, outside 0.1 to 10; pass a number from 0.1 to 10',
    );
    expect(invalid('PLAN', rows('', [['drawdown', 20]]))).toBe(
      'inputs drawdown: is 20, which looks like a percentage; pass 0.2 for 20%',
    );
    expect(invalid('PLAN', rows('', [['vegaMatch', 0.9]]))).not.toContain('correct the field');
    // 1 meant 1% of capital, not all of it; a vol of vol in VVIX points
    expect(invalid('PLAN', rows('', [['maxRiskPct', 1]]))).toBe(
      'inputs maxRiskPct: is 1, which looks like a percentage; pass 0.01 for 1%',
    );
    expect(invalid('PLAN', rows('', [['stressVolOfVol', 120]]))).toBe(
      'inputs stressVolOfVol: is 120, which looks like VVIX points; pass 1.2, VVIX / 100 (a decimal)',
    );
  });

  it('refuses a condor expiry on a weekend or exchange holiday as CONDOR does, naming the row and the trading day before', () => {
    // 2019-02-16 is a Saturday, 2019-02-18 Presidents' Day: no SPX option expires on either
    expect(invalid('PLAN', rows('expiry', [['expiry', 43512]]))).toBe(
      "inputs expiry: is 2019-02-16, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the trading day before is 2019-02-15",
    );
    expect(
      invalid(
        'PLAN',
        rows('', [
          ['condor2Expiry', '2019-02-18'],
          ['condor2Strikes', '1745/1795/2855/2905'],
          ['condor2Quantity', 10],
        ]),
      ),
    ).toMatch(
      /^inputs condor2Expiry: is 2019-02-18, not an exchange trading day, .* the trading day before is 2019-02-15$/,
    );
    expect(invalid('CONDOR', 43458, 2351.1, 36.07, 43512, [[1750, 1800, 2850, 2900]])).toMatch(
      /^expiry: is 2019-02-16, not an exchange trading day, .* the trading day before is 2019-02-15$/,
    );
  });

  it('never offers a condor expiry on or before the valuation date as the listed one, in every function reading the sheet', () => {
    for (const fn of ['PLAN', 'STRUCTURES', 'ORDERS']) {
      // a Saturday before the valuation date: its trading day before would be refused in turn
      expect(invalid(fn, rows('expiry', [['expiry', '2018-10-27']]))).toBe(
        'inputs expiry: is 2018-10-27, not after the valuation date 2018-12-24; pass the condor expiry, a date after the valuation date',
      );
      // Christmas 2018: the trading day before is the valuation date itself
      expect(invalid(fn, rows('expiry', [['expiry', '2018-12-25']]))).toBe(
        "inputs expiry: is 2018-12-25, not an exchange trading day, so no SPX option expires on it; pass the condor's listed expiry: the first trading day after the valuation date is 2018-12-26",
      );
    }
    expect(invalid('FRONTIER', rows('expiry', [['expiry', '2018-12-25']]), [[0]])).toMatch(
      /^inputs expiry: is 2018-12-25, .* the first trading day after the valuation date is 2018-12-26$/,
    );
  });

  it('names the row of a condor expiry that is no calendar date (2019-02-30), not a field "date"', () => {
    expect(invalid('PLAN', rows('expiry', [['expiry', '2019-02-30']]))).toBe(
      'inputs expiry: is "2019-02-30"; not a calendar date; pass a real date such as 2020-03-16',
    );
    expect(invalid('PLAN', rows('expiry', [['expiry', '2019-13-01']]))).toBe(
      'inputs expiry: is "2019-13-01"; not a calendar date; pass a real date such as 2020-03-16',
    );
    expect(invalid('CONDOR', 43458, 2351.1, 36.07, '2019-02-30', [[1750, 1800, 2850, 2900]])).toBe(
      'expiry: is 2019-02-30, which is not a calendar date; pass a real date such as 2020-03-16',
    );
  });

  it('names the overlayStrike row of a strike far from SPX, not the overlay.strike of the sizing', () => {
    expect(invalid('PLAN', rows('', [['overlayStrike', 29000]]))).toBe(
      'inputs overlayStrike: is 29000, far from SPX at 2351.1; pass strikes in index points, between 1175.55 and 4702.2 at this SPX',
    );
  });

  it('names the row of a strike off its listing grid, as a held leg is refused', () => {
    expect(invalid('PLAN', rows('k2', [['k2', 1801]]))).toBe(
      'inputs k2: is 1801, off the SPX 5-point strike grid; pass a listed strike (a multiple of 5)',
    );
    expect(
      invalid(
        'PLAN',
        rows('', [
          ['condor2Expiry', 43511],
          ['condor2Strikes', '1745/1795/2852.5/2905'],
          ['condor2Quantity', 10],
        ]),
      ),
    ).toMatch(/^inputs condor2Strikes: is 2852\.5, off the SPX 5-point strike grid/);
    expect(invalid('PLAN', rows('', [['overlayStrike', 1942.7]]))).toBe(
      'inputs overlayStrike: is 1942.7, off the SPX 5-point strike grid; pass a listed strike (a multiple of 5), or leave it out',
    );
    expect(
      invalid(
        'PLAN',
        rows('', [
          ['overlay', 'vix-call-diagonal'],
          ['diagonalStrikeOffset', 2.3],
        ]),
      ),
    ).toMatch(/^inputs diagonalStrikeOffset: is 2\.3, off the VIX 0\.5-point strike grid/);
  });
});

describe('USD amounts typed as text: thousands grouped by a dot or a percentage are refused, never read', () => {
  const loss = (x: unknown) => call('TAILSIZE', x, 16, 52 / 365, 1.0, 28);

  it('TAILSIZE condorLoss: "42.000" bought 1 call where "42,000" buys 82', () => {
    expect(loss('42,000')).toEqual(loss(42_000));
    expect(invalid('TAILSIZE', '42.000', 16, 52 / 365, 1.0, 28)).toBe(
      'condorLoss: is 42.000; write 42000 for $42,000, or 42 for $42',
    );
    expect(invalid('TAILSIZE', '4200000%', 16, 52 / 365, 1.0, 28)).toBe(
      'condorLoss: is "4200000%", a percentage; give it in its own units without %',
    );
    expect(invalid('TAILSIZE', [['42.000']], 16, 52 / 365, 1.0, 28)).toMatch(/^condorLoss: is 42\.000; /);
    // text whose decimal reading is written the same: the fix is a number in the cell, not the text again
    expect(invalid('TAILSIZE', '18.888', 16, 52 / 365, 1.0, 28)).toBe(
      'condorLoss: is 18.888; write 18888 for $18,888, or type 18.888 as a number, not text, for $18.888',
    );
    expect(loss(18.888)).toEqual(loss('18.8880'));
  });

  it('OVERLAY condorVega: "-1.500" sized 0 units', () => {
    expect(invalid('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, '-1.500')).toBe(
      'condorVega: is -1.500; write -1500 for -$1,500, or -1.5 for -$1.5',
    );
    expect(invalid('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, '-492.64%')).toMatch(/^condorVega: .*a percentage/);
    expect(call('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, '-1,500')).toEqual(
      call('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, -1500),
    );
  });

  it('TAILSIZE and OVERLAY offer only what they read when the text is not a number ("5%" was offered, then refused)', () => {
    expect(invalid('TAILSIZE', '$12,795', 16, 52 / 365, 1.0, 28)).toBe(
      'condorLoss: is "$12,795", not a number; write 12,795 without $',
    );
    // a $ on what does not read without it keeps the general words
    expect(invalid('TAILSIZE', '$12,79x', 16, 52 / 365, 1.0, 28)).toBe(
      'condorLoss: is "$12,79x", not a number; pass a number in USD without $ or % (text such as "12795" or "12,795" also reads as one)',
    );
    // what the fix offers reads
    expect(loss('12795')).toEqual(loss(12_795));
    expect(loss('12,795')).toEqual(loss(12_795));
    expect(invalid('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, '-$1,500')).toBe(
      'condorVega: is "-$1,500", not a number; write -1,500 without $',
    );
    expect(invalid('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, '-$1,5x0')).toBe(
      'condorVega: is "-$1,5x0", not a number; pass a number in USD per vol point without $ or % (text such as "-1500" or "-1,500" also reads as one)',
    );
    expect(call('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, '-1500')).toEqual(
      call('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, -1500),
    );
  });

  it('FRONTIER budgets: "10%" priced a budget of $0.10; the cell is named from 1', () => {
    expect(invalid('FRONTIER', rows(''), [['10%']], 200, 1)).toBe(
      'budgets[1]: is "10%", a percentage; give it in its own units without %',
    );
    expect(invalid('FRONTIER', rows(''), [[''], [0], ['5.000']], 200, 1)).toBe(
      'budgets[3]: is 5.000; write 5000 for $5,000, or 5 for $5',
    );
    // a budget out of range says what it is, as every other refusal does
    expect(invalid('FRONTIER', rows(''), [[0], [-5]], 200, 1)).toBe('budgets[2]: is -5; pass budgets ≥ 0 USD');
    expect(invalid('FRONTIER', rows(''), [[1e12]], 200, 1)).toBe(
      'budgets[1]: is 1e+12; pass budgets of at most 1,000,000,000 USD',
    );
    // a budget written with its $ is told to drop it, as TAILSIZE and OVERLAY tell their USD amounts
    expect(invalid('FRONTIER', rows(''), [['$5,000']], 200, 1)).toBe(
      'budgets[1]: is "$5,000", not a number; write 5,000 without $',
    );
    expect(invalid('FRONTIER', rows(''), [[0], ['-$40']], 200, 1)).toBe(
      'budgets[2]: is "-$40", not a number; write -40 without $',
    );
    expect(invalid('FRONTIER', rows(''), [['$5.000']], 200, 1)).toBe(
      'budgets[1]: is "$5.000", not a number; pass a number in USD without $ or % (text such as "12795" or "12,795" also reads as one)',
    );
    // other text is a gap or a label, as in any series
    expect(invalid('FRONTIER', rows(''), [[0], ['lots']], 200, 1)).toBe(
      'budgets[2]: is "lots", not a number; fill the gap or select only numbers',
    );
  });

  it('PLAN capital and budget say it in the taskpane\'s words (it gave the API\'s "send the number without quotes")', () => {
    expect(invalid('PLAN', rows('', [['budget', '40.000']]))).toBe(
      'inputs budget: is 40.000; write 40000 for $40,000, or 40 for $40',
    );
    expect(invalid('PLAN', rows('capital', [['capital', '2.000']]))).toBe(
      'inputs capital: is 2.000; write 2000 for $2,000, or 2 for $2',
    );
    expect(invalid('PLAN', rows('', [['budget', '18.888']]))).toBe(
      'inputs budget: is 18.888; write 18888 for $18,888, or type 18.888 as a number, not text, for $18.888',
    );
  });

  it('PLAN rows say to write a $ amount without the $ and a decimal comma with a point, as every function does', () => {
    for (const fn of ['PLAN', 'STRUCTURES', 'ORDERS']) {
      expect(invalid(fn, rows('capital', [['capital', '$2,000,000']]))).toBe(
        'inputs capital: is "$2,000,000", not a number; write 2,000,000 without $',
      );
      expect(invalid(fn, rows('', [['budget', '$5,000']]))).toBe(
        'inputs budget: is "$5,000", not a number; write 5,000 without $',
      );
      expect(invalid(fn, rows('spx', [['spx', '4697,96']]))).toBe(
        'inputs spx: is "4697,96", not a number; write 4697.96 with a decimal point',
      );
      expect(invalid(fn, rows('', [['credit', '$3.05']]))).toBe(
        'inputs credit: is "$3.05", not a number; write 3.05 without $',
      );
    }
    expect(invalid('FRONTIER', rows('capital', [['capital', '$2,000,000']]), [[0]])).toBe(
      'inputs capital: is "$2,000,000", not a number; write 2,000,000 without $',
    );
    expect(invalid('PLAN', rows('', [['tailCoverage', '1,8']]))).toBe(
      'inputs tailCoverage: is "1,8", not a number; write 1.8 with a decimal point',
    );
    // docs/excel.md quotes them
    const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8').replace(/\s+/g, ' ');
    for (const said of [
      'inputs capital: is "$2,000,000", not a number; write 2,000,000 without $',
      'inputs credit: is "$3.05", not a number; write 3.05 without $',
      'inputs spx: is "4697,96", not a number; write 4697.96 with a decimal point',
    ])
      expect(doc).toContain(`\`${said}\``);
    // what the fixes offer reads
    const plan = (drop: string, extra: unknown[][]) => call('PLAN', rows(drop, extra));
    expect(plan('capital', [['capital', '2,000,000']])).toEqual(call('PLAN', rows('')));
    expect(plan('', [['credit', '3.05']])).toEqual(plan('', [['credit', 3.05]]));
    expect(plan('', [['tailCoverage', '1.8']])).toEqual(plan('', [['tailCoverage', 1.8]]));
    // a count is offered no fraction: its own words stay
    expect(invalid('PLAN', rows('quantity', [['quantity', '10,5']]))).toBe(
      'inputs quantity: is "10,5"; pass a whole number of condors from 1 to 100,000',
    );
    // a $ on text that does not read without it, and a date, keep the row's own fix
    expect(invalid('PLAN', rows('capital', [['capital', '$2,000,00x']]))).toBe(
      'inputs capital: is "$2,000,00x"; pass a number',
    );
    expect(invalid('PLAN', rows('expiry', [['expiry', '2019,5']]))).toBe(
      'inputs expiry: is "2019,5"; pass a date as YYYY-MM-DD, e.g. 2020-03-16',
    );
  });

  it('several dot groups ("2.000.000") are refused with the number to write, as one group is (it said only "pass a number")', () => {
    expect(invalid('PLAN', rows('capital', [['capital', '2.000.000']]))).toBe(
      'inputs capital: is 2.000.000; write 2000000 for $2,000,000',
    );
    expect(invalid('TAILSIZE', '-42.000.000', 16, 52 / 365, 1.0, 28)).toBe(
      'condorLoss: is -42.000.000; write -42000000 for -$42,000,000',
    );
    expect(invalid('FRONTIER', rows(''), [[0], ['1.500.000']], 200, 1)).toBe(
      'budgets[2]: is 1.500.000; write 1500000 for $1,500,000',
    );
    expect(invalid('PLAN', rows('quantity', [['quantity', '1.000.000']]))).toBe(
      'inputs quantity: is 1.000.000, not a number it takes; write a whole number of contracts from 1 to 100,000',
    );
    // not thousands: a group of other than three digits stays "not a number"
    expect(invalid('PLAN', rows('capital', [['capital', '2.00.000']]))).not.toMatch(/write/);
  });

  it('a dot-grouped refusal of a long text stays within 255 characters: the text and its readings cut', () => {
    const long = `1${'0'.repeat(300)}.000`;
    const typed = `is 1${'0'.repeat(39)}…`;
    const dollars = `$1,${'000,'.repeat(6)}000…`;
    const capital = invalid('PLAN', rows('capital', [['capital', long]]));
    expect(capital).toBe(
      `inputs capital: ${typed}; write 1${'0'.repeat(29)}… for ${dollars}, or 1e+300 for ${dollars}`,
    );
    const quantity = invalid('PLAN', rows('quantity', [['quantity', long]]));
    expect(quantity).toBe(
      `inputs quantity: ${typed}, not a number it takes; write a whole number of contracts from 1 to 100,000`,
    );
    for (const message of [capital, quantity]) expect(message.length).toBeLessThanOrEqual(255);
  });

  it('PLAN quantity and whole-number policy rows: "1.000" is refused naming both readings, as the taskpane refuses it', () => {
    expect(invalid('PLAN', rows('quantity', [['quantity', '1.000']]))).toBe(
      'inputs quantity: is 1.000; write 1000 for 1,000 contracts, or 1 for 1 contract',
    );
    expect(invalid('PLAN', rows('', [['tailDteMin', '1.000']]))).toBe('inputs tailDteMin: is 1.000; write 1 for 1');
  });

  it('CONDOR and CONDORLOSS quantity: "10.000" is refused naming both readings, as PLAN refuses it (it was read as 10)', () => {
    const strikes = [[1750], [1800], [2850], [2900]];
    const both = 'is 10.000; write 10000 for 10,000 contracts, or 10 for 10 contracts';
    expect(invalid('CONDOR', 43458, 2351.1, 36.07, 43511, strikes, '10.000')).toBe(`quantity: ${both}`);
    expect(invalid('CONDORLOSS', 43458, 2351.1, 36.07, 43511, strikes, '10.000')).toBe(`quantity: ${both}`);
    expect(invalid('PLAN', rows('quantity', [['quantity', '10.000']]))).toBe(`inputs quantity: ${both}`);
    expect(invalid('CONDOR', 43458, 2351.1, 36.07, 43511, strikes, '100.001')).toBe(
      'quantity: is 100.001, not a number it takes; write a whole number of contracts from 1 to 100,000',
    );
    expect(call('CONDORLOSS', 43458, 2351.1, 36.07, 43511, strikes, '10')).toBe(
      call('CONDORLOSS', 43458, 2351.1, 36.07, 43511, strikes, 10),
    );
  });

  it('PLAN counts typed with a dot are offered only the readings the row takes, or its range', () => {
    const said = (key: string, value: string) => invalid('PLAN', rows(key === 'quantity' ? key : '', [[key, value]]));
    const quantity = 'not a number it takes; write a whole number of contracts from 1 to 100,000';
    // -1,000 and -1 contracts, and 100,001 contracts, are outside 1 to 100,000
    expect(said('quantity', '-1.000')).toBe(`inputs quantity: is -1.000, ${quantity}`);
    expect(said('quantity', '100.001')).toBe(`inputs quantity: is 100.001, ${quantity}`);
    expect(said('quantity', '100.000')).toBe(
      'inputs quantity: is 100.000; write 100000 for 100,000 contracts, or 100 for 100 contracts',
    );
    // drawdownDays takes 0 to 60: 10 days, never 10,000
    expect(said('drawdownDays', '10.000')).toBe('inputs drawdownDays: is 10.000; write 10 for 10');
    // rsiPeriod takes 2 to 100: neither 1,000 nor 1
    expect(said('rsiPeriod', '1.000')).toBe(
      'inputs rsiPeriod: is 1.000, not a number it takes; write a whole number from 2 to 100',
    );
  });

  it('PLAN counts offer their whole reading alone: "1.500" is 1,500 contracts, never 1.5 contracts, which the row refuses', () => {
    expect(invalid('PLAN', rows('quantity', [['quantity', '1.500']]))).toBe(
      'inputs quantity: is 1.500; write 1500 for 1,500 contracts',
    );
    expect(invalid('PLAN', rows('', [['tailDteMin', '50.125']]))).toBe(
      'inputs tailDteMin: is 50.125, not a number it takes; write a whole number from 1 to 365',
    );
  });

  it('PLAN tail window: a bound moved past the default target names that bound, not the target left alone', () => {
    expect(invalid('PLAN', rows('', [['tailDteMin', 55]]))).toBe(
      'inputs tailDteMin: tailDteMin (55) is above the tail target 52 days (tailDteTarget, its default); lower tailDteMin to 52 or below, or pass a tailDteTarget within 55-60',
    );
  });

  it('PLAN ladder quantities: "1.000" is refused naming the ladder row (condor2Quantity read it as 1 condor)', () => {
    const ladder = (q1: unknown, q2: unknown): unknown[][] =>
      rows('quantity', [
        ['quantity', q1],
        ['condor2Expiry', 43511],
        ['condor2Strikes', '1745/1795/2855/2905'],
        ['condor2Quantity', q2],
      ]);
    expect(invalid('PLAN', ladder(10, '1.000'))).toBe(
      'inputs condor2Quantity: is 1.000; write 1000 for 1,000 contracts, or 1 for 1 contract',
    );
    expect(invalid('PLAN', ladder('1.000', 1))).toBe(
      'inputs quantity: is 1.000; write 1000 for 1,000 contracts, or 1 for 1 contract',
    );
    expect(call('PLAN', ladder(10, '1,000'))).toEqual(call('PLAN', ladder(10, 1000)));
  });
});

describe('ALVH.PLAN and ORDERS name a policy field as its row in the inputs, not its API path', () => {
  it('says defaultVolOfVol (a row policy.defaultVolOfVol is refused as unknown)', () => {
    const warnings = (out: unknown[][]) => out.filter((r) => r[0] === 'warning').map((r) => String(r[1]));
    const plan = call('PLAN', rows('')) as unknown[][];
    expect(warnings(plan)).toContain(
      "No VVIX given: VIX options are marked on the VIX-option surface of VVIX 120 (defaultVolOfVol 1.2 × 100), not at a flat vol of 1.2; in Excel, pass ALVH.VIXVOL(120, …) as TAILSIZE's volOfVol and stressVolOfVol.",
    );
    expect(JSON.stringify(plan)).not.toMatch(/policy\.[a-z]/);
    expect(JSON.stringify(call('ORDERS', rows(''), null))).not.toMatch(/policy\.[a-z]/);
    expect(warnings(call('PLAN', rows('', [['drawdownDays', 60]])) as unknown[][]).join(' ')).toMatch(
      /\(drawdownDays 60\).*Pass drawdownDays below 51 to stress/,
    );
    expect(invalid('PLAN', rows('', [['policy.defaultVolOfVol', 1]]))).toMatch(
      /^inputs: unknown field "policy\.defaultVolOfVol"/,
    );
  });
});

describe("ALVH.PLAN's warnings in the worksheet's words", () => {
  const warningsOf = (out: unknown[][]) => out.filter((r) => r[0] === 'warning').map((r) => String(r[1]));
  it("name the inputs' rows, not the API's market fields: no divYield row, a Saturday's date", () => {
    const noYield = warningsOf(call('PLAN', rows('divYield')) as unknown[][]);
    expect(
      noYield.some((w) =>
        w.startsWith("No dividend yield given: the SPX legs are priced with the inputs' divYield 0,"),
      ),
    ).toBe(true);
    expect(noYield.join(' ')).not.toMatch(/market\./);
    const saturday = warningsOf(call('PLAN', rows('date', [['date', isoToExcelSerial('2018-12-22')]])) as unknown[][]);
    expect(saturday).toContain(
      "the inputs' date 2018-12-22 is a Saturday, when no market closes: every time to expiry counts from it. If the prices are the closes of 2018-12-21, pass the inputs' date 2018-12-21.",
    );
  });
});

describe('ALVH.PLAN: a stressed VIX above 300 from a high VIX', () => {
  it('names the vix row when the policy is the default (it named stressVixPerPct, a row never entered)', () => {
    expect(invalid('PLAN', rows('vix', [['vix', 300]]))).toMatch(
      /^inputs vix: is 300: the drawdown's stressed VIX is 330 .*; pass a VIX of at most 270, or set /,
    );
    // with the rule's policy set, the policy row
    expect(
      invalid(
        'PLAN',
        rows('vix', [
          ['vix', 250],
          ['stressVixPerPct', 3],
        ]),
      ),
    ).toMatch(
      /^inputs stressVixPerPct: with drawdown 0\.2 gives a stressed VIX of 310 .*; lower vix, drawdown or stressVixPerPct/,
    );
  });
});

describe("ALVH.PLAN's event rows", () => {
  it('an events range whose cells are all empty is the argument left out: "replace" with it is refused, not an empty calendar', () => {
    const refusal =
      'eventsMode: is "replace" but no events are given; pass the events range, or leave eventsMode empty';
    expect(invalid('PLAN', rows(''), null, 'replace')).toBe(refusal);
    expect(invalid('PLAN', rows(''), [[null]], 'replace')).toBe(refusal);
    expect(
      invalid(
        'PLAN',
        rows(''),
        [
          [null, ''],
          ['', null],
        ],
        'replace',
      ),
    ).toBe(refusal);
    expect(call('PLAN', rows(''), [[null, '']])).toEqual(call('PLAN', rows('')));
  });

  it('"add", the default, with no events or an all-empty range is the default plan (it was refused)', () => {
    const plain = call('PLAN', rows(''));
    const blank = Array.from({ length: 12 }, () => [null, null, null]);
    expect(call('PLAN', rows(''), blank, 'add')).toEqual(plain);
    expect(call('PLAN', rows(''), null, 'ADD')).toEqual(plain);
  });

  it('name the span of the shipped calendar of their own kind', () => {
    const out = call('PLAN', rows('')) as unknown[][];
    const note = (kind: string) => String(out.find((r) => r[0] === `${kind} in the condor's life`)?.[2]);
    expect(note('FOMC')).toMatch(/shipped calendar \(FOMC decisions 1994-2027\)$/);
    expect(note('CPI')).toMatch(/shipped calendar \(CPI releases 2000-2026\)$/);
    expect(note('PPI')).toMatch(/shipped calendar \(PPI releases 2000-2026\)$/);
  });
});

describe('signals: an RSI typed as a fraction, a period outside the policy, closes that are not levels', () => {
  const closes = Array.from({ length: 20 }, (_, i) => [4700 + 10 * Math.sin(i)]);

  it('SPLIT refuses an RSI between 0 and 1 (35% read as 0.35 would fire the oversold rule)', () => {
    expect(invalid('SPLIT', 20, 16, 0.35)).toBe(
      'rsi: is 0.35, which looks like a fraction; pass the RSI on its 0-100 scale: 35',
    );
    expect(invalid('SPLIT', 20, 16, 135)).toBe('rsi: is 135, outside 0 to 100; pass the RSI on its 0-100 scale');
    expect(call('SPLIT', 20, 16, 35)).toEqual([[0.72, 0.28]]);
  });

  it('SPLIT and PLAN refuse an RSI of 0, what a formula pointing at an empty cell gives (it split 0.643/0.357)', () => {
    const zero =
      'is 0 (an empty cell reads as 0), and a settled RSI is never 0; leave it out for no RSI signal, or pass the RSI on its 0-100 scale (ALVH.RSI of the SPX closes)';
    expect(invalid('SPLIT', 25.9, 23.325, 0)).toBe(`rsi: ${zero}`);
    expect(invalid('SPLIT', 25.9, 23.325, '0')).toBe(`rsi: ${zero}`);
    expect(invalid('PLAN', rows('', [['rsi', 0]]))).toBe(`inputs rsi: ${zero}`);
    // left out, the RSI rule is not applied
    const [[calendar]] = call('SPLIT', 25.9, 23.325) as [[number, number]];
    expect(calendar).toBeCloseTo(0.5358, 4);
    expect(call('SPLIT', 25.9, 23.325, null)).toEqual(call('SPLIT', 25.9, 23.325));
  });

  it('SPLIT refuses an RSI typed as percent text, as PLAN\'s rsi row does ("100%" read as 1 fired the widening)', () => {
    expect(call('SPLIT', 20, 16, 100)).toEqual([[0.6, 0.4]]);
    expect(invalid('SPLIT', 20, 16, '100%')).toBe('rsi: is "100%", a percentage; give it in its own units without %');
    expect(invalid('SPLIT', 20, 16, '0%')).toBe('rsi: is "0%", a percentage; give it in its own units without %');
    // the % typed is named, not the fraction it reads as ("is 0.35, which looks like a fraction")
    expect(invalid('SPLIT', 20, 16, '35%')).toBe('rsi: is "35%", a percentage; give it in its own units without %');
    expect(invalid('SPLIT', 20, 16, [['35%']])).toMatch(/^rsi: is "35%", a percentage/);
    expect(call('SPLIT', 20, 16, '35')).toEqual([[0.72, 0.28]]);
  });

  it('SPLIT\'s and PLAN\'s signals offer only what they accept when the text is not a number ("5%" was offered, then refused)', () => {
    const fix = 'pass a number without % (text such as "42" also reads as one)';
    for (const [at, name] of [
      [0, 'vx1'],
      [1, 'vx2'],
      [2, 'rsi'],
      [3, 'prevSpread'],
      [4, 'macdHist'],
      [5, 'adSlope'],
    ] as const) {
      const args: unknown[] = [20, 16, null, null, null, null];
      args[at] = 'down';
      expect(invalid('SPLIT', ...args)).toBe(`${name}: is "down", not a number; ${fix}`);
    }
    expect(invalid('PLAN', rows('', [['macdHist', 'up']]))).toBe(`inputs macdHist: is "up", not a number; ${fix}`);
    expect(invalid('PLAN', rows('', [['rsi', 'low']]))).toBe(`inputs rsi: is "low", not a number; ${fix}`);
  });

  it("PLAN's rsi row is read as SPLIT reads rsi: 0.4 (a cell formatted 40%) fired the RSI rule", () => {
    expect(invalid('PLAN', rows('', [['rsi', 0.4]]))).toBe(
      'inputs rsi: is 0.4, which looks like a fraction; pass the RSI on its 0-100 scale: 40',
    );
    expect(invalid('PLAN', rows('', [['RSI', '0.6']]))).toBe(
      'inputs RSI: is 0.6, which looks like a fraction; pass the RSI on its 0-100 scale: 60',
    );
    expect(invalid('PLAN', rows('', [['rsi', 135]]))).toBe(
      'inputs rsi: is 135, outside 0 to 100; pass the RSI on its 0-100 scale',
    );
    const audit = (rsi: number) => (call('PLAN', rows('', [['rsi', rsi]])) as unknown[][]).map((r) => r[0]);
    expect(audit(35)).toContain('split.rsi-widening');
    expect(audit(1)).toContain('split.rsi-widening');
  });

  it('MACD takes lengths of 1-500 bars, and values whose averages cannot overflow, naming the cell from 1', () => {
    const values = Array.from({ length: 40 }, (_, i) => [100 + i]);
    expect(invalid('MACD', values, 12, 1e308)).toBe('slow: is 1e+308; pass a whole number of bars from 1 to 500');
    expect(invalid('MACD', values, null, null, 2.5)).toBe('signal: is 2.5; pass a whole number of bars from 1 to 500');
    const huge = values.map(() => [1e308]);
    expect(invalid('MACD', huge)).toMatch(/^values\[1\]: is 1e\+308, beyond 1000000000000 in size; pass closes/);
  });

  it('MACD names the length that was given when fast and slow do not order (slow alone said "fast: is 12")', () => {
    const values = Array.from({ length: 60 }, (_, i) => [100 + 10 * Math.sin(i / 3)]);
    expect(invalid('MACD', values, null, 12)).toBe(
      "slow: is 12, not longer than fast's default 12; pass a slow above 12, or a fast below 12",
    );
    expect(invalid('MACD', values, null, 1)).toBe(
      "slow: is 1, not longer than fast's default 12; pass a slow above 12",
    );
    expect(invalid('MACD', values, 30)).toBe(
      "fast: is 30, not shorter than slow's default 26; pass a fast below 26, or a slow above 30",
    );
    // both given: fast is named, as the package names it
    expect(invalid('MACD', values, 12, 12)).toMatch(/^fast: is 12, not shorter than slow 12/);
    expect(call('MACD', values, null, 13)).toHaveLength(1);
  });

  it('bar and day counts refuse percent text ("100%" as a MACD fast length computed MACD(1, 26, 9))', () => {
    const values = Array.from({ length: 60 }, (_, i) => [100 + 10 * Math.sin(i / 3)]);
    const percent = (name: string, text: string) =>
      `${name}: is "${text}", a percentage; give it in its own units without %`;
    expect(invalid('MACD', values, '100%')).toBe(percent('fast', '100%'));
    expect(invalid('MACD', values, null, '2600%')).toBe(percent('slow', '2600%'));
    expect(invalid('MACD', values, null, null, '900%')).toBe(percent('signal', '900%'));
    expect(call('MACD', values, '12', '26', '9', null, false)).toEqual(
      call('MACD', values, null, null, null, null, false),
    );
    expect(invalid('RSI', closes, '1400%')).toBe(percent('period', '1400%'));
    expect(invalid('RSI', closes, '14%')).toBe(percent('period', '14%'));
    expect(call('RSI', closes, '14', null, false)).toEqual(call('RSI', closes, null, null, false));
    const adv = Array.from({ length: 12 }, (_, i) => [1500 + 40 * i]);
    const dec = Array.from({ length: 12 }, (_, i) => [1400 - 30 * i]);
    expect(invalid('ADSLOPE', adv, dec, '1000%')).toBe(percent('lookback', '1000%'));
    expect(call('ADSLOPE', adv, dec, '10')).toBe(call('ADSLOPE', adv, dec));
    // the other day counts, bounded by whole-number policy fields, refuse it too
    expect(invalid('OVERLAY', 44519, 4697.96, 17.91, 44582, 4150, -288, null, null, '3000%')).toBe(
      percent('backDays', '3000%'),
    );
    expect(invalid('STRESSFUTURE', 44519, 17.91, [[20.8], [22.7]], 44580, null, '1000%')).toBe(
      percent('drawdownDays', '1000%'),
    );
    // and so do levels: a stressed VIX in points, a speed per year ("4791%" was read as VIX 47.91)
    const stress = [44519, 17.91, [[20.8], [22.7]], 44580, null, null] as const;
    expect(invalid('STRESSFUTURE', ...stress, '4791%')).toBe(percent('stressVix', '4791%'));
    expect(invalid('STRESSFUTURE', ...stress, null, null, '600%')).toBe(percent('shockKappa', '600%'));
    expect(call('STRESSFUTURE', ...stress, '47.91')).toEqual(call('STRESSFUTURE', ...stress, 47.91));
  });

  it('RSI takes a period of 2-100 bars and closes above 0, naming the cell', () => {
    expect(invalid('RSI', closes, 1)).toBe('period: is 1, outside 2 to 100; pass a number from 2 to 100 bars');
    const bad = closes.map((r, i) => (i === 4 ? [-r[0]!] : r));
    expect(invalid('RSI', bad)).toBe(`closes[5]: is ${-closes[4]![0]!}, not above 0; pass the closing levels (> 0)`);
  });

  it("SPLIT's prevSpread, macdHist and adSlope take the ranges PLAN and the API take, and no percent text", () => {
    expect(invalid('SPLIT', 22, 20, null, 1e9)).toBe(
      'prevSpread: is 1000000000; prevSpread is F1 − F2 in VIX points: pass a value between −50 and 50 (e.g. 2.5)',
    );
    expect(invalid('SPLIT', 22, 20, null, '250%')).toBe(
      'prevSpread: is "250%", a percentage; give it in its own units without %',
    );
    expect(invalid('SPLIT', 22, 20, null, 2.5, 1e6)).toMatch(/^macdHist: is 1000000; pass the MACD histogram/);
    expect(invalid('SPLIT', 22, 20, null, 2.5, 0.5, -1e7)).toMatch(
      /^adSlope: is -10000000; pass the A\/D line's slope/,
    );
    // inside the ranges the split is the package's, as before
    expect(call('SPLIT', 22, 20, 30, 2.5, 0.5, -10)).toEqual([[0.4466666666666667, 0.5533333333333332]]);
  });

  it('SPLIT: an RSI far below 0.01 is told its scale, not offered as a percent (1e-298)', () => {
    expect(invalid('SPLIT', 20.8, 22.7, 1e-300)).toBe(
      'rsi: is 1e-300, which looks like a fraction; pass the RSI on its 0-100 scale (35 for 35%)',
    );
    expect(invalid('SPLIT', 20.8, 22.7, 0.35)).toBe(
      'rsi: is 0.35, which looks like a fraction; pass the RSI on its 0-100 scale: 35',
    );
  });

  it('ADSLOPE: the least-squares slope of the A/D line over the last lookback days, cells named when wrong', () => {
    const adv = [1500, 1200, 900, 1100, 1300, 1000, 800, 1400, 1600, 900, 700, 1200].map((x) => [x]);
    const dec = [1000, 1300, 1900, 1400, 1200, 1500, 1700, 1100, 900, 1600, 1800, 1300].map((x) => [x]);
    // the line's last 10 values −600 … −3100, slope Σ(i − 4.5)(y − ȳ) / Σ(i − 4.5)² computed by hand
    expect(call('ADSLOPE', adv, dec)).toBeCloseTo(-255.15151515151516, 9);
    expect(call('ADSLOPE', adv, dec, 2)).toBeCloseTo(-100, 9);
    expect(invalid('ADSLOPE', adv, dec, 1)).toBe('lookback: is 1, outside 2 to 250; pass a number from 2 to 250 days');
    expect(invalid('ADSLOPE', adv, dec.slice(1))).toBe(
      "decliners: has 11 cells, advancers 12; select the two columns side by side, the same rows, so that each day's decliners sit beside its advancers",
    );
    // an empty decliners range is said to be empty, as an empty advancers range is
    expect(invalid('ADSLOPE', adv, [[null]])).toBe('decliners: has no values; select the cells that hold the data');
    expect(invalid('ADSLOPE', [[null]], dec)).toBe('advancers: has no values; select the cells that hold the data');
    // the single cell is the odd one out, whichever side it is on; a whole column's count is grouped
    expect(invalid('ADSLOPE', 5, dec)).toMatch(/^advancers: has 1 cell, decliners 12; select the two columns/);
    const column = Array.from({ length: 1_048_576 }, (_, i) => [dec[i]?.[0] ?? null]);
    expect(invalid('ADSLOPE', adv, column)).toMatch(/^decliners: has 1,048,576 cells, advancers 12; /);
    const bad = adv.map((r, i) => (i === 11 ? [1e7] : r));
    expect(invalid('ADSLOPE', bad, dec)).toBe(
      'advancers[12]: is 10000000; pass counts of issues per day (at most 100000)',
    );
    // a fraction is no count of issues (it was read as one), in the sheet as in the plan's signals
    expect(
      invalid(
        'ADSLOPE',
        adv,
        dec.map((r, i) => (i === 4 ? [1500.5] : r)),
      ),
    ).toBe('decliners[5]: is 1500.5; pass whole counts of issues per day (no fraction)');
    expect(
      invalid(
        'ADSLOPE',
        adv,
        dec.map((r, i) => (i === 2 ? [-5] : r)),
      ),
    ).toMatch(/^decliners\[3\]: is -5/);
    expect(errorOf(() => call('ADSLOPE', adv.slice(0, 5), dec.slice(0, 5))).code).toBe(ErrorCode.notAvailable);
  });

  it('ADSLOPE refuses a count typed with a dot for its thousands, offering the counts it takes ("2.000" was read as 2)', () => {
    const adv = [1500, 1200, 900, 1100, 1300, 1000, 800, 1400, 1600, 900, 700, 1200].map((x) => [x]);
    const dec = [1000, 1300, 1900, 1400, 1200, 1500, 1700, 1100, 900, 1600, 1800, 1300].map((x) => [x]);
    const at = (r: number[][], i: number, text: string) => r.map((c, j): unknown[] => (j === i ? [text] : c));
    expect(invalid('ADSLOPE', at(adv, 3, '2.000'), dec)).toBe(
      'advancers[4]: is 2.000; write 2000 for 2,000 issues, or 2 for 2 issues',
    );
    // 1.2 issues is no count: only 1,200 is offered (the refusal said "no fraction" and never offered it)
    expect(invalid('ADSLOPE', adv, at(dec, 5, '1.200'))).toBe('decliners[6]: is 1.200; write 1200 for 1,200 issues');
    expect(invalid('ADSLOPE', adv, at(dec, 5, '1.200.000'))).toBe(
      'decliners[6]: is 1.200.000, not a number it takes; write a whole number of issues from 0 to 100,000',
    );
    // grouped by commas the count reads as it is
    expect(call('ADSLOPE', at(adv, 3, '1,100'), dec)).toBe(call('ADSLOPE', adv, dec));
  });

  it('ADSLOPE reads the two ranges day by day as selected: a blank at different ends is named, never a shifted day', () => {
    const adv = [1500, 1200, 900, 1100, 1300, 1000, 800, 1400, 1600, 900, 700, 1200].map((x) => [x]);
    const dec = [1000, 1300, 1900, 1400, 1200, 1500, 1700, 1100, 900, 1600, 1800, 1300].map((x) => [x]);
    const slope = call('ADSLOPE', adv, dec) as number;
    // each range trimmed on its own paired each advancers count with the day before's decliners
    const advLate = [[null], ...adv.slice(1)];
    const decEarly = [...dec.slice(0, 11), [null]];
    expect(invalid('ADSLOPE', advLate, decEarly)).toBe(
      'advancers[1]: is empty beside decliners[1]; give the advancers on the day of decliners[1] in advancers[1], or clear decliners[1]',
    );
    expect(invalid('ADSLOPE', adv, decEarly)).toBe(
      'decliners[12]: is empty beside advancers[12]; give the decliners on the day of advancers[12] in decliners[12], or clear advancers[12]',
    );
    // a day blank in both is skipped, at either end or between the days
    const gap = (r: number[][]) => [[null], ...r.slice(0, 6), [''], ...r.slice(6), [null]];
    expect(call('ADSLOPE', gap(adv), gap(dec))).toBe(slope);
    // cells are named as selected, counted from 1 with the blanks
    const bad = gap(dec).map((r, i) => (i === 9 ? [-5] : r));
    expect(invalid('ADSLOPE', gap(adv), bad)).toMatch(/^decliners\[10\]: is -5/);
    // a row beside a column of the same days pairs day by day, as before
    expect(call('ADSLOPE', [adv.map((r) => r[0])], dec)).toBe(slope);
    // a day of 0 and 0 (formulas reading empty cells) is no day: named by its cell, not read as flat
    const zero = (r: number[][]) => [...r.slice(0, 4), [0], ...r.slice(4)];
    expect(invalid('ADSLOPE', gap(zero(adv)), gap(zero(dec)))).toBe(
      "advancers[6]: is 0 and so are the day's decliners: no trading day has no issue advancing or declining; leave the day out (a formula reading an empty cell gives 0), or give its counts",
    );
    // either count 0 alone is a day
    expect(call('ADSLOPE', [...adv, [0]], [...dec, [10]])).toBeTypeOf('number');
  });

  it('headers reads TRUE and FALSE typed as text (cells pasted from a CSV file)', () => {
    expect(call('SPLIT', 20, 16, 35, null, null, null, ' true ')).toEqual([
      ['calendar share', 'tail share'],
      [0.72, 0.28],
    ]);
    expect(call('SPLIT', 20, 16, 35, null, null, null, 'FALSE')).toEqual([[0.72, 0.28]]);
    expect(invalid('SPLIT', 20, 16, 35, null, null, null, 'yes')).toMatch(/^headers: is "yes", not TRUE or FALSE/);
  });
});

describe('a series cell is named by its place in the range as selected, counted from 1', () => {
  const closes = Array.from({ length: 40 }, (_, i) => [100 + 5 * Math.sin(i / 3)]);
  const col = (...head: unknown[]) => [...head.map((x) => [x]), ...closes];

  it('MACD names the cell itself, not the next one, for text, a blank or TRUE', () => {
    expect(invalid('MACD', col('abc'))).toMatch(/^values\[1\]: is "abc", not a number/);
    expect(invalid('MACD', col(1, null))).toMatch(/^values\[2\]: is empty/);
    expect(invalid('MACD', col(1, 2, true))).toMatch(/^values\[3\]: is TRUE, not a number/);
  });

  it('RSI and MACD name the cell of a value the package refuses, from 1 and after a leading blank', () => {
    const huge = /: is 2000000000000, beyond 1000000000000 in size/;
    expect(invalid('RSI', col(2e12))).toMatch(new RegExp(`^closes\\[1\\]${huge.source}`));
    expect(invalid('RSI', col(null, 100, 2e12))).toMatch(new RegExp(`^closes\\[3\\]${huge.source}`));
    expect(invalid('MACD', col(2e12))).toMatch(new RegExp(`^values\\[1\\]${huge.source}`));
    expect(invalid('MACD', col(null, 100, 2e12))).toMatch(new RegExp(`^values\\[3\\]${huge.source}`));
  });

  it('CURVE names the future and the expiry after leading blanks by their cells', () => {
    const date = 44519; // 2021-11-19
    expect(invalid('CURVE', date, 17.91, [[null], [20], [0.2]], [[null], [44550], [44580]])).toMatch(
      /^futures\[3\]: is 0\.2, which looks like a decimal/,
    );
    expect(invalid('CURVE', date, 17.91, [[null], [20], [22]], [[null], [44580], [44550]])).toMatch(
      /^expiries\[3\]: is 2021-12-20, earlier than expiries\[2\] 2022-01-19;/,
    );
    expect(invalid('CURVE', date, 17.91, [[20], [22]], [[44580], [44550]])).toMatch(
      /^expiries\[2\]: is 2021-12-20, earlier than expiries\[1\] 2022-01-19;/,
    );
  });
});

describe('whole-column ranges (1,048,576 rows)', () => {
  const ROWS = 1_048_576;
  /** A column of `ROWS` cells: the values first, the rest empty, as Excel passes =F(A:A). */
  const column = (values: readonly number[]): unknown[][] =>
    Array.from({ length: ROWS }, (_, i) => [i < values.length ? values[i] : null]);

  it('read a series from the top of a whole column, and refuse a whole column where one cell goes', () => {
    const closes = Array.from({ length: 30 }, (_, i) => 4700 + 10 * Math.sin(i));
    expect(call('RSI', column(closes), null, null, false)).toEqual(
      call(
        'RSI',
        closes.map((c) => [c]),
        null,
        null,
        false,
      ),
    );
    // A pricing argument broadcasts cell by cell: the first empty cell is named, not a stack overflow.
    expect(invalid('BS', 'put', 5000, column([4900]), 0.25, 0.2)).toBe(
      'strike[2]: is empty; fill it, or select only the strike cells that hold values',
    );
    expect(invalid('IV', 'put', column([1]), 5000, 4900, 0.25)).toMatch(
      /^price: is a 1048576×1 range; pass a single cell/,
    );
  });
});

describe('futures read by place: no price moves to another month', () => {
  it('PLAN refuses a curve that starts after VX1 or leaves a month out, and so do the last futures', () => {
    expect(invalid('PLAN', rows('VX1'))).toBe(
      'inputs VX1: is missing while VX2 is given; give the futures from VX1 (the front month) on without a gap: the method reads VX1 and VX2 as the front two',
    );
    expect(invalid('PLAN', rows('VX2'))).toMatch(/^inputs VX2: is missing while VX3 is given;/);
    const last = [
      ['lastDate', '2018-12-17'],
      ['lastVix', 25.58],
      ['lastVX2', 22.1],
    ];
    expect(invalid('PLAN', rows('', last))).toMatch(/^inputs lastVX1: is missing while lastVX2 is given;/);
    // a last rebalance without its futures names the row to add, not an internal count
    expect(invalid('PLAN', rows('', last.slice(0, 2)))).toBe(
      'inputs lastVX1: is missing: the last rebalance needs its VX futures; add rows lastVX1, lastVX2, …: the futures of that day from its front month (at least two), or remove lastDate and lastVix',
    );
    expect(invalid('PLAN', rows('', [...last.slice(0, 2), ['lastVX1', 22.1]]))).toMatch(
      /^inputs lastVX2: is missing: the last rebalance needs its VX futures;/,
    );
  });

  it("CURVE refuses an empty first cell when the expiries come from the calendar (REBALANCE too, with a fix that fits it), and keeps the range's trailing blanks", () => {
    const prices = [[25.9], [23.325], [22.3]];
    const blankFirst = [[null], ...prices];
    expect(invalid('CURVE', 43458, 36.07, blankFirst)).toBe(
      "futures[1]: is empty; start the range at the front month's price (without expiries the prices are read from the front month on), or give the expiries",
    );
    expect(invalid('STRESSFUTURE', 43458, 36.07, blankFirst, 43508)).toMatch(/, or give the expiries$/);
    // REBALANCE takes no expiries: its fix says only where the range starts
    const day = 43458; // 2018-12-24
    for (const [args, name] of [
      [[day, 36.07, blankFirst, day - 7, 25.58, prices], 'futures'],
      [[day, 36.07, prices, day - 7, 25.58, blankFirst], 'lastFutures'],
    ] as const)
      expect(invalid('REBALANCE', ...args)).toBe(
        `${name}[1]: is empty; start the range at the front month's price (the prices are read from the front month on)`,
      );
    expect(call('CURVE', 43458, 36.07, [...prices, [null], [null]])).toEqual(call('CURVE', 43458, 36.07, prices));
    // more prices than the calendar has expiries: the futures are named, not an internal count
    const many = Array.from({ length: 10_000 }, () => [20]);
    expect(invalid('CURVE', 43458, 36.07, many)).toBe(
      'futures: has 10,000 prices; pass at most 120 VX futures, the monthly contracts',
    );
  });

  it('CURVE offers the decimal reading of a price typed with a comma ("23,325" read as 23325)', () => {
    const fix = 'pass the level in index points, e.g. 20.35 (prices before 2007-03-26 were quoted at 10× the index)';
    expect(invalid('CURVE', 43458, 36.07, [[25.9], ['23,325'], [22.175]])).toBe(
      `futures[2]: is 23325, above 500 VIX points; if the comma is a decimal point, write 23.325; else ${fix}`,
    );
    // with expiries beside the prices, after a blank place, the cell as selected
    expect(invalid('CURVE', 43458, 36.07, [[null], [25.9], [' 23,325 ']], [[null], [43483], [43511]])).toBe(
      `futures[3]: is 23325, above 500 VIX points; if the comma is a decimal point, write 23.325; else ${fix}`,
    );
    // a number, or text grouped by more than one comma, is no decimal comma
    expect(invalid('CURVE', 43458, 36.07, [[25.9], [23325], [22.175]])).toBe(
      `futures[2]: is 23325, above 500 VIX points; ${fix}`,
    );
    expect(invalid('STRESSFUTURE', 43458, 36.07, [[25.9], ['1,023,325']], 43483)).toBe(
      `futures[2]: is 1023325, above 500 VIX points; ${fix}`,
    );
    // a comma with one or two decimals is no number under the common rule: the series says to write it with a point
    expect(invalid('CURVE', 43458, 36.07, [[25.9], ['23,5'], [22.175]])).toBe(
      'futures[2]: is "23,5", not a number; write 23.5 with a decimal point',
    );
    expect(invalid('ADSLOPE', [[1200], ['1250,5']], [[1300], [1100]])).toMatch(/write 1250\.5 with a decimal point$/);
  });

  it('SPLIT, TAILSIZE, VIXVOL and PLAN offer the decimal reading of a VX price as CURVE does', () => {
    const fix = 'pass the level in index points, e.g. 20.35 (prices before 2007-03-26 were quoted at 10× the index)';
    const said = (name: string) =>
      `${name}: is 23325, above 500 VIX points; if the comma is a decimal point, write 23.325; else ${fix}`;
    expect(invalid('SPLIT', '23,325', 22)).toBe(said('vx1'));
    expect(invalid('SPLIT', 22, ' 23,325 ')).toBe(said('vx2'));
    expect(invalid('TAILSIZE', 34557, '23,325', 61 / 365, 1.1374, 35.72)).toBe(said('hedgeFuture'));
    expect(invalid('TAILSIZE', 34557, 23.325, 61 / 365, 1.1374, '35,720')).toMatch(
      /^stressedFuture: is 35720, .*; if the comma is a decimal point, write 35\.720; else /,
    );
    expect(invalid('VIXVOL', 113.74, 61 / 365, 24, '23,325')).toBe(said('future'));
    // what the fix offers reads
    expect(call('SPLIT', '23.325', 22)).toEqual(call('SPLIT', 23.325, 22));
    expect(call('VIXVOL', 113.74, 61 / 365, 24, '23.325')).toBe(call('VIXVOL', 113.74, 61 / 365, 24, 23.325));
    // a number is no decimal comma: the fix is the level's alone
    expect(invalid('SPLIT', 23325, 22)).toBe(`vx1: is 23325, above 500 VIX points; ${fix}`);
    // the VX rows of PLAN (and of the last rebalance) say what was read and offer the decimal reading
    const vx2 = planSheet20181224().map(([k, v]): [string, unknown] => [k, k === 'VX2' ? '23,325' : v]);
    expect(invalid('PLAN', vx2)).toBe(
      'inputs VX2: is 23325, read from "23,325"; if the comma is a decimal point, write 23.325; else VX futures are in index points: pass a price from 5 to 500, e.g. 18.5',
    );
    const last = [
      ...planSheet20181224(),
      ['lastDate', 43451],
      ['lastVix', 24.52],
      ['lastVX1', 23.475],
      ['lastVX2', '21,675'],
    ];
    expect(invalid('PLAN', last)).toMatch(
      /^inputs lastVX2: is 21675, read from "21,675"; if the comma is a decimal point, write 21\.675; else /,
    );
    // docs/excel.md quotes the row's words
    const doc = readFileSync(join(__dirname, '../../docs/excel.md'), 'utf8').replace(/\s+/g, ' ');
    expect(doc).toContain(
      '`inputs VX2: is 23325, read from "23,325"; if the comma is a decimal point, write 23.325; else …`',
    );
    const fixed = planSheet20181224().map(([k, v]): [string, unknown] => [k, k === 'VX2' ? '23.325' : v]);
    expect(call('PLAN', fixed)).toEqual(call('PLAN', planSheet20181224()));
  });

  it('a single number typed with a decimal comma is told to write a point, in any function', () => {
    expect(invalid('TAILSIZE', 34557, '22,75', 61 / 365, 1.14, 35.72)).toBe(
      'hedgeFuture: is "22,75", not a number; write 22.75 with a decimal point',
    );
    expect(invalid('SPLIT', '20,8', 22.7, 45)).toBe('vx1: is "20,8", not a number; write 20.8 with a decimal point');
    expect(invalid('VIXVOL', 95, 0.1, 20, ' 18,5 ')).toMatch(/^future: is " 18,5 ", not a number; write 18\.5 with/);
    // a comma of thousands is a number, and a long cell is quoted cut short
    expect(invalid('SPLIT', `1,${'5'.repeat(5000)}`, 22.7, 45).length).toBeLessThanOrEqual(200);
  });
});

describe('futures and their expiries are read cell by cell, as they sit side by side', () => {
  const date = 44519; // 2021-11-19
  const col = (...cells: unknown[]) => cells.map((c) => [c]);
  const pairs = (out: unknown) => (out as [string, unknown][]).filter(([label]) => /^VX\d/.test(label));

  it('CURVE refuses a future without its expiry and an expiry without its future, naming the empty cell', () => {
    // Read as two series, each without its leading blank, 20 took the expiry beside the empty cell.
    expect(invalid('CURVE', date, 17.91, col(null, 20, 22), col(44550, 44580, null))).toBe(
      'futures[1]: is empty beside expiries[1]; give the price of expiries[1] in futures[1], or clear expiries[1]',
    );
    expect(invalid('CURVE', date, 17.91, col(20, 22, null), col(null, 44550, 44580))).toBe(
      'expiries[1]: is empty beside futures[1]; give the expiry of futures[1] in expiries[1], or clear futures[1]',
    );
    expect(invalid('CURVE', date, 17.91, col(20, 22, 23), col(44550, 44580, null))).toMatch(
      /^expiries\[3\]: is empty beside futures\[3\];/,
    );
  });

  it('STRESSFUTURE refuses them too', () => {
    expect(
      invalid('STRESSFUTURE', date, 17.91, col(null, 20, 22), 44580, null, null, null, col(44550, 44580, null)),
    ).toMatch(/^futures\[1\]: is empty beside expiries\[1\];/);
  });

  it('takes expiries of empty cells as omitted, as an empty cell is (one empty cell said "expiries: has 1 cell, futures 3")', () => {
    const prices = col(20.8, 22.75, 23.71);
    const curve = call('CURVE', date, 17.91, prices);
    for (const empty of [[['']], [[null]], col(null, null, null), [[null, '', null]]]) {
      expect(call('CURVE', date, 17.91, prices, empty)).toEqual(curve);
      expect(call('STRESSFUTURE', date, 17.91, prices, 44580, null, null, null, empty)).toEqual(
        call('STRESSFUTURE', date, 17.91, prices, 44580),
      );
    }
  });

  it('refuses ranges of different lengths naming expiries, even when both hold as many values', () => {
    expect(invalid('CURVE', date, 17.91, col(20, 22), col(null, 44550, 44580))).toBe(
      'expiries: has 3 cells, futures 2; select the two columns side by side, the same rows, so that each expiry sits beside its price',
    );
    expect(invalid('STRESSFUTURE', date, 17.91, col(20, 22), 44580, null, null, null, col(44550))).toMatch(
      /^expiries: has 1 cell, futures 2;/,
    );
  });

  it('skips a row blank in both and pairs each price with the expiry beside it', () => {
    // the December, January and February 2021-22 VX settlements
    const plain = call('CURVE', date, 17.91, col(20, 22, 23), col(44552, 44580, 44608));
    expect(pairs(plain).map(([label, price]) => [label.slice(0, 14), price])).toEqual([
      ['VX1 2021-12-22', 20],
      ['VX2 2022-01-19', 22],
      ['VX3 2022-02-16', 23],
    ]);
    expect(
      call('CURVE', date, 17.91, col(null, 20, null, 22, 23, null), col(null, 44552, null, 44580, 44608, null)),
    ).toEqual(plain);
    // a column of prices beside a row of expiries: the i-th cell of each, as selected
    expect(call('CURVE', date, 17.91, col(20, 22, 23), [[44552, 44580, 44608]])).toEqual(plain);
    const stress = (futures: unknown, expiries: unknown) =>
      call('STRESSFUTURE', date, 17.91, futures, 44580, null, null, null, expiries);
    expect(stress(col(null, 20, null, 22, 23), col(null, 44552, null, 44580, 44608))).toEqual(
      stress(col(20, 22, 23), col(44552, 44580, 44608)),
    );
  });

  it("names the package's refusals by the cell, past a row blank in both", () => {
    expect(invalid('CURVE', date, 17.91, col(20, null, 0.2), col(44550, null, 44580))).toMatch(
      /^futures\[3\]: is 0\.2, which looks like a decimal/,
    );
    expect(invalid('CURVE', date, 17.91, col(20, null, 22), col(44580, null, 44550))).toMatch(
      /^expiries\[3\]: is 2021-12-20, earlier than expiries\[1\] 2022-01-19;/,
    );
    expect(invalid('CURVE', date, 17.91, col(20, 'abc'), col(44550, 44580))).toMatch(
      /^futures\[2\]: is "abc", not a number/,
    );
    expect(invalid('CURVE', date, 17.91, col(20, 22), col(44550, 'soon'))).toMatch(
      /^expiries\[2\]: is "soon", not a date/,
    );
  });
});

describe('a range of strikes is checked as one cell is', () => {
  // A rate or yield of 1 (1 typed for 1%) is refused in one cell; over a range it was priced at 100%.
  it('refuses a rate or a yield of 1 over a range of strikes, as for one strike', () => {
    for (const [id, args] of [
      ['BS', ['call', 42, [[40], [45]], 0.5, 0.2, 1]],
      ['BS', ['put', 4697.96, [[4150], [4100]], 63 / 365, 0.2, 0.01, 1]],
      ['BLACK76', ['call', 22.75, [[24], [26]], 61 / 365, 1.1374, 1]],
    ] as const)
      expect(invalid(id, ...args)).toMatch(/(rate|divYield).*is 1, which looks like a percentage/);
  });
});

describe('ALVH.STRESSFUTURE plausibility', () => {
  it('refuses a hedge expiry inside the drawdown (its stressed future would be a shock it never sees)', () => {
    const date = 44545; // 2021-12-15
    expect(invalid('STRESSFUTURE', date, 20, [[20.5], [21.5], [22.3]], 44552)).toBe(
      "expiry: is 2021-12-22, 7 days out, before the 10-day drawdown ends; pass an expiry after the drawdown ends (the method's tail expires 45-60 days out)",
    );
  });

  it('refuses a stressVix below VIX (VIX 60, stressVix 5 gave a future floored at 0.01), as CONDORLOSS does', () => {
    const d = 44519;
    const fut = [[45], [38], [34]];
    // a weekly (2021-12-01), then the December and January settlements
    expect(invalid('STRESSFUTURE', d, 60, fut, d + 12, null, null, 5, [[d + 12], [d + 33], [d + 61]])).toBe(
      "stressVix: is 5, below today's VIX of 60: the drawdown's VIX rises as SPX falls; pass a stressVix of at least 60, or leave it empty (VIX + 1.5 per 1% of drawdown)",
    );
    expect(invalid('STRESSFUTURE', 44519, 17.91, [[20.8], [22.7]], 44580, null, null, 10)).toMatch(
      /^stressVix: is 10, below today's VIX of 17\.91/,
    );
    const strikes = [[4100], [4150], [5300], [5350]];
    expect(invalid('CONDORLOSS', d, 4697.96, 17.91, 44582, strikes, 10, null, 0, 0, null, null, 5)).toMatch(
      /^stressVix: is 5, below today's VIX of 17\.91/,
    );
    // no jump is a scenario still: stressVix equal to VIX is taken
    const [[, , same]] = call('STRESSFUTURE', 44519, 17.91, [[20.8], [22.7]], 44580, null, null, 17.91) as [
      [number, number, number],
    ];
    expect(same).toBe(17.91);
  });

  it('takes VIX up to 300, as CONDOR and PLAN do (450 was accepted), in CURVE and REBALANCE too', () => {
    const fut = [[20.7994], [22.7497], [23.7091]];
    const above = 'is 450, above 300; pass VIX in index points, at most 300 (its highest close is 82.69)';
    expect(invalid('STRESSFUTURE', 44519, 450, fut, 44580, null, null, 300)).toBe(`vix: ${above}`);
    expect(invalid('CURVE', 44519, 450, fut)).toBe(`vixSpot: ${above}`);
    expect(invalid('REBALANCE', 44519, 17.91, fut, 44512, 450, fut)).toBe(`lastVix: ${above}`);
    expect(call('CURVE', 44519, 300, fut)).toBeDefined();
    expect(invalid('CONDOR', 44519, 4697.96, 500, 44582, [[4100, 4150, 5300, 5350]])).toBe(
      'vix: is 500, above 300; pass VIX in index points, at most 300 (its highest close is 82.69)',
    );
  });

  it('refuses an expiry past the last future given, on a closed day or past the calendar, naming its own arguments', () => {
    // 2020-03-16 (VIX 82.69) with VX1 and VX2 only: May 2020 came out 51.26 today and 63.40 stressed
    // from the fitted curve, the real VX3 being 44.875
    const date = 43906; // 2020-03-16
    const may = 43971; // 2020-05-20
    expect(invalid('STRESSFUTURE', date, 82.69, [[72.625], [59.15]], may)).toBe(
      'expiry: is 2020-05-20, after the last future given (2020-04-15); the curve is not extrapolated; extend futures to the 2020-05-20 future, or pass an expiry up to 2020-04-15',
    );
    const expiries = [[43908], [43936]]; // 2020-03-18, 2020-04-15
    expect(invalid('STRESSFUTURE', date, 82.69, [[72.625], [59.15]], may, null, null, null, expiries)).toMatch(
      /; extend futures and expiries to the 2020-05-20 future/,
    );
    // an expiries range of empty cells is the argument left out: no expiries to extend
    expect(invalid('STRESSFUTURE', date, 82.69, [[72.625], [59.15]], may, null, null, null, [[null], ['']])).toMatch(
      /; extend futures to the 2020-05-20 future, or pass an expiry up to 2020-04-15$/,
    );
    const [[, listed]] = call('STRESSFUTURE', date, 82.69, [[72.625], [59.15], [44.875]], may) as [[number, number]];
    expect(listed).toBe(44.875);
    // a Saturday was priced from the fitted curve; a 2045 expiry answered θ
    const vx2019 = [[14.825], [15.625], [16.125]]; // 2019-03-01
    expect(invalid('STRESSFUTURE', 43525, 13.57, vx2019, 43547)).toBe(
      "expiry: is 2019-03-23, a Saturday: no VX future settles on a day the exchange is closed; pass the contract's final-settlement date (the March 2019 future settles 2019-03-19)",
    );
    expect(invalid('STRESSFUTURE', 43525, 13.57, vx2019, 52678)).toMatch(/^expiry: is 2044-03-22, /);
  });

  it("moves a future expiring on the drawdown's last day by the whole shock, F + ΔVIX (the curve's roll ignored)", () => {
    const fut = [[20.7994], [22.7497], [23.7091]];
    // 2021-12-01, a weekly VX settlement, at the end of a 12-day drawdown
    const [[stressed, today, sVix]] = call('STRESSFUTURE', 44519, 17.91, fut, 44531, null, 12) as [
      [number, number, number],
    ];
    expect(stressed).toBeCloseTo(today + (sVix - 17.91), 10);
    expect(stressed).not.toBeCloseTo(sVix, 1);
  });

  it('refuses an expiry no VX future or VIX option settles on (the SPX monthly Friday), which it priced as a contract', () => {
    const fut = [[20.7994], [22.7497], [23.7091]];
    // 2022-01-21, the January SPX monthly, gave 35.386 / 22.833 interpolated; the VIX expiry is 2022-01-19
    expect(invalid('STRESSFUTURE', 44519, 17.91, fut, 44582)).toBe(
      "expiry: is 2022-01-21, a day no VX future or VIX option settles on (that week's is 2022-01-19); pass 2022-01-19, or =ALVH.TAILEXPIRY(valuationDate) for the plan's tail expiry",
    );
    // the day offered is one the drawdown's check takes: 2024-05-17's week settles 2024-05-15, inside a
    // 10-day drawdown from 2024-05-06, so the first settlement after it, the weekly 2024-05-22, is offered
    const may = isoToExcelSerial('2024-05-06');
    expect(invalid('STRESSFUTURE', may, 14, fut, isoToExcelSerial('2024-05-17'))).toBe(
      "expiry: is 2024-05-17, a day no VX future or VIX option settles on (that week's is 2024-05-15); pass 2024-05-22, or =ALVH.TAILEXPIRY(valuationDate) for the plan's tail expiry",
    );
    expect(call('STRESSFUTURE', may, 14, fut, isoToExcelSerial('2024-05-22'))).toHaveLength(1);
    const [[stressed, today]] = call('STRESSFUTURE', 44519, 17.91, fut, 44580) as [[number, number]];
    expect(today).toBe(22.7497);
    expect(stressed).toBeCloseTo(35.722, 3);
  });
});

describe('ALVH.REBALANCE names a curve too short to compare by its argument', () => {
  it('lastFutures or futures, #N/A as a series too short is (it said then.points or now.points)', () => {
    // 2019-01-15 is the day before VX1 expires: VX1 and VX2 reach 29 days, no 30-day tenor
    const last = errorOf(() => call('REBALANCE', 43483, 20, [[20], [21]], 43480, 20, [[20], [21]]));
    expect(last.code).toBe(ErrorCode.notAvailable);
    expect(last.message).toBe(
      'lastFutures: reaches 29 days, short of the first compared tenor (30 days); pass curves whose last future expires at least 30 days after their valuation date',
    );
    const now = errorOf(() => call('REBALANCE', 43480, 20, [[20], [21]], 43479, 20, [[20], [21], [22]]));
    expect(now.code).toBe(ErrorCode.notAvailable);
    expect(now.message).toMatch(/^futures: reaches 29 days, short of the first compared tenor/);
  });
});

describe('a date typed in years', () => {
  it('says a serial date is not a time, rather than suggesting a number of years that is refused too', () => {
    expect(invalid('BS', 'call', 42, 40, 45000, 0.2)).toMatch(
      /^years: is 45000, more than 10 years for .*, which looks like a date; pass the years to expiry, \(expiry − today\)\/365/,
    );
  });
});

describe('a VIX typed as a fraction', () => {
  it('names the level it was meant to be (0.1791 is 17.91)', () => {
    expect(invalid('CONDOR', 44519, 4697.96, 0.1791, 44582, [[4100, 4150, 5300, 5350]])).toBe(
      'vix: is 0.1791; pass VIX in index points: 17.91, not 0.1791',
    );
  });
});

describe('a VIX no close has ever had', () => {
  const strikes = [[1750], [1800], [2850], [2900]];
  const never = (v: number) => `is ${v}: VIX has never closed below 9; pass VIX in index points (18.5)`;

  it('is refused at vix in every function taking one, not priced (a credit of 1e-22) nor blamed on another argument', () => {
    expect(invalid('CONDOR', 43458, 2351.1, 1, 43511, strikes)).toBe(`vix: ${never(1)}`);
    expect(invalid('CONDOR', 43458, 2351.1, 1e-300, 43511, strikes)).toBe(`vix: ${never(1e-300)}`);
    expect(invalid('CONDORLOSS', 43458, 2351.1, 4.99, 43511, strikes, 1)).toBe(`vix: ${never(4.99)}`);
    // a unit of next to no vega was blamed on structure and strike
    expect(invalid('OVERLAY', 44519, 4697.96, 2, 44582, 4150, -492.64)).toBe(`vix: ${never(2)}`);
    const fut = [[25.9], [23.325], [22.175]];
    // the front future was named as 5.8 times the spot
    expect(invalid('CURVE', 43458, 4.5, fut)).toBe(`vixSpot: ${never(4.5)}`);
    expect(invalid('STRESSFUTURE', 43458, 3, fut, 43482)).toBe(`vix: ${never(3)}`);
    expect(invalid('REBALANCE', 43458, 36.07, fut, 43451, 2, fut)).toBe(`lastVix: ${never(2)}`);
    const sheet = (key: string, v: number) => [...planSheet20181224().filter(([k]) => k !== key), [key, v]];
    expect(invalid('PLAN', sheet('vix', 2))).toBe(`inputs vix: ${never(2)}`);
    const last = [
      ['lastDate', 43451],
      ['lastVix', 2],
      ['lastVX1', 23.475],
      ['lastVX2', 21.675],
    ];
    expect(invalid('PLAN', [...planSheet20181224(), ...last])).toBe(`inputs lastVix: ${never(2)}`);
    expect(call('CURVE', 43458, 9.14, [[9.5], [10]])).toBeDefined();
  });

  it("PLAN's vix and lastVix rows, and its VX rows, state the range PLAN holds: from 5, not the schema's 1", () => {
    const sheet = (key: string, v: number) => [...planSheet20181224().filter(([k]) => k !== key), [key, v]];
    const above =
      'is 400, above 300, the highest VIX level the model takes; pass a level in index points from 5 to 300, e.g. 18.5';
    expect(invalid('PLAN', sheet('vix', 400))).toBe(`inputs vix: ${above}`);
    expect(invalid('PLAN', sheet('vix', -1))).toBe(
      'inputs vix: VIX is in index points: pass a level from 5 to 300, e.g. 18.5',
    );
    const last = (vix: number, vx2: number) => [
      ...planSheet20181224(),
      ['lastDate', 43451],
      ['lastVix', vix],
      ['lastVX1', 23.475],
      ['lastVX2', vx2],
    ];
    expect(invalid('PLAN', last(400, 21.675))).toBe(`inputs lastVix: ${above}`);
    const vx = 'VX futures are in index points: pass a price from 5 to 500, e.g. 18.5';
    expect(invalid('PLAN', sheet('VX2', 600))).toBe(`inputs VX2: ${vx}`);
    expect(invalid('PLAN', last(24.52, 600))).toBe(`inputs lastVX2: ${vx}`);
    // VIX3M is taken from 1 point in PLAN, as the schema says
    expect(invalid('PLAN', [...planSheet20181224(), ['VIX3M', 400]])).toMatch(/from 1 to 300, e\.g\. 18\.5$/);
  });

  it('of 0 or below is said to be above 0, not read as a decimal', () => {
    for (const v of [0, -1])
      expect(invalid('CONDOR', 43458, 2351.1, v, 43511, strikes)).toBe(
        `vix: is ${v}, but must be greater than 0; pass VIX in index points (18.5)`,
      );
  });
});

describe('a VX future no settlement has ever had', () => {
  const never = (v: number) =>
    `is ${v}: VX futures have never settled below 9.875; pass the price in index points, e.g. 22.75`;
  const fut = (vx2: number) => [[25.9], [vx2], [22.175]];

  it('is refused below 5 in every function taking one, not sized as steep backwardation or a strike of 3', () => {
    // 22.7497 typed 2.27497: 0.65/0.35 steep backwardation, and 20 calls struck at 3 where 68 at 24 are due
    expect(invalid('SPLIT', 20.7994, 2.27497)).toBe(`vx2: ${never(2.27497)}`);
    expect(invalid('SPLIT', 4.99, 22.7497)).toBe(`vx1: ${never(4.99)}`);
    expect(invalid('TAILSIZE', LOSS, 2.27497, YEARS, VVOL, STRESSED_F, null, null, 0.001)).toBe(
      `hedgeFuture: ${never(2.27497)}`,
    );
    expect(invalid('TAILSIZE', LOSS, HEDGE_F, YEARS, VVOL, 3.57223)).toBe(`stressedFuture: ${never(3.57223)}`);
    expect(invalid('VIXVOL', 120, 51 / 365, 24, 2.3325)).toBe(`future: ${never(2.3325)}`);
    expect(invalid('CURVE', 43458, 36.07, fut(2.3325))).toBe(`futures[2]: ${never(2.3325)}`);
    expect(invalid('STRESSFUTURE', 43458, 36.07, fut(2.3325), 43482)).toBe(`futures[2]: ${never(2.3325)}`);
    expect(invalid('REBALANCE', 43458, 36.07, fut(23.325), 43451, 24.52, [[23.475], [2.1675]])).toBe(
      `lastFutures[2]: ${never(2.1675)}`,
    );
    const sheet = (key: string, v: number) => [...planSheet20181224().filter(([k]) => k !== key), [key, v]];
    expect(invalid('PLAN', sheet('VX2', 2.3325))).toBe(`inputs VX2: ${never(2.3325)}`);
    const last = [
      ['lastDate', 43451],
      ['lastVix', 24.52],
      ['lastVX1', 23.475],
      ['lastVX2', 2.1675],
    ];
    expect(invalid('PLAN', [...planSheet20181224(), ...last])).toBe(`inputs lastVX2: ${never(2.1675)}`);
    expect(invalid('ORDERS', sheet('VX1', 2.59))).toBe(`inputs VX1: ${never(2.59)}`);
  });

  it('a decimal below 1 is still named with its level, and a price from 5 is taken', () => {
    expect(invalid('SPLIT', 0.207994, 22.7497)).toMatch(
      /^vx1: is 0\.207994, which looks like a decimal, not VIX points; pass the level in index points \(20\.7994 /,
    );
    expect((call('SPLIT', 20.7994, 22.7497) as number[][])[0]![0]).toBeCloseTo(0.4012, 4);
    expect(call('CURVE', 43458, 9.14, [[5], [10]])).toBeDefined();
    expect((call('TAILSIZE', LOSS, 5, YEARS, VVOL, STRESSED_F) as number[][])[0]![0]).toBeGreaterThan(0);
  });
});

describe('a level typed as a percentage is refused, not read a hundred times smaller', () => {
  const day = 44519; // 2021-11-19
  const percent = (at: string, text: string) => `${at}: is "${text}", a percentage; give it in its own units without %`;

  it('VX prices, VIX and index levels', () => {
    // "20%" read as 0.2 was refused as "looks like a decimal", a fix for what was not typed
    expect(invalid('CURVE', day, 17.91, [[20], ['22%']])).toBe(percent('futures[2]', '22%'));
    expect(invalid('CURVE', day, '17.91%', [[20], [22]])).toBe(percent('vixSpot', '17.91%'));
    expect(invalid('CONDOR', day, 4697.96, '17.91%', 44582, [[4100, 4150, 5300, 5350]])).toBe(percent('vix', '17.91%'));
    expect(invalid('CONDOR', day, '4697.96%', 17.91, 44582, [[4100, 4150, 5300, 5350]])).toBe(
      percent('spot', '4697.96%'),
    );
    expect(invalid('TAILSIZE', LOSS, '22.7497%', YEARS, VVOL, STRESSED_F)).toBe(percent('hedgeFuture', '22.7497%'));
    expect(invalid('RSI', [[4700], ['4710%'], [4690]])).toBe(percent('closes[2]', '4710%'));
  });

  it('strikes and prices: "4000%" would price a strike of 40; a vol, rate or years may still be a percentage', () => {
    expect(invalid('BS', 'put', 4500, '4000%', 0.25, 0.2)).toBe(percent('strike', '4000%'));
    expect(invalid('BS', 'put', [[4500, '4600%']], 4000, 0.25, 0.2)).toBe(percent('spot[2]', '4600%'));
    expect(invalid('IV', 'call', '4.76%', 42, 40, 0.5)).toBe(percent('price', '4.76%'));
    expect(invalid('CONDOR', day, 4697.96, 17.91, 44582, [[4100, '4150%', 5300, 5350]])).toBe(
      percent('strikes[2]', '4150%'),
    );
    const asText = call('BS', 'call', 42, 40, 0.5, '20%', '10%') as number[][];
    expect(asText).toEqual(call('BS', 'call', 42, 40, 0.5, 0.2, 0.1));
    expect(asText[0]![0]).toBeCloseTo(4.76, 2); // Hull's example 15.6
  });
});
