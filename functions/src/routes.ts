/**
 * THE route table: every endpoint once, with its method, path, auth level, description, request
 * schema and handler. The Azure app (app.ts) registers each row with `app.http`, the local host
 * (localHost.ts) dispatches to the same rows, and the OpenAPI document is generated from them.
 */
import pkg from '../package.json' with { type: 'json' };
import {
  FrontierInputSchema,
  MonteCarloInputSchema,
  PlanInputSchema,
  ReplayInputSchema,
  StressGridInputSchema,
} from '@alvh/shared';
import {
  FRONTIER_EXAMPLE,
  MONTECARLO_EXAMPLE,
  PLAN_EXAMPLE,
  PLAN_LADDER_EXAMPLE,
  REPLAY_EXAMPLE,
  STRESS_EXAMPLE,
  SURFACE_EXAMPLE,
} from './handlers/examples';
import { frontierHandler } from './handlers/frontier';
import { healthResponse } from './handlers/health';
import { monteCarloHandler } from './handlers/montecarlo';
import { planHandler } from './handlers/plan';
import { replayHandler } from './handlers/replay';
import { stressHandler } from './handlers/stress';
import { SurfaceInputSchema, surfaceHandler } from './handlers/surface';
import { flagSchema } from './http/query';
import { defineJsonRoute, defineRoute, JsonText, jsonResponse, type Route } from './http/route';
import { buildOpenApi } from './openapi';

export const API_VERSION: string = pkg.version;

const health = defineRoute(
  {
    name: 'health',
    method: 'GET',
    route: 'health',
    authLevel: 'anonymous',
    summary: 'Service health',
    description:
      'Answers 200 while the host is up, with the service version, the server time and the compute pool load ' +
      '(threads, busy, queued); status is "degraded" while the pool cannot take another heavy run. No key needed.',
    response: {
      description: 'The service is up',
      resultType: 'HealthResult',
      example: {
        status: 'ok',
        service: 'alvh',
        version: API_VERSION,
        time: '2026-11-24T06:00:00.000Z',
        pool: { threads: 2, busy: 0, queued: 0 },
      },
    },
    heavy: false,
  },
  () => healthResponse(API_VERSION),
);

/** The OpenAPI document's text, built once (about 180 KB: serialised again per call it cost a pipelined flood dearly). */
let openApiText: JsonText | undefined;

const openapi = defineRoute(
  {
    name: 'openapi',
    method: 'GET',
    route: 'openapi.json',
    authLevel: 'anonymous',
    summary: 'OpenAPI 3.1 description of this API',
    description:
      'Generated at run time from the route table, the shared zod input schemas and the JSON schemas generated at build time from the result types.',
    response: { description: 'The OpenAPI 3.1 document' },
    heavy: false,
  },
  () => {
    openApiText ??= new JsonText(JSON.stringify(buildOpenApi(routes, API_VERSION)));
    return jsonResponse(openApiText);
  },
);

const planRoute = defineJsonRoute(
  {
    name: 'plan',
    route: 'plan',
    authLevel: 'function',
    summary: 'The explained hedge plan',
    description:
      'Sizes the calendar overlay and the tail VIX call hedge of an SPX iron condor, or of a ladder of condors netted as one book (`condors`), from the VIX futures term structure: ' +
      'regime, budget split with its audit trail, condor analytics, overlay and tail legs, caps, rebalance status and warnings. ' +
      'Runs inline in milliseconds; an SPX chain in `market.chain` is fitted on the worker pool first (about 0.3-0.5 s of CPU for a real chain), ' +
      'and a plan whose market carries a VIX chain (`market.vixChain`) is built on the worker pool whole.',
    request: {
      schemaName: 'PlanInput',
      schema: PlanInputSchema,
      example: PLAN_EXAMPLE,
      moreExamples: {
        ladder: { summary: 'a ladder of three condors (condors instead of condor)', value: PLAN_LADDER_EXAMPLE },
      },
    },
    response: {
      resultType: 'PlanResult',
      description:
        'The plan: termStructure, regime, split, condor (the first of a ladder), condors[], ladder (the book netted), overlay, tail, budget, capital, rebalance, audit[], warnings[], and ' +
        '`book` {condor, overlay, tail} as legs (ready for /api/stress and /api/montecarlo).',
    },
    heavy: false,
  },
  planHandler,
);

