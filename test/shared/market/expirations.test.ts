import { describe, expect, it } from 'vitest';
import {
  isVxExpiry,
  notVxSettlement,
  spxMonthlyExpiry,
  vxExpiriesAfter,
  vxExpiriesThrough,
  vxExpiry,
  vxExpiryFix,
  vxSettlementAfter,
} from '@alvh/shared';
import { describeWithData, readDataFile } from '../../helpers/marketData';
import { readVxHistory } from './vxHistory';

describe('vxExpiry: the Wednesday 30 days before the next month’s third Friday', () => {
  // Book values: Cboe/CFE VX final settlement dates (the holiday-adjusted Tuesdays are the cases
  // the rule's exception exists for: Good Friday 2008-03-21, 2014-04-18, 2019-04-19, 2022-04-15,
  // 2025-04-18 on the third Friday, Juneteenth 2024-06-19 on the Wednesday).
  it.each([
    [2008, 2, '2008-02-19'],
    [2008, 10, '2008-10-22'],
    [2014, 3, '2014-03-18'],
    [2015, 8, '2015-08-19'],
    [2018, 2, '2018-02-14'],
    [2019, 3, '2019-03-19'],
    [2020, 3, '2020-03-18'],
    [2022, 3, '2022-03-15'],
    [2024, 6, '2024-06-18'],
    [2025, 3, '2025-03-18'],
    [2020, 12, '2020-12-16'],
    [2021, 12, '2021-12-22'],
    [2030, 6, '2030-06-18'], // by the rule: Juneteenth 2030 is the Wednesday (not yet listed by Cboe)
  ])('%i-%i → %s', (y, m, want) => {
    expect(vxExpiry(y, m)).toBe(want);
    expect(isVxExpiry(want)).toBe(true);
  });

  it('is a Wednesday except for the holiday adjustment, and always a business day before the SPX expiry', () => {
    for (let y = 2000; y <= 2040; y++) {
      for (let m = 1; m <= (y === 2040 ? 11 : 12); m++) {
        const e = vxExpiry(y, m);
        const w = new Date(`${e}T00:00:00Z`).getUTCDay();
        expect([2, 3]).toContain(w);
        const ny = m === 12 ? y + 1 : y;
        const nm = m === 12 ? 1 : m + 1;
        if (ny <= 2040) expect(e < spxMonthlyExpiry(ny, nm)).toBe(true);
        expect(e.slice(0, 7)).toBe(`${y}-${String(m).padStart(2, '0')}`);
      }
    }
  });

  it('lists the expiries strictly after a date; on a settlement day the next month comes first', () => {
    expect(vxExpiriesAfter('2020-03-16', 3)).toEqual(['2020-03-18', '2020-04-15', '2020-05-20']);
    expect(vxExpiriesAfter('2020-03-17', 1)).toEqual(['2020-03-18']);
    expect(vxExpiriesAfter('2020-03-18', 2)).toEqual(['2020-04-15', '2020-05-20']);
    expect(vxExpiriesAfter('2021-12-23', 2)).toEqual(['2022-01-19', '2022-02-16']);
  });

  it('lists the expiries after a date up to a last one, stopping at the calendar instead of failing', () => {
    expect(vxExpiriesThrough('2020-03-16', '2020-05-20')).toEqual(['2020-03-18', '2020-04-15', '2020-05-20']);
    expect(vxExpiriesThrough('2020-03-18', '2020-05-19')).toEqual(['2020-04-15']);
    expect(vxExpiriesThrough('2020-03-16', '2020-03-17')).toEqual([]);
    expect(vxExpiriesThrough('2040-10-01', '2040-12-31')).toEqual(['2040-10-17', '2040-11-21']);
    expect(() => vxExpiriesThrough('2020-03-16', '2041-01-16')).toThrow(/^last: .*outside the exchange calendar/);
  });

  it('rejects bad input naming the field', () => {
    expect(() => vxExpiry(2020, 13)).toThrow(/^month: is 13, not a month/);
    expect(() => vxExpiry(1999, 12)).toThrow(/^year: is 1999/);
    expect(() => vxExpiry(2040, 12)).toThrow(/^year: .*2041 calendar/);
    expect(() => vxExpiriesAfter('2020-03-16', 0)).toThrow(/^count: /);
    expect(() => vxExpiriesAfter('2040-10-01', 3)).toThrow(/^count: .*run past the exchange calendar/);
    expect(() => vxExpiriesAfter('16/03/2020', 1)).toThrow(/^date: /);
  });
});

