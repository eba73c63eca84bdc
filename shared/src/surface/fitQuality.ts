/**
 * Checks on a fitted chain that the fit itself cannot make: an at-the-money vol no SPX expiry
 * has shown, which is a wrong date, not a market (a table dated a year early read a 3-day
 * expiry as 368 days out and fitted it at 1.08%); a slice whose marks miss most of its quotes
 * by more than a spread, named so a leg marked there is known to be off the market; and a slice
 * fitted on too few quotes to set its shape, whose marks beyond them are extrapolated.
 */
import { daysBetween } from '../dates';
import { invalidInput } from '../errors';
import { fmt } from '../usdText';
import { MIN_FIT_DELTA, type QuoteMark, type SliceFit } from './chainSlice';
import type { ParsedChain } from './chainQuotes';

/**
 * The least at-the-money vol a fitted SPX slice may show. VIX's lowest close is 9.14 (2017-11-03);
 * the one-day SPX at-the-money vol of that calm sat near 5-6%; a slice under 3% is a time to expiry
 * read several times too long, that is a wrong valuation date.
 */
export const MIN_SPX_ATM_VOL = 0.03;

/** A slice is named when fewer than this share (percent) of its fitted quotes have the mark inside the bid-ask... */
export const MIN_INSIDE_PCT = 50;

/** ...and its worst mark lies at least this many bid-ask widths beyond its quote. */
export const MISS_WIDTHS = 1;

/**
 * Refuses a fit whose nearest slice in the surface reads an at-the-money vol under
 * {@link MIN_SPX_ATM_VOL}, naming the valuation date (a table's) or the stamp (quotedata's).
 */
export function checkAtmVols(chain: ParsedChain, fits: readonly SliceFit[]): void {
  const low = fits.find((f) => f.inSurface && f.atmVol < MIN_SPX_ATM_VOL);
  if (low === undefined) return;
  const days = daysBetween(chain.valuationDate, low.expiry);
  const first = fits.filter((f) => f.inSurface).reduce((a, b) => (b.years < a.years ? b : a));
  const firstDays = daysBetween(chain.valuationDate, first.expiry);
  const problem = `reads an at-the-money vol of ${fmt(100 * low.atmVol, 2)}% for the ${low.expiry} expiry, ${days} days after ${chain.valuationDate}, under the ${100 * MIN_SPX_ATM_VOL}% no SPX expiry has shown: the quotes are not of that date (the chain's first expiry is ${firstDays} days after it)`;
  if (chain.stamp === null) {
    throw invalidInput(
      'valuationDate',
      `is ${chain.valuationDate}, and the chain ${problem}`,
      'pass the date the quotes were taken (check the year)',
    );
  }
  throw invalidInput('chain', problem, "check the file's stamp (line 3) is the day of its quotes");
}

/**
 * A warning for each slice in the surface whose marks lie inside the bid-ask for fewer than
 * {@link MIN_INSIDE_PCT}% of its fitted quotes while the worst lies {@link MISS_WIDTHS} or more
 * bid-ask widths beyond its quote: its share, the worst quote and by how much. The caller leaves
 * out a slice the calendar repair lifted above its quotes: that warning names it and why.
 */
export function missedQuoteWarnings(fits: readonly SliceFit[]): string[] {
  const out: string[] = [];
  for (const f of fits) {
    if (!f.inSurface || f.quotes === 0 || f.insideSpreadPct >= MIN_INSIDE_PCT) continue;
    let worst: { widths: number; points: number; at: string } | undefined;
    for (const m of f.marks) {
      if (!m.otm || m.midVol === null || Math.abs(m.delta) < MIN_FIT_DELTA) continue;
      const beyond = Math.max(0, m.bid - m.modelPrice, m.modelPrice - m.ask);
      const widths = beyond / (m.ask - m.bid);
      if (worst === undefined || widths > worst.widths)
        worst = {
          widths,
          points: beyond,
          at: `${m.strike} ${m.type}: ${m.modelPrice.toFixed(2)} against ${m.bid.toFixed(2)}/${m.ask.toFixed(2)}`,
        };
    }
    if (worst === undefined || !(worst.widths >= MISS_WIDTHS)) continue;
    const inside = Math.round((f.insideSpreadPct * f.quotes) / 100);
    out.push(
      `${f.root} ${f.expiry}: the fitted marks lie inside the bid-ask for only ${inside} of its ${f.quotes} fitted quotes (${fmt(f.insideSpreadPct, 1)}%); the worst is ${fmt(worst.points, 2)} points (${fmt(worst.widths, 2)} spreads) beyond its quote (${worst.at}). Check that expiry's quotes; a leg marked there may be off the market by about that much.`,
    );
  }
  return out;
}

/**
 * Fewest fitted quotes that set a slice's shape: two for each of the raw SVI's five parameters (on
 * five quotes the fit interpolates them exactly, and its RMSE and inside share say nothing).
 */
export const MIN_SHAPE_QUOTES = 10;

/** The |delta| a slice's fitted puts and calls must each reach (the 25-delta put and call). */
export const SHAPE_DELTA = 0.25;

/** The fitted quotes of a slice: out of the money, with a mid implied vol, 5 delta or more. */
function fittedMarks(f: SliceFit): QuoteMark[] {
  return f.marks.filter((m) => m.otm && m.midVol !== null && Math.abs(m.delta) >= MIN_FIT_DELTA);
}

