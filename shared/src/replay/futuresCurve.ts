/**
 * Cboe's VIX futures curve download (`expiration_date,symbol,settlement`): one day's settlements
 * of the weekly (`VX30/N6`) and monthly (`VX/Q6`) contracts. The file carries no trade date, so it
 * gives quotes, not a row: the caller adds the valuation date and VIX spot to form a CurveInput.
 */
import { invalidInput } from '../errors';
import { parseIsoDate } from '../dates';
import { isVxExpiry, vxExpiryFix, type FuturesQuote } from '../market/index';

const HEADER = 'expiration_date,symbol,settlement';

/**
 * Monthly and weekly quotes of a Cboe VIX futures curve file, each sorted by expiry. A monthly
 * symbol whose expiry is not a monthly VX expiry of the calendar is an error (it would be dated
 * wrongly everywhere else).
 *
 * @example
 * parseCboeFuturesCurve('expiration_date,symbol,settlement\n2026-08-19,VX/Q6,19.5133\n')
 * // { monthly: [{ expiry: '2026-08-19', price: 19.5133 }], weekly: [] }
 */
export function parseCboeFuturesCurve(text: string): { monthly: FuturesQuote[]; weekly: FuturesQuote[] } {
  if (typeof text !== 'string' || text.trim() === '') {
    throw invalidInput('text', 'is empty', 'pass the whole file, header line first');
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if ((lines[0] ?? '').trim().toLowerCase() !== HEADER) {
    throw invalidInput(
      'line 1',
      `the header "${(lines[0] ?? '').trim().slice(0, 120)}" is not "${HEADER}"`,
      'pass a Cboe VIX futures curve download',
    );
  }
  const monthly: FuturesQuote[] = [];
  const weekly: FuturesQuote[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== 3)
      throw invalidInput(
        `line ${i + 1}`,
        `has ${cells.length} cells, the header has 3`,
        'repair the line or remove it',
      );
    const [expiry, symbol, settle] = cells as [string, string, string];
    try {
      parseIsoDate('expiration_date', expiry);
    } catch {
      throw invalidInput(`line ${i + 1} (expiration_date)`, `is "${expiry}", not a date`, 'write dates as YYYY-MM-DD');
    }
    const price = Number(settle);
    if (settle === '' || !Number.isFinite(price) || price <= 0) {
      throw invalidInput(
        `line ${i + 1} (settlement)`,
        `is "${settle}", not a positive price`,
        'write a price such as 19.51',
      );
    }
    const m = /^VX(\d*)\/[FGHJKMNQUVXZ]\d$/.exec(symbol);
    if (!m)
      throw invalidInput(
        `line ${i + 1} (symbol)`,
        `is "${symbol}", not a VX futures symbol`,
        'expect VX/Q6 (monthly) or VX31/Q6 (weekly)',
      );
    if (m[1] === '') {
      if (!isVxExpiry(expiry)) {
        throw invalidInput(
          `line ${i + 1} (expiration_date)`,
          `${expiry} of monthly ${symbol} is not a monthly VX expiry`,
          `check the row: ${vxExpiryFix(expiry)}`,
        );
      }
      monthly.push({ expiry, price });
    } else weekly.push({ expiry, price });
  }
  const byExpiry = (a: FuturesQuote, b: FuturesQuote): number =>
    a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : 0;
  return { monthly: monthly.sort(byExpiry), weekly: weekly.sort(byExpiry) };
}
