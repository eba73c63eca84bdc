/**
 * POST /api/montecarlo: one Monte Carlo run, or one chunk of it (`seed`, `firstPath`,
 * `pathCount`). The input is checked on the request thread (400 with every issue, 422 over the
 * work limits) and the paths run on the worker pool. The answer carries the chunk's mergeable
 * partial (per-path arrays in path order) and its own summary; callers that split a run merge the
 * partials with the shared `mergeMonteCarlo` and summarise once. `?partial=false` answers the
 * summary alone (a whole run: the arrays are 5 numbers per path).
 */
import { monteCarloSetup, summarizeMonteCarlo, type MonteCarloPartial, type MonteCarloSummary } from '@alvh/shared';
import { runCompute } from '../compute';
import type { RouteCall } from '../http/route';

export interface MonteCarloResponse {
  /** Omitted with `?partial=false` (a whole run whose per-path arrays the caller does not need). */
  partial?: MonteCarloPartial;
  summary: MonteCarloSummary;
}

/** `?partial=false` drops the per-path arrays from the answer; anything else keeps them. */
function wantsPartial(call: RouteCall): boolean {
  return call.request.query.get('partial')?.trim().toLowerCase() !== 'false';
}

function isPartial(v: unknown): v is MonteCarloPartial {
  return typeof v === 'object' && v !== null && 'pathCount' in v && 'book' in v && 'condor' in v;
}

export async function monteCarloHandler(body: unknown, call: RouteCall): Promise<MonteCarloResponse> {
  monteCarloSetup(body); // validation and limits, before any work is queued
  const out = await runCompute('montecarlo', body, call.signal);
  let answer: { partial: MonteCarloPartial; summary: MonteCarloSummary };
  if (typeof out === 'object' && out !== null && 'partial' in out && 'summary' in out) {
    answer = out as { partial: MonteCarloPartial; summary: MonteCarloSummary };
  } else if (isPartial(out)) answer = { partial: out, summary: summarizeMonteCarlo(out) };
  else throw new Error('the compute pool returned an unexpected Monte Carlo result');
  return wantsPartial(call) ? answer : { summary: answer.summary };
}
