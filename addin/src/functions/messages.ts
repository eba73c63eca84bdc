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
 * "argument: problem; fix" within {@link MAX_MESSAGE} characters. When it is longer, a long problem
 * (over {@link LONG_PROBLEM} characters with its argument) is cut at a word, marked …, so that the
 * fix, what the user has to do, is shown whole, if that leaves 40 characters of the problem;
 * otherwise the end is cut at a word.
 */
export function excelMessage(name: string, problem: string, fix: string): string {
  const tail = fix === '' ? '' : `; ${fix}`;
  const whole = `${name}: ${problem}${tail}`;
  if (whole.length <= MAX_MESSAGE) return whole;
  const room = MAX_MESSAGE - name.length - 2 - tail.length - 1;
  const long = name.length + 2 + problem.length > LONG_PROBLEM;
  return tail !== '' && long && room >= 40 ? `${name}: ${cutAtWord(problem, room)}…${tail}` : shorten(whole);
}

/** Past this many characters ("argument: problem") a problem gives way to its fix. */
const LONG_PROBLEM = 120;
