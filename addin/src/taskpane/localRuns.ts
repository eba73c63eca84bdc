/**
 * A Monte Carlo run here, in chunks of paths with progress after each: what the taskpane's Web
 * Worker runs when no cloud endpoint is set. The chunks are merged with the shared
 * `mergeMonteCarlo`, which gives the same result to the last bit as one run of all paths (and as
 * the API's answer for the same request).
 */
import {
  SurfaceFromChainSchema,
  buildSurface,
  MonteCarloInputSchema,
  chunkOfSetup,
  mergeMonteCarlo,
  monteCarloSetup,
  parseInput,
  runMonteCarloSetup,
  summarizeMonteCarlo,
} from '@alvh/shared';
import type { MonteCarloPartial, MonteCarloSetup, MonteCarloSummary, SurfaceResponse } from '@alvh/shared';
import { chunkPaths } from './jobs';

/**
 * Runs the request `raw` (checked by the shared schema) in chunks of `chunkSize` paths: the run's
 * summary. The input is resolved (the plan, its surfaces) once, for the first chunk; each further
 * chunk takes that setup with its own paths ({@link chunkOfSetup}, checked again), as the API's
 * workers do, with the same bits as resolving it for every chunk.
 */
export function runMonteCarloLocally(
  raw: unknown,
  chunkSize: number,
  onProgress: (done: number, total: number) => void = () => {},
): MonteCarloSummary {
  const input = parseInput(MonteCarloInputSchema, raw);
  const total = input.paths;
  const parts: MonteCarloPartial[] = [];
  let setup: MonteCarloSetup | undefined;
  let before = 0;
  for (const [firstPath, pathCount] of chunkPaths(total, chunkSize)) {
    setup =
      setup === undefined
        ? monteCarloSetup({ ...input, firstPath, pathCount })
        : chunkOfSetup(setup, firstPath, pathCount);
    parts.push(runMonteCarloSetup(setup, { onProgress: (done: number) => onProgress(before + done, total) }));
    before += pathCount;
    onProgress(before, total);
  }
  return summarizeMonteCarlo(mergeMonteCarlo(parts));
}

/**
 * The surface of a chain here, as `POST /api/surface` builds it: the request `{ chain,
 * valuationDate?, spot? }` checked by the shared schema, then the shared `buildSurface`.
 */
export function fitSurfaceLocally(raw: unknown): SurfaceResponse {
  return buildSurface(parseInput(SurfaceFromChainSchema, raw));
}
