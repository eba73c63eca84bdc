import { describe, expect, it } from 'vitest';
import {
  condorExpiry,
  dayFromYmd,
  isBusinessDay,
  replay,
  standardCondor,
  summarizePeriod,
  toIsoDate,
  weekdayOf,
} from '@alvh/shared';
import type { MarketRow, ReplayLedgerRow } from '@alvh/shared';
import { errorOf } from '../../helpers/errors';

/** Market days (weekdays, not exchange holidays) from `from` for `n` days with a fixed SPX, VIX and contango VX curve. */
function flatRows(from: [number, number, number], n: number, spx = 4000, vix = 15): MarketRow[] {
  const rows: MarketRow[] = [];
  for (let d = dayFromYmd(...from); rows.length < n; d++) {
    if (!isBusinessDay(toIsoDate(d))) continue;
    rows.push({ date: toIsoDate(d), spx, vix, vvix: 90, vx: [16, 17, 17.8, 18.4, 18.9, 19.3, 19.6, 19.8] });
  }
  return rows;
}

describe('standardCondor', () => {
  it('takes the SPX monthly expiry nearest the target DTE', () => {
    expect(condorExpiry('2020-02-03', 45)).toBe('2020-03-20');
    expect(condorExpiry('2020-03-09', 45)).toBe('2020-04-17');
  });

  it('skips a monthly expiry less than 7 days away, however near the target', () => {
    // 2020-03-16: the March monthly 2020-03-20 is 4 days away (1 from a target of 3), April's
    // 2020-04-17 is 32 days away
    expect(condorExpiry('2020-03-16', 3)).toBe('2020-04-17');
  });

  it('takes the earlier of two monthly expiries equally near the target', () => {
    // 2020-02-03: 2020-02-21 is 18 days away, 2020-03-20 46 (29 days in February 2020); a target of
    // 32 is 14 days from each
    expect(condorExpiry('2020-02-03', 32)).toBe('2020-02-21');
  });

  it('places the short strikes at the SD distance, rounded away from spot, wings on the grid', () => {
    // S = 4000, σ = 0.15, 46 days: σ√T = 0.05325; 1.5 SD = 0.07988 → 3692.9 and 4332.7
    const c = standardCondor('2021-02-03', 4000, 0.15, {
      condorDte: 45,
      shortStrikeSd: 1.5,
      wingWidthPct: 0.02,
      spxStrikeStep: 5,
      condorQuantity: 2,
    });
    expect(c.expiry).toBe('2021-03-19');
    expect(c.days).toBe(44);
    const sd = 0.15 * Math.sqrt(44 / 365) * 1.5;
    expect(c.strikes[1]).toBe(Math.floor((4000 * Math.exp(-sd)) / 5) * 5);
    expect(c.strikes[2]).toBe(Math.ceil((4000 * Math.exp(sd)) / 5) * 5);
    expect(c.strikes[1] - c.strikes[0]).toBe(80);
    expect(c.strikes[3] - c.strikes[2]).toBe(80);
    expect(c.legs.map((l) => l.quantity)).toEqual([2, -2, -2, 2]);
  });
});

