/**
 * The Monte Carlo summary's notes on figures a reader could misread: amounts that round to zero,
 * a hedge effectiveness left null, and square-root paths held at the pricing floor. Each note is
 * read from the merged figures, so chunks merged give the same words as one run.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeMonteCarlo, runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const example = (): { book: Record<string, unknown> } & Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(root, 'docs/examples/montecarlo.json'), 'utf8')) as {
    book: Record<string, unknown>;
  };

describe('amounts in the notes', () => {
  it('writes a CVaR that rounds to zero as $0, never $-0', () => {
    // a condor whose legs cancel: its P&L is 0 on every path, its CVaR 95 rounds to (minus) zero
    const body = example();
    const call = { kind: 'spx', type: 'call', strike: 6600, expiry: '2027-01-15' };
    const book = {
      ...body.book,
      condor: [
        { ...call, quantity: 1 },
        { ...call, quantity: -1 },
      ],
    };
    const s = summarizeMonteCarlo(runMonteCarloChunk({ book, paths: 1000, seed: 7 }));
    expect(Math.abs(s.condor.cvar95)).toBeLessThan(0.5);
    const raise = s.notes.find((n) => n.startsWith('The hedges raise the CVaR 95'));
    expect(raise).toMatch(/^The hedges raise the CVaR 95 from \$0 \(the condor alone\) to a loss of \$[\d,]+:/);
    for (const n of s.notes) expect(n).not.toMatch(/\$-0|−\$0\b|(loss|gain) of \$0\b/);
  });

  it('writes a CVaR that is a gain as a gain in words, never as a signed loss', () => {
    // three paths: the condor's worst 5% is a path at its max profit, the book's a loss
    const s = summarizeMonteCarlo(runMonteCarloChunk({ ...example(), paths: 10, firstPath: 1, pathCount: 3 }));
    expect(s.condor.cvar95).toBeLessThan(0);
    expect(s.alvh.cvar95).toBeGreaterThan(0);
    const usd0 = (x: number) => Math.round(x).toLocaleString('en-US');
    const raise = s.notes.find((n) => n.startsWith('The hedges raise the CVaR 95'));
    expect(raise).toContain(
      `from a gain of $${usd0(-s.condor.cvar95)} (the condor alone) to a loss of $${usd0(s.alvh.cvar95)}: `,
    );
  });
});

/** The summary of a whole run, and of the same run merged from two chunks. */
function wholeAndMerged(input: Record<string, unknown>, paths: number) {
  const whole = runMonteCarloChunk({ ...input, paths });
  const cut = Math.floor(paths / 3);
  const merged = mergeMonteCarlo([
    runMonteCarloChunk({ ...input, paths, firstPath: cut, pathCount: paths - cut }),
    runMonteCarloChunk({ ...input, paths, firstPath: 0, pathCount: cut }),
  ]);
  return { part: whole, whole: summarizeMonteCarlo(whole), merged: summarizeMonteCarlo(merged) };
}

