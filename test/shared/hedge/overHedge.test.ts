/**
 * The frontier's warning when its mixes, from some budget on, turn the drawdown scenario's loss into
 * a gain of more than a tenth of it (the mixes that gain less named as such): the CVaR 95 on down
 * paths it lowers counts every hedge added as protection, past cover.
 */
import { describe, expect, it } from 'vitest';
import { frontier, overHedgeWarnings } from '@alvh/shared';
import { readFileSync } from 'node:fs';

const point = (budget: number, drawdownLoss: number, tailUnits: number, structure: string | null) => ({
  budget,
  drawdownLoss,
  overlayUnits: 0,
  tailUnits,
  structure: structure as 'vix-call' | null,
  worstAnalogLoss: drawdownLoss,
});

describe('overHedgeWarnings', () => {
  it('names the first budget whose mix gains over a tenth of the loss, the top gain and the last mix that leaves a loss', () => {
    const w = overHedgeWarnings(
      [
        point(0, 20_000, 0, null),
        point(1_000, 8_000, 5, 'vix-call'),
        point(2_000, -1_500, 10, 'vix-call'), // a gain under a tenth of the loss: within cover
        point(3_000, -6_000, 15, 'vix-call'),
        point(4_000, -9_000, 20, 'vix-call'),
      ],
      20_000,
    );
    expect(w).toEqual([
      "From the $3,000 budget on, the frontier's mix gains more than a tenth of the loss in the drawdown scenario, where the condors lose $20,000 unhedged: 15 × vix-call turns that loss into a $6,000 gain, and up to $9,000 from there to the top budget. Past cover such a mix is long the fall, not a hedge of it: the CVaR 95 on down paths, which the frontier lowers, counts every hedge added as protection. The last mix of the ladder that still leaves a loss is 5 × vix-call at the $1,000 budget ($8,000 lost). At the $2,000 budget, 10 × vix-call already gains $1,500, less than a tenth of the loss.",
    ]);
  });

  it('names every mix between the last loss and the first gain over a tenth of the loss that gains less', () => {
    const [w] = overHedgeWarnings(
      [
        point(0, 20_000, 0, null),
        point(1_000, -100, 5, 'vix-call'), // a gain before a loss: the loss is the last, the gain not named
        point(2_000, 3_000, 8, 'vix-call'),
        point(3_000, 0, 10, 'vix-call'), // neither loss nor gain
        point(4_000, -1_200, 12, 'vix-call'),
        point(5_000, -1_900, 14, 'vix-call'),
        point(6_000, -2_500, 16, 'vix-call'),
      ],
      20_000,
    );
    expect(w).toMatch(/^From the \$6,000 budget on, the frontier's mix gains more than a tenth of the loss /);
    expect(w).toMatch(
      /The last mix of the ladder that still leaves a loss is 8 × vix-call at the \$2,000 budget \(\$3,000 lost\)\. The mixes at the \$4,000 to \$5,000 budgets already gain up to \$1,900, less than a tenth of the loss\.$/,
    );
  });

  it('says nothing while every mix leaves a loss or a gain under a tenth of it, or when the book loses nothing', () => {
    expect(overHedgeWarnings([point(0, 20_000, 0, null), point(1_000, -1_999, 5, 'vix-call')], 20_000)).toEqual([]);
    expect(overHedgeWarnings([point(0, 0, 0, null), point(1_000, -500, 5, 'vix-call')], 0)).toEqual([]);
    // the gain at the top budget alone: no "up to" clause
    expect(overHedgeWarnings([point(0, 20_000, 0, null), point(1_000, -2_001, 5, 'vix-call')], 20_000)[0]).toMatch(
      /turns that loss into a \$2,001 gain\. Past cover/,
    );
  });

  it('is in the frontier of docs/examples/frontier.json: one 720-point put spread on three condors gains $21,092', () => {
    const body: unknown = JSON.parse(
      readFileSync(new URL('../../../docs/examples/frontier.json', import.meta.url), 'utf8'),
    );
    const f = frontier(body);
    const spread = f.components.find((c) => c.name === 'spx-put-spread')!;
    expect(spread.description).toBe('long SPX 2027-01-15 6000 put, short 5280 put');
    expect(f.warnings.at(-1)).toMatch(
      /^From the \$3,259 budget on, the frontier's mix gains more than a tenth of the loss in the drawdown scenario, where the condors lose \$22,718 unhedged: 1 × spx-put-spread turns that loss into a \$21,092 gain/,
    );
  });
});
