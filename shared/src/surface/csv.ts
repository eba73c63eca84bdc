/**
 * CSV is read by {@link readCsv}, RFC 4180 in 70 lines. csv-parse (sync API) was tried first: it
 * read the 1.5 MB quotedata file in 0.9-2.1 s, against 10-110 ms of CPU for this reader (0.13-0.2 s
 * for the whole quotedata parse: docs/surfaces.md, Chain import), and a chain is pasted and
 * refitted interactively; the quoting rules needed (quoted fields with
 * commas, as in "Date: February 5 2022, 8:09 PM EST", doubled quotes, CRLF) are few.
 */
import { invalidInput } from '../errors';

export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * RFC 4180 CSV: fields separated by commas, optionally in double quotes (a doubled quote inside
 * stands for one), records ended by LF, CRLF or a lone CR; cells trimmed; a leading BOM ignored.
 * Each record keeps the 1-based line it starts on, for error messages. A quote never closed, and
 * text after a closing quote ("4300"5), are refused naming the line (and the column).
 */
export function readCsv(text: string, field: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const cells: string[] = [];
    const startLine = line;
    for (;;) {
      let cell: string;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] === '"') {
        const start = i;
        let j = i + 1;
        let buf = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw invalidInput(
              `${field} line ${startLine}`,
              'has a quoted field that is never closed',
              'close every opening double quote (a quote inside a field is written twice)',
            );
          }
          buf += text.slice(j, q);
          if (text[q + 1] === '"') {
            buf += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        for (let c = i; c < j; c++) if (lineBreakAt(text, c)) line++;
        i = j;
        while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          // "4300"5 is no field RFC 4180 writes: dropping the 5 would read 4300
          let end = i;
          while (end < n && end - i < 40 && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
          const typed = text.slice(start, end);
          throw invalidInput(
            `${field} line ${line} column ${cells.length + 1}`,
            `is ${typed.length > 60 ? `${typed.slice(0, 25)}...${typed.slice(-25)}` : typed}: text after the closing quote of a quoted cell`,
            'put the whole cell inside the quotes, or write it without quotes (a quote inside a quoted cell is written twice)',
          );
        }
        cell = buf.trim();
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        cell = text.slice(i, j).trim();
        i = j;
      }
      cells.push(cell);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    out.push({ cells, line: startLine });
  }
  return out;
}

/**
 * Refuses a chain separated by semicolons or tabs, which {@link readCsv} would read as one cell a
 * line (and answer with an unrelated error: no date, no expiry column). The header is the
 * quotedata "Expiration Date" line (in any case), else the first line with more than blanks; a header with a
 * comma is taken as comma-separated.
 */
export function checkCommaSeparated(text: string, field: string): void {
  // line by line as readCsv reads them (CRLF, LF, lone CR), linear: see isQuotedata
  const qd = /(?<![^\r\n])[^\S\r\n]*(?=Expiration Date[;\t])/i.exec(text);
  const start = qd ? qd.index + qd[0].length : text.search(/[^\s\uFEFF]/);
  if (start < 0) return;
  const rest = text.slice(start, start + 2000);
  const header = rest.slice(0, rest.search(/[\r\n]|$/));
  if (header.includes(',')) return;
  const sep = header.includes(';') ? 'semicolons' : header.includes('\t') ? 'tabs' : null;
  if (sep === null) return;
  const line = text.slice(0, start).split(/\r\n|\r|\n/).length;
  const shown = header.length > 60 ? `${header.slice(0, 60)}...` : header;
  throw invalidInput(
    `${field} line ${line}`,
    `is the header ${JSON.stringify(shown)}, separated by ${sep}: a chain is read comma-separated`,
    'save it as CSV with commas (European settings write ";": set the list separator to "," and the decimal symbol to "." in the region settings, then save again)',
  );
}

export function isBlank(r: CsvRecord): boolean {
  return r.cells.every((c) => c === '');
}

/**
 * Whether a line ends at `i`: an LF, or a CR not followed by an LF (CRLF ends one line, at its LF).
 * The lines of a chain's text are {@link readCsv}'s records: U+2028 and U+2029 end none.
 */
function lineBreakAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
}

/**
 * Whether `String.prototype.trim` removes the UTF-16 code unit `c` (ECMAScript's white space and
 * line terminators: tab to CR, space, no-break space, U+1680, U+2000-U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000 and the BOM). {@link readCsv} trims every cell, so a cell of these alone
 * is empty, and a record of empty cells is a blank row ({@link isBlank}) that the chain readers skip.
 */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x2000) return c === 0xa0 || c === 0x1680;
  return c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether the characters of `text` from `from` to before `to` are all {@link isTrimmed}. */
function trimmedRun(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isTrimmed(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The rows of a chain's text that are not blank, counted up to `stop` + 1 (the caller refuses a
 * text over `stop` rows, so the count ends there): its size in rows before it is read. The rows
 * are {@link readCsv}'s records, and a row is blank as the chain readers take it ({@link isBlank}:
 * every cell empty once trimmed, {@link isTrimmed}), so what they skip is not counted: a line of
 * spaces, of U+2028, of no-break spaces or of commas alone (",,,,", an empty row as Excel saves
 * it). A record ends where readCsv's do (CRLF, LF, a lone CR, outside quotes): rows separated by
 * lone CRs are counted one by one, as they are read. Linear in the text, no pattern: a character is
 * looked at once (twice inside quotes); text the reader refuses (a quote never closed) is counted
 * as one more row and left to it.
 */
export function filledLines(text: string, stop = Infinity): number {
  const n = text.length;
  let rows = 0;
  let filled = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n && rows <= stop) {
    // a cell, as readCsv reads it: spaces and tabs, a quoted part, then the rest to a comma or line end
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    if (c === 34) {
      for (let j = i + 1; ;) {
        const q = text.indexOf('"', j);
        if (q < 0) return rows + 1;
        // a doubled quote is a quote in the cell
        const doubled = text.charCodeAt(q + 1) === 34;
        if (!filled) filled = doubled || !trimmedRun(text, j, q);
        if (!doubled) {
          i = q + 1;
          break;
        }
        j = q + 2;
      }
    }
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c === 44 || c === 10 || c === 13) break;
      if (!filled && !isTrimmed(c)) filled = true;
    }
    if (i < n && c === 44) {
      i++;
      continue;
    }
    if (c === 13) c = text.charCodeAt(++i);
    if (c === 10) i++;
    if (filled) rows++;
    filled = false;
  }
  return filled ? rows + 1 : rows;
}
