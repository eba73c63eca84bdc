/**
 * The taskpane's VX curve table without a browser, on a stub document that counts its work: a
 * fill numbers its rows in one pass, a paste of more futures than the plan takes is refused
 * before a row is made, with the count and the limit under the table, and a paste that leaves rows
 * of the earlier curve names them in the note under the table until the curve is next edited.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FUTURES } from '@alvh/shared';
import { addCurveRow, keptRowsNote, pasteIntoCurve, readCurve, setCurve } from '../../addin/src/taskpane/form';
import { stubDocument, type DomCounts, type StubElement } from './stubs/curveDom';

let body: StubElement;
let slot: StubElement;
let note: StubElement;
let counts: DomCounts;

beforeEach(() => {
  const stub = stubDocument(['curve-rows', 'err-futures', 'curve-note']);
  vi.stubGlobal('document', stub.document);
  [body, slot, note, counts] = [
    stub.byId('curve-rows'),
    stub.byId('err-futures'),
    stub.byId('curve-note'),
    stub.counts,
  ];
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const labels = () => body.rows.map((tr) => tr.querySelector('.fut-price')?.getAttribute('aria-label'));
const places = (n: number) => Array.from({ length: n }, (_, i) => `VX ${i + 1} price`);
const prices = (n: number) => Array.from({ length: n }, (_, i) => (20 + i / 10).toFixed(2));

/** Paste `text` into the price box of row `row` (0-based), as the browser's paste event brings it. */
function paste(text: string, row = 0): ReturnType<typeof pasteIntoCurve> {
  const target = body.rows[row]!.querySelector('.fut-price');
  const ev = { clipboardData: { getData: () => text }, preventDefault: () => {}, target };
  return pasteIntoCurve(ev as unknown as ClipboardEvent);
}

