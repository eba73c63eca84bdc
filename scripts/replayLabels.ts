/**
 * The period labels of the replay scripts' tables, from the years a run's summaries hold: a run
 * cut short by the data (a file ending in 2020) is labelled by the years it replayed, not by the
 * window the scripts ask for.
 */

/**
 * The span of the years of `dates` (ISO dates or years, oldest first): `2007-2021`, or `2020` when
 * the first and the last share their year; empty for none. The total row takes the span of the
 * run's years (`ReplayResult.years`, to the year of its last settlement), the condor counts and
 * statistics the span of the condors' entry dates.
 * @example yearSpan(['2007-04-02', '2020-11-16']) // '2007-2020'
 */
export function yearSpan(dates: readonly string[]): string {
  const first = dates[0]?.slice(0, 4);
  const last = dates.at(-1)?.slice(0, 4);
  if (first === undefined || last === undefined) return '';
  return first === last ? first : `${first}-${last}`;
}
