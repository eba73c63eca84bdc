/**
 * Condor strikes out of order are named at the strike a trader would change: of the strikes that,
 * changed alone, put the four in order, the one far from the others (5900, 100, 7200, 7300 names
 * the 100, not the 5900 whose leaving out also leaves the rest increasing); a swap of two near
 * strikes is named at the first, as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setComputeRunner } from '../../functions/src/compute';
import { inlineCompute } from './inlineCompute';
import { postJson, type Json } from './postJson';

beforeAll(() => setComputeRunner(inlineCompute()));
afterAll(() => setComputeRunner(undefined));

const PLAN = JSON.parse(readFileSync(join('docs', 'examples', 'plan.json'), 'utf8')) as Json;
const withStrikes = (strikes: number[]): Json => ({ ...PLAN, condor: { ...PLAN.condor, strikes } });
const order = (strikes: number[]) =>
  `pass strikes in increasing order: long put < short put < short call < long call (they are ${strikes.join(', ')})`;

describe('condor strikes out of order name the strike to change', () => {
  it.each([
    [[5900, 100, 7200, 7300], 1], // the example's short put typed 100: not the long put beside it
    [[5900, 6000, 72000, 7300], 2], // a short call with a zero too many
    [[5900, 6000, 7200, 730], 3], // a long call with a zero too few
    [[6000, 5900, 7200, 7300], 0], // two near strikes swapped: the first, as before
  ])('/api/plan with strikes %j: condor.strikes[%i]', async (strikes, at) => {
    const r = await postJson('plan', withStrikes(strikes));
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: `condor.strikes[${at}]`, message: order(strikes) }]);
  });

  it('/api/frontier: plan.condor.strikes[1]', async () => {
    const strikes = [5900, 100, 7200, 7300];
    const r = await postJson('frontier', { plan: withStrikes(strikes), paths: 2000, seed: 7 });
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: 'plan.condor.strikes[1]', message: order(strikes) }]);
  });
});