const stress = defineJsonRoute(
  {
    name: 'stress',
    route: 'stress',
    authLevel: 'function',
    summary: 'Stress grid',
    description:
      'Re-marks the book (from a `plan` input, or an explicit `book` of legs) at every SPX move × VIX level × days elapsed and returns the P&L of the condor, the overlay, the tail ' +
      'and the total, indexed [day][spxMove][vixLevel], in USD. Runs on the worker pool. Limit: grid cells (422 names it).',
    request: { schemaName: 'StressGridInput', schema: StressGridInputSchema, example: STRESS_EXAMPLE },
    response: {
      description: 'The axes, their dates, today’s values (base) and the four P&L cubes, USD.',
      resultType: 'StressResult',
    },
    heavy: true,
  },
  stressHandler,
);

const replayRoute = defineJsonRoute(
  {
    name: 'replay',
    route: 'replay',
    authLevel: 'function',
    summary: 'Historical replay of the policy',
    description:
      'Applies the ALVH policy day by day to the daily market rows sent (SPX, VIX, VVIX, VX1..VXn settlements, oldest first): ' +
      'opens condors on the schedule, sizes and rebalances their hedges, marks everything to model. Runs on the worker pool. ' +
      'Limits: rows per request, rows replayed × legs held (422 names the limit) and the request body size (413).',
    request: { schemaName: 'ReplayInput', schema: ReplayInputSchema, example: REPLAY_EXAMPLE },
    response: {
      resultType: 'ReplayAnswer',
      description:
        'Daily ledger (optional), summaries per year and per episode, chart-ready series, one line per condor.',
    },
    heavy: true,
  },
  replayHandler,
);

const montecarlo = defineJsonRoute(
  {
    name: 'montecarlo',
    route: 'montecarlo',
    authLevel: 'function',
    summary: 'Monte Carlo run or chunk',
    description:
      'Simulates joint SPX/VIX paths (seeded, counter-based: the same seed gives the same paths) and the P&L of the unhedged ' +
      'condor and of the ALVH book per path, for a `plan` input (the method sizes the hedges) or an explicit `book` of legs. Send `paths` for the whole run and `firstPath`/`pathCount` for one chunk; ' +
      'chunks of one run (same seed and paths) merge exactly with mergeMonteCarlo. Runs on the worker pool. ' +
      'Limits: paths per run, horizon days, and pathCount × horizon days per call (422 names the limit).',
    request: { schemaName: 'MonteCarloInput', schema: MonteCarloInputSchema, example: MONTECARLO_EXAMPLE },
    query: [
      {
        name: 'partial',
        description:
          '`false` answers the summary alone, without the per-path arrays (for a whole run). `true` or `false`, any case',
        schema: flagSchema(true),
      },
    ],
    response: {
      resultType: 'MonteCarloResult',
      description:
        '`partial`: the chunk (per-path arrays `condor`, `book`, `costs`, `rebalances`, `tailContracts` in path order, USD); ' +
        '`summary`: its distribution statistics (mean with standard error, percentiles, VaR/CVaR, the full-range and the body histograms). ' +
        'With `Accept: application/x-ndjson` the answer streams the run’s progress (paths done) before this answer.',
      streams: true,
    },
    heavy: true,
  },
  monteCarloHandler,
);

