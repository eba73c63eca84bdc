import { beforeAll, describe, expect, it } from 'vitest';
import {
  AlvhError,
  InputValidationError,
  MAX_REPLAY_ROWS,
  MarketRowSchema,
  mergeMarketHistory,
  parseMarketHistory,
  replay,
  checkReplayWork,
  parseReplayInput,
  replayLegCount,
  replayedRowCount,
} from '@alvh/shared';
import type { MarketHistoryFormat, MarketRow, ReplayLedgerRow, ReplayResult } from '@alvh/shared';
import { aug2024Rows, describeWithData, readDataFile } from '../../helpers/marketData';

function loadRows(from: string, to: string): MarketRow[] {
  return mergeMarketHistory(
    parseMarketHistory(readDataFile('quantintell_vix_futures_VX1-VX8_2007-2021.csv')),
    parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix'),
    parseMarketHistory(readDataFile('cboe_VVIX_History__ManULoreN14.csv')),
  ).filter((r) => r.date >= from && r.date <= to);
}

describeWithData('replay of Feb-Mar 2020 from the real data', () => {
  let r: ReplayResult;
  const at = (d: string): ReplayLedgerRow => {
    const row = r.ledger.find((x) => x.date === d);
    if (!row) throw new Error(`no ledger row on ${d}`);
    return row;
  };

  beforeAll(() => {
    // Rows from mid-2019 warm up RSI(14) and MACD(12, 26, 9); trading starts in January.
    r = replay({ rows: loadRows('2019-07-01', '2020-04-30'), from: '2020-01-02', to: '2020-04-30' });
  });

  it('replays every trading day of the window', () => {
    expect(r.from).toBe('2020-01-02');
    expect(r.to).toBe('2020-04-30');
    expect(r.days).toBe(83);
    expect(r.skipped.count).toBe(0);
  });

  it('turns to steep backwardation within days of 2020-02-24 and stays there through March', () => {
    expect(at('2020-02-21').regime).toBe('contango');
    const firstSteep = r.ledger.find((x) => x.date >= '2020-02-24' && x.regime === 'steep-backwardation');
    expect(firstSteep?.date).toBeDefined();
    expect(firstSteep!.date <= '2020-03-04').toBe(true); // within 7 trading days
    const march = r.ledger.filter((x) => x.date >= '2020-03-05' && x.date <= '2020-03-31');
    expect(march.every((x) => x.regime === 'steep-backwardation')).toBe(true);
    expect(at('2020-03-16').spread).toBeCloseTo(72.625 - 59.15, 9); // VX1 − VX2 of the data
  });

  it("the tail layer's VIX calls gain in value through 2020-03-16", () => {
    const path = ['2020-02-21', '2020-02-27', '2020-03-09', '2020-03-16'].map((d) => at(d).tailPnl);
    for (let k = 1; k < path.length; k++) expect(path[k]).toBeGreaterThan(path[k - 1] as number);
    // (on the VIX-option surface, whose vol falls with maturity and rises with the strike, about
    // $6.5k on the 10-lot; at one flat VVIX/100 it was above $10k)
    expect((path[3] as number) - (path[0] as number)).toBeGreaterThan(5_000);
    // ... and offset part of the condor's loss over the same days
    const condorLoss = at('2020-03-16').condorPnl - at('2020-02-21').condorPnl;
    expect(condorLoss).toBeLessThan(-30_000);
    expect(at('2020-03-16').alvhPnl - at('2020-02-21').alvhPnl).toBeGreaterThan(condorLoss);
  });

  it('the 15% curve-shift trigger fires between 2020-02-24 and 2020-03-16', () => {
    const fired = r.ledger.filter(
      (x) =>
        x.date >= '2020-02-24' && x.date <= '2020-03-16' && x.sizings.some((z) => z.triggers.includes('curve-shift')),
    );
    expect(fired.length).toBeGreaterThanOrEqual(3);
    for (const x of fired) expect(x.curveShift).toBeGreaterThanOrEqual(0.15);
    expect(fired[0]?.date).toBe('2020-02-24');
    const ep = r.episodes.find((e) => e.name === 'Mar 2020');
    expect(ep?.triggers['curve-shift']).toBeGreaterThanOrEqual(fired.length);
  });

  it('settles the April condor at its intrinsic value on the SPX close of 2020-04-17 (the rows have no SPX open)', () => {
    const c = r.campaigns.find((x) => x.expiry === '2020-04-17');
    expect(c?.settled).toBe(true);
    const [k1, k2] = c!.strikes;
    // SPX closed at 2874.56, below both put strikes: the put spread pays its full width.
    const put = Math.max(0, k2 - 2874.56) - Math.max(0, k1 - 2874.56);
    expect(put).toBe(k2 - k1);
    expect(c!.condorPnl).toBeCloseTo(c!.credit - put * 100 * c!.quantity, 6);
  });

  it('keeps the books consistent: ALVH = condor + overlay + tail, every number finite', () => {
    for (const x of r.ledger) {
      expect(x.alvhPnl).toBeCloseTo(x.condorPnl + x.overlayPnl + x.tailPnl, 6);
      for (const v of [
        x.condorPnl,
        x.overlayPnl,
        x.tailPnl,
        x.condorValue,
        x.overlayValue,
        x.tailValue,
        x.hedgeCost,
        x.costs,
      ]) {
        expect(Number.isFinite(v)).toBe(true);
      }
    }
    const total = r.total;
    expect(total.alvhPnl).toBeCloseTo(r.ledger[r.ledger.length - 1]!.alvhPnl, 6);
    expect(Object.values(total.regimeDays).reduce((a, b) => a + b, 0)).toBe(r.days);
    expect(r.series.date.length).toBe(r.days);
    expect(() => JSON.parse(JSON.stringify(r))).not.toThrow();
  });
});

