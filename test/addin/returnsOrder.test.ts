/**
 * The help of a labelled spill lists its rows in the order the function writes them: a trader who
 * reads a row with INDEX(…, n, 2) by the help's list reads the row it names. For CURVE, CONDOR,
 * OVERLAY and REBALANCE, each spill label is matched to the words the help uses for it, in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoToExcelSerial } from '@alvh/shared';
import { useBuiltFunctions } from './stubs/customFunctions';
import { REBALANCE_20181224 } from './stubs/planSheet';

const call = useBuiltFunctions();
const metadata = JSON.parse(readFileSync(join(__dirname, '../../addin/dist/functions.json'), 'utf8')) as {
  functions: { id: string; description: string }[];
};

/** The `@returns` part of a function's help ("… Returns: …"). */
function returnsOf(id: string): string {
  const d = metadata.functions.find((f) => f.id === id)!.description;
  const at = d.indexOf('Returns: ');
  expect(at, `${id} help has a Returns part`).toBeGreaterThan(0);
  return d.slice(at);
}

/**
 * Each spill label whose start is a key of `words` is found in the help at its word, and the words
 * come in the spill's order; a label no key starts (a future, a leg) is skipped.
 */
function expectHelpOrder(id: string, spill: unknown[][], words: [string, string][]) {
  const help = returnsOf(id);
  const labels = spill.map((r) => String(r[0]));
  const placed: number[] = [];
  for (const [start, word] of words) {
    expect(
      labels.some((l) => l.startsWith(start)),
      `${id} writes a row "${start}…"`,
    ).toBe(true);
    const at = help.indexOf(word, placed.at(-1) ?? 0);
    expect(at, `${id} help names "${word}" after the rows before it: ${help}`).toBeGreaterThanOrEqual(0);
    placed.push(at);
  }
  // the rows named, in the spill's order, are exactly the spill's rows that start with a key
  const named = labels.filter((l) => words.some(([start]) => l.startsWith(start)));
  expect(named.map((l) => words.find(([s]) => l.startsWith(s))![0])).toEqual(words.map(([s]) => s));
}

const day = isoToExcelSerial('2021-11-19');
const expiry = isoToExcelSerial('2022-01-21');
const strikes = [[4100], [4150], [5300], [5350]];

describe('a labelled spill and its help list the rows in one order', () => {
  it('CURVE', () => {
    const out = call('CURVE', day, 17.91, [[19.975], [21.925], [22.75], [23.4]]) as unknown[][];
    expectHelpOrder('CURVE', out, [
      ['valuation date', 'valuation date'],
      ['VIX', 'VIX'],
      ['F1 (', 'F1'],
      ['F2 (', 'F2'],
      ['spread', 'spread'],
      ['contango', 'contango'],
      ['regime', 'regime'],
      ['kappa', 'kappa'],
      ['theta', 'theta'],
      ['fit rmse', 'fit rmse'],
      ['fit', 'fit,'],
    ]);
  });

  it('CONDOR', () => {
    const out = call('CONDOR', day, 4697.96, 17.91, expiry, strikes, 10, null, 0.001, 0.013) as unknown[][];
    expectHelpOrder('CONDOR', out, [
      ['credit (', 'credit'],
      ['credit source', 'credit source'],
      ['max profit', 'max profit'],
      ['max loss', 'max loss'],
      ['break-even low', 'break-even low'],
      ['break-even high', 'high'],
      ['short put', 'short put'],
      ['short call', 'call in SD'],
      ['passes', 'passes'],
      ['probability', 'probability of profit'],
      ['return on risk', 'return on risk'],
      ['days to expiry', 'days to expiry'],
      ['delta', 'delta'],
      ['gamma', 'gamma'],
      ['vega', 'vega'],
      ['theta', 'theta'],
    ]);
  });

  it('OVERLAY', () => {
    const out = call('OVERLAY', day, 4697.96, 17.91, expiry, 4150, -492.64, null, null, null, 0.001, 0.013);
    expectHelpOrder('OVERLAY', out as unknown[][], [
      ['structure', 'structure'],
      ['units', 'units'],
      ['target vega', 'target'],
      ['unit vega', 'unit vega'],
      ['unit cost', 'unit cost'],
      ['cost', 'cost (USD)'],
      ['vega', 'vega (USD per vol point) and'],
      ['theta', 'theta'],
    ]);
  });

  it('REBALANCE', () => {
    const out = call('REBALANCE', ...REBALANCE_20181224) as unknown[][];
    expectHelpOrder('REBALANCE', out, [
      ['due', 'due'],
      ['reason', 'reason'],
      ['days since', 'days since'],
      ['curve shift', 'curve shift'],
    ]);
  });
});
