/**
 * "Read from selection": a two-column key/value range from the workbook → form values.
 *
 * Keys are the form's field names or their aliases (see {@link FIELD_ALIASES}); `VX1`..`VXn` give
 * the futures in order (their expiries are the next monthly VX expiries after the date), a key that
 * is a date (ISO text or an Excel date) gives the future of that expiry, and any policy field name
 * overrides the policy, VIX9D, VIX3M, VIX6M and SKEW give the Cboe indices beside VIX ({@link
 * indexForKey}), and rsi, macdHist, adSlope and prevSpread the split's signals ({@link signalForKey}),
 * named as ALVH.PLAN's rows, as are campaignBudget, paidOverlay and paidTail, the hedge campaign
 * ({@link campaignPartForKey}). Dates may be Excel serials or ISO text. Unknown keys are reported, not
 * guessed at ({@link unknownKeysError}: the API's "unknown field" words). A key that names an input
 * already given (`spx` and `spot`, `VX1` and `vx 1`), a future numbered outside VX1…VX12, or futures
 * given both by number and by expiry date is an error naming the key, never a silent choice.
 */
import { AlvhError, MAX_FUTURES, clip, excelSerialToIso, grouped, invalidInput, vxExpiriesAfter } from '@alvh/shared';
import { DATE_FIELDS, fieldForKey, normalizeKey } from './fields';
import type { FieldName } from './fields';
import { indexForKey } from './planInput';
import type { IndexName } from './planInput';
import { signalForKey, type SignalName } from './formState';
import { plainText } from './views';
import { PastedLineError } from './errors';
import { hasDecimalComma, numberText } from './numbers';
import { BLANK_CAMPAIGN, campaignPartForKey, type CampaignText } from './campaign';
import {
  cellsShown,
  isoDate,
  mayHaveDecimalComma,
  pastedCells,
  splitDecimalComma,
  splitDecimalCommaMessage,
} from './vixCloses';

export interface SelectionValues {
  fields: Partial<Record<FieldName, string>>;
  /** The VX curve, when the range gives one. */
  futures?: { expiry: string; price: string }[];
  policy: Record<string, string>;
  /** The Cboe indices beside VIX (VIX9D, VIX3M, VIX6M, SKEW) the range gives. */
  indices: Partial<Record<IndexName, string>>;
  /** The split's signals (rsi, macdHist, adSlope, prevSpread) the range gives. */
  signals: Partial<Record<SignalName, string>>;
  /**
   * The last rebalance the range gives (rows lastDate, lastVix, lastVX1…lastVXn, as ALVH.PLAN reads
   * them), as the taskpane's entry takes it: the futures' prices one a line, front month first.
   */
  last?: { date: string; vix: string; futures: string };
  /**
   * The hedge campaign the range gives (rows campaignBudget, paidOverlay, paidTail, as ALVH.PLAN
   * reads them): all three boxes' text when any row is given, a row not given blank, so the
   * campaign's check names it as ALVH.PLAN's does.
   */
  campaign?: CampaignText;
  /** Keys that name nothing the form knows. */
  unknownKeys: string[];
  /**
   * The fields and policy fields whose cell holds a number (a date's serial aside), as that number:
   * ALVH.PLAN reads it as it is, while `fields` and `policy` hold its text for the taskpane's boxes,
   * written so that the box reads back that very number ("5,000.125", "18.8880").
   */
  numbers: { fields: Partial<Record<FieldName, number>>; policy: Record<string, number> };
}

/** First cells of a header row over names and values ("Name | Value"): no input is called so. */
const HEADER_NAMES = new Set([
  'name',
  'names',
  'key',
  'keys',
  'field',
  'fields',
  'input',
  'inputs',
  'label',
  'parameter',
]);

/**
 * The error for keys that name no input, in the API's words for an unknown field ("unknown field
 * "x": check the spelling"), with the field `inputs` (the key/value range).
 */
export function unknownKeysError(keys: readonly string[]): AlvhError {
  // a range selected with its header row ("Name | Value"): the header is the one unknown name
  const header = keys.find((k) => HEADER_NAMES.has(k.trim().toLowerCase()));
  if (header !== undefined && keys.length === 1)
    return invalidInput(
      'inputs',
      `has a header row ("${header}"), which names no input`,
      'select the rows of names and values below the header, or delete the header row',
    );
  const names = keys.map((k) => JSON.stringify(k)).join(', ');
  return invalidInput(
    'inputs',
    `unknown field${keys.length === 1 ? '' : 's'} ${names}: check the spelling or remove ${keys.length === 1 ? 'the row' : 'the rows'}`,
    "the names are date, spx, vix, VX1…, expiry, k1…k4, quantity, capital and more, listed in ALVH.PLAN's help",
  );
}

