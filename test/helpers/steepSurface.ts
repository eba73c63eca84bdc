/**
 * A plan (docs/examples/plan.json, without its indices) marked on a surface sent as market.surface:
 * two slices of one SVI, for refusals of what the surface gives.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanInput } from '@alvh/shared';

const example = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'examples', 'plan.json');

/** docs/examples/plan.json on a surface sent as market.surface, its two slices of this SVI (no indices). */
export function planOnSurface(svi: { a: number; b: number; rho: number; m: number; sigma: number }): PlanInput {
  const ex = JSON.parse(readFileSync(example, 'utf8')) as PlanInput;
  const { indices: _none, ...market } = ex.market;
  const surface = {
    valuationDate: '2026-11-20',
    spot: 6600,
    source: 'chain',
    referenceVix: 17.5,
    warnings: [],
    label: 'x',
    slices: [
      { expiry: '2026-12-18', root: 'SPX', years: 28 / 365, forward: 6620, discount: 0.997, svi },
      { expiry: '2027-03-19', root: 'SPX', years: 119 / 365, forward: 6680, discount: 0.987, svi },
    ],
  };
  return { ...ex, market: { ...market, surface } } as PlanInput;
}

/** A put wing of slope 20 in total variance: a put 20% below the money is marked at 546%. */
export const STEEP = planOnSurface({ a: 0.001, b: 10, rho: -1, m: 0, sigma: 0.0001 });
