/**
 * A cell's error message within Excel's limit: Excel truncates a custom function's long message,
 * so it is cut here, at a word, keeping what the user has to do.
 */

/** Longest message passed to Excel. */
export const MAX_MESSAGE = 200;

/** `text` cut to at most `n` characters at a word's end (mid-word only when a word is that long). */
function cutAtWord(text: string, n: number): string {
  if (text.length <= n) return text;
  const cut = text.slice(0, n);
  const space = cut.lastIndexOf(' ');
  return (space > n / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '');
}

/** A message cut to {@link MAX_MESSAGE} characters at a word, marked …. */
export function shorten(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${cutAtWord(message, MAX_MESSAGE - 1)}…`;
}

/**
 * "argument: problem; fix" within {@link MAX_MESSAGE} characters. When it is longer the problem is
 * cut at a word, marked …, so that the fix, what the user has to do, is shown whole (a fix cut
 * lost the very date to pass). Only a fix too long to leave {@link MIN_PROBLEM} characters of the
 * problem beside it is cut too, marked …, after at most half the message of problem. A message
 * whose fix is inside its problem (a positions line's "…; leave out legs that have settled"), given
 * with no fix of its own, is read as problem; fix at its last "; ", so its fix is kept whole too.
 */
export function excelMessage(name: string, problem: string, fix: string): string {
  const tail = fix === '' ? '' : `; ${fix}`;
  const whole = `${name}: ${problem}${tail}`;
  if (whole.length <= MAX_MESSAGE) return whole;
  if (tail === '') {
    const cut = problem.lastIndexOf('; ');
    return cut > 0 ? excelMessage(name, problem.slice(0, cut), problem.slice(cut + 2)) : shorten(whole);
  }
  const room = MAX_MESSAGE - name.length - 2 - tail.length - 1;
  if (room >= MIN_PROBLEM) return `${name}: ${cutAtWord(problem, room)}…${tail}`;
  const half = MAX_MESSAGE / 2 - name.length - 2;
  const head = `${name}: ${problem.length <= half ? problem : `${cutAtWord(problem, half)}…`}; `;
  return `${head}${cutAtWord(fix, MAX_MESSAGE - head.length - 1)}…`;
}

/** The least of a problem kept whole beside its fix (enough for the value: "is 2021-11-17, on or before"). */
const MIN_PROBLEM = 30;
