/**
 * The Positions box is read once per text and Date: a keystroke in another field checks the form
 * again (against SPX and the VX futures too) without reading a pasted book again, which for a
 * broker export of thousands of lines made every keystroke in the form slow.
 */
import { beforeEach, expect, it, vi } from 'vitest';
import * as shared from '@alvh/shared';
import { checkPositions, positionsNote } from '../../addin/src/taskpane/planExtras';

vi.mock('@alvh/shared', async (actual) => {
  const real = await actual<typeof import('@alvh/shared')>();
  return { ...real, parsePositionsCsv: vi.fn(real.parsePositionsCsv) };
});

const read = vi.mocked(shared.parsePositionsCsv);
const BOOK = ['Symbol,Qty', ...Array.from({ length: 40 }, (_, i) => `SPXW 250523P0${3000 + 5 * i},-1`)].join('\n');

// (a block: a function returned from beforeEach would be called as its teardown)
beforeEach(() => {
  read.mockClear();
});

it('reads the box again only when its text or the Date changes', () => {
  const first = checkPositions(BOOK, '2025-04-08', { spot: 4982.77 });
  expect(first).toEqual({ count: 40, messages: [], market: false });
  // other fields typed: SPX, then the curve's last future
  expect(checkPositions(BOOK, '2025-04-08', { spot: 4990 })).toEqual(first);
  expect(checkPositions(BOOK, '2025-04-08', { spot: 4990, lastFuture: '2025-11-19' })).toMatchObject({ count: 40 });
  expect(read).toHaveBeenCalledTimes(1);
  // the Date or the text changed: read again
  checkPositions(BOOK, '2025-04-09');
  checkPositions(`${BOOK}\nSPXW 250523P03000,1`, '2025-04-09');
  expect(read).toHaveBeenCalledTimes(3);
});

it('keeps a bad line named while other fields are typed, without reading the box again', () => {
  const bad = `${BOOK}\nSPXW 250523P03752,5`;
  const said = checkPositions(bad, '2025-04-08').messages;
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(/^line 42: /);
  expect(checkPositions(bad, '2025-04-08', { spot: 5000 }).messages).toEqual(said);
  expect(read).toHaveBeenCalledTimes(1);
});

it('refuses text over the plan’s limit unread, with the way to bring it within, as the plan does', () => {
  // the pane said "9999 positions read", then the run failed with no way out
  const line = 'SPXW 250523P03750,1,1.00,Long description of the position as the broker writes it\n';
  const text = `Symbol,Qty,Avg Price,Description\n${line.repeat(Math.ceil(100_001 / line.length))}`;
  const check = checkPositions(text, '2025-04-08');
  expect(check.count).toBe(0);
  expect(check.messages).toEqual([
    `${text.length.toLocaleString('en-US')} characters: pass at most 100,000 characters of positions: delete the columns not read (all but the symbol and the signed quantity), or paste only the option lines`,
  ]);
  expect(read).not.toHaveBeenCalled();
  const refused = shared.PositionsInputSchema.safeParse({ valuationDate: '2025-04-08', positions: text });
  expect(refused.error?.issues[0]?.message).toBe(shared.TOO_LONG_POSITIONS);
  const lines = Math.floor(99_000 / line.length);
  const within = `Symbol,Qty,Avg Price,Description\n${line.repeat(lines)}`;
  expect(checkPositions(within, '2025-04-08')).toMatchObject({
    count: lines,
    options: { distinct: 1, netZero: 0 },
    messages: [],
  });
});

it('counts the distinct options apart from the lines where lines of one option net, and those netting to zero', () => {
  const book = 'Symbol,Qty\nSPXW 250523P03750,1\nSPXW 250523P03750,-1\nSPX 250516P03750,2\nSPXW 250516P03750,1\n';
  const check = checkPositions(book, '2025-04-08');
  // SPX and SPXW of the 2025-05-16 third Friday are two contracts (AM- and PM-settled): they do not net
  expect(check).toEqual({ count: 4, options: { distinct: 3, netZero: 1 }, messages: [], market: false });
  expect(positionsNote(check)).toMatch(
    /^4 position lines read \(3 distinct options once lines of one option net, 1 of them netting to zero\); checked/,
  );
  // short 10 and short 5 of one put: 15 contracts of one option, not "1 contract"
  const short = checkPositions('Symbol,Qty\nSPXW 250523P03750,-10\nSPXW 250523P03750,-5\n', '2025-04-08');
  expect(positionsNote(short)).toMatch(
    /^2 position lines read \(1 distinct option once lines of one option net\); checked/,
  );
  const closed = checkPositions('Symbol,Qty\nSPXW 250523P03750,-10\nSPXW 250523P03750,10\n', '2025-04-08');
  expect(positionsNote(closed)).toMatch(
    /^2 position lines read \(1 distinct option once lines of one option net, its lines netting to zero\); checked/,
  );
  expect(checkPositions(BOOK, '2025-04-08').options).toBeUndefined();
});