const frontierRoute = defineJsonRoute(
  {
    name: 'frontier',
    route: 'frontier',
    authLevel: 'function',
    summary: 'Budget frontier: downside risk bought per hedge dollar',
    description:
      'For a `plan` input and a ladder of hedge budgets (`budgets`, default 11 from 0 to what the literal rule costs, its overlay and its 1.8× tail), ' +
      'the mix of overlay units and tail structure units that leaves the least CVaR 95 of the book on the Monte Carlo paths where SPX ends ' +
      'below its start, with the drawdown scenario’s loss and the worst historical analog’s loss beside it; the plan and the ' +
      'literal rule are marked on the same paths. Every budget is scored on the same paths (seeded); more budget never ' +
      'gives more risk. Send `firstPath`/`pathCount` for one chunk (`?partial=true` adds its per-path arrays; chunks merge ' +
      'exactly with mergeFrontier). Runs on the worker pool in path chunks. Limits: paths, path-steps and ' +
      'paths × steps × legs per call, whatever the budgets (422 says to chunk), and the exact search’s down paths × steps, which grow ' +
      'with the book and the largest budget (422 names the paths that fit, or fewer condors or a smaller largest budget).',
    request: { schemaName: 'FrontierInput', schema: FrontierInputSchema, example: FRONTIER_EXAMPLE },
    query: [
      {
        name: 'partial',
        description:
          '`true` adds the merged per-path arrays (`partial`) for merging chunks run elsewhere. `true` or `false`, any case',
        schema: flagSchema(false),
      },
    ],
    response: {
      resultType: 'FrontierAnswer',
      description:
        '`points` [{budget, structure, split, overlayShare, tailUnits, overlayUnits, cost, cvar95Down, drawdownLoss, worstAnalogLoss}] ' +
        'in budget order, `plan` and `rule` (marked points with the cheapest frontier point that matches them), `unhedged`, ' +
        '`downPaths`, `downDefinition`, `warnings` (too few down paths), `components` (premium and scenario gain per unit), USD. ' +
        'With `Accept: application/x-ndjson` the answer streams the run’s progress (paths done) before this answer.',
      streams: true,
    },
    heavy: true,
  },
  frontierHandler,
);

const surface = defineJsonRoute(
  {
    name: 'surface',
    route: 'surface',
    authLevel: 'function',
    summary: 'SPX volatility surface from a chain or the Cboe indices',
    description:
      'Builds the SPX surface of method Section 2b. Chain form: `chain` (the Cboe quotedata CSV text, or rows ' +
      '{expiry, strike, type, bid, ask}, with `valuationDate` for rows), optional `spot`: forward and discount per expiry ' +
      'from put-call parity, a raw SVI slice fitted per expiry, butterfly and calendar arbitrage checked and repaired; ' +
      'parsed and fitted on the worker pool. Index form: `valuationDate`, `spot`, `indices` {vix, vix9d?, vix3m?, vix6m?, skew?}, ' +
      '`rate?`, `divYield?`; runs inline. Both take `points` [{expiry, strike}] and answer in one shape. ' +
      'Limits: chain characters and rows (422), points (400).',
    request: { schemaName: 'SurfaceInput', schema: SurfaceInputSchema, example: SURFACE_EXAMPLE },
    response: {
      resultType: 'SurfaceResult',
      description:
        '`source` (chain, indices or vix-only), `label`, `warnings`, `expiries` [{expiry, forward, discount, atmVol, svi {a, b, rho, m, sigma}, ' +
        'rmseVolPts, insideSpreadPct, quotes}] (fit figures null for the index form), `arbitrage` {butterfly, calendar, calendarRepaired} ' +
        '(counts) and `points` [{expiry, strike, vol}] (vols as decimals).',
    },
    heavy: true,
  },
  surfaceHandler,
);

/** Every endpoint, in the order the documentation lists them. */
export const routes: readonly Route[] = [
  health,
  openapi,
  planRoute,
  surface,
  stress,
  montecarlo,
  frontierRoute,
  replayRoute,
];

/** The route for a path below `/api` (`plan`, `openapi.json`), if any. */
export function findRoute(path: string): Route | undefined {
  return routes.find((r) => r.route === path);
}
