/**
 * Plan inputs for real days, read from the market history beside the project (see the data README):
 * VIX, VX1..VX8 and SPX from the quantintell VX file (2007-2021) or, for 2025, the manumartinb
 * episode file with Cboe VIX and the eric-tao SPX closes; VVIX from Cboe. Rates and dividend yields
 * are round approximations of the day's 3-month T-bill yield and the S&P 500 dividend yield.
 */
import { readDataFile } from '../../helpers/marketData';
import { vxExpiriesAfter } from '@alvh/shared';
import { dayFromYmd, isBusinessDay, parseIsoDate, previousBusinessDay, toIsoDate, weekdayOf } from '@alvh/shared';
import { condorStrikesAtSd } from '@alvh/shared';
import type { PlanInput } from '@alvh/shared';

export interface DayRow {
  date: string;
  vix: number;
  vx: number[];
  spx: number;
}

const cache = new Map<string, string>();
function file(name: string): string {
  let t = cache.get(name);
  if (t === undefined) {
    t = readDataFile(name);
    cache.set(name, t);
  }
  return t;
}

function lines(name: string): string[][] {
  return file(name)
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));
}

/** m/d/Y → ISO. */
function usDate(s: string): string {
  const [m, d, y] = s.split('/').map(Number);
  return toIsoDate(dayFromYmd(y as number, m as number, d as number));
}

const memo = new Map<string, unknown>();
function once<T>(key: string, f: () => T): T {
  if (!memo.has(key)) memo.set(key, f());
  return memo.get(key) as T;
}

export function quantintellRows(): DayRow[] {
  return once('qi', () => quantintellRowsUncached());
}

function quantintellRowsUncached(): DayRow[] {
  return lines('quantintell_vix_futures_VX1-VX8_2007-2021.csv').map((c) => ({
    date: c[1] as string,
    vix: Number(c[2]),
    vx: c.slice(3, 11).map(Number),
    spx: Number(c[11]),
  }));
}

export function cboeSeries(name: string): Map<string, number> {
  return once(name, () => cboeSeriesUncached(name));
}

function cboeSeriesUncached(name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of lines(name)) out.set(usDate(c[0] as string), Number(c[c.length - 1]));
  return out;
}

export function manumartinbRows2025(): { date: string; vx: number[] }[] {
  return lines('manumartinb_vx_M1-M8_episode_2025-03_2025-05.csv').map((c) => ({
    date: c[0] as string,
    vx: c.slice(1, 9).map(Number),
  }));
}

export function spxDaily2021(): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of lines('spx_daily_2021-2026__eric-tao.csv')) out.set(c[0] as string, Number(c[4]));
  return out;
}

/**
 * The SPX weekly expiry nearest `days` after `date`: the Friday nearest, or the trading day before
 * it when the exchange is closed that Friday (2020-04-09 for Good Friday 2020-04-10).
 */
export function fridayNear(date: string, days: number): string {
  const t = parseIsoDate('date', date) + days;
  const wd = weekdayOf(t);
  const back = (wd - 5 + 7) % 7;
  const fwd = (5 - wd + 7) % 7;
  const friday = toIsoDate(back <= fwd ? t - back : t + fwd);
  return isBusinessDay(friday) ? friday : previousBusinessDay(friday);
}

export interface RealDay {
  input: PlanInput;
  row: DayRow;
  /** The VX1..VX8 row five trading days before. */
  before: DayRow;
}

const RATES: Record<string, { rate: number; divYield: number }> = {
  '2018-12-24': { rate: 0.024, divYield: 0.021 },
  '2020-03-12': { rate: 0.005, divYield: 0.022 },
  '2025-04-08': { rate: 0.043, divYield: 0.014 },
  '2019-11-15': { rate: 0.0155, divYield: 0.019 },
};

/**
 * A plan input for `date`: the day's market, a 1.5 SD, 50-wide condor about 45 days out, signals from
 * `history` trading days (40 unless given: short of the 100 closes the RSI and the 108 values the MACD
 * take to settle, so the plan warns).
 */
export function realDayInput(
  date: string,
  opts: { quantity?: number; capital?: number; withRebalance?: boolean; history?: number } = {},
): RealDay {
  const vvix = cboeSeries('cboe_VVIX_History__ManULoreN14.csv');
  const vixCboe = cboeSeries('cboe_VIX_History__ManULoreN14.csv');
  let rows: DayRow[];
  if (date >= '2025-01-01') {
    const spx = spxDaily2021();
    rows = manumartinbRows2025().map((r) => ({
      date: r.date,
      vx: r.vx,
      vix: vixCboe.get(r.date) as number,
      spx: spx.get(r.date) as number,
    }));
  } else {
    rows = quantintellRows();
  }
  const i = rows.findIndex((r) => r.date === date);
  if (i < 5) throw new Error(`no row for ${date} with five days before it`);
  const row = rows[i] as DayRow;
  const before = rows[i - 5] as DayRow;
  const futures = (r: DayRow) => vxExpiriesAfter(r.date, 8).map((e, k) => ({ expiry: e, price: r.vx[k] as number }));

  // `history` trading days of SPX closes and of VVIX/VIX up to the date
  const n = opts.history ?? 40;
  let closes: number[];
  if (date >= '2025-01-01') {
    const spx = [...spxDaily2021().entries()].filter(([d]) => d <= date).slice(-n);
    closes = spx.map(([, v]) => v);
  } else {
    closes = rows.slice(Math.max(0, i - n + 1), i + 1).map((r) => r.spx);
  }
  const ratioDates = [...vixCboe.keys()].filter((d) => d <= date && vvix.has(d)).slice(-n);
  const ratio = ratioDates.map((d) => (vvix.get(d) as number) / (vixCboe.get(d) as number));

  const expiry = fridayNear(date, 45);
  const years = (parseIsoDate('e', expiry) - parseIsoDate('d', date)) / 365;
  const strikes = condorStrikesAtSd(row.spx, row.vix / 100, years, 1.5, 50, 5);
  const r = RATES[date] ?? { rate: 0.02, divYield: 0.02 };
  const input: PlanInput = {
    valuationDate: date,
    market: {
      spx: row.spx,
      vix: row.vix,
      vvix: vvix.get(date) as number,
      rate: r.rate,
      divYield: r.divYield,
      futures: futures(row),
    },
    condor: { expiry, strikes, quantity: opts.quantity ?? 10 },
    portfolio: { capital: opts.capital ?? 2_000_000 },
    signals: { spxCloses: closes, vvixCloses: ratioDates.map((d) => vvix.get(d) as number), vvixVixRatio: ratio },
    ...(opts.withRebalance ? { lastRebalance: { date: before.date, vix: before.vix, futures: futures(before) } } : {}),
  };
  return { input, row, before };
}
