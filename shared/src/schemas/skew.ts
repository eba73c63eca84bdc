/**
 * The parameters of the SPX skew (the form and its calibration: book/skew.ts) and their defaults,
 * the one home of those defaults (the policy's `skew` field uses this schema).
 */
import { z } from 'zod';

function bounded(lo: number, hi: number, def: number) {
  const msg = `pass a number between ${lo} and ${hi}`;
  return z.number({ error: msg }).finite({ error: msg }).min(lo, { error: msg }).max(hi, { error: msg }).default(def);
}

export const SkewParamsSchema = z.object({
  /** Relative vol added per standard deviation below the forward. */
  putSlope: bounded(0, 2, 0.45),
  /** Relative vol removed per standard deviation above the forward. */
  callSlope: bounded(0, 2, 0.2),
  /** Floor of σ(K)/atm. */
  minRatio: bounded(0.05, 1, 0.5),
  /** Cap of σ(K)/atm. */
  maxRatio: bounded(1, 10, 3),
});

export interface SkewParams {
  putSlope: number;
  callSlope: number;
  minRatio: number;
  maxRatio: number;
}

/** The default skew (see the module comment for the calibration). */
export const DEFAULT_SKEW: Readonly<SkewParams> = Object.freeze(SkewParamsSchema.parse({}));
