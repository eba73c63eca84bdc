/**
 * ALVH.FRONTIER, the BUILT function as Excel calls it: the spilled table equals the shared
 * frontier of the same plan input, row for row; bad arguments are #VALUE! naming them.
 */
import { frontier, grouped, isoToExcelSerial, matchNoise, mixWords } from '@alvh/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAddinBuilt, ErrorCode, errorOf, loadBuiltFunctions, type CustomFunction } from './stubs/customFunctions';

let fns: Map<string, CustomFunction>;
beforeAll(() => {
  ensureAddinBuilt();
  fns = loadBuiltFunctions();
});
const call = (...args: unknown[]): unknown => fns.get('FRONTIER')!(...args);

const rows: unknown[][] = [
  ['date', isoToExcelSerial('2026-11-20')],
  ['spx', 6600],
  ['vix', 17.5],
  ['vvix', 95],
  ['rate', 0.04],
  ['divYield', 0.013],
  ['VX1', 18.4],
  ['VX2', 19.3],
  ['VX3', 19.9],
  ['VX4', 20.3],
  ['expiry', isoToExcelSerial('2027-01-15')],
  ['k1', 5900],
  ['k2', 6000],
  ['k3', 7200],
  ['k4', 7300],
  ['quantity', 3],
  ['credit', ''],
  ['capital', 1_000_000],
  ['budget', 5000],
];

