/**
 * A chain inside a request is fitted on the worker pool (functions/src/handlers/chains.ts): on the
 * real 2023-06-09 SPX chain, /api/plan, /api/stress and /api/montecarlo answer exactly what the
 * shared functions give for the same input, with one `chain` job handed to the pool before the
 * route's own; bad input queues nothing; a chain the method refuses is the same 400 naming the same
 * field; and while the fit runs on the pool, the local host's request thread answers others.
 */
import { afterAll, beforeEach, expect, it } from 'vitest';
import { postJson } from './postJson';
import { frontier, plan, runMonteCarloChunk, stressGrid, summarizeMonteCarlo, type PlanInput } from '@alvh/shared';
import { setComputeRunner, type ComputeJob, type ComputeRunner } from '../../functions/src/compute';
import type { RunOptions } from '../../functions/src/compute/pool';
import { startLocalHost } from '../../functions/src/localHost';
import { describeWithData, readDataFile } from '../helpers/marketData';
import { inlineCompute } from './inlineCompute';
import { MARKET_2023_06_09 } from '../helpers/fixtures';
import { CROSSED_CALENDAR } from '../shared/surface/crossedCalendar';

const TEXT = (() => {
  try {
    return readDataFile('cboe_spx_quotedata_2023-06-09__AyourElwazani97.csv');
  } catch {
    return '';
  }
})();

/** A 10-lot condor of 2023-06-09 on the day's chain; the curve a proxy from VIX and VIX3M. */
const INPUT: PlanInput = {
  valuationDate: '2023-06-09',
  market: { ...MARKET_2023_06_09, chain: TEXT },
  condor: { expiry: '2023-07-21', strikes: [4000, 4050, 4500, 4550], quantity: 10 },
  portfolio: { capital: 2_000_000 },
};

/** The in-thread runner, recording every job (and its options) in the order it was handed over. */
class Recorder implements ComputeRunner {
  readonly jobs: ComputeJob[] = [];
  hold: Promise<void> | undefined;
  private readonly inline = inlineCompute();
  async run(job: ComputeJob, payload: unknown, opts?: RunOptions): Promise<unknown> {
    this.jobs.push(job);
    if (job === 'chain') await this.hold;
    return this.inline.run(job, payload, opts);
  }
  async close(): Promise<void> {}
}

let runner: Recorder;
beforeEach(() => {
  runner = new Recorder();
  setComputeRunner(runner);
});
afterAll(() => setComputeRunner(undefined));

const call = postJson;