/** A quote's place in the smile: "4400 put (40 delta, K/F 0.979)". */
function placeOf(m: QuoteMark, forward: number): string {
  return `${m.strike} ${m.type} (${Math.round(100 * Math.abs(m.delta))} delta, K/F ${(m.strike / forward).toFixed(3)})`;
}

/**
 * A warning for each slice in the surface whose fitted quotes are too few to set its smile's shape:
 * fewer than {@link MIN_SHAPE_QUOTES}, or puts or calls that stop short of {@link SHAPE_DELTA}. It
 * names the slice, how many quotes, the strikes they span, and that marks beyond them are
 * extrapolated. The slice stays in the surface: its quotes set its level at the money.
 */
export function fewQuoteWarnings(fits: readonly SliceFit[]): string[] {
  const out: string[] = [];
  for (const f of fits) {
    if (!f.inSurface) continue;
    const fitted = fittedMarks(f).sort((a, b) => a.strike - b.strike);
    if (fitted.length === 0) continue;
    const reach = (type: 'put' | 'call'): number =>
      Math.min(...fitted.filter((m) => m.type === type).map((m) => Math.abs(m.delta)));
    const shortOf = (['put', 'call'] as const).filter((type) => reach(type) > SHAPE_DELTA);
    const few = fitted.length < MIN_SHAPE_QUOTES;
    if (!few && shortOf.length === 0) continue;
    const lo = fitted[0]!;
    const hi = fitted[fitted.length - 1]!;
    const count = few ? `, too few to set its shape (it takes ${MIN_SHAPE_QUOTES})` : '';
    const reachWords = shortOf.length === 0 ? '' : `, short of the ${100 * SHAPE_DELTA}-delta ${shortOf.join(' and ')}`;
    out.push(
      `${f.root} ${f.expiry}: the smile is fitted on ${fitted.length} quotes${count}, from the ${placeOf(lo, f.forward)} to the ${placeOf(hi, f.forward)}${reachWords}. Marks below ${lo.strike} and above ${hi.strike} are extrapolated from those quotes and may be far off the market (the fit's error and inside share cover only them). Send the whole chain for that expiry, or leave the expiry out.`,
    );
  }
  return out;
}

/** Fewest far-wing quotes on a side that a wing's warning reads (two or three say little). */
export const WING_MIN_QUOTES = 5;

/** A far wing is named when its median quote marked outside lies at least this many widths beyond it... */
export const WING_MEDIAN_WIDTHS = 0.5;

/**
 * A warning for each far wing (out of the money, under {@link MIN_FIT_DELTA}, at least
 * {@link WING_MIN_QUOTES} quotes) of a slice in the surface whose marks lie outside the bid-ask
 * for most of its quotes, the median of those {@link WING_MEDIAN_WIDTHS} and the worst
 * {@link MISS_WIDTHS} widths or more beyond: how many below the bid and above the ask, and the
 * worst, in price and in vol points from its mid's vol.
 */
export function wingMissWarnings(fits: readonly SliceFit[]): string[] {
  const out: string[] = [];
  for (const f of fits) {
    if (!f.inSurface) continue;
    for (const type of ['put', 'call'] as const) {
      const wing = f.marks.filter(
        (m) => m.otm && m.midVol !== null && Math.abs(m.delta) < MIN_FIT_DELTA && m.type === type,
      );
      if (wing.length < WING_MIN_QUOTES) continue;
      const below = wing.filter((m) => m.modelPrice < m.bid).length;
      const above = wing.filter((m) => m.modelPrice > m.ask).length;
      if (2 * (below + above) <= wing.length) continue;
      const missed = wing
        .map((m) => ({ m, widths: Math.max(m.bid - m.modelPrice, m.modelPrice - m.ask) / (m.ask - m.bid) }))
        .filter((x) => x.widths > 0)
        .sort((a, b) => a.widths - b.widths);
      const median = missed[Math.floor(missed.length / 2)]!.widths;
      const worst = missed[missed.length - 1]!;
      if (median < WING_MEDIAN_WIDTHS || worst.widths < MISS_WIDTHS) continue;
      const m = worst.m;
      const volPts = 100 * (m.modelVol - m.midVol!);
      const side = below >= above ? 'under' : 'over';
      const most = Math.max(...missed.map((x) => 100 * Math.abs(x.m.modelVol - x.m.midVol!)));
      out.push(
        `${f.root} ${f.expiry}: the far ${type} wing (under ${100 * MIN_FIT_DELTA} delta) is marked outside the bid-ask for ${below + above} of its ${wing.length} quotes, ${below} below the bid and ${above} above the ask; the worst, the ${m.strike} ${type}, marks ${m.modelPrice.toFixed(2)} against ${m.bid.toFixed(2)}/${m.ask.toFixed(2)} (${fmt(worst.widths, 2)} spreads beyond), at ${fmt(100 * m.modelVol, 2)}% against its mid's ${fmt(100 * m.midVol!, 2)}% (${fmt(Math.abs(volPts), 2)} vol points ${volPts < 0 ? 'under' : 'over'}; up to ${fmt(most, 2)} across the wing). The surface marks that wing ${side} the market: price legs there from their quotes.`,
      );
    }
  }
  return out;
}
