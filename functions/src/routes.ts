/**
 * THE route table: every endpoint once, with its method, path, auth level, description, request
 * schema and handler. The Azure app (app.ts) registers each row with `app.http`, the local host
 * (localHost.ts) dispatches to the same rows, and the OpenAPI document is generated from them.
 */
import pkg from '../package.json' with { type: 'json' };
import { MonteCarloInputSchema } from '@alvh/shared';
import { MONTECARLO_EXAMPLE } from './handlers/examples';
import { healthResponse } from './handlers/health';
import { monteCarloHandler } from './handlers/montecarlo';
import { defineJsonRoute, defineRoute, jsonResponse, type Route } from './http/route';
import { buildOpenApi } from './openapi';

export const API_VERSION: string = pkg.version;

const health = defineRoute(
  {
    name: 'health',
    method: 'GET',
    route: 'health',
    authLevel: 'anonymous',
    summary: 'Service health',
    description: 'Answers 200 with the service version and server time while the host is up. No key needed.',
    response: {
      description: 'The service is up',
      example: {
        status: 'ok',
        service: 'alvh',
        version: API_VERSION,
        time: '2026-11-24T06:00:00.000Z',
        node: 'v22.11.0',
      },
    },
    heavy: false,
  },
  async () => healthResponse(API_VERSION),
);

let openApiCache: Record<string, unknown> | undefined;

const openapi = defineRoute(
  {
    name: 'openapi',
    method: 'GET',
    route: 'openapi.json',
    authLevel: 'anonymous',
    summary: 'OpenAPI 3.1 description of this API',
    description: 'Generated at run time from the route table and the shared zod input schemas.',
    response: { description: 'The OpenAPI 3.1 document' },
    heavy: false,
  },
  async () => {
    openApiCache ??= buildOpenApi(routes, API_VERSION);
    return jsonResponse(openApiCache);
  },
);

const montecarlo = defineJsonRoute(
  {
    name: 'montecarlo',
    route: 'montecarlo',
    authLevel: 'function',
    summary: 'Monte Carlo run or chunk',
    description:
      'Simulates joint SPX/VIX paths (seeded, counter-based: the same seed gives the same paths) and the P&L of the unhedged ' +
      'condor and of the ALVH book per path. Send `paths` for the whole run and `firstPath`/`pathCount` for one chunk; ' +
      'chunks of one run (same seed and paths) merge exactly with mergeMonteCarlo. Runs on the worker pool. ' +
      'Limits: paths per run, horizon days, and pathCount × horizon days per call (422 names the limit).',
    request: { schemaName: 'MonteCarloInput', schema: MonteCarloInputSchema, example: MONTECARLO_EXAMPLE },
    response: {
      description:
        '`partial`: the chunk (per-path arrays `condor`, `book`, `costs`, `rebalances`, `tailContracts` in path order, USD); ' +
        '`summary`: its distribution statistics (mean with standard error, percentiles, VaR/CVaR, histogram).',
    },
    heavy: true,
  },
  monteCarloHandler,
);

/** Every endpoint, in the order the documentation lists them. */
export const routes: readonly Route[] = [health, openapi, montecarlo];

/** The route for a path below `/api` (`plan`, `openapi.json`), if any. */
export function findRoute(path: string): Route | undefined {
  return routes.find((r) => r.route === path);
}
