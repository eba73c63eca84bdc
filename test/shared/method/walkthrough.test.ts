/**
 * docs/plan-walkthrough.md quotes a real plan number by number; this test recomputes the plan and
 * checks that every quoted number is still what the code returns.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { describeWithData } from '../../helpers/marketData';
import {
  drawdownState,
  markBook,
  markLegs,
  overlayBackExpiry,
  plan,
  planMarketState,
  spxAtmVol,
  type Leg,
  type Plan,
} from '@alvh/shared';
import { realDayInput } from './realDays';

const flat = (s: string) => s.replace(/\s+/g, ' ');
const doc = flat(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/plan-walkthrough.md'), 'utf8'),
);
const usd = (x: number, d = 0) =>
  `$${x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })}`;
const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

describeWithData('the 2018-12-24 walkthrough quotes the plan', () => {
  let p: Plan;
  let byFit: Plan;
  let shortHistory: Plan;
  let noPositions: Plan;
  beforeAll(() => {
    // a year of signals, and the ten condors held
    const input = {
      ...realDayInput('2018-12-24', { withRebalance: true, history: 250 }).input,
      positions: [
        { kind: 'spx', type: 'put', strike: 1890, expiry: '2019-02-08', quantity: 10 },
        { kind: 'spx', type: 'put', strike: 1940, expiry: '2019-02-08', quantity: -10 },
        { kind: 'spx', type: 'call', strike: 2850, expiry: '2019-02-08', quantity: -10 },
        { kind: 'spx', type: 'call', strike: 2900, expiry: '2019-02-08', quantity: 10 },
      ] satisfies Leg[],
    };
    p = plan(input);
    byFit = plan({ ...input, policy: { shockKappa: p.termStructure.fit.kappa } });
    shortHistory = plan({ ...realDayInput('2018-12-24', { withRebalance: true }).input, positions: input.positions });
    noPositions = plan({ ...input, positions: undefined });
  });

  it('every quoted number matches', () => {
    const a = p.analogs;
    const splitEffect = (rule: string) => p.split.audit.find((e) => e.rule === rule)?.effect ?? `no ${rule} row`;
    const quoted: string[] = [
      `F1 ${p.termStructure.f1.price} − F2 ${p.termStructure.f2.price} = ${p.termStructure.spread.toFixed(3)} pts`,
      `κ = ${p.market.kappa.toFixed(3)}/yr, θ = ${p.market.theta.toFixed(2)} pts, rmse ${p.termStructure.fit.rmse.toFixed(3)}`,
      `RSI(14) of SPX is ${(p.signals.rsi as number).toFixed(2)}`,
      `the MACD histogram of VVIX is positive (+${(p.signals.macdHist as number).toFixed(3)}, \`signals.macdHist\`)`,
      `was ${(p.signals.prevSpread as number).toFixed(1)}`,
      `calendar ${p.split.audit[0]?.effect.match(/calendar ([\d.]+)/)?.[1]} / tail`,
      // each split rule's move is quoted under the audit row that records it
      `**\`split.rsi-widening\`: ${splitEffect('split.rsi-widening').replace(/ \(cap [\d.]+\)$/, '')}.**`,
      `**\`split.vol-of-vol\`: VVIX expanding moves ${p.policy.volOfVolTilt} from calendar to tail: calendar ${splitEffect('split.vol-of-vol').match(/\(calendar ([\d.]+ → [\d.]+)\)$/)?.[1]}**`,
      `→ ${p.split.calendarShare.toFixed(3)}** (the vega match stays at\nthe ${p.split.vegaMatch} the RSI rule set)`,
      `Credit ${p.condor.credit.toFixed(2)} per share`,
      p.condor.legVols.map((v) => pct(v)).join(', '),
      `Max profit ${usd(p.condor.maxProfit)}, max loss ${usd(p.condor.maxLoss)}`,
      `break-evens ${p.condor.breakEvens.lower!.toFixed(2)} and ${p.condor.breakEvens.upper!.toFixed(2)}`,
      `${p.condor.zPut.toFixed(2)} and ${p.condor.zCall.toFixed(2)} SD`,
      `σ = ${pct(p.condor.atmVol, 2)}, the surface's ATM vol at the condor's expiry (\`condor.atmVol\`), and T = ${p.condor.days}/365`,
      `probability of profit ${pct(p.condor.probabilityOfProfit)}, return on risk ${pct(p.condor.returnOnRisk)}`,
      `+$${p.condor.greeks.delta.toFixed(2)} per SPX point, vega −$${Math.abs(p.condor.greeks.vega).toFixed(2)}`,
      `theta +$${p.condor.greeks.theta.toFixed(2)} a day`,
      `${p.market.spot} → ${p.scenario.stressedSpot.toFixed(2)}`,
      `VIX ${p.market.vix} → ${p.scenario.stressedVix.toFixed(2)}`,
      `loses ${usd(p.scenario.condorLoss)}`,
      `Expiry ${p.tail.expiry} (${p.tail.daysToExpiry} days`,
      `the ${p.tail.strike} strike. Premium ${p.tail.premium.toFixed(2)} (${usd(p.tail.premium * 100, 2)} a contract)`,
      `vol of vol ${p.market.volOfVol}`,
      `future goes to ${p.tail.stressedFuture.toFixed(2)} (23.325 + 30 × e^(−${p.audit.find((e) => e.rule === 'tail.contracts')?.inputs['shockKappa']}·${p.tail.daysToExpiry - 10}/365))`,
      `e^(−6·41/365) ≈ ${pct(Math.exp((-6 * 41) / 365), 0)}`,
      `future would go only to ${byFit.tail.stressedFuture.toFixed(2)} and the rule would ask for ${byFit.tail.requiredContracts}.`,
      `the call to ${p.tail.stressedCallValue.toFixed(2)}`,
      `gain of\n${usd(p.tail.gainPerContract, 2)}`,
      `**${p.tail.requiredContracts} calls, ${usd(p.tail.requiredCost)}.**`,
      `Target ${p.split.vegaMatch} × |−${Math.abs(p.condor.greeks.vega).toFixed(2)}| = ${p.overlay.targetVega.toFixed(2)}`,
      `adds ${p.overlay.unitVega.toFixed(2)} of vega for ${usd(p.overlay.unitCost, 2)}`,
      `earns ${usd(p.overlay.unitTheta, 2)} a day`,
      `**${p.overlay.requiredUnits} unit${p.overlay.requiredUnits === 1 ? '' : 's'}, ${usd(p.overlay.requiredCost)}.**`,
      `${usd(p.budget.budget, 2)} (binding: the cost cap)`,
      `(${usd(p.condor.maxProfit, 2)} − 25% × ${usd(p.condor.maxLoss)} × 46/365 = ${usd(p.budget.irrBudget, 2)})`,
      `Calendar part ${p.split.calendarShare.toFixed(3)} × B = ${usd(p.budget.calendarBudget, 2)}, tail part ${usd(p.budget.tailBudget, 2)}`,
      `**${p.overlay.units} units**`,
      `buys **${p.tail.contracts} call**, which covers ${p.tail.coverageAchieved.toFixed(2)}×`,
      `Bought: ${usd(p.budget.netHedgeDebit, 2)}, ${pct(p.budget.hedgeCostRate, 2)} a year`,
      `return on risk\nafter hedges ${pct(p.budget.returnOnRiskAfterHedges)} a year`,
      `would cost ${usd(p.budget.requiredDebit)}, an annual\nrate of ${p.budget.requiredHedgeCostRate.toFixed(2)} times`,
      `risk ${usd(p.capital.used)} vs limit ${usd(p.capital.limit)}: at most ${p.capital.maxQuantity} condors`,
      `against the tail's −${usd(Math.abs(p.tail.theta), 2)}`,
      `Held one day, to ${p.carry.date}, with SPX and VIX unchanged`,
      `the condors earn ${usd(p.carry.condor, 2)} (theta ${usd(p.condor.greeks.theta, 2)}) and the call gains ${usd(p.carry.tail, 2)} instead of losing ${usd(Math.abs(p.tail.theta), 2)}`,
      `**${(a[0]?.contracts as number).toLocaleString('en-US')}** (VIX stays at ${a[0]?.vix}; the call gains ${usd(a[0]?.gainPerContract as number, 2)})`,
      `**${a[1]?.contracts}** (VIX ${a[1]?.vix}, the call gains\n${usd(a[1]?.gainPerContract as number, 2)})`,
      `**${a[2]?.contracts}** (VIX ${a[2]?.vix}, ${usd(a[2]?.gainPerContract as number, 2)})`,
    ];
    // the call gains on the day (the doc says so), and no ratio is read from a tail that does not lose
    expect(p.carry.tail).toBeGreaterThan(0);
    expect(p.carry.ratio).toBeNull();
    const rb = p.rebalance;
    if (!('byTenor' in rb)) throw new Error('expected a rebalance check');
    const t30 = rb.byTenor[0] as { then: number; now: number };
    quoted.push(`moved from ${t30.then.toFixed(2)} to ${t30.now.toFixed(2)}, ${pct(rb.shift as number)}`);
    // the stressed surface's marks of the legs, and its ATM vol as today's scaled to the stressed VIX
    const now = planMarketState(p.market, p.surface);
    const stressed = drawdownState(now, () => NaN, p.policy, p.scenario.stressedVix, p.scenario.stressVolOfVol);
    expect(markBook(p.book.condor, stressed).value).toBeCloseTo(p.condor.markValue + p.scenario.condorValueChange, 6);
    const vols = markLegs(p.book.condor, stressed).map((m) => m.vol);
    const years = (markLegs(p.book.condor, stressed)[0]?.years as number) * 365;
    quoted.push(
      `${Math.round(years)} days remain, and the stressed surface marks the legs at ${pct(Math.min(...vols))} to ${pct(Math.max(...vols))} (the 1890 and 1940 puts at ${pct(vols[0] as number)} and ${pct(vols[1] as number)}; ATM ${pct(spxAtmVol(stressed, years / 365), 2)} = today's ${pct(spxAtmVol(now, years / 365), 2)} × ${p.scenario.stressedVix.toFixed(2)}/${p.market.vix})`,
    );
    expect(spxAtmVol(stressed, years / 365)).toBeCloseTo(
      (spxAtmVol(now, years / 365) * p.scenario.stressedVix) / p.market.vix,
      10,
    );
    // the back put: the SPX monthly nearest 30 days after the front (a Sunday), never a weekly
    expect(p.policy.overlayBackDays).toBe(30);
    quoted.push(`here Sunday 2019-03-10, so ${overlayBackExpiry('2019-02-08', 30)} (5 days`);
    // the plan's market and surface re-mark the book at the plan's own mark
    expect(markBook(p.book.condor, now).value).toBeCloseTo(p.condor.markValue, 6);
    // a year of signals settles RSI and MACD: no short-history warning; 40 values read another RSI
    expect(p.warnings.filter((w) => /^(RSI|MACD) from/.test(w))).toEqual([]);
    expect(shortHistory.warnings.filter((w) => /^(RSI|MACD) from 40 /.test(w))).toHaveLength(2);
    expect(shortHistory.split.calendarShare).toBe(p.split.calendarShare);
    quoted.push(
      `the RSI reads ${(shortHistory.signals.rsi as number).toFixed(2)} instead of ${(p.signals.rsi as number).toFixed(2)}`,
    );
    // the condors held: the one order is the tail call; without positions, the whole book and a warning
    const orders = p.orders?.orders ?? [];
    expect(orders).toHaveLength(1);
    const [o] = orders;
    quoted.push(
      `**${o?.side} ${o?.quantity} ${o?.contract} ${o?.leg.expiry} ${o?.leg.strike} ${o?.leg.type}** (\`${o?.why}\`, mid ${o?.mid.toFixed(2)})`,
    );
    expect(noPositions.orders?.orders.filter((x) => x.why.startsWith('condor ')).map((x) => x.quantity)).toEqual([
      10, 10, 10, 10,
    ]);
    expect(noPositions.warnings.some((w) => w.startsWith('No positions given: the orders are the whole book'))).toBe(
      true,
    );
    // "the put spread is worth about half of its 50 points" in the scenario
    const stressedPerShare = -(p.condor.markValue + p.scenario.condorValueChange) / (100 * 10);
    expect(stressedPerShare / 50).toBeGreaterThan(0.4);
    expect(stressedPerShare / 50).toBeLessThan(0.6);
    const missing = quoted.filter((q) => !doc.includes(flat(q)));
    expect(missing, JSON.stringify(missing)).toEqual([]);
    // docs/method.md tells the same day's fitted-κ count.
    const method = flat(
      readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/method.md'), 'utf8'),
    );
    expect(method).toContain(`and the tail rule asked for ${byFit.tail.requiredContracts} calls.`);
  });
});