describe('vxExpiryFix: the listed dates either side, not the rule', () => {
  it('names the holiday-shifted Tuesday a trader typing the rule’s Wednesday missed, and the next month', () => {
    // Good Friday 2022-04-15 moves March 2022 to Tuesday 2022-03-15; Juneteenth 2024 moves June to 2024-06-18
    expect(vxExpiryFix('2022-03-16')).toBe(
      'VX futures and VIX options listed either side expire on 2022-03-15 and 2022-04-20: pass one of those',
    );
    expect(vxExpiryFix('2024-06-19')).toMatch(/ expire on 2024-06-18 and 2024-07-17:/);
  });
  it('names the next month when the month’s own expiry has passed, and the one before when it has not', () => {
    // 2022-03-30 is after March's 2022-03-15: April's is the one a trader most likely meant
    expect(vxExpiryFix('2022-03-30')).toMatch(/ expire on 2022-03-15 and 2022-04-20:/);
    expect(vxExpiryFix('2024-12-31')).toMatch(/ expire on 2024-12-18 and 2025-01-22:/);
    expect(vxExpiryFix('2025-01-02')).toMatch(/ expire on 2024-12-18 and 2025-01-22:/);
  });
  it('falls back to the rule where the calendar has no listed date', () => {
    expect(vxExpiryFix('2040-12-19')).toMatch(/^pass a monthly VX expiry: the Wednesday 30 days before/);
    expect(vxExpiryFix('1999-03-17')).toMatch(/^pass a monthly VX expiry/);
    expect(vxExpiryFix('2000-01-05')).toMatch(/ expire on 2000-01-19:/);
  });
  it('names no date on or before the valuation date: a leg expiring then is refused as settled', () => {
    // 2025-04-15 at 2025-04-08 was told to pass 2025-03-18 or 2025-04-16, and 2025-03-18 had expired
    expect(vxExpiryFix('2025-04-15', '2025-04-08')).toBe(
      'the next VX futures and VIX options listed after the valuation date expire on 2025-04-16: pass that date',
    );
    expect(vxExpiryFix('2025-04-15', '2025-03-18')).toMatch(
      / after the valuation date expire on 2025-04-16: pass that date$/,
    );
    expect(vxExpiryFix('2025-04-15', '2025-03-17')).toMatch(
      / either side expire on 2025-03-18 and 2025-04-16: pass one of those$/,
    );
  });
});

describe('spxMonthlyExpiry: third Friday, the business day before on a holiday', () => {
  it.each([
    [2020, 3, '2020-03-20'],
    [2008, 3, '2008-03-20'], // Good Friday 2008-03-21
    [2014, 4, '2014-04-17'], // Good Friday 2014-04-18
    [2019, 4, '2019-04-18'], // Good Friday 2019-04-19
    [2025, 4, '2025-04-17'], // Good Friday 2025-04-18
    [2027, 6, '2027-06-17'], // Juneteenth observed Friday 2027-06-18
    [2021, 6, '2021-06-18'],
  ])('%i-%i → %s', (y, m, want) => expect(spxMonthlyExpiry(y, m)).toBe(want));
});