/** What JSON carries of a value (the API's answer is its JSON). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describeWithData('a chain inside a request is fitted on the pool (2023-06-09)', () => {
  it('POST /api/plan: the same plan as plan() on the chain, the fit handed to the pool', async () => {
    const r = await call('plan', INPUT);
    expect(r.status).toBe(200);
    expect(runner.jobs).toEqual(['chain']);
    const direct = plan(INPUT);
    expect(direct.surface.source).toBe('chain');
    expect(r.json).toEqual(asJson(direct));
  });

  it("POST /api/plan with positions: the orders carry the chain's bid / ask, as plan() on the chain gives them", async () => {
    const withPositions: PlanInput = { ...INPUT, positions: [] };
    const r = await call('plan', withPositions);
    expect(r.status).toBe(200);
    expect(runner.jobs).toEqual(['chain']);
    const direct = plan(withPositions);
    const spx = direct.orders!.orders.filter((o) => o.leg.kind === 'spx');
    expect(spx.length).toBe(4);
    for (const o of spx) expect(o.ask! - o.bid!).toBeGreaterThan(0);
    expect(r.json).toEqual(asJson(direct));
  });

  it('POST /api/plan at an SPX 1% from the quotes: no bid / ask, and the warning plan() gives', async () => {
    // the file's quotes were taken at 4300.01; the marks move to market.spx, the quotes do not
    const away: PlanInput = { ...INPUT, market: { ...INPUT.market, spx: 4255.87 }, positions: [] };
    const r = await call('plan', away);
    expect(r.status).toBe(200);
    const direct = plan(away);
    expect(direct.orders!.orders.length).toBeGreaterThan(0);
    expect(direct.orders!.orders.some((o) => 'bid' in o || 'note' in o)).toBe(false);
    expect(direct.warnings).toContain(
      "The orders carry no bid or ask: market.chain's quotes were taken at SPX 4300.01 (its Last), 1.0% above market.spx 4255.87, where the plan marks; limits are the model mids on the grid. For limits within the quotes, pass market.spx at the chain's Last or a chain taken at this SPX.",
    );
    expect(r.json).toEqual(asJson(direct));
  });

  it('POST /api/plan words the chain as plan() does: a table read at SPX, quotedata whose Last is SPX', async () => {
    // a table carries no spot: its forwards near 4300 read at SPX 4250 (1.2% off) are warned of as a table's
    const table = [
      'expiry,strike,type,bid,ask',
      ...CROSSED_CALENDAR.map((r) => [r.expiry, r.strike, r.type, r.bid, r.ask].join(',')),
    ].join('\n');
    // quotedata carries its Last (here typed as the SPX sent): its marks move from it, nothing to warn of
    const lastAtSpx = TEXT.replace('Last: 4300.0098', 'Last: 4270');
    for (const [chain, spx] of [
      [table, 4250],
      [lastAtSpx, 4270],
    ] as const) {
      const body: PlanInput = { ...INPUT, market: { ...INPUT.market, spx, chain } };
      const r = await call('plan', body);
      expect(r.status).toBe(200);
      const direct = plan(body);
      expect(r.json).toEqual(asJson(direct));
    }
    expect(plan({ ...INPUT, market: { ...INPUT.market, spx: 4250, chain: table } }).warnings).toContainEqual(
      expect.stringContaining('market.chain carries no spot of its own and is read at market.spx'),
    );
  });

  it('POST /api/stress with the plan: the same grid as stressGrid(), the fit first', async () => {
    const body = { plan: INPUT, spxMoves: [-0.1, 0, 0.05], vixLevels: [15, 30], days: [0, 7] };
    const r = await call('stress', body);
    expect(r.status).toBe(200);
    expect(runner.jobs).toEqual(['chain', 'stress']);
    expect(r.json).toEqual(asJson(stressGrid(body)));
  });

  it('POST /api/montecarlo with a book on the chain: the same summary as the shared run, the fit first', async () => {
    const p = plan(INPUT);
    const { spx: _s, futures, rate, divYield, vix } = INPUT.market;
    const book = {
      valuationDate: INPUT.valuationDate,
      spot: 4298.86,
      vix,
      rate,
      divYield,
      futures,
      chain: TEXT,
      ...p.book,
    };
    const body = { book, paths: 400, seed: 3 };
    const r = await call('montecarlo?partial=false', body);
    expect(r.status).toBe(200);
    expect(runner.jobs).toEqual(['chain', 'montecarlo']);
    expect(r.json.summary).toEqual(asJson(summarizeMonteCarlo(runMonteCarloChunk(body))));
  });

  it('POST /api/frontier: the same frontier as frontier(), the fit first', async () => {
    const body = { plan: INPUT, paths: 200, seed: 5, budgets: [0, 5_000] };
    const r = await call('frontier', body);
    expect(r.status).toBe(200);
    expect(runner.jobs).toEqual(['chain', 'frontier']);
    expect(r.json).toEqual(asJson(frontier(body)));
  });

  it('a chain of another day is the 400 the method gives, naming market.chain', async () => {
    const other = { ...INPUT, valuationDate: '2023-06-12' };
    let direct: unknown;
    try {
      plan(other);
    } catch (e) {
      direct = e;
    }
    const r = await call('plan', other);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('market.chain');
    expect(r.json.detail).toContain((direct as Error & { problem: string }).problem);
    expect(runner.jobs).toEqual(['chain']);
  });

  it('bad input elsewhere, or a chain beside a surface, queues no work', async () => {
    const bad = await call('plan', { ...INPUT, condor: { ...INPUT.condor, quantity: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('condor.quantity');
    const surface = plan({ ...INPUT, market: { ...INPUT.market, chain: undefined } }).surface.data;
    const both = await call('plan', { ...INPUT, market: { ...INPUT.market, surface } });
    expect(both.status).toBe(400);
    expect(both.json.field).toBe('market.surface');
    expect(runner.jobs).toEqual([]);
  });

  it('while the fit runs on the pool, the local host answers other requests', async () => {
    let release!: () => void;
    runner.hold = new Promise((r) => (release = r));
    const host = await startLocalHost({ port: 0, tls: false, corsOrigins: ['*'] });
    try {
      const planned = fetch(`${host.url}/api/plan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(INPUT),
      });
      let answered = false;
      void planned.then(() => (answered = true));
      // Poll health until the plan's fit is on the pool: the request thread is free the whole time.
      for (;;) {
        const h = await fetch(`${host.url}/api/health`);
        expect(h.status).toBe(200);
        if (runner.jobs.includes('chain')) break;
      }
      expect(answered).toBe(false);
      release();
      expect((await planned).status).toBe(200);
    } finally {
      await host.close();
    }
  });
});

/** A plan whose chain the pool "fits" to a surface of these slices (a stub runner answers them). */
async function planOnFitted(slices: unknown[]) {
  const fitted = {
    valuationDate: '2023-06-09',
    spot: 4298.86,
    source: 'chain',
    slices,
    referenceVix: 14,
    warnings: [],
    label: 'chain',
  };
  setComputeRunner({ run: async () => ({ data: fitted, quotes: [] }), close: async () => {} });
  return call('plan', { ...INPUT, market: { ...INPUT.market, chain: 'a chain the stub fits' } });
}

