/**
 * The capital cap counts what a put calendar can lose beyond its debit (docs/method.md, "Capital cap
 * and a hedge credit"): in a crash its back put trades under intrinsic by its strike's carry, so at
 * the front's expiry the calendar is worth less than nothing. The bound is checked against
 * Black-Scholes at every spot and vol, and the plan's cap against the bound.
 */
import { describe, expect, it } from 'vitest';
import { bsPrice, capitalCap, plan, putCalendarCarryRisk, type PlanInput } from '@alvh/shared';
import { PLAN_INPUT } from '../../helpers/fixtures';

describe('a put calendar can lose more than its debit, and the capital cap counts it', () => {
  it('the carry bound: K·(1 − e^(−rτ)), reached as SPX falls toward 0 (30 days, K 6000, r 4%, q 1.3%)', () => {
    const tau = 30 / 365;
    const bound = putCalendarCarryRisk(6000, tau, 0.04, 0.013);
    expect(bound).toBeCloseTo(6000 * (1 - Math.exp(-0.04 * tau)), 12); // 19.69 points, $1,969 a unit
    expect(bound).toBeCloseTo(19.694, 3);
    // at the front's expiry the calendar's value, (back put) − (K − S)⁺, never goes under −bound
    // and comes within 0.5% of it when SPX has fallen 90%, at any vol
    let worst = 0;
    for (const s of [1, 60, 600, 3000, 4500, 5500, 5900, 6000, 6100, 7000]) {
      for (const vol of [0.05, 0.2, 0.6, 1.5]) {
        const back = bsPrice({ type: 'put', spot: s, strike: 6000, years: tau, rate: 0.04, divYield: 0.013, vol });
        const value = back - Math.max(0, 6000 - s);
        expect(value).toBeGreaterThanOrEqual(-bound - 1e-9);
        worst = Math.min(worst, value);
      }
    }
    expect(-worst / bound).toBeGreaterThan(0.995);
    const atCrash = bsPrice({
      type: 'put',
      spot: 600,
      strike: 6000,
      years: tau,
      rate: 0.04,
      divYield: 0.013,
      vol: 0.6,
    });
    expect(6000 - 600 - atCrash).toBeGreaterThan(0.9 * bound);
  });

  it('no carry to lose at a zero rate; at a negative dividend yield the worst is where the back put reaches 0', () => {
    expect(putCalendarCarryRisk(6000, 0.1, 0, 0.013)).toBe(0);
    expect(putCalendarCarryRisk(6000, 0.1, -0.01, 0)).toBe(0);
    // r 1%, q −2%: the back put's floor K·e^(−rτ) − S·e^(−qτ) reaches 0 at S = K·e^(−(r−q)τ), where the
    // front pays K − S: a loss of K·(1 − e^(−(r−q)τ)) = 17.973, above K·(1 − e^(−rτ)) = 5.99
    const q = putCalendarCarryRisk(6000, 0.1, 0.01, -0.02);
    expect(q).toBeCloseTo(6000 * (1 - Math.exp(-0.003)), 9);
    expect(q).toBeCloseTo(17.973, 3);
    // Black-Scholes never goes under it, and comes near it at a low vol
    let worst = 0;
    for (let s = 5000; s <= 6100; s += 5) {
      for (const vol of [0.001, 0.05, 0.3]) {
        const back = bsPrice({ type: 'put', spot: s, strike: 6000, years: 0.1, rate: 0.01, divYield: -0.02, vol });
        const value = back - Math.max(0, 6000 - s);
        expect(value).toBeGreaterThanOrEqual(-q - 1e-9);
        worst = Math.min(worst, value);
      }
    }
    expect(-worst / q).toBeGreaterThan(0.99);
    expect(() => putCalendarCarryRisk(6000, 0.1, Number.NaN, 0)).toThrow(/^market\.rate:/);
    expect(() => putCalendarCarryRisk(0, 0.1, 0.04, 0)).toThrow(/^overlay\.strike:/);
  });

  it('capitalCap adds it per condor, and a default of 0 leaves the method figure', () => {
    const c = capitalCap({
      maxLossPerCondor: 4200,
      hedgeDebitPerCondor: 90,
      hedgeRiskBeyondDebitPerCondor: 40,
      capital: 1_000_000,
      quantity: 5,
    });
    expect(c.used).toBeCloseTo(5 * 4330, 9);
    expect(c.hedgeRiskBeyondDebit).toBeCloseTo(200, 9);
    expect(c.maxQuantity).toBe(5); // 25000 / 4330 = 5.77
    expect(
      capitalCap({ maxLossPerCondor: 4200, hedgeDebitPerCondor: 90, capital: 1_000_000, quantity: 5 })
        .hedgeRiskBeyondDebit,
    ).toBe(0);
    expect(() =>
      capitalCap({
        maxLossPerCondor: 4200,
        hedgeDebitPerCondor: 90,
        hedgeRiskBeyondDebitPerCondor: -1,
        capital: 1_000_000,
        quantity: 5,
      }),
    ).toThrow(/^hedgeRiskBeyondDebitPerCondor:/);
  });

  it("the plan's capital at risk is max loss + debit + the calendar's carry, and its audit row says so", () => {
    const input: PlanInput = { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, overlay: 'spx-put-calendar' } };
    const p = plan(input);
    expect(p.overlay.units).toBeGreaterThan(0);
    const front = p.overlay.unitLegs.find((l) => l.quantity < 0);
    const back = p.overlay.unitLegs.find((l) => l.quantity > 0);
    if (front === undefined || back === undefined) throw new Error('a put calendar has two legs');
    const years = (Date.parse(back.expiry) - Date.parse(front.expiry)) / 86_400_000 / 365;
    const carry = p.overlay.units * 100 * back.strike * (1 - Math.exp(-0.04 * years));
    expect(p.capital.hedgeRiskBeyondDebit).toBeCloseTo(carry, 6);
    expect(p.capital.used).toBeCloseTo(p.ladder.maxLoss + Math.max(0, p.budget.netHedgeDebit) + carry, 6);
    const row = p.audit.find((a) => a.rule === 'capital.cap');
    expect(row?.inputs).toMatchObject({ hedgeRiskBeyondDebit: p.capital.hedgeRiskBeyondDebit });
    expect(row?.effect).toMatch(/the put calendar can lose beyond its debit/);
  });

  it('a long put or no overlay adds nothing', () => {
    const longPut = plan({ ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, overlay: 'spx-long-put' } });
    expect(longPut.capital.hedgeRiskBeyondDebit).toBe(0);
    expect(longPut.capital.used).toBeCloseTo(longPut.ladder.maxLoss + Math.max(0, longPut.budget.netHedgeDebit), 6);
    expect(longPut.audit.find((a) => a.rule === 'capital.cap')?.effect).not.toMatch(/beyond its debit/);
  });
});

describe('a VIX call diagonal', () => {
  it('is counted at its debit, and the audit row says it can lose more', () => {
    const p = plan({ ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, overlay: 'vix-call-diagonal' } });
    expect(p.overlay.units).toBeGreaterThan(0);
    expect(p.capital.hedgeRiskBeyondDebit).toBe(0);
    expect(p.capital.used).toBeCloseTo(p.ladder.maxLoss + Math.max(0, p.budget.netHedgeDebit), 6);
    expect(p.audit.find((a) => a.rule === 'capital.cap')?.effect).toMatch(
      /VIX call diagonal at its debit: it loses more if VIX settles above its far future/,
    );
  });
});
