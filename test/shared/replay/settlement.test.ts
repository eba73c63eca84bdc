import { describe, expect, it } from 'vitest';
import { isSpxAmExpiry, settlementValue } from '../../../shared/src/replay/settlement';

// 2025-04-17 (Thursday; Good Friday 2025-04-18 is an exchange holiday): SPX open 5305.45, close
// 5282.70; VIX open 30.79, close 29.65.
const closes = { spx: 5282.7, vix: 29.65 };
const withOpens = { date: '2025-04-17', spxOpen: 5305.45, vixOpen: 30.79 };
const closesOnly = { date: '2025-04-17' };

describe('isSpxAmExpiry', () => {
  it.each([
    ['2025-04-17', true], // the April monthly, moved to Thursday by Good Friday
    ['2025-05-16', true], // third Friday
    ['2020-03-20', true],
    ['2025-04-18', false], // the holiday itself
    ['2025-05-15', false], // a Thursday daily
    ['2025-05-23', false], // fourth Friday (a weekly)
    ['2025-05-30', false], // end of month
  ])('%s → %s', (expiry, am) => {
    expect(isSpxAmExpiry(expiry)).toBe(am);
  });
});

describe('settlementValue', () => {
  it('settles an AM SPX monthly on the SPX open of its expiry day', () => {
    expect(settlementValue({ kind: 'spx', expiry: '2025-04-17' }, withOpens, closes)).toBe(5305.45);
  });

  it('falls back to the SPX close when the row has no open (closes-only history)', () => {
    expect(settlementValue({ kind: 'spx', expiry: '2025-04-17' }, closesOnly, closes)).toBe(5282.7);
  });

  it('settles a PM SPX leg (not a monthly date) on the close even when the row has an open', () => {
    const row = { date: '2025-05-15', spxOpen: 5869.82, vixOpen: 19.19 };
    expect(settlementValue({ kind: 'spx', expiry: '2025-05-15' }, row, { spx: 5916.93, vix: 17.83 })).toBe(5916.93);
  });

  it('settles an AM leg whose expiry day was not replayed on the later day’s close, not on its open', () => {
    const monday = { date: '2025-04-21', spxOpen: 5232.94 };
    expect(settlementValue({ kind: 'spx', expiry: '2025-04-17' }, monday, { spx: 5158.2, vix: 33.82 })).toBe(5158.2);
  });

  it('settles VIX options on the VIX open of their expiry day, else the close', () => {
    const vixDay = { date: '2025-04-16', vixOpen: 33.24 };
    expect(settlementValue({ kind: 'vix', expiry: '2025-04-16' }, vixDay, { spx: 5275.7, vix: 32.64 })).toBe(33.24);
    expect(
      settlementValue({ kind: 'vix', expiry: '2025-04-16' }, { date: '2025-04-16' }, { spx: 5275.7, vix: 32.64 }),
    ).toBe(32.64);
  });

  it('settles a VIX option whose expiry day was not replayed on the later day’s close, not on its open', () => {
    // VIX options settle on the special opening quotation of their own expiry morning; on a later
    // day the open is another morning's print, so the leg takes that day's close as an SPX leg does.
    const thursday = { date: '2025-04-17', vixOpen: 30.79 };
    expect(settlementValue({ kind: 'vix', expiry: '2025-04-16' }, thursday, closes)).toBe(29.65);
  });
});
