/**
 * Warnings for Cboe index levels the schemas accept but no day's closes have shown beside VIX,
 * for every surface built from the indices (the plan's and POST /api/surface's alike).
 */
import { fmt } from '../method/audit';

/**
 * How far VIX9D, VIX3M or VIX6M may sit from VIX, as a factor either way, before the pair reads as
 * a slip (another day's close, or a level in the wrong units). No real close has come near it:
 * VIX9D/VIX stayed within 0.66-1.59 (2011-2026), VIX3M/VIX within 0.74-1.41 (2009-2026), VIX6M/VIX
 * within 0.63-1.62 (2008-2021).
 */
export const INDEX_VIX_FACTOR = 2;

/**
 * Warnings for a Cboe index beside VIX more than {@link INDEX_VIX_FACTOR} times above or below it;
 * `field` is where the request holds the indices (`market.indices` in a plan, `indices` in a
 * surface request).
 */
export function indexPlausibility(
  vix: number,
  indices: { vix9d?: number | undefined; vix3m?: number | undefined; vix6m?: number | undefined } | undefined,
  field: string,
): string[] {
  const out: string[] = [];
  for (const name of ['vix9d', 'vix3m', 'vix6m'] as const) {
    const level = indices?.[name];
    if (level === undefined || (level <= vix * INDEX_VIX_FACTOR && level >= vix / INDEX_VIX_FACTOR)) continue;
    const upper = name.toUpperCase();
    const apart =
      level > vix
        ? `more than ${INDEX_VIX_FACTOR}× VIX ${fmt(vix, 2)}`
        : `under 1/${INDEX_VIX_FACTOR} of VIX ${fmt(vix, 2)}`;
    out.push(
      `${upper} ${fmt(level, 2)} is ${apart}, which no day's closes have shown: check ${field}.${name} is the ${upper} close of the valuation date, in index points, or leave it out.`,
    );
  }
  return out;
}