describe('replay input checks', () => {
  const row = (date: string): MarketRow => ({ date, spx: 3000, vix: 20, vvix: 100, vx: [21, 22, 23] });

  it('rejects more rows than the limit with limit_exceeded', () => {
    const rows = Array.from({ length: MAX_REPLAY_ROWS + 1 }, () => row('2020-01-02'));
    try {
      replay({ rows });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AlvhError);
      expect((e as AlvhError).code).toBe('limit_exceeded');
      expect((e as AlvhError).field).toBe('rows');
    }
  });

  it.each([
    [{ rows: [row('2020-01-03'), row('2020-01-02')] }, 'rows[1].date', /before 2020-01-03/],
    [{ rows: [row('2020-01-02'), { ...row('2020-01-03'), vix: 0 }] }, 'rows[1].vix', /greater than 0/],
    [{ rows: [row('2020-01-02'), { ...row('2020-01-03'), spxOpen: 0 }] }, 'rows[1].spxOpen', /greater than 0/],
    [
      { rows: [row('2020-01-02'), { ...row('2020-01-03'), spxOpen: 2e6 }] },
      'rows[1].spxOpen',
      /pass a level from 100 to 1,000,000/,
    ],
    [{ rows: [row('2020-01-02'), row('2020-01-03')], policy: { tailCoverage: -1 } }, 'policy.tailCoverage', /between/],
    // refused up front, not by every row's curve (which skipped them all and ended in insufficient_data)
    [
      { rows: [row('2020-01-02'), row('2020-01-03')], policy: { flatBand: 4 } },
      'policy.flatBand',
      /^flatBand \(4\) is not below steepSpread \(3\.5, its default\)/,
    ],
    [
      { rows: [row('2020-01-02'), row('2020-01-03')], assumptions: { condorDte: 2 } },
      'assumptions.condorDte',
      /between 7 and 365/,
    ],
    [
      { rows: [row('2020-01-02'), row('2020-01-03')], assumptions: { condorDTE: 45 } },
      'assumptions',
      /unknown replay assumption "condorDTE"/,
    ],
  ])('rejects %j naming the field', (input, path, message) => {
    try {
      replay(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputValidationError);
      expect((e as InputValidationError).issues[0]?.path).toBe(path);
      expect((e as InputValidationError).issues[0]?.message).toMatch(message);
    }
  });

  it('says which data is missing when no row can be replayed', () => {
    try {
      replay({
        rows: [
          { date: '2020-01-02', vix: 20, vx: [] },
          { date: '2020-01-03', vix: 20, vx: [] },
        ],
      });
      expect.unreachable();
    } catch (e) {
      expect((e as AlvhError).code).toBe('insufficient_data');
      expect((e as AlvhError).message).toMatch(/^rows: no row between 2020-01-02 and 2020-01-03 has an SPX close/);
      // what a request sends, not the library functions that build rows from files
      expect((e as AlvhError).fix).toBe(
        'send rows with spx, vix and vx (the VX futures, VX1 and VX2 at least) on the market days of the window, oldest first',
      );
    }
  });
});

