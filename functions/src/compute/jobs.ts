/**
 * What a compute worker runs: one unit of work per message, on the shared package. The pool splits
 * a Monte Carlo run into `montecarlo-chunk` units and merges and summarises them with one
 * `montecarlo-merge` unit, a frontier into `frontier-chunk` units and one `frontier-merge`; `stress`, `replay` and `surface` (a chain parsed and fitted) run whole.
 * `chain` fits a market's SPX chain (and checks the request's body first when it carries a chain as rows);
 * `plan` (a whole plan) and `setup` (a Monte Carlo or frontier request checked and resolved) run
 * what the request thread would for a request with a VIX chain, or with a chain as rows.
 */
import {
  AlvhError,
  buildSurface,
  checkedMonteCarloRequest,
  frontierSetup,
  plan,
  InputValidationError,
  InvalidFields,
  MonteCarloCancelled,
  mergeFrontier,
  mergeMonteCarlo,
  runFrontierChunk,
  summarizeFrontier,
  replayWithinWorkLimit,
  chunkOfSetup,
  monteCarloSetup,
  runMonteCarloSetup,
  parseInput,
  stressGrid,
  summarizeMonteCarlo,
  type FrontierPartial,
  type FrontierResult,
  type InputIssue,
  type MonteCarloPartial,
  type MonteCarloSetup,
  type MonteCarloSummary,
  type FrontierChunkLimits,
  type MonteCarloWorkLimits,
  type PathRange,
  type PlanInput,
  marketSurface,
  isCancelledError,
  type ChainQuoteRow,
  type MarketSurfaceInput,
  type SpxSurfaceData,
} from '@alvh/shared';
import { NonFiniteResultError } from '../http/jsonSafe';
import { SurfaceChainInputSchema } from '../handlers/surfaceSchemas';
import { checkBody, checkedStressInput, type BodyCheck } from './checks';

export type WorkerJob =
  | 'montecarlo-chunk'
  | 'montecarlo-merge'
  | 'frontier-chunk'
  | 'frontier-merge'
  | 'stress'
  | 'replay'
  | 'surface'
  | 'chain'
  | 'plan'
  | 'setup';

/**
 * The chunks of one request, merged in path order; the summary (null below 2 paths) and, if asked,
 * the arrays. `range` is the request's own paths (a request may be one chunk of a larger run): the
 * chunks must cover it exactly.
 */
export function mergeAndSummarize(
  parts: readonly MonteCarloPartial[],
  withPartial: boolean,
  range: PathRange,
): { summary: MonteCarloSummary | null; partial?: MonteCarloPartial } {
  const merged = mergeMonteCarlo(parts, range);
  const summary = merged.pathCount >= 2 ? summarizeMonteCarlo(merged) : null;
  return withPartial ? { summary, partial: merged } : { summary };
}

/** The chunks of one frontier, merged in path order and summarised; with `withPartial`, the merged arrays too. */
export function mergeAndSummarizeFrontierParts(
  parts: readonly FrontierPartial[],
  withPartial: boolean,
): FrontierResult & { partial?: FrontierPartial } {
  const merged = mergeFrontier(parts);
  const result = summarizeFrontier(merged);
  return withPartial ? { ...result, partial: merged } : result;
}

/** The run whose setup this thread built last: its input as JSON (chunk fields left out), and the setup. */
let lastRun: { key: string; setup: MonteCarloSetup } | null = null;

/** JSON of a parsed input, −0 kept apart from 0 (a number field is a number in every input of the schema). */
function runKey(input: Record<string, unknown>): string {
  return JSON.stringify(input, (_k, v: unknown) => (Object.is(v, -0) ? '\u0000-0' : v));
}

/**
 * The setup of a Monte Carlo chunk. The pool sends every chunk of a run with the same parsed
 * input and its own `firstPath`/`pathCount`; a worker resolves the input (the plan, its surfaces)
 * once per run and gives each further chunk its range ({@link chunkOfSetup}, checked again), so
 * the chunks of one run pay for one setup per thread. Anything else is set up from scratch.
 */
