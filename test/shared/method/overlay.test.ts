import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  isBusinessDay,
  overlayBackExpiry,
  plan,
  planMarketState,
  sizeOverlay,
  spxMonthlyExpiry,
  type PlanInput,
} from '@alvh/shared';

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from './realDays';
import { spxSurfaceFromIndices, vixSurfaceFromVvix } from '@alvh/shared/surface';
import { bsGreeks, black76Greeks } from '@alvh/shared';
import { QUIET_STATE } from '../../helpers/fixtures';

const state = QUIET_STATE;
// The state's marks: the surfaces of its VIX alone (SPX) and of VVIX = 90 (VIX options).
const surface = spxSurfaceFromIndices({
  valuationDate: '2024-01-02',
  spot: 4700,
  indices: { vix: 14 },
  rate: 0.05,
  divYield: 0.015,
});
const vixVols = vixSurfaceFromVvix('2024-01-02', 90);

function putGreeks(strike: number, days: number) {
  const years = days / 365;
  const fwd = 4700 * Math.exp((0.05 - 0.015) * years);
  expect(fwd).toBeCloseTo(surface.forward(years), 9);
  const vol = surface.vol(years, strike);
  return bsGreeks({ type: 'put', spot: 4700, strike, years, vol, rate: 0.05, divYield: 0.015 });
}