/**
 * The number n of a key `VXn` (any case, spaces or dots allowed), checked to be a listed future's
 * place on the curve: 1 (the front month) to {@link MAX_FUTURES}. Undefined when the key is not VXn.
 */
export function vxNumber(key: string, prefix = ''): number | undefined {
  const m = new RegExp(`^${prefix}vx(\\d+)$`).exec(normalizeKey(key));
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n >= 1 && n <= MAX_FUTURES))
    throw invalidInput(
      key,
      `numbers a future ${n}`,
      `number the VX futures from ${prefix === '' ? 'VX' : 'lastVX'}1 (the front month) to ${prefix === '' ? 'VX' : 'lastVX'}${MAX_FUTURES}`,
    );
  return n;
}

/**
 * A cell as text for an input: a number as text its box reads back as exactly that number ({@link
 * numberText}: 5000.125 is "5,000.125", never "5000.125", which reads as thousands grouped by a
 * dot; with `commas` false, "5000.1250"), dates as ISO (a serial typed as text too, as every
 * function reads it).
 */
function cellText(v: unknown, isDate: boolean, field: string, commas = true): string {
  if (typeof v === 'number') {
    if (isDate) return excelSerialToIso(field, v);
    return numberText(v, commas);
  }
  if (isDate && typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return excelSerialToIso(field, Number(v));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null || v === undefined) return '';
  return plainText(v).trim();
}

/** Excel serials of 1990-2100 are taken as dates when they stand in the key column. */
function keyAsDate(key: unknown): string | undefined {
  if (typeof key === 'number' && Number.isInteger(key) && key > 32874 && key < 73051)
    return excelSerialToIso('expiry', key);
  if (typeof key === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(key.trim())) return key.trim();
  return undefined;
}

/**
 * Read a selected range. Rows with an empty key are skipped; a range with other than two columns
 * is an error that says what to select.
 *
 * @param values the range's values (`Excel.Range.values`)
 * @param policyFields the policy's field names, so that their keys override the policy
 */
