/**
 * The plan's one-day carry on the surface (plan.carry): the stress grid's day-1 cell at no SPX move
 * and today's VIX, layer by layer, to the cent; and theta beside it, the Greek at fixed vols, which
 * a sloping vol term structure pulls away from it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  markLegs,
  plan,
  planMarketState,
  shiftedState,
  stressGrid,
  surfacesOf,
  type Plan,
  type PlanInput,
} from '@alvh/shared';
import { readFileSync } from 'node:fs';
import { PLAN_INPUT } from '../../helpers/fixtures';
import { describeWithData } from '../../helpers/marketData';
import { realDayInput } from './realDays';

const layers = ['condor', 'overlay', 'tail'] as const;
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('plan.carry: a day held on the surface, SPX and VIX unchanged', () => {
  it.each([
    ['the put calendar', 'spx-put-calendar'],
    ['the VIX call diagonal', 'vix-call-diagonal'],
  ] as const)('equals the stress grid day 1 less day 0, layer by layer, with %s', (_name, structure) => {
    const input: PlanInput = { ...PLAN_INPUT, policy: { ...PLAN_INPUT.policy, overlay: structure } };
    const p = plan(input);
    expect(p.overlay.units).toBeGreaterThan(0);
    expect(p.tail.contracts).toBeGreaterThan(0);
    const g = stressGrid({ plan: input, spxMoves: [0], vixLevels: [PLAN_INPUT.market.vix], days: [0, 1] });
    for (const layer of layers) {
      const grid = g[layer][1]![0]![0]! - g[layer][0]![0]![0]!;
      expect(p.carry[layer]).toBeCloseTo(grid, 6);
      expect(grid).not.toBe(0);
    }
    expect(p.carry.total).toBeCloseTo(p.carry.condor + p.carry.overlay + p.carry.tail, 9);
    expect(p.carry).toMatchObject({ days: 1, date: '2026-11-21' });
    expect(p.carry.ratio).toBeCloseTo(p.carry.overlay / Math.abs(p.carry.tail), 12);
    expect(p.audit.find((a) => a.rule === 'carry.surface')?.effect).toMatch(
      /^held to 2026-11-21 with SPX and VIX unchanged/,
    );
  });
});

describeWithData(
  '2018-02-02 with its Cboe indices: theta says the calendar pays, a day on the surface says it costs',
  () => {
    // VIX9D 18.86, VIX3M 17.03, SKEW 126.45 (Cboe closes of the day); a budget loose enough to buy the layers
    let day: PlanInput;
    let p: Plan;
    beforeAll(() => {
      day = realDayInput('2018-02-02', { history: 250 }).input;
      p = plan({
        ...day,
        market: { ...day.market, indices: { vix9d: 18.86, vix3m: 17.03, skew: 126.45 } },
        policy: { maxHedgeCostRate: 5, targetIrr: 0 },
      });
    });

    it('the overlay: theta +$3.31 a day, carry −$1.86; the tail: theta −$20.79, carry −$3.53', () => {
      expect(p.overlay.units).toBe(1);
      expect(p.overlay.theta).toBeCloseTo(3.31, 2);
      expect(p.carry.overlay).toBeCloseTo(-1.86, 2);
      expect(p.tail.contracts).toBe(8);
      expect(p.tail.theta).toBeCloseTo(-20.79, 2);
      expect(p.carry.tail).toBeCloseTo(-3.53, 2);
      expect(p.thetaSubsidy.ratio).toBeGreaterThan(0);
      expect(p.carry.ratio).toBeLessThan(0);
    });

    it('warns with both figures and where to read the carry', () => {
      expect(p.warnings).toContain(
        "The overlay's theta is +$3.31/day at fixed vols, but held a day on today's surface (each leg re-marked at the vol of its shorter tenor, SPX and VIX unchanged) it loses $1.86: it does not pay for the tail's decay as its theta says (plan.carry).",
      );
      expect(p.audit.find((a) => a.rule === 'carry.surface')?.effect).toMatch(
        /; the overlay loses too, adding 53% to the tail's decay$/,
      );
    });

    it("docs/method.md's account: each leg's vol rises a day on, the short front put gives up more than the back saves", () => {
      const now = planMarketState(p.market, p.surface);
      const next = shiftedState(
        {
          valuationDate: p.valuationDate,
          vix: now.vix,
          rate: now.rate,
          divYield: now.divYield,
          volOfVol: now.volOfVol,
          surfaces: surfacesOf(now),
          kappa: p.market.kappa,
          theta: p.market.theta,
          shockKappa: p.policy.shockKappa,
          futureFor: now.futureFor,
        },
        1,
        now.spot,
        now.vix,
      );
      const [front, back] = [0, 1].map((i) => {
        const leg = p.overlay.legs[i]!;
        const [a, b] = [markLegs([leg], now)[0]!, markLegs([leg], next)[0]!];
        return {
          qty: leg.quantity,
          vol: [a.vol, b.vol],
          carry: (b.price - a.price) * 100 * leg.quantity,
          theta: a.theta * 100 * leg.quantity,
        };
      });
      expect(front!.qty).toBe(-1);
      const pct = (x: number) => (x * 100).toFixed(2);
      const usd = (x: number) => `$${Math.abs(x).toFixed(2)}`;
      const text = read('docs/method.md');
      expect(text).toContain(
        `the short front put's from ${pct(front!.vol[0]!)}% to ${pct(front!.vol[1]!)}%, the long back put's from ${pct(back!.vol[0]!)}% to ${pct(back!.vol[1]!)}%. The short front put earns ${usd(front!.carry)} against a theta of ${usd(front!.theta)}, and the back put loses ${usd(back!.carry)} against ${usd(back!.theta)}`,
      );
      expect(front!.carry + back!.carry).toBeCloseTo(p.carry.overlay, 9);
      const call = p.tail.legs[0]!;
      const [c0, c1] = [markLegs([call], now)[0]!, markLegs([call], next)[0]!];
      expect(text).toContain(
        `their VIX-option vol rises (${pct(c0.vol)}% to ${pct(c1.vol)}%) and their March future rolls up toward VIX (${now.futureFor(call.expiry).toFixed(3)} to ${next.futureFor(call.expiry).toFixed(3)})`,
      );
    });

    it.each([
      [17.2, -0.0078, 'it loses $0.01', "the overlay loses too, adding 0.19% to the tail's decay"],
      [
        17.21,
        -0.0038,
        'it about breaks even (under a cent)',
        "the overlay about breaks even, paying none of the tail's decay",
      ],
      [
        17.22,
        0.0001,
        'it about breaks even (under a cent)',
        "the overlay about breaks even, paying none of the tail's decay",
      ],
    ])(
      'a calendar struck at 2560 with VIX3M %s: a carry of %s a day is said as it reads, never "loses $0.00" or "0%"',
      (vix3m, carry, words, effect) => {
        const q = plan({
          ...day,
          market: { ...day.market, indices: { vix9d: 18.86, vix3m, skew: 126.45 } },
          policy: { maxHedgeCostRate: 5, targetIrr: 0, overlayStrike: 2560 },
        });
        expect(q.overlay.units).toBe(1);
        expect(q.carry.overlay).toBeCloseTo(carry, 4);
        const theta = `+$${q.overlay.theta.toFixed(2)}`;
        expect(q.warnings.filter((w) => w.startsWith("The overlay's theta is"))).toEqual([
          `The overlay's theta is ${theta}/day at fixed vols, but held a day on today's surface (each leg re-marked at the vol of its shorter tenor, SPX and VIX unchanged) ${words}: it does not pay for the tail's decay as its theta says (plan.carry).`,
        ]);
        expect(q.audit.find((a) => a.rule === 'carry.surface')?.effect).toMatch(new RegExp(`; ${effect}$`));
      },
    );

    it("at the default budget no calendar is bought: the row says no overlay is held, not that it pays 0% of the tail's decay", () => {
      const q = plan(day);
      expect(q.overlay.units).toBe(0);
      expect(q.tail.contracts).toBeGreaterThan(0);
      expect(q.carry.ratio).toBe(0);
      expect(q.audit.find((a) => a.rule === 'carry.surface')?.effect).toMatch(
        /tail -\$0\.88; no overlay held to pay the tail's decay$/,
      );
    });

    it('without the indices (one flat vol term structure) the calendar earns on the day too, and no warning', () => {
      const flat = plan({ ...day, policy: { maxHedgeCostRate: 5, targetIrr: 0 } });
      expect(flat.overlay.units).toBe(1);
      expect(flat.carry.overlay).toBeGreaterThan(0);
      expect(flat.warnings.some((w) => w.startsWith("The overlay's theta is"))).toBe(false);
    });
  },
);