describe('the VX curve table', () => {
  it('numbers the rows of a fill once, three labels a row, not every row again at each row added', () => {
    setCurve(prices(MAX_FUTURES).map((price) => ({ expiry: '', price })));
    expect(labels()).toEqual(places(MAX_FUTURES));
    // a row numbered again at each row added sets 3 × (1 + 2 + … + 12) = 234 labels
    expect(counts.attributesSet).toBe(3 * MAX_FUTURES);
    // a row added is numbered as the last, the others left as they are
    setCurve(prices(3).map((price) => ({ expiry: '', price })));
    counts.attributesSet = 0;
    addCurveRow();
    expect(labels()).toEqual(places(4));
    expect(counts.attributesSet).toBe(3);
    // a row removed: those below take the numbers of their new places
    body.rows[0]!.querySelector('button')!.fire('click');
    expect(labels()).toEqual(places(3));
  });

  it('pastes as many prices as the plan takes, numbered in one pass', () => {
    setCurve([{ expiry: '', price: '' }]);
    counts.attributesSet = 0;
    expect(paste(prices(MAX_FUTURES).join('\n'))).toBe('expiries');
    expect(readCurve().map((r) => r.price)).toEqual(prices(MAX_FUTURES));
    expect(labels()).toEqual(places(MAX_FUTURES));
    expect(counts.attributesSet).toBe(3 * MAX_FUTURES);
  });

  it('refuses a paste of more futures than the plan takes, naming the table, the count and the limit, and adds no row', () => {
    const before = prices(3).map((price) => ({ expiry: '2025-04-16', price }));
    const refused = (text: string, row: number, message: string) => {
      setCurve(before);
      slot.textContent = '';
      counts.elementsMade = 0;
      expect(paste(text, row)).toBe('refused');
      expect(slot.textContent).toBe(message);
      expect(slot.textContent.length).toBeLessThanOrEqual(255);
      expect(readCurve()).toEqual(before);
      expect(counts.elementsMade).toBe(0);
    };
    const monthly =
      'paste the monthly contracts alone, front month first, without the weeklies a curve file lists beside them. Nothing was pasted.';
    refused(
      prices(13).join('\n'),
      0,
      `VX curve table: the paste has 13 rows, and the table takes at most 12 futures: ${monthly}`,
    );
    // more lines than 12 rows and a header are refused unread, by their count
    refused(
      `Settle\n${prices(13).join('\n')}`,
      0,
      `VX curve table: the paste has 14 lines, and the table takes at most 12 futures: ${monthly}`,
    );
    // thousands of lines are refused unread
    refused(
      prices(4000).join('\n'),
      1,
      `VX curve table: the paste has 4,000 lines, and the table takes at most 12 futures: ${monthly}`,
    );
    // rows that fit, pasted too low in the table
    refused(
      prices(11).join('\n'),
      2,
      'VX curve table: the paste has 11 rows, from row 3 to row 13, and the table takes at most 12 futures: paste them into a row higher up. Nothing was pasted.',
    );
    // the same rows from the first row are pasted, and 12 under a header
    setCurve(before);
    expect(paste(prices(11).join('\n'))).toBe('expiries');
    expect(readCurve()).toHaveLength(11);
    expect(paste(`Settle\n${prices(12).join('\n')}`)).toBe('expiries');
    expect(readCurve().map((r) => r.price)).toEqual(prices(12));
  });

  it('shows a curve line of a million cells cut short, naming its line', () => {
    setCurve([{ expiry: '', price: '' }]);
    expect(paste(`2025-04-16\t39.17\n${Array.from({ length: 1_000_000 }, (_, i) => i).join('\t')}`)).toBe('refused');
    expect(slot.textContent).toMatch(
      /^Pasted curve, line 2: has 1,000,000 cells \("0", "1", "2", .*, …\): paste two columns, .*\. Nothing was pasted\.$/,
    );
    expect(slot.textContent.length).toBeLessThanOrEqual(255);
  });

  it('names the rows a paste kept from the earlier curve under the table, until the curve is next edited', () => {
    const day = prices(8).map((price, i) => ({ expiry: `2025-${String(i + 4).padStart(2, '0')}-16`, price }));
    const kept = (rows: string) =>
      `Rows ${rows} of the VX curve kept from before the paste: remove them if they are not of the same day as the rows pasted.`;
    // three prices into the first row of eight: rows 4-8 keep the earlier prices, and the note says so
    setCurve(day);
    expect(paste('39.5\n31.1\n29.0')).toBe('expiries');
    expect(readCurve().map((r) => r.price)).toEqual(['39.5', '31.1', '29.0', ...prices(8).slice(3)]);
    expect(note.textContent).toBe(kept('4-8'));
    expect(note.textContent.length).toBeLessThanOrEqual(255);
    // typing in a cell clears it, as does a row removed, a paste that fills every row, or a new fill
    body.rows[5]!.querySelector('.fut-price')!.fire('input');
    expect(note.textContent).toBe('');
    expect(paste('2025-04-16\t40\n2025-05-21\t32', 1)).toBe('filled');
    expect(note.textContent).toBe(kept('1 and 4-8'));
    body.rows[7]!.querySelector('button')!.fire('click');
    expect(note.textContent).toBe('');
    expect(paste(prices(7).join('\n'))).toBe('expiries');
    expect(note.textContent).toBe('');
    expect(paste('40\n32', 6)).toBe('expiries');
    expect(note.textContent).toBe(kept('1-6'));
    setCurve(day);
    expect(note.textContent).toBe('');
    // a paste refused leaves the table, and so the note, as they were
    expect(paste('40\n32', 6)).toBe('expiries');
    expect(paste('40,5\n32,1')).toBe('refused');
    expect(note.textContent).toBe(kept('1-6'));
    // one row kept, and blank rows are not named
    expect(keptRowsNote([...day.slice(0, 3), { expiry: '', price: ' ' }], 0, 2)).toBe(
      'Row 3 of the VX curve kept from before the paste: remove it if it is not of the same day as the rows pasted.',
    );
    expect(keptRowsNote([day[0]!, { expiry: '', price: '' }, ...day.slice(2, 6)], 4, 1)).toBe(kept('1, 3-4 and 6'));
  });
});