describeWithData('expiries against real Cboe and VX history', () => {
  it('matches the monthly VX contracts listed in a 2026-07 Cboe futures curve', () => {
    const lines = readDataFile('cboe_VIX_FUTURES_CURVE__ManULoreN14.csv').trim().split(/\r?\n/).slice(1);
    const monthly = lines
      .map((l) => l.split(','))
      .filter((c) => (c[1] ?? '').startsWith('VX/'))
      .map((c) => c[0]);
    expect(monthly).toEqual(vxExpiriesAfter('2026-07-22', 8));
    for (const c of lines.map((l) => l.split(','))) expect(new Date(`${c[0]}T00:00:00Z`).getUTCDay()).toBe(3);
  });

  // The quantintell file gives VX1..VX8 as the 1st..8th listed monthly contracts, with VX1 already
  // the next contract on a final-settlement day. So the computed front expiry
  // (vxExpiriesAfter(date, 1)) must change on exactly the rows where the data's VX1 jumps contract.
  //
  // Jump detector. A roll shifts every column by one contract: VXn today is yesterday's VX(n+1).
  // Day-to-day level moves are often larger than the gap between neighbouring contracts (2020-03,
  // 2018-02), so levels cannot tell a roll; the curve's SHAPE can: the spreads between adjacent
  // contracts, VX(n+1) − VXn, move much less than levels. For each pair of rows,
  //   stay(t) = Σ_{n=1..6} |s_n(t) − s_n(t−1)|,  roll(t) = Σ_{n=1..6} |s_n(t) − s_{n+1}(t−1)|,
  // and evidence(t) = roll(t) − stay(t) < 0 says "the columns moved by one contract".
  const rows = readVxHistory();
  const front = rows.map((r) => vxExpiriesAfter(r.date, 1)[0] as string);
  const spread = (vx: number[], n: number): number => (vx[n + 1] as number) - (vx[n] as number);
  const evidence = (t: number): number => {
    const a = (rows[t - 1] as { vx: number[] }).vx;
    const b = (rows[t] as { vx: number[] }).vx;
    let stay = 0;
    let roll = 0;
    for (let n = 0; n < 6; n++) {
      stay += Math.abs(spread(b, n) - spread(a, n));
      roll += Math.abs(spread(b, n) - spread(a, n + 1));
    }
    return roll - stay;
  };
  const rollRows: number[] = [];
  for (let t = 1; t < rows.length; t++) if (front[t] !== front[t - 1]) rollRows.push(t);

  it('assigns VX1..VX8 the next eight monthly expiries on every day', () => {
    expect(rows.length).toBe(3711);
    for (const r of rows) {
      const ex = vxExpiriesAfter(r.date, 8);
      const first = ex[0] as string;
      expect(first > r.date).toBe(true);
      // 1st..8th listed monthly contracts: eight consecutive contract months
      const m0 = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7));
      ex.forEach((e, n) => expect(Number(e.slice(0, 4)) * 12 + Number(e.slice(5, 7))).toBe(m0 + n));
    }
    // 2007-04-02 .. 2021-12-23 spans 177 monthly settlements (2007-04-18 .. 2021-12-22)
    expect(rollRows.length).toBe(177);
    expect(rows[rollRows[0] as number]?.date).toBe('2007-04-18');
    expect(rows[rollRows[rollRows.length - 1] as number]?.date).toBe('2021-12-22');
  });

  it('sees a one-contract jump in the data on every computed settlement day', () => {
    const missed = rollRows.filter((t) => evidence(t) >= 0).map((t) => rows[t]?.date);
    expect(missed).toEqual([]);
  });

  it('places each jump on the computed day, not the day before or after', () => {
    // On 174 of 177 settlements the computed row is the strict best of the three. On three the
    // shape cannot separate the settlement row from the row before (margin ≤ 0.25 point of
    // spreads summed over six): 2007-05-16 and 2014-03-18, gently sloped curves whose neighbouring
    // spreads (0.05-0.5 point) barely differ, and 2013-04-17, after VIX went 12.06 → 17.27 →
    // 13.96 → 16.51 in three days. The
    // list is pinned: a wrong calendar moves many jumps, not these three.
    const notBest: string[] = [];
    for (const t of rollRows) {
      const here = evidence(t);
      const before = evidence(t - 1);
      const after = t + 1 < rows.length ? evidence(t + 1) : Infinity;
      if (!(here < before && here < after)) {
        notBest.push(rows[t]?.date as string);
        expect(here - Math.min(before, after)).toBeLessThanOrEqual(0.25 + 1e-9);
      }
    }
    expect(notBest).toEqual(['2007-05-16', '2013-04-17', '2014-03-18']);
  });

  it('needs the holiday adjustment: the unadjusted Wednesdays show no jump', () => {
    // Good Friday on the third Friday moved these settlements from Wednesday to Tuesday.
    for (const [tuesday, wednesday] of [
      ['2008-02-19', '2008-02-20'],
      ['2014-03-18', '2014-03-19'],
      ['2019-03-19', '2019-03-20'],
    ] as const) {
      const t = rows.findIndex((r) => r.date === tuesday);
      expect(rows[t + 1]?.date).toBe(wednesday);
      expect(evidence(t), tuesday).toBeLessThan(0);
      expect(evidence(t + 1), wednesday).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(['2008-10-22', '2015-08-19', '2018-02-14', '2020-03-18'])('rolls on %s', (d) => {
    const t = rows.findIndex((r) => r.date === d);
    expect(t).toBeGreaterThan(0);
    expect(front[t - 1]).toBe(d); // the day before, VX1 is the contract settling on d
    expect(front[t]).toBe(vxExpiriesAfter(d, 1)[0]); // on d, VX1 is already next month's
    expect(evidence(t)).toBeLessThan(0);
    expect(evidence(t)).toBeLessThan(evidence(t - 1));
    expect(evidence(t)).toBeLessThan(evidence(t + 1));
  });

  it('sees the expiring contract converge to VIX on its last day', () => {
    // On the last row before a settlement VX1 has 1-6 calendar days left and trades near VIX; on
    // the settlement row it is a month-long contract again. Medians over the 177 settlements.
    const gap = (t: number): number => Math.abs((rows[t]?.vx[0] as number) - (rows[t]?.vix as number));
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const lastDay = median(rollRows.map((t) => gap(t - 1)));
    const firstDay = median(rollRows.map((t) => gap(t)));
    expect(lastDay).toBeLessThan(0.5);
    expect(firstDay).toBeGreaterThan(2 * lastDay);
  });
});

describe('the VX settlement of a week, to the calendar’s end', () => {
  it('names the week’s settlement on a day none settles, through 2040 while the rule’s Friday is in the calendar', () => {
    expect(notVxSettlement('2022-01-21')).toBe('2022-01-19');
    expect(notVxSettlement('2022-01-19')).toBeUndefined(); // a settlement day itself
    expect(notVxSettlement('2039-12-29')).toBe('2039-12-28');
    // 2040 was left out whole: its rule needs 2041's holidays only from the week of 2040-12-05
    expect(notVxSettlement('2040-03-16')).toBe('2040-03-14');
    expect(notVxSettlement('2040-11-30')).toBe('2040-11-28');
    expect(notVxSettlement('2040-12-03')).toBeUndefined();
  });

  it('gives the next settlement after a day while the calendar places it', () => {
    expect(vxSettlementAfter('2024-05-16')).toBe('2024-05-22');
    expect(vxSettlementAfter('2039-12-28')).toBe('2040-01-04');
    expect(vxSettlementAfter('2040-11-23')).toBe('2040-11-28');
    expect(vxSettlementAfter('2040-11-28')).toBeUndefined(); // 2040-12-05 needs 2041's holidays
  });
});
