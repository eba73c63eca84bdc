import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import { plan, planMarketState, type Plan } from '@alvh/shared';
import { markBook } from '@alvh/shared';
import { realDayInput } from './realDays';

/** Facts that must hold in any plan, whatever the day. */
function checkInvariants(p: Plan): void {
  const c = p.condor;
  expect(c.passesSdCheck).toBe(true);
  expect(c.credit).toBeGreaterThan(0);
  expect(c.maxLoss).toBeCloseTo((c.wingWidth - c.credit) * 100 * 10, 6);
  expect(p.split.calendarShare + p.split.tailShare).toBeCloseTo(1, 12);
  // drawdown scenario
  expect(p.scenario.stressedVix).toBeCloseTo(p.market.vix + 30, 9);
  expect(p.scenario.stressedSpot).toBeCloseTo(p.market.spot * 0.8, 9);
  expect(p.scenario.condorLoss).toBeGreaterThan(0);
  expect(p.scenario.condorLoss).toBeLessThanOrEqual(c.maxLoss);
  // tail: strike on the grid at or above F·1.025, the fewest contracts that reach 1.8×
  const t = p.tail;
  expect(Number.isInteger(t.strike)).toBe(true);
  expect(t.strike).toBeGreaterThanOrEqual(t.future * 1.025 - 1e-9);
  expect(t.strike - 1).toBeLessThan(t.future * 1.025);
  expect(t.requiredContracts * t.gainPerContract).toBeGreaterThanOrEqual(1.8 * p.scenario.condorLoss - 1e-6);
  expect((t.requiredContracts - 1) * t.gainPerContract).toBeLessThan(1.8 * p.scenario.condorLoss);
  if (t.inWindow) {
    expect(t.daysToExpiry).toBeGreaterThanOrEqual(45);
    expect(t.daysToExpiry).toBeLessThanOrEqual(60);
  }
  // budget and caps
  expect(p.budget.budget).toBeLessThanOrEqual(p.budget.costCap + 1e-9);
  expect(p.overlay.cost).toBeLessThanOrEqual(p.budget.calendarBudget + 1e-9);
  expect(p.tail.cost).toBeLessThanOrEqual(p.budget.tailBudget + 1e-9);
  expect(p.budget.hedgeCostRate).toBeLessThanOrEqual(0.18 + 1e-12);
  const per = p.capital.used / 10;
  expect(p.capital.maxQuantity * per).toBeLessThanOrEqual(p.capital.limit + 1e-6);
  expect((p.capital.maxQuantity + 1) * per).toBeGreaterThan(p.capital.limit);
  // the book re-marks from the plan's own market state
  expect(markBook(p.book.condor, planMarketState(p.market)).value).toBeCloseTo(c.markValue, 6);
  expect(p.analogs).toHaveLength(3);
  for (const w of p.warnings) expect(w).not.toMatch(/NaN|undefined|Infinity/);
}