function chunkSetup(payload: unknown): MonteCarloSetup {
  if (typeof payload !== 'object' || payload === null) return monteCarloSetup(payload);
  const { firstPath, pathCount, ...rest } = payload as Record<string, unknown>;
  if (typeof firstPath !== 'number' || typeof pathCount !== 'number') {
    return monteCarloSetup(payload);
  }
  const key = runKey(rest);
  if (lastRun === null || lastRun.key !== key) {
    lastRun = null;
    const first = monteCarloSetup(payload);
    lastRun = { key, setup: first };
    return first;
  }
  return chunkOfSetup(lastRun.setup, firstPath, pathCount);
}

export interface JobHooks {
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
}

/** A market's chain to fit (handlers/chains.ts): the method's own call, `marketSurface(valuationDate, market, root, spotField)`. */
export interface ChainFitJob {
  valuationDate: string;
  market: MarketSurfaceInput;
  root: 'market' | 'book';
  spotField: 'spx' | 'spot';
  /**
   * The request's body to check against its route's schema before the fit: a body carrying a chain
   * as rows, which the request thread leaves unread (handlers/chains.ts).
   */
  check?: BodyCheck;
}

/**
 * A chain fitted: the surface's data and, for a plan's market (`root` 'market'), the chain's quotes
 * its orders are quoted from (the plan's `bid` / `ask`); none for a scenario book.
 */
export interface ChainFitResult {
  data: SpxSurfaceData;
  quotes: ChainQuoteRow[];
  /** Whether the chain was fitted at the market's SPX (a table, carrying no spot), not at its own (quotedata's Last). */
  atSpx: boolean;
}

/**
 * A Monte Carlo or frontier request to check and resolve as its handler does on the request thread
 * (handlers/vixChains.ts): the body, and the work limits the handler checks it against (a
 * frontier's: how its host sends chunks).
 */
export interface SetupJob {
  route: 'montecarlo' | 'frontier';
  body: unknown;
  limits: MonteCarloWorkLimits & FrontierChunkLimits;
}

/** A request checked and resolved: its parsed input, and the run's paths and horizon. */
export interface SetupResult {
  parsed: Record<string, unknown>;
  run: { firstPath: number; pathCount: number; horizonDays: number };
}

function runSetup(j: SetupJob): SetupResult {
  if (j.route === 'montecarlo') {
    const { parsed, setup } = checkedMonteCarloRequest(j.body, j.limits);
    return { parsed, run: setup.run };
  }
  const { mc, input } = frontierSetup(j.body, undefined, j.limits);
  return { parsed: input, run: mc.run };
}

/** A market's chain fitted as the method fits it: the surface's data, and a plan market's quotes. */
function fitChain(j: ChainFitJob): ChainFitResult {
  let quotes: ChainQuoteRow[] = [];
  let fittedAtSpx = false;
  const surface = marketSurface(j.valuationDate, j.market, j.root, j.spotField, (c, atSpx) => {
    fittedAtSpx = atSpx;
    if (j.root === 'market')
      quotes = c.quotes.map(({ root, expiry, strike, type, bid, ask }) => ({ root, expiry, strike, type, bid, ask }));
  });
  return { data: surface.toData(), quotes, atSpx: fittedAtSpx };
}