describeWithData('replay of the 2024 and 2025 episode files (manumartinb VX, eric-tao SPX, Cboe VIX and VVIX)', () => {
  const episode = (file: string): ReplayResult => {
    const vx = parseMarketHistory(readDataFile(file));
    const rows = mergeMarketHistory(
      vx,
      parseMarketHistory(readDataFile('spx_daily_2021-2026__eric-tao.csv'), 'spx-ohlcv'),
      parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix'),
      parseMarketHistory(readDataFile('cboe_VVIX_History__ManULoreN14.csv')),
    ).filter((r) => r.date >= '2024-01-01' && r.date <= vx[vx.length - 1]!.date);
    return replay({ rows, from: vx[0]!.date, assumptions: { includeLedger: true } });
  };

  it('April 2025: steep backwardation on 04-04, 04-07 and 04-08 and a curve-shift sizing that week', () => {
    const r = episode('manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv');
    expect(r.days).toBe(54);
    const at = (d: string) => r.ledger.find((x) => x.date === d)!;
    for (const d of ['2025-04-04', '2025-04-07', '2025-04-08']) expect(at(d).regime).toBe('steep-backwardation');
    expect(at('2025-04-08').spread).toBeCloseTo(39.1728 - 31.4333, 9);
    expect(at('2025-04-08').spx).toBe(4982.77);
    const week = r.ledger.filter((x) => x.date >= '2025-04-03' && x.date <= '2025-04-09');
    expect(week.some((x) => x.sizings.some((z) => z.triggers.includes('curve-shift')))).toBe(true);
    expect(r.episodes.map((e) => e.name)).toEqual(['Apr 2025']);
  });

  it('August 2024: flat on 08-02, backwardation on 08-05; Labor Day (VIX only) is dropped, not skipped', () => {
    const r = episode('manumartinb_vx_M1-M8_episode_2024-07_2024-09.csv');
    const at = (d: string) => r.ledger.find((x) => x.date === d)!;
    expect(at('2024-08-02').regime).toBe('flat');
    expect(at('2024-08-05').regime).toBe('backwardation');
    expect(r.skipped).toEqual({ count: 0, first: [] });
    expect(r.ledger.map((x) => x.date)).not.toContain('2024-09-02');
    expect(r.days).toBe(44);
  });
});

