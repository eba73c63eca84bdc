/**
 * The condor's hedge campaign in the worksheet (the built functions, as Excel loads them): ALVH.PLAN
 * and ALVH.ORDERS read the inputs rows campaignBudget, paidOverlay and paidTail (all three or none),
 * name a bad one by its row, and hand the campaign after the plan back as rows. On the spike day
 * of 2024-08-05 ORDERS rolls the five September 20 calls held into more calls within the campaign.
 */
import { isoToExcelSerial, plan, type PlanInput } from '@alvh/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAddinBuilt, ErrorCode, errorOf, loadBuiltFunctions, type CustomFunction } from './stubs/customFunctions';
import { planSheet20181224 } from './stubs/planSheet';
import { PLAN_2018_12_24 } from '../helpers/fixtures';
import { FUTURES, input } from '../shared/method/spikeDay';

let fns: Map<string, CustomFunction>;
beforeAll(() => {
  ensureAddinBuilt();
  fns = loadBuiltFunctions();
});
const call = (id: string, ...args: unknown[]): unknown[][] => fns.get(id)!(...args) as unknown[][];

function refusal(id: string, ...args: unknown[]): string {
  const e = errorOf(() => fns.get(id)!(...args));
  expect(e.code).toBe(ErrorCode.invalidValue);
  expect((e.message ?? '').length).toBeLessThanOrEqual(200);
  return e.message ?? '';
}

/** The PLAN spill's rows of one section, [label, value, explanation]. */
function section(out: unknown[][], name: string): unknown[][] {
  const from = out.findIndex((r) => r[0] === name && r[1] === '');
  expect(from, name).toBeGreaterThan(0);
  const rows = out.slice(from + 1);
  return rows.slice(
    0,
    rows.findIndex((r) => r[1] === '' && r[2] === ''),
  );
}

const CAMPAIGN = { budget: 20000, paid: { overlay: -250, tail: 1500 } };
const campaignRows = [
  ['CampaignBudget', 20000],
  ['paid overlay', '-250'],
  ['PAIDTAIL', '1,500'],
];

describe('ALVH.PLAN reads the campaign rows', () => {
  const sheet = planSheet20181224();

  it('hands back the campaign given as it came: without positions it is not read, and nothing of it moves', () => {
    const out = call('PLAN', [...sheet, ...campaignRows]);
    const p = plan({ ...PLAN_2018_12_24, campaign: CAMPAIGN });
    const rows = section(out, 'Campaign');
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['Budget set at entry', 20000],
      ['Paid by the overlay', p.campaign!.paid.overlay],
      ['Paid by the tail', p.campaign!.paid.tail],
      ['Next plan of this condor', 'campaignBudget, paidOverlay, paidTail'],
    ]);
    expect(p.campaign!.paid).toEqual(CAMPAIGN.paid);
    expect(rows[0]![2]).toMatch(/^USD: given: the campaign’s budget/);
    expect(rows[3]![2]).toMatch(/as the inputs rows campaignBudget, paidOverlay, paidTail once the orders are filled/);
    // the section follows the costs, before the curve's
    const labels = out.map((r) => r[0]);
    expect(labels.indexOf('Campaign')).toBeGreaterThan(labels.indexOf('Costs and caps'));
    expect(labels.indexOf('Campaign')).toBeLessThan(labels.indexOf('VIX term structure'));
    // without positions it is not read, and the warning says where it is
    expect(out.filter((r) => r[0] === 'warning').map((r) => r[1])).toContainEqual(
      expect.stringMatching(
        /^The campaign rows are not read \(.*pass them to ALVH\.ORDERS with the positions, or leave out the inputs rows campaignBudget, paidOverlay, paidTail\)/,
      ),
    );
  });

  it('without the rows opens a campaign at the day’s budget', () => {
    const out = call('PLAN', sheet);
    const p = plan(PLAN_2018_12_24);
    const rows = section(out, 'Campaign');
    expect(rows[0]?.slice(0, 2)).toEqual(['Budget set at entry', p.budget.budget]);
    expect(rows[0]![2]).toMatch(/^USD: set today/);
    expect(rows[2]?.slice(0, 2)).toEqual(['Paid by the tail', p.tail.cost]);
  });

  it('takes all three or none: a row left out or empty is named, with the fix', () => {
    expect(refusal('PLAN', [...sheet, campaignRows[0], campaignRows[2]])).toBe(
      'inputs paidOverlay: is missing while campaignBudget and paidTail are given; give all three campaign rows, as the plan before handed them back, or none at an entry',
    );
    expect(refusal('PLAN', [...sheet, campaignRows[0], ['paidOverlay', ''], campaignRows[2]])).toMatch(
      /^inputs paidOverlay: is empty while campaignBudget and paidTail are given; /,
    );
    // three empty rows (a template) are no campaign
    const empty = campaignRows.map(([k]) => [k, null]);
    expect(section(call('PLAN', [...sheet, ...empty]), 'Campaign')[0]![2]).toMatch(/^USD: set today/);
    expect(refusal('PLAN', [...sheet, ...campaignRows, ['campaign budget', 5]])).toMatch(
      /^inputs campaign budget: gives campaignBudget again \(the row "CampaignBudget" gives it\)/,
    );
  });

  it('names a bad value by its row, as the other USD rows are refused', () => {
    const withRow = (i: number, v: unknown) => [...sheet, ...campaignRows.map((r, j) => (j === i ? [r[0], v] : r))];
    expect(refusal('PLAN', withRow(0, -5))).toMatch(/^inputs campaignBudget: pass 0 or a positive number/);
    expect(refusal('PLAN', withRow(2, 2e12))).toMatch(/^inputs paidTail: .*at most 1e12/);
    expect(refusal('PLAN', withRow(2, '40.000'))).toMatch(/^inputs PAIDTAIL: /);
    expect(refusal('PLAN', withRow(1, '5%'))).toMatch(/^inputs paid overlay: /);
    expect(refusal('PLAN', withRow(0, 'abc'))).toMatch(/^inputs CampaignBudget: is "abc", not a number/);
    // an example under 1,000 is offered once, not as "-250" or "-250"
    expect(refusal('PLAN', withRow(2, 'abc'))).toContain('(text such as "-250" also reads as one)');
    expect(refusal('PLAN', withRow(0, 'abc'))).toContain('(text such as "1673" or "1,673" also reads as one)');
  });
});

