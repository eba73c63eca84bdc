/**
 * Text files saved as UTF-16 (Excel's "Unicode Text", some exports and editors) and then read as
 * UTF-8, as a browser's `file.text()` and `readFileSync(path, 'utf8')` read every file: each ASCII
 * letter comes with a NUL character beside it, and a byte order mark FF FE or FE FF becomes two
 * U+FFFD. A reader would answer about what it then sees ("the header "��e\0x\0..." has no expiry
 * column", "valuationDate is missing"); this check names the encoding instead.
 */
import { invalidInput } from './errors';

/** What the user does with a UTF-16 file: every reader's fix says it in these words. */
const SAVE_AS_UTF8 = 'save it as CSV UTF-8 and load it again';

/** How much of the start of a text is looked at. */
const SAMPLE = 4096;

/**
 * Whether text looks like UTF-16 read as UTF-8 (or as Latin-1): a UTF-16 byte order mark read as
 * two U+FFFD (or as "ÿþ" / "þÿ"), or U+FEFF, directly followed by a NUL; or a quarter or more of its
 * first 4096 characters NUL (UTF-16 text of ASCII letters is half NULs; CSV text has none).
 */
function looksUtf16(text: string): boolean {
  if (/^(?:\uFFFD\uFFFD|\u00FF\u00FE|\u00FE\u00FF|\uFEFF)\0/.test(text)) return true;
  const n = Math.min(text.length, SAMPLE);
  let nuls = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) nuls++;
  return nuls >= 2 && nuls * 4 >= n;
}

/**
 * The sentence that says a text is UTF-16 and what to do, or undefined for any other text (a
 * non-string too: its reader names that).
 *
 * @example utf16Issue('\uFFFD\uFFFDD\0A\0T\0E\0') // 'the file is UTF-16 text: save it as CSV UTF-8 and load it again'
 */
export function utf16Issue(text: unknown): string | undefined {
  return typeof text === 'string' && looksUtf16(text) ? `the file is UTF-16 text: ${SAVE_AS_UTF8}` : undefined;
}

/**
 * Refuses UTF-16 text read as UTF-8 ({@link utf16Issue}) as `invalid_input` on `field`, before a
 * reader answers about the NUL characters and broken byte order mark it would otherwise see.
 *
 * @throws AlvhError `invalid_input`: "chain: is UTF-16 text, not UTF-8; save it as CSV UTF-8 and load it again"
 */
export function refuseUtf16(text: unknown, field: string): void {
  if (utf16Issue(text) !== undefined) throw invalidInput(field, 'is UTF-16 text, not UTF-8', SAVE_AS_UTF8);
}