describe('replay on a market that does not move', () => {
  const rows = flatRows([2021, 1, 4], 130);
  const r = replay({ rows, policy: { transactionCostPerContract: 0 } });
  const last = r.ledger[r.ledger.length - 1] as ReplayLedgerRow;

  it('sees contango every day and never a curve-shift trigger', () => {
    expect(r.total.regimeShare.contango).toBe(1);
    expect(r.total.triggers['curve-shift']).toBe(0);
    expect(r.ledger.every((x) => x.curveShift === null || x.curveShift < 0.15)).toBe(true);
  });

  it('re-sizes each open condor every 7 calendar days (the days trigger)', () => {
    const dates = r.ledger
      .filter((x) => x.sizings.some((z) => z.triggers.includes('days')))
      .map((x) => dayFromYmd(...(x.date.split('-').map(Number) as [number, number, number])));
    for (let k = 1; k < dates.length; k++)
      expect((dates[k] as number) - (dates[k - 1] as number)).toBeGreaterThanOrEqual(7);
    expect(r.total.triggers.days).toBeGreaterThan(10);
  });

  it('keeps the full credit of every condor that expires with SPX between the short strikes', () => {
    const settled = r.campaigns.filter((c) => c.settled);
    expect(settled.length).toBeGreaterThanOrEqual(2);
    for (const c of settled) {
      expect(c.strikes[1]).toBeLessThan(4000);
      expect(c.strikes[2]).toBeGreaterThan(4000);
      expect(c.condorPnl).toBeCloseTo(c.credit, 8);
      expect(c.credit).toBeGreaterThan(0);
    }
  });

  it('the hedges cost money when nothing happens, and within the budget of each condor', () => {
    expect(last.tailPnl + last.overlayPnl).toBeLessThan(0);
    for (const c of r.campaigns.filter((x) => x.settled)) {
      // net premium lost by the hedges is at most the life-of-condor budget (fills at mid, no costs)
      expect(-(c.overlayPnl + c.tailPnl)).toBeLessThanOrEqual(c.budget + 1e-6);
    }
  });

  it('summaries add up: a window split in two gives the whole', () => {
    const mid = r.ledger[60]!.date;
    const next = r.ledger[61]!.date;
    const a = summarizePeriod(r.ledger, 'a', r.from, mid)!;
    const b = summarizePeriod(r.ledger, 'b', next, r.to)!;
    expect(a.alvhPnl + b.alvhPnl).toBeCloseTo(r.total.alvhPnl, 6);
    expect(a.days + b.days).toBe(r.days);
    expect(summarizePeriod(r.ledger, 'none', '1999-01-01', '1999-12-31')).toBeNull();
  });
});

describe('summarizePeriod on a hand-made ledger', () => {
  /** A ledger row of a day with the cumulative condor and ALVH P&L given, nothing else happening. */
  const row = (date: string, condorPnl: number, alvhPnl: number): ReplayLedgerRow =>
    ({
      date,
      condorPnl,
      overlayPnl: 0,
      tailPnl: alvhPnl - condorPnl,
      alvhPnl,
      regime: 'contango',
      hedgeCost: 0,
      costs: 0,
      sizings: [],
    }) as unknown as ReplayLedgerRow;
  const ledger = [
    row('2021-01-04', 0, 200),
    row('2021-01-05', 100, 150),
    row('2021-01-06', 300, 180),
    row('2021-01-07', 50, 190),
    row('2021-01-08', 200, 170),
    row('2021-01-11', -100, 260),
  ];

  it('measures P&L and max drawdown from the level before the window', () => {
    const s = summarizePeriod(ledger, 'w', '2021-01-05', '2021-01-11')!;
    expect(s.days).toBe(5);
    // condor: −100 − 0; its peak 300 (01-06) to the trough −100 (01-11) is the drawdown, 400
    expect(s.condorPnl).toBe(-100);
    expect(s.condorMaxDrawdown).toBe(400);
    // ALVH: 260 − 200; from 200 the day before the window to 150 on its first day is the drawdown, 50
    // (within the window alone the worst fall is 190 to 170, 20)
    expect(s.alvhPnl).toBe(60);
    expect(s.alvhMaxDrawdown).toBe(50);
  });
});

