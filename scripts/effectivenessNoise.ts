/**
 * The hedge effectiveness of one plan over seeds 1 to n, with its standard error, for the noise
 * docs/scenarios.md quotes (`hedgeEffectiveness.ts --noise` prints it; a test checks the doc).
 */
import { runMonteCarloChunk, summarizeMonteCarlo } from '../shared/src/index';

/** Each seed's effectiveness (`he`) and its standard error (`se`), seeds 1 to `seeds`. */
export function effectivenessBySeed(plan: unknown, paths: number, seeds: number): { he: number[]; se: number[] } {
  const he: number[] = [];
  const se: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const s = summarizeMonteCarlo(runMonteCarloChunk({ plan, paths, seed }));
    if (s.hedgeEffectiveness === null || s.hedgeEffectivenessStdError === null)
      throw new Error(`seed ${seed}: no hedge effectiveness (${s.notes.join(' ')})`);
    he.push(s.hedgeEffectiveness);
    se.push(s.hedgeEffectivenessStdError);
  }
  return { he, se };
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The sample standard deviation (n − 1). */
export const sd = (xs: readonly number[]): number =>
  Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