describeWithData('AM settlement of the April and May 2025 condors (the rows of npm run replay)', () => {
  // The 2025 run of scripts/replayData.ts: manumartinb VX, eric-tao SPX (open and close), Cboe
  // VIX, VVIX, VIX9D, VIX3M and SKEW, signals warmed up from 2023-06-01.
  const vx = parseMarketHistory(readDataFile('manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv'));
  const rows = mergeMarketHistory(
    vx,
    parseMarketHistory(readDataFile('spx_daily_2021-2026__eric-tao.csv'), 'spx-ohlcv'),
    parseMarketHistory(readDataFile('cboe_VIX_History__ManULoreN14.csv'), 'cboe-vix'),
    parseMarketHistory(readDataFile('cboe_VVIX_History__ManULoreN14.csv')),
    parseMarketHistory(readDataFile('cboe_VIX9D_History__ManULoreN14.csv'), 'cboe-vix9d'),
    parseMarketHistory(readDataFile('cboe_VIX3M_History__ManULoreN14.csv'), 'cboe-vix3m'),
    parseMarketHistory(readDataFile('cboe_SKEW_History__ManULoreN14.csv')),
  ).filter((r) => r.date >= '2023-06-01' && r.date <= vx[vx.length - 1]!.date);
  const window = { from: vx[0]!.date, to: vx[vx.length - 1]!.date };
  let atOpen: ReplayResult;
  let atClose: ReplayResult;
  beforeAll(() => {
    atOpen = replay({ rows, ...window });
    // the same rows without the SPX opens: every SPX leg settles at the close
    atClose = replay({ rows: rows.map(({ spxOpen: _open, ...r }) => r), ...window });
  });
  const campaign = (r: ReplayResult, expiry: string) => r.campaigns.find((c) => c.expiry === expiry)!;

  it('settles the April condor (expiry Thu 2025-04-17, Good Friday after) at the open 5305.45, not the close 5282.70', () => {
    const c = campaign(atOpen, '2025-04-17');
    expect(c.settled).toBe(true);
    expect(c.strikes).toEqual([5230, 5350, 6395, 6515]);
    expect(c.quantity).toBe(10);
    // the put spread pays 5350 − 5305.45 = 44.55 points, $44,550 on the 10-lot
    expect(c.condorPnl).toBeCloseTo(c.credit - (5350 - 5305.45) * 100 * 10, 6);
    expect(campaign(atClose, '2025-04-17').condorPnl).toBeCloseTo(c.credit - (5350 - 5282.7) * 100 * 10, 6);
  });

  it('settles the May condor (expiry 2025-05-16) at the open 5929.09, not the close 5958.38', () => {
    const c = campaign(atOpen, '2025-05-16');
    expect(c.settled).toBe(true);
    expect(c.strikes).toEqual([4650, 4760, 5865, 5975]);
    // the call spread pays 5929.09 − 5865 = 64.09 points, $64,090 on the 10-lot
    expect(c.condorPnl).toBeCloseTo(c.credit - (5929.09 - 5865) * 100 * 10, 6);
    expect(campaign(atClose, '2025-05-16').condorPnl).toBeCloseTo(c.credit - (5958.38 - 5865) * 100 * 10, 6);
  });

  it('moves the Apr 2025 episode from −$139,769 to −$87,729 (condors alone), the hedges unchanged', () => {
    const open = atOpen.episodes.find((e) => e.name === 'Apr 2025')!;
    const close = atClose.episodes.find((e) => e.name === 'Apr 2025')!;
    expect(open.condorPnl).toBeCloseTo(-87_729, -1);
    expect(close.condorPnl).toBeCloseTo(-139_769, -1);
    // (5305.45 − 5282.70 + 5958.38 − 5929.09) points × 100 × 10 = $52,040
    expect(open.condorPnl - close.condorPnl).toBeCloseTo(52_040, 6);
    expect(open.tailPnl).toBeCloseTo(close.tailPnl, 9);
    expect(open.overlayPnl).toBeCloseTo(close.overlayPnl, 9);
  });
});

describeWithData('the open-close bound against the real history files', () => {
  it('passes every SPX and VIX open of the data folder, bad prints of the Cboe file included', () => {
    const files: [string, MarketHistoryFormat][] = [
      ['cboe_VIX_History__ManULoreN14.csv', 'cboe-vix'],
      ['spx_daily_2021-2026__eric-tao.csv', 'spx-ohlcv'],
      ['vix_daily_2021-2026__eric-tao.csv', 'vix-ohlcv'],
    ];
    let opens = 0;
    for (const [file, format] of files) {
      for (const row of parseMarketHistory(readDataFile(file), format)) {
        if (row.spxOpen === undefined && row.vixOpen === undefined) continue;
        opens++;
        const r = MarketRowSchema.safeParse(row);
        expect(r.success, `${file} ${row.date}`).toBe(true);
      }
    }
    expect(opens).toBeGreaterThan(10_000);
  });
});

