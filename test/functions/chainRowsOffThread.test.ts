/**
 * A chain sent as rows is checked against its schema on the worker, not on the request thread:
 * wherever a request may carry one (a plan's market.chain and vixChain, a scenario's plan.market
 * or book, /api/surface's chain), the handler hands the body to the pool as it came (only the room
 * in the pool and the counts are checked before), and the refusals the worker finds answer the same
 * problem documents the request thread gave when it checked the rows itself, on the Azure handler
 * and on the local host alike.
 */
import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import {
  FrontierInputSchema,
  MonteCarloInputSchema,
  parseInput,
  plan,
  PlanInputSchema,
  StressGridInputSchema,
  type PlanInput,
} from '@alvh/shared';
import { setComputeRunner, type ComputeJob, type ComputeRunner } from '../../functions/src/compute';
import { checkedStressInput } from '../../functions/src/compute/checks';
import { PoolBusyError } from '../../functions/src/compute/index';
import { BOOK_EXAMPLE } from '../../functions/src/handlers/examples';
import { SurfaceChainInputSchema } from '../../functions/src/handlers/surface';
import { problemFromError } from '../../functions/src/http/problem';
import { PLAN_INPUT } from '../helpers/fixtures';
import { vixChainRows } from '../helpers/vixChain';
import { callRoute, type Json } from './postJson';
import { hostPost, usePoolAndHost } from './poolHost';

const BASE = PLAN_INPUT as PlanInput;
const WRONG_ROW = { expiry: 'x', strike: 'y', type: 'z', bid: 'a', ask: 'b' };
/** 40,000 rows of every field wrong (the most a chain takes): 2.2 MB of JSON, a tenth of a second or more to check. */
const WRONG_ROWS = Array.from({ length: 40_000 }, () => WRONG_ROW);
const ROW = { expiry: '2026-12-18', strike: 6600, type: 'put', bid: 50, ask: 51 };

const withMarket = (market: object) => ({ ...BASE, market: { ...BASE.market, ...market } });
const surface = plan(BASE).surface.data;
const book = { ...BOOK_EXAMPLE };

/** Bodies whose chain rows the request thread used to check, with the route and the job that now gets them. */
const UNREAD: [string, string, object, ComputeJob][] = [
  ['plan', 'market.chain', withMarket({ chain: WRONG_ROWS }), 'chain'],
  ['plan', 'market.vixChain', withMarket({ vixChain: WRONG_ROWS.slice(0, 8_000) }), 'plan'],
  ['plan', 'market.chain beside market.surface', withMarket({ chain: WRONG_ROWS, surface }), 'plan'],
  ['surface', 'chain', { chain: WRONG_ROWS, valuationDate: '2026-11-20' }, 'surface'],
  ['stress', 'plan.market.chain', { plan: withMarket({ chain: WRONG_ROWS }), spxMoves: [0] }, 'chain'],
  ['stress', 'plan.market.vixChain', { plan: withMarket({ vixChain: WRONG_ROWS.slice(0, 8_000) }) }, 'stress'],
  ['montecarlo', 'book.chain', { book: { ...book, chain: WRONG_ROWS }, paths: 10 }, 'chain'],
  ['frontier', 'plan.market.vixChain', { plan: withMarket({ vixChain: WRONG_ROWS.slice(0, 8_000) }) }, 'setup'],
];

/** The body a job was given: its own payload, or the body a fit's or a setup's payload carries to check. */
function bodyGiven(job: ComputeJob, payload: unknown): unknown {
  const p = payload as { check?: { body: unknown }; body?: unknown };
  if (job === 'chain') return p.check?.body;
  if (job === 'setup') return p.body;
  return payload;
}

/** A runner that records what it is given and refuses it as a full pool would (the route answers 503). */
class Recorder implements ComputeRunner {
  readonly given: [ComputeJob, unknown][] = [];
  run(job: ComputeJob, payload: unknown): Promise<unknown> {
    this.given.push([job, payload]);
    return Promise.reject(new PoolBusyError(1, 1, 1));
  }
  checkRoom(): void {}
  async close(): Promise<void> {}
}