export function readKeyValueRange(
  values: readonly (readonly unknown[])[],
  policyFields: readonly string[],
): SelectionValues {
  if (values.length === 0 || values.every((r) => r.length < 2)) {
    throw new Error('select two columns: keys (date, spx, vix, VX1, k1, …) on the left and their values on the right');
  }
  const policyByKey = new Map(policyFields.map((p) => [normalizeKey(p), p]));
  const out: SelectionValues = {
    fields: {},
    policy: {},
    indices: {},
    signals: {},
    unknownKeys: [],
    numbers: { fields: {}, policy: {} },
  };
  const numbered: { n: number; price: string; key: string }[] = [];
  const last: { date?: string; vix?: string; numbered: { n: number; price: string; key: string }[] } = {
    numbered: [],
  };
  const dated: { expiry: string; price: string; key: string }[] = [];
  /** Who gave each input, so that a second key for it names both. */
  const givenBy = new Map<string, string>();
  const once = (input: string, key: string): void => {
    const first = givenBy.get(input);
    if (first !== undefined)
      throw invalidInput(
        key,
        `gives ${input} again (the row ${JSON.stringify(first)} gives it)`,
        'keep one row per input',
      );
    givenBy.set(input, key);
  };

  for (const row of values) {
    const [key, value] = row;
    if (key === '' || key === null || key === undefined) continue;
    const expiry = keyAsDate(key);
    if (expiry !== undefined) {
      const k = typeof key === 'number' ? expiry : plainText(key).trim();
      once(`the future of ${expiry}`, k);
      dated.push({ expiry, price: cellText(value, false, expiry), key: k });
      continue;
    }
    const k = plainText(key);
    const lastKey = /^last(date|vix)$/.exec(normalizeKey(k))?.[1] as 'date' | 'vix' | undefined;
    if (lastKey !== undefined) {
      once(lastKey === 'date' ? 'lastDate' : 'lastVix', k);
      last[lastKey] = cellText(value, lastKey === 'date', k);
      continue;
    }
    const lastN = vxNumber(k, 'last');
    if (lastN !== undefined) {
      once(`lastVX${lastN}`, k);
      // a line of the last rebalance's futures box, which parts cells at a comma
      last.numbered.push({ n: lastN, price: cellText(value, false, k, false), key: k });
      continue;
    }
    const n = vxNumber(k);
    if (n !== undefined) {
      once(`VX${n}`, k);
      numbered.push({ n, price: cellText(value, false, k), key: k });
      continue;
    }
    const field = fieldForKey(k);
    if (field) {
      once(field, k);
      out.fields[field] = cellText(value, DATE_FIELDS.has(field), k);
      if (typeof value === 'number' && !DATE_FIELDS.has(field)) out.numbers.fields[field] = value;
      continue;
    }
    const index = indexForKey(k);
    if (index) {
      once(index.toUpperCase(), k);
      out.indices[index] = cellText(value, false, k);
      continue;
    }
    const signal = signalForKey(k);
    if (signal) {
      once(signal, k);
      out.signals[signal] = cellText(value, false, k);
      continue;
    }
    const part = campaignPartForKey(k);
    if (part) {
      once(part, k);
      out.campaign = { ...(out.campaign ?? BLANK_CAMPAIGN), [part]: cellText(value, false, k) };
      continue;
    }
    const policyKey = policyByKey.get(normalizeKey(k));
    if (policyKey) {
      once(policyKey, k);
      out.policy[policyKey] = cellText(value, false, k);
      if (typeof value === 'number') out.numbers.policy[policyKey] = value;
      continue;
    }
    out.unknownKeys.push(k);
  }

  const futures = curveRows(numbered, dated, out.fields.valuationDate, givenBy.get('valuationDate'));
  if (futures !== undefined) out.futures = futures;
  if (last.date !== undefined || last.vix !== undefined || last.numbered.length > 0) out.last = lastRebalanceRows(last);
  // three empty campaign rows give no campaign (as ALVH.PLAN reads them): the boxes are left as they are
  if (out.campaign !== undefined && Object.values(out.campaign).every((v) => v === '')) delete out.campaign;
  return out;
}

/**
 * How many values a range gave: fields, policy, indices, signals, futures, the last rebalance's
 * rows and the campaign's filled rows.
 */
export function valuesRead(got: SelectionValues): number {
  const last = got.last;
  const lastRows = last
    ? [last.date, last.vix].filter((v) => v !== '').length + (last.futures === '' ? 0 : last.futures.split('\n').length)
    : 0;
  const values = { ...got.fields, ...got.policy, ...got.indices, ...got.signals };
  const campaignRows = got.campaign ? Object.values(got.campaign).filter((v) => v !== '').length : 0;
  return Object.keys(values).length + (got.futures?.length ?? 0) + lastRows + campaignRows;
}

/**
 * The VX curve of a range's rows, by number (VX1…VXn after `date`, without a gap) or by expiry
 * date, never both; undefined when the range gives none. `dateKey` is the key of the date row.
 */
function curveRows(
  numbered: { n: number; price: string; key: string }[],
  dated: { expiry: string; price: string; key: string }[],
  date: string | undefined,
  dateKey: string | undefined,
): { expiry: string; price: string }[] | undefined {
  if (numbered.length > 0 && dated.length > 0)
    throw invalidInput(
      dated[0]!.key,
      `gives a future by its expiry date while ${numbered[0]!.key} gives one by its number`,
      'give the curve one way: VX1…VXn, or one row per expiry date',
    );
  if (numbered.length > 0) {
    // a date row left empty is said as any empty row is, not as a row missing
    if (!date && dateKey !== undefined)
      throw invalidInput(dateKey, 'is empty', 'fill in its value: pass a date as YYYY-MM-DD');
    if (!date)
      throw new Error('the range gives VX1, VX2, … but no date: add a "date" row so their expiries can be set');
    numbered.sort((a, b) => a.n - b.n);
    // The split reads the front two futures: a curve from VX2 on, or with a month left out, would
    // read other months as them.
    const gap = numbered.findIndex((f, i) => f.n !== i + 1);
    if (gap >= 0)
      throw invalidInput(
        `VX${gap + 1}`,
        `is missing while ${numbered[gap]!.key} is given`,
        `give the futures from VX1 (the front month) on without a gap: the method reads VX1 and VX2 as the front two`,
      );
    const last = numbered[numbered.length - 1]!.n;
    const expiries = vxExpiriesAfter(date, last);
    return numbered.map((f) => ({ expiry: expiries[f.n - 1]!, price: f.price }));
  } else if (dated.length > 0) {
    return dated.sort((a, b) => (a.expiry < b.expiry ? -1 : 1)).map(({ expiry, price }) => ({ expiry, price }));
  }
  return undefined;
}

