/**
 * Positions given as rows (a sheet's range, or the API's JSON) over the rows' limit are refused by
 * that limit. The text option's length check ran against the list as well, so the union saw two
 * options of the right type and answered "pass the positions as CSV text or as rows".
 */
import { describe, expect, it } from 'vitest';
import { PlanInputSchema, readPositions } from '@alvh/shared';

const row = ['SPXW 190215P01750000', 1];

describe('positions as rows over 10,000', () => {
  it.each([10_001, 100_001])('%d rows are refused as more than 10,000 rows', (n) => {
    const rows = Array.from({ length: n }, () => row);
    expect(() => readPositions({ valuationDate: '2018-12-24', positions: rows })).toThrow(
      /^positions: pass at most 10,000 rows/,
    );
  });
});

describe('events are rows of a calendar, not a signal history', () => {
  it('more than 10,000 are refused as events, grouped', () => {
    const events = Array.from({ length: 10_001 }, () => ({ date: '2021-11-19', kind: 'CPI', source: 'x' }));
    const r = PlanInputSchema.shape.signals.unwrap().safeParse({ events });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('pass at most 10,000 events');
  });
});