const book40 = { ...book, vixChain: vixChainRows() };

/** Bodies refused once their rows are read, and what the request thread answered when it read them. */
const REFUSED: [string, string, object, (body: object) => unknown][] = [
  ['plan', '40,000 wrong SPX rows (the check stops)', withMarket({ chain: WRONG_ROWS }), parsed(PlanInputSchema)],
  [
    'plan',
    'a wrong SPX row and a wrong quantity',
    { ...withMarket({ chain: [ROW, { ...ROW, bid: -1 }] }), condor: { ...BASE.condor, quantity: -1 } },
    parsed(PlanInputSchema),
  ],
  ['plan', 'an unknown field in a VIX row', withMarket({ vixChain: [{ ...ROW, mid: 1 }] }), parsed(PlanInputSchema)],
  ['plan', 'SPX rows beside a surface', withMarket({ chain: [ROW], surface }), (b) => plan(b as PlanInput)],
  [
    'surface',
    'wrong rows and points',
    { chain: [ROW, { ...ROW, type: 'x' }], valuationDate: '2026-11-20', points: 'all' },
    parsed(SurfaceChainInputSchema),
  ],
  [
    'stress',
    'wrong SPX rows in the plan, and wrong moves',
    { plan: withMarket({ chain: WRONG_ROWS.slice(0, 5) }), spxMoves: ['x'] },
    parsed(StressGridInputSchema),
  ],
  [
    'stress',
    'a book with VIX rows over the grid limit',
    {
      book: book40,
      spxMoves: Array.from({ length: 200 }, (_, i) => -0.5 + i / 200),
      vixLevels: Array.from({ length: 20 }, (_, i) => 10 + i),
      days: [0, 1, 2, 3, 4, 5, 6],
    },
    (b) => checkedStressInput(b),
  ],
  [
    'montecarlo',
    'wrong SPX rows in the book',
    { book: { ...book, chain: WRONG_ROWS.slice(0, 3) }, paths: 10 },
    parsed(MonteCarloInputSchema),
  ],
  [
    'frontier',
    'a wrong VIX row in the plan, and a wrong seed',
    { plan: withMarket({ vixChain: [{ ...ROW, strike: 0 }] }), seed: 'x' },
    parsed(FrontierInputSchema),
  ],
];

function parsed(schema: Parameters<typeof parseInput>[0]): (body: object) => unknown {
  return (body) => parseInput(schema, body);
}

/** The problem the request thread answered when it checked the body itself, before queueing. */
function requestThreadProblem(route: string, body: object, check: (body: object) => unknown): Json {
  try {
    check(body);
  } catch (e) {
    return problemFromError(e, new InvocationContext(), `/api/${route}`).problem;
  }
  throw new Error('expected the body to be refused');
}

const { pool, host } = usePoolAndHost('alvh-chain-rows-');

describe('a chain sent as rows is checked on the worker', () => {
  it.each(UNREAD)('POST /api/%s with %s: the body reaches the pool unread', async (route, _where, body, job) => {
    const runner = new Recorder();
    setComputeRunner(runner);
    const azure = await callRoute(route, { body });
    const local = await hostPost(host(), route, body);
    expect([azure.status, local.status]).toEqual([503, 503]);
    expect(runner.given.map(([j]) => j)).toEqual([job, job]);
    for (const [j, payload] of runner.given) expect(bodyGiven(j, payload)).toEqual(body);
  });

  it.each(REFUSED)('POST /api/%s, %s: the problem document the request thread answered', async (route, _n, body, f) => {
    setComputeRunner(pool());
    const expected = requestThreadProblem(route, body, f);
    expect([400, 422]).toContain(expected.status);
    const azure = await callRoute(route, { body });
    expect(azure.status).toBe(expected.status);
    expect(azure.json).toEqual(expected);
    const local = await hostPost(host(), route, body);
    expect(local.status).toBe(expected.status);
    expect(local.json).toEqual(expected);
  });
});