describeWithData('plans for real days (1.5 SD, 50-wide condor about 45 days out, 10 condors, $2M)', () => {
  describe('2020-03-12: steep backwardation, VIX 75.47', () => {
    let p: Plan;
    beforeAll(() => {
      p = plan(realDayInput('2020-03-12', { withRebalance: true }).input);
    });
    it('holds the invariants', () => checkInvariants(p));
    it('regime, split and signals', () => {
      expect(p.termStructure.spread).toBeCloseTo(58.3 - 45.825, 9);
      expect(p.regime).toBe('steep-backwardation');
      expect(p.signals.rsi).toBeLessThan(40);
      // base 0.65 (spread ≥ 6) × 1.2 = 0.78; VVIX's MACD histogram is positive (vol of vol
      // expanding): tilt 0.05 to the tail, 0.73, inside the 0.75 clamp
      expect(p.split.rsiWidened).toBe(true);
      expect(p.signals.volOfVolExpanding).toBe(true);
      expect(p.split.calendarShare).toBeCloseTo(0.73, 12);
      expect(p.split.vegaMatch).toBeCloseTo(0.6, 12);
    });
    it('no VX expiry lies 45-60 days out: the tail takes the one nearest 52 days', () => {
      // 2020-04-15 is 34 days out, 2020-05-20 is 69 (|69 − 52| = 17 < 18)
      expect(p.tail.expiry).toBe('2020-05-20');
      expect(p.tail.inWindow).toBe(false);
      expect(p.warnings.some((w) => w.includes('nearest to 52'))).toBe(true);
    });
    it('the curve moved more than 15% since the last rebalance (2020-03-05)', () => {
      expect(p.rebalance.due).toBe(true);
      expect('triggers' in p.rebalance && p.rebalance.triggers).toContain('curve-shift');
    });
    it('the analogs with a lower VIX than today cannot pay the tail call', () => {
      const byDate = Object.fromEntries(p.analogs.map((a) => [a.date, a]));
      expect(byDate['2018-12-24']?.contracts).toBeNull();
      expect(byDate['2020-03-12']?.contracts).toBeGreaterThan(0);
    });
  });

  describe('2018-12-24: backwardation, VIX 36.07', () => {
    let p: Plan;
    beforeAll(() => {
      p = plan(realDayInput('2018-12-24', { withRebalance: true }).input);
    });
    it('holds the invariants', () => checkInvariants(p));
    it('split: spread 2.575 gives 0.4500 + 0.1 × 2.575/3 = 0.5358, × 1.2 for RSI < 40, − 0.05 for VVIX expanding', () => {
      expect(p.regime).toBe('backwardation');
      expect(p.split.audit[0]?.rule).toBe('split.base');
      expect(p.signals.rsi).toBeLessThan(40);
      expect(p.signals.volOfVolExpanding).toBe(true);
      expect(p.split.calendarShare).toBeCloseTo((0.45 + (0.1 * 2.575) / 3) * 1.2 - 0.05, 9);
    });
    it('the tail expiry is in the 45-60 day window', () => {
      expect(p.tail.expiry).toBe('2019-02-13');
      expect(p.tail.daysToExpiry).toBe(51);
      expect(p.tail.strike).toBe(24); // 23.325 × 1.025 = 23.908 → 24
    });
  });

  describe('2025-04-08: steep backwardation, VIX 52.33', () => {
    let p: Plan;
    beforeAll(() => {
      p = plan(realDayInput('2025-04-08', { withRebalance: true }).input);
    });
    it('holds the invariants', () => checkInvariants(p));
    it('regime and tail expiry', () => {
      expect(p.regime).toBe('steep-backwardation');
      expect(p.termStructure.spread).toBeCloseTo(39.1728 - 31.4333, 9);
      expect(p.tail.expiry).toBe('2025-05-21'); // 43 days: nearer 52 than 2025-06-18 (71)
    });
  });

  describe('2019-11-15: calm contango, VIX 12.05', () => {
    let p: Plan;
    beforeAll(() => {
      p = plan(realDayInput('2019-11-15', { withRebalance: true }).input);
    });
    it('holds the invariants', () => checkInvariants(p));
    it('contango: base share 0.40 at spread −2.15, no RSI widening', () => {
      expect(p.regime).toBe('contango');
      expect(p.split.rsiWidened).toBe(false);
      expect(p.split.audit[0]?.effect).toContain('calendar 0.4 ');
    });
    it('the analogs differ by more than 2× in contracts; the largest VIX spike needs the fewest', () => {
      const n = Object.fromEntries(p.analogs.map((a) => [a.date, a.contracts as number]));
      expect(n['2020-03-12']).toBeLessThan(n['2025-04-08'] as number);
      expect(n['2025-04-08']).toBeLessThan(n['2018-12-24'] as number);
      expect((n['2018-12-24'] as number) / (n['2020-03-12'] as number)).toBeGreaterThan(2);
    });
    it('a week since the last rebalance with a quiet curve: only the days trigger fires', () => {
      expect('triggers' in p.rebalance && p.rebalance.triggers).toEqual(['days']);
    });
    it('a full hedge would cost far above the 18% cap, so both layers are cut and the plan says so', () => {
      expect(p.budget.requiredHedgeCostRate).toBeGreaterThan(0.18);
      expect(p.tail.cut).toBe(true);
      expect(p.tail.coverageAchieved).toBeLessThan(1.8);
      expect(p.warnings.some((w) => w.startsWith('The tail hedge needs'))).toBe(true);
    });
  });
});

describeWithData('events from the shipped calendar', () => {
  it('2025-04-08: the 2025-05-07 FOMC falls inside the condor life; the 2025-04-10 CPI is within 2 days', () => {
    const p = plan(realDayInput('2025-04-08').input);
    expect(p.signals.eventsSource).toBe('shipped');
    expect(p.signals.eventsInCondorLifeByKind[0]!.events!.map((e) => e.date)).toEqual(['2025-05-07']);
    expect(p.signals.eventsNear.map((e) => `${e.kind} ${e.date}`)).toEqual(['CPI 2025-04-10']);
    expect(p.signals.eventRisk).toBe(true);
  });
  it('2018-01-29: the 2018-01-31 decision, once missed by a 2025-2027 list, is event risk now', () => {
    const p = plan(realDayInput('2018-01-29').input);
    expect(p.signals.eventsNear.map((e) => `${e.kind} ${e.date}`)).toEqual(['FOMC 2018-01-31']);
    expect(p.signals.eventRisk).toBe(true);
    expect(p.warnings).toContain('Event risk: FOMC on 2018-01-31 within 2 days of the valuation date.');
  });
});