/** Run one unit of work in this thread. */
export function runJob(job: WorkerJob, payload: unknown, hooks: JobHooks = {}): unknown {
  switch (job) {
    case 'montecarlo-chunk':
      return runMonteCarloSetup(chunkSetup(payload), hooks);
    case 'montecarlo-merge': {
      const p = payload as { parts: MonteCarloPartial[]; withPartial: boolean; range: PathRange };
      return mergeAndSummarize(p.parts, p.withPartial, p.range);
    }
    case 'frontier-chunk':
      return runFrontierChunk(payload, hooks);
    case 'frontier-merge': {
      const p = payload as { parts: FrontierPartial[]; withPartial: boolean };
      return mergeAndSummarizeFrontierParts(p.parts, p.withPartial);
    }
    case 'stress':
      // Checked on the request thread too, but for a body carrying a chain as rows (handlers/stress.ts).
      return stressGrid(checkedStressInput(payload));
    case 'replay':
      // The body as it came (handlers/replay.ts): its rows checked here, off the request thread.
      return replayWithinWorkLimit(payload);
    case 'surface':
      // Limit-checked on the request thread, and parsed there too unless its chain is rows (handlers/surface.ts).
      return buildSurface(parseInput(SurfaceChainInputSchema, payload));
    case 'chain': {
      // A market's chain, fitted as the method fits it (handlers/chains.ts): the surface's data, the quotes.
      const j = payload as ChainFitJob;
      if (j.check) checkBody(j.check);
      return fitChain(j);
    }
    case 'plan':
      // A plan input whose market carries a VIX chain or a chain as rows: plan() as the request thread would run it.
      return plan(payload as PlanInput);
    case 'setup':
      return runSetup(payload as SetupJob);
  }
}

/** An error as it crosses the thread boundary (structured clone drops classes). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  field?: string;
  problem?: string;
  fix?: string;
  issues?: InputIssue[];
  pathsDone?: number;
  /** NonFiniteResultError: where the number is and what it was. */
  path?: string;
  value?: string;
}

export function errorToWire(e: unknown): WireError {
  if (e instanceof InputValidationError) {
    return {
      name: e.name,
      message: e.message,
      code: e.code,
      field: e.field,
      problem: e.problem,
      fix: e.fix,
      issues: [...e.issues],
    };
  }
  if (e instanceof InvalidFields) {
    const { name, message, code, field, problem, fix } = e;
    return { name, message, code, field, problem, fix, issues: [...e.issues] };
  }
  // before AlvhError, whose subclass it is: rebuilt as a plain AlvhError it would not be told from
  // a refusal of the input, and the pool would report it in place of what stopped the run
  if (e instanceof MonteCarloCancelled) return { name: e.name, message: e.message, pathsDone: e.pathsDone };
  if (e instanceof AlvhError) {
    const a = e as AlvhError<string>;
    return { name: a.name, message: a.message, code: a.code, field: a.field, problem: a.problem, fix: a.fix };
  }
  if (e instanceof NonFiniteResultError) return { name: e.name, message: e.message, path: e.path, value: e.value };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Rebuild the error on the pool's side: AlvhError (and InputValidationError, InvalidFields) keep their class. */
export function errorFromWire(w: WireError): Error {
  const [at, ...also] = (w.issues ?? []).map((i) => i.path);
  if (w.name === 'InvalidFields' && at !== undefined && w.problem !== undefined && w.fix !== undefined)
    return new InvalidFields([at, ...also], w.problem, w.fix);
  if (w.issues) return new InputValidationError(w.issues);
  if (w.code && w.field !== undefined && w.problem !== undefined && w.fix !== undefined) {
    return new AlvhError(w.code as AlvhError['code'], w.field, w.problem, w.fix);
  }
  if (w.name === 'MonteCarloCancelled') return new MonteCarloCancelled(w.pathsDone ?? 0);
  if (w.name === 'NonFiniteResultError' && w.path !== undefined)
    return new NonFiniteResultError(w.path, Number(w.value));
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

/**
 * What stopped a chunked run: its first chunk refused for a cause of its own, not a sibling's
 * cancellation that followed it (the first failure cancels the others, and a lower chunk's
 * cancellation may come first in the list); else its first refusal; undefined when none was.
 */
export function runFailure(settled: readonly PromiseSettledResult<unknown>[]): PromiseRejectedResult | undefined {
  const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  return rejected.find((s) => !isCancelledError(s.reason)) ?? rejected[0];
}

/** The buffers of the typed arrays inside the partials, and in their arrays (moved, not copied, to the merging worker). */
export function buffersOf(parts: readonly object[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  };
  for (const p of parts)
    for (const v of Object.values(p)) {
      if (Array.isArray(v)) v.forEach(add);
      else add(v);
    }
  return out;
}