describe('sizeOverlay — section 5', () => {
  it('back expiry: the SPX monthly nearest 30 days after the front', () => {
    expect(overlayBackExpiry('2024-02-16', 30)).toBe('2024-03-15'); // 2024-03-17 is a Sunday
    expect(overlayBackExpiry('2024-01-19', 30)).toBe('2024-02-16'); // 2024-02-18 Sunday → Friday 16th
    // 30 days after the May 2025 monthly is Sunday 06-15: the Friday before (06-13) is a weekly 66
    // days from 2025-04-08, not listed then; the June monthly is
    expect(overlayBackExpiry('2025-05-16', 30)).toBe('2025-06-20');
    expect(overlayBackExpiry('2019-02-08', 30)).toBe('2019-03-15'); // not the 2019-03-08 weekly
    // a weekly front: the monthly nearest its 30 days
    expect(overlayBackExpiry('2024-01-05', 30)).toBe('2024-02-16');
    // Good Friday 2025-04-18: the April monthly expires on Thursday 04-17
    expect(overlayBackExpiry('2025-03-28', 20)).toBe('2025-04-17');
    // a day after a monthly front: never the front itself, the next monthly
    expect(overlayBackExpiry('2022-01-21', 1)).toBe('2022-02-18');
    // equidistant (14 days each side of 2024-03-01): the later
    expect(overlayBackExpiry('2024-01-19', 42)).toBe('2024-03-15');
    // the calendar's ends
    expect(overlayBackExpiry('2000-01-21', 1)).toBe('2000-02-18');
    expect(overlayBackExpiry('2040-11-16', 30)).toBe('2040-12-21');
    expect(() => overlayBackExpiry('2040-12-21', 5)).toThrow(/^condor\.expiry: is 2040-12-21: no SPX monthly/);
  });

  it('back expiry on every trading day 2007-2025 (the monthly condor nearest 45 days): a monthly after the front, near the aim', () => {
    const bad: string[] = [];
    for (let d = '2007-04-02'; d <= '2025-12-31'; d = addDays(d, 1)) {
      if (!isBusinessDay(d)) continue;
      const front = [0, 1, 2, 3]
        .map((k) => {
          const [y, m] = d.split('-').map(Number) as [number, number];
          return spxMonthlyExpiry(y + Math.floor((m - 1 + k) / 12), ((m - 1 + k) % 12) + 1);
        })
        .filter((e) => e > d)
        .sort((a, b) => Math.abs(daysBetween(d, a) - 45) - Math.abs(daysBetween(d, b) - 45))[0]!;
      const back = overlayBackExpiry(front, 30);
      const monthly = back === spxMonthlyExpiry(Number(back.slice(0, 4)), Number(back.slice(5, 7)));
      const aim = Math.abs(daysBetween(front, back) - 30);
      if (!monthly || back <= front || aim > 17) bad.push(`${d}: ${front} → ${back}`);
    }
    expect(bad).toEqual([]);
  });

  it('spx-put-calendar: unit vega = back − front, units = round(target / unit vega)', () => {
    const r = sizeOverlay({
      structure: 'spx-put-calendar',
      condorVega: -2400,
      vegaMatch: 0.5,
      condorExpiry: '2024-02-16',
      strike: 4400,
      state,
    });
    const front = putGreeks(4400, 45);
    const back = putGreeks(4400, 73); // 2024-03-15
    const unitVega = (back.vega - front.vega) * 100;
    expect(r.unitVega).toBeCloseTo(unitVega, 9);
    expect(r.targetVega).toBe(1200);
    expect(r.units).toBe(Math.round(1200 / unitVega));
    expect(r.unitCost).toBeCloseTo((back.price - front.price) * 100, 9);
    expect(r.cost).toBeCloseTo(r.units * r.unitCost, 9);
    expect(r.theta).toBeCloseTo(r.units * (back.theta - front.theta) * 100, 9);
    expect(r.legs).toEqual([
      { kind: 'spx', type: 'put', strike: 4400, expiry: '2024-02-16', quantity: -r.units },
      { kind: 'spx', type: 'put', strike: 4400, expiry: '2024-03-15', quantity: r.units },
    ]);
    expect(r.unitTheta).toBeGreaterThan(0); // the calendar's positive theta is the "subsidy"
  });

  it('spx-long-put: the back put alone', () => {
    const r = sizeOverlay({
      structure: 'spx-long-put',
      condorVega: -2400,
      vegaMatch: 0.6,
      condorExpiry: '2024-02-16',
      strike: 4400,
      state,
    });
    const back = putGreeks(4400, 73);
    expect(r.unitVega).toBeCloseTo(back.vega * 100, 9);
    expect(r.units).toBe(Math.round(1440 / (back.vega * 100)));
    expect(r.legs).toHaveLength(1);
  });

  /** The diagonal of a −2,400-vega condor on January-March 2024 VX expiries, its near leg at least `minNearDays` out. */
  const diagonalNearFrom = (minNearDays: number) =>
    sizeOverlay({
      structure: 'vix-call-diagonal',
      condorVega: -2400,
      vegaMatch: 0.5,
      condorExpiry: '2024-02-16',
      strike: 4400,
      state,
      vxExpiries: ['2024-01-17', '2024-02-14', '2024-03-20'],
      kappa: 6,
      strikeOffset: 5,
      minNearDays,
      strikeStep: 1,
    });

  it('vix-call-diagonal: exposure per VIX point = (Δ_far e^(−κτ_far) − Δ_near e^(−κτ_near)) · 100', () => {
    const r = diagonalNearFrom(14);
    // near = first expiry ≥ 14 days out = 2024-01-17 (15 days); far = 2024-02-14 (43 days)
    const near = black76Greeks({
      type: 'call',
      future: 14.5,
      strike: 20,
      years: 15 / 365,
      vol: vixVols.vol(15 / 365, 20, 14.5),
      rate: 0.05,
    });
    const far = black76Greeks({
      type: 'call',
      future: 15.2,
      strike: 15,
      years: 43 / 365,
      vol: vixVols.vol(43 / 365, 15, 15.2),
      rate: 0.05,
    });
    const unit = (far.delta * Math.exp((-6 * 43) / 365) - near.delta * Math.exp((-6 * 15) / 365)) * 100;
    expect(r.unitLegs).toEqual([
      { kind: 'vix', type: 'call', strike: 15, expiry: '2024-02-14', quantity: 1 },
      { kind: 'vix', type: 'call', strike: 20, expiry: '2024-01-17', quantity: -1 },
    ]);
    expect(r.unitVega).toBeCloseTo(unit, 9);
    expect(r.units).toBe(Math.round(1200 / unit));
    expect(r.vegaUnit).toBe('USD per VIX point');
    expect(r.unitCost).toBeCloseTo((far.price - near.price) * 100, 9);
  });

  it('vix-call-diagonal: a near leg exactly diagonalMinDays out is taken as the near leg', () => {
    // 2024-01-17 is 15 days out: with minNearDays 15 it is the near leg, not skipped for February
    const r = diagonalNearFrom(15);
    expect(r.unitLegs).toEqual([
      { kind: 'vix', type: 'call', strike: 15, expiry: '2024-02-14', quantity: 1 },
      { kind: 'vix', type: 'call', strike: 20, expiry: '2024-01-17', quantity: -1 },
    ]);
    expect(r.units).toBe(74);
  });

  it('a zero-vega condor needs no overlay; a bad structure names the policy field', () => {
    const r = sizeOverlay({
      structure: 'spx-put-calendar',
      condorVega: 0,
      vegaMatch: 0.5,
      condorExpiry: '2024-02-16',
      strike: 4400,
      state,
    });
    expect(r.units).toBe(0);
    expect(r.legs).toEqual([]);
    expect(() =>
      sizeOverlay({
        structure: 'straddle' as 'spx-long-put',
        condorVega: -1,
        vegaMatch: 0.5,
        condorExpiry: '2024-02-16',
        strike: 4400,
        state,
      }),
    ).toThrow(/^policy\.overlay:/);
    const diagonal = (vxExpiries: string[], minNearDays?: number) => () =>
      sizeOverlay({
        structure: 'vix-call-diagonal',
        condorVega: -1,
        vegaMatch: 0.5,
        condorExpiry: '2024-02-16',
        strike: 4400,
        state,
        vxExpiries,
        ...(minNearDays === undefined ? {} : { minNearDays }),
      });
    expect(diagonal(['2024-01-17'])).toThrow(/^market\.futures:/);
    // a near leg set further out than its default is the caller's: that field is named first
    expect(diagonal(['2024-01-17', '2024-02-14', '2024-03-20'], 120)).toThrow(
      /^policy\.diagonalMinDays: is 120, and the VX futures given list fewer than two expiries at least 120 days out; pass a smaller diagonalMinDays \(default 14\), or more VX futures$/,
    );
    // two expiries at the default's 14 days are enough for it to have found the legs: still the field
    expect(diagonal(['2024-01-17', '2024-02-14'], 120)).toThrow(
      'policy.diagonalMinDays: is 120, and the VX futures given list fewer than two expiries at least 120 days out; pass a smaller diagonalMinDays (default 14), or more VX futures',
    );
    // … and not when the default would not have found two legs either (8 and 43 days out: 14
    // finds one leg, as 20 does): the curve is short
    expect(diagonal(['2024-01-10', '2024-02-14'], 20)).toThrow(
      /^market\.futures: lists fewer than two VX expiries at least 20 days out/,
    );
  });
});