describe('replay schedule and caps', () => {
  const rows = flatRows([2021, 1, 4], 90);

  it('opens a condor every N days up to maxOpenCondors', () => {
    const r = replay({ rows, assumptions: { entryEveryDays: 14, maxOpenCondors: 2 } });
    expect(Math.max(...r.ledger.map((x) => x.openCondors))).toBe(2);
    const opened = r.campaigns.map((c) => c.opened);
    for (let k = 1; k < opened.length; k++) {
      const gap =
        dayFromYmd(...(opened[k]!.split('-').map(Number) as [number, number, number])) -
        dayFromYmd(...(opened[k - 1]!.split('-').map(Number) as [number, number, number]));
      expect(gap).toBeGreaterThanOrEqual(14);
    }
  });

  it('opens the next condor on the day entryEveryDays calendar days after the last, not a day later', () => {
    // 28 days from Monday 2021-01-04 is Monday 2021-02-01, and 28 more Monday 2021-03-01, all
    // trading days; each takes a later monthly (2021-02-19, 2021-03-19, 2021-04-16: 46 days each)
    const r = replay({ rows, assumptions: { entryEveryDays: 28, maxOpenCondors: 3 } });
    expect(r.campaigns.slice(0, 3).map((c) => [c.opened, c.expiry])).toEqual([
      ['2021-01-04', '2021-02-19'],
      ['2021-02-01', '2021-03-19'],
      ['2021-03-01', '2021-04-16'],
    ]);
  });

  it('cuts the quantity to the capital cap and says so', () => {
    const r2 = replay({ rows, assumptions: { capital: 1_000_000, condorQuantity: 10 } });
    const c = r2.campaigns[0]!;
    // the campaign's credit is its fill (costs in), the cap's the day's marks: a few dollars apart
    const maxLossPerCondor = 8_000 - c.credit / c.quantity;
    expect(Math.abs(maxLossPerCondor - 7_298.8)).toBeLessThan(5);
    // 25,000 / 7,298.8 = 3.4: three condors, where the width alone (8,000) also gave 3; at 2.2M the
    // limit 55,000 fits 7 by max loss (55,000 / 7,298.8 = 7.5) and 6 by the width (6.9)
    expect(c.quantity).toBe(3);
    const r3 = replay({ rows, assumptions: { capital: 2_200_000, condorQuantity: 10 } });
    expect(r3.campaigns[0]?.quantity).toBe(7);
  });

  it('refuses a capital that fits no condor, naming it and the least that fits one (422)', () => {
    // 2.5% of 100k = 2,500 USD of risk; one condor with 80-point wings risks 8,000 less its credit
    // (section 7's max loss, not the width): none fits, on any day; before, an all-zero replay
    const e = errorOf(() => replay({ rows, assumptions: { capital: 100_000, condorQuantity: 10 } }));
    expect(e.code).toBe('no_solution');
    expect(e.field).toBe('assumptions.capital');
    expect(e.message).toMatch(
      /is \$100,000: its capital cap \(policy\.maxRiskPct 0\.025 of it, \$2,500\) fits no condor on any entry day from 2021-01-04 to .*one condor risks at least \$7,\d{3} \(on 2021-\d\d-\d\d\); pass assumptions\.capital of at least \$29\d,\d{3}/,
    );
    // the least named fits one condor (on its cheapest day), and $40 less (a dollar of risk) does not
    const least = Number(/capital of at least \$([\d,]+)/.exec(e.message)![1]!.replaceAll(',', ''));
    expect(replay({ rows, assumptions: { capital: least } }).campaigns[0]?.quantity).toBe(1);
    expect(errorOf(() => replay({ rows, assumptions: { capital: least - 40 } })).field).toBe('assumptions.capital');
    // raising the cap is offered up to its bound, not past it
    expect(e.message).toContain(', or raise policy.maxRiskPct (at most 0.5), or narrow the wings');
    const atCap = errorOf(() => replay({ rows, assumptions: { capital: 10_000 }, policy: { maxRiskPct: 0.5 } }));
    expect(atCap.field).toBe('assumptions.capital');
    expect(atCap.message).not.toContain('raise policy.maxRiskPct');
  });

  it('counts the open condors against the capital cap, not the new entry alone (method section 7)', () => {
    const r = replay({ rows, assumptions: { capital: 1_000_000, entryEveryDays: 14, maxOpenCondors: 3 } });
    const maxLoss = (c: (typeof r.campaigns)[number]) =>
      Math.max(c.strikes[1] - c.strikes[0], c.strikes[3] - c.strikes[2]) * 100 * c.quantity - c.credit;
    for (const row of r.ledger) {
      const open = r.campaigns.filter((c) => c.opened <= row.date && c.expiry > row.date);
      // the limit is 2.5% of 1M; the campaigns' credit is net of costs, the cap's at the day's
      // marks: within $100 of the limit
      expect(open.reduce((sum, c) => sum + maxLoss(c), 0)).toBeLessThanOrEqual(25_000 + 100);
    }
    // 3 condors (21,896) fill it: the next entry is refused while they are open, and says why
    expect(r.campaigns[0]!.quantity).toBe(3);
    expect(r.campaigns[1]!.opened >= r.campaigns[0]!.expiry).toBe(true);
    expect(r.ledger.flatMap((x) => x.events).join(' ')).toMatch(
      /capital cap: 10 condors risk \$72,\d{3} with \$21,\d{3} at risk in 1 open condor, over \$25,000; opening 0/,
    );
  });

  it("keeps the short strikes outside policy.minShortStrikeSd, as the plan's passing strikes, and says so", () => {
    const plain = replay({ rows, assumptions: { includeLedger: false } });
    const near = replay({ rows, assumptions: { shortStrikeSd: 0.5, includeLedger: false } });
    // 0.5 SD is inside the default 1.5: the condors open at 1.5 SD, the same as the default's
    expect(near.campaigns.map((c) => c.strikes)).toEqual(plain.campaigns.map((c) => c.strikes));
    expect(near.notes.join(' ')).toMatch(
      /assumptions\.shortStrikeSd 0\.5 is inside policy\.minShortStrikeSd 1\.5 .*short strikes are at 1\.5 SD/,
    );
    expect(plain.notes.join(' ')).not.toMatch(/minShortStrikeSd/);
    // a lower minimum lets them in: nearer strikes, no note
    const allowed = replay({
      rows,
      policy: { minShortStrikeSd: 0.5 },
      assumptions: { shortStrikeSd: 0.5, includeLedger: false },
    });
    const [a, b] = [plain.campaigns[0]!, allowed.campaigns[0]!];
    expect(b.strikes[1]).toBeGreaterThan(a.strikes[1]);
    expect(b.strikes[2]).toBeLessThan(a.strikes[2]);
    expect(allowed.notes.join(' ')).not.toMatch(/minShortStrikeSd/);
  });

  it("marks each day on the SPX surface of its indices: the condor's strikes and credit follow them", () => {
    const plain = replay({ rows });
    // VIX9D and VIX3M of a steep contango, and a high SKEW: another ATM vol at 45 days, another condor
    const withIndices = replay({ rows: rows.map((x) => ({ ...x, vix9d: 12, vix3m: 19, vix6m: 21, skew: 150 })) });
    const a = plain.campaigns[0]!;
    const b = withIndices.campaigns[0]!;
    expect(b.expiry).toBe(a.expiry);
    expect(b.strikes).not.toEqual(a.strikes);
    expect(b.credit).not.toBeCloseTo(a.credit, 0);
    // an index out of the surface module's range is left out, not guessed: VIX alone again
    const bad = replay({ rows: rows.map((x) => ({ ...x, skew: 99 })) });
    expect(bad.campaigns[0]?.strikes).toEqual(a.strikes);
    expect(bad.campaigns[0]?.credit).toBe(a.credit);
  });

  it('uses the default vol of vol when VVIX is missing, and still replays', () => {
    const r = replay({ rows: rows.map(({ vvix: _v, ...rest }) => rest) });
    expect(r.days).toBe(90);
    expect(r.ledger.every((x) => x.vvix === null && x.volOfVolExpanding === null)).toBe(true);
  });

  it('refuses a row dated on a weekend, naming it (a replay would open a condor there)', () => {
    const weekdays = flatRows([2021, 1, 4], 30);
    const saturday = { ...weekdays[4]!, date: '2021-01-09' }; // between Friday 01-08 and Monday 01-11
    const bad = [...weekdays.slice(0, 5), saturday, ...weekdays.slice(5)];
    const e = errorOf(() => replay({ rows: bad }));
    expect(e.field).toBe('rows[5].date');
    expect(e.message).toMatch(/2021-01-09 is a Saturday: pass market days only/);
    expect(() => replay({ rows: weekdays })).not.toThrow();
  });

  it('refuses a row with an SPX print on an exchange holiday, as on a weekend; a VIX-only one is dropped, not skipped', () => {
    // weekdays from 2024-06-03: Juneteenth (2024-06-19) is the 13th, Independence Day left out
    const june = flatRows([2024, 6, 3], 29);
    const juneteenth = { ...june[0]!, date: '2024-06-19' };
    const noJuly4 = [
      ...june.filter((x) => x.date < '2024-06-19'),
      juneteenth,
      ...june.filter((x) => x.date > '2024-06-19'),
    ];
    expect(noJuly4[12]!.date).toBe('2024-06-19');
    const e = errorOf(() => replay({ rows: noJuly4 }));
    expect(e.field).toBe('rows[12].date');
    expect(e.message).toMatch(
      /2024-06-19 is an exchange holiday \(Juneteenth\) with an SPX print: pass market days only/,
    );
    const vixOnly = noJuly4.map((x) => (x.date === '2024-06-19' ? { date: x.date, vix: 15, vx: [] } : x));
    const r = replay({ rows: vixOnly, assumptions: { includeLedger: true } });
    // no market day, so no gap in the data: neither replayed nor counted as skipped
    expect(r.skipped).toEqual({ count: 0, first: [] });
    expect(r.ledger.map((x) => x.date)).not.toContain('2024-06-19');
    expect(r.notes.some((n) => n.includes('skipped'))).toBe(false);
    // a VIX-only row on a market day is still a gap
    const gap = vixOnly.map((x) => (x.date === '2024-06-20' ? { date: x.date, vix: 15, vx: [] } : x));
    expect(replay({ rows: gap, assumptions: { includeLedger: false } }).skipped.count).toBe(1);
  });

  it('skips rows before the exchange calendar (2000) as gaps, not as the calendar running out', () => {
    const dec1999: MarketRow[] = [];
    for (let d = dayFromYmd(1999, 12, 1); toIsoDate(d) < '1999-12-24'; d++)
      if (weekdayOf(d) >= 1 && weekdayOf(d) <= 5)
        dec1999.push({ ...flatRows([2000, 1, 3], 1)[0]!, date: toIsoDate(d) });
    const rows = [...dec1999, ...flatRows([2000, 1, 3], 60)];
    const r = replay({ rows, assumptions: { includeLedger: false } });
    expect(r.from).toBe('2000-01-03');
    expect(r.skipped.count).toBe(0);
    // `from` on the first row: the rows before the first replayable one are warm-up, not skipped
    expect(replay({ rows, from: '1999-12-01', assumptions: { includeLedger: false } })).toEqual(r);
    // with no row to replay, the first skipped one is named with its calendar gap
    const e = errorOf(() => replay({ rows: dec1999 }));
    expect(e.code).toBe('insufficient_data');
    expect(e.message).toContain("(first skipped row 1999-12-01: date: is 1999-12-01, outside the exchange calendar's");
  });

  it('names the row whose expiries run past the exchange calendar (2040), not an inner count', () => {
    // two VX prices a day: the curve is dated, the condor and the tail's expiries then run out
    const late = flatRows([2040, 5, 1], 60).map((x) => ({ ...x, vx: [16, 17] }));
    const e = errorOf(() => replay({ rows: late, assumptions: { includeLedger: false } }));
    expect(e.field).toMatch(/^rows\[\d+\]\.date$/);
    const i = Number(/\d+/.exec(e.field)![0]);
    expect(e.message).toContain(
      `is ${late[i]!.date}: replaying it needs expiries past the end of the exchange calendar`,
    );
    expect(e.message).toContain('through 2040-12-31');
    // eight VX prices cannot be dated at all there: the first row is named, not skipped as a gap
    expect(errorOf(() => replay({ rows: flatRows([2040, 5, 1], 60) })).field).toBe('rows[0].date');
    // the window ending the day before replays
    expect(replay({ rows: late, to: late[i - 1]!.date, assumptions: { includeLedger: false } }).to).toBe(
      late[i - 1]!.date,
    );
  });

  it('says an episode name is too long, not that it is missing', () => {
    const e = errorOf(() =>
      replay({ rows, episodes: [{ name: 'x'.repeat(61), from: rows[0]!.date, to: rows[9]!.date }] }),
    );
    expect(e.field).toBe('episodes[0].name');
    expect(e.message).toMatch(/^episodes\[0\]\.name: has 61 characters; pass a name of at most 60 characters/);
    expect(
      errorOf(() => replay({ rows, episodes: [{ name: '', from: rows[0]!.date, to: rows[9]!.date }] })).message,
    ).toMatch(/is empty; pass a name of 1 to 60 characters/);
  });

  it('refuses an open far from its close, naming it (a slipped decimal would settle the condor)', () => {
    const withOpen = (k: number, open: { spxOpen?: number; vixOpen?: number }) =>
      rows.map((x, i) => (i === k ? { ...x, ...open } : x));
    // SPX 4000: an open of 400 is a tenth of the close
    const e = errorOf(() => replay({ rows: withOpen(13, { spxOpen: 400 }) }));
    expect(e.field).toBe('rows[13].spxOpen');
    expect(e.message).toMatch(
      /is 400, 0\.1 times the day's SPX close 4000: an SPX open is within a factor 2 of its close on any real day; pass the day's opening print/,
    );
    // the bounds themselves pass (2 for SPX, 6 for VIX), just past them does not
    expect(() => replay({ rows: withOpen(13, { spxOpen: 2000, vixOpen: 90 }) })).not.toThrow();
    expect(() => replay({ rows: withOpen(13, { spxOpen: 8000, vixOpen: 2.5 }) })).not.toThrow();
    expect(errorOf(() => replay({ rows: withOpen(13, { spxOpen: 8001 }) })).field).toBe('rows[13].spxOpen');
    const v = errorOf(() => replay({ rows: withOpen(20, { vixOpen: 1.5 }) }));
    expect(v.field).toBe('rows[20].vixOpen');
    expect(v.message).toMatch(/is 1\.5, 0\.1 times the day's VIX close 15: a VIX open is within a factor 6/);
  });

  it('starts by default on the first usable row: warm-up rows are not counted as skipped, a real gap is', () => {
    // 30 rows of SPX and VIX without VX (signals only), then 60 full rows with one lacking its SPX
    const warm = rows.map((x, k): MarketRow =>
      k < 30 ? { date: x.date, spx: x.spx as number, vix: x.vix as number, vx: [] } : x,
    );
    const gappy = warm.map((x, k) => (k === 50 ? { date: x.date, vix: x.vix as number, vx: x.vx } : x));
    const r = replay({ rows: gappy, assumptions: { includeLedger: false } });
    expect(r.from).toBe(rows[30]!.date);
    expect(r.days).toBe(59);
    expect(r.skipped).toEqual({ count: 1, first: [{ date: rows[50]!.date, reason: 'no SPX close' }] });
    // the same as from given explicitly
    const explicit = replay({ rows: gappy, from: rows[30]!.date, assumptions: { includeLedger: false } });
    expect(r.total).toEqual(explicit.total);
    // but for the note of the rows that fed the signals only, which a from the replay starts on asked for
    expect(r.notes).toEqual([
      `the replay starts on ${rows[30]!.date}, the first row it can replay (SPX and VIX closes, VX1 and VX2 prices): the 30 rows before it (${rows[0]!.date}..${rows[29]!.date}) fed the signals only, neither replayed nor counted as skipped`,
      ...explicit.notes,
    ]);
  });

  it('skips rows without an SPX close and carries positions over them', () => {
    const gappy = rows.map((x, k) => (k === 10 ? { date: x.date, vix: x.vix as number, vx: x.vx } : x));
    const r = replay({ rows: gappy });
    expect(r.days).toBe(89);
    expect(r.skipped).toEqual({ count: 1, first: [{ date: rows[10]!.date, reason: 'no SPX close' }] });
  });
});

describe('a condor whose expiry day the replay skips for its VX curve', () => {
  // The first condor (opened 2021-01-04) expires on 2021-02-19: SPX opens and closes at 3000 that
  // day, far below its short put; the next day is back at 4000.
  const base = flatRows([2021, 1, 4], 60);
  const crash = (row: MarketRow): MarketRow => (row.date === '2021-02-19' ? { ...row, spx: 3000, spxOpen: 3000 } : row);
  const full = replay({ rows: base.map(crash), policy: { transactionCostPerContract: 0 } });
  const skipped = replay({
    rows: base.map(crash).map((row) => (row.date === '2021-02-19' ? { ...row, vx: [16] } : row)),
    policy: { transactionCostPerContract: 0 },
  });

  it('settles on that day’s prints, as when the day is replayed, not on the next day’s close', () => {
    expect(skipped.skipped.count).toBe(1);
    const first = (r: typeof full) => r.campaigns.find((c) => c.expiry === '2021-02-19')!;
    expect(first(full).condorPnl).toBeLessThan(-10_000); // settled at 3000, through both put strikes
    expect(first(skipped).condorPnl).toBeCloseTo(first(full).condorPnl, 6);
  });
});

describe('a condor whose expiry day, the last row of the window, the replay skips for its VX curve', () => {
  // The same crash on 2021-02-19, now the last row: no replayed day follows the settlement.
  const base = flatRows([2021, 1, 4], 60).filter((row) => row.date <= '2021-02-19');
  const crash = (row: MarketRow): MarketRow => (row.date === '2021-02-19' ? { ...row, spx: 3000, spxOpen: 3000 } : row);
  const policy = { transactionCostPerContract: 0 };
  const full = replay({ rows: base.map(crash), policy });
  const skipped = replay({
    rows: base.map(crash).map((row) => (row.date === '2021-02-19' ? { ...row, vx: [16] } : row)),
    policy,
  });
  const first = (r: typeof full) => r.campaigns.find((c) => c.expiry === '2021-02-19')!;
  const sum = (r: typeof full, f: (c: (typeof full.campaigns)[number]) => number) =>
    r.campaigns.reduce((acc, c) => acc + f(c), 0);

  it('books the settlement with no mark of the settled legs, as when the day is replayed', () => {
    expect(skipped.to).toBe('2021-02-18');
    expect(full.to).toBe('2021-02-19');
    expect(first(full).condorPnl).toBeLessThan(-10_000);
    // USD, to 1e-6: the same payoff, no stale mark added on top
    expect(Math.abs(first(skipped).condorPnl - first(full).condorPnl)).toBeLessThan(1e-6);
  });

  it('closes the total and its year on the campaigns, and says so', () => {
    for (const r of [full, skipped]) {
      expect(Math.abs(r.total.condorPnl - sum(r, (c) => c.condorPnl))).toBeLessThan(1e-6);
      expect(Math.abs(r.total.alvhPnl - sum(r, (c) => c.alvhPnl))).toBeLessThan(1e-6);
      expect(Math.abs(r.years[0]!.condorPnl - r.total.condorPnl)).toBeLessThan(1e-6);
    }
    // no costs and fills at mid: the condor opened on 02-19 in the full run adds nothing to it
    expect(Math.abs(skipped.total.condorPnl - full.total.condorPnl)).toBeLessThan(1e-6);
    expect(skipped.total.condorMaxDrawdown).toBeGreaterThan(10_000);
    expect(skipped.notes.join(' ')).toMatch(
      /legs settled after the last replayed day \(2021-02-18\), on skipped rows up to 2021-02-19.*condor 2021-02-19 expired there/,
    );
  });
});

describe('a history row listing fewer contracts than the tail needs', () => {
  // Rows with VX1 and VX2 only: on 2021-01-11 the tail expiry nearest 52 days is 2021-03-17, past
  // the row's last future (2021-02-17). The replay prices it from the day's fitted curve on purpose
  // (a source's gaps are no reason to drop the day), where a plan refuses to extrapolate.
  const rows = flatRows([2021, 1, 4], 30).map((r) => ({ ...r, vx: [16, 17] }));
  const r = replay({ rows, policy: { transactionCostPerContract: 0 } });

  it('still sizes and holds a tail past the last listed future', () => {
    const day = r.ledger.find((x) => x.date === '2021-01-11')!;
    expect(day.events.some((e) => /tail \d+ VIX C[\d.]+ 2021-03-17/.test(e))).toBe(true);
    expect(r.skipped.count).toBe(0);
    expect(r.ledger.every((x) => Number.isFinite(x.tailValue) && Number.isFinite(x.alvhPnl))).toBe(true);
  });
});
