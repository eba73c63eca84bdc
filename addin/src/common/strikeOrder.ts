/**
 * The condor's strikes out of order, marked where they can be fixed. The schema names one strike
 * (the first whose leaving out puts the rest in order, or of those the one far from the others),
 * but a strike typed between two others is often fixed at either: with 3650, 3750, 3700, 6700,
 * K2 = 3650-3699 or K3 = 3751-6699 each put the four in order. Each such strike is marked, the
 * message as the schema (or the API) says it; a strike far from the others (the 100 of 5900, 100,
 * 7200, 7300) is marked alone.
 */
import { condorStrikesToFix } from '@alvh/shared';
import { numberFromText } from './numbers';

/** How the schema's strike-order message begins (shared/src/schemas/plan.ts, CondorSchema). */
const ORDER_WORDS = 'pass strikes in increasing order';

/** A strike's issue path, with or without a request's prefix ("plan.condor.strikes[2]"). */
const STRIKE_PATH = /^(.*\bcondor\.strikes)\[(\d)\]$/;

/**
 * The strikes (0-3) of four that are out of order, each of which, changed alone, can put the four
 * in increasing order (those whose leaving out leaves the others increasing; only those far from
 * the others when some are: the schema's condorStrikesToFix). Empty when they are in order, or when
 * no one strike can fix them.
 */
export function strikesToFix(strikes: readonly number[]): number[] {
  return condorStrikesToFix(strikes);
}

/**
 * `issues` with a strike-order issue repeated at every strike that can fix it ({@link
 * strikesToFix}) of `strikeTexts` (K1-K4 as typed), its message unchanged; other issues as they are.
 */
export function atEveryStrikeToFix<T extends { path: string; message: string }>(
  issues: readonly T[],
  strikeTexts: readonly string[],
): T[] {
  const strikes = strikeTexts.map((t) => numberFromText(t));
  const known = strikes.every((k) => k !== undefined) ? strikesToFix(strikes) : [];
  return issues.flatMap((issue) => {
    const m = STRIKE_PATH.exec(issue.path);
    if (m === null || !issue.message.startsWith(ORDER_WORDS) || !known.includes(Number(m[2]))) return [issue];
    return [issue, ...known.filter((i) => i !== Number(m[2])).map((i) => ({ ...issue, path: `${m[1]}[${i}]` }))];
  });
}