describe('a vix-call-diagonal the VX futures cannot build, in a plan', () => {
  const example = JSON.parse(
    readFileSync(new URL('../../../docs/examples/plan.json', import.meta.url), 'utf8'),
  ) as PlanInput;
  const diagonal = (over: Record<string, unknown>) =>
    plan({ ...example, policy: { overlay: 'vix-call-diagonal', ...over } });

  it('sizes the tail as with no overlay, and warns naming the field to change', () => {
    const base = diagonal({});
    expect(base.overlay.units).toBeGreaterThan(0);
    // the example's last VX future is under 120 days out: the near leg cannot be found
    const p = diagonal({ diagonalMinDays: 120 });
    expect(p.overlay.units).toBe(0);
    expect(p.overlay.legs).toEqual([]);
    expect(p.overlay.cost).toBe(0);
    expect(p.overlay.coverageAchieved).toBe(0);
    expect(p.warnings).toContainEqual(
      'The vix-call-diagonal overlay buys nothing today: the diagonal has no near and later VX leg: policy.diagonalMinDays is 120, and the VX futures given list fewer than two expiries at least 120 days out; pass a smaller diagonalMinDays (default 14), or more VX futures.',
    );
    expect(p.tail.requiredContracts).toBe(base.tail.requiredContracts);
    expect(p.audit.find((a) => a.rule === 'overlay.size')?.effect).toMatch(
      /; no units: the diagonal has no near and later VX leg: policy\.diagonalMinDays is 120/,
    );
    // no overlay unit to hold or order
    expect(p.orders?.orders.some((o) => o.leg.kind === 'vix' && o.leg.quantity < 0) ?? false).toBe(false);
  });

  it('names market.futures when the curve is short whatever the setting', () => {
    // eight days before the first of two futures: 14 days out finds one leg
    const short = {
      ...example,
      valuationDate: '2026-12-08',
      market: { ...example.market, futures: example.market.futures.slice(0, 2) },
      policy: { overlay: 'vix-call-diagonal' as const },
    };
    const p = plan(short);
    expect(p.overlay.units).toBe(0);
    expect(p.warnings).toContainEqual(
      expect.stringMatching(
        /buys nothing today: the diagonal has no near and later VX leg: market\.futures lists fewer than two VX expiries at least 14 days out; /,
      ),
    );
  });
});

