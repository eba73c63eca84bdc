/**
 * The plan view's Campaign rows (addin/src/common/presentCampaign.ts), shared by ALVH.PLAN's spill
 * and the taskpane: the campaign handed back, in the host's words, and the parts the layers were
 * cut to when one was read (the spike day of 2024-08-05 with five September 20 calls held).
 */
import { describe, expect, it } from 'vitest';
import { plan } from '@alvh/shared';
import { presentPlan } from '../../addin/src/common/present';
import { condor, input } from '../shared/method/spikeDay';

const HELD = input({ strike: 20, expiry: '2024-09-18' });
const CAMPAIGN = { budget: 1673, paid: { overlay: 0, tail: 900 } };

describe('the Campaign rows', () => {
  it('follow the costs, show the campaign handed back and the parts read, and say where to pass it', () => {
    const p = plan({ ...HELD, campaign: CAMPAIGN });
    const view = presentPlan(p, 'taskpane');
    const rows = view.rows.filter((r) => r.section === 'Campaign');
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Budget set at entry', 1673],
      ['Paid by the overlay', p.campaign!.paid.overlay],
      ['Paid by the tail', p.campaign!.paid.tail],
      ['Overlay’s part', p.budget.campaign!.available.overlay],
      ['Tail’s part', p.budget.campaign!.available.tail],
      ['Next plan of this condor', 'the Campaign boxes'],
    ]);
    expect(rows[0]!.note).toMatch(/^given: /);
    expect(rows[4]!.note).toMatch(
      /^\d+(\.\d+)?% of the campaign’s \$1,673 − \$900 paid \+ \$5,738 its legs held fetch: the layer was cut to this/,
    );
    expect(rows[5]!.note).toBe(
      'type Budget set at entry, Paid by the overlay and Paid by the tail above in the Campaign boxes Budget, Paid by the overlay and Paid by the tail once the orders are filled, the paid figures corrected with the fills; leave them out when the condor is opened, rolled or resized',
    );
    const sections = [...new Set(view.rows.map((r) => r.section))];
    expect(sections.indexOf('Campaign')).toBe(sections.indexOf('Costs and caps') + 1);
    const note = (label: string) => view.rows.find((r) => r.label === label)!.note;
    expect(note('Tail budget')).toMatch(/^the campaign’s part for the tail \(Campaign, below\)/);
    expect(note('Calendar budget')).toMatch(/^the campaign’s part for the overlay/);
  });

  it('at an entry: the budget set today, no parts, the budgets as shares of it', () => {
    const { positions: _p, lastRebalance: _l, ...entry } = HELD;
    const p = plan(entry);
    const view = presentPlan(p, 'excel');
    const rows = view.rows.filter((r) => r.section === 'Campaign');
    expect(rows.map((r) => r.label)).toEqual([
      'Budget set at entry',
      'Paid by the overlay',
      'Paid by the tail',
      'Next plan of this condor',
    ]);
    expect(rows[0]).toMatchObject({ value: p.budget.budget, format: 'usd' });
    expect(rows[0]!.note).toMatch(/^set today/);
    expect(rows[3]!.note).toMatch(/ALVH\.ORDERS hands them back after its orders$/);
    expect(view.rows.find((r) => r.label === 'Tail budget')!.note).toBe('budget · tail share');
  });

  it('are absent when the plan hands no campaign back, and a campaign not read is said in the page’s words', () => {
    const { positions: _p, ...bare } = HELD;
    const view = presentPlan(plan({ ...bare, campaign: CAMPAIGN }), 'taskpane');
    expect(view.warnings).toContainEqual(
      expect.stringMatching(
        /^The Campaign boxes are not read \(.*: paste the Positions held, or leave the Campaign boxes blank\)/,
      ),
    );
    // handed back as given: its paid rows say so, and where the campaign after the orders comes from
    for (const host of ['excel', 'taskpane'] as const) {
      const rows = presentPlan(plan({ ...bare, campaign: CAMPAIGN }), host).rows.filter(
        (r) => r.section === 'Campaign',
      );
      expect(rows.map((r) => [r.label, r.value])).toEqual([
        ['Budget set at entry', 1673],
        ['Paid by the overlay', 0],
        ['Paid by the tail', 900],
        ['Next plan of this condor', host === 'excel' ? 'campaignBudget, paidOverlay, paidTail' : 'the Campaign boxes'],
      ]);
      expect(rows[2]!.note).toBe(
        `the VIX call tail’s net premium paid since the entry (buys − sales), as given: not read today, so no order of this plan is counted in it (${host === 'excel' ? 'ALVH.ORDERS, given the positions, hands back the campaign after its orders' : 'paste the Positions held for the campaign after the orders'})`,
      );
    }
    // the VIX call diagonal: positions given hand no campaign back, and its Paid row names it
    const diagonal = plan({ ...bare, campaign: CAMPAIGN, policy: { ...bare.policy, overlay: 'vix-call-diagonal' } });
    const dRows = presentPlan(diagonal, 'excel').rows.filter((r) => r.section === 'Campaign');
    expect(dRows[1]!.note).toBe(
      'the VIX call diagonal overlay’s net premium paid since the entry (buys − sales), as given: not read today, so no order of this plan is counted in it (with the VIX call diagonal none is handed back once positions are given: its calls cannot be told apart by layer)',
    );
    const { campaign: _c, ...none } = plan(bare);
    expect(presentPlan(none, 'taskpane').rows.filter((r) => r.section === 'Campaign')).toEqual([]);
  });

  it('word the fewer-calls warning\u2019s fix as the host gives a campaign: the rows to ORDERS, or the boxes', () => {
    // the October 35 calls held sold out of the money, no campaign: the re-size leaves fewer calls
    const p = plan(input({ strike: 35, expiry: '2024-10-16' }));
    const fewer = (host: 'excel' | 'taskpane') =>
      presentPlan(p, host).warnings.find((w) => /fewer VIX call/.test(w)) ?? '';
    expect(fewer('excel')).toContain(
      'To keep them, pass the campaign the plan before handed back as the inputs rows campaignBudget, paidOverlay, paidTail to ALVH.ORDERS with the positions, whose re-size counts them, or leave out the sales',
    );
    expect(fewer('taskpane')).toContain(
      'To keep them, type the campaign the plan before handed back in the Campaign boxes, whose re-size counts them, or leave out the sales',
    );
    for (const host of ['excel', 'taskpane'] as const) expect(fewer(host)).not.toContain('`campaign`');
  });

  it('say in the host’s words that a campaign beside another condor (a resize) is not read and opens anew', () => {
    const p = plan({ ...HELD, condor: { ...condor, quantity: 20 }, campaign: CAMPAIGN });
    const said = (host: 'excel' | 'taskpane') => presentPlan(p, host).warnings.find((w) => /not read/.test(w)) ?? '';
    expect(said('taskpane')).toMatch(
      /^The Campaign boxes are not read \(the condor held is not the plan's: the positions hold 10 of the SPX 2024-09-20 4170 put .*: leave the Campaign boxes blank that day\): today's hedge budget sized the layers, as at an entry, and the campaign handed back opens today\.$/,
    );
    expect(said('excel')).toMatch(
      /^The campaign rows are not read \(the condor held .*: leave out the inputs rows campaignBudget, paidOverlay, paidTail that day\)/,
    );
    const rows = presentPlan(p, 'taskpane').rows.filter((r) => r.section === 'Campaign');
    expect(rows[0]!.note).toMatch(/^set today/);
  });
});
