/**
 * The plan's cost per call on the documented example: the plan alone, with the tail structures
 * compared on its book (every plan does), with positions pasted as broker CSV (the order
 * list), and a ladder of three condors netted as one book with its orders. Wall-clock figures on a shared machine; nothing is asserted.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareTailStructures, plan, type PlanInput } from '@alvh/shared';
import { formatRate, opsPerSecond, printRow } from './timing';

const here = dirname(fileURLToPath(import.meta.url));
const example = (name: string) =>
  JSON.parse(readFileSync(join(here, '..', 'docs', 'examples', `${name}.json`), 'utf8')) as PlanInput;

export default function run(): Promise<void> {
  const base = example('plan');
  const withPositions = example('plan-positions');
  const ladder = example('plan-ladder');
  const m = base.market;
  const structuresOnly = {
    valuationDate: base.valuationDate,
    market: {
      spx: m.spx,
      vix: m.vix,
      ...(m.vvix === undefined ? {} : { vvix: m.vvix }),
      rate: m.rate,
      divYield: m.divYield ?? 0,
      futures: m.futures,
    },
    condors: [base.condor!].map((c) => ({ expiry: c.expiry, strikes: c.strikes, quantity: c.quantity })),
  };
  const rows: [string, () => number][] = [
    ['plan() on docs/examples/plan.json', () => plan(base).tail.contracts],
    ['plan() with positions (broker CSV, 5 lines)', () => plan(withPositions).orders?.orders.length ?? 0],
    ['plan() of a ladder of 3 condors (docs/examples/plan-ladder.json)', () => plan(ladder).orders?.orders.length ?? 0],
    [
      'the five structures alone (compareTailStructures)',
      () => compareTailStructures(structuresOnly).structures.length,
    ],
  ];
  for (const [label, fn] of rows) {
    const { opsPerSec } = opsPerSecond(fn, 1, 1500);
    printRow(label, `${formatRate(opsPerSec)} (${(1000 / opsPerSec).toFixed(2)} ms each)`);
  }
  return Promise.resolve();
}