describe('ALVH.FRONTIER', () => {
  it('spills a header, one row per budget and the two marked points, equal to the shared frontier', () => {
    const out = call(rows, null, 1500, 5) as unknown[][];
    expect(out[0]).toEqual([
      'budget (USD)',
      'structure',
      'split: the least overlay cap that admits the mix (share of budget)',
      'overlay premium (share of budget)',
      'tail units',
      'overlay units',
      'cost before fees (USD)',
      'CVaR95 on down paths, real-world measure (USD, loss positive, gain negative)',
      'drawdown loss (USD, loss positive, gain negative)',
      'worst analog loss (USD, loss positive, gain negative)',
      'note',
      'CVaR95 standard error: of its gap to the unhedged book on the same paths (USD)',
    ]);
    expect(out).toHaveLength(1 + 11 + 2 + 1);
    const f = frontier({
      plan: {
        valuationDate: '2026-11-20',
        market: {
          spx: 6600,
          vix: 17.5,
          vvix: 95,
          rate: 0.04,
          divYield: 0.013,
          futures: [
            { expiry: '2026-12-16', price: 18.4 },
            { expiry: '2027-01-20', price: 19.3 },
            { expiry: '2027-02-17', price: 19.9 },
            { expiry: '2027-03-17', price: 20.3 },
          ],
        },
        condor: { expiry: '2027-01-15', strikes: [5900, 6000, 7200, 7300], quantity: 3 },
        portfolio: { capital: 1_000_000, budget: 5000 },
      },
      paths: 1500,
      seed: 5,
    });
    f.points.forEach((p, k) => {
      const r = out[k + 1]!;
      expect(r[0]).toBe(p.budget);
      expect(r[1]).toBe(p.structure ?? 'none');
      // the split is the least cap that admits the mix; beside it, what the overlay does cost of the budget
      expect(r[2]).toBe(p.split);
      expect(r[3]).toBe(p.overlayShare ?? '');
      expect(r[7]).toBe(p.cvar95Down);
      expect(r[8]).toBe(p.drawdownLoss);
      expect(r[9]).toBe(p.worstAnalogLoss);
      // after the note: the error of the CVaR's gap to the unhedged book's, on the same paths
      expect(r[11]).toBe(p.cvarSavedStdError);
    });
    expect(out[12]![11]).toBe(f.plan.cvarSavedStdError);
    expect(out[13]![11]).toBe(f.rule.cvarSavedStdError);
    expect(out[12]![10]).toBe(
      'literal plan (as sized)' +
        (f.plan.matchedBy === null
          ? ''
          : `; the cheapest mix that does as well costs $${Math.round(f.plan.matchedBy.cost).toLocaleString('en-US')} before fees (${mixWords(f.plan.matchedBy)})${matchNoise(f.plan)}`),
    );
    // CVaR never rises down the ladder
    for (let k = 2; k <= 11; k++) expect(out[k]![7] as number).toBeLessThanOrEqual(out[k - 1]![7] as number);
    expect(String(out[12]![10])).toMatch(/^literal plan/);
    expect(out[12]![7]).toBe(f.plan.cvar95Down);
    expect(String(out[13]![10])).toMatch(/^literal rule/);
    // the marked rows have no budget: their spend is under cost, as every row's
    expect(out[12]![0]).toBe('');
    expect(out[13]![0]).toBe('');
    expect(out[12]![6]).toBe(f.plan.cost);
    expect(out[13]![6]).toBe(f.rule.cost);
    // the last row names the measure and the down paths the CVaR is over
    expect(out[14]!.slice(0, 10).every((c) => c === '')).toBe(true);
    expect(out[14]![11]).toBe('');
    // then the answer's warnings as clauses: here that the mixes from one unit of put spread on gain in the drawdown
    expect(f.warnings).toHaveLength(1);
    expect(out[14]![10]).toBe(
      `real-world measure: CVaR 95 over the ${f.downPaths.toLocaleString('en-US')} of 1,500 paths where SPX ends lower (seed 5); ` +
        f.warnings[0]!.replace(/\.$/, ''),
    );
    expect(out[14]![10]).toMatch(
      /; From the \$3,259 budget on, the frontier's mix gains more than a tenth of the loss in the drawdown scenario/,
    );
    for (const v of out.flat()) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('takes budgets as a row or a column, sorted', () => {
    const col = call(rows, [[4000], [0], [2000]], 800, 2) as unknown[][];
    const row = call(rows, [[0, 2000, 4000]], 800, 2) as unknown[][];
    expect(col).toEqual(row);
    expect(col.slice(1, 4).map((r) => r[0])).toEqual([0, 2000, 4000]);
  });

  it('takes budgets of empty cells as omitted, as an empty cell is (it said "budgets: has no values")', () => {
    const omitted = call(rows, null, 300, 2);
    for (const empty of [[['']], [[null]], [[null], [''], [null]]]) expect(call(rows, empty, 300, 2)).toEqual(omitted);
  });

  it('adds any warning to the note: too few down paths for a CVaR 95', () => {
    const out = call(rows, [[0, 2000]], 20, 2) as unknown[][];
    expect(String(out.at(-1)![10])).toMatch(
      /paths where SPX ends lower \(seed 2\); only \d+ of 20 paths end with SPX lower/,
    );
  });

  it("adds the credit note as a clause: the plan's credit against the surface's price", () => {
    const given = rows.map((r) => (r[0] === 'credit' ? ['credit', 9] : r));
    const note = String((call(given, [[0, 2000]], 300, 2) as unknown[][]).at(-1)![10]);
    expect(note).toMatch(
      /paths where SPX ends lower \(seed 2\); the condor's P&L counts from the credit the plan was sized on, \$[\d,.]+; .* between them(; |$)/,
    );
    expect(note).not.toContain('.;');
  });

  it('numbers budget cells from 1, as the range shows them, in every message', () => {
    // a cell that is not a number (read by the add-in) and one out of range (checked by the frontier)
    const text = errorOf(() => call(rows, [['lots', 1000]], 800, 2));
    const negative = errorOf(() => call(rows, [[-5, 1000]], 800, 2));
    expect(text.message).toMatch(/^budgets\[1\]: /);
    expect(negative.message).toMatch(/^budgets\[1\]: .*≥ 0 USD/);
    // blanks before the first value count as cells
    expect(errorOf(() => call(rows, [[''], [1000], [-5]], 800, 2)).message).toMatch(/^budgets\[3\]: /);
  });

  it("names how many paths fit one call, not the API's chunking, when the paths are too many", () => {
    const e = errorOf(() => call(rows, null, 1_900_000, 2));
    expect(e.message).toMatch(
      /^paths: is 1,900,000: more paths than one call runs to this horizon; pass at most [\d,]+ paths$/,
    );
    expect(e.message).not.toMatch(/chunk|merge|budgets/);
    // the budgets share the paths: one budget fits no more of them than the default 11
    const one = errorOf(() => call(rows, [[5000]], 1_900_000, 2));
    expect(one.message).toBe(e.message);
  });

  it('names the paths that fit the exact search when a large book and budget would take too long, before it runs them', () => {
    const big = rows.map((r) => (r[0] === 'quantity' ? ['quantity', 100] : r[0] === 'capital' ? ['capital', 1e8] : r));
    const said = errorOf(() => call(big, [[1e9]], 5000, 1)).message ?? '';
    const m =
      /^paths: is 5,000: more paths than one call's search of the mixes up to the largest budget takes; pass at most ([\d,]+) paths, or fewer condors or a smaller largest budget$/.exec(
        said,
      );
    expect(m, said).not.toBeNull();
    // refused before its paths run (it ran them all, then refused), and the number offered runs
    const most = Number(m![1]!.replace(/,/g, ''));
    expect(most).toBeLessThan(5000);
    expect(call(big, [[1e9]], most, 1)).toHaveLength(1 + 1 + 2 + 1);
    expect(errorOf(() => call(big, [[1e9]], most + 1, 1)).message).toBe(said.replace('5,000', grouped(most + 1)));
    // over the horizon's limit too, it offers the least of the two, which runs (it offered the horizon's)
    expect(errorOf(() => call(big, [[1e9]], 1_000_000, 1)).message).toBe(said.replace('5,000', '1,000,000'));
  });

  it('names the inputs row of a condor past the horizon limit, as PLAN names its rows (it said plan.condor.expiry)', () => {
    const far = isoToExcelSerial('2029-12-21');
    const withExpiry = rows.map((r) => (r[0] === 'expiry' ? ['expiry', far] : r));
    const e = errorOf(() => call(withExpiry, [[0]], 200, 1));
    expect(e.code).toBe(ErrorCode.invalidValue);
    // named as PLAN names the row: expiry, as the help and the docs name it (condorExpiry is a key it takes too)
    expect(e.message).toMatch(
      /^inputs expiry: is \d+ days away, over the limit of 730 days; pass condors expiring within 730 days$/,
    );
    // a ladder's farthest condor is named by its own row
    const ladder = [...rows, ['condor2Expiry', far], ['condor2Strikes', '5900/6000/7200/7300'], ['condor2Quantity', 1]];
    expect(errorOf(() => call(ladder, [[0]], 200, 1)).message).toMatch(
      /^inputs condor2Expiry: is \d+ days away, over the limit of 730 days; /,
    );
  });

  it('says what a bad paths or seed is and the range to pass, in one message', () => {
    // the range stated is the one this call applies: the most paths one call runs to the condor's
    // expiry, as a whole number above it is told (it said 2,000,000, then at most 377,358)
    const over = errorOf(() => call(rows, null, 1_900_000, 2)).message ?? '';
    const most = /pass at most ([\d,]+) paths$/.exec(over)![1]!;
    expect(Number(most.replace(/,/g, ''))).toBeLessThan(2_000_000);
    expect(errorOf(() => call(rows, null, Number(most.replace(/,/g, '')) + 1, 2)).message).toBe(
      over.replace('1,900,000', (Number(most.replace(/,/g, '')) + 1).toLocaleString('en-US')),
    );
    for (const [paths, shown] of [
      [1, '1'],
      [2.5, '2.5'],
      [3e6, '3,000,000'],
      [1e16, '1e+16'],
    ] as const)
      expect(errorOf(() => call(rows, null, paths, 2)).message).toBe(
        `paths: is ${shown}; pass paths as a whole number from 2 to ${most}`,
      );
    expect(errorOf(() => call(rows, null, 800, 2.5)).message).toBe(
      'seed: is 2.5; pass seed as a whole number from 0 to 4,294,967,295',
    );
    // paths with thousands grouped by a dot are refused with their readings, as PLAN's quantity is
    // (read as a decimal, "2.000" ran 2 paths)
    expect(errorOf(() => call(rows, [[0]], '2.000', 2)).message).toBe(
      'paths: is 2.000; write 2000 for 2,000 paths, or 2 for 2 paths',
    );
    expect(errorOf(() => call(rows, [[0]], '1.000.000', 2)).message).toBe(
      'paths: is 1.000.000; write 1000000 for 1,000,000 paths',
    );
    expect(errorOf(() => call(rows, [[0]], '1.500', 2)).message).toBe('paths: is 1.500; write 1500 for 1,500 paths');
    // and so is a seed (read as a decimal, "1.000" ran seed 1), as the taskpane's seed box refuses it
    expect(errorOf(() => call(rows, [[0]], 800, '1.000')).message).toBe(
      'seed: is 1.000; write 1000 for 1,000, or 1 for 1',
    );
    expect(errorOf(() => call(rows, [[0]], 800, '5.000.000.000')).message).toBe(
      'seed: is 5.000.000.000, not a number it takes; write a whole number from 0 to 4,294,967,295',
    );
  });

  it.each([
    ['budgets', [[1000, 'lots']]],
    ['budgets', [[-5]]],
    ['paths', 'many'],
    ['paths', 1],
    ['seed', -1],
  ])('#VALUE! naming %s for %j', (name, bad) => {
    const args: unknown[] = [rows, null, 800, 2];
    args[name === 'budgets' ? 1 : name === 'paths' ? 2 : 3] = bad;
    const e = errorOf(() => call(...args));
    expect(e.code).toBe(ErrorCode.invalidValue);
    expect(e.message?.startsWith(name), e.message).toBe(true);
  });
});