describeWithData('a vix-call-diagonal that has no long exposure on the day', () => {
  // 2020-03-12, backwardation: the near short call moves more with VIX than the far long call.
  const input = { ...realDayInput('2020-03-12').input, policy: { overlay: 'vix-call-diagonal' as const } };

  it('sizes the plan without it, with a warning saying why and what to change; the tail as with no overlay', () => {
    const p = plan(input);
    expect(p.overlay.units).toBe(0);
    expect(p.overlay.unitVega).toBeLessThan(0);
    expect(p.overlay.legs).toEqual([]);
    expect(p.warnings).toContainEqual(
      expect.stringMatching(
        /^The vix-call-diagonal overlay buys nothing today: one vix-call-diagonal unit has exposure -[\d.]+ \(USD per VIX point\), not a long-vega position; choose another overlay structure, a wider policy\.diagonalStrikeOffset or a later near leg \(policy\.diagonalMinDays\)\.$/,
      ),
    );
    expect(p.tail.requiredContracts).toBe(plan(realDayInput('2020-03-12').input).tail.requiredContracts);
    // the audit says why there are no units, not a round() of a negative exposure
    expect(p.audit.find((a) => a.rule === 'overlay.size')?.effect).toMatch(
      /; no units: one vix-call-diagonal unit has exposure -[\d.]+ \(USD per VIX point\), not a long-vega position; /,
    );
  });

  it('is still an error where the overlay is all that is asked for (sizeOverlay itself)', () => {
    expect(() =>
      sizeOverlay({
        structure: 'vix-call-diagonal',
        condorVega: -500,
        vegaMatch: 0.5,
        condorExpiry: input.condor!.expiry,
        strike: 2400,
        state: planMarketState(plan(input).market),
        vxExpiries: input.market.futures.map((f) => f.expiry),
      }),
    ).toThrowError(expect.objectContaining({ code: 'no_solution', field: 'policy.overlay' }));
  });
});

describe('a put calendar struck far above SPX: next to no vega, or bought for a credit', () => {
  // docs/examples/plan.json (SPX 6600, its 56-day forward about 6627) with the calendar struck above
  // it. At 13200, twice SPX (the schema's edge), a unit had 0.013 vega and the vega target asked for
  // 17,210 units; at 9000, 58 units brought in $150,504, a return on risk of 37.9; both were
  // reported within every cap, as no budget cuts a credit.
  const example = JSON.parse(
    readFileSync(new URL('../../../docs/examples/plan.json', import.meta.url), 'utf8'),
  ) as PlanInput;
  const at = (strike: number) => plan({ ...example, policy: { overlayStrike: strike } });
  const base = plan(example);

  it.each([
    [
      13200,
      /one spx-put-calendar unit has a vega of 0\.013 USD per SPX vol point, under 1: the target of \d+ would take [\d,]+ units, at -\$4,201\.80 each; choose a strike nearer SPX \(policy\.overlayStrike\), or another overlay structure\.$/,
    ],
    [
      9000,
      /one spx-put-calendar unit brings in a credit of \$2,598\.\d\d \(vega 4\.0 USD per SPX vol point\), the carry of a put struck above the forward: the overlay is sized as a premium paid, and the budget and return on risk would count the credit as income; choose a strike at or below SPX's forward \(policy\.overlayStrike\), or another overlay structure\.$/,
    ],
    [
      7200,
      /one spx-put-calendar unit brings in a credit of \$1,042\.75 \(vega 276\.9 USD per SPX vol point\), the carry of a put struck above the forward/,
    ],
  ])('at %i: buys no unit, says why and what to change, and the budget holds the tail alone', (strike, said) => {
    const p = at(strike);
    expect(p.overlay.units).toBe(0);
    expect(p.overlay.legs).toEqual([]);
    expect(p.warnings).toContainEqual(expect.stringMatching(/^The spx-put-calendar overlay buys nothing today: /));
    expect(p.warnings).toContainEqual(expect.stringMatching(said));
    expect(p.budget.netHedgeDebit).toBe(base.budget.netHedgeDebit);
    expect(p.budget.returnOnRiskAfterHedges).toBe(base.budget.returnOnRiskAfterHedges);
  });

  it('still sizes a calendar bought for a debit just below where the credit starts (7050: $22 a unit)', () => {
    const p = at(7050);
    expect(p.overlay.unitCost).toBeGreaterThan(0);
    expect(p.overlay.units).toBe(1);
  });

  it('is refused where the overlay is all that is asked for (sizeOverlay itself)', () => {
    const size = (strike: number) =>
      sizeOverlay({
        structure: 'spx-put-calendar',
        condorVega: -500,
        vegaMatch: 0.5,
        condorExpiry: example.condor!.expiry,
        strike,
        state: planMarketState(base.market),
      });
    expect(() => size(13200)).toThrow(
      /^policy\.overlay: one spx-put-calendar unit has a vega of 0\.\d+ USD per SPX vol point, under 1: /,
    );
    expect(() => size(7200)).toThrow(/^policy\.overlay: one spx-put-calendar unit brings in a credit of /);
    expect(size(6600).units).toBeGreaterThan(0);
  });
});