/** The last rebalance's rows as the entry takes them; lastVX1… without a gap, as ALVH.PLAN reads them. */
function lastRebalanceRows(last: {
  date?: string;
  vix?: string;
  numbered: { n: number; price: string; key: string }[];
}): NonNullable<SelectionValues['last']> {
  const numbered = [...last.numbered].sort((a, b) => a.n - b.n);
  const gap = numbered.findIndex((f, i) => f.n !== i + 1);
  if (gap >= 0)
    throw invalidInput(
      `lastVX${gap + 1}`,
      `is missing while ${numbered[gap]!.key} is given`,
      'give the last futures from lastVX1 (the front month then) on without a gap',
    );
  return { date: last.date ?? '', vix: last.vix ?? '', futures: numbered.map((f) => f.price).join('\n') };
}

/** A pasted curve the table cannot take: the line (1-based) and what to fix. */
export class PastedCurveError extends PastedLineError {
  constructor(line: number, message: string) {
    super('Pasted curve', line, message);
    this.name = 'PastedCurveError';
  }
}

/** An expiry cell as ISO text: ISO or M/D/YYYY text, or an Excel date serial; other text as it is (the form names it). */
function expiryText(cell: string): string {
  const serial = Number(cell);
  if (/^\d+$/.test(cell) && serial > 32874 && serial < 73051) return excelSerialToIso('expiry', serial);
  return isoDate(cell) ?? cell;
}

/** A first pasted line that names its columns ("Expiry  Settle"): words where the price goes, no date where the expiry goes. */
function isHeader(cells: readonly string[]): boolean {
  const price = cells[cells.length - 1]!;
  const word = /^[A-Za-z][A-Za-z .()_-]*$/.test(price) && !/^n\/?a$/i.test(price);
  return word && (cells.length === 1 || (expiryText(cells[0]!) === cells[0] && !/^\d/.test(cells[0])));
}

/**
 * Rows pasted from a sheet into the curve table: lines of (expiry, price), cells split as
 * {@link pastedCells} splits them, or one price per line (expiries are then left to the caller). A
 * first line of words (no date, no number: "Expiry  Settle") is a header and is skipped; any other
 * line is a row, a blank one between rows included (its price empty, for the form to name), so no
 * price moves to another month. A line of more than two cells, or a price with a comma (VX prices
 * have no thousands, so "39,17" is a decimal comma), is refused naming the line: neither is ever
 * read as a number it might not be.
 *
 * @throws PastedCurveError naming the line and the fix
 */
export function parsePastedCurve(text: string): { expiry?: string; price: string }[] {
  const out: { expiry?: string; price: string }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') {
      if (out.length > 0) out.push({ price: '' });
      return;
    }
    // One price with a decimal comma ("39,17") is one cell, not a CSV of two; an Excel date
    // serial before the comma ("45798,31") makes it a CSV row.
    const cells = /^\d{1,3},\d+$/.test(line) ? [line] : pastedCells(line);
    const split = splitDecimalComma(line, cells, 2);
    if (split !== undefined) throw new PastedCurveError(i + 1, splitDecimalCommaMessage('price', split));
    if (cells.length > 2)
      throw new PastedCurveError(
        i + 1,
        `has ${grouped(cells.length)} cells (${cellsShown(cells)}): paste two columns, expiry and price, or one column of prices${
          mayHaveDecimalComma(line, cells) ? '; write decimals with a point, not a comma' : ''
        }`,
      );
    if (out.length === 0 && isHeader(cells)) return;
    const price = cells[cells.length - 1]!;
    if (price.includes(','))
      throw new PastedCurveError(
        i + 1,
        hasDecimalComma(price)
          ? `the price "${clip(price)}" has a decimal comma: write ${clip(price.replace(',', '.'))} (VX prices have no thousands separator)`
          : `the price "${clip(price)}" has a comma: write the price in VIX points with a point for decimals (e.g. 19.35)`,
      );
    out.push(cells.length === 2 ? { expiry: expiryText(cells[0]!), price } : { price });
  });
  return out;
}
