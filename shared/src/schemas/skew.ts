/**
 * The parameters of the SPX skew (the form and its calibration: book/skew.ts) and their defaults,
 * the one home of those defaults (the policy's `skew` field uses this schema).
 */
import { z } from 'zod';
import { listedKeys } from './parse';

function bounded(lo: number, hi: number, def: number) {
  const msg = `pass a number between ${lo} and ${hi}`;
  return z.number({ error: msg }).finite({ error: msg }).min(lo, { error: msg }).max(hi, { error: msg }).default(def);
}

/**
 * Strict, as every input: a misspelt field (`putSlop`) is an error naming it, never a silent
 * default.
 */
export const SkewParamsSchema = z.strictObject(
  {
    /** Relative vol added per standard deviation below the forward. */
    putSlope: bounded(0, 2, 0.45),
    /** Relative vol removed per standard deviation above the forward. */
    callSlope: bounded(0, 2, 0.2),
    /** Floor of σ(K)/atm. */
    minRatio: bounded(0.05, 1, 0.5),
    /** Cap of σ(K)/atm. */
    maxRatio: bounded(1, 10, 3),
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown skew field ${listedKeys(iss.keys)}; check the spelling against the documented skew fields (putSlope, callSlope, minRatio, maxRatio)`
        : 'pass the skew as an object of overrides, e.g. { "putSlope": 0.5 }',
  },
);

export interface SkewParams {
  putSlope: number;
  callSlope: number;
  minRatio: number;
  maxRatio: number;
}

/** The default skew (see the module comment for the calibration). */
export const DEFAULT_SKEW: Readonly<SkewParams> = Object.freeze(SkewParamsSchema.parse({}));
