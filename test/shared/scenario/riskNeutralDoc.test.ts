/**
 * docs/scenarios.md quotes what the risk-neutral measure does not match (the SPX smile) with
 * figures measured on the docs example book one leg at a time; this reproduces them, so the doc
 * moves with the engine.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const example = JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as {
  book: Record<string, unknown>;
};
const docText = () => readFileSync(resolve(root, 'docs/scenarios.md'), 'utf8').replace(/\s+/g, ' ');
const usd = (x: number) => `$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;
const signed = (x: number) => `${x < 0 ? '−' : '+'}${usd(x)}`;

/** One leg alone, risk-neutral, 20,000 paths, seed 5, held fixed to `horizonDays` (its expiry when left out). */
function oneLeg(leg: Record<string, unknown>, horizonDays?: number) {
  const book = { ...example.book, condor: [{ ...leg, quantity: 1 }], overlay: [], tail: [] };
  const run = { book, paths: 20_000, seed: 5, measure: 'risk-neutral', rebalance: false };
  const part = runMonteCarloChunk(horizonDays === undefined ? run : { ...run, horizonDays });
  const s = summarizeMonteCarlo(part);
  return { pnl: `${signed(s.condor.mean)} ± ${usd(s.condor.meanStdError!)}`, horizonDays: part.horizonDays };
}

describe('docs/scenarios.md: what the risk-neutral measure does not match', () => {
  const spx = (type: string, strike: number) => ({ kind: 'spx', type, strike, expiry: '2027-01-15' });

  it('quotes the example book’s legs as the engine ends them, to 2027-01-15', () => {
    const text = docText();
    const atm = oneLeg(spx('call', 6600));
    expect(atm.horizonDays).toBe(56);
    expect(text).toContain(`ends ${atm.pnl} against a carry of`);
    expect(text).toContain(`the 7300 call ${oneLeg(spx('call', 7300)).pnl} on`);
    expect(text).toContain(`the 6000 put ${oneLeg(spx('put', 6000)).pnl} on`);
    expect(text).toContain(`the 5900 put ${oneLeg(spx('put', 5900)).pnl} on`);
    const vix = oneLeg({ kind: 'vix', type: 'call', strike: 19.5, expiry: '2027-01-20' });
    expect(text).toContain(`A VIX 19.5 call of 2027-01-20 held to its expiry ends ${vix.pnl} on`);
  });
});

describe("docs/scenarios.md: the hedges' carry, held and rebalanced", () => {
  /** The example request's whole book, 20,000 paths, seed 5: the hedges' mean cost and its error. */
  const carry = (rebalance: boolean, measure: string) => {
    // the example's book alone: its request is one chunk (pathCount 1,000 of 4,000), which would cut the run
    const s = summarizeMonteCarlo(
      runMonteCarloChunk({ book: example.book, paths: 20_000, seed: 5, rebalance, measure }),
    );
    expect(s.paths).toBe(20_000);
    return { carry: s.hedgeCarry, se: s.hedgeCarryStdError! };
  };

  it('quotes a held tail costing and a rebalanced one earning, each with its error', () => {
    const text = docText();
    const held = carry(false, 'real-world');
    expect(held.carry).toBeGreaterThan(2 * held.se); // the hedges cost, beyond their noise
    expect(text).toContain(`the hedges cost ${usd(held.carry)} ± ${usd(held.se)} on average`);
    const real = carry(true, 'real-world');
    const neutral = carry(true, 'risk-neutral');
    // rebalanced, they earn in both measures, beyond noise ("earn": a negative carry)
    expect(real.carry).toBeLessThan(-2 * real.se);
    expect(neutral.carry).toBeLessThan(-2 * neutral.se);
    expect(text).toContain(
      `hedges then earn ${usd(real.carry)} ± ${usd(real.se)} real-world and ${usd(neutral.carry)} ± ${usd(neutral.se)} risk-neutral`,
    );
  });
});
