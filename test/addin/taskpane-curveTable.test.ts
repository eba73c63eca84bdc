/**
 * The taskpane's VX curve table without a browser, on a stub document that counts its work: a
 * fill numbers its rows in one pass, and a paste of more futures than the plan takes is refused
 * before a row is made, with the count and the limit under the table.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FUTURES } from '@alvh/shared';
import { addCurveRow, pasteIntoCurve, readCurve, setCurve } from '../../addin/src/taskpane/form';
import { stubDocument, type DomCounts, type StubElement } from './stubs/curveDom';

let body: StubElement;
let slot: StubElement;
let counts: DomCounts;

beforeEach(() => {
  const stub = stubDocument(['curve-rows', 'err-futures']);
  vi.stubGlobal('document', stub.document);
  [body, slot, counts] = [stub.byId('curve-rows'), stub.byId('err-futures'), stub.counts];
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
});