describe('a null hedge effectiveness says why', () => {
  const why = (notes: string[]) => notes.find((n) => n.startsWith('Hedge effectiveness is null'));

  it('hedges that earn a net credit: the ratio is not defined, the CVaR change is stated instead', () => {
    // VIX at 4.5 under a curve near 19 (VIX 1 is refused: the futures would be 19× it): the
    // rebalances sell the tail's calls as VIX climbs to the curve
    const body = example();
    const input = { book: { ...body.book, vix: 4.5 }, seed: 7, measure: 'real-world', horizonDays: 56 };
    const { whole, merged } = wholeAndMerged(input, 2000);
    expect(whole.hedgeCost).toBeLessThan(0);
    expect(whole.hedgeEffectiveness).toBeNull();
    const note = why(whole.notes);
    expect(note).toMatch(/^Hedge effectiveness is null: the hedges earn a net credit of \$[\d,]+ \(today's debit \$/);
    expect(note).toMatch(/the rebalances' net premium −\$[\d,]+ and costs \$[\d,]+ on average\)/);
    expect(note).toMatch(
      /so CVaR saved per dollar of hedge cost is not defined; they take the CVaR 95 from a loss of \$[\d,]+ \(the condor alone\) to a loss of \$[\d,]+\.$/,
    );
    const usd0 = (x: number) => Math.round(x).toLocaleString('en-US');
    // CVaR in words as a loss (the taskpane's table shows it as a negative P&L, the API as a positive loss)
    expect(whole.condor.cvar95).toBeGreaterThan(0);
    expect(note).toContain(
      `from a loss of $${usd0(whole.condor.cvar95)} (the condor alone) to a loss of $${usd0(whole.alvh.cvar95)}.`,
    );
    // read from the merged figures: chunks merge to the same words
    expect(merged.notes).toEqual(whole.notes);
  });

  it('hedges that cost commissions alone, and a book with no hedge at all', () => {
    const body = example();
    const part = runMonteCarloChunk({ ...body, firstPath: 0, pathCount: 1000 });
    const s = summarizeMonteCarlo(part);
    expect(s.hedgeEffectiveness).not.toBeNull();
    expect(why(s.notes)).toBeUndefined();
    // the same paths with today's debit cancelling the rebalances' net premium: commissions alone
    const commissions = summarizeMonteCarlo({ ...part, hedgeDebit: -s.meanTailOutlay });
    expect(commissions.hedgeCost).toBeGreaterThan(0);
    expect(commissions.hedgeEffectiveness).toBeNull();
    expect(why(commissions.notes)).toMatch(
      /^Hedge effectiveness is null: no net premium is paid for the hedges \(.*\): their cost of \$[\d,]+ is commissions alone/,
    );
    // a net premium credit of half the costs: the cost is the costs less that credit, not commissions alone
    const credit = s.meanTransactionCosts / 2;
    const less = summarizeMonteCarlo({ ...part, hedgeDebit: -s.meanTailOutlay - credit });
    expect(less.hedgeCost).toBeCloseTo(credit, 9);
    expect(why(less.notes)).toMatch(
      new RegExp(
        `their cost of \\$${Math.round(credit)} is costs of \\$${Math.round(2 * credit)} less a net premium credit of \\$${Math.round(credit)}, `,
      ),
    );
    // no hedge held, none bought: the CVaR is the condor's either way
    const bare = summarizeMonteCarlo(
      runMonteCarloChunk({ ...body, book: { ...body.book, overlay: [], tail: [] }, rebalance: false }),
    );
    expect(bare.hedgeCost).toBe(0);
    expect(why(bare.notes)).toMatch(
      /^Hedge effectiveness is null: the hedges cost nothing .*; the CVaR 95 is a loss of \$[\d,]+ with and without them\.$/,
    );
  });
});

describe('square-root paths held at the VIX floor', () => {
  const floorNote = (notes: string[]) => notes.find((n) => n.includes("square-root dynamics' floor"));

  it('says how many paths end at the floor, and the remedy, when it holds on 1% of paths or more', () => {
    const body = example();
    const input = { book: body.book, seed: 7, dynamics: 'sqrt-legacy', measure: 'risk-neutral', model: { xi: 40 } };
    const { part, whole, merged } = wholeAndMerged(input, 1500);
    const atFloor = Array.from(part.vixEnd).filter((v) => v <= 0.5).length;
    expect(atFloor).toBeGreaterThan(0.3 * 1500);
    expect(floorNote(whole.notes)).toMatch(
      new RegExp(
        `^${atFloor.toLocaleString('en-US')} of 1,500 paths \\(${((100 * atFloor) / 1500).toFixed(1)}%\\) end with VIX at the square-root dynamics' floor of 0\\.5`,
      ),
    );
    expect(floorNote(whole.notes)).toMatch(/run a smaller xi, or the default dynamics \('calibrated'\)\.$/);
    expect(merged.notes).toEqual(whole.notes);
  });

  it('is silent at the default ξ, and for the calibrated dynamics', () => {
    const body = example();
    for (const dynamics of ['sqrt-legacy', 'calibrated']) {
      const s = summarizeMonteCarlo(runMonteCarloChunk({ book: body.book, seed: 7, dynamics, paths: 1000 }));
      expect(floorNote(s.notes)).toBeUndefined();
    }
  });
});

describe('a tail that rebalancing grows', () => {
  it('is said once the mean at the horizon is over twice the calls held today, not at twice', () => {
    // the example's paths with their tail counts set by hand: 4 calls today, 10 on every path at the
    // horizon; the hedge priced today is then not the one held, which the reader must be told
    const part = runMonteCarloChunk({ ...example(), firstPath: 0, pathCount: 1000 });
    const grown = (n: number) =>
      summarizeMonteCarlo({
        ...part,
        tailContracts0: 4,
        tailContracts: new Float64Array(part.pathCount).fill(n),
      }).notes.filter((x) => x.startsWith('Rebalancing grows the tail'));
    expect(grown(10)).toEqual([
      'Rebalancing grows the tail from 4 to 10.0 VIX calls on average by the horizon: the hedge at the end is not the one priced today (a book’s tailBudget caps what a rebalance spends; hedge effectiveness counts the net premium of the calls bought and sold along the paths in the hedge cost).',
    ]);
    // exactly twice: within what the note lets pass
    expect(grown(8)).toEqual([]);
  });
});
