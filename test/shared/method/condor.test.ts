import { describe, expect, it } from 'vitest';
import {
  CondorSchema,
  condorAnalytics,
  condorInputOf,
  condorStrikesAtSd,
  daysBetween,
  plan,
  parseInput,
  planMarketState,
  resolvePolicy,
  spxAtmVol,
  spxVol,
} from '@alvh/shared';
import { PLAN_INPUT, PLAN_POSITIONS_LAST_REBALANCE } from '../../helpers/fixtures';
import { bsPrice, normCdf } from '@alvh/shared';

const base = {
  valuationDate: '2024-01-02',
  spot: 4700,
  rate: 0.05,
  divYield: 0.015,
  expiry: '2024-02-16', // 45 days
  strikes: [4350, 4400, 4950, 5000] as const,
  quantity: 2,
  atmVol: 0.14,
};

describe('condorAnalytics — section 1', () => {
  it('given credit: max profit, max loss, break-evens, SDs, probability of profit', () => {
    const a = condorAnalytics({ ...base, credit: 5.5, vol: 0.14 });
    const T = 45 / 365;
    expect(a.days).toBe(45);
    expect(a.creditSource).toBe('given');
    expect(a.maxProfit).toBeCloseTo(5.5 * 100 * 2, 9); // 1100
    expect(a.maxLoss).toBeCloseTo((50 - 5.5) * 100 * 2, 9); // 8900
    expect(a.breakEvens).toEqual({ lower: 4394.5, upper: 4955.5 });
    expect(a.zPut).toBeCloseTo(Math.log(4700 / 4400) / (0.14 * Math.sqrt(T)), 12); // 1.3447
    expect(a.zCall).toBeCloseTo(Math.log(4950 / 4700) / (0.14 * Math.sqrt(T)), 12); // 1.0572
    expect(a.passesSdCheck).toBe(false);
    const mu = Math.log(4700) + (0.05 - 0.015 - 0.5 * 0.14 ** 2) * T;
    const sd = 0.14 * Math.sqrt(T);
    const pop = normCdf((Math.log(4955.5) - mu) / sd) - normCdf((Math.log(4394.5) - mu) / sd);
    expect(a.probabilityOfProfit).toBeCloseTo(pop, 12);
    expect(a.returnOnRisk).toBeCloseTo((1100 / 8900) * (365 / 45), 12);
  });

  it('refuses a condor expiring on the valuation date, naming condor.expiry: no life left to price', () => {
    expect(() => condorAnalytics({ ...base, expiry: base.valuationDate })).toThrow(
      'condor.expiry: is 2024-01-02, not after the valuation date 2024-01-02; pass the condor expiry, a date after the valuation date',
    );
  });

  it('credit priced from one vol equals the four BSM prices', () => {
    const a = condorAnalytics({ ...base, vol: 0.16 });
    const p = (type: 'call' | 'put', strike: number) =>
      bsPrice({ type, spot: 4700, strike, years: 45 / 365, vol: 0.16, rate: 0.05, divYield: 0.015 });
    const want = -p('put', 4350) + p('put', 4400) + p('call', 4950) - p('call', 5000);
    expect(a.credit).toBeCloseTo(want, 10);
    expect(a.creditSource).toBe('priced from one vol');
    expect(a.greeks.vega).toBeLessThan(0);
    expect(a.greeks.theta).toBeGreaterThan(0);
    expect(a.greeks.gamma).toBeLessThan(0);
  });

  it('per-strike vols and the skew model both price a positive credit; skew makes the put wing dearer', () => {
    const flat = condorAnalytics({ ...base, vol: 0.14 });
    const skewed = condorAnalytics(base);
    expect(skewed.creditSource).toBe('priced from the skew model');
    expect(skewed.legVols[1]).toBeGreaterThan(0.14);
    expect(skewed.legVols[2]).toBeLessThan(0.14);
    const per = condorAnalytics({ ...base, vols: [0.22, 0.2, 0.11, 0.105] });
    expect(per.legVols).toEqual([0.22, 0.2, 0.11, 0.105]);
    expect(per.credit).toBeGreaterThan(0);
    expect(flat.credit).toBeGreaterThan(0);
  });

  it('a 1.5 SD condor passes the check', () => {
    const strikes = condorStrikesAtSd(4700, 0.14, 45 / 365, 1.5, 50, 5);
    const a = condorAnalytics({ ...base, strikes });
    expect(a.zPut).toBeGreaterThanOrEqual(1.5);
    expect(a.zCall).toBeGreaterThanOrEqual(1.5);
    expect(a.passesSdCheck).toBe(true);
  });

  it.each([
    [{ strikes: [4400, 4350, 4950, 5000] as const }, /^condor\.strikes:.*long put < short put/],
    [{ quantity: 1.5 }, /^condor\.quantity:/],
    [{ expiry: '2023-12-29' }, /^condor\.expiry:.*after the valuation date/],
    [{ credit: 60 }, /^condor\.credit:.*wing width/],
    // 0 is refused as a negative is: the fix names the bound that holds ("0 or a positive number" did not)
    [{ credit: 0 }, /^condor\.credit: is 0, not a credit; pass the credit received, above 0$/],
    [{ credit: -1 }, /^condor\.credit: is -1, not a credit; pass the credit received, above 0$/],
    // no credit priced: vols are a fix only where the caller gave them
    [{ vol: 0.001 }, /^condor\.credit: is 0\.0000 per share priced from one vol, not a credit; .*or vols that price/],
    [
      { volAt: () => 0.001 },
      /^condor\.credit: is 0\.0000 per share priced from the surface, not a credit; pass the credit received, above 0$/,
    ],
    [{ vol: 14 }, /^condor\.vol:.*0\.14/],
    [{ atmVol: 0 }, /^atmVol:/],
  ])('rejects %j naming the field', (patch, re) => {
    expect(() => condorAnalytics({ ...base, ...patch })).toThrow(re);
  });
});

