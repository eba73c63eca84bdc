/**
 * The last few fits of option chains given as text, kept so that the same chain is not fitted
 * again. A chain's fit is a pure function of its text and the few market numbers the fit reads
 * (the valuation date; for SPX, the spot a table takes and the VIX level), so a fit found here is
 * the fit that would be made, to the bit. Two places fit the same text again and again: an Excel
 * formula (ALVH.PLAN, ORDERS, STRUCTURES, FRONTIER) recalculates whenever any cell it reads
 * changes, its chain argument unchanged (1.3 s a recalculation for the 2023-06-09 SPXW listing);
 * and a Monte Carlo or frontier run in chunks fits its chain once per chunk, on the same worker.
 *
 * Bounded: {@link CHAIN_FITS_KEPT} fits a kind, the oldest dropped first, each held with its text
 * (at most the API's chain limit, 3,000,000 characters). Rows (the API's JSON form) are not kept:
 * each request's rows are new objects, and comparing them would cost what it saves. A fit that
 * throws is not kept. The fits kept are read, never changed, by every caller.
 */

import type { ParsedChain } from './chain';
import type { ChainSurfaceFit } from './fitChain';
import type { SpxSurface } from './spxSurface';
import type { VixVolSurface } from './vixSurface';

/** How many fits of each kind (SPX, VIX) are kept. */
export const CHAIN_FITS_KEPT = 4;

/** The last fits of one kind, by their key (the text and what else the fit reads), oldest first. */
export class ChainFits<T> {
  private readonly kept = new Map<string, T>();
  private hitCount = 0;
  private missCount = 0;

  constructor(private readonly size = CHAIN_FITS_KEPT) {}

  /** The fit kept for `key`, else `fit()`, kept (and what it throws, thrown and not kept). */
  get(key: string, fit: () => T): T {
    const found = this.kept.get(key);
    if (found !== undefined) {
      this.hitCount++;
      // the newest now: delete and set moves it to the end of the Map's order
      this.kept.delete(key);
      this.kept.set(key, found);
      return found;
    }
    this.missCount++;
    const made = fit();
    this.kept.set(key, made);
    if (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value as string);
    return made;
  }

  /** How many fits were found kept and how many were made since the start (or the last clear). */
  stats(): { hits: number; misses: number; kept: number } {
    return { hits: this.hitCount, misses: this.missCount, kept: this.kept.size };
  }

  /** Drops every fit kept and zeroes the counts. */
  clear(): void {
    this.kept.clear();
    this.hitCount = 0;
    this.missCount = 0;
  }
}

/** The key of a chain's fit: its text and the other values the fit reads, none of which holds a NUL. */
export function chainFitKey(text: string, ...reads: readonly (string | number)[]): string {
  return `${reads.map(String).join('\u0000')}\u0000${text}`;
}

/** The SPX chains fitted (method/marketSurface.ts), by text, date, SPX and VIX, each with whether SPX was its spot (a table). */
export const SPX_CHAIN_FITS = new ChainFits<{ parsed: ParsedChain; surface: SpxSurface; atSpx: boolean }>();

/** The VIX chains fitted (method/planVixChain.ts `marketVixSurface`), by text and date. */
export const VIX_CHAIN_FITS = new ChainFits<{ parsed: ParsedChain; surface: VixVolSurface; fit: ChainSurfaceFit }>();