describe('ALVH.ORDERS on 2024-08-05 with the campaign', () => {
  const serial = (d: string) => isoToExcelSerial(d);
  const i = input({ strike: 20, expiry: '2024-09-18' });
  const m = i.market;
  const inputs: unknown[][] = [
    ['date', serial('2024-08-05')],
    ['spx', m.spx],
    ['vix', m.vix],
    ['vvix', m.vvix],
    ['rate', m.rate],
    ['divYield', m.divYield],
    ['VIX9D', 42.79],
    ['VIX3M', 33.71],
    ['SKEW', 145.3],
    ...FUTURES.map(([, price], n) => [`VX${n + 1}`, price]),
    ['expiry', serial('2024-09-20')],
    ['k1', 4170],
    ['k2', 4220],
    ['k3', 6370],
    ['k4', 6420],
    ['quantity', 10],
    ['capital', 2_000_000],
    ['lastDate', serial('2024-07-29')],
    ['lastVix', 16.6],
    ...i.lastRebalance!.futures.map((f, n) => [`lastVX${n + 1}`, f.price]),
  ];
  const held = [
    ['SPX 240920P04170', 10],
    ['SPX 240920P04220', -10],
    ['SPX 240920C06370', -10],
    ['SPX 240920C06420', 10],
    ['VIX 240918C00020000', 5],
  ];
  const campaign = { budget: 1673, paid: { overlay: 0, tail: 900 } };
  const rows = [
    ['campaignBudget', 1673],
    ['paidOverlay', 0],
    ['paidTail', 900],
  ];
  const vixOrders = (out: unknown[][]) =>
    out.filter((r) => r[2] === 'VIX').map((r) => [String(r[0]).split(' ')[0], r[1], r[4]]);

  it('rolls the calls held into what the campaign buys, and hands the campaign after the orders back', () => {
    const p = plan({ ...i, campaign } as PlanInput);
    const out = call('ORDERS', [...inputs, ...rows], held);
    expect(vixOrders(out)).toEqual([
      ['buy', p.tail.contracts, p.tail.strike],
      ['sell', 5, 20],
    ]);
    expect(p.tail.contracts).toBeGreaterThan(5);
    const after = Object.fromEntries(
      out.filter((r) => /^(campaignBudget|paid)/.test(String(r[0]))).map((r) => [r[0], r]),
    );
    const cost = 12; // the cost column
    expect(after['campaignBudget']?.[cost]).toBe(1673);
    expect(after['paidOverlay']?.[cost]).toBe(p.campaign!.paid.overlay);
    expect(after['paidTail']?.[cost]).toBeCloseTo(p.campaign!.paid.tail, 9);
    expect(after['campaignBudget']?.[13]).toMatch(/^given/);
    expect(out.every((r) => r.length === out[0]!.length)).toBe(true);
    // without the campaign the day's budget buys no call, and the five held are sold
    expect(vixOrders(call('ORDERS', inputs, held))).toEqual([['sell', 5, 20]]);
  });
});

describe('ALVH.FRONTIER with the campaign rows', () => {
  it('takes them and says in its note row that it does not read them, in the sheet’s words', () => {
    const sheet = planSheet20181224();
    const out = call('FRONTIER', [...sheet, ...campaignRows], [[0], [5000]], 200, 1);
    const note = String(out[out.length - 1]!.at(-2));
    expect(note).toContain('; FRONTIER does not read the campaign rows (campaignBudget, paidOverlay, paidTail): ');
    expect(note).not.toMatch(/plan\.campaign/);
    // the same points as without them
    const bare = call('FRONTIER', sheet, [[0], [5000]], 200, 1);
    expect(out.slice(0, -1)).toEqual(bare.slice(0, -1));
  });
});
