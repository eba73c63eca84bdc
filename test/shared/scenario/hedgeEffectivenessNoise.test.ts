/**
 * docs/scenarios.md says how noisy the hedge effectiveness is on docs/examples/plan.json: its
 * figure and standard error at seed 1, how far it moves over other seeds, and how the error compares
 * with that spread at 4,000 and 20,000 paths. This reruns those seeds (the engine is bit-reproducible
 * per seed) and checks the doc quotes what they give, rounded as it writes them
 * (`npx tsx scripts/hedgeEffectiveness.ts --noise` prints the same figures).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docNumber, expectDocSays } from '../../helpers/docs';
import { effectivenessBySeed, mean, sd } from '../../../scripts/effectivenessNoise';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const example: unknown = JSON.parse(readFileSync(resolve(root, 'docs/examples/plan.json'), 'utf8'));

const bySeed = (paths: number, seeds: number) => effectivenessBySeed(example, paths, seeds);
const f2 = (x: number) => docNumber(x, 2);

/** 180,000 and 120,000 paths: about 8 s each on an idle core, more on a loaded one. */
const SLOW = 120_000;

describe("docs/scenarios.md: the hedge effectiveness's noise on docs/examples/plan.json", () => {
  it(
    'quotes seed 1 at 20,000 paths, seeds 2-9, and the errors against the spread over seeds 1-9',
    () => {
      const { he, se } = bySeed(20_000, 9);
      const others = he.slice(1);
      expectDocSays(
        'scenarios.md',
        `On docs/examples/plan.json it is ${f2(he[0]!)} ± ${f2(se[0]!)} at 20,000 paths with seed 1, ` +
          `and ${f2(Math.min(...others))}-${f2(Math.max(...others))} with seeds 2-9; ` +
          `over seeds 1-9 the error averages ${f2(mean(se))} against a spread (standard deviation) of ${f2(sd(he))}`,
      );
    },
    SLOW,
  );

  it(
    'quotes the error at 4,000 paths against the spread over seeds 1-30',
    () => {
      const { he, se } = bySeed(4_000, 30);
      expectDocSays(
        'scenarios.md',
        `At 4,000 paths the error averages ${f2(mean(se))} over seeds 1-30 against a spread of ${f2(sd(he))} across them`,
      );
      // 30 seeds measure the spread to about ±13% (1/√(2·29)): here 1.37 of it, where seeds 1-200
      // give 1.14 (the doc quotes both; the 200 seeds take minutes and are not rerun here).
      expect(mean(se) / sd(he)).toBeGreaterThan(1.25);
      expect(mean(se) / sd(he)).toBeLessThan(1.45);
    },
    SLOW,
  );
});
