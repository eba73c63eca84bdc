import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_SKEW,
  ironCondorLegs,
  markBook,
  markLegs,
  skewedVol,
  stateSurfaces,
  surfacesFromVix,
  vixOptionVol,
  vixOptionVolFromVvix,
  type Leg,
  type MarketState,
} from '@alvh/shared';
import { spxSurfaceFromIndices, vixSurfaceFromVvix } from '@alvh/shared/surface';
import { bsPrice, black76Price } from '@alvh/shared';
import { parseIsoDate } from '@alvh/shared';
import { QUIET_STATE } from '../../helpers/fixtures';

const state: MarketState = { ...QUIET_STATE, futureFor: (e) => (e === '2024-02-14' ? 15 : 16) };
// With no surfaces of its own a state marks on the surface of its VIX alone (Section 2b).
const surface = spxSurfaceFromIndices({
  valuationDate: '2024-01-02',
  spot: 4700,
  indices: { vix: 14 },
  rate: 0.05,
  divYield: 0.015,
});

describe('skewedVol', () => {
  it.each([
    // strike, forward, years, atm, expected σ (hand computed from the documented formula)
    [4000, 4000, 30 / 365, 0.14, 0.14],
    [3900, 4000, 30 / 365, 0.14, 0.14 * (1 - 0.45 * (Math.log(3900 / 4000) / (0.14 * Math.sqrt(30 / 365))))],
    [4100, 4000, 30 / 365, 0.14, 0.14 * (1 - 0.2 * (Math.log(4100 / 4000) / (0.14 * Math.sqrt(30 / 365))))],
    [2000, 4000, 30 / 365, 0.14, 0.42], // capped at 3 × atm
    [6000, 4000, 30 / 365, 0.14, 0.07], // floored at 0.5 × atm
    [3000, 4000, 0, 0.14, 0.14], // no smile at expiry
  ])('σ(%d; F=%d, T=%d, atm=%d) = %d', (k, f, t, atm, want) => {
    expect(skewedVol(k, f, t, atm, DEFAULT_SKEW)).toBeCloseTo(want, 12);
  });

  it('matches the documented calibration: 25-delta put ≈ +4 pts, call ≈ −2 pts at ATM 14%', () => {
    const T = 30 / 365;
    const put25 = 4000 * Math.exp(-0.65 * 0.14 * Math.sqrt(T));
    const call25 = 4000 * Math.exp(0.7 * 0.14 * Math.sqrt(T));
    expect(skewedVol(put25, 4000, T, 0.14, DEFAULT_SKEW) - 0.14).toBeCloseTo(0.041, 3);
    expect(skewedVol(call25, 4000, T, 0.14, DEFAULT_SKEW) - 0.14).toBeCloseTo(-0.0196, 3);
  });

  it('property: monotone non-increasing in strike and within the clamp', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        fc.double({ min: 1 / 365, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        (m1, m2, t, atm) => {
          const lo = Math.min(m1, m2) * 4000;
          const hi = Math.max(m1, m2) * 4000;
          const vlo = skewedVol(lo, 4000, t, atm, DEFAULT_SKEW);
          const vhi = skewedVol(hi, 4000, t, atm, DEFAULT_SKEW);
          expect(vlo).toBeGreaterThanOrEqual(vhi - 1e-15);
          expect(vlo).toBeLessThanOrEqual(3 * atm + 1e-15);
          expect(vhi).toBeGreaterThanOrEqual(0.5 * atm - 1e-15);
        },
      ),
    );
  });
});

