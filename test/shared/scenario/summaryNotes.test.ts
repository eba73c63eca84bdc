/**
 * The Monte Carlo summary's notes on figures a reader could misread: amounts that round to zero,
 * a hedge effectiveness left null, and square-root paths held at the pricing floor. Each note is
 * read from the merged figures, so chunks merged give the same words as one run.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMonteCarloChunk, summarizeMonteCarlo } from '@alvh/shared';

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
    expect(raise).toMatch(/^The hedges raise the CVaR 95 from \$0 \(the condor alone\) to \$[\d,]+:/);
    for (const n of s.notes) expect(n).not.toMatch(/\$-0|−\$0\b/);
  });
});
