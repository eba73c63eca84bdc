/**
 * How `npm run calibrate` (scripts/calibrate.ts) writes its two files: the parameters at the
 * precision calibrated.ts stores them, and both files formatted as the repository's formatter
 * formats the shipped ones, wherever `--out` puts them.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as prettier from 'prettier';

/**
 * Write one of the calibration's files over the shipped one at `shippedPath` or, given `outDir`,
 * under the same name into that folder; returns the path written. Formatted as the repository
 * formats the shipped file, so a rerun leaves no formatting diff and a trial's files compare with
 * the shipped ones line by line: the Prettier options are resolved from the shipped path, not from
 * the output folder, where there may be no configuration (Prettier's defaults: double quotes) or
 * another one.
 */
export async function writeAsShipped(text: string, shippedPath: string, outDir?: string): Promise<string> {
  const options = (await prettier.resolveConfig(shippedPath)) ?? {};
  const path = outDir === undefined ? shippedPath : join(outDir, basename(shippedPath));
  writeFileSync(path, await prettier.format(text, { ...options, filepath: shippedPath }));
  return path;
}

/** A number at the six significant figures calibrated.ts stores. */
export const round6 = (v: number): number => Number(v.toPrecision(6));

/**
 * The fitted parameters as calibrated.ts stores them (six significant figures). The run evaluates
 * and reports these, not the search's full-precision values, so that docs/calibration.md describes
 * the model that ships and a rerun reproduces it.
 */
export function storedParams<P extends object>(params: P): P {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? round6(v) : v])) as P;
}