describe('markBook', () => {
  const condor = ironCondorLegs('2024-02-16', [4400, 4450, 4900, 4950], 2);

  it('values SPX legs by BSM at the surface vol and VIX legs by Black-76 at the VIX-option surface vol, × 100 × quantity', () => {
    const years = 45 / 365;
    expect(surface.forward(years)).toBeCloseTo(4700 * Math.exp((0.05 - 0.015) * years), 9);
    const byHand = condor.reduce((s, l) => {
      const vol = surface.vol(years, l.strike);
      return (
        s +
        100 *
          l.quantity *
          bsPrice({ type: l.type, spot: 4700, strike: l.strike, years, vol, rate: 0.05, divYield: 0.015 })
      );
    }, 0);
    const m = markBook(condor, state);
    expect(m.value).toBeCloseTo(byHand, 8);
    expect(m.value).toBeLessThan(0); // a short condor is a liability
    expect(m.vega).toBeLessThan(0);
    expect(m.theta).toBeGreaterThan(0);

    const vixLeg: Leg = { kind: 'vix', type: 'call', strike: 17, expiry: '2024-02-14', quantity: 3 };
    const v = markBook([vixLeg], state);
    const vov = vixSurfaceFromVvix('2024-01-02', 90).vol(43 / 365, 17, 15);
    expect(vov).toBeGreaterThan(0.9 * 0.9); // the call skew lifts an OTM call above ATM, the term slope lowers it past 30 days
    const want = 300 * black76Price({ type: 'call', future: 15, strike: 17, years: 43 / 365, vol: vov, rate: 0.05 });
    expect(v.value).toBeCloseTo(want, 8);
    expect(v.vixDelta).toBeGreaterThan(0);
    expect(v.delta).toBe(0);
  });

  it('dollar delta and gamma agree with finite differences of the value at fixed leg vols', () => {
    // markBook's delta is BSM's (sticky strike); bump spot with each leg's vol frozen
    const years = 45 / 365;
    const fwd = 4700 * Math.exp((0.05 - 0.015) * years);
    expect(fwd).toBeCloseTo(surface.forward(years), 9);
    const vols = condor.map((l) => surface.vol(years, l.strike));
    const value = (spot: number) =>
      condor.reduce(
        (s, l, i) =>
          s +
          100 *
            l.quantity *
            bsPrice({
              type: l.type,
              spot,
              strike: l.strike,
              years,
              vol: vols[i] as number,
              rate: 0.05,
              divYield: 0.015,
            }),
        0,
      );
    const m = markBook(condor, state);
    const h = 0.5;
    const fd = (value(4700 + h) - value(4700 - h)) / (2 * h);
    const fd2 = (value(4700 + h) - 2 * value(4700) + value(4700 - h)) / (h * h);
    expect(Math.abs(m.delta - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
    expect(Math.abs(m.gamma - fd2)).toBeLessThan(1e-3 * Math.max(0.01, Math.abs(fd2)));
    expect(m.value).toBeCloseTo(value(4700), 8);
  });

  it('dollar vega (per vol point) and theta (per calendar day) agree with finite differences', () => {
    const fwdOf = (t: number) => 4700 * Math.exp((0.05 - 0.015) * t);
    const years = 45 / 365;
    expect(fwdOf(years)).toBeCloseTo(surface.forward(years), 9);
    const vols = condor.map((l) => surface.vol(years, l.strike));
    const value = (dv: number, t: number) =>
      condor.reduce(
        (s, l, i) =>
          s +
          100 *
            l.quantity *
            bsPrice({
              type: l.type,
              spot: 4700,
              strike: l.strike,
              years: t,
              vol: (vols[i] as number) + dv,
              rate: 0.05,
              divYield: 0.015,
            }),
        0,
      );
    const m = markBook(condor, state);
    const fdVega = (value(0.0005, years) - value(-0.0005, years)) / 0.1; // per 0.01
    const h = 0.01 / 365;
    const fdTheta = (value(0, years - h) - value(0, years + h)) / (2 * h * 365);
    expect(Math.abs(m.vega - fdVega)).toBeLessThan(1e-4 * Math.abs(fdVega));
    expect(Math.abs(m.theta - fdTheta)).toBeLessThan(1e-3 * Math.abs(fdTheta));
  });

  it('marks an SPX (AM-settled) leg to the 09:30 opening print, 6.5 hours before an SPXW leg of its date', () => {
    // 2024-02-16 is the third Friday of February 2024: both roots list it.
    const put = (root?: 'SPX' | 'SPXW'): Leg => ({
      kind: 'spx',
      type: 'put',
      strike: 4700,
      expiry: '2024-02-16',
      quantity: 1,
      ...(root === undefined ? {} : { root }),
    });
    const [am] = markLegs([put('SPX')], state);
    const [pm] = markLegs([put('SPXW')], state);
    const [none] = markLegs([put()], state);
    const days = parseIsoDate('e', '2024-02-16') - parseIsoDate('d', state.date);
    expect(pm!.years).toBe(days / 365);
    expect(none!.years).toBe(pm!.years);
    expect(am!.years).toBeCloseTo((days - 6.5 / 24) / 365, 15);
    // The AM leg is the same option with 6.5 hours less to run: its price at its own years and vol.
    expect(am!.price).toBeCloseTo(
      bsPrice({ type: 'put', spot: 4700, strike: 4700, years: am!.years, vol: am!.vol, rate: 0.05, divYield: 0.015 }),
      10,
    );
    // An at-the-money put loses about theta × 6.5/24 of a day: more than 0.1 point at 45 days.
    expect(pm!.price - am!.price).toBeGreaterThan(0.1);
    expect(pm!.price - am!.price).toBeCloseTo((-pm!.theta * 6.5) / 24, 1);
    // On its expiry day's close the AM leg has settled (intrinsic); the PM leg has not yet.
    const onExpiry: MarketState = { ...state, date: '2024-02-16' };
    const [amDone] = markLegs([{ ...put('SPX'), strike: 4800 }], onExpiry);
    expect(amDone!.years).toBe(0);
    expect(amDone!.price).toBeCloseTo(100, 10);
  });

  it('marks expired legs at intrinsic value (a VIX leg on VIX itself, without asking for its future)', () => {
    const m = markBook([{ kind: 'spx', type: 'put', strike: 4800, expiry: '2023-12-15', quantity: 1 }], state);
    expect(m.value).toBeCloseTo(10_000, 8);
    const noFuture: MarketState = {
      ...state,
      futureFor: () => {
        throw new Error('not asked');
      },
    };
    const v = markBook([{ kind: 'vix', type: 'call', strike: 12, expiry: '2023-12-20', quantity: -2 }], noFuture);
    expect(v.value).toBeCloseTo(-2 * 100 * (14 - 12), 8);
  });

  it('settles an expired VIX leg at its own settlement when the state gives one (a scenario’s estimate)', () => {
    const leg: Leg = { kind: 'vix', type: 'call', strike: 12, expiry: '2023-12-20', quantity: 3 };
    const asked: string[] = [];
    const settled: MarketState = {
      ...state,
      settlementFor: (e) => {
        asked.push(e);
        return 20;
      },
    };
    // VIX on 2023-12-20 was 20 in this state's scenario; the state's own VIX (14) is of a later date
    expect(markBook([leg], settled).value).toBeCloseTo(3 * 100 * (20 - 12), 8);
    expect(asked).toEqual(['2023-12-20']);
    // a live leg does not ask for it
    markBook([{ ...leg, expiry: '2024-02-14' }], settled);
    expect(asked).toEqual(['2023-12-20']);
    expect(() => markBook([leg], { ...state, settlementFor: () => Number.NaN })).toThrow(/settlementFor\(2023-12-20\)/);
  });

  it('rejects bad legs and states by field', () => {
    expect(() => markBook([{ ...condor[0]!, strike: -1 }], state)).toThrow(/^legs\[0\]\.strike:/);
    expect(() => markBook([{ ...condor[0]!, expiry: '2024-13-01' }], state)).toThrow(/^legs\[0\]\.expiry:/);
    expect(() => markBook(condor, { ...state, vix: 0 })).toThrow(/^state\.vix:/);
    expect(() => markBook(condor, { ...state, volOfVol: 90 })).toThrow(/^state\.volOfVol:.*0\.9/);
  });

  it('refuses a vol of vol outside the request range 0.2-4 by state.volOfVol, not a zero price or a vol', () => {
    const call: Leg = { kind: 'vix', type: 'call', strike: 20, expiry: '2024-02-14', quantity: 1 };
    for (const volOfVol of [0, 0.1, 4.5])
      expect(() => markBook([call], { ...state, volOfVol })).toThrow(
        new RegExp(`^state\\.volOfVol: is ${volOfVol}, outside 0\\.2 to 4 \\(VVIX 20 to 400`),
      );
    expect(markBook([call], { ...state, volOfVol: 0.2 }).value).toBeGreaterThan(0);
  });

  it('anchors a surface built at a vol of vol outside 20-400 at the clamped level it is built at', () => {
    const surfaces = stateSurfaces('2024-01-02', 14, 0.1, surface);
    expect(surfaces.anchorVolOfVol).toBe(0.2);
    // a state at 0.2 on it marks at the VVIX-20 surface (20% at the money), not twice it
    const vol = vixOptionVol({ ...state, volOfVol: 0.2, surfaces }, 30 / 365, 16, 16);
    expect(vol).toBe(vixOptionVolFromVvix(20, 30 / 365, 16, 16));
    expect(vol).toBeCloseTo(0.2, 6);
    expect(stateSurfaces('2024-01-02', 14, 5, surface).anchorVolOfVol).toBe(4);
  });

  it('leaves out a Cboe index outside the surface module’s range, marking as on VIX alone', () => {
    // SKEW is 100-250 and VIX9D/VIX3M 1-300 points: a SKEW of 99 or a VIX3M of 301 is a bad print,
    // not a reason to refuse the day's marks
    const plain = surfacesFromVix(QUIET_STATE);
    const badPrints = surfacesFromVix(QUIET_STATE, { vix9d: 0.5, vix3m: 301, skew: 99 });
    for (const strike of [4200, 4700, 5000])
      expect(badPrints.spx.vol(45 / 365, strike)).toBe(plain.spx.vol(45 / 365, strike));
  });
});
