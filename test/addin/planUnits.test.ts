/**
 * ALVH.PLAN's note column leads with what the number beside it is in: a cell holds a bare number,
 * so a dollar figure says USD (and what it is per), and a share, held as a decimal, its percentage.
 */
import { presentPlan } from '../../addin/src/common/present';
import { plan } from '@alvh/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLAN_2018_12_24 } from '../helpers/fixtures';
import { ensureAddinBuilt, loadBuiltFunctions, type CustomFunction } from './stubs/customFunctions';
import { planSheet20181224 } from './stubs/planSheet';

let PLAN: CustomFunction;
beforeAll(() => {
  ensureAddinBuilt();
  PLAN = loadBuiltFunctions().get('PLAN')!;
});

describe('ALVH.PLAN units', () => {
  it('says USD before every dollar row and the percentage of every share, row by row as the plan view formats them', () => {
    const out = PLAN(planSheet20181224()) as unknown[][];
    const rows = presentPlan(plan(PLAN_2018_12_24), 'excel').rows;
    const notes = new Map(out.map((r) => [`${String(r[0])}|${String(r[1])}`, String(r[2])]));
    let usd = 0;
    let pct = 0;
    for (const r of rows) {
      const note = notes.get(`${r.label}|${String(r.value)}`);
      expect(note, r.label).toBeDefined();
      if (r.format === 'usd') {
        usd++;
        expect(note, r.label).toMatch(r.unit === undefined ? /^USD: / : new RegExp(`^USD ${r.unit}: `));
      } else if (r.format === 'pct' && typeof r.value === 'number') {
        pct++;
        expect(note, r.label).toMatch(new RegExp(`^${Number((r.value * 100).toFixed(2))}%: `));
      } else expect(note, r.label).not.toMatch(/^USD/);
    }
    expect(usd).toBeGreaterThan(10);
    expect(pct).toBeGreaterThan(3);
  });

  it('quotes the hedge cost rate as a percentage beside the cap it is held to', () => {
    const out = PLAN(planSheet20181224()) as unknown[][];
    const row = out.find((r) => r[0] === 'Hedge cost rate')!;
    expect(row[2]).toBe(`${Number(((row[1] as number) * 100).toFixed(2))}%: annualised over max loss; cap 18%`);
    expect(out.find((r) => r[0] === 'Max loss')![2]).toMatch(/^USD: \(widest wing − credit\)/);
    expect(out.find((r) => r[0] === 'Target vega')![2]).toMatch(/^USD per vol point: /);
  });

  it('says the overlay’s vega is per VIX point for the VIX call diagonal, per vol point for the calendar', () => {
    const vega = (rows: unknown[][]) => {
      const out = PLAN(rows) as unknown[][];
      return [out.find((r) => r[0] === 'Target vega')![2], out.find((r) => r[0] === 'Overlay vega')![2]].map(
        (n) => String(n).split(':')[0],
      );
    };
    expect(vega(planSheet20181224())).toEqual(['USD per vol point', 'USD per vol point']);
    // the target stays the condor's vega per vol point, matched per VIX point
    expect(vega([...planSheet20181224(), ['overlay', 'vix-call-diagonal']])).toEqual([
      'USD per vol point',
      'USD per VIX point',
    ]);
  });
});

describe('ALVH.PLAN book Greeks', () => {
  it('shows the whole book’s value and dollar Greeks, each with its unit, as the plan gives them', () => {
    const out = PLAN(planSheet20181224()) as unknown[][];
    const g = plan(PLAN_2018_12_24).bookGreeks;
    const from = out.findIndex((r) => r[0] === 'Book Greeks' && r[1] === '');
    expect(from).toBeGreaterThan(0);
    expect(out.slice(from + 1, from + 8).map((r) => [r[0], r[1], String(r[2]).split(':')[0]])).toEqual([
      ['Book value', g.value, 'USD'],
      ['Delta', g.delta, 'USD per SPX point'],
      ['Gamma', g.gamma, 'USD per SPX point²'],
      ['Vega', g.vega, 'USD per vol point'],
      ['Theta', g.theta, 'USD per day'],
      ['VIX delta', g.vixDelta, 'USD per VX point'],
      ['VIX vega', g.vixVega, 'USD per vol point'],
    ]);
    // the tail's VIX calls carry the VIX exposure: long calls, a positive delta to the futures
    expect(g.vixDelta).toBeGreaterThan(0);
  });
});

describe('the Rebalance status', () => {
  it('says at an entry that it is sized as one, and what the next plan takes as its last rebalance', () => {
    const row = (host: 'excel' | 'taskpane') =>
      presentPlan(plan(PLAN_2018_12_24), host).rows.find((r) => r.section === 'Rebalance')!;
    expect(row('taskpane').value).toMatch(/^no last rebalance given: sized as at an entry \(on a later day/);
    expect(row('taskpane').note).toMatch(
      /; once the orders are filled, this day is the next plan’s Last rebalance \(its date, VIX and VX futures\)$/,
    );
    expect(row('excel').note).toMatch(
      /; once the orders are filled, this day is lastDate, lastVix and lastVX1…lastVXn of the next plan$/,
    );
  });
});