describeWithData('a real row without VX1', () => {
  it('2020-09-03 is skipped, naming vx[0], not replayed with October as F1', () => {
    const rows = loadRows('2020-05-01', '2020-10-30');
    const full = replay({ rows, from: '2020-08-03' });
    const day = full.ledger.find((x) => x.date === '2020-09-03')!;
    expect([day.f1, day.f2, day.regime]).toEqual([33.875, 39.025, 'contango']);
    const gappy = rows.map((x) => (x.date === '2020-09-03' ? { ...x, vx: [null, ...x.vx.slice(1)] } : x));
    const r = replay({ rows: gappy, from: '2020-08-03' });
    expect(r.ledger.map((x) => x.date)).not.toContain('2020-09-03');
    expect(r.skipped.first).toEqual([
      { date: '2020-09-03', reason: expect.stringMatching(/^2020-09-03\.vx\[0\]: VX1 has no price/) as string },
    ]);
    expect(r.notes).toContain('1 row in the window skipped (1 no VX1 or VX2 price); positions carried over them');
  });
});

describeWithData('the work limit on the whole history (VIX from 1990)', () => {
  it('counts the rows from the first replayable day (2007-04-02), not the warm-up from 1990', () => {
    const rows = loadRows('1990-01-01', '2021-12-23');
    expect(rows[0]!.date < '1991-01-01').toBe(true);
    const v = parseReplayInput({ rows, assumptions: { entryEveryDays: 7, maxOpenCondors: 10 } });
    const n = replayedRowCount(v);
    expect(rows.length).toBeGreaterThan(8000);
    expect(n).toBe(3711);
    expect(() => checkReplayWork(n, replayLegCount(v.assumptions))).not.toThrow();
  });

  it('counts the same rows with `from` on the first row: the warm-up before 2007-04-02 costs no marking', () => {
    const rows = loadRows('1990-01-01', '2021-12-23');
    // 11 condors × 7 legs: 3711 rows pass (285,747 row-legs), the 8,000 from 1990 would not
    const v = parseReplayInput({ rows, from: rows[0]!.date, assumptions: { entryEveryDays: 7, maxOpenCondors: 11 } });
    expect(replayedRowCount(v)).toBe(3711);
    expect(() => checkReplayWork(replayedRowCount(v), replayLegCount(v.assumptions))).not.toThrow();
  });
});

describeWithData('Aug 2024 rows from 2024-06-03, VX prices only from 2024-07-15', () => {
  it('skips the same rows with `from` on the first row as without: the warm-up is not counted', () => {
    const rows = aug2024Rows();
    expect(rows[0]!.date).toBe('2024-06-03');
    const assumptions = { includeLedger: false };
    const plain = replay({ rows, assumptions });
    const from = replay({ rows, from: '2024-06-03', assumptions });
    expect(plain.from).toBe('2024-07-15');
    expect(plain.skipped.count).toBe(11); // Labor Day (2024-09-02, VIX only) is no market day: not counted
    expect(from).toEqual(plain);
    expect(replayedRowCount(parseReplayInput({ rows, from: '2024-06-03' }))).toBe(
      rows.filter((r) => r.date >= '2024-07-15').length,
    );
  });
});

describeWithData('the Jan 2021 condor settled on a skipped row after the last replayed day', () => {
  it('is in the 2021 year, so the years add up to the total', () => {
    const rows = loadRows('2020-06-01', '2021-01-29').map((x) =>
      x.date >= '2021-01-04' && x.date <= '2021-01-20' ? { ...x, vx: [] } : x,
    );
    const r = replay({ rows, from: '2020-09-01', to: '2021-01-20', assumptions: { includeLedger: false } });
    expect(r.years.map((y) => [y.name, y.days])).toEqual([
      ['2020', r.days],
      ['2021', 0],
    ]);
    expect(r.years[0]!.alvhPnl + r.years[1]!.alvhPnl).toBeCloseTo(r.total.alvhPnl, 6);
    expect(r.campaigns.reduce((s, c) => s + c.alvhPnl, 0)).toBeCloseTo(r.total.alvhPnl, 6);
  });
});
