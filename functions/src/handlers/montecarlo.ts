/**
 * POST /api/montecarlo: one Monte Carlo run, or one chunk of it (`seed`, `firstPath`,
 * `pathCount`). The input is checked on the request thread (400 with every issue, 422 over the
 * work limits) and the paths run on the worker pool. The answer carries the chunk's mergeable
 * partial (per-path arrays in path order) and its own summary; callers that split a run merge the
 * partials with the shared `mergeMonteCarlo` and summarise once.
 */
import { monteCarloSetup, summarizeMonteCarlo, type MonteCarloPartial, type MonteCarloSummary } from '@alvh/shared';
import { runCompute } from '../compute';
import type { RouteCall } from '../http/route';

export interface MonteCarloResponse {
  partial: MonteCarloPartial;
  summary: MonteCarloSummary;
}

function isPartial(v: unknown): v is MonteCarloPartial {
  return typeof v === 'object' && v !== null && 'pathCount' in v && 'book' in v && 'condor' in v;
}

export async function monteCarloHandler(body: unknown, call: RouteCall): Promise<MonteCarloResponse> {
  monteCarloSetup(body); // validation and limits, before any work is queued
  const out = await runCompute('montecarlo', body, call.signal);
  if (typeof out === 'object' && out !== null && 'partial' in out && 'summary' in out) return out as MonteCarloResponse;
  if (isPartial(out)) return { partial: out, summary: summarizeMonteCarlo(out) };
  throw new Error('the compute pool returned an unexpected Monte Carlo result');
}