describe("a plan's condor credit", () => {
  it.each([0, -1])('refuses %d with the bound the analytics hold (above 0), not "0 or a positive number"', (credit) => {
    const condor = { expiry: '2024-02-16', strikes: [4350, 4400, 4950, 5000], quantity: 1, credit };
    expect(() => parseInput(CondorSchema, condor)).toThrow(
      /^credit: pass the credit received in index points per share, above 0$/,
    );
  });
});

describe('a condor priced at a negative rate above its wing width', () => {
  // At −5% over about two years the discount factor is 1.11: a condor priced near its full payout
  // is worth more today than the width it pays at expiry. The credit was never sent.
  const deep = {
    ...base,
    rate: -0.05,
    divYield: 0.2,
    expiry: '2026-01-16',
    strikes: [4550, 4650, 4750, 4850] as const,
    atmVol: 0.01,
  };

  it('names the rate that discounts above 1, with both fixes, not condor.credit', () => {
    expect(() => condorAnalytics(deep)).toThrow(
      /^rate: is -0\.05: its discount factor over 2\.04 years is 1\.1074, above 1, so the condor priced from the skew model is worth 1\d\d\.\d\d per share, at least its wing width 100 at expiry, .*; pass the credit received \(condor\.credit\), or a rate of 0 or more$/,
    );
    // a credit given at the width is the caller's, named as before
    expect(() => condorAnalytics({ ...deep, credit: 100 })).toThrow(
      /^condor\.credit: is 100\.00, at least the wing width 100/,
    );
  });

  it('at a positive rate, names the per-strike vols that price each spread above its width, not the rate', () => {
    const e = () => condorAnalytics({ ...base, vols: [0.1, 1.5, 1.5, 0.1] });
    expect(e).toThrow(
      /^condor\.vols: price the condor at \d+\.\d\d per share \(priced from per-strike vols\), at least its wing width 50, which it pays at most at expiry: .*; pass the credit received \(condor\.credit\), or vols that price each spread under its width$/,
    );
    const { vol: _vol, ...condor } = PLAN_INPUT.condor;
    const input = {
      ...PLAN_INPUT,
      condor: { ...condor, vols: [0.2, 0.9, 0.9, 0.2] as [number, number, number, number] },
    };
    expect(() => plan(input)).toThrow(/^condor\.vols: price the condor at /);
  });

  it('in a plan, names market.rate', () => {
    const input = {
      ...PLAN_INPUT,
      market: { ...PLAN_INPUT.market, rate: -0.05, divYield: 0.2 },
      condor: {
        ...PLAN_INPUT.condor,
        expiry: '2028-12-15',
        strikes: [6300, 6400, 6800, 6900] as [number, number, number, number],
        vol: 0.01,
      },
    };
    expect(() => plan(input)).toThrow(/^market\.rate: is -0\.05: its discount factor over /);
  });
});

describe('condorInputOf', () => {
  it("gives the plan's condor: the plan's analytics equal condorAnalytics of it", () => {
    const input = { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, minShortStrikeSd: 1.2 } };
    const p = plan(input);
    // the plan's own surface, read at the condor's expiry and at each strike
    const now = planMarketState(p.market, p.surface);
    const years = daysBetween(input.valuationDate, input.condor.expiry) / 365;
    const fromInput = condorAnalytics(
      condorInputOf(input.valuationDate, input.market, spxAtmVol(now, years), input.condor, p.policy, (k, t, f) =>
        spxVol(now, t, k, f),
      ),
    );
    expect(p.condor.credit).toBe(fromInput.credit);
    expect(p.condor.maxLoss).toBe(fromInput.maxLoss);
    expect(p.condor.passesSdCheck).toBe(fromInput.passesSdCheck);
    expect(p.condor.legVols).toEqual(fromInput.legVols);
  });

  it("carries the condor's own prices and the policy's threshold, and omits what is not given", () => {
    const market = { spx: 4700, rate: 0.05, divYield: 0.015 };
    const policy = { skew: resolvePolicy().skew, minShortStrikeSd: 1.2 };
    const c = { expiry: '2024-02-16', strikes: [4350, 4400, 4950, 5000] as const, quantity: 2, credit: 9.5 };
    const i = condorInputOf('2024-01-02', market, 0.14, c, policy);
    expect(i).toMatchObject({ spot: 4700, atmVol: 0.14, credit: 9.5, minShortStrikeSd: 1.2, quantity: 2 });
    expect('vol' in i || 'vols' in i).toBe(false);
    expect(condorAnalytics(i).creditSource).toBe('given');
  });
});

