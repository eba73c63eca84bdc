/**
 * Strikes out of order are marked at every strike that can fix them (addin/src/common/strikeOrder.ts),
 * the schema's message unchanged.
 */
import { describe, expect, it } from 'vitest';
import { PlanInputSchema, formatPath } from '@alvh/shared';
import { atEveryStrikeToFix, strikesToFix } from '../../addin/src/common/strikeOrder';
import { planInputFromForm } from '../../addin/src/common/planInput';
import { EXAMPLE } from '../../addin/src/taskpane/example';

describe('strikes out of order', () => {
  it.each([
    [
      [3650, 3750, 3700, 6700],
      [1, 2],
    ], // K3 typed below K2: either fixes it
    [
      [3000, 2000, 3700, 6700],
      [0, 1],
    ],
    [[3650, 3750, 6600, 1790], [3]], // only K4 can
    [[5900, 100, 7200, 7300], [1]], // K1 could (below 100), but K2 is far from the others: the slip
    [[5900, 6000, 72000, 7300], [2]], // K3 with a zero too many, not K4
    [[5000, 3750, 4000, 6700], [0]],
    [
      [3650, 3650, 6600, 6700],
      [0, 1],
    ], // equal: either moves
    [[4, 3, 2, 1], []], // no one strike fixes it
    [[3650, 3750, 6600, 6700], []], // in order
  ])('%j can be fixed at %j', (strikes, fix) => expect(strikesToFix(strikes)).toEqual(fix));

  it('marks the schema’s one strike-order issue at K2 and K3 for 3650, 3750, 3700, 6700, in its words', () => {
    const fields = { ...EXAMPLE.fields, k3: '3700' };
    const r = PlanInputSchema.safeParse(
      planInputFromForm({ fields, futures: EXAMPLE.futures, policy: {}, indices: {} }),
    );
    const issues = r.success ? [] : r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    const order = issues.filter((i) => i.message.startsWith('pass strikes in increasing order'));
    expect(order.map((i) => i.path)).toEqual(['condor.strikes[1]']);
    const marked = atEveryStrikeToFix(issues, [fields.k1, fields.k2, fields.k3, fields.k4]);
    expect(marked.filter((i) => i.message === order[0]!.message).map((i) => i.path)).toEqual([
      'condor.strikes[1]',
      'condor.strikes[2]',
    ]);
    // the API's issue (its path under plan.) the same way; other issues and unread strikes as they are
    const api = [{ path: 'plan.condor.strikes[1]', message: order[0]!.message }];
    expect(atEveryStrikeToFix(api, ['3650', '3750', '3700', '6700']).map((i) => i.path)).toEqual([
      'plan.condor.strikes[1]',
      'plan.condor.strikes[2]',
    ]);
    expect(atEveryStrikeToFix(api, ['3650', '3750', 'abc', '6700'])).toEqual(api);
    const other = [{ path: 'condor.strikes[1]', message: 'is blank' }];
    expect(atEveryStrikeToFix(other, ['3650', '3750', '3700', '6700'])).toEqual(other);
  });
});