it('a fit whose surface a request could not send (over 500 expiries) is a 422 naming the chain', async () => {
  const slice = { expiry: '2023-07-21', root: 'SPX', years: 0.1, forward: 4300, discount: 0.99 };
  const svi = { a: 0.01, b: 0.1, rho: -0.5, m: 0, sigma: 0.1 };
  const r = await planOnFitted(Array.from({ length: 501 }, (_, i) => ({ ...slice, years: 0.1 + i / 1000, svi })));
  expect(r.status).toBe(422);
  expect(r.json).toMatchObject({ code: 'limit_exceeded', field: 'market.chain' });
  expect(r.json.detail).toContain('501 expiries');
});

it.each(['plan', 'surface'])(
  'a chain of commas alone (an empty range saved as CSV) is a 400 naming it on /api/%s, not a 500',
  async (route) => {
    const body =
      route === 'plan'
        ? { ...INPUT, market: { ...INPUT.market, chain: ',,,,\n,,,,\n' } }
        : { chain: ' , \n,,', valuationDate: '2023-06-09' };
    const r = await call(route, body);
    expect(r.status).toBe(400);
    expect(r.json.field).toBe(route === 'plan' ? 'market.chain' : 'chain');
    expect(r.json.detail).toMatch(/is empty \(blank lines or commas alone\)/);
  },
);

// On the worker, parseChain's layout test crossed a run of CRs from each of them (300,000 held a
// worker the whole job limit, then a 503 asked to retry); read line by line, the chain of CRs alone
// is the 400 of an empty chain at once. The test's time limit is only the backstop.
it('a chain of 1,900,000 lone CRs is a 400 naming market.chain as empty, read in one pass', async () => {
  // 3.8 MB of JSON (a CR is written \r there, two bytes), within the body limit
  const r = await call('plan', { ...INPUT, market: { ...INPUT.market, chain: '\r'.repeat(1_900_000) + ',' } });
  expect([r.status, r.json.field]).toEqual([400, 'market.chain']);
  expect(r.json.detail).toMatch(/is empty \(blank lines or commas alone\)/);
});

describeWithData('a refusal inside a scenario’s plan is named where the plan sits', () => {
  it.each(['stress', 'montecarlo', 'frontier'])('/api/%s: plan.market.chain, plan.market.spx', async (route) => {
    const other = { ...INPUT, valuationDate: '2023-06-12' };
    const r = await call(route, { plan: other, ...(route === 'stress' ? {} : { paths: 10 }) });
    expect([r.status, r.json.field]).toEqual([400, 'plan.market.chain']);
    const spx = await call(route, {
      plan: { ...INPUT, market: { ...INPUT.market, chain: undefined, spx: 1e9 } },
      ...(route === 'stress' ? {} : { paths: 10 }),
    });
    expect([spx.status, spx.json.field]).toEqual([400, 'plan.market.spx']);
  });

  it('a bad chain row is named once: market.chain[0].expiry, not market.chain.chain[0].expiry', async () => {
    const rows = [{ expiry: '2023-06-01', strike: 4300, type: 'put', bid: 1, ask: 2 }];
    const r = await call('plan', { ...INPUT, market: { ...INPUT.market, chain: rows } });
    expect(r.status).toBe(400);
    expect(r.json.field).toBe('market.chain[0].expiry');
    const text = await call('plan', {
      ...INPUT,
      market: { ...INPUT.market, chain: 'expiry,strike,type,bid,ask\nx,1,put,1,2' },
    });
    expect(text.json.field).toBe('market.chain line 2 column 1 (expiry)');
  });
});

it('a book leg expiring outside the exchange calendar is named at the leg, not as "years" or "horizonDays"', async () => {
  const book = {
    valuationDate: '2023-06-09',
    spot: 4298.86,
    vix: 13.83,
    rate: 0.05,
    divYield: 0.014,
    futures: INPUT.market.futures,
    condor: [{ kind: 'spx', type: 'put', strike: 4000, expiry: '9999-12-31', quantity: 1 }],
    overlay: [],
    tail: [],
  };
  for (const route of ['stress', 'montecarlo']) {
    const r = await call(route, { book, ...(route === 'stress' ? {} : { paths: 10 }) });
    expect(r.status).toBe(400);
    expect(r.json.issues[0]).toEqual({
      path: 'book.condor[0].expiry',
      message: "is 9999-12-31, outside the exchange calendar's 2000-2040; pass an expiry from 2000 to 2040",
    });
  }
});

it('a fit outside what a surface may carry is a 400 naming the chain and the slice, not "beyond 500 slices"', async () => {
  const slice = { expiry: '2025-12-19', root: 'SPXW', years: 2.5, forward: 4300, discount: 0.9 };
  const r = await planOnFitted([{ ...slice, svi: { a: 0.01, b: 0.1, rho: -0.5, m: 0, sigma: 11 } }]);
  expect(r.status).toBe(400);
  expect(r.json.field).toBe('market.chain');
  expect(r.json.detail).toMatch(/at its 2025-12-19 expiry \(slices\.0\.svi\.sigma: SVI σ is a log-moneyness width/);
  expect(r.json.detail).not.toMatch(/500 slices/);
});