describe('a condor marked on the surface of the VIX alone (2021-11-19, SPX 4697.96, VIX 17.91)', () => {
  const market = { spx: 4697.96, rate: 0.001, divYield: 0.013 };
  const state = { date: '2021-11-19', spot: 4697.96, vix: 17.91, rate: 0.001, divYield: 0.013, volOfVol: 1.1 };
  const strikes = [4100, 4150, 5300, 5350] as const;

  it('has a positive call spread, a positive credit and a positive theta at every tenor', () => {
    for (const days of [63, 90, 180, 365]) {
      const expiry = new Date(Date.UTC(2021, 10, 19 + days)).toISOString().slice(0, 10);
      const years = days / 365;
      const input = condorInputOf(
        '2021-11-19',
        market,
        spxAtmVol(state, years),
        { expiry, strikes, quantity: 10 },
        resolvePolicy(),
        (k, t, f) => spxVol(state, t, k, f),
      );
      const c = condorAnalytics(input);
      const call = (k: number) =>
        bsPrice({
          type: 'call',
          spot: 4697.96,
          strike: k,
          years,
          vol: c.legVols[k === 5300 ? 2 : 3]!,
          rate: 0.001,
          divYield: 0.013,
        });
      // the short 5300 call is worth more than the long 5350 (it was 0.74 points less at 63 days)
      expect(call(5300) - call(5350), `${days} days`).toBeGreaterThan(0);
      expect(c.credit, `${days} days`).toBeGreaterThan(0);
      expect(c.greeks.theta, `${days} days`).toBeGreaterThan(0);
    }
  });
});

describe('the overlay sizes on the condor’s vega on the surface', () => {
  it('a flat vol typed for the credit prices the credit, not the overlay’s target', () => {
    const { vol: _vol, ...surfaceCondor } = PLAN_INPUT.condor!;
    const flat = plan({ ...PLAN_INPUT, condor: { ...surfaceCondor, vol: 0.16 } });
    const onSurface = plan({ ...PLAN_INPUT, condor: surfaceCondor });
    expect(onSurface.condor.creditSource).toBe('priced from the surface');
    // the flat vol moves the condor's own greeks, not its marks on the surface
    expect(flat.condor.creditSource).toBe('priced from one vol');
    expect(Math.abs(flat.condor.greeks.vega - flat.condor.markGreeks.vega)).toBeGreaterThan(
      0.05 * Math.abs(flat.condor.markGreeks.vega),
    );
    expect(flat.condor.markGreeks.vega).toBe(onSurface.condor.markGreeks.vega);
    for (const p of [flat, onSurface]) {
      expect(p.overlay.targetVega).toBeCloseTo(p.split.vegaMatch * Math.abs(p.condor.markGreeks.vega), 9);
    }
    expect(flat.overlay.targetVega).toBe(onSurface.overlay.targetVega);
    // (the units after the budget may differ: the credit, and so the budget, does)
    expect(flat.overlay.requiredUnits).toBe(onSurface.overlay.requiredUnits);
  });
});

describe('a given credit far from the model’s', () => {
  it('is said, and for a condor held (positions or a last rebalance) so is which credit to keep passing', () => {
    const { vol: _vol, ...rest } = PLAN_INPUT.condor!;
    const input = { ...PLAN_INPUT, condor: { ...rest, credit: 20 } };
    const far = (w: readonly string[]) => w.filter((x) => x.startsWith('The given credit 20 differs'));
    const fresh = plan(input);
    const model = fresh.condor.modelCredit.toFixed(2); // 6.51
    expect(Math.abs(20 - fresh.condor.modelCredit)).toBeGreaterThan(0.25 * fresh.condor.modelCredit);
    expect(far(fresh.warnings)).toEqual([
      `The given credit 20 differs from the model's ${model} by more than 25%: check the credit, or the plan's marks are far from your fills.`,
    ]);
    const held = plan({ ...input, lastRebalance: PLAN_POSITIONS_LAST_REBALANCE });
    expect(far(held.warnings)).toEqual([
      `The given credit 20 differs from the model's ${model} by more than 25%: check the credit, or the plan's marks are far from your fills. For a condor held since an earlier day this is the market's move since: keep passing the credit received at entry, on which its max loss and return budget stand.`,
    ]);
  });
});
