/**
 * "Read from selection" of a new day: a full 2023-06-09 range read over the example day
 * (2025-04-08) clears that day's VVIX, Cboe indices and the condor's credit, which the range does
 * not give, keeps the budget and says so; a range of the form's own day, or of no day, clears nothing.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_FIELDS } from '@alvh/shared';
import { EXAMPLE } from '../../addin/src/taskpane/example';
import { readKeyValueRange } from '../../addin/src/common/selection';
import { newDayOf, selectionNote, type PaneBefore } from '../../addin/src/common/selectionDay';
import { BLANK_LAST_REBALANCE } from '../../addin/src/common/lastRebalance';
import { BLANK_CAMPAIGN } from '../../addin/src/common/campaign';
import { valuesRead } from '../../addin/src/common/selection';
import { SELECTION_2023_06_09 as DAY_2023 } from '../helpers/fixtures';

const example: PaneBefore = {
  state: { fields: EXAMPLE.fields, futures: EXAMPLE.futures, policy: {}, indices: EXAMPLE.indices, events: '' },
  positions: '',
  vixCloses: '',
  last: BLANK_LAST_REBALANCE,
  campaign: BLANK_CAMPAIGN,
};

describe('a range of a new day read over the form', () => {
  it("clears the earlier day's market and credit the range does not give, keeps the budget, and says both", () => {
    const got = readKeyValueRange(DAY_2023, POLICY_FIELDS);
    expect(got.fields.valuationDate).toBe('2023-06-09');
    const day = newDayOf(got, example)!;
    expect(day.fields).toEqual(['vvix', 'credit']);
    expect(day.indices).toEqual(['vix9d', 'vix3m', 'skew']);
    expect([day.futures, day.surface, day.last]).toEqual([false, false, false]);
    expect(selectionNote(16, day)).toBe(
      'Read 16 values from the selection; kept from before: budget 40,000; cleared (of the earlier day, not in the range): VVIX, VIX9D, VIX3M, SKEW, credit.',
    );
  });

  it('clears the curve, SPX and a fitted chain of the earlier day; keeps the condor, policy and boxes, naming them', () => {
    const got = readKeyValueRange(
      [
        ['date', '2023-06-09'],
        ['vix', 13.83],
      ],
      POLICY_FIELDS,
    );
    const day = newDayOf(got, {
      ...example,
      state: { ...example.state, policy: { tailCoverage: '2' }, events: '2023-06-13, CPI' },
      positions: 'Symbol,Qty\nSPXW 250523P03750000,10\n',
      vixCloses: '2023-06-08,13.65\n2023-06-09,13.83',
      last: { date: '2023-06-08', vix: '13.65', futures: '14.1\n16' },
      campaign: { campaignBudget: '1673', paidOverlay: '300', paidTail: '-125.5' },
      surfaceDate: '2025-04-08',
    })!;
    expect(day.fields).toEqual(['spx', 'vvix', 'rate', 'divYield']);
    expect([day.futures, day.surface, day.last]).toEqual([true, true, false]);
    expect(day.cleared).toContain('the chain of 2025-04-08 fitted on the Surface tab');
    expect(day.kept).toEqual([
      'expiry 2025-05-23',
      'K1 3,650',
      'K2 3,750',
      'K3 6,600',
      'K4 6,700',
      'quantity 10',
      'credit 5.93',
      'capital 5,000,000',
      'budget 40,000',
      'Tail coverage 2',
      'positions (2 lines)',
      'the last rebalance of 2023-06-08',
      'the campaign (budget 1,673)',
      'recent VIX closes (read up to the new date)',
      'your events',
    ]);
    // a last rebalance after the new day cannot be the last before it
    const later = newDayOf(got, { ...example, last: { date: '2025-04-01', vix: '21.7', futures: '22\n23' } })!;
    expect([later.last, later.cleared.at(-1)]).toEqual([true, 'the last rebalance of 2025-04-01']);
  });

  it("reads the campaign's rows as ALVH.PLAN names them, a row not given blank, and counts them", () => {
    const got = readKeyValueRange(
      [
        ['date', '2024-07-22'],
        ['campaign budget', 1673],
        ['Paid_Overlay', 300.25],
        ['paidtail', -125.5],
      ],
      POLICY_FIELDS,
    );
    expect(got.campaign).toEqual({ campaignBudget: '1673', paidOverlay: '300.25', paidTail: '-125.5' });
    expect(got.unknownKeys).toEqual([]);
    expect(valuesRead(got)).toBe(4);
    // a range that gives the campaign does not keep the form's, and the one it gives is not named
    const day = newDayOf(got, { ...example, campaign: { campaignBudget: '900', paidOverlay: '0', paidTail: '0' } })!;
    expect(day.kept.some((k) => k.startsWith('the campaign'))).toBe(false);
    // three empty rows give no campaign, as ALVH.PLAN reads them: the boxes are left as they are
    const blank = readKeyValueRange(
      [
        ['campaignBudget', ''],
        ['paidOverlay', null],
        ['paidTail', ''],
      ],
      POLICY_FIELDS,
    );
    expect(blank.campaign).toBeUndefined();
    const part = readKeyValueRange([['campaignBudget', 1673]], POLICY_FIELDS);
    expect(part.campaign).toEqual({ campaignBudget: '1673', paidOverlay: '', paidTail: '' });
    expect(() =>
      readKeyValueRange(
        [
          ['paidTail', 1],
          ['paid tail', 2],
        ],
        POLICY_FIELDS,
      ),
    ).toThrow(/^paid tail: gives paidTail again \(the row "paidTail" gives it\)/);
  });

  it("clears nothing when the range gives the form's own day or no day", () => {
    const same = readKeyValueRange(
      [
        ['date', '2025-04-08'],
        ['spx', 5000],
      ],
      POLICY_FIELDS,
    );
    expect(newDayOf(same, example)).toBeUndefined();
    const none = readKeyValueRange([['k1', 3600]], POLICY_FIELDS);
    expect(newDayOf(none, example)).toBeUndefined();
    expect(selectionNote(1, undefined)).toBe('Read 1 value from the selection.');
  });
});
