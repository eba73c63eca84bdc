/**
 * The replay's notes on its rows' closes: a replayed day whose VVIX the VIX-option surface does not
 * take (marked at the range's end), and a day-over-day move no day of the real history reaches (a
 * decimal point, another day's print, a cut cell). Neither stops the replay: the rows' checks take
 * VVIX from 10 (the real 15.71 of 2006-03-15 warms up the signals) and a move is no error on its own.
 */
import { VVIX_RANGE } from '../validate';
import type { MarketRow } from './marketHistory';

/**
 * Day-over-day moves a replayed row is noted beyond, as the least and most ratio of a close to the
 * previous row's (the previous row with that close). On every replayed day of the data folder's
 * runs (2007-04-02..2021-12-23 and the 2024 and 2025 episodes) the ratios are within: SPX
 * 0.88-1.12 (2020-03-16, 2008-10-13), VIX 0.64-2.16 (2025-04-09, 2018-02-05), VVIX 0.79-1.45,
 * SKEW 0.83-1.21.
 */
export const ROW_JUMP_BOUNDS = {
  spx: { lo: 0.75, hi: 1.25 },
  vix: { lo: 1 / 3, hi: 3 },
  vvix: { lo: 1 / 3, hi: 3 },
  skew: { lo: 1 / 3, hi: 3 },
} as const;

/** Days listed in one note at most (the rest counted). */
export const NOTED_DAYS = 10;

const listed = (items: readonly string[]): string =>
  items.length > NOTED_DAYS
    ? `${items.slice(0, NOTED_DAYS).join('; ')}; and ${items.length - NOTED_DAYS} more`
    : items.join('; ');

const times = (x: number): string => `${Number(x.toPrecision(2))} times`;

/**
 * The notes on the closes of the rows from `from` to `to` (the replayed days, `replayed`): VVIX
 * outside {@link VVIX_RANGE} on a replayed day, and moves beyond {@link ROW_JUMP_BOUNDS} (each
 * against the previous row holding that close, before `from` too). None when the closes are as
 * real history has them.
 */
export function rowNotes(
  rows: readonly MarketRow[],
  from: string,
  to: string,
  replayed: ReadonlySet<string>,
): string[] {
  const notes: string[] = [];
  const clamped = rows
    .filter(
      (r) => replayed.has(r.date) && r.vvix !== undefined && !(r.vvix >= VVIX_RANGE.min && r.vvix <= VVIX_RANGE.max),
    )
    .map((r) => `${r.date} (${String(r.vvix)})`);
  if (clamped.length > 0)
    notes.push(
      `VVIX outside the VIX-option surface's ${VVIX_RANGE.min} to ${VVIX_RANGE.max} on ${clamped.length} replayed day${clamped.length === 1 ? '' : 's'}, whose VIX options are marked at the range's nearer end: ${listed(clamped)}; check those closes (VVIX has closed between about 60 and 210 since 2007)`,
    );
  const jumps: string[] = [];
  for (const field of ['spx', 'vix', 'vvix', 'skew'] as const) {
    const { lo, hi } = ROW_JUMP_BOUNDS[field];
    let prev: MarketRow | undefined;
    for (const r of rows) {
      const v = r[field];
      if (v === undefined) continue;
      const p = prev?.[field];
      if (prev !== undefined && p !== undefined && r.date >= from && r.date <= to && !(v / p >= lo && v / p <= hi))
        jumps.push(`${field.toUpperCase()} ${v} on ${r.date}, ${times(v / p)} the ${prev.date} close ${p}`);
      prev = r;
    }
  }
  if (jumps.length > 0)
    notes.push(
      `day-over-day moves beyond any replayed day of the 2007-2025 history (SPX by more than 25%, VIX, VVIX or SKEW by a factor 3): ${listed(jumps)}; check those closes (a decimal point, another day's print)`,
    );
  return notes;
}
